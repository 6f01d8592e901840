"""Rules of the SAM year (årshjul) as plain functions (table-driven tests in
tests/workenv/test_rules_year.py): an activity's dates from its months, its state on a day,
whether a period owes it, and the wheel's geometry."""

from __future__ import annotations

import datetime
import math

from django.utils.translation import gettext as _

from regionplan.periods import month_end
from regionplan.status import Status

DONE, OVERDUE, DUE, COMING = "done", "overdue", "due", "coming"


def months_problem(start_month: int | None, due_month: int | None) -> str:
    """Why a template's months cannot be used, or "": the year is a calendar year, so an
    activity starts in the month it is due or before."""
    if start_month is None or due_month is None:
        return ""
    if start_month > due_month:
        return _("Aktiviteten kan inte börja efter den månad den ska vara klar (året är ett kalenderår).")
    return ""


def dates(year: int, start_month: int, due_month: int) -> tuple[datetime.date, datetime.date]:
    """The first day of the start month and the last day of the due month."""
    return datetime.date(year, start_month, 1), month_end(year, due_month)


def state(starts_on: datetime.date, due_on: datetime.date, done_on, today: datetime.date) -> str:
    """Done; overdue (its last day has passed); due (started, not yet past); coming."""
    if done_on is not None:
        return DONE
    if due_on < today:
        return OVERDUE
    if starts_on <= today:
        return DUE
    return COMING


STATE_STATUS = {DONE: Status.GREEN, OVERDUE: Status.RED, DUE: Status.YELLOW, COMING: Status.NOT_ASSESSED}


def state_label(state_: str) -> str:
    return {DONE: _("Klar"), OVERDUE: _("Försenad"), DUE: _("Pågår"), COMING: _("Kommande")}[state_]


def owed_in(due_on: datetime.date, done_on, window: tuple[datetime.date, datetime.date], today) -> bool:
    """Whether a period whose own days are `window` asks for the activity: due in it, or
    due before it and still not done (an overdue activity follows the manager)."""
    start, end = window
    if start <= due_on <= end:
        return True
    return done_on is None and due_on < start and due_on < today


def done_problem(done_on, year: int, today: datetime.date) -> str:
    """Why an activity cannot be marked done that day, or ""."""
    if done_on is None:
        return _("Ange datum.")
    if done_on > today:
        return _("En aktivitet kan inte vara klar i framtiden.")
    if done_on < datetime.date(year, 1, 1):
        return _("Datumet är före årets början.")
    return ""


# --- the wheel ---------------------------------------------------------------------------


def angle(day: datetime.date) -> float:
    """The angle (degrees, clockwise from twelve o'clock) of a day on the year's wheel."""
    start = datetime.date(day.year, 1, 1)
    days = (datetime.date(day.year + 1, 1, 1) - start).days
    return 360.0 * (day - start).days / days


def point(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    """The point at `degrees` clockwise from twelve o'clock on a circle."""
    rad = math.radians(degrees - 90)
    return round(cx + r * math.cos(rad), 2), round(cy + r * math.sin(rad), 2)


def sector_path(cx: float, cy: float, r: float, month: int) -> str:
    """The SVG path of a month's sector (30° each, January from twelve o'clock)."""
    a0, a1 = (month - 1) * 30, month * 30
    x0, y0 = point(cx, cy, r, a0)
    x1, y1 = point(cx, cy, r, a1)
    return f"M{cx},{cy} L{x0},{y0} A{r},{r} 0 0 1 {x1},{y1} Z"
