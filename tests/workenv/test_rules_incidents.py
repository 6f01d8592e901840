"""Incident rules, table-driven (workenv/rules_incidents.py)."""

import datetime

import pytest

from workenv import rules_incidents as r

D = datetime.date
TODAY = D(2026, 6, 10)
NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "serious,reported,causes,closed,state",
    [
        (True, None, "", None, r.UNREPORTED),
        (True, None, "Orsak", D(2026, 6, 1), r.UNREPORTED),  # closed but never reported: still red
        (True, D(2026, 6, 2), "", None, r.NEW),
        (False, None, "", None, r.NEW),
        (False, None, "  ", None, r.NEW),
        (False, None, "Vått golv", None, r.INVESTIGATING),
        (False, None, "Vått golv", D(2026, 6, 3), r.CLOSED),
    ],
)
def test_state(serious, reported, causes, closed, state):
    assert r.state(serious, reported, causes, closed) == state


@pytest.mark.parametrize(
    "occurred,unit_from,unit_to,fragment",
    [
        (NOW, None, None, ""),
        (NOW + datetime.timedelta(minutes=1), None, None, "framtiden"),
        (NOW, D(2026, 7, 1), None, "fanns inte"),
        (NOW, None, D(2026, 5, 31), "stängd"),
        (NOW, D(2026, 6, 10), D(2026, 6, 10), ""),
    ],
)
def test_occurred_problem(occurred, unit_from, unit_to, fragment):
    problem = r.occurred_problem(occurred, NOW, unit_from, unit_to)
    assert (fragment in problem) if fragment else problem == ""


@pytest.mark.parametrize(
    "closed,serious,reported,fragment",
    [
        (None, True, None, ""),
        (D(2026, 6, 5), False, None, ""),
        (D(2026, 6, 11), False, None, "framtiden"),
        (D(2026, 5, 31), False, None, "före händelsen"),
        (D(2026, 6, 5), True, None, "måste anmälas"),
        (D(2026, 6, 5), True, D(2026, 6, 2), ""),
    ],
)
def test_closing_problem(closed, serious, reported, fragment):
    problem = r.closing_problem(closed, D(2026, 6, 1), TODAY, serious, reported)
    assert (fragment in problem) if fragment else problem == ""


@pytest.mark.parametrize(
    "reported,case,fragment",
    [
        (None, "", ""),
        (D(2026, 6, 2), "2026/012345", ""),
        (D(2026, 6, 2), "", "både"),
        (None, "2026/012345", "både"),
        (D(2026, 6, 11), "2026/1", "framtiden"),
        (D(2026, 5, 1), "2026/1", "före händelsen"),
    ],
)
def test_authority_problem(reported, case, fragment):
    problem = r.authority_problem(reported, case, D(2026, 6, 1), TODAY)
    assert (fragment in problem) if fragment else problem == ""


@pytest.mark.parametrize(
    "n,reads_only,shown", [(0, True, 0), (1, True, "< 5"), (4, True, "< 5"), (5, True, 5), (3, False, 3)]
)
def test_shown_count(n, reads_only, shown):
    assert r.shown_count(n, reads_only) == shown


@pytest.mark.parametrize(
    "cells,row_totals,column_totals,grand",
    [
        # nothing small: all totals shown
        ({("a", 1): 5, ("a", 2): 6, ("b", 1): 7, ("b", 2): 8}, {"a": 11, "b": 15}, {1: 12, 2: 14}, 26),
        # one hidden cell: its row and column totals would reveal it (11 − 9 = 2), so hidden;
        # the other line totals stay, and the grand total too (two hidden lines, not one)
        ({("a", 1): 9, ("a", 2): 2, ("b", 1): 7, ("b", 2): 8}, {"a": None, "b": 15}, {1: 16, 2: None}, 26),
        # two hidden cells in one row: the row total shows their sum only
        ({("a", 1): 3, ("a", 2): 2, ("b", 1): 7, ("b", 2): 8}, {"a": 5, "b": 15}, {1: None, 2: None}, 20),
        # a small grand total is itself hidden
        ({("a", 1): 1, ("a", 2): 0, ("b", 1): 0, ("b", 2): 0}, {"a": None, "b": 0}, {1: None, 2: 0}, "< 5"),
    ],
)
def test_suppressed_table_hides_totals_that_would_reveal_a_cell(cells, row_totals, column_totals, grand):
    shown, rows, columns, total = r.suppressed_table(cells, ["a", "b"], [1, 2], reads_only=True)
    assert rows == row_totals and columns == column_totals and total == grand
    assert all(v == "< 5" for k, v in shown.items() if 0 < cells.get(k, 0) < 5)


def test_suppressed_table_shows_everything_to_those_who_keep_the_unit():
    cells = {("a", 1): 1, ("a", 2): 2}
    shown, rows, columns, total = r.suppressed_table(cells, ["a"], [1, 2], reads_only=False)
    assert shown == {("a", 1): 1, ("a", 2): 2} and rows == {"a": 3} and total == 3
