"""Follow-up pages: "Min uppföljning" (managers report, row by row with htmx), an item's
history, and the controller's overview with reopening and reminders.

Permissions through `regionplan.permissions`: REPORT to report for a unit, VIEW to read,
PLAN for the overview, reopening and reminders.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup import services
from followup.forms import FollowupSettingsForm, ReportForm
from followup.models import Assessment, FollowupSettings, MeasureValue, Reopening
from followup.rules import entry_open, suggest
from followup.tasks import send_reminder_digests
from goals.models import PlanItem
from regionplan import background, registry
from regionplan.models import AuditEntry, OrgUnit, Period
from regionplan.params import int_or_404, text_or_404
from regionplan.people import with_names
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    has_permission,
    require,
    units_q,
)
from regionplan.views.common import form_data, form_status, invalid_status, render_page_or_partial


def _period(request) -> Period:
    """The period asked for (?period=2026-T3), or the one being reported now."""
    code = request.GET.get("period") or request.POST.get("period")
    if code:
        return get_object_or_404(Period.objects.select_related("year"), code=text_or_404(code))
    period = Period.current(request.region, timezone.localdate())
    if period is None:
        raise Http404
    return period


def _periods(period: Period):
    return Period.objects.filter(year_id=period.year_id).order_by("end", "kind")


def my_followup(request, region_slug):
    """Everything the user reports for the period, grouped by unit and perspective."""
    require(request, Action.REPORT)
    return _page(request, _period(request))


def _my_scope(request):
    """The units on the page: mine (services.my_units_q), or `?enhet=` and the units under
    it, for those who may report there (controllers open a unit from the overview)."""
    pk = request.GET.get("enhet") or request.POST.get("enhet")
    if pk:
        unit = get_object_or_404(OrgUnit.objects.all(), pk=int_or_404(pk))
        require(request, Action.REPORT, unit)
        return Q(path__startswith=unit.path) & units_q(request.roles, Action.REPORT), unit
    return services.my_units_q(request.roles) & units_q(request.roles, Action.REPORT), None


def _page(request, period, failed=None, status=200):
    """The whole page; `failed` = (row key, bound form, conflict) of a plain POST that
    did not save, shown in place with its errors."""
    scope, chosen = _my_scope(request)
    view = services.load_followup(period, scope)
    for row in view.rows:
        row.form, row.conflict = ReportForm(row=row), None
        if failed and row.key == failed[0]:
            row.form, row.conflict = failed[1], failed[2]
    today = timezone.localdate()
    return render(
        request,
        "followup/my_followup.html",
        {
            "view": view,
            "period": period,
            "periods": _periods(period),
            "today": today,
            "chosen_unit": chosen,
            "owed": registry.owed(period, scope, today),
        },
        status=status,
    )


def _row_and_unit(request, period_code, item_pk, unit_pk):
    period = get_object_or_404(Period.objects.all(), code=period_code)
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    item = get_object_or_404(PlanItem.objects.select_related("plan__unit"), pk=item_pk)
    return period, unit, item


@require_POST
def report_save(request, region_slug, period_code, item_pk, unit_pk):
    """Save one row; answer with that row (and the progress line, out of band). Every
    parameter is read before anything is written: a bad one is refused, not a 500 after
    the save."""
    period, unit, item = _row_and_unit(request, period_code, item_pk, unit_pk)
    require(request, Action.REPORT, unit)
    scope, chosen_unit = _my_scope(request)
    try:
        row = services.load_row(period, item, unit)
    except ValidationError:
        raise Http404 from None  # not owed by that unit in that period
    form = ReportForm(
        request.POST,
        row=row,
        suggest_for=lambda value: suggest(
            row.target,
            value,
            row.reference,
            FollowupSettings.current().tolerance,
            follow_only=item.direction == PlanItem.FOLLOW,
        ),
    )
    conflict = None
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_report(row, period, data, data["version"], request.user)
        except services.Conflict as clash:
            conflict, status = clash.current, 409
        except ValidationError as error:
            form.add_error(None, error.messages)
            status = 400
        else:
            row = services.load_row(period, item, unit)
            form = ReportForm(row=row)
    else:
        status = 400
    if status == 400:
        status = invalid_status(request)
    if not request.htmx:
        if status == 200:
            messages.success(request, _("Sparat."))
            return redirect(f"{_my_url(request)}?period={period.code}")
        return _page(request, period, failed=(row.key, form, conflict), status=status)
    progress = None
    if status == 200:
        done, total = services.progress(period, scope)
        progress = {"done": done, "total": total}
    return render_page_or_partial(
        request,
        None,
        "followup/_row.html",
        {
            "row": row,
            "form": form,
            "period": period,
            "conflict": conflict,
            "saved": status == 200,
            "progress_view": progress,
            "now": timezone.localtime(),
            "chosen_unit": chosen_unit,
        },
        status=status,
    )


def _my_url(request):
    return reverse("my_followup", args=[request.region.slug])


def item_history(request, region_slug, item_pk, unit_pk):
    """An item's assessments by period, and every change within a period."""
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.VIEW, unit)
    item = get_object_or_404(PlanItem.objects.select_related("plan__unit"), pk=item_pk)
    assessments = list(
        Assessment.objects.filter(item=item, unit=unit).select_related("period", "updated_by").order_by("-period__end")
    )
    values = (
        MeasureValue.objects.filter(measure=item, unit=unit).select_related("period").order_by("-period__end", "sex")
    )
    changes = AuditEntry.objects.filter(
        content_type__app_label="followup", content_type__model="assessment", object_id__in=[a.pk for a in assessments]
    ) | AuditEntry.objects.filter(
        content_type__app_label="followup",
        content_type__model="measurevalue",
        object_id__in=list(values.values_list("pk", flat=True)),
    )
    return render(
        request,
        "followup/item_history.html",
        {
            "item": item,
            "unit": unit,
            "assessments": assessments,
            "values": values,
            "changes": with_names(changes.select_related("actor").order_by("-at")[:300], "actor"),
        },
    )


