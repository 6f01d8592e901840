"""The demo delårsrapport's economy against the real one: Region Norrbotten, Division
Regionstöd, delårsrapport 2022 (shared/seeds/003_fe16920e26caab9f.txt). The seed's tables
are transcribed below with the lines they come from; every amount the demo's tables print
must be the seed's, and every percentage must have the seed's sign (and here its value).
The monthly budget deviation (measure M-BUDGAVV) must agree with the economy table.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from followup.models import MeasureValue
from regionplan.models import OrgUnit, Period
from regionplan.numbers import format_number
from regionplan.tenancy import region_scope
from reports import assembly
from reports.assembly import Facts
from tests.conftest import demo_seeded_once

# "Utfall per VO" (seed lines 735–811). The text's columns come out jumbled; read column by
# column (Utfall: −5 at line 745, then 20 −16 3 4 −3 −4 −2; Periodbudget: 2 at 750, then
# 2 0 1 0 2 1 9; Budgetavvikelse: 18 at 751, −16 2 3 −6 −6 −11, and −7 at 811) they give,
# per verksamhetsområde: (Utfall 2022, Periodbudget 2022, Budgetavvikelse 2022), Mnkr.
# The seed names the areas as in the left column; the demo's units are named as below.
SEED_ECONOMY = {
    "Divisionsgemensamt": ("-5", "2", "-7"),
    "Fastigheter": ("20", "2", "18"),
    "Facility Management": ("-16", "0", "-16"),  # the seed's "FM"
    "HR/Ekonomi": ("3", "1", "2"),  # "HR- och ekonomistöd"
    "Inköp och försörjning": ("4", "0", "3"),
    "IT/MT": ("-3", "2", "-6"),  # "IT/MT stöd"
    "Sjukresor": ("-4", "1", "-6"),
}
SEED_ECONOMY_TOTAL = ("-2", "9", "-11")  # and the text, line 585: "−2 mnkr motsvarande −11 mnkr"

# "Kostnadsutveckling" (seed lines 860–966): kostnadsslag: (2022-8, 2021-8, Diff 2022 − 2021,
# Diff %), Mnkr. The amounts at lines 884–900 (2022), 948–966 (2021) and 924–940 (diff),
# the percentages at lines 862–878.
SEED_COSTS = {
    "Personal": ("-247", "-259", "12", "-4.7"),
    "Vårdmaterial": ("-4", "-5", "1", "-27.4"),
    "Läkemedel": ("0", "0", "0", "183.5"),
    "Köp av verksamhet/tjänster": ("-197", "-220", "23", "-10.7"),
    "Sjukresor och sjuktransporter": ("-94", "-84", "-10", "12.4"),
    "Övriga kostnader": ("-480", "-438", "-42", "9.5"),
    "Intäkter och kostnader utanför verksamhetens resultat": ("-39", "-38", "-1", "2.2"),
}
SEED_COSTS_TOTAL = ("-1 061", "-1 045", "-16", "1.5")  # "Kostnadsutveckling", lines 900, 966, 940, 876
SEED_NET_COST = ("-265", "-246", "-20", "8.0")  # "Nettokostnadsutveckling", lines 878, 902, 920, 942

# "Typ av investering (mnkr)" (seed lines 1096–1140): (Planerat 2022 (Ram 2022), Utfall beslut
# före 2022, Utfall beslut 2022, Summa utfall 2022, Beräknad årsprognos för investeringar).
SEED_INVESTMENTS = {
    "MT-utrustning": ("0", "0", "0", "0", "0"),
    "IT-utrustning": ("20", "2", "1", "4", "15"),
    "Övriga inventarier": ("0", "3", "0", "4", "5"),
    "Fastigheter": ("80", "20", "3", "23", "77"),
    "Hjälpmedel": ("38", "0", "27", "27", "38"),
}
SEED_INVESTMENTS_TOTAL = ("139", "25", "32", "57", "135")  # line 1140


def printed(value, column) -> str:
    """A number as the report prints it, with the seed's ASCII minus and a plain space."""
    return format_number(value, column.decimals).replace("−", "-").replace("\u00a0", " ")


def amounts(row, columns) -> tuple[str, ...]:
    return tuple(printed(v, c) for v, c in zip(row[1:], columns[1:], strict=True))


