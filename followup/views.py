"""Follow-up pages: "Min uppföljning" (managers report, row by row with htmx), an item's
history, and the controller's overview with reopening and reminders.

Permissions through `regionplan.permissions`: REPORT to report for a unit, VIEW to read,
PLAN for the overview, reopening and reminders.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup import entry, services
from followup.forms import FollowupSettingsForm, ReportForm
from followup.models import Assessment, FollowupSettings, MeasureValue, Reopening
from followup.rules import entry_open, suggest
from followup.tasks import send_reminder_digests
from goals.models import PlanItem
from regionplan import background, registry
from regionplan.models import AuditEntry, OrgUnit, Period
from regionplan.params import int_or_404, text_or_404
from regionplan.people import with_names
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    has_permission,
    require,
    units_q,
)
from regionplan.views.common import form_data, form_status, invalid_status, render_page_or_partial


def _period(request) -> Period:
    """The period asked for (?period=2026-T3), or the one being reported now. Only the
    region's reporting periods: a month of a region that reports by tertial holds values,
    and nobody reports on it."""
    code = request.GET.get("period") or request.POST.get("period")
    if code:
        return get_object_or_404(Period.reporting(request.region).select_related("year"), code=text_or_404(code))
    period = Period.current(request.region, timezone.localdate())
    if period is None:
        raise Http404
    return period


def _periods(request, period: Period):
    """The period choice: the year's reporting periods."""
    return Period.reporting(request.region).filter(year_id=period.year_id).order_by("end", "kind")


def my_followup(request, region_slug):
    """Everything the user reports for the period, grouped by unit and perspective."""
    require(request, Action.REPORT)
    return _page(request, _period(request))


ONLY_OPEN = "ej-klara"  # ?rader=ej-klara: only the rows not yet reported


def _page(request, period, failed=None, status=200):
    """The page: one unit's rows (`?visa=`, else the first), or a search's matches in all
    units (`?sok=`), narrowed to the unreported ones with `?rader=ej-klara`; a jump list
    leads to every unit of the page and the shown unit's perspectives. `failed` = (row,
    bound form, conflict) of a plain POST that did not save, shown in place with its errors.

    Beside the plan items stand the rows other apps registered (regionplan.registry.Owed:
    a control's result, an action's follow-up), under their own headings in their unit;
    they count in the progress line and the jump list like the items."""
    scope, chosen = entry.page_scope(request)
    today = timezone.localdate()
    view = services.load_followup(period, scope)
    owed = registry.owed(period, scope, today)
    rows_owed = [thing for thing in owed if thing.row_template]
    _add_units_of(view, rows_owed)
    wanted = request.GET.get("visa")
    unit_pk = failed[0].unit.pk if failed else (int_or_404(wanted) if wanted else None)
    only_open = request.GET.get("rader") == ONLY_OPEN and not failed
    query = "" if failed else request.GET.get("sok", "")[:100]
    page = services.choose_rows(view, unit_pk, only_open, query)
    for group in page.groups:
        for row in group.rows:
            row.form, row.conflict = ReportForm(row=row), None
            row.save_url = _save_url(request, period, row)
            if failed and row.key == failed[0].key:
                row.form, row.conflict = failed[1], failed[2]
    words = query.casefold().split()
    matching = [
        thing
        for thing in rows_owed
        if (not only_open or not thing.done) and all(word in thing.title.casefold() for word in words)
    ]
    if words:  # a search shows the matching rows of every unit, the apps' too
        have = {group.unit.pk for group in page.groups}
        extra = {thing.unit.pk: thing.unit for thing in matching if thing.unit.pk not in have}
        page.groups.extend(services.UnitGroup(unit, [], None) for unit in extra.values())
        page.matches += len(matching)
    for group in page.groups:
        group.owed_sections = _sections_of([t for t in matching if t.unit.pk == group.unit.pk], group.unit.pk)
    keep = {"period": period.code}
    if chosen:
        keep["enhet"] = chosen.pk
    if only_open:
        keep["rader"] = ONLY_OPEN
    shown = {group.unit.pk: group.perspectives + group.owed_sections for group in page.groups}
    jump = []
    for group in view.groups:
        more_done, more = entry.owed_counts([t for t in rows_owed if t.unit.pk == group.unit.pk])
        jump.append(
            {
                "unit": group.unit,
                "url": "?" + urlencode({**keep, "visa": group.unit.pk}),
                "done": sum(row.reported for row in group.rows) + more_done,
                "total": len(group.rows) + more,
                "current": page.unit is not None and group.unit.pk == page.unit.pk,
                "sections": shown.get(group.unit.pk, []),
            }
        )
    more_done, more = entry.owed_counts(rows_owed)
    return render(
        request,
        "followup/my_followup.html",
        {
            "view": view,
            "progress": {"done": view.done + more_done, "total": view.total + more},
            "page": page,
            "jump": jump,
            "only_open": only_open,
            "query": query,
            "search_cap": services.SEARCH_SHOWN,
            "period": period,
            "periods": _periods(request, period),
            "today": today,
            "chosen_unit": chosen,
            "owed": [thing for thing in owed if not thing.row_template],
        },
        status=status,
    )


