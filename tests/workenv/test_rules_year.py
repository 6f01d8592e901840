"""The SAM year's rules, table-driven (workenv/rules_year.py): dates from months (leap
years), the state on a day, which period owes an activity, and the wheel's angles."""

import datetime

import pytest

from workenv import rules_year as r

D = datetime.date


@pytest.mark.parametrize(
    "year,start,due,dates",
    [
        (2026, 3, 4, (D(2026, 3, 1), D(2026, 4, 30))),
        (2028, 1, 2, (D(2028, 1, 1), D(2028, 2, 29))),  # leap year
        (2027, 2, 2, (D(2027, 2, 1), D(2027, 2, 28))),
        (2026, 12, 12, (D(2026, 12, 1), D(2026, 12, 31))),
    ],
)
def test_dates(year, start, due, dates):
    assert r.dates(year, start, due) == dates


@pytest.mark.parametrize("start,due,problem", [(1, 3, False), (3, 3, False), (11, 2, True), (None, 2, False)])
def test_months_problem(start, due, problem):
    assert bool(r.months_problem(start, due)) is problem


@pytest.mark.parametrize(
    "today,done,state",
    [
        (D(2026, 2, 1), None, r.COMING),
        (D(2026, 3, 1), None, r.DUE),
        (D(2026, 4, 30), None, r.DUE),  # the last day is still in time
        (D(2026, 5, 1), None, r.OVERDUE),
        (D(2026, 5, 1), D(2026, 4, 20), r.DONE),
        (D(2026, 2, 1), D(2026, 1, 20), r.DONE),  # done early
    ],
)
def test_state(today, done, state):
    assert r.state(D(2026, 3, 1), D(2026, 4, 30), done, today) == state


T1 = (D(2026, 1, 1), D(2026, 4, 30))
T2 = (D(2026, 5, 1), D(2026, 8, 31))


@pytest.mark.parametrize(
    "due,done,window,today,owed",
    [
        (D(2026, 4, 30), None, T1, D(2026, 3, 1), True),  # due in the period
        (D(2026, 4, 30), D(2026, 4, 1), T1, D(2026, 5, 1), True),  # done, still shown as done
        (D(2026, 4, 30), None, T2, D(2026, 6, 1), True),  # overdue follows into the next period
        (D(2026, 4, 30), D(2026, 4, 1), T2, D(2026, 6, 1), False),  # done before: not asked again
        (D(2026, 10, 31), None, T2, D(2026, 6, 1), False),  # later
    ],
)
def test_owed_in(due, done, window, today, owed):
    assert r.owed_in(due, done, window, today) is owed


@pytest.mark.parametrize(
    "done,fragment",
    [(None, "Ange datum"), (D(2026, 6, 2), "framtiden"), (D(2025, 12, 31), "före årets början"), (D(2026, 6, 1), "")],
)
def test_done_problem(done, fragment):
    problem = r.done_problem(done, 2026, D(2026, 6, 1))
    assert (fragment in problem) if fragment else problem == ""


@pytest.mark.parametrize("day,degrees", [(D(2026, 1, 1), 0.0), (D(2026, 7, 2), 180.0), (D(2028, 7, 2), 180.0)])
def test_angle(day, degrees):
    assert r.angle(day) == pytest.approx(degrees, abs=0.6)


def test_sector_paths_run_clockwise_from_twelve():
    assert r.sector_path(100, 100, 50, 1).startswith("M100,100 L100.0,50.0 A50,50 0 0 1 125.0,56.7")
    assert r.point(100, 100, 50, 90) == (150.0, 100.0)
