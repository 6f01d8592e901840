"""Report assembly against the demo: Division Regionstöd's delårsrapport 2022 (seed 003),
with the figures of followup/demo.py and goals/demo_plans.py: goal fulfilment per
perspective, the sex-split measures, economy and cost development, investments,
assignments, the appendix; notes for empty sections; safe narrative text; and a fixed
number of queries whatever the size of the subtree.

The demo is seeded once per module inside a transaction that is rolled back at the end;
each test runs in its own savepoint, so what a test changes is gone after it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from followup.models import Assessment, EconomyFigure, FollowupSettings, MeasureValue
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from regionplan.models import OrgUnit, OrgUnitKind, Period, Region
from regionplan.status import WORST, Status, roll_up
from regionplan.tables import Column, Noted
from regionplan.tenancy import region_scope
from reports import assembly, services
from reports.assembly import Facts
from reports.models import Report, ReportSection
from reports.templatetags.reports import report_cell
from tests.conftest import demo_seeded_once

D = Decimal
TODAY = datetime.date(2022, 9, 20)
PERSPECTIVES = ["Samhälle", "Medborgare", "Verksamhet", "Medarbetare", "Ekonomi"]


@pytest.fixture(scope="module")
def demo_region(django_db_setup, django_db_blocker):
    """The demo regions, seeded once for the module and rolled back after it."""
    with demo_seeded_once(django_db_blocker) as region:
        yield region


@dataclass
class Demo:
    region: Region
    period: Period
    units: dict[str, OrgUnit]
    report: Report

    def unit(self, code: str) -> OrgUnit:
        return self.units[code]

    def facts(self, code: str = "DRS") -> Facts:
        return Facts(self.units[code], self.period)

    def section(self, key: str, code: str = "DRS") -> assembly.SectionContent:
        report = self.report if code == "DRS" else self.open(code)
        return next(s for s in assembly.assemble(report, TODAY).sections if s.key == key)

    def open(self, code: str) -> Report:
        return services.open_report(services.kind_by_key("delarsrapport"), self.units[code], self.period)[0]


@pytest.fixture
def drs(demo_region, db):
    """Division Regionstöd's delårsrapport 2022-T2, in the region's scope."""
    with region_scope(demo_region):
        period = Period.objects.get(code="2022-T2")
        units = {u.code: u for u in OrgUnit.objects.all()}
        kind = services.kind_by_key("delarsrapport")
        report, created = services.open_report(kind, units["DRS"], period)
        assert not created  # reports/demo.py opened it
        yield Demo(demo_region, period, units, report)


def table(tables, key):
    return next(t for t in tables if t.key == key)


def rows_by_name(t):
    return {row[0]: row[1:] for row in t.rows}


# --- economy and investments --------------------------------------------------------------

ECONOMY = {  # område: (utfall, periodbudget, budgetavvikelse, årsprognos), Mnkr (seed 003's; test_report_seed003)
    "Divisionsgemensamt": ("-4.9", "1.8", "-6.7", "-7.5"),
    "Facility Management": ("-16.1", "0.0", "-16.1", "-20.0"),
    "Fastigheter": ("20.1", "2.0", "18.1", "9.0"),
    "HR/Ekonomi": ("2.9", "1.0", "1.9", "5.0"),
    "IT/MT": ("-3.4", "2.3", "-5.7", "-12.0"),
    "Inköp och försörjning": ("3.6", "0.4", "3.2", "4.0"),
    "Sjukresor": ("-4.4", "1.4", "-5.8", "-8.5"),
}


def as_text(values):
    return tuple(None if v is None else str(v) for v in values)


def test_economy_per_area_against_the_period_budget(drs):
    t = table(assembly.economy(drs.facts()), "ekonomi")
    assert [c.header for c in t.columns] == ["Område", "Utfall", "Periodbudget", "Budgetavvikelse", "Årsprognos"]
    assert {name: as_text(values) for name, values in rows_by_name(t).items()} == ECONOMY
    assert t.rows[0][0] == "Divisionsgemensamt"
    assert all(isinstance(v, Decimal) for row in t.rows for v in row[1:])
    assert t.total[0] == "Totalt"
    assert as_text(t.total[1:]) == ("-2.2", "8.9", "-11.1", "-30.0")


COSTS = {  # kostnadsslag: (utfall 2022, utfall 2021, förändring, förändring % of the cost's size)
    "Personal": ("-247.1", "-259.3", "12.2", "-4.7"),
    "Vårdmaterial": ("-3.8", "-5.3", "1.4", "-27.4"),
    "Läkemedel": ("-0.4", "-0.1", "-0.2", "183.5"),
    "Köp av verksamhet/tjänster": ("-196.6", "-220.1", "23.4", "-10.7"),
    "Sjukresor och sjuktransporter": ("-94.4", "-84.0", "-10.4", "12.4"),
    "Övriga kostnader": ("-479.6", "-437.8", "-41.8", "9.5"),
    "Intäkter och kostnader utanför verksamhetens resultat": ("-38.9", "-38.1", "-0.8", "2.2"),
}


def test_cost_development_against_the_same_period_last_year(drs):
    t = table(assembly.economy(drs.facts()), "kostnadsutveckling")
    assert [c.header for c in t.columns] == [
        "Kostnadsslag",
        "Utfall 2022",
        "Utfall 2021",
        "Förändring",
        "Förändring (%)",
    ]
    assert {name: as_text(values) for name, values in rows_by_name(t).items()} == COSTS
    assert as_text(t.total[1:]) == ("-1060.8", "-1044.6", "-16.2", "1.5")
    assert [as_text(row) for row in t.after_total] == [("Nettokostnadsutveckling", "-265.4", "-245.9", "-19.6", "8.0")]


def test_economy_of_an_area_is_its_own_level(drs):
    """Fastigheter has no areas below it: its figures are its own level's, as one row."""
    t = table(assembly.economy(drs.facts("DRS-FAST")), "ekonomi")
    assert [as_text(row[1:]) for row in t.rows] == [("20.1", "2.0", "18.1", "9.0")]
    assert t.rows[0][0] == "Fastigheter (egen nivå)"


