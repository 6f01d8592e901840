"""The årshjul template in xlsx: export with month names, an import that adds and updates by
name, a bad file refused whole with row and column named and nothing changed, and the month
parser table-driven."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from regionplan import auditing
from regionplan.models import AuditEntry
from regionplan.tenancy import region_scope
from workenv.excel_year import month_number
from workenv.models import STANDARD_ACTIVITIES, ActivityTemplate

HEAD = ["Aktivitet", "Beskrivning", "Från månad", "Klar senast månad", "Används"]


def url(name):
    return reverse(name, args=["alfa"])


def xlsx_file(rows, name="arshjul.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def names_and_months(world):
    with region_scope(world.alfa):
        return sorted(ActivityTemplate.objects.values_list("name", "start_month", "due_month", "active"))


@pytest.mark.parametrize(
    "text, number",
    [
        ("1", 1),
        ("12", 12),
        ("mars", 3),
        ("Mars", 3),
        ("mar", 3),
        ("okt.", 10),
        (" September ", 9),
        ("maj", 5),
        ("0", None),
        ("13", None),
        ("ju", None),  # juni or juli: too short to tell
        ("²", None),
        ("", None),
        ("march", None),
    ],
)
def test_month_number(text, number):
    assert month_number(text) == number


@pytest.mark.django_db
def test_export_has_the_template_with_month_names(world):
    assert world.client("controller").post(url("we_year_template_defaults")).status_code == 302
    response = world.client("reader").get(url("we_year_template") + "?excel=1")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEAD
    assert len(rows) == 1 + len(STANDARD_ACTIVITIES)
    spring = next(r for r in rows if r[0] == "Skyddsrond vår")
    assert spring[2:] == ("mars", "april", "Ja")


@pytest.mark.django_db
def test_import_adds_and_updates_by_name_and_is_audited(world):
    client = world.client("controller")
    client.post(url("we_year_template_defaults"))
    before = dict((n, (s, d)) for n, s, d, _a in names_and_months(world))
    file = xlsx_file(
        [
            HEAD,
            ["skyddsrond  VÅR", "Med skyddsombudet", "feb", "3", "ja"],  # same name, case and spaces folded
            ["Brandövning", "", "september", "oktober", "Nej"],
            [None, None, None, None, None],  # an empty row is skipped
        ]
    )
    response = client.post(url("we_year_template_import"), {"file": file})
    assert response.status_code == 302
    after = {n: (s, d, a) for n, s, d, a in names_and_months(world)}
    assert after["Skyddsrond vår"] == (2, 3, True)
    assert after["Brandövning"] == (9, 10, False)
    assert len(after) == len(before) + 1
    with region_scope(world.alfa):
        assert AuditEntry.objects.filter(content_type__model="activitytemplate", object_repr="Brandövning").exists()
    page = client.get(url("we_year_template")).content.decode()
    assert "1 nya och 1 ändrade aktiviteter" in page
    assert "<td>september</td><td>oktober</td>" in page


@pytest.mark.django_db
def test_bad_file_is_refused_whole_with_row_and_column(world):
    client = world.client("controller")
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        ActivityTemplate.objects.create(name="Brandövning", start_month=9, due_month=10)
    before = names_and_months(world)
    file = xlsx_file(
        [
            HEAD,
            ["Brandövning", "", "mars", "mars", "Ja"],  # fine alone, but the file is refused whole
            ["Ny aktivitet", "", "oktober", "mars", "Ja"],  # starts after it is due
            ["", "", "13", "hösten", "kanske"],
            ["Ny aktivitet", "", "1", "2", ""],  # the same name twice
        ]
    )
    response = client.post(url("we_year_template_import"), {"file": file})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filen avvisades" in page and "Inget ändrades" in page
    for expected in (
        "Rad 3, kolumn Från månad: Aktiviteten kan inte börja efter",
        "Rad 4, kolumn Aktivitet: Värdet saknas.",
        "Rad 4, kolumn Från månad: Ange månadens nummer",
        "Rad 4, kolumn Klar senast månad: Ange månadens nummer",
        "Rad 4, kolumn Används: Ange Ja eller Nej.",
        "Rad 5, kolumn Aktivitet: Samma aktivitet står redan på rad 3.",
    ):
        assert expected in page, expected
    assert names_and_months(world) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows, message",
    [
        ([["Aktivitet", "Från månad", "Klar senast månad", "Ansvarig"]], "Rad 1, kolumn Ansvarig: Okänd kolumn."),
        ([["Aktivitet", "Från månad"]], "Rad 1, kolumn Klar senast månad: Kolumnen saknas i rubrikraden."),
        ([HEAD], "Filen har inga aktiviteter."),
    ],
)
def test_bad_header_or_empty_file(world, rows, message):
    response = world.client("controller").post(url("we_year_template_import"), {"file": xlsx_file(rows)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert names_and_months(world) == []


@pytest.mark.django_db
def test_only_controllers_of_the_region_import(world):
    file = xlsx_file([HEAD, ["Brandövning", "", "9", "10", "Ja"]])
    assert world.client("manager").post(url("we_year_template_import"), {"file": file}).status_code == 403
    assert world.client("controller").get(url("we_year_template_import")).status_code == 405
    assert names_and_months(world) == []
