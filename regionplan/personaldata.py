"""Finding personal data where it does not belong (incident reports, SAM free text): Swedish
personal identity numbers and coordination numbers (checked with the Luhn digit, so that a
case number or a date with four digits is not taken for one), e-mail addresses and phone
numbers. `find` says what and where; `refuse_personal_data` is the fields' validator, whose
message names the kind and the characters so the writer can find it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PERSONAL_NUMBER, EMAIL, PHONE = "personnummer", "e-post", "telefon"

# 6 or 8 digits of birth date, an optional separator (-, + for 100 years or more, a space),
# four digits; not inside a longer run of digits.
_PNR = re.compile(r"(?<![\d])(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{3})(\d)(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# +46 / 0046 / 0, then 7–9 more digits, spaces or hyphens between groups; not after a slash
# or a digit (a case number such as 2024/01234567 is not a phone number).
_PHONE = re.compile(r"(?<![\w/])(?:\+46|0046|0)[ -]?(?:\d[ -]?){6,8}\d(?![\d])")


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text: its kind, where (0-based start, end) and the text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def masked(self) -> str:
        """The finding with its last four characters hidden, for messages and logs."""
        return self.text[:-4] + "****" if len(self.text) > 4 else "****"


def luhn_ok(digits: str) -> bool:
    """Whether the ten digits' last one is the Luhn check digit of the nine before it."""
    total = 0
    for index, char in enumerate(digits[:9]):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(digits[9])


def _valid_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    """A birth date, or a coordination number's (day + 60)."""
    day = int(dd)
    if day > 60:
        day -= 60
    year = int((century or "19") + yy)
    try:
        datetime.date(year, int(mm), day)
    except ValueError:
        return False
    return True


def find(text: str) -> list[Finding]:
    """Every personal identity or coordination number (valid date and check digit), e-mail
    address and Swedish phone number in `text`, in order of place."""
    if not text:
        return []
    found: list[Finding] = []
    for match in _PNR.finditer(text):
        century, yy, mm, dd, serial, check = match.groups()
        if century and century not in ("18", "19", "20"):
            continue
        if _valid_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + serial + check):
            found.append(Finding(PERSONAL_NUMBER, match.start(), match.end(), match.group()))
    for match in _EMAIL.finditer(text):
        found.append(Finding(EMAIL, match.start(), match.end(), match.group()))
    taken = [(f.start, f.end) for f in found]
    for match in _PHONE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        found.append(Finding(PHONE, match.start(), match.end(), match.group().strip()))
    return sorted(found, key=lambda f: f.start)


def kind_label(kind: str) -> str:
    return {
        PERSONAL_NUMBER: _("ett personnummer eller samordningsnummer"),
        EMAIL: _("en e-postadress"),
        PHONE: _("ett telefonnummer"),
    }[kind]


def message(finding: Finding) -> str:
    """The Swedish explanation of one finding: what it is and at which characters."""
    return _(
        "Texten får inte innehålla personuppgifter. Ta bort %(what)s vid tecken %(start)d–%(end)d (”%(masked)s”)."
    ) % {"what": kind_label(finding.kind), "start": finding.start + 1, "end": finding.end, "masked": finding.masked}


def refuse_personal_data(value) -> None:
    """Field validator: refuse text holding personal data, naming each finding."""
    findings = find(str(value or ""))
    if findings:
        raise ValidationError([message(f) for f in findings], code="personal_data")
