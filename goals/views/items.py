"""The items of a plan (goals, success factors, measures, activities, assignments) and measure
adoptions: create, edit, move, reorder and delete, in place with htmx."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import services
from goals.forms import (
    AdoptionForm,
    MoveItemForm,
    PlanItemForm,
)
from goals.models import MeasureAdoption, Plan, PlanItem, PlanSettings
from goals.rules import ALLOWED_PARENTS, Levels, child_levels
from goals.views.base import (
    after_change,
    form_page,
    item_or_404,
    page_unit,
    unit_or_404,
)
from regionplan.models import OrgUnit
from regionplan.params import int_or_404
from regionplan.permissions import (
    Action,
    require,
    units_in_scope,
)
from regionplan.views.common import (
    form_data,
    save_or_explain,
)


def item_create(request, region_slug, unit_pk, year, level):
    """Add an item of `level` to the unit's plan, under `under` (an item visible from it)."""
    unit = unit_or_404(unit_pk, year)
    require(request, Action.PLAN, unit)
    if level not in Levels.ALL:
        raise Http404
    parent = None
    under = request.POST.get("under") or request.GET.get("under")
    if under:
        parent = get_object_or_404(services.plan_items(unit, year), pk=int_or_404(under))
    if level not in child_levels(parent.level if parent else None):
        raise Http404
    settings = PlanSettings.current()
    plan = Plan.objects.filter(unit=unit, year=year).first()
    if plan is None:
        raise Http404
    item = PlanItem(plan=plan, level=level, parent=parent)
    if refused := _refused(request, item, unit):
        return refused
    form = PlanItemForm(
        form_data(request),
        instance=item,
        level=level,
        settings=settings,
        initial={"perspective": request.GET.get("perspektiv")},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_explain(form, lambda: services.save_item(form.instance, settings))
    ):
        return after_change(
            request,
            unit,
            year,
            _("”%(name)s” är tillagd (%(level)s).") % {"level": settings.label(level), "name": form.instance.name},
            focus=form.instance.pk,
        )
    return form_page(
        request,
        "item_form",
        {
            "form": form,
            "unit": unit,
            "year": year,
            "parent": parent,
            "level": level,
            "title": _("Lägg till: %(level)s") % {"level": settings.label(level)}
            if not parent
            else _("Lägg till: %(level)s under %(parent)s") % {"level": settings.label(level), "parent": parent.name},
        },
    )


def item_edit(request, region_slug, pk):
    item, page, refused = _item_to_change(request, pk)
    if refused:
        return refused
    settings = PlanSettings.current()
    form = PlanItemForm(form_data(request), instance=item, level=item.level, settings=settings)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_explain(form, lambda: services.save_item(form.instance, settings))
    ):
        return after_change(request, page, item.year, _("%(name)s är sparat.") % {"name": item.name})
    return form_page(
        request,
        "item_form",
        {
            "form": form,
            "unit": page,
            "year": item.year,
            "item": item,
            "level": item.level,
            "title": _("Ändra %(level)s %(code)s") % {"level": settings.label(item.level), "code": item.code},
        },
    )


def item_move(request, region_slug, pk):
    item, page, refused = _item_to_change(request, pk)
    if refused:
        return refused
    allow_top = None in ALLOWED_PARENTS[item.level]
    form = MoveItemForm(form_data(request), candidates=services.movable_parents(item), allow_top=allow_top)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_explain(form, lambda: services.move_item(item, form.cleaned_data["parent"]))
    ):
        return after_change(request, page, item.year, _("%(name)s är flyttat.") % {"name": item.name})
    return form_page(
        request,
        "item_move",
        {
            "form": form,
            "unit": page,
            "year": item.year,
            "item": item,
            "title": _("Flytta %(code)s %(name)s") % {"code": item.code, "name": item.name},
        },
    )


@require_POST
def item_reorder(request, region_slug, pk):
    item = item_or_404(pk)
    require(request, Action.PLAN, item.plan.unit)
    page = page_unit(request, item.plan.unit)
    step = -1 if request.POST.get("steg") == "upp" else 1
    try:
        moved = services.reorder_item(item, step)
    except ValidationError as error:
        return after_change(request, page, item.year, " ".join(error.messages), error=True)
    message = (
        (_("%(name)s flyttades upp.") if step < 0 else _("%(name)s flyttades ned.")) % {"name": item.name}
        if moved
        else _("%(name)s är redan först eller sist.") % {"name": item.name}
    )
    return after_change(request, page, item.year, message, focus=item.pk)


