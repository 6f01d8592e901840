"""Small rules of the reports, as plain functions with table-driven tests (tests/test_report_rules.py)."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

MILLION = Decimal(1_000_000)


def outcome_for(values: dict[int, Decimal], period, periods) -> Decimal | None:
    """A measure's outcome in `period`: its value for the period itself, or else the value
    of the latest period inside it (August's value is the delår's outcome for a monthly
    measure). `values` maps period id to value; `periods` are candidates (any order)."""
    if period.pk in values:
        return values[period.pk]
    inside = [p for p in periods if p.pk in values and p.start >= period.start and p.end <= period.end]
    if not inside:
        return None
    return values[max(inside, key=lambda p: (p.end, p.kind == "month")).pk]


def same_period_last_year(code: str) -> str:
    """'2022-T2' -> '2021-T2', '2022-08' -> '2021-08', '2022' -> '2021'."""
    year, _sep, rest = code.partition("-")
    return f"{int(year) - 1}{_sep}{rest}"


def mnkr(kronor: Decimal | None) -> Decimal | None:
    """Kronor as million kronor with one decimal, as Swedish reports show them."""
    if kronor is None:
        return None
    return (Decimal(kronor) / MILLION).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def difference(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """a − b, or None when either is missing."""
    if a is None or b is None:
        return None
    return a - b


def change_percent(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """The change from `before` to `now` in percent of |before|, one decimal; None without a base.

    Costs are negative in the ledger, so the base is taken as an absolute value: a cost
    going from −259 to −247 is a change of +4,6 % in the outcome (a smaller cost)."""
    if now is None or before is None or before == 0:
        return None
    return ((now - before) / abs(before) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def sum_or_none(values) -> Decimal | None:
    """The sum of the values that are there; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def document_date(approved_at: datetime.datetime | None, today: datetime.date) -> datetime.date:
    """The date a report carries: the day it was approved, otherwise the day it was made."""
    from django.utils import timezone

    if approved_at is None:
        return today
    return (timezone.localtime(approved_at) if timezone.is_aware(approved_at) else approved_at).date()
