"""Import pages: upload a file of values or economy figures, watch the job, read and
download its errors and changes; administer the region's data sources and run them.

Permissions through `regionplan.permissions`: PLAN (a controller) to upload and to see
one's own jobs, PLAN on the whole region to see every job, ADMINISTER on the whole
region for data sources. The unit scope of an upload is checked row by row when it runs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.forms import DataSourceForm, ImportUploadForm, mask_password
from followup.imports import jobs
from followup.models import DataSource, ImportJob, ValueChange
from regionplan import xlsx
from regionplan.permissions import WHOLE_REGION, Action, has_permission, require
from regionplan.views.common import (
    form_data,
    form_files,
    form_status,
    render_page_or_partial,
)

SHOWN_ROWS = 200
JOBS_PER_PAGE = 50


def _job(request, pk) -> ImportJob:
    """A job the user may see (jobs.may_see_job)."""
    require(request, Action.PLAN)
    job = get_object_or_404(ImportJob.objects.select_related("source", "started_by"), pk=pk)
    if not jobs.may_see_job(request.roles, request.user, job):
        raise PermissionDenied
    return job


def import_index(request, region_slug):
    """Upload a file (values, economy or investments) and list the recent jobs."""
    require(request, Action.PLAN)
    form = ImportUploadForm(form_data(request), form_files(request))
    if request.method == "POST" and form.is_valid():
        job = jobs.start_upload(
            form.cleaned_data["file"], form.cleaned_data["kind"], form.cleaned_data["partial"], request.user
        )
        return redirect("import_job", region_slug=region_slug, pk=job.pk)
    recent = ImportJob.objects.select_related("started_by").order_by("-created_at", "-id")
    if not jobs.sees_all_jobs(request.roles):
        recent = recent.filter(started_by=request.user)
    return render(
        request,
        "followup/import_index.html",
        {
            "form": form,
            "jobs": recent[:JOBS_PER_PAGE],
            "may_administer": has_permission(request.roles, Action.ADMINISTER, WHOLE_REGION),
        },
        status=form_status(request, form),
    )


def import_job(request, region_slug, pk):
    """A job's progress (polled with htmx until it ends), its outcome, errors and changes."""
    job = _job(request, pk)
    context = {"job": job}
    if job.finished:
        context["errors"] = job.errors.all()[:SHOWN_ROWS]
        context["changes"] = (
            ValueChange.objects.filter(job=job)
            .select_related("measure", "unit", "period")
            .order_by("kind", "id")[:SHOWN_ROWS]
        )
    return render_page_or_partial(request, "followup/import_job.html", "followup/_import_progress.html", context)


def import_job_errors(request, region_slug, pk):
    """The job's errors as an xlsx file: row, column, message (all of those kept)."""
    from openpyxl import Workbook

    job = _job(request, pk)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Fel"))
    sheet.append(xlsx.header(sheet, (_("Rad"), _("Kolumn"), _("Fel"))))
    for row, column, message in job.errors.values_list("row", "column", "message"):
        # A message quotes the person's cell, which may begin with "=": text, never a formula.
        sheet.append([row, xlsx.cell(sheet, column), xlsx.cell(sheet, message)])
    return xlsx.response(xlsx.to_bytes(workbook), f"importfel-{job.pk}.xlsx")


def source_list(request, region_slug):
    """The region's data sources with their schedule, last run and a "run now" button."""
    require(request, Action.ADMINISTER, WHOLE_REGION)
    sources = list(DataSource.objects.order_by("name"))
    # Each source's latest job: the highest id per source, in one query.
    latest = (
        ImportJob.objects.filter(source__in=sources)
        .values("source_id")
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    last = {job.source_id: job for job in ImportJob.objects.filter(pk__in=latest)}
    for source in sources:
        source.last_job = last.get(source.pk)
        source.shown_url = mask_password(source.connection_url)
    return render(request, "followup/source_list.html", {"sources": sources})


def source_edit(request, region_slug, pk=None):
    """Create or change a data source; the schedule applies from the save, without a restart."""
    require(request, Action.ADMINISTER, WHOLE_REGION)
    source = get_object_or_404(DataSource, pk=pk) if pk else DataSource()
    form = DataSourceForm(form_data(request), instance=source)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Datakällan %(name)s är sparad.") % {"name": form.instance.name})
        return redirect("source_list", region_slug=region_slug)
    return render(
        request,
        "followup/source_form.html",
        {"form": form, "source": source},
        status=form_status(request, form),
    )


@require_POST
def source_delete(request, region_slug, pk):
    """Remove a source; its jobs stay in the log under the source's name."""
    require(request, Action.ADMINISTER, WHOLE_REGION)
    source = get_object_or_404(DataSource, pk=pk)
    source.delete()
    messages.success(
        request, _("Datakällan %(name)s är borttagen; dess jobb finns kvar i loggen.") % {"name": source.name}
    )
    return redirect("source_list", region_slug=region_slug)


@require_POST
def source_run(request, region_slug, pk):
    """Run a source now (a folder: every waiting file)."""
    require(request, Action.ADMINISTER, WHOLE_REGION)
    source = get_object_or_404(DataSource, pk=pk)
    started = jobs.start_source(source, ImportJob.RUN_NOW, request.user)
    if len(started) == 1:
        return redirect("import_job", region_slug=region_slug, pk=started[0].pk)
    if not started:
        messages.info(request, _("Inga filer väntar i mappen för %(name)s.") % {"name": source.name})
    else:
        messages.success(request, _("%(n)s filer har startats.") % {"n": len(started)})
    return redirect("import_index", region_slug=region_slug)
