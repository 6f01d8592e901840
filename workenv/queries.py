"""SQL aggregates of SAM for the dashboard, the annual follow-up's roll-up and the report
section. Each function runs a fixed number of queries whatever the subtree's size: rows are
grouped by unit in SQL and then credited to the unit directly under the chosen one by the
units' paths (one query for the paths)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from regionplan.models import OrgUnit
from regionplan.models.organisation import path_ids
from workenv import rules_annual, rules_incidents, tally
from workenv.models import (
    STANDARD_QUESTIONS,
    AnnualAnswer,
    AnnualFollowup,
    AnnualQuestion,
    Incident,
    SamTally,
    UnitActivity,
    WorkAction,
)


def active_questions() -> list:
    return list(AnnualQuestion.objects.filter(active=True).order_by("order", "pk"))


def add_standard_questions() -> int:
    """Create the STANDARD_QUESTIONS missing (by text) in the current region; how many."""
    have = set(AnnualQuestion.objects.values_list("text", flat=True))
    start = AnnualQuestion.objects.count()
    added = 0
    for text, reference in STANDARD_QUESTIONS:
        if text not in have:
            added += 1
            AnnualQuestion.objects.create(text=text, reference=reference, order=(start + added) * 10)
    return added


def child_of(unit) -> dict[int, int]:
    """Each unit below `unit` (by id) → the id of the unit directly under `unit` above it
    (itself for a child). One query."""
    depth = unit.depth + 1
    mapping = {}
    for pk, path in OrgUnit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk).values_list("pk", "path"):
        ids = path_ids(path)
        if len(ids) > depth:
            mapping[pk] = ids[depth]
    return mapping


# --- the annual follow-up ---------------------------------------------------------------


def _counts(answers) -> dict[tuple[int, str], int]:
    """(question id, answer) → how many, in one grouped query."""
    return {
        (question, answer): n
        for question, answer, n in answers.exclude(answer="")
        .values_list("question", "answer")
        .annotate(n=Count("id"))
        .order_by()
    }


def annual_rollup(unit, year: int, questions: list) -> tuple[rules_annual.RollUp, rules_annual.RollUp, list]:
    """The roll-up of the units directly below `unit` (each by its own follow-up), of the
    whole subtree below it, and the children with their follow-ups (signed or not). Six
    queries."""
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    followups = {
        f.unit_id: f for f in AnnualFollowup.objects.filter(year=year, unit__parent=unit).select_related("signed_by")
    }
    child_counts = _counts(
        AnnualAnswer.objects.filter(followup__year=year, followup__unit__parent=unit, question__active=True)
    )
    direct = rules_annual.roll_up(
        questions,
        child_counts,
        units=len(children),
        started=len(followups),
        signed=sum(1 for f in followups.values() if f.signed_on),
    )
    below = OrgUnit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk)
    units_below = below.count()
    sub_followups = AnnualFollowup.objects.filter(year=year, unit__path__startswith=unit.path).exclude(unit=unit)
    totals = sub_followups.aggregate(started=Count("id"), signed=Count("id", filter=Q(signed_on__isnull=False)))
    sub_counts = _counts(
        AnnualAnswer.objects.filter(
            followup__year=year, followup__unit__path__startswith=unit.path, question__active=True
        ).exclude(followup__unit=unit)
    )
    subtree = rules_annual.roll_up(questions, sub_counts, units_below, totals["started"], totals["signed"])
    rows = [(child, followups.get(child.pk)) for child in children]
    return direct, subtree, rows


@dataclass
class UnitResult:
    """A unit's annual follow-up in short: its counts, status and whether it is signed."""

    unit: object
    followup: object = None
    yes: int = 0
    partly: int = 0
    no: int = 0
    unanswered: int = 0

    @property
    def status(self) -> str:
        if self.followup is None:
            return rules_annual.Status.NOT_ASSESSED
        return rules_annual.status_of_counts(self.yes, self.partly, self.no, self.unanswered)

    @property
    def signed(self) -> bool:
        return bool(self.followup and self.followup.signed_on)


