"""Personal data in free text (regionplan/personaldata.py): table-driven."""

import pytest
from django.core.exceptions import ValidationError

from regionplan.personaldata import EMAIL, PERSONAL_NUMBER, PHONE, find, luhn_ok, refuse_personal_data

# (text, the kinds found)
CASES = [
    # personal identity numbers: 811218-9876 is valid (Luhn 6), with and without century/separator
    ("Patient 811218-9876 föll", [PERSONAL_NUMBER]),
    ("8112189876", [PERSONAL_NUMBER]),
    ("198112189876", [PERSONAL_NUMBER]),
    ("19811218-9876", [PERSONAL_NUMBER]),
    ("811218 9876", [PERSONAL_NUMBER]),
    ("121212+1212", [PERSONAL_NUMBER]),  # 100 years or older: plus sign; Luhn valid
    ("191212121212", [PERSONAL_NUMBER]),
    # coordination number: day + 60 (701063-2391 is Skatteverket's example)
    ("701063-2391", [PERSONAL_NUMBER]),
    # wrong check digit, impossible dates, too long runs: not personal numbers
    ("811218-9875", []),
    ("811318-9876", []),
    ("811232-9876", []),
    ("12345678901234", []),
    ("ärende 2024-1234", []),
    ("kl. 14.30 den 2026-03-04", []),
    ("21811218-9876", []),  # 21 is no century of birth, and the digits after it are no number alone
    # e-mail
    ("skicka till anna.svensson@regionnorrbotten.se", [EMAIL]),
    ("a@b", []),
    # phone numbers
    ("ring 070-123 45 67", [PHONE]),
    ("ring +46 70 123 45 67", [PHONE]),
    ("0046701234567", [PHONE]),
    ("tel 0920-28 40 00", [PHONE]),
    ("diarienummer 2024/0123456", []),
    ("mellan rum 012 och 013", []),
    ("Halkade i korridoren vid entré B, inga personuppgifter", []),
    ("", []),
    # more than one
    ("811218-9876 och anna@example.se", [PERSONAL_NUMBER, EMAIL]),
]


@pytest.mark.parametrize("text,kinds", CASES)
def test_find(text, kinds):
    assert [f.kind for f in find(text)] == kinds


@pytest.mark.parametrize(
    "digits,ok", [("8112189876", True), ("8112189875", False), ("7010632391", True), ("1212121212", True)]
)
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok


def test_finding_says_where_and_masks():
    (finding,) = find("Skadad: 811218-9876.")
    assert (finding.start, finding.end) == (8, 19)
    assert finding.masked == "811218-****"


def test_validator_names_kind_and_place():
    with pytest.raises(ValidationError) as error:
        refuse_personal_data("Ring 070-123 45 67")
    (text,) = error.value.messages
    assert "telefonnummer" in text and "tecken 6–18" in text
    refuse_personal_data("Halkade på is utanför entrén")
