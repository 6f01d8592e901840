"""The worker path through the real broker: a task sent to Redis is run by a Celery worker.

Runs when REDIS_URL is set (.ci/run's second pass sets it to the machine's Redis); skips
with a message otherwise, except when REQUIRE_SERVICES=1 (that same pass), where it must run.
"""

import os
import time

import pytest
from django.core import mail

from regionplan.models import User

if not os.environ.get("REDIS_URL"):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        raise RuntimeError("REQUIRE_SERVICES=1 but REDIS_URL is unset: point the suite at a real Redis.")
    pytest.skip("REDIS_URL is not set: the worker test needs a real Redis.", allow_module_level=True)


@pytest.fixture
def worker(transactional_db):
    from celery.contrib.testing.worker import start_worker

    from regionplan.celery import app

    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield app
    app.conf.task_always_eager = True


def wait_for_mail(count: int, timeout: float = 20.0):
    """The project keeps no Celery result backend: wait for the task's effect instead."""
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count:
        assert time.monotonic() < deadline, f"the worker sent {len(mail.outbox)} of {count} e-mails in {timeout} s"
        time.sleep(0.1)


def test_welcome_email_is_sent_by_a_worker_through_redis(worker):
    from regionplan.tasks import send_welcome_email

    user = User.objects.create_user(email="ny@alfa.test")
    send_welcome_email.delay(user.pk, "regionplan.example", True)
    wait_for_mail(1)
    assert [m.to for m in mail.outbox] == [["ny@alfa.test"]]
    assert "https://regionplan.example/konto/losenord/" in mail.outbox[0].body


def test_task_sends_nothing_to_a_user_who_chose_a_password(worker):
    from regionplan.tasks import send_welcome_email

    done = User.objects.create_user(email="klar@alfa.test", password="redan-valt-losenord")
    fresh = User.objects.create_user(email="ny@alfa.test")
    send_welcome_email.delay(done.pk, "x", False)
    send_welcome_email.delay(fresh.pk, "x", False)  # the solo worker runs them in order
    wait_for_mail(1)
    time.sleep(0.5)
    assert [m.to for m in mail.outbox] == [["ny@alfa.test"]]


# --- A worker that dies mid-import ------------------------------------------------------------------

WORKER_REDIS = "redis://127.0.0.1:6379/15"  # its own database, emptied after: no stray message outlives the test


def _service_env(settings) -> dict:
    from django.db import connection

    own = connection.settings_dict
    auth = own["USER"] + (f":{own['PASSWORD']}" if own.get("PASSWORD") else "")
    return {
        **os.environ,
        "DATABASE_URL": f"postgresql://{auth}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}/{own['NAME']}",
        "REDIS_URL": WORKER_REDIS,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "JOB_HEARTBEAT_SECONDS": "0.5",
        "JOB_STALE_SECONDS": "3",
        "LOG_LEVEL": "WARNING",
    }


def _start_worker(env):
    import subprocess
    import sys

    # In its own process group, so that the whole worker (main process and pool) can be killed at once.
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "regionplan",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _manage(env, code: str) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env, check=True, timeout=60)


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.2)


def test_a_worker_killed_mid_import_is_noticed_and_the_job_finishes_exactly_once(transactional_db, settings, tmp_path):
    """A 201,600-row import; the worker (main process and pool) is killed half-way; its
    heartbeat stops, the sweep requeues the job, a new worker runs it to the end, and each
    value is written once."""
    import signal

    import redis
    from django.core.files import File
    from django.db import connection

    from bench.seed_scale import seed_scale
    from followup.models import ImportJob, MeasureValue, ValueChange
    from regionplan.models import Region
    from regionplan.tenancy import region_scope

    if connection.vendor != "postgresql":
        pytest.skip("the worker test needs PostgreSQL")
    seed_scale(region="skala", units=200, measures=84, years=1, stdout=open(os.devnull, "w"))
    region = Region.objects.get(slug="skala")
    year = time.localtime().tm_year
    path = tmp_path / "varden.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("Mått;Organisation;Period;Kön;Värde\n")
        for month in range(1, 13):
            for m in range(1, 85):
                for u in range(1, 201):
                    out.write(
                        f"SK-M{m:04d};SK-{u:05d};{year}-{month:02d};;{(u * 7 + m * 13 + month) % 1000},{m % 10}\n"
                    )
    with region_scope(region), path.open("rb") as handle:
        job = ImportJob(source_name="varden.csv", trigger=ImportJob.UPLOAD)
        job.file.save("varden.csv", File(handle), save=False)
        job.save()

    def current():
        with region_scope(region):
            return ImportJob.objects.get(pk=job.pk)

    env = _service_env(settings)
    broker = redis.Redis.from_url(WORKER_REDIS)
    broker.flushdb()
    workers = [_start_worker(env)]
    try:
        _manage(env, f"from followup.tasks import run_import_job; run_import_job.delay({job.pk})")
        _wait(lambda: current().rows_read >= 20_000, 120, "the first worker to be half-way")
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(timeout=10)
        interrupted = current()
        assert interrupted.status == ImportJob.RUNNING and interrupted.attempts == 1
        assert interrupted.rows_read < 201_600  # killed on the way, not after the end
        time.sleep(1.5)
        assert current().heartbeat_at == interrupted.heartbeat_at  # nobody beats for it any more
        workers.append(_start_worker(env))
        _wait(lambda: _stale(current()), 20, "the heartbeat to go stale")
        _manage(env, "from regionplan.tasks import sweep; print(sweep())")
        _wait(lambda: current().finished, 180, "the second worker to finish the job")
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        broker.flushdb()
    done = current()
    assert (done.status, done.attempts, done.created, done.changed) == (ImportJob.DONE, 2, 201_600, 0), done.message
    with region_scope(region):
        assert MeasureValue.objects.count() == 201_600
        assert ValueChange.objects.count() == 201_600  # the killed attempt left nothing behind


def _stale(job) -> bool:
    from django.utils import timezone

    return job.heartbeat_at is not None and (timezone.now() - job.heartbeat_at).total_seconds() > 3.5
