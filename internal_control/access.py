"""Who may do what in internal control, as plain functions of the loaded roles, and the
querysets every page starts from (so that the rule is written once).

- Reading an analysis: VIEW on its unit; a reader (no REPORT there) sees only adopted or
  closed analyses, as readers see only adopted plans.
- Keeping a draft's risks, valuations and controls: REPORT on the unit (its manager and
  the controllers above it).
- Adopting, closing, reopening, copying to next year and the region's matrix: PLAN
  (controllers); the matrix over the whole region.
- A control's result and its actions: REPORT on the control's unit.
"""

from __future__ import annotations

from django.db.models import Q

from internal_control.models import RiskAnalysis
from regionplan.permissions import Action, has_permission, units_q


def may_read_drafts(roles, unit) -> bool:
    return has_permission(roles, Action.REPORT, unit)


def may_keep(roles, analysis) -> bool:
    """Risks, valuations and controls change in a draft, by those who report for the unit."""
    return not analysis.locked and has_permission(roles, Action.REPORT, analysis.unit)


def may_adopt(roles, unit) -> bool:
    return has_permission(roles, Action.PLAN, unit)


def readable_analyses(roles):
    """The analyses the roles may read: those with REPORT on the unit see every state;
    those who only read see adopted and closed ones (one queryset, no per-row checks)."""
    drafts_ok = units_q(roles, Action.REPORT, prefix="unit__")
    adopted = units_q(roles, Action.VIEW, prefix="unit__") & ~Q(state=RiskAnalysis.DRAFT)
    return RiskAnalysis.objects.filter(drafts_ok | adopted)
