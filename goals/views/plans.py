"""A unit's plan for a year: the index, the page, its states (adopt, close, reopen), copying to
the next year, history, Excel export and import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import services
from goals.excel import export_plan
from goals.forms import (
    AdoptPlanForm,
    CopyPlanForm,
)
from goals.models import Plan, PlanItem, PlanSettings
from goals.planimport import import_plan
from goals.views.base import (
    after_change,
    form_page,
    plan_context,
    unit_or_404,
    year_or_404,
)
from regionplan import xlsx
from regionplan.forms import UploadForm
from regionplan.models import AuditEntry
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
    save_or_explain,
)


def plan_index(request, region_slug):
    """The plans of a year for every unit the user may see, with their state and size."""
    require(request, Action.VIEW)
    year = year_or_404(request.GET.get("ar"))
    units = list(units_in_scope(request.roles, Action.VIEW).order_by("path"))
    plans = services.plan_summaries(Plan.objects.restrict(request.roles, Action.VIEW).filter(year=year))
    rows = [(unit, plans.get(unit.pk)) for unit in units]
    return render(
        request,
        "goals/plan_index.html",
        {
            "rows": rows,
            "year": year,
            # The years around the chosen one, and every year the region has plans for (the 2022 plans stay in reach).
            "years": sorted(set(range(year - 3, year + 3)) | set(services.plan_years(request.roles))),
            "may_import": has_permission(request.roles, Action.PLAN),
            "may_configure": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
        },
    )


def plan_detail(request, region_slug, unit_pk, year):
    """A unit's plan (styrkort) for a year, with the red thread from the assembly's goals."""
    unit = unit_or_404(unit_pk, year)
    require(request, Action.VIEW, unit)
    context = plan_context(request, unit, year)
    return render(request, "goals/plan_detail.html", context)


@require_POST
def plan_create(request, region_slug, unit_pk, year):
    unit = unit_or_404(unit_pk, year)
    require(request, Action.PLAN, unit)
    with transaction.atomic():
        services.ensure_plan(unit, year)
    return after_change(request, unit, year, _("Planen för %(year)s är skapad som utkast.") % {"year": year})


def _plan(unit_pk, year) -> Plan:
    return get_object_or_404(Plan.objects.select_related("unit"), unit_id=unit_pk, year=year)


def plan_adopt(request, region_slug, unit_pk, year):
    """Adopt (fastställa) a draft plan with the date and reference of the decision."""
    plan = _plan(unit_pk, year)
    require(request, Action.PLAN, plan.unit)
    form = AdoptPlanForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        if save_or_explain(
            form, lambda: services.adopt_plan(plan, form.cleaned_data["adopted_on"], form.cleaned_data["decision_ref"])
        ):
            return after_change(request, plan.unit, year, _("Planen är fastställd."))
    return form_page(
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
        return after_change(request, plan.unit, plan.year, " ".join(error.messages), error=True)
    return after_change(request, plan.unit, plan.year, message)


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
    unit = unit_or_404(unit_pk, year)
    require(request, Action.VIEW, unit)
    below = request.GET.get("alla") == "1" and covers_subtree(request.roles, Action.VIEW, unit)
    view = services.load_plan(unit, year, include_below=below)
    return xlsx.response(export_plan(view), f"plan-{unit.code}-{year}.xlsx")


def plan_import(request, region_slug):
    """Import plans from the template; a bad file is rejected as a whole."""
    require(request, Action.PLAN)
    form = UploadForm(form_data(request), form_files(request))
    year = year_or_404(request.POST.get("year") or request.GET.get("ar"))
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
