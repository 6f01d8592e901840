"""Uppföljning av internkontroll in reports (internal_control/reporting.py, queries.py): the
unit's own plan listed with its results up to the period, the units under it counted in
SQL, the heat map of the subtree, the open actions; drafts never in a board's report."""

import datetime
from types import SimpleNamespace

import pytest

from internal_control import queries, reporting
from internal_control.models import Control, ControlResult, Risk, RiskAction, RiskAnalysis
from internal_control.rules import window
from regionplan import auditing
from regionplan.models import Period
from regionplan.tenancy import region_scope
from tests.internal_control.factory import make_analysis
from tests.plans import YEAR

TODAY = datetime.date(YEAR, 12, 4)


def built(world, unit="DIV", period=f"{YEAR}-T2"):
    with region_scope(world.alfa):
        facts = SimpleNamespace(unit=world.units[unit], period=Period.objects.get(code=period))
        return {getattr(block, "key", ""): block for block in reporting.build(facts)}


def result(control, code, day, outcome, findings=""):
    return ControlResult.objects.create(
        control=control, occurrence=code, due_on=day, outcome=outcome, checked="Tio fakturor", findings=findings
    )


@pytest.fixture
def adopted(world):
    """DIV's adopted plan: a risk with a tertial control done by VO1, results for T1 and T3;
    VO1's own adopted analysis with a red risk; a draft of VO2's that no report may show."""
    analysis = make_analysis(world, state=RiskAnalysis.ADOPTED)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        risk = Risk.objects.get(analysis=analysis, number=1)
        risk.description, risk.consequence = "Felaktiga utbetalningar", "Förtroendeskada"
        risk.save()
        control = Control.objects.get(risk=risk)
        result(control, f"{YEAR}-T1", datetime.date(YEAR, 4, 30), "minor", "Två saknade attest")
        result(control, f"{YEAR}-T3", datetime.date(YEAR, 12, 31), "ok")
        RiskAction.objects.create(
            risk=risk, what="Påminn om attestordningen", owner_label="Ekonomichef", deadline=datetime.date(YEAR, 6, 30)
        )
        below = RiskAnalysis.objects.create(unit=world.units["VO1"], year=YEAR, matrix=analysis.matrix, state="adopted")
        Risk.objects.create(analysis=below, number=1, name="Brister i storstäd", net_likelihood=4, net_impact=4)
        draft = RiskAnalysis.objects.create(unit=world.units["VO2"], year=YEAR, matrix=analysis.matrix)
        Risk.objects.create(analysis=draft, number=1, name="Utkastets risk", net_likelihood=1, net_impact=1)
    return control


def test_the_plan_table_has_seed_003s_columns_and_the_results_up_to_the_period(world, adopted):
    blocks = built(world)
    table = blocks["internkontroll"]
    assert [c.header for c in table.columns] == [
        "Mål/säkerställa",
        "Vad kan gå fel/undvika",
        "Konsekvens",
        "Verksamhet",
        "Kontroll/mitigerande åtgärd och resultat",
        "Resultat",
    ]
    [row] = table.rows
    assert row[:4] == ["Fakturagranskning 1", "Felaktiga utbetalningar", "Förtroendeskada", "Område Ett A"]
    assert f"{YEAR}-T1: Mindre brister. Tio fakturor Två saknade attest" in row[4]
    assert f"{YEAR}-T3" not in row[4]  # after the period
    assert row[5] == "yellow"


def test_the_heat_map_counts_the_subtree_and_leaves_drafts_out(world, adopted):
    figure = built(world)["internkontroll-karta"]
    assert sum(sum(line[1:]) for line in figure.table.rows) == 2  # DIV's risk and VO1's, not VO2's draft
    assert "Utkastets risk" not in str(built(world))
    assert "(Gul 1, Röd 1)" in figure.table.title and "<svg" in figure.svg


def test_the_units_under_are_counted_per_child(world, adopted):
    table = built(world, period=f"{YEAR}-T1")["internkontroll-enheter"]
    assert table.rows == [["Område Ett A", 1, 1, 1, 0, 0, 0]]  # the control is VO1's work


def test_an_action_open_at_the_periods_end_is_listed_with_its_deadline(world, adopted):
    table = built(world)["internkontroll-atgarder"]
    [row] = table.rows
    assert row[1] == "Påminn om attestordningen" and row[2] == "Ekonomichef"
    assert row[3].startswith(f"⚠ {YEAR}-06-30")  # overdue at T2's end


def test_no_adopted_plan_means_no_blocks(world):
    make_analysis(world)  # a draft
    assert built(world) == {}


@pytest.mark.parametrize(
    "frequency, due_on, period, expected",
    [
        ("monthly", None, ("tertial", 2), (4, 4)),
        ("tertial", None, ("tertial", 3), (1, 0)),
        ("halfyear", None, ("tertial", 1), (0, 0)),
        ("halfyear", None, ("tertial", 2), (1, 1)),
        ("yearly", None, ("tertial", 3), (1, 0)),
        ("once", datetime.date(YEAR, 3, 15), ("tertial", 1), (1, 1)),
        ("once", datetime.date(YEAR, 3, 15), ("tertial", 2), (0, 0)),
    ],
)
def test_occurrences_a_period_asks_for_and_how_many_are_past(frequency, due_on, period, expected):
    kind, number = period
    start, _end = window(kind, YEAR, number)
    assert (
        queries.occurrences_due(frequency, due_on, SimpleNamespace(kind=kind, number=number, start=start), TODAY)
        == expected
    )


def test_the_tally_counts_due_done_overdue_and_actions(world, adopted):
    with region_scope(world.alfa):
        period = Period.objects.get(code=f"{YEAR}-T2")
        analyses = queries.in_subtree(world.units["DIV"], YEAR, RiskAnalysis.objects.filter(state__in=queries.SHOWN))
        total, per_child = queries.tally(world.units["DIV"], analyses, period, TODAY)
    assert (total.due, total.done, total.overdue) == (1, 0, 1)  # T2's occurrence has no result
    assert (total.actions_open, total.actions_overdue) == (1, 1)
    # The control is VO1's work; the action is DIV's own (its analysis'), so not a child's.
    assert list(per_child) == [world.units["VO1"].pk]
    assert (per_child[world.units["VO1"].pk].due, per_child[world.units["VO1"].pk].actions_open) == (1, 0)
