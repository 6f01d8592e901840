"""The organisation tree: view it, and (administrators) add, rename, move, close and import units."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import registry
from regionplan.forms import CloseUnitForm, MoveUnitForm, OrgUnitForm, UploadForm
from regionplan.models import OrgUnit, RoleAssignment
from regionplan.orgimport import import_units
from regionplan.orgtree import build_tree, close_unit, tree_units
from regionplan.params import parse_int
from regionplan.people import with_names
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    can,
    has_permission,
    require,
    require_subtree,
)
from regionplan.views.common import (
    form_data,
    form_files,
    render_page_or_partial,
    save_or_explain,
)


def _tree_context(request, show_closed: bool, parent: OrgUnit | None = None):
    """The tree's top levels (or one unit's children), each marked whether the user may open it."""
    units = tree_units(None if show_closed else timezone.localdate(), parent=parent)
    roots = build_tree(units, viewable=lambda unit: has_permission(request.roles, Action.VIEW, unit))
    own_unit_ids = {a.unit_id for a in request.roles}
    return {"roots": roots, "show_closed": show_closed, "own_unit_ids": own_unit_ids}


def region_home(request, region_slug):
    """The start page: the user's roles and the region's organisation tree. A reader
    (politician) who only reads lands on the goal dashboard instead."""
    require(request, Action.VIEW)
    landing = registry.reader_landing()
    if landing and not has_permission(request.roles, Action.REPORT):
        return redirect(landing, region_slug=region_slug)
    context = _tree_context(request, show_closed=False)
    year = timezone.localdate().year
    context["my_roles"] = [
        (a, registry.unit_links(request.region, a.unit, year))
        for a in sorted(request.roles, key=lambda a: (a.unit.path, a.role))
    ]
    return render(request, "regionplan/region_home.html", context)


def org_tree(request, region_slug):
    require(request, Action.VIEW)
    context = _tree_context(request, show_closed=request.GET.get("stangda") == "1")
    return render_page_or_partial(request, "regionplan/org_tree.html", "regionplan/_org_tree.html", context)


def unit_children(request, region_slug, pk):
    """One unit's children as tree items: what the tree's "show" button loads (htmx)."""
    unit = _unit(pk)
    require(request, Action.VIEW)
    context = _tree_context(request, show_closed=request.GET.get("stangda") == "1", parent=unit)
    context["unit"] = unit
    return render_page_or_partial(request, "regionplan/unit_children.html", "regionplan/_tree_children.html", context)


def _unit(pk):
    return get_object_or_404(OrgUnit.objects.select_related("kind", "parent"), pk=pk)


def unit_detail(request, region_slug, pk):
    unit = _unit(pk)
    require(request, Action.VIEW, unit)
    context = {
        "unit": unit,
        "ancestors": [(a, has_permission(request.roles, Action.VIEW, a)) for a in unit.ancestors()],
        "children": list(unit.children.select_related("kind").order_by("name")),
        "role_assignments": with_names(
            RoleAssignment.objects.filter(unit=unit).select_related("user").order_by("role", "user__email")
        )
        if can(request, Action.ADMINISTER, unit)
        else [],
        "may_administer_unit": has_permission(request.roles, Action.ADMINISTER, unit),
        "parent_viewable": unit.parent is not None and has_permission(request.roles, Action.VIEW, unit.parent),
        "active": unit.is_active(),
    }
    return render(request, "regionplan/unit_detail.html", context)


def unit_create(request, region_slug):
    require(request, Action.ADMINISTER)
    initial = {}
    parent_id = parse_int(request.GET.get("parent"))
    if parent_id is not None:
        initial["parent"] = parent_id
    form = OrgUnitForm(form_data(request), roles=request.roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        parent = form.cleaned_data.get("parent")
        # The root (no parent) may only be made by an administrator of the whole region.
        require(request, Action.ADMINISTER, parent or WHOLE_REGION)
        if save_or_explain(form, form.save):
            messages.success(request, _("Enheten %(name)s är skapad.") % {"name": form.instance.name})
            return redirect("unit_detail", region_slug=region_slug, pk=form.instance.pk)
    return render(request, "regionplan/unit_form.html", {"form": form, "title": _("Ny enhet")})


def unit_edit(request, region_slug, pk):
    unit = _unit(pk)
    require(request, Action.ADMINISTER, unit)
    form = OrgUnitForm(form_data(request), instance=unit, roles=request.roles)
    if request.method == "POST" and form.is_valid() and save_or_explain(form, form.save):
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("unit_detail", region_slug=region_slug, pk=unit.pk)
    return render(
        request,
        "regionplan/unit_form.html",
        {"form": form, "unit": unit, "title": _("Ändra %(name)s") % {"name": unit.name}},
    )


def unit_move(request, region_slug, pk):
    unit = _unit(pk)
    require(request, Action.ADMINISTER, unit)
    form = MoveUnitForm(form_data(request), unit=unit, roles=request.roles)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_explain(form, lambda: _move(request, unit, form.cleaned_data["parent"]))
    ):
        messages.success(
            request, _("%(name)s ligger nu under %(parent)s.") % {"name": unit.name, "parent": unit.parent.name}
        )
        return redirect("unit_detail", region_slug=region_slug, pk=unit.pk)
    return render(request, "regionplan/unit_move.html", {"form": form, "unit": unit})


def _move(request, unit, parent):
    """Move inside a transaction, and re-check that the moved unit is still the user's."""
    with transaction.atomic():
        unit.parent = parent
        unit.save()
        unit.refresh_from_db()
        require(request, Action.ADMINISTER, unit)


def unit_close(request, region_slug, pk):
    unit = _unit(pk)
    require(request, Action.ADMINISTER, unit)
    form = CloseUnitForm(form_data(request), unit=unit)
    open_below = unit.descendants().filter(valid_to__isnull=True).count()
    if request.method == "POST" and form.is_valid():
        if open_below:
            # Closing reaches every open unit below: the user must manage all of them.
            require_subtree(request, Action.ADMINISTER, unit)
        closed = close_unit(unit, form.cleaned_data["valid_to"])
        messages.success(
            request,
            _("%(n)s enheter stängs efter %(date)s. Deras historik finns kvar.")
            % {"n": len(closed), "date": form.cleaned_data["valid_to"].isoformat()},
        )
        return redirect("unit_detail", region_slug=region_slug, pk=unit.pk)
    return render(request, "regionplan/unit_close.html", {"form": form, "unit": unit, "open_below": open_below})


@require_POST
def unit_reopen(request, region_slug, pk):
    """Undo a closing: the unit is valid again (its closed children stay closed)."""
    unit = _unit(pk)
    require(request, Action.ADMINISTER, unit)
    if unit.parent is not None and unit.parent.valid_to is not None:
        messages.error(request, _("Överordnad enhet %(name)s är stängd; öppna den först.") % {"name": unit.parent.name})
    elif unit.valid_to is not None:
        unit.valid_to = None
        unit.save()
        messages.success(request, _("%(name)s gäller igen tills vidare.") % {"name": unit.name})
    return redirect("unit_detail", region_slug=region_slug, pk=unit.pk)


def unit_import(request, region_slug):
    """Import the whole tree from the HR system's file; a bad file changes nothing."""
    require(request, Action.ADMINISTER, WHOLE_REGION)
    form = UploadForm(form_data(request), form_files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_units(upload.read(), upload.name)
        if result.ok:
            messages.success(request, result.summary())
            return redirect("org_tree", region_slug=region_slug)
    return render(request, "regionplan/unit_import.html", {"form": form, "result": result})
