"""The worker path through the real broker: a task sent to Redis is run by a Celery worker.

Runs when REDIS_URL is set (CI sets it to the machine's Redis); skips with a message
otherwise, except under CI=true, where it must run.
"""

import os

import pytest
from django.core import mail

from regionplan.models import User

if not os.environ.get("REDIS_URL"):
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but REDIS_URL is unset: .ci/run must point the suite at the machine's Redis.")
    pytest.skip("REDIS_URL is not set: the worker test needs a real Redis.", allow_module_level=True)


@pytest.fixture
def worker(transactional_db):
    from celery.contrib.testing.worker import start_worker

    from regionplan.celery import app

    app.conf.task_always_eager = False
    # The project keeps task state in its own models; the test reads results through Redis.
    app.conf.result_backend = os.environ["REDIS_URL"]
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield app
    app.conf.task_always_eager = True


def test_welcome_email_is_sent_by_a_worker_through_redis(worker):
    from regionplan.tasks import send_welcome_email

    user = User.objects.create_user(email="ny@alfa.test")
    result = send_welcome_email.delay(user.pk, "regionplan.example", True)
    assert result.get(timeout=20) is True
    assert [m.to for m in mail.outbox] == [["ny@alfa.test"]]
    assert "https://regionplan.example/konto/losenord/" in mail.outbox[0].body


def test_task_is_idempotent_for_a_user_who_chose_a_password(worker):
    from regionplan.tasks import send_welcome_email

    user = User.objects.create_user(email="klar@alfa.test", password="redan-valt-losenord")
    assert send_welcome_email.delay(user.pk, "x", False).get(timeout=20) is False
    assert mail.outbox == []
