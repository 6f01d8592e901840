"""Rules for imported values, as plain functions (tested table-driven in
tests/followup/test_value_rules.py): how a cell names a period, a sex and a value, what a
region does when an import meets a manual value, and when a source runs next.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goals.units import is_percent
from regionplan.numbers import format_number, parse_number
from regionplan.periods import parse_period_code

# What an import does with a value somebody entered by hand.
IMPORT_WINS, MANUAL_WINS, REPORT = "import", "manual", "report"
IMPORT_POLICIES = [
    (REPORT, gettext_lazy("Behåll det manuella värdet och redovisa konflikten i importens resultat")),
    (MANUAL_WINS, gettext_lazy("Behåll det manuella värdet (räknas i resultatet)")),
    (IMPORT_WINS, gettext_lazy("Importen skriver över det manuella värdet (det gamla värdet sparas i loggen)")),
]

# Values are stored with four decimals and at most 14 digits before the comma.
LARGEST_VALUE = Decimal("1e14")
FOUR_PLACES = Decimal("0.0001")

_PLAIN_NUMBER = re.compile(r"-?\d{1,14}(?:[.,]\d{1,4})?")
_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")


def period_code(text: str) -> tuple[str, int, int] | None:
    """A period cell as (kind, year, number): ``2022-08`` (month), ``2022-T2`` (tertial),
    ``2022`` (year), or a date — ``2022-08-31`` or a date cell — read as its month."""
    text = (text or "").strip()
    match = _DATE_RE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
        return ("month", year, month)
    return parse_period_code(text)


_SEXES = {
    "": "total",
    "t": "total",
    "totalt": "total",
    "total": "total",
    "alla": "total",
    "k": "women",
    "kvinnor": "women",
    "kvinna": "women",
    "w": "women",
    "women": "women",
    "f": "women",
    "m": "men",
    "män": "men",
    "man": "men",
    "men": "men",
}


def sex_code(text: str) -> str | None:
    """``K``/``Kvinnor`` → women, ``M``/``Män`` → men, ``T``/``Totalt``/empty → total; None if unknown."""
    return _SEXES.get((text or "").strip().lower())


def is_percent_unit(unit: str) -> bool:
    """Whether a measure's unit is a percentage (``%``, ``procent``, ``andel (%)``): the
    measure's free-text unit, read by goals.units."""
    return is_percent(unit)


def parse_value(text: str, percent: bool) -> tuple[Decimal | None, str | None]:
    """A value cell as a number, or an explanation. A percent sign (``7,4 %``, or a
    percent-formatted cell, which reaches us as that text) is allowed only when the
    measure is measured in percent, and then means 7.4. More than four decimals are
    rounded to four, but a value that would round to 0 is an error."""
    text = (text or "").strip()
    plain = _PLAIN_NUMBER.fullmatch(text)
    if plain:  # the common case of a big file, without the general parser
        return Decimal(text.replace(",", ".")), None
    if not text:
        return None, _("Värde saknas.")
    if text.endswith("%"):
        if not percent:
            return None, _("Värdet är angivet i procent, men måttet mäts inte i procent.")
        text = text[:-1]
    value = parse_number(text)
    if value is None:
        return None, _("”%(text)s” är inget tal.") % {"text": text[:40]}
    if abs(value) >= LARGEST_VALUE:  # before rounding too: quantize() of a huge number raises
        return None, _("Talet är för stort.")
    rounded = value.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
    if abs(rounded) >= LARGEST_VALUE:  # 99999999999999,99999 rounds up to 10^14
        return None, _("Talet är för stort.")
    if value and not rounded:  # stored, 0,00000001 would silently become 0
        return None, _("Värdet %(value)s blir 0 när det avrundas till fyra decimaler; ange det i en större enhet.") % {
            "value": format_number(value)
        }
    return rounded, None


def parse_years(text: str, this_year: int) -> tuple[list[int], str | None]:
    """``2021, 2022`` or ``2019–2022`` (or ``2019-2022``); empty means this year and the two before."""
    text = (text or "").strip()
    if not text:
        return [this_year - 2, this_year - 1, this_year], None
    years: set[int] = set()
    text = re.sub(r"\s*[-–]\s*", "-", text)  # "2019 – 2022" is one range
    for part in re.split(r"[,;\s]+", text):
        if not part:
            continue
        bounds = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not bounds:
            return [], _("”%(part)s” är inget år (skriv t.ex. 2021, 2022 eller 2019–2022).") % {"part": part}
        first, last = int(bounds.group(1)), int(bounds.group(2) or bounds.group(1))
        if last < first or last - first > 30:
            return [], _("”%(part)s” är inget rimligt intervall av år.") % {"part": part}
        years.update(range(first, last + 1))
    return sorted(years), None


def parse_id_list(text: str) -> list[str]:
    """Ids separated by commas, semicolons, spaces or lines, without duplicates, in order."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,;\s]+", text or ""):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def next_run(schedule: str, run_at: datetime.time, weekday: int, after: datetime.datetime) -> datetime.datetime | None:
    """When a source with this schedule runs next, strictly after `after` (an aware datetime
    in the region's time zone). None for "only when someone runs it"."""
    if schedule == "hourly":
        start = after.replace(minute=run_at.minute, second=0, microsecond=0)
        return start if start > after else start + datetime.timedelta(hours=1)
    if schedule not in ("daily", "weekly"):
        return None
    candidate = after.replace(hour=run_at.hour, minute=run_at.minute, second=0, microsecond=0)
    if schedule == "daily":
        return candidate if candidate > after else candidate + datetime.timedelta(days=1)
    candidate += datetime.timedelta(days=(weekday - candidate.weekday()) % 7)
    return candidate if candidate > after else candidate + datetime.timedelta(days=7)
