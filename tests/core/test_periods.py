"""Table-driven tests of the calendar rules."""

import datetime

import pytest

from regionplan.periods import (
    default_deadline,
    parse_period_code,
    period_label,
    periods_for_year,
    reporting_kinds,
)

MONTHS = [f"2022-{m:02d}" for m in range(1, 13)]


@pytest.mark.parametrize(
    "kinds, expected_codes",
    [
        # The months are in every calendar, for values, whatever the region reports on.
        (["tertial"], MONTHS + ["2022-T1", "2022-T2", "2022-T3"]),
        (["year"], MONTHS + ["2022"]),
        (["tertial", "year"], MONTHS + ["2022-T1", "2022-T2", "2022-T3"]),
        (["month"], MONTHS),
        ([], MONTHS),
        (["month", "tertial"], MONTHS + ["2022-T1", "2022-T2", "2022-T3"]),
    ],
)
def test_periods_for_year(kinds, expected_codes):
    assert sorted(s.code for s in periods_for_year(2022, kinds)) == sorted(expected_codes)


@pytest.mark.parametrize(
    "kinds, expected",
    [
        (["tertial"], ["tertial"]),
        (["month", "tertial"], ["month", "tertial"]),
        (["year"], ["year"]),
        ([], ["tertial"]),  # a region without kinds reports by tertial, as create_region makes it
    ],
)
def test_reporting_kinds(kinds, expected):
    """Months hold values everywhere, but only a region's own kinds are reported on."""
    assert reporting_kinds(kinds) == expected


@pytest.mark.parametrize(
    "code, start, end",
    [
        ("2022-T1", datetime.date(2022, 1, 1), datetime.date(2022, 4, 30)),
        ("2022-T2", datetime.date(2022, 1, 1), datetime.date(2022, 8, 31)),  # delår: cumulative
        ("2022-T3", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
        ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),  # leap year
        ("2023-02", datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)),
    ],
)
def test_period_dates(code, start, end):
    specs = {s.code: s for s in periods_for_year(int(code[:4]), ["month", "tertial"])}
    assert (specs[code].start, specs[code].end) == (start, end)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-T2", ("tertial", 2022, 2)),
        ("2022-t1", ("tertial", 2022, 1)),
        ("2022-08", ("month", 2022, 8)),
        ("2022-8", ("month", 2022, 8)),
        ("2022", ("year", 2022, 1)),
        (" 2022-T3 ", ("tertial", 2022, 3)),
        ("2022-13", None),
        ("2022-T4", None),
        ("T2 2022", None),
        ("", None),
    ],
)
def test_parse_period_code(text, expected):
    assert parse_period_code(text) == expected


@pytest.mark.parametrize(
    "end, days, expected",
    [
        (datetime.date(2022, 4, 30), 14, datetime.date(2022, 5, 16)),  # Sat 14 May -> Monday
        (datetime.date(2022, 8, 31), 14, datetime.date(2022, 9, 14)),  # a Wednesday stays
        (datetime.date(2022, 12, 31), 0, datetime.date(2023, 1, 2)),  # Saturday -> Monday
    ],
)
def test_default_deadline(end, days, expected):
    assert default_deadline(end, days) == expected


@pytest.mark.parametrize(
    "kind, number, expected",
    [
        ("tertial", 1, "Tertial 1 2022"),
        ("tertial", 2, "Tertial 2 (delår) 2022"),
        ("month", 8, "Augusti 2022"),
        ("year", 1, "Helår 2022"),
    ],
)
def test_period_label(kind, number, expected):
    assert period_label(kind, 2022, number) == expected