def test_economy_counts_a_new_figure_on_a_unit_below_an_area(drs):
    """A figure on Kostverksamhet (below Facility Management) counts in Facility Management's row."""
    EconomyFigure.objects.create(
        unit=drs.unit("DRS-FM-KOST"),
        period=drs.period,
        kind=EconomyFigure.OPERATIONS,
        line="Verksamhetens nettokostnad",
        outcome=D("-1250000"),
        budget=D("500000"),
        forecast=D("-2000000"),
    )
    t = table(assembly.economy(drs.facts()), "ekonomi")
    assert as_text(rows_by_name(t)["Facility Management"]) == ("-17.4", "0.5", "-17.9", "-22.0")
    assert as_text(t.total[1:]) == ("-3.5", "9.4", "-12.9", "-32.0")


INVESTMENTS = {  # typ: (planerat, utfall beslut före året, beslut under året, summa utfall, prognos)
    "MT-utrustning": ("0.0", "0.0", "0.0", "0.0", "0.0"),
    "IT-utrustning": ("20.4", "2.4", "1.2", "3.6", "15.0"),
    "Övriga inventarier": ("0.4", "3.3", "0.3", "3.6", "5.0"),
    "Fastigheter": ("80.4", "19.6", "3.0", "22.6", "77.0"),
    "Hjälpmedel": ("38.2", "0.0", "27.2", "27.2", "38.0"),
}


def test_investments_per_type(drs):
    (t,) = assembly.investments(drs.facts())
    assert {name: as_text(values) for name, values in rows_by_name(t).items()} == INVESTMENTS
    assert as_text(t.total) == ("Totalt", "139.4", "25.3", "31.7", "57.0", "135.0")
    # Fastigheter's investment is booked on the area, the others on the division: both count.
    (fast,) = assembly.investments(drs.facts("DRS-FAST"))
    assert {name: as_text(values) for name, values in rows_by_name(fast).items()} == {
        "Fastigheter": INVESTMENTS["Fastigheter"]
    }


def test_investments_without_the_decision_year_split_show_the_sum_only(drs):
    """A finance file without "Utfall beslut före året": the split cells stay empty, the sum is there."""
    figure = EconomyFigure.objects.get(kind=EconomyFigure.INVESTMENTS, line="Hjälpmedel")
    figure.outcome_earlier = None
    figure.save()
    (t,) = assembly.investments(drs.facts())
    assert as_text(rows_by_name(t)["Hjälpmedel"]) == ("38.2", None, None, "27.2", "38.0")
    assert as_text(t.total) == ("Totalt", "139.4", None, None, "57.0", "135.0")


