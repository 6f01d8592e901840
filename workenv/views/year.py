"""The SAM year (årshjul): the region's template (`we_year_template`, kept by controllers of
the whole region), a unit's year as a wheel and a list (`we_year`), made from the template
(`we_year_create`), and marking an activity done (`we_activity`)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import xlsx
from regionplan.forms import UploadForm
from regionplan.models import OrgUnit
from regionplan.params import YEARS
from regionplan.permissions import WHOLE_REGION, Action, has_permission, require
from regionplan.views.common import form_data, form_files, form_status
from workenv import excel_year, rules_year, wheel
from workenv.forms_year import ActivityDoneForm, ActivityTemplateForm
from workenv.models import ActivityTemplate, UnitActivity
from workenv.services_year import add_standard_activities, make_year


def _may_configure(request) -> bool:
    return has_permission(request.roles, Action.PLAN, WHOLE_REGION)


def year_template(request, region_slug):
    """The region's SAM year: every member reads it; controllers of the whole region add."""
    require(request, Action.VIEW)
    if request.GET.get("excel"):
        return xlsx.response(excel_year.export(), "arshjul.xlsx")
    may = _may_configure(request)
    form = ActivityTemplateForm(form_data(request)) if may else None
    if request.method == "POST":
        require(request, Action.PLAN, WHOLE_REGION)
        if form.is_valid():
            form.save()
            messages.success(request, _("Aktiviteten är tillagd i årshjulet."))
            return redirect("we_year_template", region_slug)
    templates = list(ActivityTemplate.objects.all())
    return render(
        request,
        "workenv/year_template.html",
        {"templates": templates, "form": form, "may_configure": may, "import_form": UploadForm() if may else None},
        status=form_status(request, form),
    )


def year_template_edit(request, region_slug, pk):
    require(request, Action.PLAN, WHOLE_REGION)
    template = get_object_or_404(ActivityTemplate.objects.all(), pk=pk)
    form = ActivityTemplateForm(form_data(request), instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Aktiviteten är sparad."))
        return redirect("we_year_template", region_slug)
    return render(
        request,
        "workenv/year_template_edit.html",
        {"form": form, "template": template},
        status=form_status(request, form),
    )


@require_POST
def year_template_delete(request, region_slug, pk):
    """Remove an activity from the template; the units' years made from it keep theirs."""
    require(request, Action.PLAN, WHOLE_REGION)
    template = get_object_or_404(ActivityTemplate.objects.all(), pk=pk)
    template.delete()
    messages.success(request, _("Aktiviteten är borttagen ur årshjulet. Enheternas år behåller sina."))
    return redirect("we_year_template", region_slug)


@require_POST
def year_template_import(request, region_slug):
    """Add or update the template's activities from an xlsx; a bad file is refused whole (400)."""
    require(request, Action.PLAN, WHOLE_REGION)
    form = UploadForm(form_data(request), form_files(request))
    result = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        result = excel_year.import_template(upload, upload.name)
        if result.ok:
            messages.success(request, result.summary())
            return redirect("we_year_template", region_slug)
    context = {"import_form": form, "result": result}
    return render(request, "workenv/year_template_import.html", context, status=400)


@require_POST
def year_template_defaults(request, region_slug):
    require(request, Action.PLAN, WHOLE_REGION)
    made = add_standard_activities()
    messages.success(request, _("%(n)d standardaktiviteter lades till.") % {"n": made})
    return redirect("we_year_template", region_slug)


def _unit_year(request, unit_pk, year) -> OrgUnit:
    if year not in YEARS:
        raise Http404
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.VIEW, unit)
    return unit


def unit_year(request, region_slug, unit_pk, year):
    """A unit's SAM year: the wheel with the list as its alternative, and the units below
    with their done / due / overdue counts (one grouped query)."""
    unit = _unit_year(request, unit_pk, year)
    today = timezone.localdate()
    activities = list(UnitActivity.objects.filter(unit=unit, year=year).order_by("due_on", "name"))
    for activity in activities:
        activity.state = rules_year.state(activity.starts_on, activity.due_on, activity.done_on, today)
        activity.state_label = rules_year.state_label(activity.state)
        activity.status = rules_year.STATE_STATUS[activity.state]
    below = OrgUnit.objects.filter(parent=unit).order_by("name")
    counts = {
        row["unit_id"]: row
        for row in UnitActivity.objects.filter(year=year, unit__parent=unit)
        .values("unit_id")
        .annotate(
            done=Count("id", filter=Q(done_on__isnull=False)),
            overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
            open=Count("id", filter=Q(done_on__isnull=True, due_on__gte=today)),
        )
        .order_by()
    }
    children = [(child, counts.get(child.pk)) for child in below]
    return render(
        request,
        "workenv/year.html",
        {
            "unit": unit,
            "year": year,
            "years": [year - 1, year, year + 1],
            "activities": activities,
            "wheel": mark_safe(wheel.svg(year, activities, today)),  # built from escaped text and numbers
            "children": children,
            "may_keep": has_permission(request.roles, Action.REPORT, unit),
            "template_count": ActivityTemplate.objects.filter(active=True).count(),
        },
    )


@require_POST
def year_create(request, region_slug, unit_pk, year):
    unit = _unit_year(request, unit_pk, year)
    require(request, Action.REPORT, unit)
    made = make_year(unit, year)
    messages.success(request, _("%(n)d aktiviteter från årshjulet lades till.") % {"n": made})
    return redirect("we_year", region_slug, unit.pk, year)


def activity(request, region_slug, pk):
    """Mark an activity done with its date and a comment (REPORT on the unit), or undo."""
    item = get_object_or_404(UnitActivity.objects.select_related("unit"), pk=pk)
    require(request, Action.REPORT, item.unit)
    if request.method == "POST" and request.POST.get("angra"):
        item.done_on, item.done_by = None, None
        item.save()
        messages.success(request, _("Aktiviteten är markerad som inte klar."))
        return redirect("we_year", region_slug, item.unit_id, item.year)
    form = ActivityDoneForm(form_data(request), instance=item, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = form.save(commit=False)
        done.done_by = request.user
        done.save()
        messages.success(request, _("Aktiviteten är klar."))
        return redirect("we_year", region_slug, item.unit_id, item.year)
    return render(request, "workenv/activity.html", {"item": item, "form": form}, status=form_status(request, form))
