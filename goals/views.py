"""The plan pages: a unit's plan for a year as a tree, edited in place with htmx.

Every view asks `regionplan.permissions` (VIEW to read, PLAN to change). Item views take
`sida`, the unit whose plan page the user is on, so that after a change the same page
(with its inherited levels) is shown again: as the tree partial for htmx, as a redirect
for a plain POST.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import services
from goals.excel import export_plan
from goals.forms import (
    AdoptionForm,
    AdoptPlanForm,
    CopyPlanForm,
    MoveItemForm,
    PerspectiveForm,
    PlanItemForm,
    PlanSettingsForm,
)
from goals.models import MeasureAdoption, Perspective, Plan, PlanItem, PlanSettings
from goals.planimport import import_plan
from goals.rules import ALLOWED_PARENTS, Levels, child_levels
from regionplan import xlsx
from regionplan.forms import UploadForm
from regionplan.models import AuditEntry, OrgUnit
from regionplan.params import YEARS, int_or_404, parse_year
from regionplan.people import with_names
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    covers_subtree,
    has_permission,
    require,
    require_subtree,
    units_in_scope,
)
from regionplan.views.common import (
    form_data,
    form_files,
    form_status,
    invalid_status,
    render_page_or_partial,
    save_or_explain,
)


def _year(value) -> int:
    """The year asked for (?ar=), or this year."""
    return parse_year(value) or timezone.localdate().year


def _unit(pk, year=None) -> OrgUnit:
    """The unit of a plan URL; a year outside any plausible plan period is a 404, so that
    a typo cannot create a calendar year 5."""
    if year is not None and year not in YEARS:
        raise Http404
    return get_object_or_404(OrgUnit.objects.all(), pk=pk)


def _item(pk) -> PlanItem:
    return get_object_or_404(PlanItem.objects.select_related("plan__unit", "parent__plan__unit"), pk=pk)


def _may_plan(request, unit) -> bool:
    return has_permission(request.roles, Action.PLAN, unit)


def _page_unit(request, item_unit: OrgUnit) -> OrgUnit:
    """The unit whose plan page the user came from: the item's own unit or one below it."""
    pk = request.POST.get("sida") or request.GET.get("sida")
    if not pk or str(pk) == str(item_unit.pk):
        return item_unit
    unit = get_object_or_404(OrgUnit.objects.filter(path__startswith=item_unit.path), pk=int_or_404(pk))
    require(request, Action.VIEW, unit)
    return unit


def _plan_context(request, unit: OrgUnit, year: int) -> dict:
    # After an htmx change the page keeps its choice: read it off the page's own URL.
    page_url = request.htmx.current_url if request.htmx and request.htmx.current_url else request.get_full_path()
    try:
        below = parse_qs(urlsplit(page_url).query).get("alla") == ["1"]
    except ValueError:  # a malformed header is no reason for an error page
        below = False
    below = below and covers_subtree(request.roles, Action.VIEW, unit)
    view = services.load_plan(
        unit,
        year,
        may_plan=_may_plan(request, unit),
        include_below=below,
        may_audit=lambda owner: has_permission(request.roles, Action.AUDIT, owner),
    )
    settings = view.settings
    return {
        "view": view,
        "unit": unit,
        "year": year,
        "labels": settings.level_names(),
        "years": range(year - 2, year + 3),
        "may_plan_region": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
        "editable_levels": ", ".join(settings.label(level, True) for level in settings.editable_after_adoption)
        or _("inget"),
    }


def _after_change(request, unit: OrgUnit, year: int, message: str, focus: int | None = None, error: bool = False):
    """After a change (or a refused one, `error`): the tree again with the message for
    htmx, focus on the item worked on when given; a redirect for a plain POST."""
    if request.htmx:
        context = _plan_context(request, unit, year)
        context.update(flash=message, flash_error=error, focus_item=focus)
        response = render_page_or_partial(request, None, "goals/_plan_tree.html", context, status=409 if error else 200)
        response["HX-Retarget"] = "#plan-tree"
        response["HX-Reswap"] = "outerHTML"
        return response
    (messages.error if error else messages.success)(request, message)
    return redirect("plan_detail", region_slug=request.region.slug, unit_pk=unit.pk, year=year)


