"""Risk assessments (riskbedömning): a unit's list, a new one (a known risk, from a safety
round, from an incident, or ahead of a change), and its page with the risks valued on the
region's matrix (the core's, as in internal control), a heat map with its table, and a
"Ny åtgärd" into the action plan for each risk."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import riskmatrix
from regionplan.models import OrgUnit, RiskMatrix
from regionplan.params import int_or_404
from regionplan.permissions import Action, has_permission, require, units_in_scope
from regionplan.views.common import form_data, form_status, save_or_explain
from workenv import access
from workenv.forms_actions import AssessmentForm, WorkRiskForm
from workenv.models import Incident, RiskAssessment, SafetyRound, WorkRisk


def assessments(request, region_slug):
    """The risk assessments of a unit and the units under it (`?enhet=`), or of every unit
    the user sees, newest first, with their number of risks: two queries."""
    require(request, Action.VIEW)
    scope = access.readable_q(request.roles)
    unit = None
    if request.GET.get("enhet"):
        unit = get_object_or_404(OrgUnit.objects.all(), pk=int_or_404(request.GET["enhet"]))
        require(request, Action.VIEW, unit)
        scope &= Q(unit__path__startswith=unit.path)
    found = list(
        RiskAssessment.objects.filter(scope)
        .select_related("unit")
        .annotate(risk_count=Count("risks"))
        .order_by("-assessed_on", "pk")
    )
    units = list(units_in_scope(request.roles, Action.VIEW).order_by("path").only("pk", "name", "code", "depth"))
    may_add = access.may_keep(request.roles, unit) if unit else has_permission(request.roles, Action.REPORT)
    context = {"assessments": found, "unit": unit, "units": units, "may_add": may_add}
    return render(request, "workenv/assessment_list.html", context)


def assessment_new(request, region_slug):
    """A new risk assessment of a unit (REPORT on it): `?enhet=`, or from a safety round
    (`?rond=`) or an incident (`?handelse=`), which give the unit and the reason. It is
    valued on the region's newest matrix."""
    require(request, Action.REPORT)
    params = request.POST if request.method == "POST" else request.GET
    assessment = RiskAssessment(assessed_on=timezone.localdate(), reason=RiskAssessment.HAZARD)
    unit = None
    if params.get("rond"):
        round_ = get_object_or_404(SafetyRound.objects.select_related("unit"), pk=int_or_404(params["rond"]))
        assessment.safety_round, assessment.reason, unit = round_, RiskAssessment.ROUND, round_.unit
    elif params.get("handelse"):
        incident = get_object_or_404(Incident.objects.select_related("unit"), pk=int_or_404(params["handelse"]))
        assessment.incident, assessment.reason, unit = incident, RiskAssessment.INCIDENT, incident.unit
    elif params.get("enhet"):
        unit = get_object_or_404(OrgUnit.objects.all(), pk=int_or_404(params["enhet"]))
    if unit is None:
        choices = list(units_in_scope(request.roles, Action.REPORT).order_by("path"))
        status = 400 if request.method == "POST" else 200
        context = {"units": choices, "refused": status == 400}
        return render(request, "workenv/assessment_choose_unit.html", context, status=status)
    require(request, Action.REPORT, unit)
    assessment.unit = unit
    form = AssessmentForm(form_data(request), instance=assessment)

    def save():
        form.instance.matrix = RiskMatrix.for_valuation()
        form.save()

    if request.method == "POST" and form.is_valid() and save_or_explain(form, save):
        messages.success(request, _("Riskbedömningen är skapad. Lägg till riskerna."))
        return redirect("we_assessment", region_slug=region_slug, pk=form.instance.pk)
    context = {"form": form, "unit": unit, "assessment": assessment, "title": _("Ny riskbedömning")}
    return render(request, "workenv/assessment_form.html", context, status=form_status(request, form))


def _assessment_or_404(request, pk, action=Action.VIEW) -> RiskAssessment:
    assessment = get_object_or_404(
        RiskAssessment.objects.select_related("unit", "matrix", "safety_round", "incident"), pk=pk
    )
    require(request, action, assessment.unit)
    return assessment