def _add_units_of(view, things) -> None:
    """Units that owe only the apps' rows (no plan item due) still get their place on the page."""
    have = {group.unit.pk for group in view.groups}
    extra = {thing.unit.pk: thing.unit for thing in things if thing.unit.pk not in have}
    if extra:
        view.groups.extend(services.UnitGroup(unit, [], None) for unit in extra.values())
        view.groups.sort(key=lambda group: group.unit.path)


@dataclass
class OwedSection:
    """The apps' rows of one unit under one heading (as a perspective's rows are)."""

    name: str
    things: list
    anchor: str


def _sections_of(things, unit_pk) -> list[OwedSection]:
    by_name: dict[str, list] = {}
    for thing in things:
        by_name.setdefault(str(thing.section or thing.kind), []).append(thing)
    return [
        OwedSection(name, found, f"owed-{unit_pk}-{number}") for number, (name, found) in enumerate(by_name.items(), 1)
    ]


def _save_url(request, period, row) -> str:
    return reverse("report_save", args=[request.region.slug, period.code, row.item.pk, row.unit.pk])


def _row_and_unit(request, period_code, item_pk, unit_pk):
    period = get_object_or_404(Period.reporting(request.region), code=period_code)
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    item = get_object_or_404(PlanItem.objects.select_related("plan__unit"), pk=item_pk)
    return period, unit, item


@require_POST
def report_save(request, region_slug, period_code, item_pk, unit_pk):
    """Save one row; answer with that row (and the progress line, out of band). Every
    parameter is read before anything is written: a bad one is refused, not a 500 after
    the save."""
    period, unit, item = _row_and_unit(request, period_code, item_pk, unit_pk)
    require(request, Action.REPORT, unit)
    scope, chosen_unit = entry.page_scope(request)
    try:
        row, group, section = services.load_row_in_place(period, item, unit)
    except ValidationError:
        raise Http404 from None  # not owed by that unit in that period
    form = ReportForm(
        request.POST,
        row=row,
        suggest_for=lambda value: suggest(
            row.target,
            value,
            row.reference,
            FollowupSettings.current().tolerance,
            follow_only=item.direction == PlanItem.FOLLOW,
        ),
    )
    conflict = None
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_report(row, period, data, data["version"], request.user)
        except services.Conflict as clash:
            conflict, status = clash.current, 409
        except ValidationError as error:
            form.add_error(None, error.messages)
            status = 400
        else:
            row, group, section = services.load_row_in_place(period, item, unit)
            form = ReportForm(row=row)
    else:
        status = 400
    if status == 400:
        status = invalid_status(request)
    if not request.htmx:
        if status == 200:
            messages.success(request, _("Sparat."))
            keep = {"period": period.code, "visa": unit.pk, **({"enhet": chosen_unit.pk} if chosen_unit else {})}
            return redirect(f"{_my_url(request)}?{urlencode(keep)}#row-{row.key}")
        return _page(request, period, failed=(row, form, conflict), status=status)
    row.save_url = _save_url(request, period, row)
    answer = entry.after_save(period, scope, unit, timezone.localdate()) if status == 200 else {}
    return render_page_or_partial(
        request,
        None,
        "followup/_row.html",
        {
            "row": row,
            "form": form,
            "period": period,
            "conflict": conflict,
            "saved": status == 200,
            **answer,
            # The summaries the save changed, replaced in place (out of band) with the row.
            "saved_group": group if status == 200 else None,
            "saved_section": section if status == 200 else None,
            "now": timezone.localtime(),
            "chosen_unit": chosen_unit,
        },
        status=status,
    )


def _my_url(request):
    return reverse("my_followup", args=[request.region.slug])