def _form_page(request, template: str, context: dict, status: int | None = None):
    """A form as an inline partial (htmx) or inside a full page (no JavaScript). It posts
    back to the same URL; a form with errors answers 400 (422 for htmx)."""
    context.setdefault("partial", f"goals/_{template}.html")
    context.setdefault("action", request.get_full_path())
    if status is None:
        status = 400 if getattr(context.get("form"), "errors", None) else 200
    if status == 400:
        status = invalid_status(request)
    return render_page_or_partial(request, "goals/form_page.html", context["partial"], context, status=status)


# --- pages ------------------------------------------------------------------------------


def plan_index(request, region_slug):
    """The plans of a year for every unit the user may see, with their state and size."""
    require(request, Action.VIEW)
    year = _year(request.GET.get("ar"))
    units = list(units_in_scope(request.roles, Action.VIEW).order_by("path"))
    plans = services.plan_summaries(Plan.objects.restrict(request.roles, Action.VIEW).filter(year=year))
    rows = [(unit, plans.get(unit.pk)) for unit in units]
    return render(
        request,
        "goals/plan_index.html",
        {
            "rows": rows,
            "year": year,
            "years": range(year - 3, year + 3),
            "may_import": has_permission(request.roles, Action.PLAN),
            "may_configure": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
        },
    )


def plan_detail(request, region_slug, unit_pk, year):
    """A unit's plan (styrkort) for a year, with the red thread from the assembly's goals."""
    unit = _unit(unit_pk, year)
    require(request, Action.VIEW, unit)
    context = _plan_context(request, unit, year)
    return render(request, "goals/plan_detail.html", context)


@require_POST
def plan_create(request, region_slug, unit_pk, year):
    unit = _unit(unit_pk, year)
    require(request, Action.PLAN, unit)
    with transaction.atomic():
        services.ensure_plan(unit, year)
    return _after_change(request, unit, year, _("Planen för %(year)s är skapad som utkast.") % {"year": year})


def _plan(unit_pk, year) -> Plan:
    return get_object_or_404(Plan.objects.select_related("unit"), unit_id=unit_pk, year=year)


def plan_adopt(request, region_slug, unit_pk, year):
    """Adopt (fastställa) a draft plan with the date and reference of the decision."""
    plan = _plan(unit_pk, year)
    require(request, Action.PLAN, plan.unit)
    form = AdoptPlanForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        if _apply(
            form, lambda: services.adopt_plan(plan, form.cleaned_data["adopted_on"], form.cleaned_data["decision_ref"])
        ):
            return _after_change(request, plan.unit, year, _("Planen är fastställd."))
    return _form_page(
        request,
        "plan_adopt",
        {"form": form, "plan": plan, "unit": plan.unit, "year": year, "title": _("Fastställ planen"), "heading": "h2"},
    )


@require_POST
def plan_close(request, region_slug, unit_pk, year):
    plan = _plan(unit_pk, year)
    require(request, Action.PLAN, plan.unit)
    return _state_change(request, plan, services.close_plan, _("Planen är stängd. Den finns kvar att läsa."))


@require_POST
def plan_reopen(request, region_slug, unit_pk, year):
    """Back to draft: for those who plan for the whole region only, since it undoes a decision."""
    plan = _plan(unit_pk, year)
    require(request, Action.PLAN, WHOLE_REGION)
    return _state_change(request, plan, services.reopen_plan, _("Planen är ett utkast igen."))


def _state_change(request, plan, change, message):
    try:
        with transaction.atomic():
            change(plan)
    except ValidationError as error:
        return _after_change(request, plan.unit, plan.year, " ".join(error.messages), error=True)
    return _after_change(request, plan.unit, plan.year, message)


def plan_copy(request, region_slug, unit_pk, year):
    """Copy a plan, and optionally those below it, to next year."""
    plan = _plan(unit_pk, year)
    require(request, Action.PLAN, plan.unit)
    form = CopyPlanForm(form_data(request))
    errors = []
    if request.method == "POST" and form.is_valid():
        subtree = form.cleaned_data["include_subtree"]
        if subtree:
            # Every copied plan must be one the user may write.
            require_subtree(request, Action.PLAN, plan.unit)
        try:
            report = services.copy_to_next_year(plan, subtree)
        except ValidationError as error:
            errors = error.messages
        else:
            message = _(
                "%(plans)s planer kopierade till %(year)s med %(items)s poster; %(left)s avslutade aktiviteter och uppdrag lämnades kvar."
            ) % {"plans": len(report.plans), "year": year + 1, "items": report.items, "left": report.left_behind}
            if report.skipped:
                message += " " + _("Hoppade över %(n)s planer som redan hade poster: %(names)s.") % {
                    "n": len(report.skipped),
                    "names": ", ".join(p.unit.name for p in report.skipped),
                }
            messages.success(request, message)
            return redirect("plan_detail", region_slug=region_slug, unit_pk=plan.unit_id, year=year + 1)
    return render(
        request,
        "goals/plan_copy.html",
        {"form": form, "plan": plan, "unit": plan.unit, "year": year, "next_year": year + 1, "errors": errors},
        status=400 if errors else 200,
    )