def item_delete(request, region_slug, pk):
    item, page, refused = _item_to_change(request, pk)
    if refused:
        return refused
    errors = []
    if request.method == "POST":
        try:
            removed = services.delete_item(item)
        except ValidationError as error:
            errors = error.messages
        else:
            return after_change(
                request,
                page,
                item.year,
                _("%(name)s och %(n)s poster under den är borttagna.") % {"name": item.name, "n": removed - 1}
                if removed > 1
                else _("%(name)s är borttagen.") % {"name": item.name},
            )
    below = item.subtree().count() - 1
    return form_page(
        request,
        "item_delete",
        {
            "unit": page,
            "year": item.year,
            "item": item,
            "below": below,
            "errors": errors,
            "title": _("Ta bort %(code)s %(name)s") % {"code": item.code, "name": item.name},
        },
        status=409 if errors else 200,
    )


def adoption_create(request, region_slug, pk):
    """A unit below the owner follows a measure; the user must plan for that unit."""
    measure = item_or_404(pk)
    if measure.level != Levels.MEASURE:
        raise Http404
    page = page_unit(request, measure.plan.unit)
    if page == measure.plan.unit:
        require(request, Action.VIEW, page)
    if refused := _refused_adoption(request, measure, page):
        return refused
    units = (
        units_in_scope(request.roles, Action.PLAN)
        .filter(path__startswith=measure.plan.unit.path)
        .exclude(pk=measure.plan.unit_id)
        .order_by("path")
    )
    if not units.exists():
        raise PermissionDenied
    form = AdoptionForm(
        form_data(request),
        units=units,
        direction=measure.direction,
        measure_unit=measure.measure_unit,
        initial={"unit": page.pk if page != measure.plan.unit else None},
    )
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        require(request, Action.PLAN, unit)
        if save_or_explain(form, lambda: services.adopt_measure(measure, unit, form.cleaned_data["target_text"])):
            return after_change(
                request,
                page,
                measure.year,
                _("%(unit)s följer nu %(name)s.") % {"unit": unit.name, "name": measure.name},
            )
    return form_page(
        request,
        "adoption_form",
        {
            "form": form,
            "unit": page,
            "year": measure.year,
            "item": measure,
            "title": _("Anta %(code)s %(name)s för en enhet") % {"code": measure.code, "name": measure.name},
        },
    )


@require_POST
def adoption_delete(request, region_slug, pk):
    adoption = get_object_or_404(MeasureAdoption.objects.select_related("measure__plan__unit", "unit"), pk=pk)
    require(request, Action.PLAN, adoption.unit)
    page = page_unit(request, adoption.measure.plan.unit)
    if adoption.measure.plan.state == Plan.CLOSED:
        return after_change(
            request, page, adoption.measure.year, _("Planen är stängd och kan inte ändras."), error=True
        )
    adoption.delete()
    return after_change(
        request,
        page,
        adoption.measure.year,
        _("%(unit)s följer inte längre %(name)s.") % {"unit": adoption.unit.name, "name": adoption.measure.name},
    )


def _item_to_change(request, pk) -> tuple[PlanItem, OrgUnit, object]:
    """The item a change view works on, after the permission check: the item, the plan
    page to return to, and a refusal to answer with if the plan's state forbids it."""
    item = item_or_404(pk)
    require(request, Action.PLAN, item.plan.unit)
    page = page_unit(request, item.plan.unit)
    return item, page, _refused(request, item, page)


def _refused(request, item: PlanItem, page: OrgUnit):
    """The plan's state does not allow changing the item: say so where the form would be."""
    try:
        services.check_editable(item.plan, item.level)
    except ValidationError as error:
        # The plan's year: a new item has none of its own until it is saved.
        return form_page(
            request,
            "refused",
            {
                "unit": page,
                "year": item.plan.year,
                "item": item,
                "errors": error.messages,
                "title": _("Kan inte ändras"),
            },
            status=409,
        )
    return None


def _refused_adoption(request, measure: PlanItem, page: OrgUnit):
    if measure.plan.state == Plan.CLOSED:
        return form_page(
            request,
            "refused",
            {
                "unit": page,
                "year": measure.year,
                "item": measure,
                "errors": [_("Planen är stängd och kan inte ändras.")],
                "title": _("Kan inte ändras"),
            },
            status=409,
        )
    return None
