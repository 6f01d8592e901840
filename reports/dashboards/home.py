"""The region dashboard: a tile per strategic goal, and a manager's attention list."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Window,
)
from django.utils.translation import gettext as _

from followup.models import Assessment, MeasureValue
from followup.rules import is_stale
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from regionplan import registry
from regionplan.status import Status
from reports import rules
from reports.dashboards.scope import ATTENTION_SHOWN, GOAL_PATH, Counts, Scope

# --- the region dashboard ------------------------------------------------------------------


@dataclass
class GoalTile:
    """A strategic goal on the dashboard: its assessment (own or rolled up), the colours
    of the success factors and measures under it, and the trend."""

    goal: PlanItem
    status: str
    explanation: str
    factors: Counts
    measures: Counts
    before: str | None = None
    trend: str | None = None
    before_factors: Counts | None = None  # the compared period's, in compare mode
    before_measures: Counts | None = None


@dataclass
class PerspectiveGroup:
    name: str
    tiles: list[GoalTile] = field(default_factory=list)


def _goals(years) -> list[PlanItem]:
    return list(
        PlanItem.objects.filter(level=Levels.GOAL, year__in=years)
        .select_related("perspective")
        .order_by(F("perspective__order").asc(nulls_last=True), "perspective__name", "order", "path")
    )


def _this_year_id(goals: list[PlanItem], year: int) -> dict[int, int]:
    """Goal id (of this year or last) → this year's goal id, through `copied_from`."""
    mapping = {g.pk: g.pk for g in goals if g.year == year}
    mapping.update({g.copied_from_id: g.pk for g in goals if g.year == year and g.copied_from_id})
    return mapping


