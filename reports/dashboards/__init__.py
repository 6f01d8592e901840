"""Dashboards: how the goals are going, where it is red, and why.

Read-only views over goals, follow-up and values, for a unit's subtree and a period.
Every page loads in a fixed number of queries whatever the size of the region: the
counts per colour are SQL aggregates grouped by the strategic goal (read off the item's
materialised path) or by item, lists are sorted and paged in SQL (window functions), and
only the rows a page shows are fetched. The builders return plain dataclasses that the
screen, the print stylesheet and the one-page PDF all render.

The package: `scope` (the unit, period and comparison every page shares, and who sees
which comments), `home` (the region dashboard and the attention list) and `measures`
(drill-down, measure page, units compared). Its pages are `views`, its URLs `urls`.
"""

from reports.dashboards.drill import GoalDrill, ItemLine, NamedUnit, goal_drill, measures_in_scope
from reports.dashboards.home import Attention, GoalTile, PerspectiveGroup, attention, overview
from reports.dashboards.measures import (
    ChartView,
    Compared,
    Comparison,
    Follow,
    Follower,
    MeasurePage,
    chart_periods,
    chart_values,
    comparison,
    follows,
    measure_page,
    outcome,
    trend_chart,
)
from reports.dashboards.scope import (
    ATTENTION_SHOWN,
    COMPARE_PER_PAGE,
    MEASURES_PER_PAGE,
    UNITS_NAMED,
    UNITS_PER_PAGE,
    Counts,
    Scope,
    comment_policy,
    default_period,
    load_periods,
    main_kind,
    make_scope,
    period_choices,
    top_unit,
)

__all__ = [
    "ATTENTION_SHOWN",
    "Attention",
    "COMPARE_PER_PAGE",
    "Compared",
    "Comparison",
    "Counts",
    "Follow",
    "Follower",
    "GoalDrill",
    "GoalTile",
    "ItemLine",
    "MEASURES_PER_PAGE",
    "MeasurePage",
    "NamedUnit",
    "PerspectiveGroup",
    "Scope",
    "UNITS_NAMED",
    "UNITS_PER_PAGE",
    "ChartView",
    "attention",
    "overview",
    "chart_periods",
    "chart_values",
    "comment_policy",
    "comparison",
    "default_period",
    "follows",
    "goal_drill",
    "load_periods",
    "main_kind",
    "make_scope",
    "measure_page",
    "measures_in_scope",
    "period_choices",
    "outcome",
    "top_unit",
    "trend_chart",
]
