"""What every dashboard page is about: a unit's subtree, a period and the period compared
with, who may see what, and counting colours."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Exists,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import StrIndex, Substr

from followup.models import Assessment, FollowupSettings
from regionplan.models import OrgUnit, Period
from regionplan.permissions import Action, covers_subtree, has_permission
from regionplan.status import RollUp, Status, roll_up_counts
from reports import rules
from reports.models import ReaderSettings, Report

# The strategic goal of an assessed item is the first id of the item's path: '/12/40/41/' → '/12/'.
GOAL_PATH = Substr("item__path", 1, StrIndex(Substr("item__path", 2), Value("/")) + 1)

MEASURES_PER_PAGE = 10
UNITS_PER_PAGE = 25
COMPARE_PER_PAGE = 40
UNITS_NAMED = 5  # red and yellow units named per measure on the drill-down
ATTENTION_SHOWN = 15


# --- counting ------------------------------------------------------------------------------


@dataclass
class Counts:
    """How many assessments have each colour (and how many red ones are critical)."""

    green: int = 0
    yellow: int = 0
    red: int = 0
    none: int = 0
    critical_red: int = 0

    def add(self, status: str, n: int, critical: bool = False) -> None:
        key = {Status.GREEN: "green", Status.YELLOW: "yellow", Status.RED: "red"}.get(status, "none")
        setattr(self, key, getattr(self, key) + n)
        if key == "red" and critical:
            self.critical_red += n

    def merged(self, other: Counts) -> Counts:
        return Counts(
            self.green + other.green,
            self.yellow + other.yellow,
            self.red + other.red,
            self.none + other.none,
            self.critical_red + other.critical_red,
        )

    @property
    def assessed(self) -> int:
        return self.green + self.yellow + self.red

    @property
    def total(self) -> int:
        return self.assessed + self.none

    def rolled(self, rule: str) -> RollUp:
        return roll_up_counts(
            {
                Status.GREEN: self.green,
                Status.YELLOW: self.yellow,
                Status.RED: self.red,
                Status.NOT_ASSESSED: self.none,
            },
            self.critical_red,
            rule,
        )


def _in_subtree(unit: OrgUnit, prefix: str = "unit__") -> Q:
    """Rows of the unit and everything under it (no condition at all for the root)."""
    return Q() if unit.parent_id is None else Q(**{f"{prefix}path__startswith": unit.path})


# --- periods and scope ---------------------------------------------------------------------


def main_kind(region) -> str:
    kinds = list(region.period_kinds)
    return "tertial" if "tertial" in kinds else "year" if "year" in kinds else "month"


def load_periods() -> list[Period]:
    """The region's periods, each marked `assessed` when it has any assessment (one query;
    the EXISTS probes use the (region, period, unit) index)."""
    return list(
        Period.objects.annotate(assessed=Exists(Assessment.objects.filter(period=OuterRef("pk")))).order_by(
            "start", "end", "kind"
        )
    )


def default_period(periods: list[Period], region, today: datetime.date, reader: bool = False) -> Period | None:
    """The period a dashboard opens on. For a reader (no REPORT right on the unit): the
    latest finished period (rules.reader_period). Otherwise, and for a reader before any
    period is finished: the latest period of the region's main kind (tertial) with
    assessments; without any, the one running now (tertials all begin on 1 January: the
    first that has not ended), else the latest."""
    kind = main_kind(region)
    if reader and (finished := rules.reader_period(periods, kind, today)) is not None:
        return finished
    candidates = [p for p in periods if p.kind == kind]
    assessed = [p for p in candidates if p.assessed]
    if assessed:
        return max(assessed, key=lambda p: p.end)
    running = [p for p in candidates if p.start <= today <= p.end]
    if running:
        return min(running, key=lambda p: p.end)
    return max(candidates, key=lambda p: p.end) if candidates else None


def period_choices(periods: list[Period], chosen: Period) -> list[tuple[int, list[Period]]]:
    """The period list of the dashboards: the periods with assessments (and the chosen one,
    so the list shows what the page shows), grouped by year, the latest year first; within a
    year the tertials and the year before the months, each in calendar order."""
    shown = [p for p in periods if p.assessed or p.pk == chosen.pk]
    years = sorted({p.start.year for p in shown}, reverse=True)
    return [
        (year, sorted((p for p in shown if p.start.year == year), key=lambda p: (p.kind == "month", p.end, p.start)))
        for year in years
    ]


@dataclass
class Scope:
    """What every dashboard page is about: a unit's subtree, a period, and the period the
    trend compares with (the previous one, or the same period last year in compare mode)."""

    unit: OrgUnit
    period: Period
    periods: list[Period]
    compare: bool
    against: Period | None
    settings: FollowupSettings | None = None  # the region's roll-up rule; set by the view
    whole_subtree: bool = True  # False: the user's role is on the unit alone, so only its own rows count

    def rows(self, prefix: str = "unit__") -> Q:
        """A Q for rows of the scope: the unit and everything under it (no condition at all
        for the root), or the unit alone when the user may not see below it."""
        if not self.whole_subtree:
            return Q(**{f"{prefix}pk": self.unit.pk})
        return _in_subtree(self.unit, prefix)

    def covers(self, unit: OrgUnit) -> bool:
        return unit.path.startswith(self.unit.path) if self.whole_subtree else unit.pk == self.unit.pk

    @property
    def rule(self) -> str:
        return (self.settings or FollowupSettings.current()).rollup_rule

    @property
    def year(self) -> int:
        return self.period.start.year

    def periods_of(self, years, kinds) -> list[Period]:
        return [p for p in self.periods if p.start.year in years and p.kind in kinds and p.end <= self.period.end]


def top_unit(roles) -> OrgUnit:
    """The highest unit the roles may view: a politician's region, a manager's division."""
    viewing = [a for a in roles if has_permission([a], Action.VIEW)]
    if not viewing:
        raise PermissionDenied
    return min(viewing, key=lambda a: (a.unit.depth, a.unit.path)).unit


def comment_policy(roles, scope: Scope):
    """Whether a unit's comments may be shown to these roles (see the module docstring).
    Costs two queries (the region's choice, the approved reports), and only for roles that
    do not report for the whole subtree."""
    if covers_subtree(roles, Action.REPORT, scope.unit) or ReaderSettings.current().readers_see_drafts:
        return lambda unit: True
    approved = list(
        Report.objects.filter(period=scope.period, state=Report.APPROVED).values_list("unit__path", flat=True)
    )

    def visible(unit) -> bool:
        return has_permission(roles, Action.REPORT, unit) or any(unit.path.startswith(p) for p in approved)

    return visible


def make_scope(unit: OrgUnit, period: Period, periods: list[Period], compare: bool) -> Scope:
    against = rules.same_period_previous_year(period, periods) if compare else rules.previous_period(period, periods)
    return Scope(unit, period, periods, compare, against)
