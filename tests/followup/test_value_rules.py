"""The rules of imported values as plain functions (followup/imports/valuerules.py), table-driven
and without the database: how a cell names a period, a sex and a value, which units a
measure is in, the years and ids of a data source, and when a scheduled source runs next."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from followup.imports.valuerules import (
    LARGEST_VALUE,
    is_percent_unit,
    next_run,
    parse_id_list,
    parse_value,
    parse_years,
    period_code,
    sex_code,
)

D = Decimal
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-08", ("month", 2022, 8)),
        ("2022-8", ("month", 2022, 8)),
        ("2022-01", ("month", 2022, 1)),
        ("2022-12", ("month", 2022, 12)),
        ("2022-T1", ("tertial", 2022, 1)),
        ("2022-T2", ("tertial", 2022, 2)),
        ("2022-T3", ("tertial", 2022, 3)),
        ("2022-t2", ("tertial", 2022, 2)),
        ("2022", ("year", 2022, 1)),
        ("  2022-08  ", ("month", 2022, 8)),
        ("\t2022-T1\n", ("tertial", 2022, 1)),
        # A date, typed or as an xlsx date cell's text, is read as its month.
        ("2022-08-31", ("month", 2022, 8)),
        ("2022-8-1", ("month", 2022, 8)),
        ("2022-08-31 00:00:00", ("month", 2022, 8)),
        ("2022-08-31T00:00:00", ("month", 2022, 8)),
        (" 2024-02-29 ", ("month", 2024, 2)),  # a leap day
        # Not periods.
        ("2022-02-30", None),
        ("2023-02-29", None),
        ("2022-13-01", None),
        ("2022-13", None),
        ("2022-00", None),
        ("2022-T4", None),
        ("2022-T0", None),
        ("T2", None),
        ("", None),
        ("   ", None),
        (None, None),
        ("22-08", None),
        ("augusti 2022", None),
    ],
)
def test_period_code(text, expected):
    assert period_code(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("K", "women"),
        ("k", "women"),
        ("Kvinnor", "women"),
        ("kvinna", "women"),
        (" KVINNOR ", "women"),
        ("M", "men"),
        ("Män", "men"),
        ("man", "men"),
        ("MÄN", "men"),
        ("T", "total"),
        ("Totalt", "total"),
        ("totalt", "total"),
        ("", "total"),
        ("  ", "total"),
        (None, "total"),
        ("X", None),
        ("Kv", None),
        ("0", None),
        ("både", None),
    ],
)
def test_sex_code(text, expected):
    assert sex_code(text) == expected


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("%", True),
        ("procent", True),
        ("Procent", True),
        ("andel (%)", True),
        (" % ", True),
        ("antal", False),
        ("kr", False),
        ("dagar", False),
        ("", False),
        (None, False),
    ],
)
def test_is_percent_unit(unit, expected):
    assert is_percent_unit(unit) is expected


@pytest.mark.parametrize(
    "text, percent, expected",
    [
        ("7,4", False, D("7.4")),
        ("7.4", False, D("7.4")),
        ("1 234,5", False, D("1234.5")),
        ("1\u00a0234", False, D("1234")),
        ("1\u202f234,25", False, D("1234.25")),
        ("−3,2", False, D("-3.2")),  # the typographic minus of a formatted report
        ("-3", False, D("-3")),
        ("0", False, D("0")),
        ("  42  ", False, D("42")),
        ("12,34567", False, D("12.3457")),  # four decimals, rounded half up
        ("0,00005", False, D("0.0001")),
        ("0,00014999", False, D("0.0001")),
        ("-0,00005", False, D("-0.0001")),
        ("0,000000", False, D("0")),  # zero written with many decimals is still zero
        ("1,00000001", False, D("1")),  # a small part of a larger number is rounded away, as documented
        ("99999999999999", False, D("99999999999999")),  # the largest integer part
        ("7,4 %", True, D("7.4")),  # a percent-formatted cell, for a measure in percent
        ("7,4%", True, D("7.4")),
        ("7.4 %", True, D("7.4")),
        ("-0,5 %", True, D("-0.5")),
        ("7,4", True, D("7.4")),  # a percent measure also takes the plain number
    ],
)
def test_parse_value_reads_swedish_numbers(text, percent, expected):
    value, problem = parse_value(text, percent)
    assert problem is None
    assert value == expected


@pytest.mark.parametrize(
    "text, percent, fragment",
    [
        ("7,4 %", False, "procent"),
        ("7,4%", False, "procent"),
        ("abc", False, "inget tal"),
        ("abc", True, "inget tal"),
        ("7,4,1", False, "inget tal"),
        ("1.234,5", False, "inget tal"),
        ("%", True, "inget tal"),
        ("NaN", False, "inget tal"),
        ("Infinity", False, "inget tal"),
        ("", False, "saknas"),
        ("   ", True, "saknas"),
        (None, False, "saknas"),
        ("1e15", False, "för stort"),
        ("1000000000000000", False, "för stort"),
        ("100000000000000", False, "för stort"),  # 1e14: one digit too many
        ("-100000000000000", False, "för stort"),
    ],
)
def test_parse_value_explains_what_is_wrong(text, percent, fragment):
    value, problem = parse_value(text, percent)
    assert value is None
    assert fragment in problem


@pytest.mark.parametrize(
    "text, percent, shown",
    [
        ("0,00000001", False, "0,00000001"),
        ("0.00000001", False, "0,00000001"),
        ("1e-8", False, "0,00000001"),
        ("0,000049", False, "0,000049"),
        ("-0,00004", False, "−0,00004"),
        ("0,00001 %", True, "0,00001"),
    ],
)
def test_a_value_that_would_round_to_zero_is_an_error(text, percent, shown):
    """Stored with four decimals, such a value would become 0 without a word."""
    value, problem = parse_value(text, percent)
    assert value is None
    assert problem == f"Värdet {shown} blir 0 när det avrundas till fyra decimaler; ange det i en större enhet."


def test_parse_value_keeps_at_most_four_decimals():
    value, _problem = parse_value("3,14159265", False)
    assert value == D("3.1416") and -value.as_tuple().exponent <= 4


def test_a_value_that_rounds_up_past_the_limit_is_too_big():
    value, problem = parse_value("99999999999999,99999", False)
    assert value is None or abs(value) < LARGEST_VALUE
    assert problem is not None and "för stort" in problem


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", [2024, 2025, 2026]),
        ("   ", [2024, 2025, 2026]),
        (None, [2024, 2025, 2026]),
        ("2021, 2022", [2021, 2022]),
        ("2022;2021", [2021, 2022]),
        ("2022 2021 2022", [2021, 2022]),
        ("2019–2022", [2019, 2020, 2021, 2022]),
        ("2019-2022", [2019, 2020, 2021, 2022]),
        ("2018, 2020–2021", [2018, 2020, 2021]),
        ("2022-2022", [2022]),
        ("1990–2020", list(range(1990, 2021))),  # thirty years is the most
    ],
)
def test_parse_years(text, expected):
    assert parse_years(text, 2026) == (expected, None)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("20x1", "inget år"),
        ("22", "inget år"),
        ("2021, förra året", "inget år"),
        ("2022–2019", "intervall"),
        ("2022-2019", "intervall"),
        ("1980–2022", "intervall"),
    ],
)
def test_parse_years_refuses(text, fragment):
    years, problem = parse_years(text, 2026)
    assert years == []
    assert fragment in problem


def test_parse_years_allows_spaces_around_the_dash():
    assert parse_years("2019 – 2022", 2026) == ([2019, 2020, 2021, 2022], None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("N00945", ["N00945"]),
        ("N00945, U01405", ["N00945", "U01405"]),
        ("N00945;U01405\nN00945  V15E018000301", ["N00945", "U01405", "V15E018000301"]),
        (" , ;\n", []),
        ("", []),
        (None, []),
        ("0025,0025,2580", ["0025", "2580"]),
    ],
)
def test_parse_id_list(text, expected):
    assert parse_id_list(text) == expected


def at(text: str) -> datetime.datetime:
    """An aware datetime in the region's time zone, from "YYYY-MM-DD HH:MM"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