def unit_results(units: list, year: int, question_count: int) -> list[UnitResult]:
    """The annual follow-up's result of each of `units` for the year: one annotated query."""
    found = {
        f.unit_id: f
        for f in AnnualFollowup.objects.filter(year=year, unit__in=[u.pk for u in units]).annotate(
            n_yes=Count("answers", filter=Q(answers__answer="ja", answers__question__active=True)),
            n_partly=Count("answers", filter=Q(answers__answer="delvis", answers__question__active=True)),
            n_no=Count("answers", filter=Q(answers__answer="nej", answers__question__active=True)),
        )
    }
    results = []
    for unit in units:
        f = found.get(unit.pk)
        if f is None:
            results.append(UnitResult(unit, None, 0, 0, 0, question_count))
        else:
            answered = f.n_yes + f.n_partly + f.n_no
            results.append(UnitResult(unit, f, f.n_yes, f.n_partly, f.n_no, max(question_count - answered, 0)))
    return results


# --- the dashboard ----------------------------------------------------------------------


@dataclass
class Figures:
    """A unit's (or its subtree's) SAM figures for a year."""

    activities_done: int = 0
    activities_due: int = 0
    activities_overdue: int = 0
    incidents: int = 0
    serious_unreported: int = 0
    actions_open: int = 0
    actions_overdue: int = 0
    actions_done: int = 0


@dataclass
class Dashboard:
    total: Figures
    per_child: dict[int, Figures] = field(default_factory=dict)
    incidents: dict[tuple[str, int], int] = field(default_factory=dict)  # (kind, month) → n
    unreported: list = field(default_factory=list)


def _below(unit, path: str, children: set[int]) -> int | None:
    """The child of `unit` whose subtree holds the unit of `path`; None for `unit` itself."""
    ids = path_ids(path)
    return ids[unit.depth + 1] if len(ids) > unit.depth + 1 and ids[unit.depth + 1] in children else None


def dashboard(unit, year: int, today: datetime.date) -> Dashboard:
    """The SAM figures of `unit`'s subtree for `year`, in total and per unit directly under
    it: read from the kept counts (workenv.tally) of the unit and its children, with what
    fell overdue earlier this month counted live. Five queries whatever the size."""
    children = set(OrgUnit.objects.filter(parent=unit).values_list("pk", flat=True))
    total = Figures()
    per_child: dict[int, Figures] = {pk: Figures() for pk in children}
    incidents: dict[tuple[str, int], int] = {}
    this_month = (today.year, today.month)
    for unit_id, what, y, month, n in (
        SamTally.objects.filter(unit_id__in=[unit.pk, *children])
        .filter(Q(year=year) | Q(what__in=[tally.ACTION_OPEN, tally.UNREPORTED]))
        .exclude(n=0)
        .values_list("unit_id", "what", "year", "month", "n")
    ):
        figures = total if unit_id == unit.pk else per_child[unit_id]
        past = (y, month) < this_month
        if what == tally.UNREPORTED:
            figures.serious_unreported += n
        elif what.startswith(tally.INCIDENT):
            figures.incidents += n
            if figures is total:
                key = (what.removeprefix(tally.INCIDENT), month)
                incidents[key] = incidents.get(key, 0) + n
        elif what == tally.ACTIVITY_DONE:
            figures.activities_done += n
        elif what == tally.ACTIVITY_OPEN:
            if past:
                figures.activities_overdue += n
            else:
                figures.activities_due += n
        elif what == tally.ACTION_OPEN:
            figures.actions_open += n
            if past:
                figures.actions_overdue += n
        elif what == tally.ACTION_DONE:
            figures.actions_done += n
    # Due earlier this month and still open: overdue already (the counts go by month).
    in_tree = Q(unit__path__startswith=unit.path)
    month_start = today.replace(day=1)
    late_now = [
        (path, "activities")
        for path in UnitActivity.objects.filter(
            in_tree, year=year, done_on__isnull=True, due_on__gte=month_start, due_on__lt=today
        ).values_list("unit__path", flat=True)
    ] + [
        (path, "actions")
        for path in WorkAction.objects.filter(
            in_tree, done_on__isnull=True, deadline__gte=month_start, deadline__lt=today
        ).values_list("unit__path", flat=True)
    ]
    for path, which in late_now:
        child = _below(unit, path, children)
        for figures in (total, per_child[child]) if child else (total,):
            if which == "activities":
                figures.activities_due -= 1
                figures.activities_overdue += 1
            else:
                figures.actions_overdue += 1
    unreported = list(
        Incident.objects.filter(in_tree, serious=True, authority_reported_on__isnull=True)
        .select_related("unit")
        .order_by("occurred_at")[:50]
    )
    return Dashboard(total, {pk: f for pk, f in per_child.items() if f != Figures()}, incidents, unreported)


