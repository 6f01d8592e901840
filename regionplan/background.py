"""The one rule for background work: what an action starts is saved with the action and
is guaranteed to run, even when the broker is down at that moment or a worker dies.

- `enqueue(task, *args)` writes a `QueuedTask` row in the caller's transaction (the
  transactional outbox) and hands the task to the broker after the commit. If the broker
  cannot be reached, the action still succeeds (its data is committed, the page says the
  background service is down) and `sweep` hands the task over once the broker is back.
  Without a broker (the quick start) the task runs here, in-process, after the commit.
- A job row (an import, a report run) is a `BackgroundJob`: its task `claim`s it (one
  process at a time), runs it inside `heartbeat(job)`, and `sweep` requeues a running job
  whose heartbeat stopped (its worker died) or fails it with a clear message after
  `JOB_MAX_ATTEMPTS`; a queued job whose message was lost is handed over again.

Apps register their job models with `register_job` from `AppConfig.ready()`; the core
names no app. `sweep` runs every minute from Celery beat and when a worker starts.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regionplan.models.background import QueuedTask
from regionplan.tenancy import all_regions, region_scope

log = logging.getLogger(__name__)

SEND_GRACE = datetime.timedelta(seconds=10)  # the commit's own hand-over goes first
KEEP_SENT = datetime.timedelta(days=7)


# --- The outbox -------------------------------------------------------------------------------


def enqueue(task, *args) -> QueuedTask:
    """Owe `task(*args)` (a Celery task taking ids, or its name, so that the code that
    starts a job need not import the module that runs it): saved with the caller's
    transaction, sent after its commit. Never raises because the broker is down."""
    row = QueuedTask.objects.create(task=task if isinstance(task, str) else task.name, args=list(args))
    transaction.on_commit(functools.partial(send, row.pk), robust=True)
    return row


def run_now(name: str, *args):
    """Run a task here and now, as the command line does (its result, or what it raised)."""
    return task_named(name).apply(args)


def _app():
    from regionplan.celery import app

    return app


def task_named(name: str):
    """The Celery task of that name, importing the apps' task modules if this process has
    not yet (a sweep run from a command, say); None if there is no such task."""
    app = _app()
    if name not in app.tasks:
        app.autodiscover_tasks(force=True)
    return app.tasks.get(name)


def in_process() -> bool:
    """Whether tasks run here rather than on a worker (no broker: the quick start, tests)."""
    return bool(_app().conf.task_always_eager)


def send(pk: int, force: bool = False) -> bool:
    """Hand one owed task to the broker (or run it here without one). Returns whether it
    was handed over; a broker that cannot be reached leaves it for the sweep. While this
    process saw the broker down in the last seconds, only `force` (the sweep) tries again,
    so that pages do not each wait for a connection that will fail."""
    if not force and not in_process() and _recently_down():
        return False
    now = timezone.now()
    # Taking the row first means two senders (the commit and the sweep) never both send it.
    if not QueuedTask.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now, attempts=F("attempts") + 1):
        return False
    row = QueuedTask.objects.get(pk=pk)
    task = task_named(row.task)
    if task is None:  # kept for a process that knows it; never dropped
        QueuedTask.objects.filter(pk=pk).update(sent_at=None, last_error=f"unknown task {row.task}"[:300])
        log.error("queued task %s names an unknown task %s", pk, row.task)
        return False
    if in_process():
        try:
            task.apply(args=row.args, throw=True)
        except Exception:  # noqa: BLE001 - the action is committed; its job row says what failed
            log.exception("task %s%s failed in-process", row.task, tuple(row.args))
        return True
    try:
        task.apply_async(args=row.args, retry=False)
    except Exception as exc:  # noqa: BLE001 - kombu's OperationalError, a refused socket, a timeout
        QueuedTask.objects.filter(pk=pk).update(sent_at=None, last_error=str(exc)[:300])
        log.warning("broker unreachable, %s%s waits for the sweep: %s", row.task, tuple(row.args), exc)
        _broker_state.update(checked=time.monotonic(), ok=False)
        return False
    _broker_state.update(checked=time.monotonic(), ok=True)
    return True


def send_owed(now=None, limit: int = 1000) -> int:
    """Hand over what the broker has not taken yet (oldest first); returns how many."""
    now = now or timezone.now()
    pending = list(
        QueuedTask.objects.filter(sent_at__isnull=True, created_at__lt=now - SEND_GRACE)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in pending:
        if send(pk, force=True):
            sent += 1
        elif _recently_down():
            break  # the broker is still down: the rest wait for the next sweep
    QueuedTask.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    return sent


def owed_count(older_than: datetime.timedelta = datetime.timedelta(minutes=1)) -> int:
    """Tasks the broker has not taken for a while (for /halsa/)."""
    return QueuedTask.objects.filter(sent_at__isnull=True, created_at__lt=timezone.now() - older_than).count()


# --- Is the broker there? --------------------------------------------------------------------

_broker_state = {"checked": -1e9, "ok": True}
BROKER_CHECK_EVERY = 15  # seconds; a page that starts background work asks at most this often


def broker_status(fresh: bool = False) -> str:
    """ "ok", "in-process" (no broker configured) or "error"."""
    if _app().conf.broker_url.startswith("memory://"):
        return "in-process"
    if fresh or time.monotonic() - _broker_state["checked"] > BROKER_CHECK_EVERY:
        try:
            with _app().connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            ok = True
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            ok = False
        _broker_state.update(checked=time.monotonic(), ok=ok)
    return "ok" if _broker_state["ok"] else "error"


def _recently_down() -> bool:
    return not _broker_state["ok"] and time.monotonic() - _broker_state["checked"] < BROKER_CHECK_EVERY


def broker_down() -> bool:
    """For pages that start background work: say so while the broker is down."""
    return broker_status() == "error"


# --- Jobs that workers run ------------------------------------------------------------------


@dataclass(frozen=True)
class JobKind:
    """A model of `BackgroundJob`s, the task that runs one by id, and how to fail one for good."""

    model: type
    task: str
    fail: Callable[[object, str], None]


_JOB_KINDS: dict[str, JobKind] = {}


def register_job(model, task: str, fail: Callable[[object, str], None]) -> None:
    """Let the sweep watch a job model (called from the app's `AppConfig.ready()`)."""
    _JOB_KINDS[model._meta.label] = JobKind(model, task, fail)


def job_kinds() -> list[JobKind]:
    return list(_JOB_KINDS.values())


def _stale_before(now) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.JOB_STALE_SECONDS)


