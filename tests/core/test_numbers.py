"""Table-driven tests of Swedish number formatting and parsing."""

from decimal import Decimal

import pytest

from regionplan.numbers import format_number, parse_number

NB = "\u00a0"


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (7.4, None, "7,4"),
        (1234567.5, None, f"1{NB}234{NB}567,5"),
        (1234, None, f"1{NB}234"),
        (Decimal("4.80"), 1, "4,8"),
        (-3.25, 1, "−3,2"),  # banker's rounding of Decimal: 3.25 -> 3.2
        (0, 2, "0,00"),
        (None, None, ""),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7,4", Decimal("7.4")),
        ("7.4", Decimal("7.4")),
        ("1 234,5", Decimal("1234.5")),
        (f"1{NB}234", Decimal("1234")),
        ("−3,2", Decimal("-3.2")),
        ("1,234,5", None),
        ("abc", None),
        ("", None),
        ("NaN", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected
