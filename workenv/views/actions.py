"""The action plan (handlingsplan): a unit's actions with their source, owner, deadline,
status and the check of their effect; new and changed actions; the follow-up of an open
action in a period, saved as a row of Min uppföljning."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup import entry
from regionplan import xlsx
from regionplan.models import OrgUnit
from regionplan.params import int_or_404
from regionplan.people import remember
from regionplan.permissions import Action, has_permission, require, units_in_scope
from regionplan.views.common import form_data, form_status, save_or_explain
from workenv import access, excel_actions, owed_actions, rules_actions
from workenv.forms_actions import ActionFollowupForm, WorkActionForm
from workenv.models import Incident, SafetyRound, WorkAction, WorkActionUpdate, WorkRisk

SHOW_ALL = "alla"


def _unit_or_404(request, pk) -> OrgUnit:
    return get_object_or_404(OrgUnit.objects.all(), pk=int_or_404(pk))


def action_plan(request, region_slug):
    """A unit's action plan with the units under it (`?enhet=`; else every unit the user
    sees): the open actions, or all (`?visa=alla`). Four queries whatever the number."""
    require(request, Action.VIEW)
    today = timezone.localdate()
    unit = None
    scope = access.readable_q(request.roles)
    if request.GET.get("enhet"):
        unit = _unit_or_404(request, request.GET["enhet"])
        require(request, Action.VIEW, unit)
        scope &= Q(unit__path__startswith=unit.path)
    show_all = request.GET.get("visa") == SHOW_ALL
    actions = WorkAction.objects.filter(scope).select_related(
        "unit", "owner", "incident", "risk__assessment", "safety_round"
    )
    if not show_all:
        actions = actions.filter(done_on__isnull=True)
    actions = list(actions.order_by("unit__path", "deadline", "pk"))
    remember(a.owner for a in actions)  # the owners' names in one query
    if request.GET.get("excel"):
        title = _("Handlingsplan %(unit)s") % {"unit": unit.name} if unit else _("Handlingsplan")
        name = f"handlingsplan-{unit.code or unit.pk}.xlsx" if unit else "handlingsplan.xlsx"
        return xlsx.response(excel_actions.export(actions, today, title), name)
    rows = [
        {
            "action": a,
            "overdue": rules_actions.is_overdue(a.deadline, a.done_on, today),
            "done": rules_actions.is_done(a.done_on),
            "may_keep": access.may_keep(request.roles, a.unit),
        }
        for a in actions
    ]
    units = list(units_in_scope(request.roles, Action.VIEW).order_by("path").only("pk", "name", "code", "depth"))
    context = {
        "unit": unit,
        "rows": rows,
        "units": units,
        "show_all": show_all,
        "overdue_count": sum(r["overdue"] for r in rows),
        "may_add": access.may_keep(request.roles, unit) if unit else has_permission(request.roles, Action.REPORT),
    }
    return render(request, "workenv/action_plan.html", context)


def _prefill(request) -> tuple[OrgUnit | None, WorkAction]:
    """A new action from `?handelse=`, `?risk=`, `?rond=` or `?enhet=` (GET or POST): its
    unit and source taken from what it was made from (another region's is a 404)."""
    params = request.POST if request.method == "POST" else request.GET
    action = WorkAction(source=WorkAction.OTHER)
    unit = None
    if params.get("handelse"):
        incident = get_object_or_404(Incident.objects.select_related("unit"), pk=int_or_404(params["handelse"]))
        action.incident, unit = incident, incident.unit
        action.why = _("Efter händelsen %(what)s") % {"what": incident}
    elif params.get("risk"):
        risk = get_object_or_404(WorkRisk.objects.select_related("assessment__unit"), pk=int_or_404(params["risk"]))
        action.risk, unit = risk, risk.assessment.unit
        action.why = _("Risk %(n)s i riskbedömningen %(title)s") % {"n": risk.number, "title": risk.assessment.title}
        action.what = risk.measures
    elif params.get("rond"):
        round_ = get_object_or_404(SafetyRound.objects.select_related("unit"), pk=int_or_404(params["rond"]))
        action.safety_round, unit = round_, round_.unit
        action.why = _("Skyddsronden %(when)s") % {"when": round_.performed_on.isoformat()}
    elif params.get("enhet"):
        unit = _unit_or_404(request, params["enhet"])
    action.source = rules_actions.source_of(
        incident=action.incident, risk=action.risk, safety_round=action.safety_round, fallback=WorkAction.OTHER
    )
    return unit, action


def action_new(request, region_slug):
    """A new action for a unit (REPORT on it); without a unit, a choice of the user's units."""
    require(request, Action.REPORT)
    unit, action = _prefill(request)
    if unit is None:
        choices = list(units_in_scope(request.roles, Action.REPORT).order_by("path"))
        status = 400 if request.method == "POST" else 200
        return render(
            request, "workenv/action_choose_unit.html", {"units": choices, "refused": status == 400}, status=status
        )
    require(request, Action.REPORT, unit)
    action.unit = unit
    return _action_form(request, unit, action, _("Ny åtgärd"))


def action_edit(request, region_slug, pk):
    """Change an action (REPORT on its unit)."""
    action = get_object_or_404(
        WorkAction.objects.select_related("unit", "incident", "risk__assessment", "safety_round"), pk=pk
    )
    require(request, Action.REPORT, action.unit)
    return _action_form(request, action.unit, action, _("Ändra åtgärd"))


def _action_form(request, unit, action, title):
    form = WorkActionForm(form_data(request), instance=action, unit=unit)
    if request.method == "POST" and form.is_valid() and save_or_explain(form, form.save):
        messages.success(request, _("Åtgärden är sparad."))
        return redirect(f"{reverse('we_action_plan', args=[request.region.slug])}?enhet={unit.pk}")
    context = {"form": form, "unit": unit, "action": action, "title": title}
    return render(request, "workenv/action_form.html", context, status=form_status(request, form))


# --- follow-up on Min uppföljning -------------------------------------------------------------


def _action_row(request, pk, period_code) -> owed_actions.ActionRow:
    """An action's row in a period: 404 unless it is followed up in that period."""
    action = get_object_or_404(WorkAction.objects.select_related("unit"), pk=pk)
    require(request, Action.REPORT, action.unit)
    period = entry.reporting_period(request, period_code)
    rows = [
        r
        for r in owed_actions.action_rows(period, Q(pk=action.unit_id), timezone.localdate())
        if r.action.pk == action.pk
    ]
    if not rows:
        raise Http404
    return rows[0]


@transaction.atomic
def save_followup(row, data: dict, user) -> WorkActionUpdate:
    """Save an action's follow-up in the period and its status (and the day it was done).
    `seen` is when the period's follow-up was last saved as the form read it: a newer save
    is a Conflict, and nothing is written."""
    if not row.open:
        raise ValidationError(
            _("Sista rapportdag för %(period)s har passerat. Be en controller att öppna igen.") % {"period": row.period}
        )
    action = WorkAction.objects.select_for_update().get(pk=row.action.pk)
    update = WorkActionUpdate.objects.filter(action=action, period=row.period).first()
    if update is not None and update.updated_at.isoformat() != (data.get("seen") or ""):
        raise entry.Conflict(update)
    update = update or WorkActionUpdate(action=action, period=row.period)
    update.status = data["status"]
    update.comment = data.get("comment", "")
    update.updated_by = user
    update.save()
    action.status = data["status"]
    action.done_on = data.get("done_on")
    action.save()
    return update


@require_POST
def action_followup(request, region_slug, pk, period_code):
    """Save an action's follow-up in a period (status and comment), as a row."""
    row = _action_row(request, pk, period_code)
    if not access.may_keep(request.roles, row.unit):
        raise PermissionDenied

    def reload():
        fresh = _action_row(request, pk, period_code)
        return fresh, ActionFollowupForm(row=fresh)

    def refused(row, form, conflict, status, chosen):
        context = {"row": row, "form": form, "conflict": conflict, "period": row.period, "chosen_unit": chosen}
        return render(request, "workenv/action_followup.html", context, status=status)

    return entry.save_and_answer(
        request,
        row=row,
        form=ActionFollowupForm(request.POST, row=row, today=timezone.localdate()),
        save=lambda data: save_followup(row, data, request.user),
        reload=reload,
        partial="workenv/action_row.html",
        refused=refused,
    )