def item_history(request, region_slug, item_pk, unit_pk):
    """An item's assessments by period, and every change within a period."""
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.VIEW, unit)
    item = get_object_or_404(PlanItem.objects.select_related("plan__unit"), pk=item_pk)
    assessments = list(
        Assessment.objects.filter(item=item, unit=unit).select_related("period", "updated_by").order_by("-period__end")
    )
    values = (
        MeasureValue.objects.filter(measure=item, unit=unit).select_related("period").order_by("-period__end", "sex")
    )
    changes = AuditEntry.objects.filter(
        content_type__app_label="followup", content_type__model="assessment", object_id__in=[a.pk for a in assessments]
    ) | AuditEntry.objects.filter(
        content_type__app_label="followup",
        content_type__model="measurevalue",
        object_id__in=list(values.values_list("pk", flat=True)),
    )
    return render(
        request,
        "followup/item_history.html",
        {
            "item": item,
            "unit": unit,
            "assessments": assessments,
            "values": values,
            "changes": with_names(changes.select_related("actor").order_by("-at")[:300], "actor"),
        },
    )


def overview(request, region_slug):
    """Per unit in the controller's scope: how far reporting has come, who is missing, and
    when each manager was last reminded of the period."""
    require(request, Action.PLAN)
    period = _period(request)
    view = services.load_followup(period, units_q(request.roles, Action.PLAN))
    # What the apps say the units owe besides the plan items counts the same way, and what
    # of it is overdue is listed.
    owed = registry.owed(period, units_q(request.roles, Action.PLAN), timezone.localdate())
    _add_units_of(view, owed)
    other = {}
    for thing in owed:
        done, total = other.get(thing.unit.pk, (0, 0))
        other[thing.unit.pk] = (done + thing.done, total + 1)
    managers = services.managers_by_unit([group.unit for group in view.groups])
    reminded = services.last_reminded(period)
    rows = []
    for group in view.groups:
        more_done, more = other.get(group.unit.pk, (0, 0))
        done = sum(row.reported for row in group.rows) + more_done
        unit_managers = [(user, reminded.get(user.pk)) for user in managers.get(group.unit.pk, [])]
        rows.append((group.unit, done, len(group.rows) + more, unit_managers, group.rollup))
    more_done, more = entry.owed_counts(owed)
    return render(
        request,
        "followup/overview.html",
        {
            "view": view,
            "period": period,
            "periods": _periods(request, period),
            "rows": rows,
            "progress": {"done": view.done + more_done, "total": view.total + more},
            "overdue": [thing for thing in owed if thing.overdue and not thing.done],
            "may_configure": has_permission(request.roles, Action.PLAN, WHOLE_REGION),
            "open": entry_open(period.deadline, timezone.localdate()),
        },
    )


@require_POST
def reopen(request, region_slug, period_code, unit_pk):
    """Open entry again for a unit (or one item of it, `item`) for a number of days."""
    period = get_object_or_404(Period.reporting(request.region), code=period_code)
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.PLAN, unit)
    item = None
    if request.POST.get("item"):
        pk = request.POST["item"]
        # Only an item the unit owns or has adopted; anything else is not there to reopen.
        item = get_object_or_404(
            PlanItem.objects.filter(Q(plan__unit=unit) | Q(adoptions__unit=unit)).distinct(), pk=int_or_404(pk)
        )
    until = timezone.localdate() + datetime.timedelta(days=7)
    Reopening.objects.create(period=period, unit=unit, item=item, until=until)
    messages.success(
        request,
        _("%(unit)s kan rapportera %(period)s till och med %(until)s.")
        % {"unit": f"{unit.name} ({item.code})" if item else unit.name, "period": period, "until": until.isoformat()},
    )
    back = _my_url(request) if item else _overview_url(request)
    return redirect(f"{back}?period={period.code}")


@require_POST
def remind(request, region_slug, period_code, unit_pk):
    """Send the unit's managers with unfinished items their digest now."""
    period = get_object_or_404(Period.reporting(request.region), code=period_code)
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.PLAN, unit)
    background.enqueue(send_reminder_digests, request.region.pk, period.pk, [unit.pk])
    messages.success(request, _("En påminnelse skickas till cheferna för %(unit)s.") % {"unit": unit.name})
    return redirect(f"{_overview_url(request)}?period={period.code}")


def followup_settings(request, region_slug):
    """The region's Gul tolerance, roll-up rule and reminder timing."""
    require(request, Action.PLAN, WHOLE_REGION)
    settings = FollowupSettings.current()
    form = FollowupSettingsForm(form_data(request), instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uppföljningsinställningarna är sparade."))
        return redirect("followup_settings", region_slug=region_slug)
    return render(request, "followup/settings.html", {"form": form}, status=form_status(request, form))


def _overview_url(request):
    return reverse("followup_overview", args=[request.region.slug])
