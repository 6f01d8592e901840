"""SAM's background jobs: telling a unit's managers at once of a serious incident."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from regionplan.models import Region, Role
from regionplan.permissions import holders_by_unit
from regionplan.tenancy import region_scope


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_serious_incident(region_id: int, incident_id: int) -> int:
    """Mail the incident's unit's managers that it must be reported to Arbetsmiljöverket
    without delay, with a link (no free text: the mail says what kind and where to look).
    Returns how many were told."""
    from workenv.models import Incident

    region = Region.objects.get(pk=region_id)
    with region_scope(region), translation.override("sv"):
        incident = Incident.objects.select_related("unit").get(pk=incident_id)
        managers = holders_by_unit([incident.unit], [Role.MANAGER])[incident.unit.pk]
        context = {
            "incident": incident,
            "url": settings.SITE_URL + reverse("we_incident", args=[region.slug, incident.pk]),
        }
        subject = render_to_string("workenv/serious_subject.txt", context).strip()
        body = render_to_string("workenv/serious_email.txt", context)
        emails = [m.email for m in managers if m.email]
        if emails:
            send_mail(subject, body, None, emails)
        return len(emails)
