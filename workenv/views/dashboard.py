"""The SAM dashboard (we_index): for a year and a unit (default the user's highest unit) the
year's activities done / due / overdue, incidents per kind and month, unreported serious
incidents, open and overdue actions, and the annual follow-up's result per unit below, with
drill (`?enhet=`, `?ar=`). VIEW; a reader sees counts under 5 as "< 5". A fixed number of
queries: everything is an SQL aggregate (workenv.queries)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from regionplan.models import OrgUnit
from regionplan.periods import month_short
from regionplan.permissions import Action, has_permission, require
from workenv import queries, rules_annual
from workenv.models import Incident
from workenv.views.scope import unit_param as _unit
from workenv.views.scope import year_param as _year

MONTHS = range(1, 13)


def dashboard(request, region_slug):
    require(request, Action.VIEW)
    today = timezone.localdate()
    year = _year(request, today)
    unit = _unit(request)
    context = {"year": year, "unit": unit, "years": [year - 1, year, year + 1]}
    if unit is None:
        return render(request, "workenv/index.html", context)
    context["unit_query"] = f"enhet={unit.pk}&"  # the year links keep the unit
    reads_only = not has_permission(request.roles, Action.REPORT, unit)
    figures = queries.dashboard(unit, year, today)
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    questions = queries.active_questions()
    results = queries.unit_results([unit] + children, year, len(questions))

    def small(n):
        return rules_annual.suppress_small(n, reads_only)

    kinds = [
        {
            "label": label,
            "months": [small(figures.incidents.get((kind, month), 0)) for month in MONTHS],
            "total": small(sum(figures.incidents.get((kind, month), 0) for month in MONTHS)),
        }
        for kind, label in Incident.KIND_CHOICES
    ]
    rows = []
    for result in results[1:]:
        child_figures = figures.per_child.get(result.unit.pk, queries.Figures())
        rows.append({"result": result, "figures": child_figures, "incidents": small(child_figures.incidents)})
    context.update(
        {
            "reads_only": reads_only,
            "figures": figures.total,
            "incidents_total": small(figures.total.incidents),
            "kinds": kinds,
            "months": [month_short(m) for m in MONTHS],
            "unreported": figures.unreported,
            "own_result": results[0],
            "rows": rows,
            "ancestors": [a for a in unit.ancestors() if has_permission(request.roles, Action.VIEW, a)]
            if unit.parent_id
            else [],
        }
    )
    return render(request, "workenv/dashboard.html", context)
