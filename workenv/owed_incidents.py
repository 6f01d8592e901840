"""A serious incident not yet reported to Arbetsmiljöverket is owed by its unit: red (overdue)
on the manager's Min uppföljning attention list and the controller's overview until the
report's date and case number are recorded. Whatever the period, since the law says
"without delay"."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regionplan import registry
from regionplan.models import OrgUnit, Period
from workenv.models import Incident


def owed(period: Period, units_q: Q, today: datetime.date) -> list[registry.Owed]:
    """One query."""
    incidents = Incident.objects.filter(
        unit__in=OrgUnit.objects.filter(units_q), serious=True, authority_reported_on__isnull=True
    ).select_related("unit", "region")
    return [
        registry.Owed(
            unit=incident.unit,
            title=_("Anmäl %(kind)s %(when)s till Arbetsmiljöverket")
            % {"kind": incident.get_kind_display().lower(), "when": timezone.localtime(incident.occurred_at).date()},
            kind=_("Allvarlig händelse"),
            url=reverse("we_incident", args=[incident.region.slug, incident.pk]),
            due=timezone.localtime(incident.occurred_at).date(),
            done=False,
            overdue=True,
            detail=_("arbetsmiljölagen 3 kap. 3 a §"),
            section=_("Arbetsmiljö"),
        )
        for incident in incidents
    ]
