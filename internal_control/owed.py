"""What internal control asks of a unit in a period, for Min uppföljning (registered with
regionplan.registry.add_owed): each due occurrence of a kontrollmoment of an adopted plan,
and each open action, as a row that saves in place through follow-up's entry mechanism
(followup/entry.py). The overview, the reminder digest and the attention list count them
the same way."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup import entry
from followup.rules import entry_open
from internal_control import rules
from internal_control.forms import ActionFollowupForm, ResultForm
from internal_control.models import ActionUpdate, Control, ControlResult, RiskAction, RiskAnalysis
from regionplan import registry
from regionplan.models import OrgUnit, Period, Region

SECTION = gettext_lazy("Intern kontroll")
# Results are read in adopted and closed analyses; only an adopted one is still reported on
# (closing says the year's follow-up is done, so a closed year owes nothing more).
FOLLOWED = (RiskAnalysis.ADOPTED, RiskAnalysis.CLOSED)
OWED = (RiskAnalysis.ADOPTED,)


@dataclass
class ResultRow:
    """A control's occurrence as a row of Min uppföljning (see followup/_row_frame.html)."""

    control: Control
    occurrence: rules.Occurrence
    result: ControlResult | None
    unit: OrgUnit
    period: Period
    open: bool

    @property
    def key(self) -> str:
        return f"ic-{self.control.pk}-{self.occurrence.code}"

    @property
    def label(self) -> str:
        return _("Kontrollen %(when)s") % {"when": self.occurrence.label}

    @property
    def save_url(self) -> str:
        return reverse("ic_result_save", args=[Region.current_slug(), self.control.pk, self.occurrence.code])

    @property
    def page_url(self) -> str:
        return reverse("ic_result", args=[Region.current_slug(), self.control.pk, self.occurrence.code])

    @property
    def last_saved(self):
        return self.result if self.result is not None and self.result.outcome else None

    @property
    def done(self) -> bool:
        return self.last_saved is not None


class ActionRow(entry.ActionRow):
    """An open action's follow-up in a period as a row of Min uppföljning."""

    key_prefix = "ic-action"
    save_url_name = "ic_action_followup"


def result_rows(period: Period, units_q: Q, today: datetime.date, reopened=None) -> list[ResultRow]:
    """The occurrences of the adopted plans' controls that the units report in the period
    (rules.due_in), with their results: one query, two more when there are any."""
    year = period.start.year
    controls = list(
        Control.objects.filter(
            unit__in=OrgUnit.objects.filter(units_q), risk__analysis__year=year, risk__analysis__state__in=OWED
        )
        .select_related("risk__analysis", "responsible", "unit")
        .order_by("risk__analysis__unit__path", "risk__number", "order", "pk")
    )
    due = [
        (control, occurrence)
        for control in controls
        for occurrence in rules.due_in(control.frequency, control.due_on, period.kind, year, period.number)
    ]
    if not due:
        return []
    results = {
        (r.control_id, r.occurrence): r
        for r in ControlResult.objects.filter(control__in=[c for c, _o in due])
        .select_related("updated_by")
        .prefetch_related("actions")
    }
    until = reopened if reopened is not None else entry.reopened_until(period, {c.unit_id for c, _o in due}, today)
    return [
        ResultRow(
            control,
            occurrence,
            results.get((control.pk, occurrence.code)),
            control.unit,
            period,
            entry_open(period.deadline, today, until.get(control.unit_id)),
        )
        for control, occurrence in due
    ]


def action_rows(period: Period, units_q: Q, today: datetime.date, reopened=None) -> list[ActionRow]:
    """The actions of adopted analyses that the units follow up in the period (from when
    their need arose until done; rules.action_owed), with the period's update: one query,
    two more when there are any. An action belongs to its control's unit, or else to its
    analysis' unit."""
    year = period.start.year
    start, end = rules.window(period.kind, year, period.number)
    units = OrgUnit.objects.filter(units_q)
    actions = list(
        RiskAction.objects.filter(risk__analysis__state__in=OWED, risk__analysis__year__lte=year)
        .filter(
            Q(result__isnull=False, result__control__unit__in=units)
            | Q(result__isnull=True, risk__analysis__unit__in=units)
        )
        .exclude(status=RiskAction.DONE, done_on__lt=start)
        .select_related("risk__analysis__unit", "result__control__unit", "owner")
        .order_by("deadline", "pk")
    )
    owed = []
    for action in actions:
        starts = action.result.due_on if action.result_id else datetime.date(action.risk.analysis.year, 1, 1)
        if rules.action_owed(action.status, action.done_on, starts, start, end):
            owed.append((action, action.result.control.unit if action.result_id else action.risk.analysis.unit))
    if not owed:
        return []
    updates = {u.action_id: u for u in ActionUpdate.objects.filter(period=period, action__in=[a for a, _u in owed])}
    until = reopened if reopened is not None else entry.reopened_until(period, {u.pk for _a, u in owed}, today)
    return [
        ActionRow(action, updates.get(action.pk), unit, period, entry_open(period.deadline, today, until.get(unit.pk)))
        for action, unit in owed
    ]


def owed(period: Period, units_q: Q, today: datetime.date) -> list[registry.Owed]:
    """Internal control's rows for Min uppföljning, the overview, the reminders and the
    attention list: the due controls, then the open actions."""
    return owed_controls(period, units_q, today) + owed_actions(period, units_q, today)


def owed_controls(period: Period, units_q: Q, today: datetime.date) -> list[registry.Owed]:
    owed = []
    for row in result_rows(period, units_q, today):
        overdue = rules.control_overdue(row.occurrence.due, row.result.outcome if row.result else "", today)
        owed.append(
            registry.Owed(
                unit=row.unit,
                title=row.control.what,
                kind=_("Kontrollmoment"),
                url=row.page_url,
                due=row.occurrence.due,
                done=row.done,
                overdue=overdue,
                detail=_("risk %(n)s %(name)s") % {"n": row.control.risk.number, "name": row.control.risk.name},
                section=SECTION,
                row_template="internal_control/_result_row.html",
                row=row,
                form=ResultForm(row=row),
            )
        )
    return owed


def owed_actions(period: Period, units_q: Q, today: datetime.date) -> list[registry.Owed]:
    owed = []
    for row in action_rows(period, units_q, today):
        action = row.action
        owed.append(
            registry.Owed(
                unit=row.unit,
                title=action.what[:200],
                kind=_("Åtgärd"),
                url=reverse("ic_risk", args=[Region.current_slug(), action.risk_id]),
                due=action.deadline,
                done=row.done,
                overdue=rules.action_overdue(action.status, action.deadline, today),
                detail=_("risk %(n)s %(name)s") % {"n": action.risk.number, "name": action.risk.name},
                section=SECTION,
                row_template="internal_control/_action_row.html",
                row=row,
                form=ActionFollowupForm(row=row),
            )
        )
    return owed
