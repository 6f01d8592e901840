"""Running import jobs: from an uploaded file, a command, a data source or the drop folder.

`start_*` create the `ImportJob` row and hand its id to Celery after the commit;
`execute` does the work inside the region's scope (the task calls it, and so does the
command line). A job that fails for a passing reason (network, a locked database) is
retried by the task; one that keeps failing is marked failed with its reason, and after
`NOTIFY_AFTER` failures in a row of a scheduled source the administrators get an e-mail.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.files import File
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.imports import economy, personnel, pipeline, sources
from followup.imports.valuerules import next_run
from followup.models import DataSource, ImportJob, ImportJobError, Origin
from regionplan import auditing, background
from regionplan.models import OrgUnit, Role
from regionplan.permissions import WHOLE_REGION, Action, has_permission, holders_by_person, roles_of, units_q

log = logging.getLogger(__name__)

NOTIFY_AFTER = 3
ORIGIN_OF_SOURCE = {
    DataSource.WAREHOUSE: Origin.WAREHOUSE,
    DataSource.KOLADA: Origin.KOLADA,
    DataSource.FOLDER: Origin.FILE,
}


def sees_all_jobs(roles) -> bool:
    """Controllers and administrators of the whole region see every job; others their own."""
    return has_permission(roles, Action.PLAN, WHOLE_REGION) or has_permission(roles, Action.ADMINISTER, WHOLE_REGION)


def may_see_job(roles, user, job: ImportJob) -> bool:
    return job.started_by_id == user.pk or sees_all_jobs(roles)


def start_upload(upload, kind: str, partial: bool, user, trigger: str = ImportJob.UPLOAD) -> ImportJob:
    """Keep the uploaded file with a new job and queue it."""
    job = ImportJob(kind=kind, partial=partial, trigger=trigger, started_by=user, source_name=upload.name[:200])
    job.file.save(Path(upload.name).name, upload, save=False)
    job.save()
    _queue(job)
    return job


def start_source(source: DataSource, trigger: str, user=None, inline: bool = False) -> list[ImportJob]:
    """Queue a source's run: one job, or for a drop folder one per waiting file (moved
    out of the folder into the job, so the next poll does not take it again). `inline`
    runs the jobs here and now (the command line) instead of on a worker."""
    if source.kind != DataSource.FOLDER:
        job = ImportJob.objects.create(
            kind=ImportJob.VALUES,
            source=source,
            source_name=source.name,
            trigger=trigger,
            started_by=user,
            partial=source.partial,
        )
        _queue(job, inline)
        return [job]
    jobs = []
    try:
        waiting = sources.waiting_files(source)
    except sources.SourceError as exc:
        job = ImportJob.objects.create(
            kind=ImportJob.VALUES, source=source, source_name=source.name, trigger=trigger, started_by=user
        )
        fail(job, str(exc), source)
        return [job]
    for path in waiting:
        job = ImportJob(
            kind=ImportJob.VALUES,
            source=source,
            source_name=f"{source.name}: {path.name}"[:200],
            trigger=trigger,
            started_by=user,
            partial=source.partial,
        )
        with path.open("rb") as handle:
            job.file.save(path.name, File(handle), save=False)
        job.save()
        path.unlink()
        _queue(job, inline)
        jobs.append(job)
    return jobs


RUN_TASK = "followup.tasks.run_import_job"  # by name: the task module imports this one


def _queue(job: ImportJob, inline: bool = False) -> None:
    if inline:
        background.run_now(RUN_TASK, job.pk)
    else:
        background.enqueue(RUN_TASK, job.pk)  # saved with the job, run even if the broker is down now


def execute(job: ImportJob, stream=None) -> ImportJob:
    """Run the job now, in the current region scope. Safe to run again after a crash: the
    work is staged in a temporary table and applied in one transaction at the end.
    Raises `sources.SourceError` when the source cannot be read (the caller retries or fails).
    `stream`: the open file of a command-line job (which keeps no copy of the file)."""
    if job.status != ImportJob.RUNNING:  # the task has claimed it already; a command has not
        job.mark_running()
    job.started_at, job.finished_at = timezone.now(), None
    job.rows_read = job.rows_accepted = job.rows_rejected = 0
    job.save()
    source = job.source
    label = None if job.started_by else _("import %(name)s") % {"name": job.source_name}
    with auditing.acting_as(job.started_by, label=label), background.heartbeat(job):
        try:
            if job.kind != ImportJob.VALUES:
                importer = personnel if job.kind == ImportJob.PERSONNEL else economy
                importer.import_figures(
                    job,
                    stream or _file_stream(job),
                    job.source_name if stream else job.file.name,
                    allowed_units=_allowed_units(job),
                )
            elif stream is not None:
                pipeline.import_values(
                    job, sources.file_values(stream, job.source_name), Origin.FILE, allowed_units=_allowed_units(job)
                )
            else:
                rows, origin = _rows(job, source)
                pipeline.import_values(job, rows, origin, allowed_units=_allowed_units(job))
        except sources.FileRejected as exc:
            ImportJobError.objects.bulk_create(
                [ImportJobError(job=job, row=e.row, column=e.column or "", message=e.message) for e in exc.errors]
            )
            pipeline.finish(job, ImportJob.REJECTED, _("Filen avvisades. Inget ändrades."))
        except pipeline.ParentsChanged as exc:
            raise sources.SourceError(
                _(
                    "Ett mått, en enhet eller en period togs bort medan importen pågick. "
                    "Inget ändrades; importen görs om."
                )
            ) from exc
        finally:
            if job.file:
                job.file.close()
    if source is not None and job.status != ImportJob.FAILED and source.failures_in_row:
        DataSource.objects.filter(pk=source.pk).update(failures_in_row=0)
    return job


def _rows(job: ImportJob, source: DataSource | None):
    if job.file:
        return sources.file_values(_file_stream(job), job.file.name), Origin.FILE
    if source is None:
        raise sources.SourceError(_("Jobbets datakälla finns inte längre."))
    if source.kind == DataSource.WAREHOUSE:
        return sources.warehouse_values(source), Origin.WAREHOUSE
    if source.kind == DataSource.KOLADA:
        return sources.kolada_values(source), Origin.KOLADA
    raise sources.SourceError(_("Mappkällan har ingen fil i jobbet."))


def _file_stream(job: ImportJob):
    job.file.open("rb")
    return job.file.file


def _allowed_units(job: ImportJob) -> set[int] | None:
    """A person's upload may touch only units they plan for; a source (set up by an
    administrator) the whole region. None means no restriction."""
    if job.source_id or job.started_by is None:
        return None
    roles = roles_of(job.started_by)
    if has_permission(roles, Action.PLAN, WHOLE_REGION):
        return None
    return set(OrgUnit.objects.filter(units_q(roles, Action.PLAN)).values_list("pk", flat=True))


def fail(job: ImportJob, message: str, source: DataSource | None) -> None:
    """Mark the job failed for good, count the source's failures, warn at the third."""
    pipeline.finish(job, ImportJob.FAILED, message)
    if source is None:
        return
    failures = source.failures_in_row + 1
    DataSource.objects.filter(pk=source.pk).update(failures_in_row=failures)
    source.failures_in_row = failures
    if failures == NOTIFY_AFTER:
        notify_administrators(source, job)


