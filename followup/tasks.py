"""Reminders: each manager with unfinished items gets one digest e-mail per period, a
configurable number of days before the deadline and on the deadline (Celery beat runs
`send_due_reminders` daily). Tasks take ids and enter the region's scope themselves."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from followup.models import FollowupSettings
from followup.services import load_followup
from regionplan.models import Period, Region, Role, RoleAssignment
from regionplan.permissions import Action, units_q
from regionplan.tenancy import all_regions, region_scope


def _digest(region, period, user, roles, unit_ids) -> dict | None:
    """What one manager still owes in the period (only `unit_ids`, if given), or None."""
    scope = units_q(roles, Action.REPORT)
    view = load_followup(period, scope)
    groups = [(group.unit, [row for row in group.rows if not row.reported]) for group in view.groups
              if unit_ids is None or group.unit.pk in unit_ids]
    groups = [(unit, rows) for unit, rows in groups if rows]
    if not groups:
        return None
    return {"region": region, "period": period, "user": user, "groups": groups,
            "count": sum(len(rows) for _unit, rows in groups), "base_url": settings.SITE_URL}


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminder_digests(region_id: int, period_id: int, unit_ids: list[int] | None = None) -> int:
    """One e-mail per manager with unfinished items in the period; returns how many were sent."""
    region = Region.objects.get(pk=region_id)
    sent = 0
    with region_scope(region), translation.override("sv"):
        period = Period.objects.get(pk=period_id)
        by_user = {}
        for assignment in RoleAssignment.objects.filter(role=Role.MANAGER).select_related("user", "unit"):
            by_user.setdefault(assignment.user, []).append(assignment)
        for user, roles in by_user.items():
            if not user.is_active:
                continue
            digest = _digest(region, period, user, roles, set(unit_ids) if unit_ids else None)
            if digest is None:
                continue
            subject = render_to_string("followup/reminder_subject.txt", digest).strip()
            send_mail(subject, render_to_string("followup/reminder_email.txt", digest), None, [user.email])
            sent += 1
    return sent


@shared_task
def send_due_reminders(today: str | None = None) -> int:
    """Daily: for every region, the periods whose deadline is today or the region's number
    of reminder days away get their digests."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    with all_regions():
        regions = list(Region.objects.all())
    for region in regions:
        with region_scope(region):
            days = FollowupSettings.current().reminder_days_before
            due = list(Period.objects.filter(deadline__in=[day, day + datetime.timedelta(days=days)]).values_list("pk", flat=True))
        for period_id in due:
            sent += send_reminder_digests(region.pk, period_id)
    return sent
