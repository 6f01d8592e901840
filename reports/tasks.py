"""Background work of the reports: making a version (PDF and Excel). Tasks take ids and
enter the region's scope themselves; the run records its own progress for the page that
polls it."""

from __future__ import annotations

from celery import shared_task
from django.utils import translation

from regionplan.models import Region
from regionplan.tenancy import all_regions, region_scope
from reports.models import ReportRun


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_report_run(run_id: int) -> str:
    """Make one run; a run already finished is left alone (a redelivered task does no harm)."""
    with all_regions():
        region = Region.objects.get(pk=ReportRun.objects.values_list("region_id", flat=True).get(pk=run_id))
    with region_scope(region), translation.override("sv"):
        from reports.services import execute_run

        run = ReportRun.objects.get(pk=run_id)
        if run.finished:
            return run.status
        return execute_run(run).status
