"""Internal control's Excel files: a unit's risk analysis out and in (the layout of seed 002's
Bilaga 16, internal_control/excel.py) and its internal-control plan with the results out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from internal_control import excel
from internal_control.access import readable_analyses
from internal_control.models import RiskAnalysis
from regionplan import xlsx
from regionplan.forms import UploadForm
from regionplan.models import OrgUnit
from regionplan.params import YEARS
from regionplan.permissions import Action, require
from regionplan.views.common import form_data, form_files, form_status


def _unit(unit_pk, year) -> OrgUnit:
    """The unit of the URL (another region's is a 404), and a year no analysis can have a 404."""
    if year not in YEARS:
        raise Http404
    return get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)


def _readable(request, unit_pk, year) -> RiskAnalysis:
    """The unit's analysis of the year as the user may read it: VIEW on the unit, and a
    draft only with REPORT there (a reader's draft is a 403, a missing analysis a 404)."""
    unit = _unit(unit_pk, year)
    require(request, Action.VIEW, unit)
    analysis = readable_analyses(request.roles).select_related("unit", "matrix").filter(unit=unit, year=year).first()
    if analysis is None:
        if RiskAnalysis.objects.filter(unit=unit, year=year).exists():
            raise PermissionDenied
        raise Http404
    return analysis


def analysis_export(request, region_slug, unit_pk, year):
    """The risk analysis as an xlsx in the layout of Bilaga 16, to read, print or import again."""
    analysis = _readable(request, unit_pk, year)
    return xlsx.response(excel.export_analysis(analysis), f"riskanalys-{analysis.unit.code}-{year}.xlsx")


def plan_export(request, region_slug, unit_pk, year):
    """The internal-control plan and its results as an xlsx (two sheets)."""
    analysis = _readable(request, unit_pk, year)
    return xlsx.response(excel.export_plan(analysis), f"internkontrollplan-{analysis.unit.code}-{year}.xlsx")


def analysis_import(request, region_slug, unit_pk, year):
    """Import a risk analysis in the layout into the unit's draft of the year (created when
    there is none). A file with any error is refused whole and changes nothing; an adopted
    or closed analysis is not changed at all."""
    unit = _unit(unit_pk, year)
    require(request, Action.REPORT, unit)
    analysis = RiskAnalysis.objects.filter(unit=unit, year=year).first()
    locked = analysis is not None and analysis.locked
    form = UploadForm(form_data(request), form_files(request))
    result = None
    if request.method == "POST" and not locked and form.is_valid():
        upload = form.cleaned_data["file"]
        result = excel.import_analysis(upload.read(), upload.name, unit, year)
        if result.ok:
            messages.success(request, result.summary())
            return redirect("ic_analysis", region_slug=region_slug, unit_pk=unit.pk, year=year)
    status = form_status(request, form)
    if result is not None and not result.ok:
        status = 400
    if locked and request.method == "POST":
        status = 409
    context = {
        "unit": unit,
        "year": year,
        "analysis": analysis,
        "locked": excel.locked_message(analysis) if locked else "",
        "form": form,
        "result": result,
        "area_group": "Huvudpåverkan på",
    }
    return render(request, "internal_control/analysis_import.html", context, status=status)
