"""Operations on a region's organisation and users, shared by views and commands."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from regionplan.models import (
    STANDARD_UNIT_KINDS,
    Member,
    OrgUnit,
    OrgUnitKind,
    Period,
    Region,
    ReportingYear,
    RoleAssignment,
    User,
)
from regionplan.periods import default_deadline, periods_for_year
from regionplan.tenancy import region_scope


@dataclass
class TreeNode:
    """A unit with its loaded children, for rendering a tree from one query.

    `child_count` is the number of children in the database (annotated by the query), so
    a node whose children were not loaded can offer to load them.
    """

    unit: OrgUnit
    children: list[TreeNode] = field(default_factory=list)
    viewable: bool = True

    @property
    def child_count(self) -> int:
        return getattr(self.unit, "child_count", len(self.children))

    @property
    def children_not_loaded(self) -> bool:
        return self.child_count > 0 and not self.children


def build_tree(units, viewable=lambda unit: True) -> list[TreeNode]:
    """Nest units (one queryset, any order) into root nodes, siblings sorted by name.

    A unit whose parent is not among `units` becomes a root of the result.
    """
    nodes = {u.pk: TreeNode(u, viewable=viewable(u)) for u in units}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)

    def sort(level):
        level.sort(key=lambda n: (n.unit.name.lower(), n.unit.code))
        for n in level:
            sort(n.children)

    sort(roots)
    return roots


def active_q(on: datetime.date, prefix: str = "") -> Q:
    """A Q for units that exist on the given day."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def active_on(queryset, on: datetime.date):
    """Units that exist on the given day."""
    return queryset.filter(active_q(on))


# The tree shows the top of the organisation at once (region, nämnd, förvaltning or
# division); deeper levels load on demand, so a region of thousands of units stays fast.
TREE_OPEN_DEPTH = 2


def tree_units(on: datetime.date | None, max_depth: int | None = TREE_OPEN_DEPTH, parent: OrgUnit | None = None):
    """Units for the tree (one query): the top levels, or the children of `parent`.

    `on=None` includes closed units. Each unit carries `child_count`, counting children
    with the same filter.
    """
    units = OrgUnit.objects.select_related("kind")
    child_filter = Q()
    if on is not None:
        units = active_on(units, on)
        child_filter = active_q(on, prefix="children__")
    if parent is not None:
        units = units.filter(parent=parent)
    elif max_depth is not None:
        units = units.filter(depth__lte=max_depth)
    return units.annotate(child_count=Count("children", filter=child_filter))


@transaction.atomic
def close_unit(unit: OrgUnit, on: datetime.date) -> list[OrgUnit]:
    """Close the unit and its still-open descendants on `on` (their last valid day).

    Returns the units closed. Nothing is deleted: plans and values keep their units.
    """
    closed = []
    for u in unit.subtree().select_related("kind"):
        if u.valid_to is None or u.valid_to > on:
            u.valid_to = max(on, u.valid_from)
            u.save()
            closed.append(u)
    return closed


@transaction.atomic
def create_region(slug: str, name: str, period_kinds=None, years=None) -> Region:
    """A new region with the standard defaults: unit kinds, a tertial calendar for this and next year."""
    region = Region.objects.create(slug=slug, name=name, period_kinds=period_kinds or ["tertial"])
    this_year = timezone.localdate().year
    with region_scope(region):
        for order, kind in enumerate(STANDARD_UNIT_KINDS):
            OrgUnitKind.objects.create(name=kind, order=order)
        for year in years or (this_year, this_year + 1):
            ensure_year(region, year)
    return region


def ensure_year(region: Region, year: int) -> ReportingYear:
    """The region's year with its periods, created if missing (existing periods are kept)."""
    reporting_year, _ = ReportingYear.objects.get_or_create(year=year)
    existing = set(Period.objects.filter(year=reporting_year).values_list("code", flat=True))
    for spec in periods_for_year(year, region.period_kinds):
        if spec.code not in existing:
            Period.objects.create(
                year=reporting_year,
                kind=spec.kind,
                number=spec.number,
                code=spec.code,
                start=spec.start,
                end=spec.end,
                deadline=default_deadline(spec.end, region.deadline_days),
            )
    return reporting_year


@transaction.atomic
def grant_role(email: str, role: str, unit: OrgUnit, include_subtree: bool, full_name: str = "", password=None):
    """Give `email` the role on `unit` in the current region, creating the user if missing.
    `full_name` is the name this region gives the person (`Member`); an account that
    exists already keeps whatever other regions call it, and this region sees only its own.

    Returns (user, assignment, user_created, role_created).
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    user_created = user is None
    if user_created:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    elif password:
        user.set_password(password)
        user.save(update_fields=["password"])
    member, member_created = Member.objects.get_or_create(user=user, defaults={"full_name": full_name.strip()})
    if not member_created and full_name.strip() and member.full_name != full_name.strip():
        member.full_name = full_name.strip()
        member.save()
    assignment, role_created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"include_subtree": include_subtree}
    )
    if not role_created and assignment.include_subtree != include_subtree:
        assignment.include_subtree = include_subtree
        assignment.save()
    return user, assignment, user_created, role_created
