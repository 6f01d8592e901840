"""The region's change log (audit_log): filtered by who, kind, event and days, a bad filter
refused with the field named, paged below an entry, exported to xlsx with the same filter,
and never another region's entries."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from regionplan import auditing
from regionplan.models import AuditEntry, OrgUnit
from regionplan.tenancy import region_scope
from regionplan.views import audit

URL = reverse("audit_log", args=["alfa"])


def changes(world):
    """A unit renamed by the controller, a kind added by the admin, and a change in beta."""
    with region_scope(world.alfa), auditing.acting_as(world.users["controller"]):
        unit = OrgUnit.objects.get(pk=world.units["VO1"].pk)
        unit.name = "Område Ett (nytt namn)"
        unit.save()
    with region_scope(world.beta), auditing.acting_as(label="kommando test"):
        unit = OrgUnit.objects.get(pk=world.beta_units["VO1"].pk)
        unit.name = "Betas hemliga namn"
        unit.save()


@pytest.mark.django_db
def test_the_log_filters_and_never_shows_another_region(world):
    changes(world)
    client = world.client("admin")
    page = client.get(URL).content.decode()
    assert "Område Ett (nytt namn)" in page and "Betas hemliga namn" not in page
    page = client.get(
        URL, {"vem": "controller@alfa", "typ": "regionplan.orgunit", "handelse": "update"}
    ).content.decode()
    assert "Område Ett (nytt namn)" in page
    page = client.get(URL, {"vem": "någon annan"}).content.decode()
    assert "Område Ett (nytt namn)" not in page and "Inga ändringar." in page
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert "Område Ett (nytt namn)" not in client.get(URL, {"fran": tomorrow}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, field",
    [
        ({"fran": "2026-12-31", "till": "2026-01-01"}, "Slutdagen kan inte vara före startdagen."),
        ({"fran": "igår"}, "Fyll i ett giltigt datum."),
        ({"typ": "auth.user"}, "Välj ett giltigt alternativ"),
    ],
)
def test_a_bad_filter_is_refused_at_the_field(world, params, field):
    response = world.client("controller").get(URL, params)
    assert response.status_code == 400
    assert field in response.content.decode()


@pytest.mark.django_db
def test_pages_continue_below_the_last_entry(world, monkeypatch):
    changes(world)
    monkeypatch.setattr(audit, "LOG_PAGE", 2)
    client = world.client("admin")
    with region_scope(world.alfa):
        newest = list(AuditEntry.objects.order_by("-at", "-id").values_list("id", flat=True))
    assert len(newest) > 4
    first = client.get(URL).content.decode()
    assert f"fore={newest[1]}" in first
    second = client.get(URL, {"fore": newest[1]}).context["entries"]
    assert [e.id for e in second] == newest[2:4]


@pytest.mark.django_db
def test_the_export_has_the_filtered_entries(world):
    changes(world)
    response = world.client("controller").get(URL, {"typ": "regionplan.orgunit", "handelse": "update", "excel": "1"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Tidpunkt", "Vem", "Typ", "Post", "Händelse", "Ändringar")
    assert len(rows) == 2
    assert rows[1][3].startswith("Område Ett (nytt namn)") and rows[1][4] == "ändrad"
    assert "→ Område Ett (nytt namn)" in rows[1][5]
