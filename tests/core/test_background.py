"""Background work is saved with the action that starts it and is guaranteed to run
(regionplan/background.py): with the broker down, the actions succeed and say so, and the
sweep hands their work over once it is back; a job whose worker died is run again, or
failed with a clear message after the last attempt."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from followup.imports import jobs
from followup.models import ImportJob, MeasureValue
from regionplan import auditing, background
from regionplan.models import QueuedTask, RoleAssignment, User
from regionplan.tasks import sweep
from regionplan.tenancy import region_scope
from reports.models import ReportRun
from tests.followup.test_value_import import GOOD, GOOD_VALUES, csv_bytes, plans, stored  # noqa: F401 - plans is a fixture
from tests.view_table import make_report


class Broker:
    """The broker refuses connections, as Redis does when it is stopped: every hand-over
    raises kombu's OperationalError, and the status check fails (nothing listens on port 9).
    `back()`: it is reachable again, and tasks it gets run at once, here."""

    def __init__(self):
        from celery.app.task import Task

        from regionplan.celery import app

        self.app, self.task_class = app, Task
        self.saved = (app.conf.task_always_eager, app.conf.broker_url, Task.apply_async)

        def refuse(task, *args, **kwargs):
            raise OperationalError("Error 111 connecting to 127.0.0.1:9. Connection refused.")

        app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:9/0"
        Task.apply_async = refuse
        background._broker_state.update(checked=-1e9, ok=True)

    def back(self):
        eager, url, apply_async = self.saved
        self.app.conf.task_always_eager, self.app.conf.broker_url = True, url
        self.task_class.apply_async = apply_async
        background._broker_state.update(checked=-1e9, ok=True)


@pytest.fixture
def broker_down():
    broker = Broker()
    yield broker
    broker.back()
    broker.app.conf.task_always_eager = broker.saved[0]


def after_a_while():
    """Owed tasks become the sweep's once the commit's own hand-over has had its chance."""
    QueuedTask.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=1))


def test_the_task_is_handed_over_after_the_commit_and_never_for_a_rolled_back_action(
    world, django_capture_on_commit_callbacks
):
    user = world.users["admin"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        from regionplan.tasks import send_welcome_email

        fresh = User.objects.create_user(email="ny@alfa.test")
        background.enqueue(send_welcome_email, fresh.pk, "x", False)
    assert len(callbacks) == 1 and len(mail.outbox) == 1
    assert QueuedTask.objects.get().sent_at is not None
    assert user  # the world exists


def test_upload_with_the_broker_down_is_saved_said_and_run_when_it_is_back(
    world, plans, broker_down, django_capture_on_commit_callbacks
):  # noqa: F811
    client = world.client("controller")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("import_index", args=["alfa"]),
            {"kind": ImportJob.VALUES, "file": SimpleUploadedFile("varden.csv", csv_bytes(GOOD))},
        )
    assert response.status_code == 302  # not the 500 page that said "ingenting sparades"
    with region_scope(world.alfa):
        job = ImportJob.objects.get()
    assert job.status == ImportJob.QUEUED
    owed = QueuedTask.objects.get()
    assert owed.sent_at is None and "Connection refused" in owed.last_error
    page = client.get(response["Location"]).content.decode()
    assert "Bakgrundstjänsten svarar inte just nu" in page
    assert (
        "Bakgrundstjänsten svarar inte just nu" in client.get(reverse("import_index", args=["alfa"])).content.decode()
    )

    broker_down.back()
    after_a_while()
    assert sweep.apply().get()["sent"] == 1
    with region_scope(world.alfa):
        job.refresh_from_db()
    assert job.status == ImportJob.DONE, job.message
    assert stored(world.alfa) == GOOD_VALUES
    assert sweep.apply().get() == {"sent": 0}  # nothing is run twice
    with region_scope(world.alfa):
        assert MeasureValue.objects.count() == len(GOOD_VALUES)


def test_a_report_pdf_asked_for_with_the_broker_down_is_made_when_it_is_back(
    world, broker_down, django_capture_on_commit_callbacks
):
    report = make_report(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("controller").post(reverse("report_generate", args=["alfa", report.pk]))
    assert response.status_code == 302
    with region_scope(world.alfa):
        run = ReportRun.objects.get(report=report)
    assert run.status == ReportRun.QUEUED
    broker_down.back()
    after_a_while()
    sweep.apply()
    with region_scope(world.alfa):
        run.refresh_from_db()
    assert run.status == ReportRun.DONE and run.pdf


def test_a_role_granted_with_the_broker_down_gets_its_welcome_mail_when_it_is_back(
    world, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("admin").post(
            reverse("role_grant", args=["alfa"]),
            {"email": "ny.chef@alfa.test", "full_name": "Ny Chef", "role": "chef", "unit": world.units["VO2"].pk},
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny.chef@alfa.test")
    with region_scope(world.alfa):
        assert RoleAssignment.objects.filter(user=user).exists()
    assert mail.outbox == []
    broker_down.back()
    after_a_while()
    sweep.apply()
    assert [m.to for m in mail.outbox] == [["ny.chef@alfa.test"]]


def test_pages_that_start_background_work_say_when_the_broker_is_down(world, broker_down):
    report = make_report(world)
    pages = [
        ("controller", reverse("import_index", args=["alfa"])),
        ("controller", reverse("report_outline", args=["alfa", report.pk])),
        ("admin", reverse("user_list", args=["alfa"])),
        ("admin", reverse("source_list", args=["alfa"])),
        ("controller", reverse("followup_overview", args=["alfa"])),
    ]
    for persona, url in pages:
        assert "Bakgrundstjänsten svarar inte" in world.client(persona).get(url).content.decode(), url


def test_no_notice_while_the_broker_answers(world):
    assert (
        "Bakgrundstjänsten"
        not in world.client("controller").get(reverse("import_index", args=["alfa"])).content.decode()
    )


def test_health_counts_tasks_waiting_for_the_broker(world, broker_down, django_capture_on_commit_callbacks):
    from regionplan.tasks import send_welcome_email

    with django_capture_on_commit_callbacks(execute=True):
        background.enqueue(send_welcome_email, world.users["admin"].pk, "x", False)
    after_a_while()
    response = world.client("admin").get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "error", "waiting_tasks": 1, "templates": "ok"}


# --- Jobs whose worker died -----------------------------------------------------------------------


def queued_job(world, status=ImportJob.RUNNING, beat_minutes_ago=5, attempts=1) -> ImportJob:
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        job = ImportJob(
            source_name="varden.csv",
            trigger=ImportJob.UPLOAD,
            status=status,
            attempts=attempts,
            heartbeat_at=timezone.now() - datetime.timedelta(minutes=beat_minutes_ago),
        )
        job.file.save("varden.csv", SimpleUploadedFile("varden.csv", csv_bytes(GOOD)), save=False)
        job.save()
    return job


def lost(job: ImportJob) -> ImportJob:
    """As if the job's message had gone with a Redis that kept nothing: queued an hour ago."""
    with region_scope(job.region_id):
        ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - datetime.timedelta(hours=1))
    return job


