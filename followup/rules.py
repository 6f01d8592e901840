"""The rules of follow-up, as plain functions with table-driven tests:

- the suggested status of a measure from its value and target;
- the rolled-up suggestion of a higher item from the statuses below it;
- when a measure's value is stale;
- when overruling the suggestion needs a reason, and when Totalt is the sum of kvinnor and män;
- which reminder is due for a period on a day, and whether its hour has come.

A suggestion never overwrites a person's assessment; it is shown next to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from goals.rules import Op, Target, format_target
from regionplan.numbers import format_number
from regionplan.status import Status

DEFAULT_TOLERANCE = Decimal("0.10")  # Gul within 10 % of the target on the wrong side


@dataclass(frozen=True)
class Suggestion:
    """A suggested status and the sentence that explains it."""

    status: Status
    reason: str


def _gap(value: Decimal, bound: Decimal) -> Decimal | None:
    """How far `value` misses `bound`, relative to the bound; None when the bound is 0."""
    if bound == 0:
        return None
    return abs(value - bound) / abs(bound)


def _near_or_far(value: Decimal, bound: Decimal, tolerance: Decimal, target_text: str) -> Suggestion:
    gap = _gap(value, bound)
    shown = format_number(value)
    if gap is not None and gap <= tolerance:
        return Suggestion(
            Status.YELLOW,
            _("%(value)s missar målet %(target)s med högst %(pct)s %%.")
            % {"value": shown, "target": target_text, "pct": format_number(tolerance * 100)},
        )
    return Suggestion(Status.RED, _("%(value)s missar målet %(target)s.") % {"value": shown, "target": target_text})


def suggest(
    target: Target,
    value: Decimal | None,
    reference: Decimal | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    follow_only: bool = False,
) -> Suggestion:
    """The suggested status of a measure's value against its target.

    `reference` is what "Öka"/"Minska" compare with: the same period last year, or the
    baseline. Yes/no values are 1 (ja) and 0 (nej). No value, no target, or a measure
    that is only followed give "Ej bedömd".
    """
    text = format_target(target)
    if value is None:
        return Suggestion(Status.NOT_ASSESSED, _("Inget värde för perioden."))
    if follow_only or not target:
        return Suggestion(Status.NOT_ASSESSED, _("Måttet följs utan mål."))
    op, goal = target.operator, target.value
    if op in (Op.YES, Op.NO):
        wanted = Decimal(1 if op == Op.YES else 0)
        met = value == wanted
        return Suggestion(
            Status.GREEN if met else Status.RED,
            _("Målet ”%(target)s” är uppfyllt.") % {"target": text}
            if met
            else _("Målet ”%(target)s” är inte uppfyllt.") % {"target": text},
        )
    if op in (Op.INCREASE, Op.DECREASE):
        if reference is None:
            return Suggestion(
                Status.NOT_ASSESSED, _("Inget jämförelsevärde att mäta ”%(target)s” mot.") % {"target": text}
            )
        better = value > reference if op == Op.INCREASE else value < reference
        words = {"value": format_number(value), "reference": format_number(reference), "target": text}
        if better:
            return Suggestion(Status.GREEN, _("%(value)s mot %(reference)s: målet ”%(target)s” nås.") % words)
        if value == reference:
            return Suggestion(Status.YELLOW, _("%(value)s är oförändrat mot %(reference)s.") % words)
        return Suggestion(Status.RED, _("%(value)s mot %(reference)s: målet ”%(target)s” nås inte.") % words)
    if op == Op.RANGE:
        if target.value <= value <= target.high:
            return Suggestion(
                Status.GREEN, _("%(value)s ligger inom %(target)s.") % {"value": format_number(value), "target": text}
            )
        bound = target.value if value < target.value else target.high
        return _near_or_far(value, bound, tolerance, text)
    met = {Op.LT: value < goal, Op.LE: value <= goal, Op.GT: value > goal, Op.GE: value >= goal, Op.EQ: value == goal}[
        op
    ]
    if met:
        return Suggestion(
            Status.GREEN, _("%(value)s når målet %(target)s.") % {"value": format_number(value), "target": text}
        )
    return _near_or_far(value, goal, tolerance, text)


# --- staleness ----------------------------------------------------------------------------

# How long a measure's value lasts, by its frequency, before a new one is due.
FREQUENCY_DAYS = {"month": 31, "tertial": 123, "delar": 184, "year": 366}
GRACE_DAYS = 45  # time to report after a period ends


def is_stale(
    frequency: str, last_value_end: datetime.date | None, followed_since: datetime.date, today: datetime.date
) -> bool:
    """Whether a measure has gone without a value for longer than its frequency allows.

    `last_value_end`: the end of the latest period with a value (None: never);
    `followed_since`: when following it began (the start of its plan year).
    """
    days = FREQUENCY_DAYS.get(frequency)
    if days is None:
        return False
    since = last_value_end or followed_since
    return today > since + datetime.timedelta(days=days + GRACE_DAYS)


# --- what is due when -----------------------------------------------------------------------


def due_in(level: str, frequency: str, period_kind: str, period_number: int, region_kinds: list[str]) -> bool:
    """Whether an item is followed up in a period.

    A measure follows its frequency: monthly measures in every month and tertial, tertial
    measures in tertials, delår measures at T2 and T3, yearly ones at T3 (or the year
    period). Everything else is assessed at each tertial, or each year period where the
    region has no tertials, or each month where it has only months.
    """
    main = "tertial" if "tertial" in region_kinds else "year" if "year" in region_kinds else "month"
    if level != "measure":
        return period_kind == main
    if frequency == "month":
        return period_kind in ("month", main)
    if frequency == "tertial":
        return period_kind == main
    if frequency == "delar":
        return (period_kind == "tertial" and period_number >= 2) or period_kind == "year"
    if frequency == "year":
        return (period_kind == "tertial" and period_number == 3) or period_kind == "year"
    return period_kind == main


def entry_open(deadline: datetime.date, today: datetime.date, reopened_until: datetime.date | None = None) -> bool:
    """Entry is open until the period's deadline, or until a controller's reopening ends."""
    return today <= deadline or (reopened_until is not None and today <= reopened_until)


def reminder_occasion(today: datetime.date, deadline: datetime.date, days_before: int) -> str | None:
    """The scheduled reminder a period is due for on `today`: "deadline" on the last
    reporting day, "early" from `days_before` days ahead until the day before, else None.
    A day the schedule missed is caught up by the next run within the window; after the
    deadline reminding is the controller's (the overview's "Påminn")."""
    if today == deadline:
        return "deadline"
    if deadline - datetime.timedelta(days=days_before) <= today < deadline:
        return "early"
    return None


def reminder_hour_has_come(local_now: datetime.datetime, hour: int) -> bool:
    """Reminders go out on the region's hour (Swedish time) or the first run after it."""
    return local_now.hour >= hour