def plan_history(request, region_slug, unit_pk, year):
    """What changed in a plan and its items, newest first: after adoption too."""
    plan = _plan(unit_pk, year)
    require(request, Action.AUDIT, plan.unit)
    # The plan's items now, and those removed since: their creation recorded this plan
    # as "<name> [#<id>]" (see regionplan.auditing).
    item_ids = set(PlanItem.objects.filter(plan=plan).values_list("pk", flat=True))
    item_ids |= set(
        AuditEntry.objects.filter(
            content_type__app_label="goals",
            content_type__model="planitem",
            action="create",
            changes__plan__1__endswith=f"[#{plan.pk}]",
        ).values_list("object_id", flat=True)
    )  # "plan" is the field's name in sv and en
    entries = AuditEntry.objects.filter(
        content_type__app_label="goals", content_type__model="planitem", object_id__in=item_ids
    ) | AuditEntry.objects.filter(content_type__app_label="goals", content_type__model="plan", object_id=plan.pk)
    entries = with_names(entries.select_related("actor").order_by("-at")[:500], "actor")
    return render(
        request, "goals/plan_history.html", {"plan": plan, "unit": plan.unit, "year": year, "entries": entries}
    )


def plan_export(request, region_slug, unit_pk, year):
    """The plan with all inherited levels as an xlsx a controller can read, print and re-import."""
    unit = _unit(unit_pk, year)
    require(request, Action.VIEW, unit)
    below = request.GET.get("alla") == "1" and covers_subtree(request.roles, Action.VIEW, unit)
    view = services.load_plan(unit, year, include_below=below)
    return xlsx.response(export_plan(view), f"plan-{unit.code}-{year}.xlsx")


def plan_import(request, region_slug):
    """Import plans from the template; a bad file is rejected as a whole."""
    require(request, Action.PLAN)
    form = UploadForm(form_data(request), form_files(request))
    year = _year(request.POST.get("year") or request.GET.get("ar"))
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_plan(
            upload.read(), upload.name, year, may_plan=lambda unit: has_permission(request.roles, Action.PLAN, unit)
        )
        if result.ok:
            messages.success(request, result.summary())
            return redirect(reverse("plan_index", args=[region_slug]) + f"?ar={year}")
    return render(
        request,
        "goals/plan_import.html",
        {
            "form": form,
            "result": result,
            "year": year,
            "years": range(year - 2, year + 3),
            "labels": PlanSettings.current().level_names(),
        },
        status=400 if result and not result.ok else 200,
    )


# --- items ------------------------------------------------------------------------------