def assessment_edit(request, region_slug, pk):
    """Change an assessment's title, reason, description, date and participants (REPORT)."""
    assessment = _assessment_or_404(request, pk, Action.REPORT)
    form = AssessmentForm(form_data(request), instance=assessment)
    if request.method == "POST" and form.is_valid() and save_or_explain(form, form.save):
        messages.success(request, _("Riskbedömningen är sparad."))
        return redirect("we_assessment", region_slug=region_slug, pk=assessment.pk)
    context = {"form": form, "unit": assessment.unit, "assessment": assessment, "title": _("Ändra riskbedömning")}
    return render(request, "workenv/assessment_form.html", context, status=form_status(request, form))


def assessment(request, region_slug, pk):
    """An assessment: its facts, its risks with their values in words and icon, the heat map
    (SVG and a table), and for those who keep it, the forms to add and change risks."""
    assessment = _assessment_or_404(request, pk)
    definition = assessment.matrix.definition
    risks = list(assessment.risks.annotate(action_count=Count("actions")).order_by("number"))
    cell_counts = riskmatrix.counts((r.likelihood, r.impact) for r in risks)
    rows = [
        {
            "risk": r,
            "status": riskmatrix.cell_status(definition, r.likelihood, r.impact),
            "label": riskmatrix.cell_label(definition, r.likelihood, r.impact),
        }
        for r in risks
    ]
    may_keep = access.may_keep(request.roles, assessment.unit)
    title = _("Riskkarta: %(title)s") % {"title": assessment.title}
    context = {
        "assessment": assessment,
        "unit": assessment.unit,
        "rows": rows,
        "may_keep": may_keep,
        # Built by the core from numbers and escaped labels only: safe to embed.
        "heat_svg": mark_safe(riskmatrix.heatmap_svg(definition, cell_counts, title)),  # noqa: S308
        "heat_rows": riskmatrix.heat_rows(definition, cell_counts),
        "impacts": riskmatrix.impact_names(definition),
        "heat_caption": title,
        "unvalued": cell_counts.get((None, None), 0),
        "form": WorkRiskForm(definition=definition) if may_keep else None,
    }
    return render(request, "workenv/assessment.html", context)


def assessment_risk_new(request, region_slug, pk):
    """Add a risk to an assessment (REPORT on its unit), numbered after the last."""
    assessment = _assessment_or_404(request, pk, Action.REPORT)
    risk = WorkRisk(assessment=assessment)
    return _risk_form(request, assessment, risk, _("Ny risk"))


def _risk_of(request, pk) -> WorkRisk:
    risk = get_object_or_404(WorkRisk.objects.select_related("assessment__unit", "assessment__matrix"), pk=pk)
    require(request, Action.REPORT, risk.assessment.unit)
    return risk


def assessment_risk_edit(request, region_slug, pk):
    """Change a risk: what can happen, its valuation and the measures (REPORT)."""
    risk = _risk_of(request, pk)
    return _risk_form(request, risk.assessment, risk, _("Ändra risk %(n)s") % {"n": risk.number})


def _risk_form(request, assessment, risk, title):
    form = WorkRiskForm(form_data(request), instance=risk, definition=assessment.matrix.definition)

    def save():
        if risk.pk is None:
            # The next number within the assessment (the unique constraint guards a race).
            last = WorkRisk.objects.filter(assessment=assessment).aggregate(n=Max("number"))["n"] or 0
            form.instance.number = last + 1
        form.save()

    if request.method == "POST" and form.is_valid() and save_or_explain(form, save):
        messages.success(request, _("Risken är sparad."))
        return redirect(f"{reverse('we_assessment', args=[request.region.slug, assessment.pk])}#risk-{risk.pk}")
    context = {"form": form, "assessment": assessment, "unit": assessment.unit, "risk": risk, "title": title}
    return render(request, "workenv/assessment_risk_form.html", context, status=form_status(request, form))


@require_POST
def assessment_risk_delete(request, region_slug, pk):
    """Delete a risk (REPORT); its actions stay in the plan, without the link."""
    risk = _risk_of(request, pk)
    assessment_pk = risk.assessment_id
    risk.delete()
    messages.success(request, _("Risk %(n)s är borttagen.") % {"n": risk.number})
    return redirect("we_assessment", region_slug=region_slug, pk=assessment_pk)
