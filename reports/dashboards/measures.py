"""A measure's page and units compared: who follows a measure, its charts, worst first and
paged in SQL. A goal's drill-down is in drill.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from followup.models import Assessment, MeasureValue
from goals.models import MeasureAdoption, PlanItem
from goals.rules import format_target
from regionplan.models import OrgUnit, OrgUnitKind, Period
from regionplan.models.organisation import path_ids
from regionplan.status import Status
from regionplan.tables import NUMBER, Column, Table
from reports import charts, rules
from reports.dashboards.scope import (
    ATTENTION_SHOWN,
    COMPARE_PER_PAGE,
    UNITS_PER_PAGE,
    Counts,
    Scope,
)

# --- follows: who follows a measure inside the scope ----------------------------------------


@dataclass
class Follow:
    """Who follows a measure inside the scope: the unit its chart shows (the scope unit
    when it follows the measure, else the owner, else the first adopter in the subtree),
    that unit's target, and how many units in the subtree follow it."""

    measure: PlanItem
    unit: OrgUnit | None
    target: object
    followers: int


def follows(scope: Scope, measures: list[PlanItem]) -> dict[int, Follow]:
    """One query: the first adopter in the subtree per measure and the number of adopters."""
    ids = [m.pk for m in measures]
    first = {}
    if ids:
        adoptions = (
            MeasureAdoption.objects.filter(scope.rows(), measure_id__in=ids)
            .select_related("unit")
            .annotate(
                rank=Window(RowNumber(), partition_by=[F("measure_id")], order_by=[F("unit__path").asc()]),
                followers=Window(Count("pk"), partition_by=[F("measure_id")]),
            )
            .filter(rank=1)
        )
        first = {a.measure_id: a for a in adoptions}
    result = {}
    for measure in measures:
        owner = measure.plan.unit
        owner_in = scope.covers(owner)
        adoption = first.get(measure.pk)
        count = (adoption.followers if adoption else 0) + owner_in
        if owner_in and (owner.pk == scope.unit.pk or not (adoption and adoption.unit_id == scope.unit.pk)):
            result[measure.pk] = Follow(measure, owner, measure.target, count)
        elif adoption:
            adoption.measure = measure
            result[measure.pk] = Follow(measure, adoption.unit, adoption.effective_target(), count)
        else:
            result[measure.pk] = Follow(measure, None, measure.target, 0)
    return result


# --- charts --------------------------------------------------------------------------------


ChartView = charts.TrendBlock  # a measure's trend on a dashboard, with its table alternative


def chart_periods(scope: Scope, measure: PlanItem, values: dict) -> list[Period]:
    """The x axis: this year and last up to the period; months where the measure (or last
    year's, `copied_from`) has a value by month in `values` ({(measure id, sex, period id):
    value}), else tertials/years."""
    periods = scope.periods_of({scope.year, scope.year - 1}, ("month", "tertial", "year"))
    items = {measure.pk, measure.copied_from_id}
    months = {p.pk for p in periods if p.kind == "month"}
    monthly = any(item in items and period in months for item, _sex, period in values)
    return rules.trend_periods(periods, monthly)


def trend_chart(scope: Scope, follow: Follow, values: dict, small: bool = False) -> ChartView | None:
    """A measure's trend for the followed unit: one series per sex where the measure is split,
    the target as a dashed line. `values`: {(measure id, sex, period id): value} for this
    year's measure and last year's (`copied_from`), for the follow's unit."""
    measure = follow.measure
    periods = chart_periods(scope, measure, values)

    def value(sex, period):
        item = measure.pk if period.start.year == scope.year else measure.copied_from_id
        return values.get((item, sex, period.pk))

    title = f"{measure.name} – {follow.unit.name}"
    return charts.measure_trend(f"diagram-{measure.pk}", title, measure, follow.target, periods, value, str, small)


def chart_values(scope: Scope, follows_: list[Follow]) -> dict:
    """The values the charts of these follows need, in one query."""
    wanted = Q(pk__in=[])
    for follow in follows_:
        if follow.unit is not None:
            items = [follow.measure.pk] + ([follow.measure.copied_from_id] if follow.measure.copied_from_id else [])
            wanted |= Q(measure_id__in=items, unit_id=follow.unit.pk)
    periods = [p.pk for p in scope.periods_of({scope.year, scope.year - 1}, ("month", "tertial", "year"))]
    rows = MeasureValue.objects.filter(wanted, period__in=periods).values_list(
        "measure_id", "sex", "period_id", "value"
    )
    return {(m, sex, p): v for m, sex, p, v in rows}


