"""Controls during the year: a control's result for one occurrence (a row on Min uppföljning,
saved the way follow-up's rows are: followup/entry.py), its page with the evidence and its
actions, and an action's follow-up per period.

Reporting needs REPORT on the control's unit (the "Verksamhet" doing it); reading, VIEW.
Only the controls of adopted (or closed) plans are reported on."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup import entry
from internal_control import owed, rules, services
from internal_control.forms import ActionFollowupForm, ActionForm, EvidenceForm, ResultForm
from internal_control.models import Control, ControlResult, Evidence, RiskAction
from internal_control.views.risks import risk_or_404, risk_part_form
from regionplan.models import Period
from regionplan.permissions import Action, has_permission, require
from regionplan.views.common import form_data


def _result_row(request, control_pk, code, action: Action) -> owed.ResultRow:
    """The row of a control's occurrence, as Min uppföljning shows it: 404 unless the control
    is in an adopted plan, the occurrence is one its frequency makes, and a reporting period
    of the region holds it."""
    control = get_object_or_404(
        Control.objects.select_related("risk__analysis__unit", "unit", "responsible"),
        pk=control_pk,
        risk__analysis__state__in=owed.FOLLOWED,
    )
    require(request, action, control.unit)
    year = control.risk.analysis.year
    occurrence = next((o for o in rules.occurrences(control.frequency, year, control.due_on) if o.code == code), None)
    if occurrence is None:
        raise Http404
    periods = {(p.kind, p.start.year, p.number): p for p in Period.reporting(request.region).filter(year__year=year)}
    owing = rules.owing_period(occurrence.due, list(periods))
    if owing is None:
        raise Http404
    period = periods[owing]
    result = (
        ControlResult.objects.filter(control=control, occurrence=code)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("actions", queryset=RiskAction.objects.select_related("owner")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
        )
        .first()
    )
    today = timezone.localdate()
    # A closed year's results are read, not changed.
    still_owed = control.risk.analysis.state in owed.OWED
    return owed.ResultRow(
        control, occurrence, result, control.unit, period, still_owed and entry.is_open(period, control.unit, today)
    )


def result_page(request, region_slug, pk, occurrence):
    """A control's occurrence: the result (to report, for who reports for its unit), the
    evidence and the actions it led to."""
    row = _result_row(request, pk, occurrence, Action.VIEW)
    may_report = has_permission(request.roles, Action.REPORT, row.unit)
    return _page(request, row, ResultForm(row=row) if may_report else None, may_report)


def _page(request, row, form, may_report, conflict=None, status=200, evidence_form=None):
    return render(
        request,
        "internal_control/result.html",
        {
            "row": row,
            "form": form,
            "conflict": conflict,
            "may_report": may_report,
            "control": row.control,
            "risk": row.control.risk,
            "unit": row.control.risk.analysis.unit,
            "year": row.control.risk.analysis.year,
            "period": row.period,
            "evidence_form": evidence_form or EvidenceForm(),
            "status_of": rules.outcome_status(row.result.outcome if row.result else ""),
        },
        status=status,
    )


@require_POST
def result_save(request, region_slug, pk, occurrence):
    """Save one occurrence's result, answered as every row of Min uppföljning is
    (followup.entry.save_and_answer). Every parameter is read before anything is written."""
    row = _result_row(request, pk, occurrence, Action.REPORT)

    def reload():
        fresh = _result_row(request, pk, occurrence, Action.REPORT)
        return fresh, ResultForm(row=fresh)

    return entry.save_and_answer(
        request,
        row=row,
        form=ResultForm(request.POST, row=row, today=timezone.localdate()),
        save=lambda data: services.save_result(row, data, request.user),
        reload=reload,
        partial="internal_control/_result_row.html",
        refused=lambda row, form, conflict, status, chosen: _page(request, row, form, True, conflict, status),
    )


# --- evidence -----------------------------------------------------------------------------------


@require_POST
def evidence_upload(request, region_slug, pk, occurrence):
    """Attach a file to a result as evidence: size-limited, its type checked against its
    content, stored under the region with its SHA-256."""
    row = _result_row(request, pk, occurrence, Action.REPORT)
    if row.result is None:
        raise Http404  # evidence belongs to a reported result
    form = EvidenceForm(request.POST, request.FILES)
    if not row.open:
        form.add_error(None, _("Sista rapportdag har passerat: underlag kan inte läggas till."))
    if form.is_valid() and row.open:
        upload = form.cleaned_data["file"]
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        Evidence.objects.create(
            result=row.result,
            file=upload,
            name=form.cleaned_data["name"],
            content_type=form.cleaned_data["content_type"],
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_by=request.user,
        )
        messages.success(request, _("Underlaget ”%(name)s” är sparat.") % {"name": form.cleaned_data["name"]})
        return redirect("ic_result", region_slug=region_slug, pk=pk, occurrence=occurrence)
    return _page(request, row, ResultForm(row=row), True, status=400, evidence_form=form)


def _evidence(request, pk, action: Action) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("result__control__unit"), pk=pk)
    require(request, action, evidence.result.control.unit)
    return evidence


def evidence_download(request, region_slug, pk):
    """The file as it was uploaded, as an attachment under its own name."""
    evidence = _evidence(request, pk, Action.VIEW)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=evidence.name, content_type=evidence.content_type)


@require_POST
def evidence_delete(request, region_slug, pk):
    evidence = _evidence(request, pk, Action.REPORT)
    result = evidence.result
    row = _result_row(request, result.control_id, result.occurrence, Action.REPORT)
    if not row.open:
        messages.error(request, _("Sista rapportdag har passerat: underlaget kan inte tas bort."))
    else:
        evidence.file.delete(save=False)
        evidence.delete()
        messages.success(request, _("Underlaget ”%(name)s” är borttaget.") % {"name": evidence.name})
    return redirect("ic_result", region_slug=region_slug, pk=result.control_id, occurrence=result.occurrence)


# --- actions ------------------------------------------------------------------------------------


def _action_row(request, pk, period_code) -> owed.ActionRow:
    """An action's row in a period: 404 unless it is followed up in that period (owed)."""
    action = get_object_or_404(
        RiskAction.objects.select_related("risk__analysis__unit", "result__control__unit"), pk=pk
    )
    unit = action.result.control.unit if action.result_id else action.risk.analysis.unit
    require(request, Action.REPORT, unit)
    period = entry.reporting_period(request, period_code)
    rows = [r for r in owed.action_rows(period, Q(pk=unit.pk), timezone.localdate()) if r.action.pk == action.pk]
    if not rows:
        raise Http404
    return rows[0]


