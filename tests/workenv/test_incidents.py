"""Incident reports: reported without personal data, a serious one's notice and its red
state until reported to Arbetsmiljöverket, the investigation, and the statistics with "< 5"
for readers."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from regionplan import registry
from regionplan.models import Period
from regionplan.tenancy import region_scope
from workenv.models import Incident


@pytest.fixture
def world(world):
    """The test world's units were made today; these incidents happened before."""
    with region_scope(world.alfa):
        for unit in world.units.values():
            unit.valid_from = datetime.date(2020, 1, 1)
            unit.save()
    return world


def url(name, *args):
    return reverse(name, args=["alfa", *args])


def report(world, persona="manager", **fields):
    when = timezone.localtime() - datetime.timedelta(days=1)
    data = {
        "unit": world.units["VO1"].pk,
        "kind": "tillbud",
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
        "place": "Korridoren vid entré B",
        "description": "Halkade på vått golv, ingen skada.",
        "immediate_action": "Torkade upp och satte ut skylt.",
    } | fields
    return world.client(persona).post(url("we_incident_new"), data)


def serious_owed(world, period):
    from django.db.models import Q

    everything = registry.owed(period, Q(path__startswith=world.units["DIV"].path), timezone.localdate())
    return [o for o in everything if o.kind == "Allvarlig händelse"]


def incidents(world):
    with region_scope(world.alfa):
        return list(Incident.objects.order_by("pk"))


