"""Rules of internal control as plain functions (tested table-driven in tests/internal_control/)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from regionplan.periods import month_end, own_window
from regionplan.status import Status


def missing_standard(existing: list[str], standard: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The standard entries of a region's list (risk categories, impact areas: (name, text)
    pairs) the region does not have yet (names compared without case or extra spaces), in
    the standard's order."""
    have = {" ".join(name.split()).casefold() for name in existing}
    return [(name, text) for name, text in standard if name.casefold() not in have]


def next_order(orders) -> int:
    """The order that puts a new entry of a region's list last."""
    return max(orders, default=-1) + 1


# --- when a control is due --------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """One time a control is to be carried out: its code (the key of its result) and the
    day it is due."""

    code: str
    due: datetime.date
    label: str


_MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def occurrences(frequency: str, year: int, due_on: datetime.date | None = None) -> list[Occurrence]:
    """The occurrences a frequency makes in a year, in order: a month's end for monthly
    controls, a tertial's (30 April, 31 August, 31 December), a half-year's (30 June,
    31 December), the year's end for yearly ones (or `due_on` when it is in that year), and
    `due_on` for a control done once (the year's end when it has no date)."""
    if frequency == "monthly":
        return [Occurrence(f"{year}-{m:02d}", month_end(year, m), f"{_MONTHS[m - 1]} {year}") for m in range(1, 13)]
    if frequency == "tertial":
        return [Occurrence(f"{year}-T{n}", month_end(year, 4 * n), f"T{n} {year}") for n in (1, 2, 3)]
    if frequency == "halfyear":
        return [Occurrence(f"{year}-H{n}", month_end(year, 6 * n), f"H{n} {year}") for n in (1, 2)]
    day = due_on if due_on is not None and due_on.year == year else datetime.date(year, 12, 31)
    return [Occurrence(f"{year}", day, str(year))]


def window(kind: str, year: int, number: int) -> tuple[datetime.date, datetime.date]:
    """The days whose occurrences a period asks for (the core's periods.own_window)."""
    return own_window(kind, year, number)


def due_in(frequency: str, due_on, kind: str, year: int, number: int) -> list[Occurrence]:
    """The occurrences of a control that fall in a period's window (see `window`)."""
    start, end = window(kind, year, number)
    return [o for o in occurrences(frequency, year, due_on) if start <= o.due <= end]


def control_overdue(due: datetime.date, outcome: str, today: datetime.date) -> bool:
    """A control occurrence is overdue when its day has passed and it has no result yet
    ("Ej genomförd" is a result: it is reported, with its reason)."""
    return not outcome and due < today


def action_overdue(status: str, deadline: datetime.date | None, today: datetime.date) -> bool:
    """An action is overdue when it is not done and its deadline has passed."""
    return status != "done" and deadline is not None and deadline < today


def outcome_status(outcome: str) -> str:
    """A control result in the core's status vocabulary: Utan anmärkning Grön, Mindre
    brister Gul, Väsentliga brister Röd; Ej genomförd and no result are Ej bedömd."""
    return {"ok": Status.GREEN.value, "minor": Status.YELLOW.value, "major": Status.RED.value}.get(
        outcome, Status.NOT_ASSESSED.value
    )


def needs_action(outcome: str) -> bool:
    """A result with findings (Mindre or Väsentliga brister) requires an action."""
    return outcome in ("minor", "major")


def chosen_by_default(net_status: str) -> bool:
    """Whether a risk goes into the internal-control plan unless the unit says otherwise:
    those whose netto value is Röd or Gul."""
    return net_status in (Status.RED.value, Status.YELLOW.value)


def netto_not_above_brutto(gross: tuple, net: tuple) -> bool:
    """The existing measures can only lower a risk: netto's likelihood and impact are each at
    most brutto's. Holds trivially while either is not valued."""
    if None in gross or None in net:
        return True
    return net[0] <= gross[0] and net[1] <= gross[1]


# The order in which a region's reporting kinds are asked for a control: the shortest
# window first, so that an occurrence is reported at its first deadline.
_BY_WINDOW = {"month": 0, "tertial": 1, "year": 2}


def owing_period(due: datetime.date, periods: list[tuple[str, int, int]]) -> tuple[str, int, int] | None:
    """Which of the region's reporting periods (kind, year, number) an occurrence due on
    `due` is reported in: the one with the shortest window that holds the day (a month
    before a tertial before the year). None when no period holds it."""
    holding = [p for p in periods if window(*p)[0] <= due <= window(*p)[1]]
    return min(holding, key=lambda p: (_BY_WINDOW.get(p[0], 9), p[2]), default=None)


def action_owed(
    status: str,
    done_on: datetime.date | None,
    starts_on: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
) -> bool:
    """Whether an action is followed up in a period (its own window): from the period its
    need arose in (`starts_on`: its control's due day, or the analysis year's first day)
    until the period it was done in."""
    if starts_on > period_end:
        return False
    return status != "done" or (done_on is not None and done_on >= period_start)


RESULT_NEEDS_TEXT = {"minor": "findings", "major": "findings", "not_done": "findings"}


def result_problems(outcome: str, performed_on, findings: str, has_action: bool, new_action: bool, today) -> dict:
    """What is missing in a control's result, by field (empty when it can be saved):
    an outcome; the day it was done (not in the future) unless it was not done; the
    findings, or why it was not done; and for a result with findings an action."""
    problems = {}
    if not outcome:
        problems["outcome"] = _("Välj ett resultat.")
        return problems
    if outcome != "not_done" and performed_on is None:
        problems["performed_on"] = _("Ange när kontrollen gjordes.")
    if performed_on is not None and performed_on > today:
        problems["performed_on"] = _("Kontrollen kan inte vara gjord i framtiden.")
    if outcome in RESULT_NEEDS_TEXT and not (findings or "").strip():
        problems["findings"] = (
            _("Skriv varför kontrollen inte genomfördes.")
            if outcome == "not_done"
            else _("Beskriv bristerna som hittades.")
        )
    if needs_action(outcome) and not has_action and not new_action:
        problems["action_what"] = _("Ett resultat med brister kräver en åtgärd: vad ska göras, av vem och när.")
    return problems


def evidence_problem(name: str, head: bytes, types: dict) -> str | None:
    """Why a file cannot be evidence, or None: its ending must be one of `types` ({".pdf":
    (first bytes it may start with, type)}), and its first bytes what that ending says (a
    text file must be UTF-8 without NUL)."""
    ending = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ending not in types:
        return _("Filtypen stöds inte som underlag: använd %(types)s.") % {
            "types": ", ".join(sorted(t.lstrip(".") for t in types))
        }
    signatures, _type = types[ending]
    if signatures:
        if not any(head.startswith(signature) for signature in signatures):
            return _("Filen är inte vad namnet säger (%(ending)s): den kan vara skadad eller felaktigt namngiven.") % {
                "ending": ending
            }
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not merely a character cut at the end of the sample
            return _("Textfilen är inte i UTF-8 eller är inte text.")
        text = head[: error.start].decode("utf-8")
    if "\x00" in text:
        return _("Textfilen är inte i UTF-8 eller är inte text.")
    return None
