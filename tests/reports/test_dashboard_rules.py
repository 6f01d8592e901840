"""The small rules behind the dashboards, table by table: the trend from one status to
another, which period a trend compares with, the sort order of a ranking, paging, and the
roll-up from counts (which must agree with the roll-up from a list of statuses)."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from dataclasses import dataclass

import pytest

from regionplan.periods import periods_for_year
from regionplan.status import MAJORITY, WORST, RollUp, Status, roll_up, roll_up_counts
from reports.dashboards import default_period, period_choices
from reports.rules import (
    BETTER,
    SAME,
    WORSE,
    best_first,
    page_window,
    previous_period,
    reader_period,
    same_period_previous_year,
    trend,
)

G, Y, R, N = Status.GREEN, Status.YELLOW, Status.RED, Status.NOT_ASSESSED


# --- trend -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now, before, expected",
    [
        (G, Y, BETTER),
        (G, R, BETTER),
        (Y, R, BETTER),
        (Y, G, WORSE),
        (R, G, WORSE),
        (R, Y, WORSE),
        (G, G, SAME),
        (Y, Y, SAME),
        (R, R, SAME),
        # Ej bedömd has no rank: no trend from it or to it
        (N, G, None),
        (G, N, None),
        (N, N, None),
        # nothing at all (no assessment, no earlier period)
        (None, G, None),
        (G, None, None),
        (None, None, None),
        ("", R, None),
        # the stored values, as plain strings from the database
        ("green", "red", BETTER),
        ("red", "yellow", WORSE),
        ("yellow", "yellow", SAME),
        ("none", "red", None),
        # anything else is not a status
        ("grön", "red", None),
    ],
)
def test_trend(now, before, expected):
    assert trend(now, before) == expected


# --- the period a trend compares with ---------------------------------------------------------


@dataclass(frozen=True)
class P:
    """A period as the rules read it (code, kind, start, end); `pk` for the outcome rules."""

    code: str
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def pk(self):
        return self.code


def calendar(years, kinds=("month", "tertial")) -> list[P]:
    periods = [P(s.code, s.kind, s.start, s.end) for year in years for s in periods_for_year(year, list(kinds))]
    return list(reversed(periods))  # "in any order"


TERTIALS_AND_MONTHS = calendar([2021, 2022])
YEARS_ONLY = calendar([2020, 2021, 2022], kinds=("year",))
WITH_A_GAP = calendar([2020, 2022])  # 2021 is not in the calendar


def by_code(periods, code):
    return next(p for p in periods if p.code == code)


@pytest.mark.parametrize(
    "periods, code, expected",
    [
        (TERTIALS_AND_MONTHS, "2022-T2", "2022-T1"),
        (TERTIALS_AND_MONTHS, "2022-T3", "2022-T2"),
        (TERTIALS_AND_MONTHS, "2022-T1", "2021-T3"),  # T1 → last year's T3
        (TERTIALS_AND_MONTHS, "2021-T1", None),  # the calendar's first tertial
        (TERTIALS_AND_MONTHS, "2022-08", "2022-07"),
        (TERTIALS_AND_MONTHS, "2022-01", "2021-12"),
        (TERTIALS_AND_MONTHS, "2022-04", "2022-03"),  # not T1, which ends the same day but is another kind
        (TERTIALS_AND_MONTHS, "2021-01", None),
        (YEARS_ONLY, "2022", "2021"),
        (YEARS_ONLY, "2020", None),
        (WITH_A_GAP, "2022-T1", "2020-T3"),  # the latest earlier one the calendar has
    ],
)
def test_previous_period(periods, code, expected):
    found = previous_period(by_code(periods, code), periods)
    assert (found.code if found else None) == expected


@pytest.mark.parametrize(
    "periods, code, expected",
    [
        (TERTIALS_AND_MONTHS, "2022-T2", "2021-T2"),
        (TERTIALS_AND_MONTHS, "2022-T3", "2021-T3"),
        (TERTIALS_AND_MONTHS, "2022-08", "2021-08"),
        (TERTIALS_AND_MONTHS, "2022-01", "2021-01"),
        (TERTIALS_AND_MONTHS, "2021-T2", None),  # 2020 is not in the calendar
        (YEARS_ONLY, "2022", "2021"),
        (YEARS_ONLY, "2020", None),
        (WITH_A_GAP, "2022-T2", None),  # never the year before that
    ],
)
def test_same_period_previous_year(periods, code, expected):
    found = same_period_previous_year(by_code(periods, code), periods)
    assert (found.code if found else None) == expected


# --- the period a reader lands on, and the period list ----------------------------------------


@dataclass(frozen=True)
class DP:
    """A period as the default-period rules read it: with its last reporting day (two
    weeks after its end) and whether it has assessments."""

    code: str
    kind: str
    start: datetime.date
    end: datetime.date
    deadline: datetime.date
    assessed: bool

    @property
    def pk(self):
        return self.code


def assessed_calendar(years, assessed, kinds=("month", "tertial")) -> list[DP]:
    periods = [
        DP(s.code, s.kind, s.start, s.end, s.end + datetime.timedelta(days=14), s.code in assessed)
        for year in years
        for s in periods_for_year(year, list(kinds))
    ]
    return list(reversed(periods))  # "in any order"


D = datetime.date
FOLLOWED = {"2021-T2", "2021-T3", "2022-T1", "2022-T2", "2022-T3", "2022-09", "2022-10"}
CAL = assessed_calendar([2021, 2022], FOLLOWED)


@pytest.mark.parametrize(
    "periods, kind, today, expected",
    [
        (CAL, "tertial", D(2022, 10, 1), "2022-T2"),  # T3 is open and half reported: not that one
        (CAL, "tertial", D(2022, 9, 14), "2022-T1"),  # T2's last reporting day still belongs to the managers
        (CAL, "tertial", D(2022, 9, 15), "2022-T2"),  # the day after it, readers see T2
        (CAL, "tertial", D(2023, 1, 15), "2022-T3"),  # the year's report is in
        (CAL, "tertial", D(2022, 6, 1), "2022-T1"),
        (CAL, "tertial", D(2022, 2, 1), "2021-T3"),  # early in the year: last year's full year
        (CAL, "tertial", D(2021, 9, 1), None),  # nothing has passed yet (2021-T1 has no assessments)
        (CAL, "tertial", D(2020, 6, 1), None),  # before the calendar
        (CAL, "month", D(2022, 11, 20), "2022-10"),  # a region that follows months: the months count
        (
            assessed_calendar([2021, 2022], {"2021-T2"}),
            "tertial",
            D(2022, 10, 1),
            "2021-T2",
        ),  # passed, unassessed: skipped
        (assessed_calendar([2021, 2022], set()), "tertial", D(2023, 6, 1), None),  # no assessments at all
        (assessed_calendar([2020, 2021], {"2020", "2021"}, ("year",)), "year", D(2022, 1, 15), "2021"),
        (assessed_calendar([2020, 2021], {"2020", "2021"}, ("year",)), "year", D(2022, 1, 14), "2020"),
    ],
)
def test_reader_period(periods, kind, today, expected):
    found = reader_period(periods, kind, today)
    assert (found.code if found else None) == expected


@dataclass
class RegionKinds:
    period_kinds: list


@pytest.mark.parametrize(
    "today, reader, expected",
    [
        (D(2022, 10, 1), True, "2022-T2"),  # a reader: the latest finished tertial
        (D(2022, 10, 1), False, "2022-T3"),  # who reports: the latest with assessments, the open one
        (D(2021, 9, 1), True, "2022-T3"),  # nothing finished yet: as for those who report
        (D(2021, 9, 1), False, "2022-T3"),
    ],
)
def test_default_period_for_readers_and_reporters(today, reader, expected):
    region = RegionKinds(["month", "tertial"])
    assert default_period(CAL, region, today, reader=reader).code == expected


def test_default_period_without_assessments_is_the_running_one():
    periods = assessed_calendar([2022], set())
    for reader in (True, False):
        assert default_period(periods, RegionKinds(["tertial"]), D(2022, 6, 1), reader=reader).code == "2022-T2"


@pytest.mark.parametrize(
    "chosen, expected",
    [
        (
            "2022-T2",
            [
                (2022, ["2022-T1", "2022-T2", "2022-T3", "2022-09", "2022-10"]),  # tertials, then months
                (2021, ["2021-T2", "2021-T3"]),
            ],
        ),
        (  # a period without assessments, asked for in the URL, is listed where it belongs
            "2021-05",
            [
                (2022, ["2022-T1", "2022-T2", "2022-T3", "2022-09", "2022-10"]),
                (2021, ["2021-T2", "2021-T3", "2021-05"]),
            ],
        ),
    ],
)
def test_period_choices_are_the_assessed_periods_by_year(chosen, expected):
    choices = period_choices(CAL, by_code(CAL, chosen))
    assert [(year, [p.code for p in periods]) for year, periods in choices] == expected
    assert sum(len(periods) for _year, periods in choices) <= len(FOLLOWED) + 1  # not the whole calendar (30)


# --- rankings and pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "direction, high_first",
    [
        ("higher", True),
        ("lower", False),  # sick leave: the lowest value is the best
        ("yesno", True),
        ("follow", True),
        ("", True),
    ],
)
def test_best_first(direction, high_first):
    assert best_first(direction) is high_first


@pytest.mark.parametrize(
    "total, page, size, expected",
    [
        # (page, pages, start, stop)
        (0, 1, 10, (1, 1, 0, 0)),  # nothing to show is still page 1 of 1
        (0, 5, 10, (1, 1, 0, 0)),
        (1, 1, 10, (1, 1, 0, 1)),
        (10, 1, 10, (1, 1, 0, 10)),
        (10, 2, 10, (1, 1, 0, 10)),  # exactly one full page
        (11, 2, 10, (2, 2, 10, 11)),
        (25, 1, 10, (1, 3, 0, 10)),
        (25, 2, 10, (2, 3, 10, 20)),
        (25, 3, 10, (3, 3, 20, 25)),
        (25, 4, 10, (3, 3, 20, 25)),  # too high: the last page
        (25, 10**9, 10, (3, 3, 20, 25)),
        (25, 0, 10, (1, 3, 0, 10)),  # too low: the first
        (25, -3, 10, (1, 3, 0, 10)),
        # from the query string
        (25, "2", 10, (2, 3, 10, 20)),
        (25, " 3 ", 10, (3, 3, 20, 25)),
        (25, None, 10, (1, 3, 0, 10)),
        (25, "", 10, (1, 3, 0, 10)),
        (25, "två", 10, (1, 3, 0, 10)),
        (25, "2.5", 10, (1, 3, 0, 10)),
        (25, "99999999999999999999999", 10, (3, 3, 20, 25)),
        (100, 4, 25, (4, 4, 75, 100)),
    ],
)
def test_page_window(total, page, size, expected):
    assert page_window(total, page, size) == expected


def test_page_windows_cover_every_row_once():
    for total, size in itertools.product(range(0, 32), (1, 3, 10)):
        pages = page_window(total, 1, size)[1]
        rows = []
        for page in range(1, pages + 1):
            _page, _pages, start, stop = page_window(total, page, size)
            assert 0 <= stop - start <= size
            rows += range(start, stop)
        assert rows == list(range(total))


# --- roll-up from counts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts, critical_red, rule, expected",
    [
        ({}, 0, MAJORITY, N),  # nothing assessed
        ({N: 4}, 0, MAJORITY, N),
        ({G: 3}, 0, MAJORITY, G),
        ({G: 3, N: 2}, 0, MAJORITY, G),  # Ej bedömd does not spoil green
        ({G: 3, Y: 1}, 0, MAJORITY, Y),
        ({G: 2, R: 2}, 0, MAJORITY, Y),  # half is not a majority
        ({G: 1, Y: 1, R: 2}, 0, MAJORITY, Y),
        ({G: 1, R: 2}, 0, MAJORITY, R),
        ({R: 3, Y: 5, G: 4}, 0, MAJORITY, Y),
        ({R: 1, N: 9}, 0, MAJORITY, R),  # a majority of the assessed
        ({G: 9, R: 1}, 1, MAJORITY, R),  # a critical red decides
        ({G: 9, Y: 1}, 0, MAJORITY, Y),
        ({G: 2, Y: 1}, 0, WORST, Y),
        ({G: 2, R: 1}, 0, WORST, R),
        ({G: 2, N: 1}, 0, WORST, G),
        ({N: 2}, 0, WORST, N),
        # the values as an SQL aggregate gives them
        ({"green": 2, "red": 3}, 0, MAJORITY, R),
        ({"green": 2, "yellow": 0, "red": 0, "none": 7}, 0, MAJORITY, G),
        ({"yellow": 1}, 0, WORST, Y),
        # zero counts are as good as missing
        ({G: 0, Y: 0, R: 0, N: 0}, 0, MAJORITY, N),
    ],
)
def test_roll_up_counts(counts, critical_red, rule, expected):
    result = roll_up_counts(counts, critical_red, rule)
    assert result.status == expected
    assert isinstance(result.status, Status)
    assert result.critical_red == critical_red


def test_roll_up_counts_keeps_the_counts_for_the_explanation():
    result = roll_up_counts({"red": 3, Y: 5, G: 4, "none": 2})
    assert (result.green, result.yellow, result.red, result.not_assessed, result.total) == (4, 5, 3, 2, 14)
    assert result.explanation() == "3 röda, 5 gula, 4 gröna av 14 → Gul"
    assert roll_up_counts({G: 1, R: 1}, 1).explanation() == "1 röd, 0 gula, 1 grön av 2 → Röd (1 kritisk röd)"


def test_roll_up_counts_refuses_what_is_not_a_status():
    with pytest.raises(ValueError):
        roll_up_counts({"grön": 1})


@pytest.mark.parametrize(
    "statuses",
    [
        [],
        [(N, False)],
        [(G, False), (G, True)],
        [(G, False), (Y, False), (N, False)],
        [(R, False), (G, False), (G, False)],
        [(R, False), (R, False), (G, False)],
        [(R, True), (G, False), (G, False), (G, False)],
        [(R, False)] * 3 + [(Y, False)] * 5 + [(G, False)] * 4,
        [(Y, True), (G, False)],  # critical but not red: no effect
        [(None, False), ("", True), (G, False)],  # roll_up reads a missing status as Ej bedömd
    ],
)
@pytest.mark.parametrize("rule", [MAJORITY, WORST])
def test_roll_up_counts_agrees_with_roll_up(statuses, rule):
    counts = Counter(Status(s or N) for s, _critical in statuses)
    critical_red = sum(1 for s, critical in statuses if s == R and critical)
    assert roll_up_counts(counts, critical_red, rule) == roll_up(statuses, rule)


@pytest.mark.parametrize("rule", [MAJORITY, WORST])
def test_roll_up_counts_agrees_with_roll_up_for_every_small_mix(rule):
    """Every mix of up to three of each status, with up to all the reds critical."""
    for green, yellow, red, none in itertools.product(range(4), repeat=4):
        for critical in range(red + 1):
            statuses = (
                [(G, False)] * green
                + [(Y, False)] * yellow
                + [(R, True)] * critical
                + [(R, False)] * (red - critical)
                + [(N, False)] * none
            )
            expected = roll_up(statuses, rule)
            assert isinstance(expected, RollUp)
            got = roll_up_counts({G: green, Y: yellow, R: red, N: none}, critical, rule)
            assert got == expected, (green, yellow, red, none, critical)
