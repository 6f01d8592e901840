"""Follow-up's entry mechanism, shared with the apps whose rows stand on "Min uppföljning"
beside the plan items (a control's result, an action's follow-up; regionplan.registry.Owed).

A row is saved on its own (htmx, or a plain POST without JavaScript); entry is open until
the period's last reporting day or a controller's reopening of the unit; a save answers with
the row, the page's progress line and the unit's count in the jump list (out of band), and
a refused one with the row and what was typed. The row's markup is
`templates/followup/_row_frame.html`, which each row template extends; the unsaved-work
guard in static/js/app.js works on every `form[data-row-form]`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup import services
from followup.models import Reopening
from followup.rules import entry_open
from regionplan import registry
from regionplan.models import OrgUnit, Period, Region
from regionplan.params import int_or_404, text_or_404
from regionplan.permissions import Action, require, units_q
from regionplan.views.common import invalid_status, render_page_or_partial


def page_scope(request) -> tuple[Q, OrgUnit | None]:
    """The units of the page a row was saved from: the user's own (services.my_units_q), or
    `?enhet=` and the units under it for those who may report there (controllers open a
    unit from the overview). Returns (Q on OrgUnit, the chosen unit or None)."""
    pk = request.GET.get("enhet") or request.POST.get("enhet")
    if pk:
        unit = get_object_or_404(OrgUnit.objects.all(), pk=int_or_404(pk))
        require(request, Action.REPORT, unit)
        return Q(path__startswith=unit.path) & units_q(request.roles, Action.REPORT), unit
    return services.my_units_q(request.roles) & units_q(request.roles, Action.REPORT), None


def reporting_period(request, code: str) -> Period:
    """A period of the region's reporting calendar by its code (a month that only carries
    values is nobody's to report on): 404 otherwise."""
    return get_object_or_404(Period.reporting(request.region).select_related("year"), code=text_or_404(code))


def reopened_until(period: Period, unit_ids, today: datetime.date) -> dict[int, datetime.date]:
    """How long each unit's entry was reopened for the whole unit (not one item), by unit id."""
    until: dict[int, datetime.date] = {}
    for unit_id, day in Reopening.objects.filter(
        period=period, unit_id__in=list(unit_ids), item__isnull=True, until__gte=today
    ).values_list("unit_id", "until"):
        until[unit_id] = max(day, until.get(unit_id, day))
    return until


def is_open(period: Period, unit: OrgUnit, today: datetime.date) -> bool:
    """Whether a unit may still report for the period (its deadline, or a reopening)."""
    return entry_open(period.deadline, today, reopened_until(period, [unit.pk], today).get(unit.pk))


def owed_counts(things) -> tuple[int, int]:
    return sum(thing.done for thing in things), len(things)


def progress(period: Period, scope: Q, today: datetime.date) -> tuple[int, int]:
    """(done, owed) of everything the units of `scope` report in the period: the plan items
    and what the apps registered (the page's progress line)."""
    done, total = services.progress(period, scope)
    more_done, more = owed_counts(registry.owed(period, scope, today))
    return done + more_done, total + more


def after_save(period: Period, scope: Q, unit: OrgUnit, today: datetime.date) -> dict:
    """What a saved row's answer carries besides the row: the page's progress line and the
    unit's count in the jump list (both out of band)."""
    done, total = progress(period, scope, today)
    unit_done, unit_total = progress(period, Q(pk=unit.pk), today)
    return {
        "progress_view": {"done": done, "total": total},
        "saved_jump": {"unit": unit, "done": unit_done, "total": unit_total},
    }


def page_url(request, period: Period, unit: OrgUnit, chosen: OrgUnit | None, key: str) -> str:
    """Min uppföljning at the unit's page and the row (a plain POST's way back)."""
    keep = {"period": period.code, "visa": unit.pk, **({"enhet": chosen.pk} if chosen else {})}
    return f"{reverse('my_followup', args=[request.region.slug])}?{urlencode(keep)}#row-{key}"


class Conflict(Exception):
    """Someone else saved the row since its form was read: nothing was written. `current` is
    what they saved, shown beside what the user typed."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


def save_and_answer(request, *, row, form, save, reload, partial: str, refused):
    """Save one row and answer the way every row of Min uppföljning is answered.

    `save(cleaned_data)` writes (raising Conflict, or ValidationError for a rule the form
    could not check); `reload()` gives (row, form) as saved. To htmx: the row (`partial`),
    with the progress line and the unit's count out of band after a save; 409 with both
    texts on a conflict; 422 with the errors and what was typed. Without JavaScript: back to
    the row on Min uppföljning, or `refused(row, form, conflict, status, chosen)`, a page
    showing the row with its errors."""
    scope, chosen = page_scope(request)
    today = timezone.localdate()
    conflict, status = None, 200
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except Conflict as clash:
            conflict, status = clash.current, 409
        except ValidationError as error:
            form.add_error(None, error.messages)
            status = invalid_status(request)
        else:
            row, form = reload()
    else:
        status = invalid_status(request)
    if not request.htmx:
        if status == 200:
            messages.success(request, _("Sparat."))
            return redirect(page_url(request, row.period, row.unit, chosen, row.key))
        return refused(row, form, conflict, status, chosen)
    context = {
        "row": row,
        "form": form,
        "conflict": conflict,
        "saved": status == 200,
        "now": timezone.localtime(),
        "today": today,
        "period": row.period,
        "chosen_unit": chosen,
        **(after_save(row.period, scope, row.unit, today) if status == 200 else {}),
    }
    return render_page_or_partial(request, None, partial, context, status=status)


@dataclass
class ActionRow:
    """An open action's follow-up in a period as a row of Min uppföljning: the action, the
    period's update if saved, its unit, the period and whether entry is open. Each app's
    subclass names its key prefix and the URL that saves the row (internal control's and
    SAM's action plans)."""

    action: object
    update: object | None
    unit: OrgUnit
    period: Period
    open: bool

    key_prefix: ClassVar[str] = ""
    save_url_name: ClassVar[str] = ""

    @property
    def key(self) -> str:
        return f"{self.key_prefix}-{self.action.pk}"

    @property
    def label(self) -> str:
        return _("Åtgärden")

    @property
    def save_url(self) -> str:
        return reverse(self.save_url_name, args=[Region.current_slug(), self.action.pk, self.period.code])

    @property
    def last_saved(self):
        return self.update

    @property
    def done(self) -> bool:
        return self.update is not None