def test_a_job_whose_worker_stopped_beating_is_run_again(world, plans, django_capture_on_commit_callbacks):  # noqa: F811
    job = queued_job(world)
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep.apply().get()
    assert result == {"sent": 0, "requeued": 1}
    with region_scope(world.alfa):
        job.refresh_from_db()
    assert job.status == ImportJob.DONE and job.attempts == 2
    assert stored(world.alfa) == GOOD_VALUES


def test_the_requeued_job_says_why_while_it_waits(world, plans, settings):  # noqa: F811
    job = queued_job(world)
    background.recover_jobs()  # inside the test's transaction: the hand-over waits for a commit
    with region_scope(world.alfa):
        job.refresh_from_db()
    assert job.status == ImportJob.QUEUED
    assert "stannade mitt i jobbet (försök 1 av 3)" in job.message


def test_a_job_interrupted_on_its_last_attempt_fails_with_a_clear_message(world, plans, settings):  # noqa: F811
    settings.JOB_MAX_ATTEMPTS = 3
    job = queued_job(world, attempts=3)
    assert background.recover_jobs() == {"failed": 1}
    with region_scope(world.alfa):
        job.refresh_from_db()
    assert job.status == ImportJob.FAILED and job.finished_at is not None
    assert "avbröts 3 gånger" in job.message and "Inget ändrades" in job.message
    assert not QueuedTask.objects.exists()


