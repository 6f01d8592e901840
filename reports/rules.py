"""Small rules of the reports, as plain functions with table-driven tests (tests/reports/test_report_rules.py)."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from regionplan.params import parse_int
from regionplan.permissions import Action, has_permission, units_q
from reports.models import Report

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


def trend_periods(periods, monthly: bool) -> list:
    """The x axis of a measure's trend: its months when it has values by month (a data
    warehouse delivers them whatever periods the region reports on), else the tertials and
    years. `periods` in order; a month's and a tertial's points never share one axis."""
    return [p for p in periods if (p.kind == "month") == monthly]


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
    """The change in the size of an amount from `before` to `now`, in percent, one decimal;
    None without a base.

    Costs are negative in the ledger and a report speaks of their size: a cost going from
    −259 to −247 fell by 4,6 %, one going from −84 to −94 rose by 11,9 % (seed 003's
    "Diff %" column). So the sizes are compared: (|now| − |before|) / |before|."""
    if now is None or before is None or before == 0:
        return None
    return ((abs(now) - abs(before)) / abs(before) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


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


# --- dashboards ------------------------------------------------------------------------------

BETTER, SAME, WORSE = "better", "same", "worse"
_RANK = {"green": 3, "yellow": 2, "red": 1}  # Ej bedömd has no rank: no trend from or to it


def trend(now: str | None, before: str | None) -> str | None:
    """Better, same or worse from one status to another; None when either is not assessed."""
    a, b = _RANK.get(now or ""), _RANK.get(before or "")
    if a is None or b is None:
        return None
    return BETTER if a > b else WORSE if a < b else SAME


def previous_period(period, periods):
    """The period of the same kind just before `period` (T2 → T1, T1 → last year's T3,
    2022-08 → 2022-07), or None. `periods`: candidates in any order."""
    earlier = [p for p in periods if p.kind == period.kind and p.end < period.end]
    return max(earlier, key=lambda p: p.end, default=None)


def same_period_previous_year(period, periods):
    """The same period one year earlier ('2022-T2' → '2021-T2'), if the calendar has it."""
    code = same_period_last_year(period.code)
    return next((p for p in periods if p.code == code), None)


def reader_period(periods, kind: str, today: datetime.date):
    """The period a reader (a politician) lands on: the latest of the region's main `kind`
    whose last reporting day (`deadline`) has passed and that has assessments, so a reader
    sees a finished follow-up, not the open, half-reported one. None when no such period
    exists yet (the caller falls back to the period being reported). The deadline day
    itself still belongs to the managers, as in `Period.current`. `periods` carry
    `assessed` (see dashboards.load_periods), in any order."""
    closed = [p for p in periods if p.kind == kind and p.deadline < today and p.assessed]
    return max(closed, key=lambda p: p.end, default=None)


def best_first(direction: str) -> bool:
    """Whether a ranking of units sorts high values first: yes unless lower is better."""
    return direction != "lower"


def page_window(total: int, page: int | str | None, size: int) -> tuple[int, int, int, int]:
    """(page, pages, start, stop) for 1-based `page` of `size` rows; a bad or too high page
    number gives the nearest page that exists."""
    pages = max(1, -(-total // size))
    number = parse_int(page)
    if number is None and str(page).strip().isascii() and str(page).strip().isdigit():
        number = pages  # digits past any id: too high, so the last page
    page = min(max(number or 1, 1), pages)
    start = (page - 1) * size
    return page, pages, start, min(start + size, total)


# --- who may read and write a report: the roles and the user, no request ------------------------


def may_manage(roles, report) -> bool:
    """Controllers (PLAN on the unit) assign writers, make versions and approve."""
    return has_permission(roles, Action.PLAN, report.unit)


def may_read_drafts(roles, user, report, sections=None) -> bool:
    """Those who report for the unit, and the writers assigned a section, read drafts."""
    if has_permission(roles, Action.REPORT, report.unit):
        return True
    sections = report.sections.all() if sections is None else sections
    return any(s.assignee_id == user.pk for s in sections)


def may_write(roles, user, report, section) -> bool:
    """A draft's narrative section: its writer, or a controller. An automatic section's own
    text (which follows its tables): the controllers."""
    if report.approved:
        return False
    if section.automatic:
        return may_manage(roles, report)
    return section.assignee_id == user.pk or may_manage(roles, report)


def may_read(roles, user, report) -> bool:
    """A draft for those who may read drafts, an approved report for anyone who may view
    the unit; a writer assigned a section reads the report either way (one query)."""
    assigned = report.sections.filter(assignee=user).exists()
    if not (assigned or has_permission(roles, Action.VIEW, report.unit)):
        return False
    return report.approved or assigned or has_permission(roles, Action.REPORT, report.unit)


def readable_reports(roles, user):
    """The reports `may_read` allows, as one query: approved ones on units the roles see,
    drafts on units they report for, and those with a section assigned to the user."""
    readable = units_q(roles, Action.VIEW, "unit__")
    drafts = units_q(roles, Action.REPORT, "unit__")
    return Report.objects.filter(
        (readable & (Q(state=Report.APPROVED) | drafts)) | Q(sections__assignee=user)
    ).distinct()