# --- sex split --------------------------------------------------------------------------

SJUK = "Sjukfrånvaro, regionens medarbetare"


def sex_split_row(drs, name=SJUK):
    (t,) = assembly.sex_split(drs.facts())
    matching = [row for row in t.rows if row[0] == name]
    assert len(matching) == 1, [row[0] for row in t.rows]
    return matching[0]


def test_sex_split_has_the_sick_leave_of_august(drs):
    (t,) = assembly.sex_split(drs.facts())
    assert [c.header for c in t.columns] == [
        "Styrmått",
        "Mål",
        "Utfall kvinnor",
        "Utfall män",
        "Utfall totalt",
        "Enhet",
    ]
    assert sex_split_row(drs) == [SJUK, "< 4,8 %", D("7.4"), D("4.9"), D("6.8"), "%"]
    # Every measure split by sex, once per unit that follows it (the owner or an adopting unit).
    division = drs.unit("DRS")
    own = PlanItem.objects.filter(
        year=2022, level=Levels.MEASURE, split_by_sex=True, plan__unit__path__startswith=division.path
    ).select_related("plan__unit")
    adopted = MeasureAdoption.objects.filter(
        measure__year=2022, measure__split_by_sex=True, unit__path__startswith=division.path
    ).select_related("measure", "unit")
    expected = [(m.name, m.plan.unit) for m in own] + [(a.measure.name, a.unit) for a in adopted]
    assert sorted(row[0] for row in t.rows) == sorted(
        name if unit == division else f"{name} ({unit.name})" for name, unit in expected
    )
    assert f"{SJUK} (Lokalvård)" in {row[0] for row in t.rows}


def _sjuk_values(drs, period_code):
    return MeasureValue.objects.filter(
        measure__code="M-SJUK", measure__year=2022, unit=drs.unit("DRS"), period__code=period_code
    )


def test_sex_split_an_exact_T2_value_wins_over_august(drs):
    assert _sjuk_values(drs, "2022-T2").count() == 3  # the demo has the delår's own value too
    for value in _sjuk_values(drs, "2022-T2"):
        value.value = {"women": D("7.0"), "men": D("5.0"), "total": D("6.0")}[value.sex]
        value.save()
    assert sex_split_row(drs)[2:5] == [D("7.0"), D("5.0"), D("6.0")]


def test_sex_split_without_a_T2_value_takes_augusts(drs):
    _sjuk_values(drs, "2022-T2").delete()
    for value in _sjuk_values(drs, "2022-07"):
        value.value = D("1.0")
        value.save()
    assert sex_split_row(drs)[2:5] == [D("7.4"), D("4.9"), D("6.8")]
    _sjuk_values(drs, "2022-08").delete()  # then July's, the latest left inside the delår
    assert sex_split_row(drs)[2:5] == [D("1.0"), D("1.0"), D("1.0")]


def test_sex_split_ignores_a_value_after_the_period(drs):
    _sjuk_values(drs, "2022-T2").delete()
    september = Period.objects.get(code="2022-09")
    for sex in ("women", "men", "total"):
        MeasureValue.objects.update_or_create(
            measure=PlanItem.objects.get(code="M-SJUK", year=2022),
            unit=drs.unit("DRS"),
            period=september,
            sex=sex,
            defaults={"value": D("99")},
        )
    assert sex_split_row(drs)[2:5] == [D("7.4"), D("4.9"), D("6.8")]


# --- goal fulfilment --------------------------------------------------------------------


def expected_status(item: PlanItem, unit: OrgUnit, period: Period, levels) -> str:
    """The rule, worked out from the Assessment rows: the unit's own assessment of the item,
    else the roll-up of the subtree's assessments of the open items below it."""
    own = Assessment.objects.filter(item=item, unit=unit, period=period).exclude(status=Status.NOT_ASSESSED).first()
    if own:
        return own.status
    below = (
        Assessment.objects.filter(
            period=period,
            unit__path__startswith=unit.path,
            item__path__startswith=item.path,
            item__level__in=levels,
            item__finished=False,
        )
        .exclude(item=item)
        .values_list("status", "item__critical")
    )
    return roll_up(list(below), FollowupSettings.current().rollup_rule).status


def goal_rows(drs):
    (t,) = assembly.goal_fulfilment(drs.facts())
    return t


