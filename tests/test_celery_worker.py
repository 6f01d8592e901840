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
