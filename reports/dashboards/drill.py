"""A goal's drill-down: its success factors, measures and units in the scope, worst first and
paged in SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber, StrIndex, Substr
from django.utils.translation import gettext as _

from followup.models import Assessment, MeasureValue
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels, format_target
from regionplan.models import OrgUnit, Period
from regionplan.models.organisation import path_ids
from regionplan.status import Status
from reports import rules
from reports.dashboards.measures import ChartView, Follow, chart_values, follows, outcome, trend_chart
from reports.dashboards.scope import (
    MEASURES_PER_PAGE,
    UNITS_NAMED,
    Counts,
    Scope,
)


@dataclass
class NamedUnit:
    """A unit's assessment of an item: shown as "which units are red, and why"."""

    unit: OrgUnit
    status: str
    comment: str


@dataclass
class ItemLine:
    """A success factor or measure on the drill-down, with its colours across the subtree."""

    item: PlanItem
    counts: Counts
    status: str = Status.NOT_ASSESSED
    explanation: str = ""
    before: Counts | None = None
    named: list[NamedUnit] = field(default_factory=list)
    follow: Follow | None = None
    chart: ChartView | None = None
    value: Decimal | None = None
    target_text: str = ""
    measures: Counts | None = None  # a factor's: the measures under it


@dataclass
class GoalDrill:
    """A goal's drill-down: its status (the scope unit's own assessment, or rolled up) with
    the unit's comment on the goal, and the success factors and measures under it."""

    goal: PlanItem
    status: str
    explanation: str
    factors: list[ItemLine]
    measures: list[ItemLine]
    factor: PlanItem | None
    page: int
    pages: int
    measure_total: int
    hidden_comments: bool = False
    comment: str = ""  # the scope unit's own analysis of the goal, when readers may see it


def _item_counts(scope: Scope, period: Period, items: list[int]) -> dict[int, Counts]:
    """Counts per colour per item (of these ids) in the subtree for a period (one query)."""
    result = defaultdict(Counts)
    if not items:
        return result
    rows = (
        Assessment.objects.filter(scope.rows(), period=period, item_id__in=items)
        .values("item_id", "status", "item__critical")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        result[row["item_id"]].add(row["status"], row["n"], row["item__critical"])
    return result


def _factor_counts(scope: Scope, period: Period, goal_path: str) -> dict[tuple[str, str], Counts]:
    """Counts per colour under a goal, grouped in SQL by success factor (the first two ids
    of the assessed item's path: a factor sits right under its goal) and by the level of
    the assessed item: {(factor path, "factor" | "measure"): Counts} (one query). A measure
    right under the goal is grouped under its own path."""
    size = len(goal_path)
    factor_path = Substr("item__path", 1, Value(size) + StrIndex(Substr("item__path", size + 1), Value("/")))
    rows = (
        Assessment.objects.filter(
            scope.rows(),
            period=period,
            item__path__startswith=goal_path,
            item__level__in=[Levels.FACTOR, Levels.MEASURE],
            item__finished=False,
        )
        .annotate(factor_path=factor_path)
        .values("factor_path", "item__level", "status", "item__critical")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = defaultdict(Counts)
    for row in rows:
        result[(row["factor_path"], row["item__level"])].add(row["status"], row["n"], row["item__critical"])
    return result


# Sorting measures worst first in SQL: one number per measure from its colours in the
# period, red counting most (room for a million units per colour).
_WORST_SCORE = Sum(
    Case(
        When(status=Status.RED, then=Value(10**12)),
        When(status=Status.YELLOW, then=Value(10**6)),
        When(status=Status.GREEN, then=Value(1)),
        default=Value(0),
        output_field=BigIntegerField(),
    )
)


def _named_units(scope: Scope, items: list[int]) -> dict[int, list[NamedUnit]]:
    """The red and yellow units of each item, red first, at most UNITS_NAMED each (one query)."""
    named = defaultdict(list)
    if not items:
        return named
    ranked = (
        Assessment.objects.filter(
            scope.rows(), period=scope.period, item_id__in=items, status__in=[Status.RED, Status.YELLOW]
        )
        .select_related("unit")
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("item_id")], order_by=[F("status").asc(), F("unit__path").asc()])
        )
        .filter(rank__lte=UNITS_NAMED)
    )
    # "red" < "yellow" as text, so red comes first.
    for a in ranked:
        named[a.item_id].append(NamedUnit(a.unit, a.status, a.comment))
    return named


def measures_in_scope(scope: Scope, path: str):
    """This year's measures under `path` that the subtree follows (owned or adopted there)."""
    query = PlanItem.objects.filter(path__startswith=path, level=Levels.MEASURE, year=scope.year)
    if scope.unit.parent_id is not None or not scope.whole_subtree:
        query = query.filter(
            scope.rows("plan__unit__") | Exists(MeasureAdoption.objects.filter(scope.rows(), measure=OuterRef("pk")))
        )
    return query