def test_goal_fulfilment_is_grouped_by_perspective_in_order(drs):
    t = goal_rows(drs)
    assert [c.header for c in t.columns] == [
        "Perspektiv",
        "Strategiskt mål",
        "Bedömning",
        "Framgångsfaktor",
        "Bedömning",
        "Kommentar",
    ]
    blocks = [p for i, p in enumerate(row[0] for row in t.rows) if i == 0 or t.rows[i - 1][0] != p]
    assert blocks == PERSPECTIVES  # each perspective once, as one block, in the scorecard's order


def test_goal_fulfilment_has_one_row_per_success_factor(drs):
    division = drs.unit("DRS")
    followed = list(PlanItem.objects.filter(year=2022, plan__unit__path__startswith=division.path))
    followed += [
        a.measure for a in MeasureAdoption.objects.filter(measure__year=2022, unit__path__startswith=division.path)
    ]
    above = {int(pk) for item in followed for pk in item.path.strip("/").split("/")}
    factors = PlanItem.objects.filter(pk__in=above, level=Levels.FACTOR).select_related("parent")
    expected = Counter((f.parent.name, f.name) for f in factors)
    t = goal_rows(drs)
    assert Counter((row[1], row[3]) for row in t.rows) == expected
    assert len(t.rows) == sum(expected.values()) == 14


@pytest.mark.parametrize("rule", ["majority", WORST])
def test_goal_fulfilment_statuses_follow_the_roll_up_rule(drs, rule):
    settings = FollowupSettings.current()
    settings.rollup_rule = rule
    settings.save()
    division, period = drs.unit("DRS"), drs.period
    t = goal_rows(drs)
    items = {
        (i.parent.name if i.parent else "", i.name): i
        for i in PlanItem.objects.filter(year=2022, level__in=[Levels.GOAL, Levels.FACTOR]).select_related("parent")
    }
    for _perspective, goal, goal_status, factor, factor_status, _comment in t.rows:
        assert goal_status == expected_status(items[("", goal)], division, period, [Levels.FACTOR, Levels.MEASURE]), (
            goal
        )
        assert factor_status == expected_status(items[(goal, factor)], division, period, [Levels.MEASURE]), factor


def test_goal_fulfilment_rolls_up_the_sick_leave_of_every_unit(drs):
    """Hållbar arbetsmiljö: M-SJUK is red at the division and the five units that adopted it."""
    t = goal_rows(drs)
    row = next(row for row in t.rows if row[3] == "Hållbar arbetsmiljö")
    factor = PlanItem.objects.get(year=2022, level=Levels.FACTOR, name="Hållbar arbetsmiljö")
    below = list(
        Assessment.objects.filter(
            period=drs.period,
            unit__path__startswith=drs.unit("DRS").path,
            item__parent=factor,
            item__level=Levels.MEASURE,
        ).values_list("status", "item__critical")
    )
    assert len(below) == 6  # M-SJUK at 6 units; M-HME is yearly, not assessed in the delår
    assert row[4] == roll_up(below).status == Status.RED
    # Once every unit's measures are green, so is the factor.
    for assessment in Assessment.objects.filter(period=drs.period, item__parent=factor):
        assessment.status = Status.GREEN
        assessment.save()
    row = next(row for row in goal_rows(drs).rows if row[3] == "Hållbar arbetsmiljö")
    assert row[4] == Status.GREEN


def test_goal_fulfilment_uses_the_units_own_assessment_of_a_factor(drs):
    factor = PlanItem.objects.get(year=2022, level=Levels.FACTOR, name="Hållbar arbetsmiljö")
    Assessment.objects.create(
        item=factor, unit=drs.unit("DRS"), period=drs.period, status=Status.YELLOW, comment="Bedömd av divisionen."
    )
    row = next(row for row in goal_rows(drs).rows if row[3] == "Hållbar arbetsmiljö")
    assert (row[4], row[5]) == (Status.YELLOW, Noted("Bedömd av divisionen.", ""))


