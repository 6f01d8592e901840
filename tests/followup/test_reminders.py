"""Reminders at a fixed hour in Swedish time: the rule of which reminder is due, beat's
schedule as configured, each digest recorded once (a restart never sends twice, a missed
day is caught up), reporting periods only, and the overview showing who was reminded when."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from followup.models import FollowupSettings, ReminderDigest
from followup.rules import reminder_hour_has_come, reminder_occasion
from followup.tasks import send_due_reminders, send_reminder_digests
from regionplan import auditing
from regionplan.models import Period
from regionplan.tenancy import region_scope
from tests.plans import YEAR, build_plans

T3 = f"{YEAR}-T3"
D = datetime.date(YEAR, 12, 15)


@pytest.fixture
def plans(world):
    return build_plans(world)


@pytest.mark.parametrize(
    "today, days_before, expected",
    [
        (D - datetime.timedelta(days=6), 5, None),  # not yet
        (D - datetime.timedelta(days=5), 5, "early"),  # the configured day
        (D - datetime.timedelta(days=3), 5, "early"),  # caught up after missed days
        (D - datetime.timedelta(days=1), 5, "early"),
        (D, 5, "deadline"),
        (D + datetime.timedelta(days=1), 5, None),  # after the deadline: the controller's "Påminn"
        (D, 0, "deadline"),
        (D - datetime.timedelta(days=1), 0, None),  # no early reminder at all
    ],
)
def test_which_reminder_is_due(today, days_before, expected):
    assert reminder_occasion(today, D, days_before) == expected


@pytest.mark.parametrize(
    "hour, at, expected", [(7, 6, False), (7, 7, True), (7, 23, True), (0, 0, True), (23, 22, False)]
)
def test_the_regions_hour(hour, at, expected):
    assert reminder_hour_has_come(datetime.datetime(YEAR, 12, 1, at, 5), hour) is expected


def test_beat_runs_the_reminders_every_hour_in_swedish_time():
    """The configuration beat reads: not a 24-hour interval from beat's start, but each
    hour's fifth minute on the clock, in Europe/Stockholm (the task picks the region's hour)."""
    from celery.schedules import crontab

    from regionplan.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["follow-up reminders"]
    assert entry["task"] == "followup.tasks.send_due_reminders"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.minute == {5} and schedule.hour == set(range(24)) and schedule.day_of_week == set(range(7))
    assert app.conf.timezone == settings.CELERY_TIMEZONE == "Europe/Stockholm"
    assert "followup.tasks.send_due_reminders" in app.tasks


def deadline_of(world, code=T3):
    with region_scope(world.alfa):
        return Period.objects.get(code=code).deadline


def digests(world):
    with region_scope(world.alfa):
        return list(ReminderDigest.objects.order_by("sent_at").values_list("occasion", "user__email", "items"))


def at(day: datetime.date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:30"


def test_digests_go_at_the_regions_hour_once_and_catch_up(world, plans, mailoutbox):
    deadline = deadline_of(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        FollowupSettings.objects.create(reminder_hour=8, reminder_days_before=5)
    early = deadline - datetime.timedelta(days=3)  # beat was down on the fifth and fourth day before

    assert send_due_reminders(at(early, 7)) == 0  # before the region's hour
    assert send_due_reminders(at(early, 8)) == 1
    assert send_due_reminders(at(early, 9)) == 0  # the next hour, a restart: never twice
    assert send_due_reminders(at(deadline - datetime.timedelta(days=1), 8)) == 0  # early already sent
    assert send_due_reminders(at(deadline, 10)) == 1  # the deadline's own
    assert send_due_reminders(at(deadline, 11)) == 0
    assert len(mailoutbox) == 2 and mailoutbox[0].to == ["chef@alfa.test"]
    assert digests(world) == [("early", "chef@alfa.test", 4), ("deadline", "chef@alfa.test", 4)]


def test_a_mail_server_that_refuses_leaves_no_record(world, plans, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("followup.tasks.send_mail", refuse)
    with pytest.raises(OSError):
        send_due_reminders(at(deadline_of(world), 12))
    assert digests(world) == []


def test_months_in_a_tertial_region_are_not_reminded(world, plans, mailoutbox):
    """Months are value periods where the region reports by tertial; their last day is no
    reporting deadline."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        world.alfa.period_kinds = ["tertial"]
        world.alfa.save()
        t3 = Period.objects.get(code=T3)
        Period.objects.filter(kind="month").delete()
        Period.objects.create(
            year=t3.year, kind="month", number=11, code=f"{YEAR}-11", start=datetime.date(YEAR, 11, 1),
            end=datetime.date(YEAR, 11, 30), deadline=t3.deadline - datetime.timedelta(days=20),
        )  # fmt: skip
    assert send_due_reminders(t3.deadline.isoformat()) == 1
    with region_scope(world.alfa):
        assert list(ReminderDigest.objects.values_list("period__code", flat=True)) == [T3]


def test_manual_reminders_are_recorded_and_may_repeat(world, plans, mailoutbox):
    with region_scope(world.alfa):
        p = Period.objects.get(code=T3)
    assert send_reminder_digests(world.alfa.pk, p.pk) == 1
    assert send_reminder_digests(world.alfa.pk, p.pk) == 1
    assert [d[0] for d in digests(world)] == ["manual", "manual"]


def test_the_overview_shows_who_was_reminded_when(world, plans, mailoutbox):
    with region_scope(world.alfa):
        p = Period.objects.get(code=T3)
    send_reminder_digests(world.alfa.pk, p.pk)
    with region_scope(world.alfa):
        sent = ReminderDigest.objects.get().sent_at
    page = world.client("controller").get(reverse("followup_overview", args=["alfa"]) + f"?period={T3}")
    text = re.sub(r"<[^>]+>", "", page.content.decode())
    assert f"(påmind {timezone.localtime(sent):%Y-%m-%d %H:%M})" in text
