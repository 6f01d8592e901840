"""The internal-control dashboard, for politicians and managers: the heat map of a unit's
subtree (netto, or brutto with `?varde=brutto`), the period's controls done, due and
overdue, results per status and open actions, the units right below to narrow down to; a
cell's risks; a risk's card. The same scope, period choice and stable query-string URLs as
the goal dashboards (reports.dashboards.views). Readers see adopted and closed analyses only
(internal_control.access); the counting is internal_control.queries', in SQL."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from internal_control import access, queries, rules, services
from internal_control.models import Control, ControlResult, Risk, RiskAction, RiskAnalysis
from regionplan import registry, riskmatrix
from regionplan.models import OrgUnit, RiskMatrix
from regionplan.params import parse_int
from regionplan.permissions import Action, has_permission, require
from reports.dashboards.views import _render, _scope

WHICH = {"netto": "net", "brutto": "gross"}


def _analyses(request, scope):
    """The analyses of the period's year the user may read in the scope (the unit alone when
    the user may not see below it)."""
    readable = access.readable_analyses(request.roles)
    if not scope.whole_subtree:
        return readable.filter(year=scope.year, unit=scope.unit)
    return queries.in_subtree(scope.unit, scope.year, readable)


def _which(request) -> tuple[str, str]:
    word = request.GET.get("varde", "netto")
    word = word if word in WHICH else "netto"
    return word, WHICH[word]


def _crumbs(request, context, *tail) -> list:
    """Intern kontroll (the user's top unit) › the units down to this one › `tail`."""
    base = reverse("dashboard_ic", args=[request.region.slug])
    unit, top = context["unit"], context["top"]
    crumbs = [(_("Intern kontroll"), None if (unit.pk == top.pk and not tail) else f"{base}?{context['qs_base']}")]
    for ancestor, viewable in context["ancestors"]:
        if viewable and ancestor.parent_id is not None and ancestor.pk != top.pk and ancestor.path.startswith(top.path):
            crumbs.append((ancestor.name, f"{base}?{context['qs_base']}&enhet={ancestor.pk}"))
    if unit.pk != top.pk:
        crumbs.append((unit.name, f"{base}?{context['qs']}" if tail else None))
    return crumbs + list(tail)


@require_safe
def dashboard_ic(request, region_slug):
    """The scope's internal control in the period: heat maps, counts, the units below."""
    scope, context = _scope(request)
    word, which = _which(request)
    analyses = _analyses(request, scope)
    total, per_child = queries.tally(scope.unit, analyses, scope.period, context["today"])
    children = (
        list(OrgUnit.objects.filter(parent=scope.unit, valid_to__isnull=True).order_by("name"))
        if scope.whole_subtree
        else []
    )
    cell_base = f"{reverse('dashboard_ic_cell', args=[region_slug])}?{context['qs']}&{urlencode({'varde': word})}"
    heatmaps = queries.heatmaps(analyses, which)
    for heat in heatmaps:
        heat.link = f"{cell_base}&matris={heat.matrix.pk}&"
    context.update(
        word=word,
        heatmaps=heatmaps,
        tally=total,
        children=[(child, per_child.get(child.pk)) for child in children],
        other_word="brutto" if word == "netto" else "netto",
    )
    title = _("Intern kontroll – %(unit)s") % {"unit": scope.unit.name}
    return _render(request, "reports/_dash_ic.html", context, title, _crumbs(request, context))


@require_safe
def dashboard_ic_cell(request, region_slug):
    """The risks of one cell of a heat map (`?matris=&s=&k=`), paged."""
    scope, context = _scope(request)
    word, which = _which(request)
    matrix_id, likelihood, impact = (parse_int(request.GET.get(key)) for key in ("matris", "s", "k"))
    page = max(parse_int(request.GET.get("sida")) or 1, 1)
    analyses = _analyses(request, scope)
    matrix = RiskMatrix.objects.filter(pk=matrix_id).first() if matrix_id else None
    if matrix is None or not riskmatrix.in_matrix(matrix.definition, likelihood, impact):
        # No such cell (an old bookmark, a changed matrix): the heat map it came from.
        return redirect(f"{reverse('dashboard_ic', args=[region_slug])}?{context['qs']}&varde={word}")
    risks, count = queries.cell_risks(analyses, which, matrix.pk, likelihood, impact, page)
    label = riskmatrix.cell_label(matrix.definition, likelihood, impact)
    context.update(
        word=word,
        risks=risks,
        count=count,
        label=label,
        status=riskmatrix.cell_status(matrix.definition, likelihood, impact),
        page=page,
        pages=max(1, -(-count // queries.CELLS_PER_PAGE)),
        page_qs=urlencode({k: v for k, v in request.GET.items() if k != "sida"}),
    )
    title = _("Risker i rutan %(cell)s") % {"cell": label}
    return _render(request, "reports/_dash_ic_cell.html", context, title, _crumbs(request, context, (label, None)))


@require_safe
def dashboard_ic_risk(request, region_slug, pk):
    """A risk's card: what it is, its valuations in words and on the matrix, its controls and
    their results up to the period, its actions. Read-only."""
    scope, context = _scope(request)
    risk = get_object_or_404(
        Risk.objects.select_related("analysis__unit", "analysis__matrix", "category", "owner"), pk=pk
    )
    require(request, Action.VIEW, risk.analysis.unit)
    if risk.analysis.state == RiskAnalysis.DRAFT and not access.may_read_drafts(request.roles, risk.analysis.unit):
        raise PermissionDenied
    definition = risk.analysis.matrix.definition
    controls = list(
        Control.objects.filter(risk=risk)
        .select_related("unit")
        .prefetch_related(
            Prefetch("results", queryset=ControlResult.objects.filter(due_on__lte=scope.period.end).order_by("due_on"))
        )
    )
    for control in controls:
        for result in control.results.all():
            result.status = rules.outcome_status(result.outcome)
    row = services.risk_row(risk, definition)
    context.update(
        risk=risk,
        row=row,
        controls=controls,
        actions=list(RiskAction.objects.filter(risk=risk).select_related("owner")),
        grids=[
            (label, text, riskmatrix.marked_grid(definition, lk, im))
            for label, text, lk, im in (
                (_("Brutto"), row.gross_label, risk.gross_likelihood, risk.gross_impact),
                (_("Netto"), row.net_label, risk.net_likelihood, risk.net_impact),
            )
        ],
        may_open=has_permission(request.roles, Action.VIEW, risk.analysis.unit),
    )
    title = f"{risk.number}. {risk.name}"
    return _render(request, "reports/_dash_ic_risk.html", context, title, _crumbs(request, context, (title, None)))


def block(scope):
    """The region dashboard's block: the scope's heat map in statuses, the period's overdue
    controls and actions, and the way to the internal-control dashboard. Adopted and closed
    analyses only (the block is built without the user's roles)."""
    shown = RiskAnalysis.objects.filter(state__in=queries.SHOWN)
    analyses = (
        queries.in_subtree(scope.unit, scope.year, shown)
        if scope.whole_subtree
        else shown.filter(year=scope.year, unit=scope.unit)
    )
    heatmaps = queries.heatmaps(analyses, "net")
    if not heatmaps:
        return None
    statuses: dict[str, int] = {}
    for heat in heatmaps:
        for status, n in heat.by_status().items():
            statuses[status] = statuses.get(status, 0) + n
    total, _children = queries.tally(scope.unit, analyses, scope.period, timezone.localdate())
    return {"statuses": statuses, "tally": total, "unit": scope.unit, "period": scope.period}


def register() -> None:
    registry.add_dashboard_block(registry.DashboardBlock("internal_control", "reports/_dash_ic_block.html", 50, block))
