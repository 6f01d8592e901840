"""What the plan pages share: finding the unit, year and item of a URL, the plan page's context, and
the answer after a change (the tree partial for htmx, a redirect for a plain POST)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from goals import services
from goals.models import PlanItem
from regionplan.models import OrgUnit
from regionplan.params import YEARS, int_or_404, parse_year
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    covers_subtree,
    has_permission,
    require,
)
from regionplan.views.common import (
    invalid_status,
    render_page_or_partial,
)


def year_or_404(value) -> int:
    """The year asked for (?ar=), or this year."""
    return parse_year(value) or timezone.localdate().year


def unit_or_404(pk, year=None) -> OrgUnit:
    """The unit of a plan URL; a year outside any plausible plan period is a 404, so that
    a typo cannot create a calendar year 5."""
    if year is not None and year not in YEARS:
        raise Http404
    return get_object_or_404(OrgUnit.objects.all(), pk=pk)


def item_or_404(pk) -> PlanItem:
    return get_object_or_404(PlanItem.objects.select_related("plan__unit", "parent__plan__unit"), pk=pk)


def may_plan(request, unit) -> bool:
    return has_permission(request.roles, Action.PLAN, unit)


def page_unit(request, item_unit: OrgUnit) -> OrgUnit:
    """The unit whose plan page the user came from: the item's own unit or one below it."""
    pk = request.POST.get("sida") or request.GET.get("sida")
    if not pk or str(pk) == str(item_unit.pk):
        return item_unit
    unit = get_object_or_404(OrgUnit.objects.filter(path__startswith=item_unit.path), pk=int_or_404(pk))
    require(request, Action.VIEW, unit)
    return unit


def plan_context(request, unit: OrgUnit, year: int) -> dict:
    # After an htmx change the page keeps its choice: read it off the page's own URL.
    page_url = request.htmx.current_url if request.htmx and request.htmx.current_url else request.get_full_path()
    try:
        below = parse_qs(urlsplit(page_url).query).get("alla") == ["1"]
    except ValueError:  # a malformed header is no reason for an error page
        below = False
    below = below and covers_subtree(request.roles, Action.VIEW, unit)
    view = services.load_plan(
        unit,
        year,
        may_plan=may_plan(request, unit),
        include_below=below,
        may_audit=lambda owner: has_permission(request.roles, Action.AUDIT, owner),
    )
    settings = view.settings
    return {
        "view": view,
        "unit": unit,
        "year": year,
        "labels": settings.level_names(),
        "years": range(year - 2, year + 3),
        "may_plan_region": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
        "editable_levels": ", ".join(settings.label(level, True) for level in settings.editable_after_adoption)
        or _("inget"),
    }


def after_change(request, unit: OrgUnit, year: int, message: str, focus: int | None = None, error: bool = False):
    """After a change (or a refused one, `error`): the tree again with the message for
    htmx, focus on the item worked on when given; a redirect for a plain POST."""
    if request.htmx:
        context = plan_context(request, unit, year)
        context.update(flash=message, flash_error=error, focus_item=focus)
        response = render_page_or_partial(request, None, "goals/_plan_tree.html", context, status=409 if error else 200)
        response["HX-Retarget"] = "#plan-tree"
        response["HX-Reswap"] = "outerHTML"
        return response
    (messages.error if error else messages.success)(request, message)
    return redirect("plan_detail", region_slug=request.region.slug, unit_pk=unit.pk, year=year)


def form_page(request, template: str, context: dict, status: int | None = None):
    """A form as an inline partial (htmx) or inside a full page (no JavaScript). It posts
    back to the same URL; a form with errors answers 400 (422 for htmx)."""
    context.setdefault("partial", f"goals/_{template}.html")
    context.setdefault("action", request.get_full_path())
    if status is None:
        status = 400 if getattr(context.get("form"), "errors", None) else 200
    if status == 400:
        status = invalid_status(request)
    return render_page_or_partial(request, "goals/form_page.html", context["partial"], context, status=status)
