"""The action plan on Min uppföljning (registered in workenv.owed.PROVIDERS): each open
action of the units is a row that saves in place through follow-up's entry mechanism
(followup/entry.py), with the period's status and comment (WorkActionUpdate). An overdue
action is `overdue`, so it stands on "Behöver uppmärksamhet" and in the controller's
overview."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup import entry
from followup.rules import entry_open
from regionplan import registry
from regionplan.models import OrgUnit, Period, Region
from workenv import rules_actions
from workenv.forms_actions import ActionFollowupForm
from workenv.models import WorkAction, WorkActionUpdate

SECTION = gettext_lazy("Arbetsmiljö: handlingsplan")


class ActionRow(entry.ActionRow):
    """An open action's follow-up in a period as a row of Min uppföljning."""

    key_prefix = "we-action"
    save_url_name = "we_action_followup"


def action_rows(period: Period, units_q: Q, today: datetime.date, reopened=None) -> list[ActionRow]:
    """The actions the units follow up in the period (rules_actions.action_owed) with the
    period's update: one query, two more when there are any."""
    actions = [
        action
        for action in WorkAction.objects.filter(
            unit__in=OrgUnit.objects.filter(units_q), created_at__date__lte=period.end
        )
        .exclude(done_on__lt=period.start)
        .select_related("unit", "owner", "incident", "risk__assessment", "safety_round")
        .order_by("unit__path", "deadline", "pk")
        if rules_actions.action_owed(action.created_at.date(), action.done_on, period.start, period.end)
    ]
    if not actions:
        return []
    updates = {u.action_id: u for u in WorkActionUpdate.objects.filter(period=period, action__in=actions)}
    until = reopened if reopened is not None else entry.reopened_until(period, {a.unit_id for a in actions}, today)
    return [
        ActionRow(a, updates.get(a.pk), a.unit, period, entry_open(period.deadline, today, until.get(a.unit_id)))
        for a in actions
    ]


def owed(period: Period, units_q: Q, today: datetime.date) -> list[registry.Owed]:
    """The action plan's rows for Min uppföljning, the overview, the reminders and the
    attention list."""
    rows = []
    for row in action_rows(period, units_q, today):
        action = row.action
        rows.append(
            registry.Owed(
                unit=row.unit,
                title=action.what[:200],
                kind=_("Åtgärd i handlingsplan"),
                url=reverse("we_action_edit", args=[Region.current_slug(), action.pk]),
                due=action.deadline,
                done=row.done,
                overdue=rules_actions.is_overdue(action.deadline, action.done_on, today),
                detail=action.get_source_display(),
                section=SECTION,
                row_template="workenv/action_row.html",
                row=row,
                form=ActionFollowupForm(row=row, today=today),
            )
        )
    return rows
