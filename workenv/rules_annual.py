"""Rules of the annual follow-up of SAM (årlig uppföljning), as plain functions: which
answers are accepted, a follow-up's status, whether it may be signed, and the roll-up of
the units below (counts per answer per question, the red ones first).

Decisions (documented for the lead):
- A signed follow-up is read only. A controller (PLAN on the unit) may reopen it; the
  signature is then removed and the manager signs again.
- The roll-up of a unit counts the units directly below it, each by its own follow-up, and
  also the whole subtree below (every unit under it, each by its own follow-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regionplan.status import Status

YES, PARTLY, NO = "ja", "delvis", "nej"
ANSWERS = (YES, PARTLY, NO)
STATUS_OF = {YES: Status.GREEN, PARTLY: Status.YELLOW, NO: Status.RED}


def valid_answer(value) -> bool:
    """Only Ja / Delvis / Nej are answers; anything else is refused (400, nothing saved)."""
    return value in ANSWERS


def status_of_counts(yes: int, partly: int, no: int, unanswered: int) -> str:
    """A follow-up's (or a question's) status: red if any Nej, yellow if any Delvis, green
    if every question is answered Ja, otherwise not assessed."""
    if no:
        return Status.RED
    if partly:
        return Status.YELLOW
    if yes and not unanswered:
        return Status.GREEN
    return Status.NOT_ASSESSED


def unanswered(questions, answered_ids) -> list:
    """The questions (in order) that have no answer among `answered_ids`."""
    answered = set(answered_ids)
    return [question for question in questions if question.pk not in answered]


def can_sign(signed: bool, questions, answered_ids) -> tuple[bool, list]:
    """Whether a follow-up may be signed, and the questions in the way: not when it is
    signed already, nor while any active question is unanswered (or there are none)."""
    missing = unanswered(questions, answered_ids)
    return (not signed and bool(questions) and not missing), missing


@dataclass
class Tally:
    """One question's counts over some units: Ja, Delvis, Nej, ej besvarad (the unit has
    begun its follow-up but not answered this), ej påbörjad (no follow-up at all)."""

    question: object
    yes: int = 0
    partly: int = 0
    no: int = 0
    unanswered: int = 0
    not_started: int = 0

    @property
    def status(self) -> str:
        return status_of_counts(self.yes, self.partly, self.no, self.unanswered + self.not_started)


@dataclass
class RollUp:
    units: int = 0
    started: int = 0
    signed: int = 0
    tallies: list = field(default_factory=list)


def roll_up(questions, counts, units: int, started: int, signed: int = 0) -> RollUp:
    """The counts of `units` units, `started` of which have a follow-up: `counts` maps
    (question id, answer) to the number of units that gave it (from one grouped query).
    Returns the tallies ordered red first (most Nej, then most Delvis, then the
    questionnaire's order)."""
    tallies = []
    for question in questions:
        yes = counts.get((question.pk, YES), 0)
        partly = counts.get((question.pk, PARTLY), 0)
        no = counts.get((question.pk, NO), 0)
        tallies.append(
            Tally(
                question,
                yes,
                partly,
                no,
                unanswered=max(started - yes - partly - no, 0),
                not_started=max(units - started, 0),
            )
        )
    return RollUp(units, started, signed, red_first(tallies))


def red_first(tallies: list) -> list:
    """Questions with Nej first (most first), then those with Delvis; stable otherwise."""
    return sorted(tallies, key=lambda t: (-t.no, -t.partly))


SMALL = 5


def suppress_small(n: int, reads_only: bool):
    """For those who only read, a count under 5 (but above 0) is shown as "< 5", so that
    no one can be recognised from a small count. (A local copy until workenv.rules_incidents
    has the shared rule.)"""
    if reads_only and 0 < n < SMALL:
        return "< 5"
    return n
