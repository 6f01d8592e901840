"""The one reader of numbers from requests (regionplan/params.py): ASCII digits only."""

import pytest
from django.http import Http404

from regionplan.params import int_or_404, parse_int, parse_year

INTS = [
    ("12", 12),
    (" 7 ", 7),
    ("0", 0),
    ("007", 7),
    ("999999999999999999", 999_999_999_999_999_999),
    ("9999999999999999999", None),  # 19 digits: past bigint
    ("²", None),
    ("٢٠٢٦", None),
    ("１２", None),  # other scripts' digits: "²".isdigit() is true
    ("-1", None),
    ("+1", None),
    ("1.0", None),
    ("1e3", None),
    ("", None),
    (None, None),
    ("\x00", None),
    ("12\x00", None),
    ("1 2", None),
    (12, 12),
]


@pytest.mark.parametrize("text, expected", INTS)
def test_parse_int(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026", 2026),
        ("2000", 2000),
        ("2100", 2100),
        ("1999", None),
        ("2101", None),
        ("²⁰²⁶", None),
        ("", None),
        ("26", None),
    ],
)
def test_parse_year(text, expected):
    assert parse_year(text) == expected


def test_int_or_404():
    assert int_or_404("5") == 5
    with pytest.raises(Http404):
        int_or_404("²")
