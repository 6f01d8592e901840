"""A risk of a unit's analysis and its kontrollmoment: the risk's page, adding, changing,
removing and lifting a risk, and keeping its controls. Changes only in a draft, by those who
report for the unit (internal_control.access.may_keep)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals.models import Levels, PlanItem
from internal_control import access, rules, services
from internal_control.forms import ControlForm, RiskForm
from internal_control.models import Control, ControlResult, Risk, RiskAction, RiskAnalysis
from internal_control.views.analyses import analysis_or_404
from regionplan import riskmatrix
from regionplan.models.organisation import path_ids
from regionplan.permissions import Action, has_permission, require
from regionplan.views.common import form_data, form_status


def risk_or_404(request, pk) -> Risk:
    """A risk the user may read: VIEW on its unit, and readers only in adopted analyses."""
    risk = get_object_or_404(
        Risk.objects.select_related("analysis__unit", "analysis__matrix", "category", "owner", "lifted_from"), pk=pk
    )
    require(request, Action.VIEW, risk.analysis.unit)
    if risk.analysis.state == RiskAnalysis.DRAFT and not access.may_read_drafts(request.roles, risk.analysis.unit):
        raise PermissionDenied
    return risk


def _keepable(request, analysis) -> None:
    """Refuse a change the user may not make, or one to an adopted analysis (with why)."""
    if not has_permission(request.roles, Action.REPORT, analysis.unit):
        raise PermissionDenied
    services.refuse_if_locked(analysis)


def threatened_items(analysis):
    """What a risk may threaten: the goals, success factors and assignments of the year's
    plans of the analysis' unit and the units above it (the red thread it belongs to)."""
    return (
        PlanItem.objects.filter(
            plan__year=analysis.year,
            plan__unit__in=path_ids(analysis.unit.path),
            level__in=[Levels.GOAL, Levels.FACTOR, Levels.ASSIGNMENT],
        )
        .select_related("plan__unit")
        .order_by("path")
    )


