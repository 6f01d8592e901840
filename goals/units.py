"""A measure's unit: the region's own words, not a fixed list.

A unit is free text (``sekunder``, ``ton``, ``kr/invånare``, ``per 1 000 invånare``), with
the common ones suggested in the plan form. Four units behave specially:

- ``%``: a value may be written with a percent sign (``7,4 %``, or a percent-formatted
  Excel cell) and is shown as ``7,4 %``;
- ``kr`` and ``Mnkr``: money, shown in Swedish format with its unit (``1 234 567 kr``);
- ``ja/nej``: a yes/no measure, whose value 1 or 0 reads ``Ja`` or ``Nej`` and whose target
  carries no unit.

Every other unit is shown after the number, in Swedish format. Plain functions, tested
table-driven in tests/goals/test_units.py.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from regionplan.numbers import format_number, parse_number

PERCENT, KRONOR, MNKR, YESNO = "%", "kr", "Mnkr", "ja/nej"
MONEY = (KRONOR, MNKR)

# As long as the longest unit a region has asked for, with room ("per 100 000 invånare").
MAX_LENGTH = 40

# Suggested in the plan form (an <input list=…> datalist); anything else may be written.
SUGGESTED = [
    PERCENT,
    KRONOR,
    MNKR,
    "antal",
    "st",
    "index",
    "poäng",
    "dagar",
    "timmar",
    "minuter",
    "sekunder",
    "ton",
    "kWh",
    "km",
    "kr/invånare",
    "per 1 000 invånare",
    YESNO,
]

# Other spellings of the special units, so that "procent" gets the percent behaviour.
_SYNONYMS = {
    "procent": PERCENT,
    "kronor": KRONOR,
    "mkr": MNKR,
    "mnkr": MNKR,
    "miljoner kronor": MNKR,
    "ja / nej": YESNO,
    "ja/nej": YESNO,
    "j/n": YESNO,
}
_CANONICAL = {u.lower(): u for u in SUGGESTED} | _SYNONYMS
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def normalise_unit(text: str) -> str:
    """A unit as stored: spaces tidied, a suggested unit or a special unit's other spelling
    in its usual form (``PROCENT`` → ``%``, ``mkr`` → ``Mnkr``, ``Sekunder`` → ``sekunder``);
    any other unit as written."""
    text = _SPACES.sub(" ", text or "").strip()
    return _CANONICAL.get(text.lower(), text)


def unit_error(text: str) -> str | None:
    """Why `text` (normalised) is no unit, in Swedish; None when it is one or is empty
    (whether a unit is required is the caller's rule)."""
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        return _("Måttenheten får vara högst %(max)s tecken (den har %(count)s).") % {
            "max": MAX_LENGTH,
            "count": len(text),
        }
    if parse_number(text) is not None:
        return _("”%(text)s” är ett tal, ingen måttenhet. Skriv t.ex. %(examples)s.") % {
            "text": text,
            "examples": "%, kr, sekunder, ton",
        }
    return None


def is_percent(unit: str) -> bool:
    """Whether values are percentages (``%``, ``andel (%)``, ``procent``)."""
    unit = (unit or "").strip().lower()
    return "%" in unit or unit.startswith("procent")


def is_money(unit: str) -> bool:
    return unit in MONEY


def is_yesno(unit: str) -> bool:
    return unit == YESNO


def target_suffix(unit: str) -> str:
    """What follows a target's number: " %", " sekunder"; nothing for yes/no or no unit."""
    return f" {unit}" if unit and not is_yesno(unit) else ""


def format_value(value, unit: str = "", decimals: int | None = None) -> str:
    """A measure's value with its unit, as a Swedish reader expects it: "1 234,5 sekunder",
    "12 %", "1 234 567 kr", "Ja"; "" without a value."""
    if value is None or value == "":
        return ""
    if is_yesno(unit):
        return _("Ja") if Decimal(str(value)) != 0 else _("Nej")
    number = format_number(value, decimals)
    return f"{number} {unit}" if unit else number


def strip_unit(text: str, unit: str) -> str:
    """`text` without a trailing `unit` ("< 30 sekunder" → "< 30"), so that a target or
    baseline may be written with the measure's own unit, whatever it is."""
    text = (text or "").strip()
    if unit and not is_yesno(unit) and text.lower().endswith(unit.lower()):
        return text[: -len(unit)].strip()
    return text