def overview(request, region_slug):
    """Per unit in the controller's scope: how far reporting has come, and who is missing."""
    require(request, Action.PLAN)
    period = _period(request)
    view = services.load_followup(period, units_q(request.roles, Action.PLAN))
    managers = services.managers_by_unit([group.unit for group in view.groups])
    # What the apps say the units owe besides the plan items counts the same way.
    other = {}
    for thing in registry.owed(period, units_q(request.roles, Action.PLAN), timezone.localdate()):
        done, total = other.get(thing.unit.pk, (0, 0))
        other[thing.unit.pk] = (done + thing.done, total + 1)
    rows = []
    for group in view.groups:
        more_done, more = other.get(group.unit.pk, (0, 0))
        done = sum(row.reported for row in group.rows) + more_done
        rows.append((group.unit, done, len(group.rows) + more, managers.get(group.unit.pk, []), group.rollup))
    return render(
        request,
        "followup/overview.html",
        {
            "view": view,
            "period": period,
            "periods": _periods(period),
            "rows": rows,
            "may_configure": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
            "open": entry_open(period.deadline, timezone.localdate()),
        },
    )


@require_POST
def reopen(request, region_slug, period_code, unit_pk):
    """Open entry again for a unit (or one item of it, `item`) for a number of days."""
    period = get_object_or_404(Period.objects.all(), code=period_code)
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.PLAN, unit)
    item = None
    if request.POST.get("item"):
        pk = request.POST["item"]
        # Only an item the unit owns or has adopted; anything else is not there to reopen.
        item = get_object_or_404(
            PlanItem.objects.filter(Q(plan__unit=unit) | Q(adoptions__unit=unit)).distinct(), pk=int_or_404(pk)
        )
    until = timezone.localdate() + datetime.timedelta(days=7)
    Reopening.objects.create(period=period, unit=unit, item=item, until=until)
    messages.success(
        request,
        _("%(unit)s kan rapportera %(period)s till och med %(until)s.")
        % {"unit": f"{unit.name} ({item.code})" if item else unit.name, "period": period, "until": until.isoformat()},
    )
    back = _my_url(request) if item else _overview_url(request)
    return redirect(f"{back}?period={period.code}")


@require_POST
def remind(request, region_slug, period_code, unit_pk):
    """Send the unit's managers with unfinished items their digest now."""
    period = get_object_or_404(Period.objects.all(), code=period_code)
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.PLAN, unit)
    background.enqueue(send_reminder_digests, request.region.pk, period.pk, [unit.pk])
    messages.success(request, _("En påminnelse skickas till cheferna för %(unit)s.") % {"unit": unit.name})
    return redirect(f"{_overview_url(request)}?period={period.code}")


def followup_settings(request, region_slug):
    """The region's Gul tolerance, roll-up rule and reminder timing."""
    require(request, Action.PLAN, WHOLE_REGION)
    settings = FollowupSettings.current()
    form = FollowupSettingsForm(form_data(request), instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uppföljningsinställningarna är sparade."))
        return redirect("followup_settings", region_slug=region_slug)
    return render(request, "followup/settings.html", {"form": form}, status=form_status(request, form))


def _overview_url(request):
    return reverse("followup_overview", args=[request.region.slug])
