"""The region's checklists: defaults made once by a controller, editing, and the xlsx import
(good; bad refused whole with row errors and nothing changed) and export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from regionplan import auditing
from regionplan.tenancy import region_scope
from workenv.models import Checklist, ChecklistQuestion


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def xlsx_file(rows, name="lista.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


HEAD = ["Område", "Fråga", "Föreskrift", "Hjälptext"]


def checklist(world):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        item = Checklist.objects.create(name="Verkstad")
        ChecklistQuestion.objects.create(checklist=item, area="Buller", text="Gammal fråga", order=1)
    return item


@pytest.mark.django_db
def test_defaults_once_by_controller(world):
    client = world.client("controller")
    assert world.client("manager").post(url("we_checklist_defaults")).status_code == 403
    assert client.post(url("we_checklist_defaults")).status_code == 302
    assert client.post(url("we_checklist_defaults")).status_code == 302
    with region_scope(world.alfa):
        names = sorted(Checklist.objects.values_list("name", flat=True))
        assert names == ["Kontorsarbete", "Vårdlokaler"]
        for item in Checklist.objects.all():
            assert 10 <= item.questions.count() <= 14
            assert all(q.reference.startswith("AFS 2023:") for q in item.questions.all())
    page = world.client("reader").get(url("we_checklists")).content.decode()
    assert "Kontorsarbete" in page and "Skapa standardchecklistor" not in page


@pytest.mark.django_db
def test_edit_question(world):
    item = checklist(world)
    client = world.client("controller")
    data = {
        "form": "question",
        "q-area": "Belysning",
        "q-text": "Lyser det?",
        "q-reference": "AFS 2023:12",
        "q-help_text": "",
        "q-order": "2",
    }
    assert client.post(url("we_checklist", pk=item.pk), data).status_code == 302
    bad = client.post(url("we_checklist", pk=item.pk), {**data, "q-text": ""})
    assert bad.status_code == 400
    assert world.client("manager").post(url("we_checklist", pk=item.pk), data).status_code == 403
    with region_scope(world.alfa):
        assert item.questions.count() == 2
    page = world.client("reader").get(url("we_checklist", pk=item.pk)).content.decode()
    assert "Lyser det?" in page and "Belysning" in page
    assert world.client("outsider").get(url("we_checklist", pk=item.pk)).status_code == 404


@pytest.mark.django_db
def test_import_good_then_export(world):
    item = checklist(world)
    upload = xlsx_file([HEAD, ["Buller", "Är det tyst?", "AFS 2023:10", "Mät"], ["Brand", "Fria vägar?", "", ""]])
    response = world.client("controller").post(url("we_checklist_import", pk=item.pk), {"file": upload})
    assert response.status_code == 302
    with region_scope(world.alfa):
        assert list(item.questions.order_by("order").values_list("text", flat=True)) == ["Är det tyst?", "Fria vägar?"]
    exported = world.client("reader").get(url("we_checklist", pk=item.pk) + "?excel=1")
    assert exported.status_code == 200
    rows = list(load_workbook(io.BytesIO(exported.content)).active.values)
    assert list(rows[0]) == HEAD and rows[1][1] == "Är det tyst?"


@pytest.mark.parametrize(
    "rows,expected",
    [
        ([HEAD + ["Extra"], ["A", "B", "", "", ""]], "Okänd kolumn"),
        ([["Område", "Fråga", "Föreskrift"], ["A", "B", ""]], "Kolumnen saknas"),
        (
            [HEAD, ["A", "B", "", ""], ["A", "C", "", ""], ["A", "D", "", ""], ["A", "", "", ""]],
            "Rad 5, kolumn Fråga: Värdet saknas.",
        ),
    ],
)
@pytest.mark.django_db
def test_import_bad_refused_whole(world, rows, expected):
    item = checklist(world)
    response = world.client("controller").post(url("we_checklist_import", pk=item.pk), {"file": xlsx_file(rows)})
    assert response.status_code == 400
    assert expected in response.content.decode()
    with region_scope(world.alfa):
        assert list(item.questions.values_list("text", flat=True)) == ["Gammal fråga"]
    assert (
        world.client("manager").post(url("we_checklist_import", pk=item.pk), {"file": xlsx_file(rows)}).status_code
        == 403
    )
