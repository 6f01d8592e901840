"""Reminders: each manager with unfinished items gets one digest e-mail per period, a
configurable number of days before the deadline and on the deadline, at the region's hour
in Swedish time (Celery beat runs `send_due_reminders` every hour; each digest sent is
recorded, so a restart never sends twice and a missed day is caught up). Tasks take ids
and enter the region's scope themselves."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from followup.imports import jobs
from followup.imports.sources import SourceError
from followup.models import FollowupSettings, ImportJob, ReminderDigest
from followup.rules import reminder_hour_has_come, reminder_occasion
from followup.services import load_followup
from regionplan import background, registry
from regionplan.models import Period, Region, Role
from regionplan.permissions import Action, holders_by_person, units_q
from regionplan.tenancy import region_scope

log = logging.getLogger(__name__)


def _digest(region, period, user, roles, unit_ids) -> dict | None:
    """What one manager still owes in the period (only `unit_ids`, if given), or None."""
    scope = units_q(roles, Action.REPORT)
    view = load_followup(period, scope)
    groups = [
        (group.unit, [row for row in group.rows if not row.reported])
        for group in view.groups
        if unit_ids is None or group.unit.pk in unit_ids
    ]
    groups = [(unit, rows) for unit, rows in groups if rows]
    owed = [
        thing
        for thing in registry.owed(period, scope, timezone.localdate())
        if not thing.done and (unit_ids is None or thing.unit.pk in unit_ids)
    ]
    if not groups and not owed:
        return None
    return {
        "region": region,
        "period": period,
        "user": user,
        "groups": groups,
        "owed": owed,
        "count": sum(len(rows) for _unit, rows in groups) + len(owed),
        "base_url": settings.SITE_URL,
    }


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminder_digests(
    region_id: int, period_id: int, unit_ids: list[int] | None = None, occasion: str = ReminderDigest.MANUAL
) -> int:
    """One e-mail per manager with unfinished items in the period (only `unit_ids`, if
    given); returns how many were sent. Each is recorded; a scheduled occasion already
    recorded for a manager is not sent again. The record and the mail are one transaction:
    a mail server that refuses leaves no record, and the retry sends it."""
    region = Region.objects.get(pk=region_id)
    sent = 0
    with region_scope(region), translation.override("sv"):
        period = Period.objects.get(pk=period_id)
        already = set()
        if occasion != ReminderDigest.MANUAL:
            already = set(
                ReminderDigest.objects.filter(period=period, occasion=occasion).values_list("user_id", flat=True)
            )
        for user, roles in holders_by_person([Role.MANAGER]).items():
            if user.pk in already:
                continue
            digest = _digest(region, period, user, roles, set(unit_ids) if unit_ids else None)
            if digest is None:
                continue
            subject = render_to_string("followup/reminder_subject.txt", digest).strip()
            with transaction.atomic():
                ReminderDigest.objects.create(period=period, user=user, occasion=occasion, items=digest["count"])
                send_mail(subject, render_to_string("followup/reminder_email.txt", digest), None, [user.email])
            sent += 1
    return sent


@shared_task
def send_due_reminders(now: str | None = None) -> int:
    """Hourly: for every region whose reminder hour (Swedish time) has come today, the
    reporting periods due a reminder (`rules.reminder_occasion`) get the digests not yet
    sent. `now` (ISO date or datetime) is for tests and catch-up by hand."""
    moment = timezone.localtime(_moment(now))
    today = moment.date()
    sent = 0
    for region in Region.each():
        config = FollowupSettings.current()
        if not reminder_hour_has_come(moment, config.reminder_hour):
            continue
        # Reporting periods only: months are value periods in a tertial region, not deadlines.
        window = Period.reporting(region).filter(
            deadline__gte=today,
            deadline__lte=today + datetime.timedelta(days=config.reminder_days_before),
        )
        for period_id, deadline in window.values_list("pk", "deadline"):
            occasion = reminder_occasion(today, deadline, config.reminder_days_before)
            if occasion:
                sent += send_reminder_digests(region.pk, period_id, occasion=occasion)
    return sent


def _moment(now: str | None) -> datetime.datetime:
    """`now` as an aware datetime: a date means its end (every hour has come), a naive
    datetime is Swedish time."""
    if not now:
        return timezone.now()
    if len(now) == 10:
        now += "T23:59"
    moment = datetime.datetime.fromisoformat(now)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


# --- Imports ------------------------------------------------------------------------------

RETRY_DELAYS = [60, 300, 900]  # seconds before the 2nd, 3rd and 4th attempt of a failing source


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=len(RETRY_DELAYS))
def run_import_job(self, job_id: int) -> str:
    """Run one import job. A worker that dies mid-job leaves only a temporary table; its
    heartbeat stops, the sweep queues the job again (regionplan.background) and it starts
    over, writing each value once. A source that cannot be read is retried with growing
    pauses, then marked failed."""
    # One process at a time: a message delivered twice, or a job a live worker runs, is left alone.
    with background.claimed(ImportJob, job_id) as job:
        if job is None:
            return "skipped"
        try:
            jobs.execute(job)
        except SourceError as exc:
            if self.request.retries < len(RETRY_DELAYS) and not self.request.is_eager:
                delay = RETRY_DELAYS[self.request.retries]
                jobs.mark_retrying(
                    job,
                    _("Försök %(n)s misslyckades: %(error)s Nytt försök om %(minutes)s minuter.")
                    % {"n": job.attempts, "error": exc, "minutes": delay // 60},
                )
                # If the broker cannot take the retry now, the job stays queued and the sweep
                # hands it over again later (JOB_LOST_SECONDS).
                raise self.retry(countdown=delay) from exc
            jobs.fail(job, str(exc), job.source)
        except Exception:
            # Never leave a job "running" forever, and never show a stack trace to the user.
            log.exception("import job %s failed", job_id)
            jobs.fail(
                job,
                _("Ett oväntat fel avbröt jobbet (#%(id)s). Inget ändrades; driften har loggen.") % {"id": job_id},
                job.source,
            )
        return job.status


@shared_task
def run_due_sources(now: str | None = None) -> int:
    """Every minute (Celery beat): start the data sources whose scheduled time has come.
    The schedule lives in the database, so an administrator changes it without a restart."""
    moment = datetime.datetime.fromisoformat(now) if now else timezone.now()
    started = 0
    for _region in Region.each():
        for source in jobs.due_sources(moment):
            started += len(jobs.start_source(source, ImportJob.SCHEDULE))
    return started