def _refused(request, analysis, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect("ic_analysis", region_slug=request.region.slug, unit_pk=analysis.unit_id, year=analysis.year)


def risk_new(request, region_slug, unit_pk, year):
    analysis = analysis_or_404(request, unit_pk, year)
    try:
        _keepable(request, analysis)
    except ValidationError as error:
        return _refused(request, analysis, error)
    risk = Risk(analysis=analysis, number=services.next_number(analysis), change=Risk.NEW)
    return _risk_form(request, analysis, risk, _("Ny risk"))


def risk_edit(request, region_slug, pk):
    risk = risk_or_404(request, pk)
    try:
        _keepable(request, risk.analysis)
    except ValidationError as error:
        return _refused(request, risk.analysis, error)
    return _risk_form(request, risk.analysis, risk, _("Ändra risk %(n)s") % {"n": risk.number})


def _risk_form(request, analysis, risk, title):
    form = RiskForm(form_data(request), instance=risk, analysis=analysis, threatened_items=threatened_items(analysis))
    if request.method == "POST" and form.is_valid():
        risk = form.save()
        messages.success(request, _("Risk %(n)s ”%(name)s” är sparad.") % {"n": risk.number, "name": risk.name})
        return redirect("ic_risk", region_slug=request.region.slug, pk=risk.pk)
    return render(
        request,
        "internal_control/risk_form.html",
        {
            "form": form,
            "risk": risk,
            "analysis": analysis,
            "unit": analysis.unit,
            "year": analysis.year,
            "title": title,
        },
        status=form_status(request, form),
    )


def risk_detail(request, region_slug, pk):
    """The risk: what it is, its valuations as cells of the matrix, its controls with their
    results, its actions, where it was lifted from or to."""
    risk = risk_or_404(request, pk)
    analysis = risk.analysis
    definition = analysis.matrix.definition
    today = timezone.localdate()
    controls = list(
        Control.objects.filter(risk=risk)
        .select_related("unit", "responsible")
        .prefetch_related(Prefetch("results", queryset=ControlResult.objects.order_by("due_on")))
    )
    for control in controls:
        for result in control.results.all():
            result.status = rules.outcome_status(result.outcome)
    actions = list(
        RiskAction.objects.filter(risk=risk)
        .select_related("owner", "result__control")
        .prefetch_related("updates__period")
    )
    lifted_to = list(Risk.objects.filter(lifted_from=risk).select_related("analysis__unit"))
    row = services.risk_row(risk, definition)
    grids = [
        (
            label,
            riskmatrix.marked_grid(definition, getattr(risk, f"{key}_likelihood"), getattr(risk, f"{key}_impact")),
            text,
        )
        for key, label, text in (
            ("gross", _("Brutto"), row.gross_label),
            ("net", _("Netto"), row.net_label),
            ("target", _("Mål"), row.target_label),
        )
    ]
    return render(
        request,
        "internal_control/risk_detail.html",
        {
            "risk": risk,
            "analysis": analysis,
            "unit": analysis.unit,
            "year": analysis.year,
            "row": row,
            "grids": grids,
            "controls": controls,
            "actions": actions,
            "lifted_to": lifted_to,
            "today": today,
            "may_keep": access.may_keep(request.roles, analysis),
            "may_report": has_permission(request.roles, Action.REPORT, analysis.unit),
            "may_lift": analysis.unit.parent_id is not None
            and has_permission(request.roles, Action.REPORT, analysis.unit)
            and not lifted_to,
            "overdue": {a.pk for a in actions if rules.action_overdue(a.status, a.deadline, today)},
        },
    )


def risk_delete(request, region_slug, pk):
    """Remove a risk from a draft (GET asks first; its controls go with it)."""
    risk = risk_or_404(request, pk)
    analysis = risk.analysis
    try:
        _keepable(request, analysis)
    except ValidationError as error:
        return _refused(request, analysis, error)
    if request.method == "POST":
        risk.delete()
        messages.success(request, _("Risk %(n)s ”%(name)s” är borttagen.") % {"n": risk.number, "name": risk.name})
        return redirect("ic_analysis", region_slug=region_slug, unit_pk=analysis.unit_id, year=analysis.year)
    return render(
        request,
        "internal_control/confirm_delete.html",
        {
            "unit": analysis.unit,
            "year": analysis.year,
            "title": _("Ta bort risk %(n)s") % {"n": risk.number},
            "question": _("Ta bort risk %(n)s ”%(name)s” och dess kontrollmoment ur analysen?")
            % {"n": risk.number, "name": risk.name},
            "back": risk,
        },
    )


@require_POST
def risk_lift(request, region_slug, pk):
    """Lift the risk to the analysis of the unit above (who reports for the risk's unit)."""
    risk = risk_or_404(request, pk)
    require(request, Action.REPORT, risk.analysis.unit)
    try:
        lifted = services.lift(risk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ic_risk", region_slug=region_slug, pk=risk.pk)
    messages.success(
        request,
        _("Risken är lyft till %(unit)s som risk %(n)s, för enheten att värdera och besluta om.")
        % {"unit": lifted.analysis.unit.name, "n": lifted.number},
    )
    return redirect("ic_risk", region_slug=region_slug, pk=risk.pk)


# --- controls ---------------------------------------------------------------------------------


def control_new(request, region_slug, risk_pk):
    risk = risk_or_404(request, risk_pk)
    try:
        _keepable(request, risk.analysis)
    except ValidationError as error:
        return _refused(request, risk.analysis, error)
    order = Control.objects.filter(risk=risk).count()
    control = Control(risk=risk, unit=risk.analysis.unit, order=order)
    return _control_form(request, risk, control, _("Nytt kontrollmoment för risk %(n)s") % {"n": risk.number})


def _control_or_404(request, pk) -> Control:
    control = get_object_or_404(Control.objects.select_related("risk"), pk=pk)
    control.risk = risk_or_404(request, control.risk_id)
    return control


def control_edit(request, region_slug, pk):
    control = _control_or_404(request, pk)
    try:
        _keepable(request, control.risk.analysis)
    except ValidationError as error:
        return _refused(request, control.risk.analysis, error)
    return _control_form(request, control.risk, control, _("Ändra kontrollmoment"))


def _control_form(request, risk, control, title):
    def saved(form):
        form.save()
        if not risk.in_plan:  # a risk with a control is a risk of the plan
            risk.in_plan = True
            risk.save()
        return _("Kontrollmomentet är sparat.")

    form = ControlForm(form_data(request), instance=control, risk=risk)
    return risk_part_form(request, risk, form, saved, title, _("Spara kontrollmomentet"))


def risk_part_form(request, risk, form, saved, title, submit):
    """The page of a form for something of a risk (a control, an action): `saved(form)`
    writes a valid form and returns the message; then back to the risk's page."""
    if request.method == "POST" and form.is_valid():
        messages.success(request, saved(form))
        return redirect("ic_risk", region_slug=request.region.slug, pk=risk.pk)
    analysis = risk.analysis
    context = {
        "form": form,
        "risk": risk,
        "analysis": analysis,
        "unit": analysis.unit,
        "year": analysis.year,
        "title": title,
        "submit": submit,
    }
    return render(request, "internal_control/risk_part_form.html", context, status=form_status(request, form))


def control_delete(request, region_slug, pk):
    control = _control_or_404(request, pk)
    risk = control.risk
    try:
        _keepable(request, risk.analysis)
    except ValidationError as error:
        return _refused(request, risk.analysis, error)
    if ControlResult.objects.filter(control=control).exists():
        return _refused(
            request,
            risk.analysis,
            ValidationError(_("Kontrollmomentet har resultat och kan inte tas bort; de hör till årets uppföljning.")),
        )
    if request.method == "POST":
        control.delete()
        messages.success(request, _("Kontrollmomentet är borttaget."))
        return redirect("ic_risk", region_slug=region_slug, pk=risk.pk)
    return render(
        request,
        "internal_control/confirm_delete.html",
        {
            "unit": risk.analysis.unit,
            "year": risk.analysis.year,
            "title": _("Ta bort kontrollmoment"),
            "question": _("Ta bort kontrollmomentet ”%(what)s” ur planen?") % {"what": control.what},
            "back": risk,
        },
    )