def overview(scope: Scope) -> list[PerspectiveGroup]:
    """The tiles per perspective for the scope (three queries whatever the size)."""
    periods = [scope.period] + ([scope.against] if scope.against else [])
    years = {p.start.year for p in periods}
    goals = _goals(years)
    by_path = {g.path: g for g in goals}
    to_this_year = _this_year_id(goals, scope.year)
    counts = defaultdict(lambda: {Levels.FACTOR: Counts(), Levels.MEASURE: Counts()})  # (period, goal) → level → Counts
    rows = (
        Assessment.objects.filter(
            scope.rows(),
            period__in=[p.pk for p in periods],
            item__level__in=[Levels.FACTOR, Levels.MEASURE],
            item__finished=False,
        )
        .annotate(goal_path=GOAL_PATH)
        .values("period_id", "goal_path", "item__level", "status", "item__critical")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        goal = by_path.get(row["goal_path"])
        if goal is None or goal.pk not in to_this_year:
            continue
        counts[(row["period_id"], to_this_year[goal.pk])][row["item__level"]].add(
            row["status"], row["n"], row["item__critical"]
        )
    own = {}
    for period_id, item_id, status in Assessment.objects.filter(
        unit=scope.unit, period__in=[p.pk for p in periods], item__level=Levels.GOAL
    ).values_list("period_id", "item_id", "status"):
        if item_id in to_this_year:
            own[(period_id, to_this_year[item_id])] = status

    def status_of(period, goal_id) -> tuple[str, str]:
        mine = own.get((period.pk, goal_id))
        if mine and mine != Status.NOT_ASSESSED:
            return mine, _("Bedömt av %(unit)s") % {"unit": scope.unit.name}
        level_counts = counts[(period.pk, goal_id)]
        result = level_counts[Levels.FACTOR].merged(level_counts[Levels.MEASURE]).rolled(scope.rule)
        return result.status, (_("Sammanvägt: %(counts)s") % {"counts": result.explanation()} if result.total else "")

    groups: dict[str, PerspectiveGroup] = {}
    for goal in goals:
        if goal.year != scope.year:
            continue
        name = goal.perspective.name if goal.perspective else _("Övrigt")
        status, explanation = status_of(scope.period, goal.pk)
        level_counts = counts[(scope.period.pk, goal.pk)]
        tile = GoalTile(goal, status, explanation, level_counts[Levels.FACTOR], level_counts[Levels.MEASURE])
        if scope.against:
            tile.before = status_of(scope.against, goal.pk)[0]
            tile.trend = rules.trend(tile.status, tile.before)
            before = counts[(scope.against.pk, goal.pk)]
            tile.before_factors, tile.before_measures = before[Levels.FACTOR], before[Levels.MEASURE]
        groups.setdefault(name, PerspectiveGroup(name)).tiles.append(tile)
    return list(groups.values())


# --- what needs attention --------------------------------------------------------------------


@dataclass
class Attention:
    """A manager's list: red items, measures without a recent value, assignments past
    their end date, each capped with the total count."""

    red: list = field(default_factory=list)
    red_total: int = 0
    stale: list = field(default_factory=list)
    stale_total: int = 0
    overdue: list = field(default_factory=list)
    overdue_total: int = 0
    owed: list = field(default_factory=list)  # what the apps say is past due (regionplan.registry)

    @property
    def empty(self) -> bool:
        return not (self.red_total or self.stale_total or self.overdue_total or self.owed)


def attention(scope: Scope, today: datetime.date) -> Attention:
    """Red items of the period, stale measures and overdue assignments in the subtree (five queries)."""
    result = Attention()
    year, as_of = scope.year, min(today, scope.period.end)
    red = list(
        Assessment.objects.filter(scope.rows(), period=scope.period, status=Status.RED)
        .select_related("item", "unit")
        .annotate(total=Window(Count("pk")))
        .order_by("unit__path", "item__path")[:ATTENTION_SHOWN]
    )
    result.red, result.red_total = red, red[0].total if red else 0
    # Stale: every measure line followed in the subtree this year, against its latest value.
    lines = list(
        PlanItem.objects.filter(
            scope.rows("plan__unit__"), level=Levels.MEASURE, year=year, finished=False
        ).values_list("pk", "plan__unit_id", "frequency", "code", "name", "plan__unit__name")
    )
    lines += list(
        MeasureAdoption.objects.filter(scope.rows(), measure__year=year, measure__finished=False).values_list(
            "measure_id", "unit_id", "measure__frequency", "measure__code", "measure__name", "unit__name"
        )
    )
    year_periods = [p.pk for p in scope.periods if p.start.year == year and p.end <= as_of]
    latest = {
        (m, u): end
        for m, u, end in MeasureValue.objects.filter(scope.rows(), period__in=year_periods, measure__year=year)
        .values("measure_id", "unit_id")
        .annotate(end=Max("period__end"))
        .order_by()
        .values_list("measure_id", "unit_id", "end")
    }
    since = datetime.date(year, 1, 1)
    stale = [line for line in lines if is_stale(line[2], latest.get((line[0], line[1])), since, as_of)]
    stale.sort(key=lambda line: (line[5], line[3]))
    result.stale = [
        {"measure_id": m, "unit_id": u, "code": code, "name": name, "unit": unit_name, "last": latest.get((m, u))}
        for m, u, _f, code, name, unit_name in stale[:ATTENTION_SHOWN]
    ]
    result.stale_total = len(stale)
    overdue = list(
        PlanItem.objects.filter(
            scope.rows("plan__unit__"), level=Levels.ASSIGNMENT, year=year, finished=False, end_date__lt=as_of
        )
        .exclude(Exists(Assessment.objects.filter(item=OuterRef("pk"), finished=True)))
        .select_related("plan__unit")
        .annotate(total=Window(Count("pk")))
        .order_by("end_date", "path")[:ATTENTION_SHOWN]
    )
    result.overdue, result.overdue_total = overdue, overdue[0].total if overdue else 0
    result.owed = [
        thing for thing in registry.owed(scope.period, scope.rows(""), today) if thing.overdue and not thing.done
    ]
    return result
