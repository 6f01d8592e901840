"""Background work of the reports: making a version (PDF and Excel). Tasks take ids and
enter the region's scope themselves; the run records its own progress for the page that
polls it."""

from __future__ import annotations

from celery import shared_task

from regionplan import background
from reports.models import ReportRun
from reports.services import execute_run


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_report_run(run_id: int) -> str:
    """Make one run. A run already finished, or being made by a live worker, is left alone
    (a message delivered twice does no harm); a worker that dies mid-run stops its
    heartbeat and the sweep queues the run again (regionplan.background)."""
    with background.claimed(ReportRun, run_id) as run:
        return "skipped" if run is None else execute_run(run).status
