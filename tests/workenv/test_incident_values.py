"""Incident counts arriving as measure values: a measure whose source is "Antal
rapporterade tillbud" gets, per unit that follows it and period, the count of near misses
in the unit and its subtree, written by followup's value pipeline (ValueChange logged,
a second run changes nothing)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from followup.models import ImportJob, MeasureValue, ValueChange
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from goals.services import save_item
from regionplan import auditing
from regionplan.models import Period
from regionplan.orgtree import ensure_year
from regionplan.tenancy import region_scope
from tests.plans import YEAR, build_plans
from workenv import values
from workenv.models import Incident


@pytest.mark.parametrize(
    "source, kinds",
    [
        ("Antal rapporterade tillbud", ["tillbud"]),
        ("  antal RAPPORTERADE tillbud ", ["tillbud"]),
        ("Antal rapporterade arbetsskador", ["skada"]),
        ("Antal rapporterade händelser", values.ALL),
        ("Heroma", None),
        ("", None),
    ],
)
def test_which_sources_name_incidents(source, kinds):
    assert values.kinds_of(source) == kinds


@pytest.mark.parametrize(
    "start, end, months",
    [
        ((2026, 1, 1), (2026, 1, 31), [(2026, 1)]),
        ((2026, 1, 1), (2026, 4, 30), [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]),
        ((2025, 12, 1), (2026, 1, 31), [(2025, 12), (2026, 1)]),
    ],
)
def test_months_of_a_period(start, end, months):
    assert values.months_in(datetime.date(*start), datetime.date(*end)) == months


def _incident(unit, kind, month, day=10):
    when = timezone.make_aware(datetime.datetime(YEAR, month, day, 10, 0))
    return Incident.objects.create(unit=unit, kind=kind, occurred_at=when, place="Förrådet", description="Halkade.")


def _measure(world, plans):
    """A measure of DIV counting near misses, adopted by VO1."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        ensure_year(world.alfa, YEAR)
        measure = save_item(
            PlanItem(
                plan=plans["plans"]["DIV"],
                level=Levels.MEASURE,
                parent=plans["factor"],
                code="MATT-T",
                name="Tillbud",
                measure_unit="antal",
                direction="lower",
                frequency="month",
                source="Antal rapporterade tillbud",
            )
        )
        MeasureAdoption.objects.create(measure=measure, unit=world.units["VO1"])
    return measure


@pytest.mark.django_db
def test_incident_counts_arrive_as_measure_values(world):
    plans = build_plans(world)
    measure = _measure(world, plans)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        _incident(world.units["VO1"], "tillbud", 2)
        _incident(world.units["VO1"], "tillbud", 2, day=20)
        _incident(world.units["VO1"], "skada", 2)  # another kind: not counted
        _incident(world.units["DIV"], "tillbud", 3)
        _incident(world.units["DIV"], "tillbud", 6)  # the second tertial

        job = values.import_incident_counts(YEAR)
        assert job.status == ImportJob.DONE, job.message
        stored = {
            (v.unit.code, v.period.code): v.value
            for v in MeasureValue.objects.filter(measure=measure).select_related("unit", "period")
        }
        t1 = Period.objects.get(code=f"{YEAR}-T1").code
        assert stored[(world.units["DIV"].code, t1)] == Decimal(3)  # its own and VO1's below it
        assert stored[(world.units["VO1"].code, t1)] == Decimal(2)
        t2 = Period.objects.get(code=f"{YEAR}-T2")
        # The region's tertials run from January (delår), or from May if they are not cumulative.
        assert stored[(world.units["DIV"].code, t2.code)] == Decimal(4 if t2.start.month == 1 else 1)
        assert stored[(world.units["VO1"].code, f"{YEAR}-02")] == Decimal(2)
        origins = set(MeasureValue.objects.filter(measure=measure).values_list("origin", flat=True))
        assert origins == {"incidents"}, "the change log names the incident reports, not a warehouse"
        assert ValueChange.objects.filter(job=job).exists()
        # Nothing else gets values: the other measure names another source.
        assert not MeasureValue.objects.filter(measure=plans["measure"]).exists()

        again = values.import_incident_counts(YEAR)
        assert again.status == ImportJob.DONE and again.created == 0 and again.changed == 0


@pytest.mark.parametrize(
    "today, years", [((2026, 1, 31), [2025, 2026]), ((2026, 2, 1), [2026]), ((2026, 12, 31), [2026])]
)
def test_which_years_the_night_counts(today, years):
    assert values.years_to_count(datetime.date(*today)) == years


@pytest.mark.django_db
def test_no_measure_no_job(world):
    with region_scope(world.alfa):
        assert values.import_incident_counts(YEAR) is None
        assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_the_night_and_a_controllers_button_count_into_the_measures(world, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from workenv import tasks

    plans = build_plans(world)
    measure = _measure(world, plans)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        _incident(world.units["VO1"], "tillbud", 2)
    # the night: every region, this year (the beta region has no such measure: no job)
    assert tasks.import_all_incident_counts(f"{YEAR}-06-01") == 1
    with region_scope(world.alfa):
        job = ImportJob.objects.get()
        assert (job.trigger, job.status) == (ImportJob.SCHEDULE, ImportJob.DONE)
        assert MeasureValue.objects.filter(measure=measure, unit=world.units["VO1"], value=1).exists()
    # the button: controllers of the whole region only; the job is theirs
    button = reverse("we_incident_counts", args=["alfa"])
    assert world.client("manager").post(button, {"ar": YEAR}).status_code == 403
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        _incident(world.units["VO1"], "tillbud", 2, day=11)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("controller").post(button, {"ar": YEAR})
    assert response.status_code == 302 and response["Location"] == reverse("import_index", args=["alfa"])
    with region_scope(world.alfa):
        latest = ImportJob.objects.order_by("-pk").first()
        assert latest.trigger == "run_now" and latest.started_by == world.users["controller"]
        assert MeasureValue.objects.filter(measure=measure, unit=world.units["VO1"], value=2).exists()
    assert world.client("controller").post(button, {"ar": "²"}).status_code == 404


@pytest.mark.django_db
def test_the_button_says_so_when_no_measure_names_the_incident_reports(world, django_capture_on_commit_callbacks):
    from django.urls import reverse

    client = world.client("controller")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("we_incident_counts", args=["alfa"]), {"ar": YEAR})
    assert response.status_code == 302 and "/handelser/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Inget mått" in page and "Antal rapporterade" in page
    with region_scope(world.alfa):
        assert not ImportJob.objects.exists()