def goal_drill(scope: Scope, goal: PlanItem, factor_id: int | None, page, comments_visible) -> GoalDrill:
    """Success factors and measures under a goal across the subtree. Counts come from SQL
    aggregates, the measures are sorted worst first and paged in SQL, and only the page's
    measures are loaded (twelve queries whatever the size)."""
    factors = PlanItem.objects.filter(path__startswith=goal.path, level=Levels.FACTOR, year=scope.year)
    if (
        scope.unit.parent_id is not None or not scope.whole_subtree
    ):  # the red thread: factors owned above, by it or below
        factors = factors.filter(Q(plan__unit_id__in=path_ids(scope.unit.path)) | scope.rows("plan__unit__"))
    factors = list(factors.select_related("plan__unit").order_by("path"))
    now = _factor_counts(scope, scope.period, goal.path)
    before, other_year = {}, scope.against is not None and scope.against.start.year != scope.year
    if scope.against and (goal.copied_from_id or not other_year):
        before = _factor_counts(scope, scope.against, f"/{goal.copied_from_id}/" if other_year else goal.path)

    def before_path(f):  # the same factor in the compared period (last year's through copied_from)
        return f"/{goal.copied_from_id}/{f.copied_from_id}/" if other_year else f.path

    factor = next((f for f in factors if f.pk == factor_id), None)
    # A person's assessment of a factor wins over the roll-up: the scope unit's own, else the owner's (inside the scope).
    assessed = {
        (item, unit): status
        for item, unit, status in Assessment.objects.filter(
            Q(unit=scope.unit) | Q(unit=F("item__plan__unit")), period=scope.period, item__in=[f.pk for f in factors]
        )
        .exclude(status=Status.NOT_ASSESSED)
        .values_list("item_id", "unit_id", "status")
    }
    factor_lines = []
    for f in factors:
        below = now.get((f.path, Levels.MEASURE), Counts())
        owner = f.plan.unit
        by = (
            scope.unit
            if (f.pk, scope.unit.pk) in assessed
            else (owner if (f.pk, owner.pk) in assessed and scope.covers(owner) else None)
        )
        if by is not None:
            status, explanation = assessed[(f.pk, by.pk)], _("Bedömt av %(unit)s") % {"unit": by.name}
        else:
            rolled = below.rolled(scope.rule)
            status = rolled.status
            explanation = _("Sammanvägt: %(counts)s") % {"counts": rolled.explanation()} if rolled.total else ""
        line = ItemLine(f, now.get((f.path, Levels.FACTOR), Counts()), status, explanation)
        line.measures = below
        if scope.against and (f.copied_from_id or not other_year):
            line.before = before.get((before_path(f), Levels.MEASURE), Counts())
        factor_lines.append(line)
    # The measures, worst first: sorted and paged in the database.
    measures = measures_in_scope(scope, factor.path if factor else goal.path)
    total_measures = measures.count()
    page, pages, start, stop = rules.page_window(total_measures, page, MEASURES_PER_PAGE)
    score = Subquery(
        Assessment.objects.filter(scope.rows(), item=OuterRef("pk"), period=scope.period)
        .values("item")
        .annotate(score=_WORST_SCORE)
        .values("score")[:1],
        output_field=BigIntegerField(),
    )
    on_page = list(
        measures.select_related("plan__unit")
        .annotate(score=score)
        .order_by(F("score").desc(nulls_last=True), "path")[start:stop]
    )
    counts = _item_counts(scope, scope.period, [m.pk for m in on_page])
    earlier = {}
    if scope.against:
        keys = {(m.copied_from_id if other_year else m.pk): m.pk for m in on_page}
        keys.pop(None, None)
        earlier = {keys[k]: v for k, v in _item_counts(scope, scope.against, list(keys)).items()}
    named = _named_units(scope, [m.pk for m in on_page] + [f.pk for f in factors])
    follow = follows(scope, on_page)
    values = chart_values(scope, list(follow.values()))
    lines = []
    for m in on_page:
        mine = counts.get(m.pk, Counts())
        line = ItemLine(
            m,
            mine,
            mine.rolled(scope.rule).status,
            follow=follow[m.pk],
            before=earlier.get(m.pk, Counts()) if scope.against else None,
        )
        line.named = named.get(m.pk, [])
        line.target_text = format_target(follow[m.pk].target, m.measure_unit)
        if follow[m.pk].unit is not None:
            line.chart = trend_chart(scope, follow[m.pk], values, small=True)
            line.value = outcome(values, m.pk, MeasureValue.TOTAL, scope)
        lines.append(line)
    hidden = False
    for line in factor_lines:
        line.named = named.get(line.item.pk, [])
    for line in lines + factor_lines:
        for n in line.named:
            if not comments_visible(n.unit):
                n.comment, hidden = "", hidden or bool(n.comment)
    own, comment = (
        Assessment.objects.filter(unit=scope.unit, period=scope.period, item=goal)
        .values_list("status", "comment")
        .first()
    ) or (None, "")
    # The unit's own analysis of the goal: the politicians' "why", under the same rule as every comment.
    if comment and not comments_visible(scope.unit):
        comment, hidden = "", True
    if own and own != Status.NOT_ASSESSED:
        status, explanation = own, _("Bedömt av %(unit)s") % {"unit": scope.unit.name}
    else:
        total = Counts()
        for c in now.values():
            total = total.merged(c)
        rolled = total.rolled(scope.rule)
        status = rolled.status
        explanation = _("Sammanvägt: %(counts)s") % {"counts": rolled.explanation()} if rolled.total else ""
    return GoalDrill(
        goal, status, explanation, factor_lines, lines, factor, page, pages, total_measures, hidden, comment.strip()
    )
