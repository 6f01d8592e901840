"""A unit's SAM activities due in a period (or overdue and not done) are owed by it: they
stand on the manager's Min uppföljning, the overview, the reminder digest and the attention
list, each a link to marking it done."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from regionplan import registry
from regionplan.models import OrgUnit, Period
from regionplan.periods import own_window
from workenv import rules_year
from workenv.models import UnitActivity


def owed(period: Period, units_q: Q, today: datetime.date) -> list[registry.Owed]:
    """One query: the period's year's activities of the units due by the period's end."""
    window = own_window(period.kind, period.start.year, period.number)
    activities = (
        UnitActivity.objects.filter(
            unit__in=OrgUnit.objects.filter(units_q), year=period.start.year, due_on__lte=window[1]
        )
        .select_related("unit", "region")
        .order_by("due_on", "name")
    )
    return [
        registry.Owed(
            unit=a.unit,
            title=a.name,
            kind=_("SAM-aktivitet"),
            url=reverse("we_activity", args=[a.region.slug, a.pk]),
            due=a.due_on,
            done=a.done_on is not None,
            overdue=rules_year.state(a.starts_on, a.due_on, a.done_on, today) == rules_year.OVERDUE,
            detail=_("årshjulet"),
            section=_("Arbetsmiljö"),
        )
        for a in activities
        if rules_year.owed_in(a.due_on, a.done_on, window, today)
    ]
