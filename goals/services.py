"""Reading a unit's plan as a tree, and the operations on it.

Views call these; so do the import, the demo seed and the tests. Every function runs in
the current region scope and raises ValidationError with a Swedish message when a rule
says no, leaving the data as it was.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from goals.models import MeasureAdoption, Perspective, Plan, PlanItem, PlanSettings
from goals.rules import ALLOWED_PARENTS, Levels, Target, child_levels, placement_errors
from regionplan.models import OrgUnit
from regionplan.models.organisation import path_ids
from regionplan.orgtree import ensure_year
from regionplan.permissions import Action

CODE_PREFIXES = {
    Levels.GOAL: "MAL",
    Levels.FACTOR: "FF",
    Levels.MEASURE: "MATT",
    Levels.ACTIVITY: "AKT",
    Levels.ASSIGNMENT: "UPP",
}


# --- reading ----------------------------------------------------------------------------


@dataclass
class Node:
    """An item as the plan page shows it, with its children and what may be done to it."""

    item: PlanItem
    own: bool  # owned by the unit whose plan is shown
    children: list[Node] = field(default_factory=list)
    adopted_by: list[MeasureAdoption] = field(default_factory=list)
    editable: bool = False
    addable: list[tuple[str, str]] = field(default_factory=list)  # (level, its name) that may be added under it here
    label: str = ""  # the region's name for its level
    auditable: bool = False  # the viewer may read its history
    serves: PlanItem | None = None  # for an assignment: the goal it serves

    @property
    def level(self):
        return self.item.level


@dataclass
class PlanView:
    """A unit's plan for a year, with everything it inherits from the units above."""

    unit: OrgUnit
    year: int
    plan: Plan | None
    settings: PlanSettings
    sections: list[tuple[Perspective | None, list[Node]]]  # goals grouped by perspective
    assignments: list[Node]
    unplaced: list[Node]  # items whose parent is not visible from this unit (after a reorganisation)
    owners: list[OrgUnit]  # the unit and those above it, top first
    may_plan: bool
    addable_top: list[str]  # levels that may be added at the top (goal, assignment)
    include_below: bool = False

    def nodes(self):
        """Every node, depth first."""

        def walk(nodes):
            for node in nodes:
                yield node
                yield from walk(node.children)

        for _perspective, goals in self.sections:
            yield from walk(goals)
        yield from walk(self.assignments)
        yield from walk(self.unplaced)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Levels.ALL, 0)
        for node in self.nodes():
            counts[node.level] += 1
        return counts


def owner_units(unit: OrgUnit) -> list[OrgUnit]:
    """The unit and the units above it, top first (one query)."""
    return list(OrgUnit.objects.filter(pk__in=path_ids(unit.path)).order_by("depth"))


def plan_items(unit: OrgUnit, year: int, include_below: bool = False):
    """The items visible in a unit's plan: its own and those of every unit above it, and
    with `include_below` those of the units under it too."""
    units = Q(plan__unit_id__in=path_ids(unit.path))
    if include_below:
        units |= Q(plan__unit__path__startswith=unit.path)
    return (
        PlanItem.objects.filter(units, year=year)
        .select_related("plan", "plan__unit", "perspective")
        .order_by("depth", "order", "pk")
    )


def load_plan(
    unit: OrgUnit, year: int, may_plan: bool = False, include_below: bool = False, may_audit=lambda owner: False
) -> PlanView:
    """The plan page of `unit` for `year` in a fixed number of queries, however many items
    and levels it has. `may_plan`: whether the viewer may edit this unit's plan;
    `include_below`: show the items of the units under it as well."""
    settings = PlanSettings.current()
    plan = Plan.objects.filter(unit=unit, year=year).first()
    items = list(plan_items(unit, year, include_below))
    adoptions = defaultdict(list)
    measure_ids = [i.pk for i in items if i.level == Levels.MEASURE]
    for adoption in (
        MeasureAdoption.objects.filter(measure_id__in=measure_ids).select_related("unit").order_by("unit__path")
    ):
        adoptions[adoption.measure_id].append(adoption)
    root = unit.parent_id is None

    def addable(level, for_parent=True):
        if not (may_plan and plan and plan.state != Plan.CLOSED):
            return []
        levels = child_levels(level) if for_parent else [lvl for lvl in (Levels.GOAL, Levels.ASSIGNMENT)]
        return [lvl for lvl in levels if plan.allows_edit(lvl, settings) and (lvl != Levels.GOAL or root)]

    nodes = {}
    for item in items:
        own = item.plan.unit_id == unit.pk
        nodes[item.pk] = Node(
            item,
            own,
            adopted_by=adoptions.get(item.pk, []),
            editable=own and may_plan and item.plan.allows_edit(item.level, settings),
            addable=[(level, settings.label(level)) for level in addable(item.level)],
            label=settings.label(item.level),
            auditable=may_audit(item.plan.unit),
        )
    tops, assignments = [], []
    for item in items:  # ordered by depth, order: children arrive after their parents
        node = nodes[item.pk]
        if item.level == Levels.ASSIGNMENT:  # listed beside the tree, with the goal it serves
            node.serves = nodes[item.parent_id].item if item.parent_id in nodes else None
            assignments.append(node)
        elif item.parent_id in nodes:
            nodes[item.parent_id].children.append(node)
        else:
            tops.append(node)
    by_perspective = defaultdict(list)
    unplaced = []
    for node in tops:
        if node.level == Levels.GOAL:
            by_perspective[node.item.perspective_id].append(node)
        else:
            unplaced.append(node)
    sections = [(p, by_perspective.get(p.pk, [])) for p in Perspective.objects.order_by("order", "name")]
    if by_perspective.get(None):
        sections.append((None, by_perspective[None]))
    return PlanView(
        unit,
        year,
        plan,
        settings,
        sections,
        assignments,
        unplaced,
        owner_units(unit),
        may_plan,
        addable(None, for_parent=False),
        include_below,
    )


