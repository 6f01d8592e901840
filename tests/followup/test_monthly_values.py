"""Monthly values in a region that reports by tertial, and measures in the region's own units.

Region alfa (tests/conftest.py) is made by create_region and reports by tertial; its data
warehouse delivers values by month. The months are value periods of every calendar
(regionplan/periods.py), yet deadlines, reminders and the period choices keep to the
region's reporting kinds (Period.reporting).
"""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from followup.models import ImportJob
from followup.tasks import send_due_reminders
from goals.models import PlanItem
from goals.rules import Levels, Op, Target
from goals.services import save_item
from regionplan import auditing
from regionplan.models import AuditEntry, Period, ReportingYear
from regionplan.numbers import NBSP
from regionplan.tenancy import all_regions, region_scope
from reports.assembly import Facts, appendix
from tests.followup.test_value_import import csv_bytes, errors_of, stored, upload, xlsx_bytes  # noqa: F401
from tests.plans import YEAR, build_plans

D = Decimal


@pytest.fixture
def measures(world):
    """Two measures of DIV in the region's own units: answering time in seconds (monthly,
    from the warehouse) and waste in tonnes (by tertial)."""
    items = build_plans(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        seconds = PlanItem(
            plan=items["plans"]["DIV"],
            level=Levels.MEASURE,
            parent=items["factor"],
            code="MATT-S",
            name="Svarstid 1177",
            measure_unit="sekunder",
            direction="lower",
            frequency="month",
        )
        seconds.target = Target(Op.LT, D("30"))
        tonnes = PlanItem(
            plan=items["plans"]["DIV"],
            level=Levels.MEASURE,
            parent=items["factor"],
            code="MATT-T",
            name="Avfall",
            measure_unit="ton",
            direction="lower",
            frequency="tertial",
        )
        tonnes.target = Target(Op.LE, D("1200"))
        return {"seconds": save_item(seconds), "tonnes": save_item(tonnes), **items}


def test_a_tertial_region_has_months_but_reports_by_tertial(world):
    with region_scope(world.alfa):
        assert world.alfa.period_kinds == ["tertial"]
        codes = set(Period.objects.filter(start__year=YEAR).values_list("code", flat=True))
        assert {f"{YEAR}-{m:02d}" for m in range(1, 13)} | {f"{YEAR}-T1", f"{YEAR}-T2", f"{YEAR}-T3"} == codes
        assert set(Period.reporting(world.alfa).values_list("kind", flat=True)) == {"tertial"}
        assert Period.current(world.alfa, datetime.date(YEAR, 5, 3)).code == f"{YEAR}-T1"


def test_monthly_values_in_the_regions_units_import_from_csv(world, measures, upload):
    rows = [
        ("MATT-S", "A-DIV", f"{YEAR}-03", "", "44,5", ""),
        ("MATT-S", "A-DIV", f"{YEAR}-04", "", "41,5", ""),
        ("MATT-T", "A-DIV", f"{YEAR}-T1", "", "1 234,5", ""),
    ]
    job = upload(csv_bytes(rows))
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == {
        ("MATT-S", "A-DIV", f"{YEAR}-03", "total"): D("44.5"),
        ("MATT-S", "A-DIV", f"{YEAR}-04", "total"): D("41.5"),
        ("MATT-T", "A-DIV", f"{YEAR}-T1", "total"): D("1234.5"),
    }


def test_monthly_values_import_from_xlsx_date_cells_for_a_months_last_day(world, measures, upload):
    """The warehouse's workbook names a month by its last day, as a real date cell."""
    rows = [
        ("MATT-S", "A-DIV", datetime.date(YEAR, 4, 30), "T", 41.5, ""),
        ("MATT-S", "A-DIV", datetime.date(YEAR, 2, 28), "T", 47, ""),
        ("MATT-S", "A-DIV", datetime.datetime(YEAR, 8, 31), "T", 38, ""),
    ]
    content = xlsx_bytes(rows, formats={(0, 2): "yyyy-mm-dd", (1, 2): "yyyy-mm-dd", (2, 2): "yyyy-mm-dd"})
    job = upload(content, name="lager.xlsx")
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == {
        ("MATT-S", "A-DIV", f"{YEAR}-04", "total"): D("41.5"),
        ("MATT-S", "A-DIV", f"{YEAR}-02", "total"): D("47"),
        ("MATT-S", "A-DIV", f"{YEAR}-08", "total"): D("38"),
    }


def test_a_percent_sign_for_a_measure_in_seconds_is_refused(world, measures, upload):
    job = upload(csv_bytes([("MATT-S", "A-DIV", f"{YEAR}-04", "", "41 %", "")]))
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Värde") and "inte i procent" in message
    assert stored(world.alfa) == {}


def _import_months(world, upload):
    rows = [
        ("MATT-S", "A-DIV", f"{YEAR}-03", "", "44,5", ""),
        ("MATT-S", "A-DIV", f"{YEAR}-04", "", "1041,5", ""),
        ("MATT-T", "A-DIV", f"{YEAR}-T1", "", "1234,5", ""),
    ]
    job = upload(csv_bytes(rows))
    assert job.status == ImportJob.DONE, errors_of(world, job)


def test_monthly_values_show_on_the_measure_page_its_chart_and_give_the_tertial_its_outcome(world, measures, upload):
    _import_months(world, upload)
    client = world.client("controller")
    url = reverse("dashboard_measure", kwargs={"region_slug": "alfa", "pk": measures["seconds"].pk})
    body = client.get(f"{url}?period={YEAR}-T1&enhet={world.units['DIV'].pk}").content.decode()
    # T1's outcome is April's value (the latest month inside it), with the unit after it.
    assert f"1{NBSP}041,5 sekunder" in body
    assert "&lt; 30 sekunder" in body
    # The trend is drawn by month: the chart's table names the months.
    assert f"{YEAR}-03" in body and f"{YEAR}-04" in body
    history = reverse(
        "followup_history",
        kwargs={"region_slug": "alfa", "item_pk": measures["seconds"].pk, "unit_pk": world.units["DIV"].pk},
    )
    body = client.get(history).content.decode()
    assert "April 2026" in body and f"1{NBSP}041,5 sekunder" in body


def test_the_report_shows_a_free_text_unit_and_the_monthly_outcome(world, measures, upload):
    _import_months(world, upload)
    with region_scope(world.alfa):
        period = Period.objects.get(code=f"{YEAR}-T1")
        (table,) = appendix(Facts(world.units["DIV"], period))
        rows = {row[0]: row for row in table.rows}
        assert rows["MATT-S"][3:5] == ["< 30 sekunder", D("1041.5")]
        assert rows["MATT-T"][3:5] == [f"≤ 1{NBSP}200 ton", D("1234.5")]


def test_the_dashboard_goal_page_shows_a_free_text_unit(world, measures, upload):
    _import_months(world, upload)
    url = reverse("dashboard_goal", kwargs={"region_slug": "alfa", "pk": measures["goal"].pk})
    body = world.client("controller").get(f"{url}?period={YEAR}-T1").content.decode()
    assert f"1{NBSP}234,5 ton" in body and f"≤ 1{NBSP}200 ton" in body


# --- what stays on the reporting kinds -----------------------------------------------------


def test_min_uppfoljning_and_the_calendar_offer_no_months_in_a_tertial_region(world, measures):
    client = world.client("manager")
    body = client.get(reverse("my_followup", kwargs={"region_slug": "alfa"}) + f"?period={YEAR}-T1").content.decode()
    assert f"{YEAR}-T2" in body and f"?period={YEAR}-04" not in body and f'value="{YEAR}-04"' not in body
    assert client.get(reverse("my_followup", kwargs={"region_slug": "alfa"}) + f"?period={YEAR}-04").status_code == 404
    body = world.client("admin").get(reverse("calendar", kwargs={"region_slug": "alfa"})).content.decode()
    assert f"{YEAR}-T1" in body and f"<td>{YEAR}-04</td>" not in body and "värdeperioder" in body
    body = world.client("reader").get(reverse("dashboard", kwargs={"region_slug": "alfa"})).content.decode()
    # A reader's list holds the assessed periods and the one shown (here no assessments yet).
    assert 'id="dash-period"' in body and f'value="{YEAR}-T' in body and f'value="{YEAR}-04"' not in body


def test_a_months_deadline_sends_no_reminder_where_the_region_does_not_report_monthly(world, measures):
    with region_scope(world.alfa):
        march = Period.objects.get(code=f"{YEAR}-03")  # April's deadline is T1's
        t1 = Period.objects.get(code=f"{YEAR}-T1")
        assert march.deadline < t1.deadline
    mail.outbox.clear()
    send_due_reminders(march.deadline.isoformat())
    assert mail.outbox == []
    send_due_reminders(t1.deadline.isoformat())
    assert mail.outbox, "the tertial's deadline reminds the managers"


def test_a_region_that_reports_monthly_is_reminded_of_its_months(world, measures):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        world.alfa.period_kinds = ["month", "tertial"]
        world.alfa.save()
        march = Period.objects.get(code=f"{YEAR}-03")
    mail.outbox.clear()
    send_due_reminders(march.deadline.isoformat())
    assert mail.outbox


# --- the data migration --------------------------------------------------------------------


def test_the_migration_adds_the_months_to_existing_years_and_audits_them(world):
    migration = importlib.import_module("regionplan.migrations.0006_months_in_every_calendar")
    with all_regions():
        Period.objects.filter(kind="month").delete()  # the calendars as they were
        ReportingYear.objects.create(region=world.beta, year=2030)  # a year without periods
        migration.add_months(apps, None)
        migration.add_months(apps, None)  # a second run adds nothing
        for region in (world.alfa, world.beta):
            for year in ReportingYear.objects.filter(region=region):
                months = Period.objects.filter(region=region, year=year, kind="month").order_by("number")
                assert [p.code for p in months] == [f"{year.year}-{m:02d}" for m in range(1, 13)]
        april = Period.objects.get(region=world.alfa, code="2026-04")
        assert (april.start, april.end) == (datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
        assert april.deadline == datetime.date(2026, 5, 14)  # the month's end + 14 days, a Thursday
        entries = AuditEntry.objects.filter(region=world.alfa, actor_label=migration.ACTOR, object_id=april.pk)
        assert [(e.action, e.changes["kod"]) for e in entries] == [("create", [None, "2026-04"])]
        # The tertials were left as they were.
        assert Period.objects.filter(region=world.alfa, kind="tertial").count() == 6