def test_a_job_with_a_live_worker_is_left_alone(world, plans):  # noqa: F811
    job = queued_job(world, beat_minutes_ago=0)
    assert background.recover_jobs() == {}
    from followup.tasks import run_import_job

    assert run_import_job.apply((job.pk,)).get() == "skipped"  # a second delivery does nothing
    with region_scope(world.alfa):
        job.refresh_from_db()
    assert (job.status, job.attempts) == (ImportJob.RUNNING, 1)


def test_a_queued_job_whose_message_was_lost_is_handed_over_again(
    world,
    plans,
    settings,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    job = lost(queued_job(world, status=ImportJob.QUEUED, attempts=0))
    with django_capture_on_commit_callbacks(execute=True):
        assert background.recover_jobs() == {"resent": 1}
    with region_scope(world.alfa):
        job.refresh_from_db()
    assert job.status == ImportJob.DONE


def test_a_lost_job_is_not_handed_over_twice_while_the_broker_is_down(
    world,
    plans,
    broker_down,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    job = lost(queued_job(world, status=ImportJob.QUEUED, attempts=0))
    with django_capture_on_commit_callbacks(execute=True):
        background.recover_jobs()
    lost(job)
    assert background.recover_jobs() == {}  # the outbox still owes the first one
    assert QueuedTask.objects.count() == 1


def test_claim_takes_a_job_once(world):
    job = queued_job(world, status=ImportJob.QUEUED, attempts=0)
    with region_scope(world.alfa):
        first = background.claim(ImportJob, job.pk)
        second = background.claim(ImportJob, job.pk)
    assert first is not None and first.status == ImportJob.RUNNING and first.attempts == 1
    assert second is None


def test_a_command_line_job_is_marked_running_by_itself(world, plans):  # noqa: F811
    with region_scope(world.alfa):
        job = ImportJob.objects.create(source_name="varden.csv", trigger=ImportJob.COMMAND)
        import io

        jobs.execute(job, stream=io.BytesIO(csv_bytes(GOOD)))
    assert (job.status, job.attempts) == (ImportJob.DONE, 1)


def test_a_process_that_never_imported_the_apps_tasks_still_finds_them():
    """A sweep run from a command (not a worker) must know every job's task by name."""
    import subprocess
    import sys

    code = (
        "from regionplan import background; "
        "print(background.task_named('followup.tasks.run_import_job').name, "
        "background.task_named('reports.tasks.render_report_run').name)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**__import__("os").environ, "REDIS_URL": ""},
    ).stdout
    assert "followup.tasks.run_import_job reports.tasks.render_report_run" in out


def test_a_task_nobody_knows_is_kept_for_a_process_that_does(world):
    unknown = QueuedTask.objects.create(task="gone.tasks.never", args=[])
    assert background.send(unknown.pk) is False
    unknown.refresh_from_db()
    assert unknown.sent_at is None and "unknown task" in unknown.last_error


def test_an_unknown_task_does_not_hold_up_the_others(world, django_capture_on_commit_callbacks):
    from regionplan.tasks import send_welcome_email

    QueuedTask.objects.create(task="gone.tasks.never", args=[])
    fresh = User.objects.create_user(email="ny@alfa.test")
    with django_capture_on_commit_callbacks(execute=False):
        background.enqueue(send_welcome_email, fresh.pk, "x", False)
    after_a_while()
    assert background.send_owed() == 1
    assert [m.to for m in mail.outbox] == [["ny@alfa.test"]]