# --- writing items ----------------------------------------------------------------------


def ensure_plan(unit: OrgUnit, year: int) -> Plan:
    """The unit's plan for the year, created as a draft if it has none."""
    ensure_year(unit.region, year)
    plan, _created = Plan.objects.get_or_create(unit=unit, year=year)
    return plan


def next_code(level: str, year: int) -> str:
    """A free code for a new item: the level's prefix and the next number, e.g. "FF-12"."""
    prefix = CODE_PREFIXES[level] + "-"
    numbers = [
        int(m.group(1))
        for code in PlanItem.objects.filter(year=year, code__startswith=prefix).values_list("code", flat=True)
        if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", code))
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def check_placement(item: PlanItem, parent: PlanItem | None, settings: PlanSettings | None = None) -> None:
    """Raise ValidationError if `item` may not sit under `parent` in its plan."""
    settings = settings or PlanSettings.current()
    unit = item.plan.unit
    errors = placement_errors(
        item.level,
        parent.level if parent else None,
        parent.plan.unit.path if parent else None,
        unit.path,
        unit.parent_id is None,
        settings.label,
    )
    if parent and parent.year != item.plan.year:
        errors.append(_("Den överordnade posten hör till ett annat år."))
    if item.level == Levels.GOAL and item.perspective_id is None:
        errors.append(_("Välj ett perspektiv."))
    if errors:
        raise ValidationError({"parent": errors})


def check_editable(plan: Plan, level: str, settings: PlanSettings | None = None) -> None:
    """Raise ValidationError if the plan's state does not allow changing items of `level`."""
    settings = settings or PlanSettings.current()
    if not plan.allows_edit(level, settings):
        if plan.state == Plan.CLOSED:
            raise ValidationError(_("Planen för %(plan)s är stängd och kan inte ändras.") % {"plan": plan})
        raise ValidationError(
            _("Planen för %(plan)s är fastställd; %(levels)s kan inte ändras.")
            % {"plan": plan, "levels": settings.label(level, plural=True)}
        )


def _siblings(item: PlanItem):
    """The items shown next to `item` that its plan orders: same parent, same plan (another
    unit's items under the same parent are theirs to order); assignments form their own list."""
    if item.parent_id:
        siblings = PlanItem.objects.filter(parent_id=item.parent_id, plan_id=item.plan_id)
        if item.level == Levels.ASSIGNMENT:
            return siblings.filter(level=Levels.ASSIGNMENT)
        return siblings.exclude(level=Levels.ASSIGNMENT)
    if item.level == Levels.GOAL:
        return PlanItem.objects.filter(
            year=item.year, parent__isnull=True, level=Levels.GOAL, perspective_id=item.perspective_id
        )
    return PlanItem.objects.filter(plan_id=item.plan_id, parent__isnull=True, level=item.level)


@transaction.atomic
def save_item(item: PlanItem, settings: PlanSettings | None = None) -> PlanItem:
    """Create or change an item after checking the plan's state and the item's place."""
    settings = settings or PlanSettings.current()
    check_editable(item.plan, item.level, settings)
    check_placement(item, item.parent, settings)
    if item.level != Levels.GOAL:
        item.perspective = None
    if not item.code:  # new, or emptied in a form: every item keeps a code for exports
        item.code = next_code(item.level, item.plan.year)
    if item.pk is None:
        item.year = item.plan.year
        item.order = (_siblings(item).aggregate(m=Max("order"))["m"] or 0) + 1
    if PlanItem.objects.filter(year=item.plan.year, code=item.code).exclude(pk=item.pk).exists():
        raise ValidationError(
            {"code": _("Koden %(code)s används redan %(year)s.") % {"code": item.code, "year": item.plan.year}}
        )
    item.save()
    return item


@transaction.atomic
def move_item(item: PlanItem, parent: PlanItem | None) -> PlanItem:
    """Move an item (and everything under it) to a new parent."""
    if parent and parent.path.startswith(item.path):
        raise ValidationError({"parent": _("En post kan inte flyttas in under sig själv.")})
    item.parent = parent
    item.order = (
        (PlanItem.objects.filter(parent=parent).aggregate(m=Max("order"))["m"] or 0) + 1 if parent else item.order
    )
    return save_item(item)


@transaction.atomic
def reorder_item(item: PlanItem, step: int) -> bool:
    """Move an item one place up (step -1) or down (+1) among its siblings. False at the end."""
    check_editable(item.plan, item.level)
    siblings = list(_siblings(item).order_by("order", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index + step
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            sibling.order = position
            sibling.save(update_fields=["order"])
    return True


def movable_parents(item: PlanItem) -> list[PlanItem]:
    """The items `item` may be moved under: the right level, visible from its unit, not
    inside its own subtree."""
    levels = [level for level in ALLOWED_PARENTS[item.level] if level]
    return list(plan_items(item.plan.unit, item.year).filter(level__in=levels).exclude(path__startswith=item.path))


@transaction.atomic
def delete_item(item: PlanItem) -> int:
    """Remove an item and the items under it in the same plan. Refused while other units'
    plans hang items under it: those belong to someone else. Returns how many were removed."""
    subtree = item.subtree()
    for level in set(subtree.filter(plan_id=item.plan_id).values_list("level", flat=True)) | {item.level}:
        check_editable(item.plan, level)  # removing a factor removes its measures too
    foreign = subtree.exclude(plan_id=item.plan_id).count()
    if foreign:
        raise ValidationError(
            _("%(n)s poster i andra enheters planer ligger under denna. Flytta eller ta bort dem först.")
            % {"n": foreign}
        )
    count = subtree.count()
    item.delete()
    return count


# --- plan states --------------------------------------------------------------------------


def adopt_plan(plan: Plan, on: datetime.date, decision_ref: str) -> None:
    if plan.state != Plan.DRAFT:
        raise ValidationError(_("Bara ett utkast kan fastställas."))
    plan.state, plan.adopted_on, plan.decision_ref = Plan.ADOPTED, on, decision_ref
    plan.save()


def close_plan(plan: Plan) -> None:
    if plan.state != Plan.ADOPTED:
        raise ValidationError(_("Bara en fastställd plan kan stängas."))
    plan.state = Plan.CLOSED
    plan.save()


def reopen_plan(plan: Plan) -> None:
    """Back to draft, e.g. when an adoption was a mistake; the history keeps both."""
    if plan.state == Plan.DRAFT:
        raise ValidationError(_("Planen är redan ett utkast."))
    plan.state = Plan.DRAFT
    plan.save()


# --- adopting measures ------------------------------------------------------------------


def adopt_measure(measure: PlanItem, unit: OrgUnit, target: Target) -> MeasureAdoption:
    """Let `unit` follow `measure` for its part of the organisation, optionally with its own target."""
    if measure.level != Levels.MEASURE:
        raise ValidationError(_("Bara styrmått kan antas."))
    owner = measure.plan.unit
    if not unit.path.startswith(owner.path) or unit.pk == owner.pk:
        raise ValidationError(_("Ett mått kan bara antas av enheter under den enhet som äger det."))
    adoption = MeasureAdoption.objects.filter(measure=measure, unit=unit).first() or MeasureAdoption(
        measure=measure, unit=unit
    )
    adoption.target = target
    adoption.save()
    return adoption


# --- year switch -------------------------------------------------------------------------


@dataclass
class CopyReport:
    """What a copy to the next year did."""

    plans: list[Plan] = field(default_factory=list)  # the new plans
    skipped: list[Plan] = field(default_factory=list)  # next year's plans that already had items
    items: int = 0
    left_behind: int = 0  # finished activities and assignments


def _unfinished(item: PlanItem) -> bool:
    return not (item.level in (Levels.ACTIVITY, Levels.ASSIGNMENT) and item.finished)


@transaction.atomic
def copy_to_next_year(plan: Plan, include_subtree: bool = False) -> CopyReport:
    """Carry a plan (and, if asked, the plans of the units under it) over to next year.

    Goals, success factors, measures and unfinished activities and assignments come along
    as drafts, with their measure adoptions; the old year is not touched. A plan of next
    year that already has items is left alone and reported. An item whose parent lives in
    a plan above that has not been copied yet stops the whole copy, with a message that
    says which plan to copy first.
    """
    year = plan.year + 1
    ensure_year(plan.unit.region, year)
    sources = [plan]
    if include_subtree:
        sources = list(
            Plan.objects.filter(year=plan.year, unit__path__startswith=plan.unit.path)
            .select_related("unit")
            .order_by("unit__depth", "unit__path")
        )
    report = CopyReport()
    source_items = list(
        PlanItem.objects.filter(plan__in=sources).select_related("parent__plan__unit").order_by("depth", "order", "pk")
    )
    # Where parents outside the copied plans went: next year's copies, by original id or code.
    copies = {}
    for new in PlanItem.objects.filter(year=year).only("pk", "copied_from_id", "code", "path", "level", "plan_id"):
        if new.copied_from_id:
            copies[new.copied_from_id] = new
    # A parent in a plan above made for next year by hand or import: same code, same unit.
    by_code = {(i.code, i.plan.unit_id): i for i in PlanItem.objects.filter(year=year).select_related("plan")}
    copied_plans = {}
    for source in sources:
        target = Plan.objects.filter(unit=source.unit, year=year).first()
        if target and (target.state != Plan.DRAFT or target.items.exists()):
            report.skipped.append(target)  # next year's plan is someone's work already
            continue
        copied_plans[source.pk] = target or Plan.objects.create(unit=source.unit, year=year)
        report.plans.append(copied_plans[source.pk])
    missing, dropped, made = [], set(), {}
    taken = set(PlanItem.objects.filter(year=year).values_list("code", flat=True))
    clashes = sorted({i.code for i in source_items if i.plan_id in copied_plans and i.code in taken})
    if clashes:
        raise ValidationError(
            _("Koderna %(codes)s används redan %(year)s av andra poster. Byt kod på dem först.")
            % {"codes": ", ".join(clashes[:20]), "year": year}
        )
    for item in source_items:
        if item.plan_id not in copied_plans:
            continue
        if not _unfinished(item) or item.parent_id in dropped:
            dropped.add(item.pk)
            report.left_behind += 1
            continue
        parent = None
        if item.parent_id:
            parent = copies.get(item.parent_id)
            if parent is None:
                original = item.parent
                parent = by_code.get((original.code, original.plan.unit_id))
                if parent is None:
                    missing.append((item, original))
                    continue
        new = PlanItem(
            plan=copied_plans[item.plan_id],
            level=item.level,
            parent=parent,
            code=item.code,
            name=item.name,
            description=item.description,
            perspective_id=item.perspective_id,
            responsible=item.responsible,
            measure_unit=item.measure_unit,
            direction=item.direction,
            baseline_value=item.baseline_value,
            baseline_year=item.baseline_year,
            source=item.source,
            external_code=item.external_code,
            frequency=item.frequency,
            split_by_sex=item.split_by_sex,
            critical=item.critical,
            given_by=item.given_by,
            decision_ref=item.decision_ref,
            decision_date=item.decision_date,
            order=item.order,
            copied_from=item,
            start_date=_next_year(item.start_date),
            end_date=_next_year(item.end_date) if item.level == Levels.ACTIVITY else item.end_date,
            target_operator=item.target_operator,
            target_value=item.target_value,
            target_high=item.target_high,
        )
        new.save()
        copies[item.pk] = made[item.pk] = new
        report.items += 1
    if missing:
        raise ValidationError(
            [
                _(
                    "%(code)s %(name)s ligger under %(parent)s i planen för %(unit)s, som inte finns för %(year)s. Kopiera den planen först."
                )
                % {
                    "code": item.code,
                    "name": item.name,
                    "parent": original.code,
                    "unit": original.plan.unit.name,
                    "year": year,
                }
                for item, original in missing[:20]
            ]
        )
    MeasureAdoption.objects.bulk_create(
        [
            MeasureAdoption(
                measure=made[a.measure_id],
                unit_id=a.unit_id,
                target_operator=a.target_operator,
                target_value=a.target_value,
                target_high=a.target_high,
            )
            for a in MeasureAdoption.objects.filter(measure_id__in=list(made))
        ]
    )
    return report


def _next_year(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def plan_summaries(plans) -> dict[int, Plan]:
    """These plans (a queryset: a year's, restricted to what the user sees) keyed by unit
    id, each with `item_count` (one query, counted in SQL)."""
    return {plan.unit_id: plan for plan in plans.annotate(item_count=Count("items"))}


def plan_years(roles) -> list[int]:
    """The years with a plan the roles may see (one query), for the plan list's year links."""
    return list(Plan.objects.restrict(roles, Action.VIEW).values_list("year", flat=True).distinct().order_by("year"))
