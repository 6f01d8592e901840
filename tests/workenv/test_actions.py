"""The action plan (handlingsplan): an action without owner or deadline is refused at the
field with nothing saved; prefilled from an incident; its period follow-up row on the
manager's Min uppföljning, and overdue ones there under "Behöver uppmärksamhet"."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from regionplan import registry
from regionplan.models import Period
from regionplan.tenancy import region_scope
from tests.plans import YEAR
from tests.view_table import _we_incident, _we_sam
from workenv.models import Incident, WorkAction


def url(name, *args):
    return reverse(name, args=["alfa", *args])


def actions(world):
    with region_scope(world.alfa):
        return list(WorkAction.objects.order_by("pk"))


@pytest.mark.django_db
@pytest.mark.parametrize("missing,message", [("owner", "ansvarig"), ("deadline", "klar senast")])
def test_an_action_without_owner_or_deadline_is_refused_and_nothing_saved(world, missing, message):
    data = {
        "what": "Byt ut trasiga stolar",
        "source": "enkat",
        "owner": world.users["manager"].pk,
        "deadline": "2026-11-30",
        "status": "none",
    }
    data[missing] = ""
    data["enhet"] = world.units["VO1"].pk
    response = world.client("manager").post(url("we_action_new"), data)
    assert response.status_code == 400
    page = response.content.decode().lower()
    assert message in page and f'id="id_{missing}_error"' in page
    assert actions(world) == []


@pytest.mark.django_db
def test_an_action_from_an_incident_names_it_and_its_unit(world):
    incident_pk = _we_incident(world)
    client = world.client("manager")
    page = client.get(url("we_action_new") + f"?handelse={incident_pk}").content.decode()
    assert "Halkade på vått golv" in page or "Tillbud" in page
    response = client.post(
        url("we_action_new"),
        {
            "handelse": incident_pk,
            "what": "Halkskydd i korridoren",
            "source": "handelse",
            "owner": world.users["manager"].pk,
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "status": "none",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (action,) = actions(world)
    assert action.incident_id == incident_pk and action.unit_id == world.units["VO1"].pk
    assert action.source == WorkAction.INCIDENT
    with region_scope(world.alfa):
        assert list(Incident.objects.get(pk=incident_pk).actions.all()) == [action]


@pytest.mark.django_db
def test_an_overdue_action_is_owed_and_overdue_in_the_period(world):
    ids = _we_sam(world)
    with region_scope(world.alfa):
        action = WorkAction.objects.get(pk=ids["action"])
        action.deadline = timezone.localdate() - datetime.timedelta(days=3)
        action.save()
        period = Period.objects.get(code=f"{YEAR}-T3")
        everything = registry.owed(period, Q(path__startswith=world.units["DIV"].path), timezone.localdate())
    owed = [o for o in everything if o.kind == "Åtgärd i handlingsplan"]
    assert owed, (period.code, period.start, period.end, [o.kind for o in everything])
    assert owed and any(o.overdue for o in owed)


@pytest.mark.django_db
def test_the_plan_lists_open_actions_for_a_reader_without_edit_links(world):
    ids = _we_sam(world)
    page = world.client("reader").get(url("we_action_plan") + f"?enhet={world.units['DIV'].pk}").content.decode()
    assert "Byt belysning i korridoren" in page
    assert reverse("we_action_edit", args=["alfa", ids["action"]]) not in page


@pytest.mark.django_db
def test_the_plan_exports_to_xlsx_with_its_status_and_lateness(world):
    import io

    from openpyxl import load_workbook

    _we_sam(world)
    response = world.client("reader").get(url("we_action_plan") + f"?enhet={world.units['DIV'].pk}&visa=alla&excel=1")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:7] == ("Enhet", "Åtgärd", "Varför", "Källa", "Ansvarig", "Klar senast", "Status")
    with region_scope(world.alfa):
        expected = list(WorkAction.objects.filter(unit__path__startswith=world.units["DIV"].path))
    assert len(rows) == 1 + len(expected)
    row = next(r for r in rows if r[1] == "Byt belysning i korridoren")
    action = next(a for a in expected if a.what == "Byt belysning i korridoren")
    assert row[5].date() == action.deadline
    assert row[7] == ("Ja" if action.deadline < timezone.localdate() and not action.done_on else None)
