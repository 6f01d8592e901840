"""What reports and dashboards read of internal control, for a unit's subtree: heat maps
counted in SQL, a cell's risks, and the year's controls, results and actions up to a day.
Every function runs a fixed number of queries whatever the region's size."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Value, When

from internal_control import rules
from internal_control.models import ActionUpdate, Control, ControlResult, Risk, RiskAction, RiskAnalysis
from regionplan import riskmatrix
from regionplan.models import OrgUnit, RiskMatrix
from regionplan.models.organisation import path_ids
from regionplan.status import Status

SHOWN = (RiskAnalysis.ADOPTED, RiskAnalysis.CLOSED)  # what a board's report and a reader see
CELLS_PER_PAGE = 50
VALUATIONS = ("net", "gross")


def in_subtree(unit, year: int, analyses) -> object:
    """The analyses of the year in the unit's subtree, out of `analyses` (those the reader
    may read: internal_control.access.readable_analyses, or RiskAnalysis.objects for a report
    of adopted ones)."""
    return analyses.filter(year=year, unit__path__startswith=unit.path)


@dataclass
class HeatMap:
    """The risks in scope counted per cell of one version of the matrix (two versions in one
    year give two maps, never a mixed one)."""

    matrix: RiskMatrix
    which: str
    counts: Counter = field(default_factory=Counter)

    @property
    def definition(self) -> dict:
        return self.matrix.definition

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def unvalued(self) -> int:
        return self.counts.get((None, None), 0)

    link: str = ""  # a page's address of a cell, up to "s=<l>&k=<i>" (set by the page)

    def rows(self) -> list:
        return riskmatrix.heat_rows(self.definition, self.counts)

    @property
    def impacts(self) -> list[str]:
        return riskmatrix.impact_names(self.definition)

    def by_status(self) -> dict[str, int]:
        return riskmatrix.status_counts(self.definition, self.counts)


def heatmaps(analyses, which: str = "net") -> list[HeatMap]:
    """The heat maps of the risks of `analyses` (Avslutad left out), brutto or netto: one
    GROUP BY over the risks and one query for the matrices they were valued on."""
    likelihood, impact = f"{which}_likelihood", f"{which}_impact"
    grouped = (
        Risk.objects.filter(analysis__in=analyses)
        .exclude(change=Risk.ENDED)
        .values_list("analysis__matrix_id", likelihood, impact)
        .annotate(n=Count("id"))
        .order_by()
    )
    per_matrix: dict[int, Counter] = {}
    for matrix_id, lk, im, n in grouped:
        per_matrix.setdefault(matrix_id, Counter()).update(riskmatrix.counts([(lk, im)] * n))
    matrices = RiskMatrix.objects.filter(pk__in=list(per_matrix)).order_by("-version") if per_matrix else []
    return [HeatMap(matrix, which, per_matrix[matrix.pk]) for matrix in matrices]


def cell_risks(analyses, which: str, matrix_id: int, likelihood: int, impact: int, page: int = 1):
    """One page of the risks in a cell of a heat map (and their number): with their unit and
    analysis, worst netto first within the cell, then by unit and number."""
    risks = (
        Risk.objects.filter(
            analysis__in=analyses,
            analysis__matrix_id=matrix_id,
            **{f"{which}_likelihood": likelihood, f"{which}_impact": impact},
        )
        .exclude(change=Risk.ENDED)
        .select_related("analysis__unit", "analysis__matrix", "category")
        .order_by("analysis__unit__path", "number")
    )
    start = (page - 1) * CELLS_PER_PAGE
    return list(risks[start : start + CELLS_PER_PAGE]), risks.count()


# --- controls, results and actions up to a day ---------------------------------------------------


@dataclass
class ControlLine:
    """A control of a plan with its results up to the day asked for."""

    control: Control
    results: list[ControlResult]

    @property
    def latest(self) -> ControlResult | None:
        reported = [r for r in self.results if r.outcome]
        return reported[-1] if reported else None

    @property
    def status(self) -> str:
        return rules.outcome_status(self.latest.outcome) if self.latest else Status.NOT_ASSESSED.value


def control_lines(analyses, until: datetime.date) -> list[ControlLine]:
    """The controls of the plans (risks in the plan) with their results due by `until`: two
    queries."""
    controls = list(
        Control.objects.filter(risk__analysis__in=analyses, risk__in_plan=True)
        .select_related("risk__analysis__unit", "unit", "responsible")
        .order_by("risk__analysis__unit__path", "risk__number", "order", "pk")
    )
    results: dict[int, list] = {}
    in_plan = Control.objects.filter(risk__analysis__in=analyses, risk__in_plan=True)
    for result in ControlResult.objects.filter(control__in=in_plan, due_on__lte=until).order_by("due_on"):
        results.setdefault(result.control_id, []).append(result)
    return [ControlLine(control, results.get(control.pk, [])) for control in controls]


@dataclass
class ActionLine:
    """An action as it stood in a period: its status then (the period's follow-up, else its
    own), and whether it was overdue."""

    action: RiskAction
    status: str
    overdue: bool


def open_actions(analyses, period, today: datetime.date) -> list[ActionLine]:
    """The actions of the analyses' risks that were not done at the period's end: two queries."""
    end = min(period.end, today)
    actions = list(
        RiskAction.objects.filter(risk__analysis__in=analyses)
        .exclude(status=RiskAction.DONE, done_on__lte=period.end)
        .select_related("risk__analysis__unit", "owner", "result")
        .order_by("deadline", "pk")
    )
    updates = {
        u.action_id: u.status
        for u in ActionUpdate.objects.filter(period=period, action__risk__analysis__in=analyses).only(
            "action", "status"
        )
    }
    lines = []
    for action in actions:
        status = updates.get(action.pk)
        if status is None:
            status = action.status if action.status != RiskAction.DONE else RiskAction.ONGOING
        if status == RiskAction.DONE:
            continue
        lines.append(ActionLine(action, status, rules.action_overdue(status, action.deadline, end)))
    return lines


@dataclass
class Tally:
    """A scope's internal control in a period: controls due, done and overdue, results per
    status, open and overdue actions."""

    due: int = 0
    done: int = 0
    overdue: int = 0
    results: dict = field(default_factory=dict)  # status -> n
    actions_open: int = 0
    actions_overdue: int = 0

    def add(self, other: Tally) -> None:
        for name in ("due", "done", "overdue", "actions_open", "actions_overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for status, n in other.results.items():
            self.results[status] = self.results.get(status, 0) + n

    @property
    def deviations(self) -> int:
        """Results with findings (Mindre or Väsentliga brister)."""
        return self.results.get(Status.YELLOW.value, 0) + self.results.get(Status.RED.value, 0)


def occurrences_due(frequency: str, due_on, period, today: datetime.date) -> tuple[int, int]:
    """(how many occurrences of a control the period asks for, how many of them are past
    their day): the same for every control of a frequency (and due day, for those done once
    or yearly)."""
    found = rules.due_in(frequency, due_on, period.kind, period.start.year, period.number)
    return len(found), sum(o.due < today for o in found)


def tally(unit, analyses, period, today: datetime.date) -> tuple[Tally, dict[int, Tally]]:
    """Count a period for the unit's subtree, in total and per unit directly under it (by the
    control's unit, and for actions their analysis' unit), in SQL: the analyses' ids, the
    units' paths, then the controls grouped by unit, frequency and due day, the results of
    the period's window by unit, outcome and whether their day has passed, and the actions by
    unit and lateness. Five queries whatever the size; each aggregate joins as little as it
    can (the analyses are given by id, which the planner estimates right).

    An action counts as open at the period's end unless it was done by then, and as overdue
    when its deadline had passed; a past period is counted by the actions' present status."""
    year = period.start.year
    start, end = rules.window(period.kind, year, period.number)
    ids = list(analyses.filter(year=year).values_list("pk", flat=True))
    if not ids:
        return Tally(), {}
    child = _children_of(unit)
    by_child: dict[int, Tally] = {}
    due_of: dict[tuple, tuple[int, int]] = {}  # the same for every control of a frequency and day

    def of(unit_id) -> Tally:
        return by_child.setdefault(child.get(unit_id, 0), Tally())

    for unit_id, frequency, due_on, n in (
        Control.objects.filter(risk__analysis_id__in=ids, risk__in_plan=True)
        .values_list("unit_id", "frequency", "due_on")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if (frequency, due_on) not in due_of:
            due_of[(frequency, due_on)] = occurrences_due(frequency, due_on, period, today)
        due, past = due_of[(frequency, due_on)]
        of(unit_id).due += due * n
        of(unit_id).overdue += past * n  # less what was reported, below
    for unit_id, outcome, passed, n in (
        ControlResult.objects.filter(
            control__risk__analysis_id__in=ids, control__risk__in_plan=True, due_on__gte=start, due_on__lte=end
        )
        .exclude(outcome="")
        .annotate(
            passed=Case(When(due_on__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        .values_list("control__unit_id", "outcome", "passed")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tallied = of(unit_id)
        tallied.done += n
        tallied.overdue -= n if passed else 0
        status = rules.outcome_status(outcome)
        tallied.results[status] = tallied.results.get(status, 0) + n
    until = min(end, today)
    for unit_id, late, n in (
        RiskAction.objects.filter(risk__analysis_id__in=ids)
        .exclude(status=RiskAction.DONE, done_on__lte=end)
        .annotate(
            late=Case(When(deadline__lt=until, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        .values_list("risk__analysis__unit_id", "late")
        .annotate(n=Count("id"))
        .order_by()
    ):
        of(unit_id).actions_open += n
        of(unit_id).actions_overdue += n if late else 0
    total = Tally()
    for tallied in by_child.values():
        tallied.overdue = max(tallied.overdue, 0)
        total.add(tallied)
    return total, {key: tallied for key, tallied in by_child.items() if key}


def _children_of(unit) -> dict[int, int]:
    """Each unit of the subtree's id → the id of the child of `unit` it lies under (0 for the
    unit itself): one query, read off the paths."""
    depth = len(path_ids(unit.path))
    found = {}
    for pk, path in OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", "path"):
        chain = path_ids(path)
        found[pk] = chain[depth] if len(chain) > depth else 0
    return found
