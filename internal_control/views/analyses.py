"""A unit's risk analysis and internal-control plan for a year: the index of the units, the
page, creating it, its states (adopt, close, reopen), copying it to next year and its history.

Who may do what is written once, in internal_control.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from internal_control import access, services
from internal_control.forms import AdoptAnalysisForm
from internal_control.models import Control, ControlResult, Risk, RiskAction, RiskAnalysis
from regionplan import riskmatrix
from regionplan.models import AuditEntry, OrgUnit
from regionplan.params import YEARS, parse_int, parse_year
from regionplan.people import with_names
from regionplan.permissions import WHOLE_REGION, Action, has_permission, require, units_in_scope
from regionplan.views.common import form_data, form_status


def year_or_this(value) -> int:
    return parse_year(value) or timezone.localdate().year


def unit_and_year(unit_pk, year) -> OrgUnit:
    """The unit of an analysis URL; a year outside any plausible plan period is a 404."""
    if year not in YEARS:
        raise Http404
    return get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)


def analysis_or_404(request, unit_pk, year) -> RiskAnalysis:
    """The analysis of the URL as the user may read it: VIEW on the unit, and a draft only
    for those who report for the unit (a reader is refused, as for a draft plan)."""
    unit = unit_and_year(unit_pk, year)
    require(request, Action.VIEW, unit)
    analysis = get_object_or_404(RiskAnalysis.objects.select_related("unit", "matrix"), unit=unit, year=year)
    if analysis.state == RiskAnalysis.DRAFT and not access.may_read_drafts(request.roles, unit):
        raise PermissionDenied
    return analysis


def index(request, region_slug):
    """The units the user may see, each with its analysis of the year (state, risks, the
    plan's controls): where a controller or a manager starts."""
    require(request, Action.VIEW)
    year = year_or_this(request.GET.get("ar"))
    units = list(units_in_scope(request.roles, Action.VIEW).select_related("kind").order_by("path"))
    analyses = {
        a.unit_id: a
        for a in access.readable_analyses(request.roles)
        .filter(year=year)
        .annotate(
            risk_count=Count("risks", distinct=True),
            planned=Count("risks", filter=Q(risks__in_plan=True), distinct=True),
            control_count=Count("risks__controls", distinct=True),
        )
    }
    rows = [(unit, analyses.get(unit.pk), access.may_read_drafts(request.roles, unit)) for unit in units]
    return render(
        request,
        "internal_control/index.html",
        {
            "rows": rows,
            "year": year,
            "years": range(year - 2, year + 3),
            "may_configure": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
        },
    )


def analysis(request, region_slug, unit_pk, year):
    """The unit's risk analysis and internal-control plan, with the risks of the units above
    (read-only) and the heat maps. Without an analysis: who may start one can."""
    unit = unit_and_year(unit_pk, year)
    require(request, Action.VIEW, unit)
    today = timezone.localdate()
    view = services.load_analysis(unit, year, access.readable_analyses(request.roles), today)
    own = view.analysis
    cell = _cell(request, view)
    if cell:
        which, likelihood, impact = cell
        view.rows = [
            row
            for row in view.rows
            if (getattr(row.risk, f"{which}_likelihood"), getattr(row.risk, f"{which}_impact")) == (likelihood, impact)
            and row.risk.change != Risk.ENDED
        ]
    return render(
        request,
        "internal_control/analysis.html",
        {
            "view": view,
            "unit": unit,
            "year": year,
            "years": range(year - 2, year + 3),
            "today": today,
            "may_keep": own is not None and access.may_keep(request.roles, own),
            "may_start": own is None and access.may_read_drafts(request.roles, unit),
            "may_adopt": access.may_adopt(request.roles, unit),
            "may_reopen": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
            "may_report": has_permission(request.roles, Action.REPORT, unit),
            "may_audit": has_permission(request.roles, Action.AUDIT, unit),
            "adopt_form": AdoptAnalysisForm(initial={"adopted_on": today}),
            "impacts": riskmatrix.impact_names(view.matrix.definition),
            "heat": [
                ("net", _("Netto: med befintliga åtgärder"), view.heat("net")),
                ("gross", _("Brutto: utan åtgärder"), view.heat("gross")),
            ],
            "cell": cell and riskmatrix.cell_label(view.matrix.definition, cell[1], cell[2]),
            "cell_which": cell and cell[0],
        },
    )


def _cell(request, view):
    """The heat map's cell a link asked for (?varde=net&s=3&k=4): (which, likelihood, impact),
    or None (also for a cell outside the analysis' matrix)."""
    which = request.GET.get("varde")
    likelihood, impact = parse_int(request.GET.get("s")), parse_int(request.GET.get("k"))
    if which not in ("net", "gross") or not riskmatrix.in_matrix(view.matrix.definition, likelihood, impact):
        return None
    return which, likelihood, impact


@require_POST
def analysis_create(request, region_slug, unit_pk, year):
    """Start the unit's analysis of the year as a draft (who reports for the unit)."""
    unit = unit_and_year(unit_pk, year)
    require(request, Action.REPORT, unit)
    services.ensure_analysis(unit, year)
    messages.success(request, _("Riskanalysen för %(year)s är skapad som utkast.") % {"year": year})
    return redirect("ic_analysis", region_slug=region_slug, unit_pk=unit.pk, year=year)


def analysis_adopt(request, region_slug, unit_pk, year):
    """Adopt the analysis and its plan with the decision (controllers: PLAN on the unit)."""
    analysis = analysis_or_404(request, unit_pk, year)
    if not access.may_adopt(request.roles, analysis.unit):
        raise PermissionDenied
    form = AdoptAnalysisForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adopt(analysis, data["adopted_on"], data["decision_ref"], data["diary_number"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Riskanalysen och internkontrollplanen är fastställda."))
            return redirect("ic_analysis", region_slug=region_slug, unit_pk=analysis.unit_id, year=year)
    return render(
        request,
        "internal_control/adopt.html",
        {"form": form, "analysis": analysis, "unit": analysis.unit, "year": year},
        status=form_status(request, form),
    )


@require_POST
def analysis_close(request, region_slug, unit_pk, year):
    analysis = analysis_or_404(request, unit_pk, year)
    if not access.may_adopt(request.roles, analysis.unit):
        raise PermissionDenied
    return _state_change(request, analysis, services.close, _("Riskanalysen är stängd. Den finns kvar att läsa."))


@require_POST
def analysis_reopen(request, region_slug, unit_pk, year):
    """Back to draft: for those who plan for the whole region only, since it undoes a decision."""
    analysis = analysis_or_404(request, unit_pk, year)
    require(request, Action.PLAN, WHOLE_REGION)
    return _state_change(request, analysis, services.reopen, _("Riskanalysen är ett utkast igen."))


def _state_change(request, analysis, change, message):
    try:
        change(analysis)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect("ic_analysis", region_slug=request.region.slug, unit_pk=analysis.unit_id, year=analysis.year)


@require_POST
def analysis_copy(request, region_slug, unit_pk, year):
    """Copy the analysis, its risks and controls to next year (PLAN on the unit)."""
    analysis = analysis_or_404(request, unit_pk, year)
    if not access.may_adopt(request.roles, analysis.unit) or year + 1 not in YEARS:
        raise PermissionDenied
    try:
        report = services.copy_to_next_year(analysis)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ic_analysis", region_slug=region_slug, unit_pk=analysis.unit_id, year=year)
    message = _(
        "%(risks)s risker och %(controls)s kontrollmoment är kopierade till %(year)s; varje risk är markerad "
        "Kvarstår tills ni ändrar det. %(ended)s avslutade risker lämnades kvar."
    ) % {"risks": report.risks, "controls": report.controls, "year": year + 1, "ended": report.ended}
    if report.revalue:
        message += " " + _("%(n)s värderingar låg utanför årets riskmatris och behöver göras om.") % {
            "n": report.revalue
        }
    messages.success(request, message)
    return redirect("ic_analysis", region_slug=region_slug, unit_pk=analysis.unit_id, year=year + 1)


def analysis_history(request, region_slug, unit_pk, year):
    """What changed in the analysis, its risks, controls, results and actions, newest first."""
    analysis = analysis_or_404(request, unit_pk, year)
    require(request, Action.AUDIT, analysis.unit)
    ids = {
        "riskanalysis": [analysis.pk],
        "risk": list(Risk.objects.filter(analysis=analysis).values_list("pk", flat=True)),
        "control": list(Control.objects.filter(risk__analysis=analysis).values_list("pk", flat=True)),
        "controlresult": list(
            ControlResult.objects.filter(control__risk__analysis=analysis).values_list("pk", flat=True)
        ),
        "riskaction": list(RiskAction.objects.filter(risk__analysis=analysis).values_list("pk", flat=True)),
    }
    wanted = Q(pk__in=[])
    for model, pks in ids.items():
        wanted |= Q(content_type__app_label="internal_control", content_type__model=model, object_id__in=pks)
    entries = with_names(
        AuditEntry.objects.filter(wanted).select_related("actor", "content_type").order_by("-at")[:500], "actor"
    )
    return render(
        request,
        "internal_control/history.html",
        {"analysis": analysis, "unit": analysis.unit, "year": year, "entries": entries},
    )