# --- the incident statistics -----------------------------------------------------------

MONTHS = list(range(1, 13))


@dataclass
class IncidentStatistics:
    """The incident statistics as shown to one user: per kind and month, and per unit
    directly below (each with its subtree) and kind, with the row and column totals. For a
    reader each count is through rules_incidents.suppressed_table ("< 5", hidden totals
    as None)."""

    kind_labels: list
    month_table: list  # [{"label", "cells" (12), "total"}]
    month_totals: list
    total: object
    unit_table: list  # [{"unit", "name", "cells" (per kind), "total"}]
    kind_totals: list
    unit_total: object


def incident_statistics(unit, year: int, kind: str, reads_only: bool, live=None) -> IncidentStatistics:
    """The statistics of the year's incidents in `unit`'s subtree (of `kind` if given). From
    the kept counts (two queries) when the user sees the whole subtree; else `live`, the
    incidents of the year the user may see, counted in SQL (three queries)."""
    if live is None:
        by_kind_month, per_unit, children = _tallied(unit, year, kind)
    else:
        by_kind_month, per_unit, children = _counted(unit, live)
    kinds = [(k, label) for k, label in Incident.KIND_CHOICES if not kind or k == kind]
    keys = [k for k, _l in kinds]
    cells, row_totals, column_totals, total = rules_incidents.suppressed_table(by_kind_month, keys, MONTHS, reads_only)
    month_table = [
        {"label": label, "cells": [cells[(k, m)] for m in MONTHS], "total": row_totals[k]} for k, label in kinds
    ]
    rows = [unit.pk] + [c.pk for c in children]
    u_cells, u_totals, k_totals, u_total = rules_incidents.suppressed_table(per_unit, rows, keys, reads_only)
    names = {unit.pk: _("%(unit)s (egna)") % {"unit": unit.name}} | {c.pk: c.name for c in children}
    unit_table = [
        {"unit": pk, "name": names[pk], "cells": [u_cells[(pk, k)] for k in keys], "total": u_totals[pk]} for pk in rows
    ]
    return IncidentStatistics(
        kind_labels=[label for _k, label in kinds],
        month_table=month_table,
        month_totals=[column_totals[m] for m in MONTHS],
        total=total,
        unit_table=unit_table,
        kind_totals=[k_totals[k] for k in keys],
        unit_total=u_total,
    )


def _tallied(unit, year: int, kind: str):
    """(kind, month) → n of the subtree, (unit or child, kind) → n and the children, from
    the kept counts of the unit and its children; the unit's own = its total less theirs."""
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    wanted = [tally.INCIDENT + k for k, _l in Incident.KIND_CHOICES if not kind or k == kind]
    by_kind_month: dict[tuple[str, int], int] = {}
    per_unit: dict[tuple[int, str], int] = {}
    for unit_id, what, month, n in (
        SamTally.objects.filter(unit_id__in=[unit.pk, *(c.pk for c in children)], year=year, what__in=wanted)
        .exclude(n=0)
        .values_list("unit_id", "what", "month", "n")
    ):
        k = what.removeprefix(tally.INCIDENT)
        per_unit[(unit_id, k)] = per_unit.get((unit_id, k), 0) + n
        if unit_id == unit.pk:
            by_kind_month[(k, month)] = by_kind_month.get((k, month), 0) + n
        else:
            per_unit[(unit.pk, k)] = per_unit.get((unit.pk, k), 0) - n  # the unit's own: less its children's
    return by_kind_month, per_unit, children


def _counted(unit, in_year):
    """As _tallied, counted from `in_year` (the incidents the user may see) in SQL."""
    by_kind_month = {
        (k, m): n
        for k, m, n in in_year.annotate(month=ExtractMonth("occurred_at"))
        .values_list("kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    }
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    under = child_of(unit)
    per_unit: dict[tuple[int, str], int] = {}
    for unit_id, k, n in in_year.values_list("unit_id", "kind").annotate(n=Count("id")).order_by():
        owner = unit.pk if unit_id == unit.pk else under.get(unit_id)
        if owner is not None:
            per_unit[(owner, k)] = per_unit.get((owner, k), 0) + n
    return by_kind_month, per_unit, children
