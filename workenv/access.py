"""Who may do what in SAM, as plain functions of the loaded roles (request.roles), so that
every part of workenv asks the same question the same way.

- Reading a unit's SAM (year, rounds, assessments, action plan, incidents): VIEW on the unit
  (readers, the safety representative, managers and controllers above it).
- Keeping it (performing rounds, assessing risks, keeping the action plan, investigating):
  REPORT on the unit (its manager and the controllers above it).
"""

from __future__ import annotations

from regionplan.permissions import Action, has_permission, units_q


def may_keep(roles, unit) -> bool:
    """Whether the roles may change the unit's SAM records (REPORT on the unit)."""
    return has_permission(roles, Action.REPORT, unit)


def may_read(roles, unit) -> bool:
    """Whether the roles may read the unit's SAM records (VIEW on the unit)."""
    return has_permission(roles, Action.VIEW, unit)


def readable_q(roles, prefix: str = "unit__"):
    """A Q narrowing rows with a unit (via `prefix`) to those the roles may read."""
    return units_q(roles, Action.VIEW, prefix=prefix)


def keepable_q(roles, prefix: str = "unit__"):
    """A Q narrowing rows with a unit (via `prefix`) to those the roles may keep."""
    return units_q(roles, Action.REPORT, prefix=prefix)