@pytest.mark.django_db
def test_a_member_reports_and_the_manager_investigates(world):
    response = report(world)
    assert response.status_code == 302
    (incident,) = incidents(world)
    client = world.client("manager")
    page = client.get(url("we_incident", incident.pk)).content.decode()
    assert "Halkade på vått golv" in page and "Ny, ej utredd" in page
    response = client.post(
        url("we_incident", incident.pk), {"causes": "Läckande takfönster.", "closed_on": timezone.localdate()}
    )
    assert response.status_code == 302
    (incident,) = incidents(world)
    assert incident.causes == "Läckande takfönster." and incident.closed_on == timezone.localdate()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,text,found",
    [
        ("description", "Patienten 811218-9876 föll i korridoren", "personnummer"),
        ("description", "Ring 070-123 45 67 för mer", "telefonnummer"),
        ("place", "hos anna.svensson@region.se", "e-postadress"),
        ("immediate_action", "Kontaktade 19811218-9876", "personnummer"),
    ],
)
def test_personal_data_is_refused_with_the_place_named_and_nothing_saved(world, field, text, found):
    response = report(world, **{field: text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "får inte innehålla personuppgifter" in page and found in page and "vid tecken" in page
    assert f'id="id_{field}_error"' in page
    assert incidents(world) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"occurred_at": "2099-01-01T10:00"}, "occurred_at", "framtiden"),
        ({"kind": "brand"}, "kind", "giltigt"),
        ({"description": ""}, "description", "måste fyllas i"),
    ],
)
def test_bad_reports_are_refused_at_the_field(world, fields, field, message):
    response = report(world, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert incidents(world) == []


@pytest.mark.django_db
def test_a_closed_unit_and_a_unit_without_a_role_are_refused(world):
    with region_scope(world.alfa):
        world.units["VO2"].valid_to = timezone.localdate() - datetime.timedelta(days=10)
        world.units["VO2"].save()
    assert report(world, unit=world.units["VO2"].pk).status_code == 400
    assert report(world, persona="manager_out", unit=world.units["VO1"].pk).status_code == 400
    assert report(world, unit=world.beta_units["VO1"].pk).status_code == 400
    assert incidents(world) == []


@pytest.mark.django_db
def test_a_serious_incident_tells_the_manager_and_stays_red_until_reported(world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("controller").post(
            url("we_incident_new"),
            follow=False,
            data={
                "unit": world.units["VO1"].pk,
                "kind": "skada",
                "occurred_at": (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
                "place": "Förrådet",
                "description": "Klämskada i dörr.",
                "serious": "on",
            },
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["chef@alfa.test"] and "Arbetsmiljöverket" in message.subject
    assert "3 kap. 3 a §" in message.body and "Klämskada" not in message.body  # no free text by mail
    (incident,) = incidents(world)
    page = world.client("controller").get(url("we_incident", incident.pk)).content.decode()
    assert "Anmäl till Arbetsmiljöverket utan dröjsmål" in page

    with region_scope(world.alfa):
        period = Period.objects.filter(kind="tertial").order_by("-start").first()
        owed = serious_owed(world, period)
    assert owed and owed[0].overdue and not owed[0].done

    client = world.client("manager")
    # closing before reporting, and half a report, are refused
    response = client.post(url("we_incident", incident.pk), {"closed_on": timezone.localdate()})
    assert response.status_code == 400 and "måste anmälas" in response.content.decode()
    response = client.post(url("we_incident", incident.pk), {"authority_reported_on": timezone.localdate()})
    assert response.status_code == 400 and "ärendenummer" in response.content.decode()
    response = client.post(
        url("we_incident", incident.pk),
        {"authority_reported_on": timezone.localdate(), "authority_case_number": "2026/012345"},
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        assert not serious_owed(world, period)


@pytest.mark.django_db
def test_statistics_hide_small_counts_and_single_reports_from_readers(world):
    for _n in range(3):
        assert report(world).status_code == 302
    for _n in range(6):
        assert report(world, unit=world.units["VO2"].pk, kind="hot").status_code == 302
    list_url = url("we_incidents") + f"?enhet={world.units['DIV'].pk}"
    manager = world.client("manager").get(list_url).content.decode()
    assert "&lt; 5" not in manager and "Korridoren vid entré B" in manager
    reader = world.client("reader").get(list_url).content.decode()
    assert "&lt; 5" in reader and "Korridoren vid entré B" not in reader and ">6<" in reader


@pytest.mark.django_db
def test_another_regions_incident_is_not_found(world):
    with region_scope(world.beta):
        foreign = Incident.objects.create(
            unit=world.beta_units["VO1"], kind="tillbud", occurred_at=timezone.now(), place="x", description="y"
        )
    assert world.client("manager").get(url("we_incident", foreign.pk)).status_code == 404


@pytest.mark.django_db
def test_statistics_export_as_the_user_sees_them_without_free_text(world):
    import io

    from openpyxl import load_workbook

    for _n in range(3):
        assert report(world).status_code == 302
    for _n in range(6):
        assert report(world, unit=world.units["VO2"].pk, kind="hot").status_code == 302
    year = (timezone.localtime() - datetime.timedelta(days=1)).year  # report() dates them yesterday
    export_url = url("we_incidents") + f"?enhet={world.units['DIV'].pk}&ar={year}&excel=1"

    def sheets(persona):
        response = world.client(persona).get(export_url)
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]

    by_month, by_unit = sheets("manager")
    assert by_month[1][0] == "Typ" and by_month[1][1:4] == ("jan", "feb", "mar")
    totals = {row[0]: row[-1] for row in by_month[2:]}
    assert totals["Tillbud"] == 3 and totals["Hot och våld"] == 6 and totals["Totalt"] == 9
    everything = repr(by_month + by_unit)
    assert "Korridoren" not in everything and "Halkade" not in everything  # no free text
    by_month, by_unit = sheets("reader")
    rows = {row[0]: row[1:] for row in by_month[2:]}
    # one month's 3 is "< 5", so the row's total would give it away: hidden as "–"
    assert "< 5" in rows["Tillbud"] and rows["Tillbud"][-1] == "–" and rows["Hot och våld"][-1] == 6
    units = {row[0]: row[1:] for row in by_unit[1:]}
    assert "< 5" in units[world.units["VO1"].name]
