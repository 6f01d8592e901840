"""Background work of the reports: making a version (PDF and Excel). Tasks take ids and
enter the region's scope themselves; the run records its own progress for the page that
polls it."""

from __future__ import annotations

from celery import shared_task
from django.utils import translation

from regionplan import background
from regionplan.tenancy import all_regions, region_scope
from reports.models import ReportRun


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_report_run(run_id: int) -> str:
    """Make one run. A run already finished, or being made by a live worker, is left alone
    (a message delivered twice does no harm); a worker that dies mid-run stops its
    heartbeat and the sweep queues the run again (regionplan.background)."""
    with all_regions():
        region_id = ReportRun.objects.filter(pk=run_id).values_list("region_id", flat=True).first()
    if region_id is None:
        return "skipped"
    with region_scope(region_id), translation.override("sv"):
        from reports.services import execute_run

        run = background.claim(ReportRun, run_id)
        if run is None:
            return "skipped"
        return execute_run(run).status