def test_goal_fulfilment_comments_are_what_people_wrote_and_the_roll_up_a_note(drs):
    """The roll-up's explanation ("… av 6 → Röd") is the cell's small note, not its comment;
    a comment the division wrote on an item it left for the roll-up is the comment."""
    row = next(row for row in goal_rows(drs).rows if row[3] == "Hållbar arbetsmiljö")
    assert row[5].text == ""  # nobody at the division wrote on the factor
    assert "av 6" in row[5].note and row[5].note.endswith("Röd")
    factor = PlanItem.objects.get(year=2022, level=Levels.FACTOR, name="Hållbar arbetsmiljö")
    Assessment.objects.create(
        item=factor,
        unit=drs.unit("DRS"),
        period=drs.period,
        status=Status.NOT_ASSESSED,
        comment="Sjukfrånvaron följs upp med HR varje månad.",
    )
    row = next(row for row in goal_rows(drs).rows if row[3] == "Hållbar arbetsmiljö")
    assert row[4] == Status.RED  # still the roll-up
    assert row[5].text == "Sjukfrånvaron följs upp med HR varje månad."
    assert "av 6" in row[5].note
    html = str(report_cell(row[5], Column("Kommentar")))
    assert html.startswith('Sjukfrånvaron följs upp med HR varje månad.<small class="cell-note">')
    assert str(row[5]) == f"Sjukfrånvaron följs upp med HR varje månad. ({row[5].note})"  # the Excel cell


# --- assignments ------------------------------------------------------------------------


def assignment_names(drs):
    (t,) = assembly.assignments(drs.facts())
    return [row[0] for row in t.rows]


def test_assignments_of_the_division_with_their_report_back(drs):
    (t,) = assembly.assignments(drs.facts())
    expected = PlanItem.objects.filter(
        year=2022, level=Levels.ASSIGNMENT, plan__unit__path__startswith=drs.unit("DRS").path
    )
    assert sorted(row[0] for row in t.rows) == sorted(item.name for item in expected)
    assert len(t.rows) == 8
    outsourcing = next(row for row in t.rows if row[0].startswith("Utreda förutsättningar för outsourcing"))
    status = Assessment.objects.get(
        item__code="U-OUTSOURCING", item__year=2022, unit=drs.unit("DRS"), period=drs.period
    )
    assert outsourcing[1:] == ["Regiondirektören", "Division Regionstöd", status.status, status.comment, "Nej"]


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        (None, True),
        (datetime.date(2022, 1, 20), True),
        (datetime.date(2022, 8, 31), True),  # starts on the period's last day
        (datetime.date(2022, 9, 1), False),
        (datetime.date(2023, 1, 1), False),
    ],
)
def test_assignments_starting_after_the_period_are_left_out(drs, start, shown):
    item = PlanItem.objects.get(code="U-EHANDEL", year=2022)
    item.start_date = start
    item.save()
    assert ("Utveckla e-handel" in assignment_names(drs)) is shown
    assert "Bättre styrning av inköp och fakturahantering" in assignment_names(drs)


# --- appendix ---------------------------------------------------------------------------


def test_appendix_lists_every_measure_line_with_its_status(drs):
    division, period = drs.unit("DRS"), drs.period
    (t,) = assembly.appendix(drs.facts())
    assert [c.header for c in t.columns][4:6] == ["Utfall 2022-T2", "Utfall 2021-T2"]
    own = [
        (m, m.plan.unit)
        for m in PlanItem.objects.filter(
            year=2022, level=Levels.MEASURE, plan__unit__path__startswith=division.path
        ).select_related("plan__unit")
    ]
    adopted = [
        (a.measure, a.unit)
        for a in MeasureAdoption.objects.filter(
            measure__year=2022, unit__path__startswith=division.path
        ).select_related("measure", "unit")
    ]
    statuses = {(a.item_id, a.unit_id): a.status for a in Assessment.objects.filter(period=period)}
    expected = Counter((m.code, u.name, statuses.get((m.pk, u.pk), Status.NOT_ASSESSED)) for m, u in own + adopted)
    measure_codes = set(PlanItem.objects.filter(year=2022, level=Levels.MEASURE).values_list("code", flat=True))
    shown = Counter((row[0], row[2], row[6]) for row in t.rows if row[0] in measure_codes)
    assert shown == expected
    assert sum(expected.values()) == 47
    sjuk = next(row for row in t.rows if row[0] == "M-SJUK" and row[2] == "Division Regionstöd")
    # No 2021 plan in the demo: the cell says why it has no value.
    assert sjuk[3:] == ["< 4,8 %", D("6.8"), Noted("", "Nytt 2022"), Status.RED]
    assert all(isinstance(row[5], Noted) and row[5].note for row in t.rows if row[0] in measure_codes)


