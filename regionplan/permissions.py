"""The one permission helper. Views ask it; no view decides permissions on its own.

A user's power in a region is the union of their RoleAssignments there. Each role
grants a set of actions on its unit, and on the units below it when the assignment
includes the subtree. The assignments are loaded once per request by the region
middleware (`request.roles`), so checks cost no queries.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery

from regionplan.models import Member, OrgUnit, Role, RoleAssignment
from regionplan.tenancy import restrict_with


class Action(StrEnum):
    VIEW = "view"  # read plans, follow-up and the organisation
    REPORT = "report"  # enter assessments, comments and values
    PLAN = "plan"  # edit plans, write reports, chase managers
    AUDIT = "audit"  # read the audit trail
    ADMINISTER = "administer"  # the organisation tree, users and roles, the calendar


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMINISTRATOR: frozenset(Action),
    Role.CONTROLLER: frozenset({Action.VIEW, Action.REPORT, Action.PLAN, Action.AUDIT}),
    Role.MANAGER: frozenset({Action.VIEW, Action.REPORT}),
    Role.READER: frozenset({Action.VIEW}),
    Role.SAFETY_REP: frozenset({Action.VIEW}),
}

# Pass as `unit` to require an action over the whole region (a role on a root unit with
# its subtree), e.g. for the calendar, which belongs to no single unit.
WHOLE_REGION = object()


def _grants(assignment, action: Action) -> bool:
    return action in ROLE_ACTIONS.get(assignment.role, frozenset())


def _covers(assignment, unit: OrgUnit) -> bool:
    if assignment.unit_id == unit.pk:
        return True
    return assignment.include_subtree and unit.path.startswith(assignment.unit.path)


def has_permission(roles, action: Action, unit=None) -> bool:
    """Whether the loaded role assignments allow `action`.

    `unit=None`: anywhere in the region; a unit: on that unit; `WHOLE_REGION`: on every unit.
    """
    relevant = [a for a in roles if _grants(a, action)]
    if unit is None:
        return bool(relevant)
    if unit is WHOLE_REGION:
        return any(a.include_subtree and a.unit.parent_id is None for a in relevant)
    return any(_covers(a, unit) for a in relevant)


def covers_subtree(roles, action: Action, unit: OrgUnit) -> bool:
    """Whether the roles allow `action` on the unit *and everything below it*.

    Needed for what reaches down the tree: closing a unit with its descendants, or
    granting a role that includes the subtree.
    """
    return any(_grants(a, action) and a.include_subtree and unit.path.startswith(a.unit.path) for a in roles)


def require_subtree(request, action: Action, unit: OrgUnit) -> None:
    """Raise PermissionDenied unless the user may do `action` on the unit and all below it."""
    if not covers_subtree(getattr(request, "roles", ()), action, unit):
        raise PermissionDenied


def require(request, action: Action, unit=None) -> None:
    """Raise PermissionDenied (403) unless the request's user may do `action`."""
    if not has_permission(getattr(request, "roles", ()), action, unit):
        raise PermissionDenied


def units_q(roles, action: Action, prefix: str = "") -> Q:
    """A Q that narrows OrgUnits (or rows with a unit, via `prefix`) to the user's scope."""
    q = Q(pk__in=[])
    for a in roles:
        if not _grants(a, action):
            continue
        if a.include_subtree:
            q |= Q(**{f"{prefix}path__startswith": a.unit.path})
        else:
            q |= Q(**{f"{prefix}pk": a.unit_id})
    return q


def _restriction(model, roles, action: Action) -> Q:
    """What TenantQuerySet.restrict() keeps: rows whose unit (by the model's scope_path) the
    roles allow the action on; for a region-wide model, all rows or none."""
    if model.scope_path is None:
        return Q() if has_permission(roles, action, WHOLE_REGION) else Q(pk__in=[])
    return units_q(roles, action, prefix=model.scope_path)


restrict_with(_restriction)


def units_in_scope(roles, action: Action):
    """The OrgUnits on which the user may do `action` (one query when evaluated)."""
    return OrgUnit.objects.filter(units_q(roles, action))


def can(request, action: Action, unit=None) -> bool:
    """Template-friendly form of has_permission for the current request."""
    return has_permission(getattr(request, "roles", ()), action, unit)


# --- Who holds which role -------------------------------------------------------------------


def roles_of(user) -> list:
    """The user's role assignments in the current region with their units, and the region's
    name for the user on each (`member_name`): one query. What the region middleware loads
    for a request, and what any other way in (an API token) loads the same way."""
    name = Member.objects.filter(user=OuterRef("user_id")).values("full_name")[:1]
    return list(RoleAssignment.objects.filter(user=user).select_related("unit").annotate(member_name=Subquery(name)))


def holdings(roles) -> list:
    """Every assignment of these roles in the current region, with user and unit: one query."""
    return list(RoleAssignment.objects.filter(role__in=list(roles)).select_related("user", "unit").order_by("pk"))


def holders_by_unit(units, roles, active_only: bool = True) -> dict[int, list]:
    """Who holds one of `roles` on each unit (on it, or above it with the subtree), each
    person once per unit, in the order the roles were given: one query."""
    assignments = [a for a in holdings(roles) if a.user.is_active or not active_only]
    result: dict[int, list] = {}
    for unit in units:
        people = result.setdefault(unit.pk, [])
        for a in assignments:
            if (
                a.unit_id == unit.pk or (a.include_subtree and unit.path.startswith(a.unit.path))
            ) and a.user not in people:
                people.append(a.user)
    return result


def holders_by_person(roles, active_only: bool = True) -> dict:
    """Each active person holding one of `roles`, with those assignments: one query."""
    result: dict = {}
    for a in holdings(roles):
        if a.user.is_active or not active_only:
            result.setdefault(a.user, []).append(a)
    return result
