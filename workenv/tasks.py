"""SAM's background jobs: telling a unit's managers at once of a serious incident, and the
incident counts into the measures that name them (nightly from Celery beat, or when a
controller asks)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from regionplan.models import Region, Role
from regionplan.permissions import holders_by_unit
from regionplan.tenancy import region_scope

logger = logging.getLogger(__name__)


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


@shared_task
def import_incident_counts(region_id: int, year: int, user_id: int | None = None) -> int | None:
    """One region's incident counts of `year` into its measures (workenv.values); the job
    in the import log, or None when no measure names the incident reports."""
    from django.contrib.auth import get_user_model

    from followup.models import ImportJob
    from regionplan import auditing
    from workenv import values

    region = Region.objects.get(pk=region_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    trigger = ImportJob.RUN_NOW if user else ImportJob.SCHEDULE
    with region_scope(region), auditing.acting_as(user, label=None if user else "SAM: antal händelser"):
        job = values.import_incident_counts(year, user=user, trigger=trigger)
    return job.pk if job else None


@shared_task
def import_all_incident_counts(today: str | None = None) -> int:
    """Nightly (Celery beat): every region's incident counts of this year (and last year
    in January) into its measures. How many jobs ran."""
    import datetime

    from django.utils import timezone

    from workenv import values

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    ran = 0
    for region in Region.each():
        for year in values.years_to_count(day):
            try:
                ran += import_incident_counts(region.pk, year) is not None
            except Exception:  # one region's failure must not stop the others' counts
                logger.exception("SAM incident counts failed for region %s, year %s", region.slug, year)
    return ran