def test_appendix_shows_last_years_outcome_through_the_copied_plan(drs):
    """The 2022 plans copied to 2023: the 2023 delår's appendix shows 2022-T2's outcome of
    the item each measure was copied from, and says so where 2022 has no value."""
    from goals.models import Plan
    from goals.services import copy_to_next_year
    from regionplan.orgtree import ensure_year

    root = Plan.objects.get(year=2022, unit__parent__isnull=True)
    copy_to_next_year(root, include_subtree=True)
    ensure_year(drs.region, 2023)
    (t,) = assembly.appendix(Facts(drs.unit("DRS"), Period.objects.get(code="2023-T2")))
    assert [c.header for c in t.columns][4:6] == ["Utfall 2023-T2", "Utfall 2022-T2"]
    sjuk = next(row for row in t.rows if row[0] == "M-SJUK" and row[2] == "Division Regionstöd")
    assert sjuk[4] is None  # nothing reported in 2023 yet
    assert sjuk[5] == D("6.8")  # August 2022's sick leave, seed 003
    MeasureValue.objects.filter(measure__code="M-SJUK", measure__year=2022, unit=drs.unit("DRS")).delete()
    (t,) = assembly.appendix(Facts(drs.unit("DRS"), Period.objects.get(code="2023-T2")))
    sjuk = next(row for row in t.rows if row[0] == "M-SJUK" and row[2] == "Division Regionstöd")
    assert sjuk[5] == Noted("", "Inget värde")


def test_appendix_lists_the_success_factors_of_the_division(drs):
    (t,) = assembly.appendix(drs.facts())
    factor_codes = set(
        PlanItem.objects.filter(year=2022, level=Levels.FACTOR, plan__unit=drs.unit("DRS")).values_list(
            "code", flat=True
        )
    )
    assert factor_codes and factor_codes <= {row[0] for row in t.rows}


# --- trend charts -----------------------------------------------------------------------


def test_trend_chart_of_the_sick_leave(drs):
    blocks = assembly.trend_charts(drs.facts())
    block = next(b for b in blocks if b.chart.title == f"M-SJUK {SJUK}")
    assert block.chart.labels == [f"2022-{m:02d}" for m in range(1, 9)]
    women, men, total = block.chart.series
    assert (women.key, men.key, total.key) == ("women", "men", "total")
    assert (women.values[-1], men.values[-1], total.values[-1]) == (D("7.4"), D("4.9"), D("6.8"))
    assert block.chart.target == D("4.8")
    assert block.table.rows[-1] == ["2022-08", D("7.4"), D("4.9"), D("6.8")]
    assert block.svg.startswith("<svg") and "<title>M-SJUK Sjukfrånvaro" in block.svg


# --- whole report: notes, texts, sections -----------------------------------------------


def test_the_demo_report_has_every_section_of_the_delarsrapport(drs):
    content = assembly.assemble(drs.report, TODAY)
    assert [s.key for s in content.sections] == [s.key for s in ReportSection.objects.filter(report=drs.report)]
    assert content.heading == "Delårsrapport 2022"
    assert content.title == "Delårsrapport 2022 – Division Regionstöd"
    for section in content.sections:
        if section.automatic:
            assert section.note == "", section.key  # the demo has data for every automatic section
            assert section.tables or section.charts


@pytest.mark.parametrize(
    ("key", "note"),
    [
        ("ekonomi", "Inga ekonomiska uppgifter är inlästa för perioden."),
        ("investeringar", "Inga investeringar är inlästa för perioden."),
        ("uppdrag", "Inga uppdrag att återrapportera för perioden."),
        ("jamstalldhet", "Enheten har inga könsuppdelade styrmått för året."),
    ],
)
def test_an_automatic_section_without_data_gets_its_note(drs, key, note):
    """Kostverksamhet has no economy figures, investments, assignments nor split measures."""
    section = drs.section(key, "DRS-FM-KOST")
    assert section.note == note
    assert section.tables == []
    assert drs.section(key).note == ""  # the division has them


def test_economy_without_cost_figures_shows_the_areas_only(drs):
    EconomyFigure.objects.filter(kind=EconomyFigure.COSTS).delete()
    section = drs.section("ekonomi")
    assert section.note == ""
    assert [t.key for t in section.tables] == ["ekonomi"]  # no empty cost development table
    assert as_text(section.tables[0].total[1:]) == ("-2.2", "8.9", "-11.1", "-30.0")


