"""Dashboard pages: the region dashboard, a goal's drill-down, a measure, and units
compared, each for a unit's subtree (`?enhet=`) and a period (`?period=`, `?jamfor=1`
for the same period last year), with a stable URL, and each as a one-page PDF
(`?format=pdf`). Read-only: VIEW on the unit, checked through `regionplan.permissions`.

Comments are narrative texts: a reader (no REPORT right on the unit) sees a unit's
comments once the period's report for that unit or one above it is approved, unless the
region lets readers see them before (Regler för uppföljningen).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from followup.models import FollowupSettings
from goals.models import PlanItem, PlanSettings
from goals.rules import Levels
from regionplan import registry
from regionplan.models import OrgUnit
from regionplan.models.organisation import path_ids
from regionplan.params import int_or_404, parse_int
from regionplan.periods import reporting_kinds
from regionplan.permissions import Action, covers_subtree, has_permission, require
from reports import dashboards as dashboard

# --- the scope every page shares ---------------------------------------------------------------


def _scope(request) -> tuple[dashboard.Scope, dict]:
    """The unit, period and comparison from the query string, checked; and the context
    every dashboard page needs (period choices, breadcrumbs, links)."""
    unit_param = request.GET.get("enhet", "")
    if unit_param:
        unit = get_object_or_404(OrgUnit.objects.select_related("kind"), pk=int_or_404(unit_param))
    else:
        unit = dashboard.top_unit(request.roles)
    require(request, Action.VIEW, unit)
    periods = dashboard.load_periods()
    today = timezone.localdate()
    code = request.GET.get("period", "")
    # A month is chosen only where the region reports monthly; its months are still in
    # `periods`, for the values and trends.
    kinds = reporting_kinds(request.region.period_kinds)
    choices = [p for p in periods if p.kind in kinds]
    period = next((p for p in choices if p.code == code), None)
    reporter = has_permission(request.roles, Action.REPORT, unit)
    if period is None:
        # A reader lands on the latest finished period; who reports, on the one being reported.
        period = dashboard.default_period(choices, request.region, today, reader=not reporter)
        if period is None:
            raise Http404(_("Regionen har inga perioder i sin kalender."))
        if code and request.GET.get("format") != "pdf":  # a PDF shows no messages: it would wait for the next page
            messages.warning(
                request,
                _("Perioden ”%(code)s” finns inte i regionens kalender. Dashboarden visar i stället %(period)s.")
                % {"code": code[:20], "period": period},
            )
    compare = request.GET.get("jamfor") == "1"
    scope = dashboard.make_scope(unit, period, periods, compare)
    scope.settings = FollowupSettings.current()
    scope.whole_subtree = covers_subtree(request.roles, Action.VIEW, unit)  # else: the unit's own rows only
    ancestors = (
        list(OrgUnit.objects.filter(pk__in=path_ids(unit.path)[:-1]).order_by("depth")) if unit.parent_id else []
    )
    params = {"period": period.code, **({"jamfor": "1"} if compare else {})}
    context = {
        "scope": scope,
        "unit": unit,
        "period": period,
        "compare": compare,
        "period_choices": dashboard.period_choices(choices, period),
        "ancestors": [(a, has_permission(request.roles, Action.VIEW, a)) for a in ancestors],
        "qs": urlencode({**params, "enhet": unit.pk}),  # this page's unit
        "qs_base": urlencode(params),  # add &enhet=… for another unit
        "pdf": request.GET.get("format") == "pdf",
        "reporter": reporter,
        "top": dashboard.top_unit(request.roles),
        "my_units": sorted({a.unit for a in request.roles if has_permission([a], Action.VIEW)}, key=lambda u: u.path),
        "today": today,
        "levels": PlanSettings.current().level_names(),
    }
    return scope, context


def _render(request, content: str, context: dict, title: str, crumbs: list):
    """The page around its content template, or with ?format=pdf the same content as a
    one-page PDF (A4 landscape, scaled to fit)."""
    context.update(page_title=title, content_template=content, crumbs=crumbs)
    if not context["pdf"]:
        return render(request, "reports/dashboard_page.html", context)
    from reports.rendering import dashboard_css, one_page_pdf

    context.update(printed_at=timezone.localtime(), css=dashboard_css(), lang=translation.get_language() or "sv")
    pdf = one_page_pdf(render_to_string("reports/dashboard_print.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{title} {context['period'].code}".replace("/", "-").replace('"', "")
    response["Content-Disposition"] = content_disposition_header(False, f"{filename}.pdf")
    return response


def _crumbs(request, context, *tail) -> list[tuple[str, str | None]]:
    """Måluppfyllelse (the dashboard of the user's top unit) › the units between it and
    this one › this unit › `tail`, as (label, url) pairs; the last one is the current page.
    The region's root is the region itself (base.html names it first), so it is left out."""
    base = reverse("dashboard", args=[request.region.slug])
    unit, top = context["unit"], context["top"]
    here = unit.pk == top.pk and not tail
    crumbs = [(_("Måluppfyllelse"), None if here else f"{base}?{context['qs_base']}")]
    for ancestor, viewable in context["ancestors"]:
        if viewable and ancestor.parent_id is not None and ancestor.pk != top.pk and ancestor.path.startswith(top.path):
            crumbs.append((ancestor.name, f"{base}?{context['qs_base']}&enhet={ancestor.pk}"))
    if unit.pk != top.pk:
        crumbs.append((unit.name, f"{base}?{context['qs']}" if tail else None))
    crumbs.extend(tail)
    return crumbs


# --- pages -------------------------------------------------------------------------------------


@require_safe  # read-only: GET and HEAD; a POST is refused (405)
def dashboard_home(request, region_slug):
    """The region dashboard: one tile per strategic goal, grouped by perspective."""
    scope, context = _scope(request)
    context["groups"] = dashboard.overview(scope)
    context["children"] = _children(scope)
    if context["reporter"]:
        context["attention"] = dashboard.attention(scope, context["today"])
    # The apps' blocks (regionplan.registry), after the goals, each with what it built.
    context["blocks"] = [
        {"template": block.template, "data": data}
        for block in registry.dashboard_blocks()
        if (data := block.build(scope)) is not None
    ]
    return _render(
        request,
        "reports/_dash_home.html",
        context,
        _("Måluppfyllelse – %(unit)s") % {"unit": scope.unit.name},
        _crumbs(request, context),
    )


def _children(scope) -> list[OrgUnit]:
    """The units right below, to narrow down to (none when the user may not see below)."""
    if not scope.whole_subtree:
        return []
    return list(OrgUnit.objects.filter(parent=scope.unit, valid_to__isnull=True).order_by("name"))


def _same_item_this_year(item: PlanItem, scope: dashboard.Scope, name: str, request):
    """An item of another year than the chosen period's: the same code in that year, if the
    plan has it (a redirect), else back to the dashboard with a message."""
    other = PlanItem.objects.filter(year=scope.year, code=item.code, level=item.level).first()
    if other is not None:
        return redirect(f"{reverse(name, args=[request.region.slug, other.pk])}?{request.GET.urlencode()}")
    if request.GET.get("format") != "pdf":  # as in _scope: a PDF would leave the message for the next page
        messages.info(
            request, _("”%(name)s” finns inte i planen för %(year)s.") % {"name": item.name, "year": scope.year}
        )
    return redirect(f"{reverse('dashboard', args=[request.region.slug])}?{request.GET.urlencode()}")


@require_safe  # read-only: GET and HEAD; a POST is refused (405)
def dashboard_goal(request, region_slug, pk):
    """A goal's drill-down: its success factors and measures across the subtree, worst first."""
    scope, context = _scope(request)
    goal = get_object_or_404(PlanItem.objects.select_related("perspective"), pk=pk, level=Levels.GOAL)
    if goal.year != scope.year:
        return _same_item_this_year(goal, scope, "dashboard_goal", request)
    context["drill"] = dashboard.goal_drill(
        scope,
        goal,
        parse_int(request.GET.get("ff")),
        request.GET.get("sida"),
        dashboard.comment_policy(request.roles, scope),
    )
    context["goal"] = goal
    context["factor_qs"] = f"&ff={context['drill'].factor.pk}" if context["drill"].factor else ""
    context["children"] = _children(scope)
    if context["drill"].factor:  # narrowed to a success factor: the goal leads back to all its measures
        tail = [
            (goal.name, f"{reverse('dashboard_goal', args=[request.region.slug, goal.pk])}?{context['qs']}"),
            (context["drill"].factor.name, None),
        ]
    else:
        tail = [(goal.name, None)]
    return _render(request, "reports/_dash_goal.html", context, goal.name, _crumbs(request, context, *tail))


def _measure(request, scope, pk) -> PlanItem:
    """A measure the scope may show: owned in the subtree or above it (the red thread), or
    adopted inside it. Anything else is refused like a unit outside the user's scope."""
    measure = get_object_or_404(
        PlanItem.objects.select_related("plan__unit__kind", "perspective"), pk=pk, level=Levels.MEASURE
    )
    owner = measure.plan.unit
    if not (
        scope.covers(owner) or scope.unit.path.startswith(owner.path) or measure.adoptions.filter(scope.rows()).exists()
    ):
        raise PermissionDenied
    return measure


@require_safe  # read-only: GET and HEAD; a POST is refused (405)
def dashboard_measure(request, region_slug, pk):
    """A measure: its trend for the followed unit (by sex where split), and every unit of
    the subtree that follows it, worst first."""
    scope, context = _scope(request)
    measure = _measure(request, scope, pk)
    if measure.year != scope.year:
        return _same_item_this_year(measure, scope, "dashboard_measure", request)
    context["page"] = dashboard.measure_page(
        scope, measure, request.GET.get("sida"), dashboard.comment_policy(request.roles, scope)
    )
    context["measure"] = measure
    return _render(
        request,
        "reports/_dash_measure.html",
        context,
        measure.name,
        _crumbs(request, context, *_item_crumbs(request, context, context["page"].ancestors), (measure.name, None)),
    )


@require_safe  # read-only: GET and HEAD; a POST is refused (405)
def dashboard_compare(request, region_slug, pk):
    """Units of one kind compared on a measure, best first, with the target line."""
    scope, context = _scope(request)
    measure = _measure(request, scope, pk)
    if measure.year != scope.year:
        return _same_item_this_year(measure, scope, "dashboard_compare", request)
    context["comparison"] = dashboard.comparison(
        scope, measure, parse_int(request.GET.get("typ")), request.GET.get("sida")
    )
    context["measure"] = measure
    context["kind_qs"] = f"&typ={context['comparison'].kind.pk}" if context["comparison"].kind else ""
    url = f"{reverse('dashboard_measure', args=[request.region.slug, measure.pk])}?{context['qs']}"
    return _render(
        request,
        "reports/_dash_compare.html",
        context,
        _("Jämför enheter: %(measure)s") % {"measure": measure.name},
        _crumbs(request, context, (measure.name, url), (_("Jämför enheter"), None)),
    )


def _item_crumbs(request, context, ancestors) -> list[tuple[str, str | None]]:
    """The goal above a measure links to its drill-down; the success factor to the
    drill-down narrowed to it."""
    goal = next((a for a in ancestors if a.level == Levels.GOAL), None)
    if goal is None:
        return []
    url = f"{reverse('dashboard_goal', args=[request.region.slug, goal.pk])}?{context['qs']}"
    crumbs = [(goal.name, url)]
    crumbs += [(a.name, f"{url}&ff={a.pk}") for a in ancestors if a.level == Levels.FACTOR]
    return crumbs
