"""Rules for the reporting calendar: which periods a year has, their codes and labels.

Plain functions, tested table-driven in tests/core/test_periods.py.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MONTH_NAMES_SV = [
    gettext_noop("januari"),
    gettext_noop("februari"),
    gettext_noop("mars"),
    gettext_noop("april"),
    gettext_noop("maj"),
    gettext_noop("juni"),
    gettext_noop("juli"),
    gettext_noop("augusti"),
    gettext_noop("september"),
    gettext_noop("oktober"),
    gettext_noop("november"),
    gettext_noop("december"),
]


@dataclass(frozen=True)
class PeriodSpec:
    """A period before it is stored: kind, number within the year, dates and code."""

    kind: str
    year: int
    number: int
    start: datetime.date
    end: datetime.date
    code: str


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


# Every calendar has its months, whatever the region reports on: data warehouses and files
# deliver values by month (sick leave per month), and a tertial takes its outcome from the
# latest month inside it. A month is a *reporting* period only where the region reports
# monthly (`reporting_kinds`).
VALUE_KINDS = ("month",)


def own_window(kind: str, year: int, number: int) -> tuple[datetime.date, datetime.date]:
    """The days a period asks for things due in it (a control, a SAM activity). Tertials are
    cumulative for goals (T2 = January–August), but what was due in T1 is not owed again in
    T2: a tertial asks for its own four months, a month for itself, the year for all of it."""
    if kind == "month":
        return datetime.date(year, number, 1), month_end(year, number)
    if kind == "tertial":
        return datetime.date(year, 4 * number - 3, 1), month_end(year, 4 * number)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def reporting_kinds(kinds) -> list[str]:
    """The kinds a region reports on (deadlines, reminders, Min uppföljning's periods, the
    report's period picker): its own `period_kinds`, tertials when it has none."""
    return list(kinds) or ["tertial"]


def periods_for_year(year: int, kinds: list[str]) -> list[PeriodSpec]:
    """All periods of `year`: the twelve months always, and the region's reporting kinds.

    Tertials are cumulative from 1 January: T1 ends in April, T2 (delår) in August,
    T3 is the full year. The kind "year" is the full year on its own, for regions
    that do not use tertials; with tertials, T3 already is the year.
    """
    specs: list[PeriodSpec] = []
    jan1 = datetime.date(year, 1, 1)
    for m in range(1, 13):
        specs.append(PeriodSpec("month", year, m, datetime.date(year, m, 1), month_end(year, m), f"{year}-{m:02d}"))
    if "tertial" in kinds:
        for t, last_month in ((1, 4), (2, 8), (3, 12)):
            specs.append(PeriodSpec("tertial", year, t, jan1, month_end(year, last_month), f"{year}-T{t}"))
    elif "year" in kinds:
        specs.append(PeriodSpec("year", year, 1, jan1, datetime.date(year, 12, 31), f"{year}"))
    return sorted(specs, key=lambda s: (s.end, s.kind != "month"))


def default_deadline(end: datetime.date, days: int) -> datetime.date:
    """The reporting deadline: `days` after the period's end, moved off a weekend to Monday."""
    deadline = end + datetime.timedelta(days=days)
    while deadline.weekday() >= 5:
        deadline += datetime.timedelta(days=1)
    return deadline


_CODE_RE = re.compile(r"^\s*(\d{4})(?:-(?:(T)([1-3])|(\d{1,2})))?\s*$", re.IGNORECASE)


def parse_period_code(text: str) -> tuple[str, int, int] | None:
    """Read ``2022-08`` / ``2022-T2`` / ``2022`` as (kind, year, number); None if not a period."""
    match = _CODE_RE.match(text or "")
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2):
        return ("tertial", year, int(match.group(3)))
    if match.group(4):
        month = int(match.group(4))
        return ("month", year, month) if 1 <= month <= 12 else None
    return ("year", year, 1)


def month_short(number: int) -> str:
    """A month's name in three letters, in the user's language: "jan" … "dec"."""
    return _(MONTH_NAMES_SV[number - 1])[:3]


def period_label(kind: str, year: int, number: int) -> str:
    """The period as people say it: "Tertial 1 2022", "Delår 2022", "Augusti 2022", "Helår 2022"."""
    if kind == "month":
        return f"{_(MONTH_NAMES_SV[number - 1]).capitalize()} {year}"
    if kind == "tertial":
        names = {1: _("Tertial 1"), 2: _("Tertial 2 (delår)"), 3: _("Tertial 3 (helår)")}
        return f"{names[number]} {year}"
    return f"{_('Helår')} {year}"