def test_narrative_text_is_escaped_in_the_section(drs):
    section = ReportSection.objects.get(report=drs.report, key="sammanfattning")
    section.text = (
        'Resultatet <script>alert("x")</script> är **−2 mnkr** & prognosen −30.\n\n'
        "<img src=x onerror=alert(1)> [mer](javascript:alert(1))"
    )
    section.save()
    html = drs.section("sammanfattning").html
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert "&lt;script&gt;" in html and "<strong>−2 mnkr</strong>" in html and "&amp; prognosen" in html


def test_document_date_is_today_for_a_draft(drs):
    content = assembly.assemble(drs.report, TODAY)
    assert (content.document_date, content.approved) == (TODAY, False)


# --- a fixed number of queries ----------------------------------------------------------


def queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


@pytest.mark.parametrize(("small", "big"), [("DRS-FM", "DRS"), ("DRS-FM-KOST", "DRS"), ("DRS-ITMT", "DRS")])
def test_facts_take_as_many_queries_for_a_small_and_a_big_subtree(drs, small, big):
    small_count, small_facts = queries(lambda: drs.facts(small))
    big_count, big_facts = queries(lambda: drs.facts(big))
    assert len(big_facts.lines) > 2 * len(small_facts.lines)
    assert big_count == small_count


def test_facts_for_the_whole_region_take_no_more_queries(drs):
    division_count, _ = queries(lambda: drs.facts("DRS"))
    region_count, facts = queries(lambda: drs.facts("NLL"))
    assert len(facts.units) == len(drs.units)
    assert region_count <= division_count


def test_facts_take_as_many_queries_after_more_units_and_values(drs):
    before, facts = queries(lambda: drs.facts("DRS"))
    lines, values = len(facts.lines), sum(len(v) for line in facts.lines for v in line.values.values())
    kind = OrgUnitKind.objects.get(name="Enhet")
    sjuk = PlanItem.objects.get(code="M-SJUK", year=2022)
    periods = list(Period.objects.filter(start__year=2022, end__lte=drs.period.end))
    for n in range(8):
        unit = OrgUnit(
            code=f"DRS-HRE-NY{n}",
            name=f"Ny enhet {n}",
            kind=kind,
            parent=drs.unit("DRS-HRE"),
            valid_from=datetime.date(2022, 1, 1),
        )
        unit.save()
        MeasureAdoption.objects.create(measure=sjuk, unit=unit)
        MeasureValue.objects.bulk_create(
            [
                MeasureValue(measure=sjuk, unit=unit, period=p, sex=sex, value=D("5.5"))
                for p in periods
                for sex in ("women", "men", "total")
            ]
        )
        Assessment.objects.create(item=sjuk, unit=unit, period=drs.period, status=Status.YELLOW)
        EconomyFigure.objects.create(
            unit=unit,
            period=drs.period,
            kind=EconomyFigure.OPERATIONS,
            line="Verksamhetens nettokostnad",
            outcome=D("-1000000"),
            budget=D("0"),
        )
    after, facts = queries(lambda: drs.facts("DRS"))
    assert len(facts.lines) == lines + 8
    assert sum(len(v) for line in facts.lines for v in line.values.values()) == values + 8 * len(periods) * 3
    assert after == before


def test_the_section_builders_make_no_queries(drs):
    facts = drs.facts()
    count, _ = queries(
        lambda: [builder(facts) for builder in assembly.BUILDERS.values()] + [assembly.trend_charts(facts)]
    )
    assert count == 0


# --- the reader's language -------------------------------------------------------------


@pytest.mark.parametrize("what", ["note", "series label"])
def test_notes_and_labels_follow_the_readers_language(drs, what):
    """Regression: EMPTY_NOTES and SEX_LABELS were translated once, at import (gettext, not gettext_lazy)."""
    with translation.override("en"):
        if what == "note":
            section = drs.section("ekonomi", "DRS-FM-KOST")
            assert section.note == "No financial data has been loaded for the period."
        else:
            block = next(b for b in assembly.trend_charts(drs.facts()) if b.chart.title == f"M-SJUK {SJUK}")
            assert [s.label for s in block.chart.series] == ["Women", "Men", "Total"]
