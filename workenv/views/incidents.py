"""Incidents and injuries: the statistics and list (`we_incidents`), reporting one
(`we_incident_new`, anyone with a role in the unit) and the manager's investigation
(`we_incident`). Counts are SQL aggregates; those who only read see 1–4 as "< 5" and no
single reports (their free text is for the unit's managers)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import background, xlsx
from regionplan.periods import month_short
from regionplan.permissions import WHOLE_REGION, Action, covers_subtree, has_permission, require, units_q
from regionplan.views.common import form_data, form_status
from workenv import excel_incidents, rules_incidents
from workenv.forms_incidents import IncidentForm, InvestigationForm
from workenv.models import Incident
from workenv.queries import MONTHS, incident_statistics
from workenv.values import counting_measures
from workenv.views.scope import unit_param, year_param

LIST_LIMIT = 100


def _with_state(incident: Incident) -> Incident:
    incident.state = rules_incidents.state(
        incident.serious, incident.authority_reported_on, incident.causes, incident.closed_on
    )
    incident.state_label = rules_incidents.state_label(incident.state)
    incident.status = rules_incidents.status(incident.state)
    return incident


def incidents(request, region_slug):
    """Statistics per kind and month and per unit below, the unreported serious ones, and
    for those who keep the unit the latest reports; filters unit, kind, year."""
    require(request, Action.VIEW)
    today = timezone.localdate()
    year = year_param(request, today)
    unit = unit_param(request)
    if unit is None:
        return render(request, "workenv/incidents.html", {"unit": None, "year": year})
    kind = request.GET.get("typ", "")
    if kind not in dict(Incident.KIND_CHOICES):
        kind = ""
    reads_only = not has_permission(request.roles, Action.REPORT, unit)
    scope = Incident.objects.filter(unit__path__startswith=unit.path).filter(
        units_q(request.roles, Action.VIEW, prefix="unit__")
    )
    in_year = scope.filter(occurred_at__year=year)
    if kind:
        in_year = in_year.filter(kind=kind)
    # Who sees the whole subtree reads the kept counts; who sees parts of it, a live count.
    whole = covers_subtree(request.roles, Action.VIEW, unit)
    stats = incident_statistics(unit, year, kind, reads_only, live=None if whole else in_year)
    if request.GET.get("excel"):
        name = f"handelser-{unit.code or unit.pk}-{year}.xlsx"
        return xlsx.response(excel_incidents.export(stats, unit, year), name)
    unreported = list(
        scope.filter(serious=True, authority_reported_on__isnull=True).select_related("unit").order_by("occurred_at")
    )
    latest = []
    if not reads_only:
        latest = [_with_state(i) for i in in_year.select_related("unit").order_by("-occurred_at", "-pk")[:LIST_LIMIT]]
    return render(
        request,
        "workenv/incidents.html",
        {
            "unit": unit,
            "year": year,
            "years": [year - 1, year, year + 1] if year < today.year else [year - 2, year - 1, year],
            "kind": kind,
            "kinds": Incident.KIND_CHOICES,
            "reads_only": reads_only,
            "months": [month_short(m) for m in MONTHS],
            "stats": stats,
            "unreported": unreported,
            "latest": latest,
            "list_limit": LIST_LIMIT,
            "may_report": True,
            "may_count": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
        },
    )


def incident_new(request, region_slug):
    """Report an incident (anyone with a role in the unit). A serious one tells the reporter
    on screen, and the unit's managers by e-mail, that Arbetsmiljöverket must be told."""
    require(request, Action.VIEW)
    initial = {}
    if request.GET.get("enhet", "").isascii() and request.GET.get("enhet", "").isdigit():
        initial["unit"] = int(request.GET["enhet"])
    form = IncidentForm(form_data(request), roles=request.roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        incident = form.save()
        if incident.serious:
            background.enqueue("workenv.tasks.notify_serious_incident", request.region.pk, incident.pk)
            messages.warning(
                request,
                _(
                    "Allvarlig händelse: den ska anmälas till Arbetsmiljöverket utan dröjsmål "
                    "(arbetsmiljölagen 3 kap. 3 a §). Enhetens chef har fått ett mejl."
                ),
            )
        else:
            messages.success(request, _("Händelsen är rapporterad. Tack!"))
        if has_permission(request.roles, Action.REPORT, incident.unit):
            return redirect("we_incident", region_slug, incident.pk)
        return redirect(f"{reverse('we_incidents', args=[region_slug])}?enhet={incident.unit_id}")
    return render(request, "workenv/incident_form.html", {"form": form}, status=form_status(request, form))


def incident(request, region_slug, pk):
    """An incident and its investigation (REPORT on the unit: its manager, controllers)."""
    incident = get_object_or_404(Incident.objects.select_related("unit"), pk=pk)
    require(request, Action.REPORT, incident.unit)
    form = InvestigationForm(form_data(request), instance=incident)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Utredningen är sparad."))
        return redirect("we_incident", region_slug, incident.pk)
    if request.method == "POST":
        incident.refresh_from_db()
    actions = list(incident.actions.select_related("owner").order_by("deadline", "pk"))
    return render(
        request,
        "workenv/incident.html",
        {"incident": _with_state(incident), "form": form, "actions": actions},
        status=form_status(request, form),
    )


@require_POST
def incident_counts(request, region_slug):
    """Start the incident counts of the year (`ar`) into the measures that name them now,
    instead of waiting for the night (controllers of the whole region); the job shows in
    the import log."""
    require(request, Action.PLAN, WHOLE_REGION)
    year = year_param(request, timezone.localdate(), request.POST)
    if not counting_measures(year):
        messages.warning(
            request,
            _(
                "Inget mått %(year)s har händelserapporterna som källa. Ange till exempel ”Antal rapporterade "
                "tillbud” som källa på ett mått, så får det antalen."
            )
            % {"year": year},
        )
        return redirect(f"{reverse('we_incidents', args=[region_slug])}?ar={year}")
    background.enqueue("workenv.tasks.import_incident_counts", request.region.pk, year, request.user.pk)
    messages.success(
        request,
        _("Antalen händelser %(year)s hämtas till målens mått. Resultatet syns i importloggen.") % {"year": year},
    )
    return redirect("import_index", region_slug)