def is_stale(job, now=None) -> bool:
    """Whether a running job's worker has stopped beating."""
    now = now or timezone.now()
    return job.heartbeat_at is None or job.heartbeat_at < _stale_before(now)


def claim(model, pk: int):
    """Take the job for this process, in the current region: the job, marked running and
    saved, or None when it is gone, finished, or being run by a live worker (a message
    delivered twice then does nothing)."""
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk).first()
        if job is None or job.finished or (job.status == job.RUNNING and not is_stale(job)):
            return None
        job.mark_running()
        job.save()
    return job


@contextlib.contextmanager
def claimed(model, pk: int):
    """For a task: enter the job's region (in Swedish, the language of its messages) and
    claim it; yields the job, or None when there is nothing for this process to do."""
    with all_regions():
        region_id = model.objects.filter(pk=pk).values_list("region_id", flat=True).first()
    if region_id is None:
        yield None
        return
    with region_scope(region_id), translation.override("sv"):
        yield claim(model, pk)


@contextlib.contextmanager
def heartbeat(job):
    """While the block runs, a thread writes the job's heartbeat every JOB_HEARTBEAT_SECONDS
    on its own connection (a long COPY or a PDF's layout gives the job no chance to).
    Not inside a transaction (nobody else could see the beats) and not on SQLite
    (one writer at a time; the quick start has no worker to lose)."""
    if connection.vendor == "sqlite" or connection.in_atomic_block:
        yield
        return
    model, pk, region_id = type(job), job.pk, job.region_id
    stop = threading.Event()

    def beat():
        from django.db import connection as own

        try:
            with region_scope(region_id):
                while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                    model.objects.filter(pk=pk).update(heartbeat_at=timezone.now())
        except Exception:  # noqa: BLE001 - a missed beat only makes the sweep look sooner
            log.exception("heartbeat of %s %s stopped", model.__name__, pk)
        finally:
            own.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)


def recover_jobs(now=None) -> dict[str, int]:
    """Requeue running jobs whose worker stopped beating (or fail them after
    JOB_MAX_ATTEMPTS), and hand over again queued jobs whose message was lost (queued
    longer than JOB_LOST_SECONDS with nothing owed for them). Returns the counts."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0, "resent": 0, "skipped": 0}
    lost_before = now - datetime.timedelta(seconds=settings.JOB_LOST_SECONDS)
    for kind in job_kinds():
        with all_regions():
            stale = list(
                kind.model.objects.filter(status=kind.model.RUNNING, heartbeat_at__lt=_stale_before(now)).values_list(
                    "pk", "region_id"
                )
            )
            lost = list(
                kind.model.objects.filter(status=kind.model.QUEUED, queued_at__lt=lost_before).values_list(
                    "pk", "region_id"
                )
            )
        for pk, region_id in stale:
            with region_scope(region_id):
                counts[_interrupted(kind, pk, now)] += 1
        for pk, region_id in lost:
            if QueuedTask.objects.filter(task=kind.task, args=[pk], sent_at__isnull=True).exists():
                continue  # the broker is down: the outbox already owes it
            with region_scope(region_id), transaction.atomic():
                job = kind.model.objects.select_for_update().filter(pk=pk, status=kind.model.QUEUED).first()
                if job is not None:
                    job.queued_at = now
                    job.save()
                    enqueue(task_named(kind.task), pk)
                    counts["resent"] += 1
    return {name: n for name, n in counts.items() if n}


def _interrupted(kind: JobKind, pk: int, now) -> str:
    """A running job whose worker is gone: queued again, or failed after the last attempt."""
    with transaction.atomic():
        job = kind.model.objects.select_for_update().filter(pk=pk, status=kind.model.RUNNING).first()
        if job is None or not is_stale(job, now):
            return "skipped"  # it moved on meanwhile: nothing to do
        if job.attempts >= settings.JOB_MAX_ATTEMPTS:
            kind.fail(
                job,
                _(
                    "Jobbet avbröts %(n)s gånger när bakgrundstjänsten stannade mitt i det och har "
                    "inte slutförts. Inget ändrades av det avbrutna försöket; starta jobbet igen eller "
                    "kontakta driften."
                )
                % {"n": job.attempts},
            )
            return "failed"
        job.status, job.queued_at = job.QUEUED, now
        job.message = _(
            "Bakgrundstjänsten stannade mitt i jobbet (försök %(n)s av %(max)s). Inget ändrades av "
            "det försöket; jobbet startas om."
        ) % {"n": job.attempts, "max": settings.JOB_MAX_ATTEMPTS}
        job.save()
        enqueue(task_named(kind.task), pk)
    return "requeued"