# --- what a row's form asks for ------------------------------------------------------------


def needs_overrule_reason(suggested: str | None, chosen: str | None) -> bool:
    """Whether the manager must say why: only when they chose a status (not "Ej bedömd")
    that differs from a suggestion there is (one that is not "Ej bedömd" itself)."""
    return bool(
        suggested
        and chosen
        and suggested != Status.NOT_ASSESSED
        and chosen != Status.NOT_ASSESSED
        and chosen != suggested
    )


# Measure units that count people or things: their total is kvinnor + män. A rate, a
# percentage, an index or an average is not the sum of its parts, and is left to the manager.
COUNT_UNITS = {"antal", "st", "st.", "stycken", "personer", "pers"}


def total_is_sum(measure_unit: str) -> bool:
    """Whether Totalt of a measure split by sex is kvinnor + män (a count: antal, st)."""
    return (measure_unit or "").strip().lower() in COUNT_UNITS


def fill_total(
    measure_unit: str, women: Decimal | None, men: Decimal | None, total: Decimal | None
) -> tuple[Decimal | None, str | None]:
    """(Totalt to save, a problem or None) for a measure split by sex.

    A count's Totalt is kvinnor + män: filled in when left empty, refused when typed as
    something else. For anything else (%, index, kr) the typed Totalt stands, empty or not.
    """
    if not total_is_sum(measure_unit) or women is None or men is None:
        return total, None
    parts = women + men
    if total is None or total == parts:
        return parts, None
    return total, _("Totalt ska vara kvinnor + män (%(sum)s) för ett antal.") % {"sum": format_number(parts)}