def notify_administrators(source: DataSource, job: ImportJob) -> None:
    """Tell the region's administrators that a source keeps failing (once, at the third)."""
    from django.conf import settings

    emails = sorted(user.email for user in holders_by_person([Role.ADMINISTRATOR]) if user.email)
    if not emails:
        return
    subject = _("Datakällan %(name)s har misslyckats %(n)s gånger i rad") % {"name": source.name, "n": NOTIFY_AFTER}
    body = _("Senaste felet (jobb #%(job)s): %(message)s\n\nSe %(url)s") % {
        "job": job.pk,
        "message": job.message,
        "url": settings.SITE_URL + reverse("import_job", kwargs={"region_slug": source.region.slug, "pk": job.pk}),
    }
    send_mail(subject, body, None, emails)


def mark_retrying(job: ImportJob, message: str) -> None:
    """Between attempts: the job waits again, and says why."""
    job.status, job.message, job.queued_at = ImportJob.QUEUED, message, timezone.now()
    job.save()


def due_sources(now) -> list[DataSource]:
    """Enabled sources whose next run is due; their next run is moved on at once, in the
    same transaction, so two beat ticks cannot start the same run twice."""
    with transaction.atomic():
        due = list(DataSource.objects.select_for_update().filter(enabled=True, next_run_at__lte=now))
        for source in due:
            source.next_run_at = next_run(source.schedule, source.run_at, source.weekday, timezone.localtime(now))
            DataSource.objects.filter(pk=source.pk).update(next_run_at=source.next_run_at)
    return due