@require_POST
def action_followup(request, region_slug, pk, period_code):
    """Save an action's follow-up in a period (its status and a comment), as a row."""
    row = _action_row(request, pk, period_code)

    def reload():
        fresh = _action_row(request, pk, period_code)
        return fresh, ActionFollowupForm(row=fresh)

    def refused(row, form, conflict, status, chosen):
        context = {"row": row, "form": form, "conflict": conflict, "period": row.period, "chosen_unit": chosen}
        return render(request, "internal_control/action_followup.html", context, status=status)

    return entry.save_and_answer(
        request,
        row=row,
        form=ActionFollowupForm(request.POST, row=row, today=timezone.localdate()),
        save=lambda data: services.save_action_followup(row, data),
        reload=reload,
        partial="internal_control/_action_row.html",
        refused=refused,
    )


def action_new(request, region_slug, risk_pk):
    """An action for a risk (its handlingsplan), by who reports for the risk's unit; also
    after adoption, since actions are what the year's work is."""
    risk = risk_or_404(request, risk_pk)
    if not has_permission(request.roles, Action.REPORT, risk.analysis.unit):
        raise PermissionDenied
    return _action_form(request, risk, RiskAction(risk=risk), _("Ny åtgärd för risk %(n)s") % {"n": risk.number})


def action_edit(request, region_slug, pk):
    action = get_object_or_404(RiskAction.objects.select_related("result__control__unit"), pk=pk)
    risk = risk_or_404(request, action.risk_id)
    unit = action.result.control.unit if action.result_id else risk.analysis.unit
    if not has_permission(request.roles, Action.REPORT, unit):
        raise PermissionDenied
    action.risk = risk
    return _action_form(request, risk, action, _("Ändra åtgärd"))


def _action_form(request, risk, action, title):
    def saved(form):
        form.save()
        return _("Åtgärden är sparad.")

    form = ActionForm(form_data(request), instance=action, unit=risk.analysis.unit)
    return risk_part_form(request, risk, form, saved, title, _("Spara åtgärden"))