def item_create(request, region_slug, unit_pk, year, level):
    """Add an item of `level` to the unit's plan, under `under` (an item visible from it)."""
    unit = _unit(unit_pk, year)
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
        return _after_change(
            request,
            unit,
            year,
            _("”%(name)s” är tillagd (%(level)s).") % {"level": settings.label(level), "name": form.instance.name},
            focus=form.instance.pk,
        )
    return _form_page(
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
        return _after_change(request, page, item.year, _("%(name)s är sparat.") % {"name": item.name})
    return _form_page(
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
        return _after_change(request, page, item.year, _("%(name)s är flyttat.") % {"name": item.name})
    return _form_page(
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
    item = _item(pk)
    require(request, Action.PLAN, item.plan.unit)
    page = _page_unit(request, item.plan.unit)
    step = -1 if request.POST.get("steg") == "upp" else 1
    try:
        moved = services.reorder_item(item, step)
    except ValidationError as error:
        return _after_change(request, page, item.year, " ".join(error.messages), error=True)
    message = (
        (_("%(name)s flyttades upp.") if step < 0 else _("%(name)s flyttades ned.")) % {"name": item.name}
        if moved
        else _("%(name)s är redan först eller sist.") % {"name": item.name}
    )
    return _after_change(request, page, item.year, message, focus=item.pk)


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
            return _after_change(
                request,
                page,
                item.year,
                _("%(name)s och %(n)s poster under den är borttagna.") % {"name": item.name, "n": removed - 1}
                if removed > 1
                else _("%(name)s är borttagen.") % {"name": item.name},
            )
    below = item.subtree().count() - 1
    return _form_page(
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
    measure = _item(pk)
    if measure.level != Levels.MEASURE:
        raise Http404
    page = _page_unit(request, measure.plan.unit)
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
        initial={"unit": page.pk if page != measure.plan.unit else None},
    )
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        require(request, Action.PLAN, unit)
        if _apply(form, lambda: services.adopt_measure(measure, unit, form.cleaned_data["target_text"])):
            return _after_change(
                request,
                page,
                measure.year,
                _("%(unit)s följer nu %(name)s.") % {"unit": unit.name, "name": measure.name},
            )
    return _form_page(
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
    page = _page_unit(request, adoption.measure.plan.unit)
    if adoption.measure.plan.state == Plan.CLOSED:
        return _after_change(
            request, page, adoption.measure.year, _("Planen är stängd och kan inte ändras."), error=True
        )
    adoption.delete()
    return _after_change(
        request,
        page,
        adoption.measure.year,
        _("%(unit)s följer inte längre %(name)s.") % {"unit": adoption.unit.name, "name": adoption.measure.name},
    )


def _item_to_change(request, pk) -> tuple[PlanItem, OrgUnit, object]:
    """The item a change view works on, after the permission check: the item, the plan
    page to return to, and a refusal to answer with if the plan's state forbids it."""
    item = _item(pk)
    require(request, Action.PLAN, item.plan.unit)
    page = _page_unit(request, item.plan.unit)
    return item, page, _refused(request, item, page)


def _refused(request, item: PlanItem, page: OrgUnit):
    """The plan's state does not allow changing the item: say so where the form would be."""
    try:
        services.check_editable(item.plan, item.level)
    except ValidationError as error:
        # The plan's year: a new item has none of its own until it is saved.
        return _form_page(
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
        return _form_page(
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


def _apply(form, change) -> bool:
    """Run a service atomically; its ValidationError becomes a form error."""
    return save_or_explain(form, change)


# --- settings ---------------------------------------------------------------------------


def plan_settings(request, region_slug):
    """The region's names for its levels, its perspectives and what an adopted plan allows."""
    require(request, Action.PLAN, WHOLE_REGION)
    settings = PlanSettings.current()
    form = PlanSettingsForm(form_data(request), settings=settings)
    if request.method == "POST" and form.is_valid():
        form.apply(settings).save()
        messages.success(request, _("Planinställningarna är sparade."))
        return redirect("plan_settings", region_slug=region_slug)
    return _settings_page(request, form, PerspectiveForm(), status=form_status(request, form))


def _settings_page(request, form, perspective_form, status=200):
    used = set(PlanItem.objects.filter(perspective__isnull=False).values_list("perspective_id", flat=True).distinct())
    perspectives = [(p, p.pk in used) for p in Perspective.objects.order_by("order", "name")]
    settings = PlanSettings.current()
    return render(
        request,
        "goals/plan_settings.html",
        {
            "form": form or PlanSettingsForm(settings=settings),
            "perspective_form": perspective_form,
            "perspectives": perspectives,
        },
        status=status,
    )


@require_POST
def perspective_create(request, region_slug):
    require(request, Action.PLAN, WHOLE_REGION)
    form = PerspectiveForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, None, form, status=400)
    form.save()
    messages.success(request, _("Perspektivet %(name)s är skapat.") % {"name": form.instance.name})
    return redirect("plan_settings", region_slug=region_slug)


@require_POST
def perspective_edit(request, region_slug, pk):
    perspective = get_object_or_404(Perspective.objects.all(), pk=pk)
    require(request, Action.PLAN, WHOLE_REGION)
    form = PerspectiveForm(request.POST, instance=perspective)
    if not form.is_valid():
        return _settings_page(request, None, form, status=400)
    form.save()
    messages.success(request, _("Perspektivet är sparat."))
    return redirect("plan_settings", region_slug=region_slug)


@require_POST
def perspective_delete(request, region_slug, pk):
    perspective = get_object_or_404(Perspective.objects.all(), pk=pk)
    require(request, Action.PLAN, WHOLE_REGION)
    if PlanItem.objects.filter(perspective=perspective).exists():
        messages.error(request, _("%(name)s används av mål och kan inte tas bort.") % {"name": perspective.name})
    else:
        perspective.delete()
        messages.success(request, _("Perspektivet %(name)s är borttaget.") % {"name": perspective.name})
    return redirect("plan_settings", region_slug=region_slug)