def outcome(values: dict, measure_id: int, sex: str, scope: Scope) -> Decimal | None:
    """The outcome in the scope's period: its own value, or the latest month inside it."""
    by_period = {p: v for (m, s, p), v in values.items() if m == measure_id and s == sex}
    return rules.outcome_for(by_period, scope.period, scope.periods)


# --- a measure's page ----------------------------------------------------------------------


@dataclass
class Follower:
    """A unit in the subtree that follows the measure: its status, comment and outcome."""

    unit: OrgUnit
    status: str
    comment: str
    value: Decimal | None
    target: object
    own: bool  # the owner (else an adopter)
    target_text: str = ""


@dataclass
class MeasurePage:
    measure: PlanItem
    ancestors: list[PlanItem]
    follow: Follow
    chart: ChartView | None
    counts: Counts
    followers: list[Follower]
    page: int
    pages: int
    follower_total: int
    women: Decimal | None = None
    men: Decimal | None = None
    total: Decimal | None = None
    hidden_comments: bool = False
    target_text: str = ""


STATUS_ORDER = {Status.RED: 0, Status.YELLOW: 1, Status.GREEN: 2, Status.NOT_ASSESSED: 3}


def measure_page(scope: Scope, measure: PlanItem, page, comments_visible) -> MeasurePage:
    """The measure's chart for the followed unit and every follower in the subtree, worst
    first and paged (eight queries)."""
    ancestors = list(PlanItem.objects.filter(pk__in=path_ids(measure.path)[:-1]).order_by("depth"))
    follow = follows(scope, [measure])[measure.pk]
    values = chart_values(scope, [follow])
    chart = trend_chart(scope, follow, values) if follow.unit else None
    counts = Counts()
    for status, n in (
        Assessment.objects.filter(scope.rows(), period=scope.period, item=measure)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    ):
        counts.add(status, n)
    # Followers: the owner (when inside) and the adopters inside, sorted by status in SQL and paged.
    status_of = Assessment.objects.filter(item=measure, period=scope.period, unit=OuterRef("unit"))
    rank = Case(
        *[When(status=s, then=Value(n)) for s, n in STATUS_ORDER.items()], default=Value(3), output_field=IntegerField()
    )
    adopters = MeasureAdoption.objects.filter(scope.rows(), measure=measure).annotate(
        rank=Subquery(status_of.annotate(rank=rank).values("rank")[:1])
    )
    owner_in = scope.covers(measure.plan.unit)
    total = adopters.count() + owner_in
    page, pages, start, stop = rules.page_window(total, page, UNITS_PER_PAGE)
    rows = []
    if owner_in and start == 0:
        rows.append((measure.plan.unit, measure.target, True))
        stop -= 1
    else:
        start, stop = start - owner_in, stop - owner_in
    for a in adopters.select_related("unit").order_by(F("rank").asc(nulls_last=True), "unit__path")[start:stop]:
        a.measure = measure  # already loaded: the target falls back to it
        rows.append((a.unit, a.effective_target(), False))
    unit_ids = [unit.pk for unit, _t, _o in rows]
    assessments = {
        u: (s, c)
        for u, s, c in Assessment.objects.filter(item=measure, period=scope.period, unit_id__in=unit_ids).values_list(
            "unit_id", "status", "comment"
        )
    }
    inside = [p.pk for p in scope.periods if p.start >= scope.period.start and p.end <= scope.period.end]
    unit_values = defaultdict(dict)
    for u, p, v in MeasureValue.objects.filter(
        measure=measure, unit_id__in=unit_ids, period__in=inside, sex=MeasureValue.TOTAL
    ).values_list("unit_id", "period_id", "value"):
        unit_values[u][p] = v
    followers, hidden = [], False
    for unit, target, own in rows:
        status, comment = assessments.get(unit.pk, (Status.NOT_ASSESSED, ""))
        if comment and not comments_visible(unit):
            comment, hidden = "", True
        followers.append(
            Follower(
                unit,
                status,
                comment,
                rules.outcome_for(unit_values[unit.pk], scope.period, scope.periods),
                target,
                own,
                format_target(target, measure.measure_unit),
            )
        )
    result = MeasurePage(
        measure,
        ancestors,
        follow,
        chart,
        counts,
        followers,
        page,
        pages,
        total,
        hidden_comments=hidden,
        target_text=format_target(follow.target, measure.measure_unit),
    )
    if follow.unit:
        result.women = outcome(values, measure.pk, MeasureValue.WOMEN, scope)
        result.men = outcome(values, measure.pk, MeasureValue.MEN, scope)
        result.total = outcome(values, measure.pk, MeasureValue.TOTAL, scope)
    return result


