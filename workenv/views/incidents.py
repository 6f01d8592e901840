"""Incidents and injuries: the statistics and list (`we_incidents`), reporting one
(`we_incident_new`, anyone with a role in the unit) and the manager's investigation
(`we_incident`). Counts are SQL aggregates; those who only read see 1–4 as "< 5" and no
single reports (their free text is for the unit's managers)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regionplan import background
from regionplan.models import OrgUnit
from regionplan.permissions import Action, has_permission, require, units_q
from regionplan.views.common import form_data, form_status
from workenv import rules_incidents
from workenv.forms_incidents import IncidentForm, InvestigationForm
from workenv.models import Incident
from workenv.queries import child_of
from workenv.views.scope import unit_param, year_param

MONTHS = list(range(1, 13))
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
    by_kind_month = {
        (k, m): n
        for k, m, n in in_year.annotate(month=ExtractMonth("occurred_at"))
        .values_list("kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    }
    kinds = [(k, label) for k, label in Incident.KIND_CHOICES if not kind or k == kind]
    cells, row_totals, column_totals, total = rules_incidents.suppressed_table(
        by_kind_month, [k for k, _l in kinds], MONTHS, reads_only
    )
    month_table = [
        {"label": label, "cells": [cells[(k, m)] for m in MONTHS], "total": row_totals[k]} for k, label in kinds
    ]
    # Per unit directly below, each with its subtree (one query for the paths, one grouped).
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    under = child_of(unit)
    per_unit: dict[tuple[int, str], int] = {}
    for unit_id, k, n in in_year.values_list("unit_id", "kind").annotate(n=Count("id")).order_by():
        owner = unit.pk if unit_id == unit.pk else under.get(unit_id)
        if owner is not None:
            per_unit[(owner, k)] = per_unit.get((owner, k), 0) + n
    rows = [unit.pk] + [c.pk for c in children]
    u_cells, u_totals, k_totals, u_total = rules_incidents.suppressed_table(
        per_unit, rows, [k for k, _l in kinds], reads_only
    )
    names = {unit.pk: _("%(unit)s (egna)") % {"unit": unit.name}} | {c.pk: c.name for c in children}
    unit_table = [
        {"unit": pk, "name": names[pk], "cells": [u_cells[(pk, k)] for k, _l in kinds], "total": u_totals[pk]}
        for pk in rows
    ]
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
            "months": MONTHS,
            "month_table": month_table,
            "month_totals": [column_totals[m] for m in MONTHS],
            "total": total,
            "kind_labels": [label for _k, label in kinds],
            "unit_table": unit_table,
            "kind_totals": [k_totals[k] for k, _l in kinds],
            "unit_total": u_total,
            "unreported": unreported,
            "latest": latest,
            "list_limit": LIST_LIMIT,
            "may_report": True,
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