@pytest.fixture(scope="module")
def demo_region(django_db_setup, django_db_blocker):
    with demo_seeded_once(django_db_blocker) as region:
        yield region


@pytest.fixture
def facts(demo_region, db):
    with region_scope(demo_region):
        yield Facts(OrgUnit.objects.get(code="DRS"), Period.objects.get(code="2022-T2"))


def by_key(tables, key):
    return next(t for t in tables if t.key == key)


def test_the_economy_per_area_is_the_seeds(facts):
    t = by_key(assembly.economy(facts), "ekonomi")
    shown = {row[0]: amounts(row, t.columns)[:3] for row in t.rows}
    assert shown == SEED_ECONOMY
    assert amounts(t.total, t.columns)[:3] == SEED_ECONOMY_TOTAL
    assert t.total[0] == "Totalt"
    assert t.total[4] == Decimal("-30")  # "Prognosen uppgår totalt till -30 mnkr", line 986


def test_the_cost_development_is_the_seeds_with_the_seeds_signs(facts):
    t = by_key(assembly.economy(facts), "kostnadsutveckling")
    assert [row[0] for row in t.rows] == list(SEED_COSTS)  # the seed's order
    for row in t.rows:
        now, before, diff, percent = SEED_COSTS[row[0]]
        assert amounts(row, t.columns)[:3] == (now, before, diff), row[0]
        assert (row[4] > 0) == (Decimal(percent) > 0), row[0]  # the sign: the change in the cost's size
        assert row[4] == Decimal(percent), row[0]
    assert t.total[0] == "Totalt"
    assert amounts(t.total, t.columns)[:3] == SEED_COSTS_TOTAL[:3]
    assert t.total[4] == Decimal(SEED_COSTS_TOTAL[3]) > 0  # the costs as a whole rose 1,5 %
    (net,) = t.after_total
    assert net[0] == "Nettokostnadsutveckling"
    assert amounts(net, t.columns)[:3] == SEED_NET_COST[:3]
    assert net[4] == Decimal(SEED_NET_COST[3]) > 0


def test_personnel_costs_fell_and_the_percentage_says_so():
    """The report's text (seed line 834) and the table agree: a smaller cost is a fall."""
    from reports import rules

    assert rules.change_percent(Decimal("-247"), Decimal("-259")) < 0
    assert rules.change_percent(Decimal("-94"), Decimal("-84")) > 0


def test_the_investments_are_the_seeds_with_the_decision_year_split_and_a_total(facts):
    (t,) = assembly.investments(facts)
    assert [c.header for c in t.columns] == [
        "Typ av investering",
        "Planerat 2022 (ram)",
        "Utfall, beslut före 2022",
        "Utfall, beslut 2022",
        "Summa utfall 2022",
        "Beräknad årsprognos",
    ]
    assert {row[0]: amounts(row, t.columns) for row in t.rows} == SEED_INVESTMENTS
    assert [row[0] for row in t.rows] == list(SEED_INVESTMENTS)  # the seed's order
    assert t.total[0] == "Totalt"
    assert amounts(t.total, t.columns) == SEED_INVESTMENTS_TOTAL


def test_the_monthly_budget_deviation_agrees_with_the_economy_table(facts):
    """M-BUDGAVV's August value (the delår's outcome for a monthly measure) is each area's
    deviation in the economy table, and the division's the table's total; in every month
    of 2022 the division's is the sum of its areas'."""
    t = by_key(assembly.economy(facts), "ekonomi")
    deviation = {row[0]: row[3] for row in t.rows} | {"Regionstöd": t.total[3]}
    lines = [line for line in facts.lines if line.item.code == "M-BUDGAVV"]
    assert len(lines) == 8  # the division and its seven areas
    for line in lines:
        name = "Regionstöd" if line.unit.code == "DRS" else line.unit.name
        assert facts.outcome(line) == deviation[name], name
    months = [p for p in facts.periods if p.kind == "month" and p.start.year == 2022]
    assert len(months) == 8
    division = next(line for line in lines if line.unit.code == "DRS")
    for month in months:
        parts = [line.values[MeasureValue.TOTAL][month.pk] for line in lines if line is not division]
        assert division.values[MeasureValue.TOTAL][month.pk] == sum(parts), month.code
