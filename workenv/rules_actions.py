"""The action plan's (handlingsplan) rules as plain functions of plain values, tested table
by table (tests/workenv/test_rules_actions.py).

An action is *done* when it has a date it was done on; that date goes with the status
Grön (the core's vocabulary: Grön is on track, or done when dated). Until then it is
followed up each period, and it is *overdue* once its deadline has passed."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from regionplan.status import Status


def is_done(done_on: datetime.date | None) -> bool:
    """Whether the action is done (it has the date it was done on)."""
    return done_on is not None


def is_overdue(deadline: datetime.date | None, done_on: datetime.date | None, today: datetime.date) -> bool:
    """Overdue: the deadline has passed (before today) and the action is not done."""
    return deadline is not None and not is_done(done_on) and deadline < today


def action_problems(
    *,
    owner,
    deadline: datetime.date | None,
    status: str,
    done_on: datetime.date | None,
    effect_checked_on: datetime.date | None,
    today: datetime.date,
) -> dict[str, str]:
    """What is wrong with an action as entered, by field (empty when it may be saved)."""
    problems: dict[str, str] = {}
    if owner is None:
        problems["owner"] = _("Ange vem som ansvarar för åtgärden.")
    if deadline is None:
        problems["deadline"] = _("Ange när åtgärden ska vara klar.")
    if done_on is not None:
        if done_on > today:
            problems["done_on"] = _("En åtgärd kan inte vara genomförd i framtiden.")
        elif status != Status.GREEN:
            problems["status"] = _("En genomförd åtgärd har status Grön.")
    if effect_checked_on is not None:
        if done_on is None:
            problems["effect_checked_on"] = _("Effekten kan kontrolleras först när åtgärden är genomförd.")
        elif effect_checked_on < done_on:
            problems["effect_checked_on"] = _("Effekten kan inte ha kontrollerats före det datum åtgärden genomfördes.")
        elif effect_checked_on > today:
            problems["effect_checked_on"] = _("Effekten kan inte ha kontrollerats i framtiden.")
    return problems


def action_owed(
    created_on: datetime.date, done_on: datetime.date | None, start: datetime.date, end: datetime.date
) -> bool:
    """Whether an action is followed up in the period [start, end]: it existed by the
    period's end and was not done before the period began."""
    return created_on <= end and (done_on is None or done_on >= start)


def source_of(*, incident=None, risk=None, safety_round=None, fallback: str = "annat") -> str:
    """The source an action gets from what it was made from (a new action's prefill)."""
    if incident is not None:
        return "handelse"
    if risk is not None:
        return "riskbedomning"
    if safety_round is not None:
        return "skyddsrond"
    return fallback
