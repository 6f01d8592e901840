"""Rules of incident reports as plain functions (table-driven tests in
tests/workenv/test_rules_incidents.py): what must be reported to Arbetsmiljöverket, the state
shown on lists, what is wrong with a date, and the small-count suppression for readers."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from regionplan.status import Status

SMALL = 5  # counts 1–4 are shown to readers as "< 5"
HIDDEN = "< 5"

NEW, INVESTIGATING, CLOSED, UNREPORTED = "new", "investigating", "closed", "unreported"


def state(serious: bool, authority_reported_on, causes: str, closed_on) -> str:
    """Where an incident stands: a serious one not reported to the Authority comes first
    (it is red until reported), then closed, being investigated (causes written), new."""
    if serious and authority_reported_on is None:
        return UNREPORTED
    if closed_on is not None:
        return CLOSED
    return INVESTIGATING if causes.strip() else NEW


def status(state_: str) -> str:
    """The core status an incident's state is shown with (colour never alone: the list
    also says it in words)."""
    return {UNREPORTED: Status.RED, NEW: Status.YELLOW, INVESTIGATING: Status.YELLOW, CLOSED: Status.GREEN}[state_]


def state_label(state_: str) -> str:
    return {
        UNREPORTED: _("Ej anmäld till Arbetsmiljöverket"),
        NEW: _("Ny, ej utredd"),
        INVESTIGATING: _("Utreds"),
        CLOSED: _("Avslutad"),
    }[state_]


def occurred_problem(occurred: datetime.datetime, now: datetime.datetime, unit_from, unit_to) -> str:
    """Why a time of occurrence cannot be right, or "": not in the future, not before the
    unit existed, not after it was closed."""
    if occurred > now:
        return _("Händelsen kan inte ha hänt i framtiden.")
    day = occurred.date()
    if unit_from and day < unit_from:
        return _("Enheten fanns inte då (från %(date)s).") % {"date": unit_from.isoformat()}
    if unit_to and day > unit_to:
        return _("Enheten var stängd då (till %(date)s).") % {"date": unit_to.isoformat()}
    return ""


def closing_problem(closed_on, occurred_on: datetime.date, today: datetime.date, serious: bool, reported_on) -> str:
    """Why the investigation cannot be closed on that date, or ""."""
    if closed_on is None:
        return ""
    if closed_on > today:
        return _("Utredningen kan inte avslutas i framtiden.")
    if closed_on < occurred_on:
        return _("Utredningen kan inte avslutas före händelsen.")
    if serious and reported_on is None:
        return _("En allvarlig händelse måste anmälas till Arbetsmiljöverket innan utredningen avslutas.")
    return ""


def authority_problem(reported_on, case_number: str, occurred_on: datetime.date, today: datetime.date) -> str:
    """Why the Authority report is incomplete or impossible, or "": date and case number
    both or neither, the date between the incident and today."""
    if reported_on is None and not case_number.strip():
        return ""
    if reported_on is None or not case_number.strip():
        return _("Ange både datum för anmälan och Arbetsmiljöverkets ärendenummer.")
    if reported_on > today:
        return _("Anmälan kan inte vara gjord i framtiden.")
    if reported_on < occurred_on:
        return _("Anmälan kan inte vara gjord före händelsen.")
    return ""


def shown_count(n: int, reads_only: bool):
    """A count as a reader may see it: 1–4 as "< 5" (no one is recognised from a small
    count); others see the number."""
    if reads_only and 0 < n < SMALL:
        return HIDDEN
    return n


def suppressed_table(cells: dict, rows: list, columns: list, reads_only: bool):
    """A table of counts for the reader: each cell through `shown_count`, each row and column
    total, and the grand total. A total whose line hides exactly one cell would give that
    cell away (total minus the shown ones), so it is hidden too (complementary
    suppression), and so is the grand total if it could give a hidden total away.
    Returns (cells, row_totals, column_totals, total) with None for a hidden total."""
    shown = {(r, c): shown_count(cells.get((r, c), 0), reads_only) for r in rows for c in columns}

    def total(keys):
        values = [cells.get(k, 0) for k in keys]
        hidden = sum(1 for k in keys if shown[k] == HIDDEN)
        if reads_only and hidden == 1:
            return None
        return shown_count(sum(values), reads_only)

    row_totals = {r: total([(r, c) for c in columns]) for r in rows}
    column_totals = {c: total([(r, c) for r in rows]) for c in columns}
    grand = sum(cells.get((r, c), 0) for r in rows for c in columns)
    hidden_lines = sum(1 for v in row_totals.values() if v is None) + sum(
        1 for v in column_totals.values() if v is None
    )
    grand_shown = None if reads_only and hidden_lines == 1 else shown_count(grand, reads_only)
    return shown, row_totals, column_totals, grand_shown