# --- compare units -------------------------------------------------------------------------


@dataclass
class Compared:
    unit: OrgUnit
    value: Decimal
    status: str = Status.NOT_ASSESSED


@dataclass
class Comparison:
    measure: PlanItem
    kind: OrgUnitKind | None
    kinds: list[OrgUnitKind]
    rows: list[Compared]
    page: int
    pages: int
    with_value: int
    without_value: int
    missing: list[OrgUnit]
    chart_svg: str
    table: Table
    target_text: str = ""
    best_high: bool = True


def comparison(scope: Scope, measure: PlanItem, kind_id: int | None, page) -> Comparison:
    """All units of one kind (e.g. every division) in the subtree, ranked in SQL by their own
    value of the measure in the period, best first, paged, with the target line (five queries)."""
    kinds = list(
        OrgUnitKind.objects.filter(Exists(OrgUnit.objects.filter(scope.rows(""), kind=OuterRef("pk")))).order_by(
            "order", "name"
        )
    )
    kind = next((k for k in kinds if k.pk == kind_id), None)
    if kind is None:
        kind = next((k for k in kinds if k.pk == measure.plan.unit.kind_id), kinds[0] if kinds else None)
    units = OrgUnit.objects.filter(scope.rows(""), kind=kind, valid_to__isnull=True)
    inside = [p.pk for p in scope.periods if p.start >= scope.period.start and p.end <= scope.period.end]
    # A unit's outcome as rules.outcome_for reads it: the period's own value, else the latest
    # period inside it (a month before a tertial ending the same day).
    own_first = Case(When(period_id=scope.period.pk, then=Value(0)), default=Value(1), output_field=IntegerField())
    month_first = Case(When(period__kind="month", then=Value(0)), default=Value(1), output_field=IntegerField())
    outcomes = (
        MeasureValue.objects.filter(measure=measure, sex=MeasureValue.TOTAL, period__in=inside, unit__in=units)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("unit_id")],
                order_by=[own_first.asc(), F("period__end").desc(), month_first.asc()],
            )
        )
        .filter(rank=1)
    )
    with_value = outcomes.count()
    page, pages, start, stop = rules.page_window(with_value, page, COMPARE_PER_PAGE)
    order = F("value").desc() if rules.best_first(measure.direction) else F("value").asc()
    rows = [
        Compared(v.unit, v.value) for v in outcomes.select_related("unit").order_by(order, "unit__name")[start:stop]
    ]
    statuses = dict(
        Assessment.objects.filter(item=measure, period=scope.period, unit_id__in=[r.unit.pk for r in rows]).values_list(
            "unit_id", "status"
        )
    )
    for row in rows:
        row.status = statuses.get(row.unit.pk, Status.NOT_ASSESSED)
    lacking = units.exclude(
        Exists(
            MeasureValue.objects.filter(measure=measure, unit=OuterRef("pk"), period__in=inside, sex=MeasureValue.TOTAL)
        )
    )
    missing = list(lacking.annotate(total=Window(Count("pk"))).order_by("name")[:ATTENTION_SHOWN])
    target = measure.target.value if measure.target and measure.target.value is not None else None
    label = _("Mål %(target)s") % {"target": format_target(measure.target, measure.measure_unit)}
    title = _("%(measure)s per %(kind)s, %(period)s") % {
        "measure": measure.name,
        "kind": kind.name.lower() if kind else "",
        "period": scope.period,
    }
    svg = charts.bar_svg(title, [(r.unit.name, r.value) for r in rows], target, label, measure.measure_unit)
    table = Table(
        f"jamforelse-{measure.pk}",
        title,
        [Column(_("Plats"), NUMBER), Column(_("Enhet")), Column(_("Utfall"), NUMBER), Column(_("Bedömning"), "status")],
    )
    table.rows = [[start + i + 1, r.unit.name, r.value, r.status] for i, r in enumerate(rows)]
    return Comparison(
        measure,
        kind,
        kinds,
        rows,
        page,
        pages,
        with_value,
        missing[0].total if missing else 0,
        missing,
        svg,
        table,
        format_target(measure.target, measure.measure_unit),
        rules.best_first(measure.direction),
    )