# 2026-11-22 is a Sunday; weekday 0 is Monday.
@pytest.mark.parametrize(
    "schedule, run_at, weekday, after, expected",
    [
        ("manual", "05:00", 0, "2026-11-22 10:00", None),
        ("", "05:00", 0, "2026-11-22 10:00", None),
        ("monthly", "05:00", 0, "2026-11-22 10:00", None),
        # hourly: at the minute of run_at, every hour
        ("hourly", "05:15", 0, "2026-11-22 10:00", "2026-11-22 10:15"),
        ("hourly", "05:15", 0, "2026-11-22 10:14:59", "2026-11-22 10:15"),
        ("hourly", "05:15", 0, "2026-11-22 10:15", "2026-11-22 11:15"),  # strictly after
        ("hourly", "05:15", 0, "2026-11-22 10:20", "2026-11-22 11:15"),
        ("hourly", "05:00", 0, "2026-12-31 23:30", "2027-01-01 00:00"),
        # daily
        ("daily", "05:00", 0, "2026-11-22 04:59", "2026-11-22 05:00"),
        ("daily", "05:00", 0, "2026-11-22 05:00", "2026-11-23 05:00"),
        ("daily", "05:00", 0, "2026-11-22 05:00:01", "2026-11-23 05:00"),
        ("daily", "05:00", 0, "2026-11-22 23:59", "2026-11-23 05:00"),
        ("daily", "23:30", 0, "2026-12-31 23:45", "2027-01-01 23:30"),
        # weekly: the weekday at run_at
        ("weekly", "05:00", 0, "2026-11-22 10:00", "2026-11-23 05:00"),  # Sunday → Monday
        ("weekly", "05:00", 0, "2026-11-23 04:00", "2026-11-23 05:00"),
        ("weekly", "05:00", 0, "2026-11-23 05:00", "2026-11-30 05:00"),  # strictly after: a week later
        ("weekly", "05:00", 0, "2026-11-24 05:00", "2026-11-30 05:00"),
        ("weekly", "05:00", 6, "2026-11-22 04:00", "2026-11-22 05:00"),  # Sunday, later the same day
        ("weekly", "05:00", 6, "2026-11-22 06:00", "2026-11-29 05:00"),
        ("weekly", "07:30", 4, "2026-12-31 12:00", "2027-01-01 07:30"),  # Thursday → Friday, a new year
    ],
)
def test_next_run(schedule, run_at, weekday, after, expected):
    result = next_run(schedule, datetime.time.fromisoformat(run_at), weekday, at(after))
    assert result == (at(expected) if expected else None)


@pytest.mark.parametrize(
    "schedule, longest",
    [
        ("hourly", datetime.timedelta(hours=1)),
        ("daily", datetime.timedelta(days=1)),
        ("weekly", datetime.timedelta(days=7)),
    ],
)
def test_next_run_is_always_strictly_after_and_within_one_period(schedule, longest):
    """Over a whole week, every 20 minutes (and at the run times themselves)."""
    run_at, weekday = datetime.time(5, 20), 2
    start = at("2026-11-16 00:00")
    for step in range(7 * 24 * 3 + 1):
        after = start + datetime.timedelta(minutes=20 * step)
        result = next_run(schedule, run_at, weekday, after)
        assert after < result <= after + longest, (after, result)
        assert (result.minute, result.second, result.microsecond) == (20, 0, 0)
        if schedule != "hourly":
            assert result.hour == 5
        if schedule == "weekly":
            assert result.weekday() == weekday
