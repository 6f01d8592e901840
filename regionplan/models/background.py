"""Background work that must not be lost: the tasks owed to the broker, and what every
long job (an import, a report's PDF) records so that a dead worker is noticed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueuedTask(models.Model):
    """A Celery task owed to the platform (the transactional outbox): written in the same
    transaction as the action that needs it, handed to the broker after the commit, and
    handed again by the sweep (`regionplan.tasks.sweep`) while the broker was unreachable.

    Platform bookkeeping, not tenant data: it holds a task's name and the ids it takes,
    nothing a person typed; the sweep reads across regions and no page shows it.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "created_at"], name="queuedtask_unsent")]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class BackgroundJob(models.Model):
    """What a job row that a worker runs records besides its own outcome: its attempts,
    when it was (re)queued, and the heartbeat its worker writes while running it. The
    sweep requeues a running job whose heartbeat stopped, and fails it after the
    platform's number of attempts (`regionplan.background`)."""

    QUEUED, RUNNING = "queued", "running"

    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    queued_at = models.DateTimeField(default=timezone.now, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Bookkeeping, not outcomes: written by the worker outside the audit trail.
    background_fields = {"attempts", "queued_at", "heartbeat_at"}

    class Meta:
        abstract = True

    def mark_running(self, now=None) -> None:
        """This process takes the job: one more attempt, beating from now (not saved)."""
        now = now or timezone.now()
        self.status, self.attempts, self.heartbeat_at = self.RUNNING, self.attempts + 1, now
