"""Report pages: open a report, its outline (sections, writers, progress, versions), a
section's editor with autosave, the preview, making a version, approving, downloads, and
the region's report kinds.

Permissions through `regionplan.permissions`: PLAN on the unit (a controller) to open,
assign, make versions and approve; the assigned writer (or PLAN) writes a section; REPORT
on the unit reads drafts; VIEW (a reader) reads approved reports only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan.models import OrgUnit, Period, Role
from regionplan.params import parse_int
from regionplan.people import remember
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    has_permission,
    holders_by_unit,
    require,
)
from regionplan.views.common import form_data, form_status, invalid_status, render_page_or_partial
from reports import catalogue, rules, services
from reports.assembly import assemble
from reports.forms import KindForm, ReaderSettingsForm, ReportOpenForm, SectionForm
from reports.models import ReaderSettings, Report, ReportRun, ReportSection

RUNS_SHOWN = 20


# --- access ---------------------------------------------------------------------------------


def _report(request, pk) -> Report:
    """A report the user may read: a draft for those who may read drafts, an approved one
    for anyone who may view the unit. Another region's report is a 404 (tenancy)."""
    report = get_object_or_404(Report.objects.select_related("kind", "unit", "period", "region", "approved_run"), pk=pk)
    if not rules.may_read(request.roles, request.user, report):
        raise PermissionDenied
    return report


def _writers(unit: OrgUnit) -> list:
    """Users who may be given a section: those who report for the unit (one query), in
    no particular order (sort them once the region's names for them are known)."""
    return holders_by_unit([unit], [Role.MANAGER, Role.CONTROLLER, Role.ADMINISTRATOR])[unit.pk]


# --- pages ---------------------------------------------------------------------------------


def report_index(request, region_slug):
    """The reports the user can read, and (for controllers) a form to open one."""
    require(request, Action.VIEW)
    kinds = services.region_kinds()
    plan_units = list(
        OrgUnit.objects.restrict(request.roles, Action.PLAN).filter(valid_to__isnull=True).order_by("path")
    )
    periods = list(Period.objects.filter(kind="tertial").order_by("-end"))
    form = None
    if plan_units:
        now = Period.current(request.region, timezone.localdate())
        form = ReportOpenForm(
            form_data(request),
            kinds=kinds,
            units=plan_units,
            periods=periods,
            initial={
                "period": now.code if now else "",
                "unit": plan_units[0].pk,
                "kind": next((k.key for k in kinds if now and k.tertial == now.number), ""),
            },
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            unit = get_object_or_404(OrgUnit.objects.all(), pk=form.cleaned_data["unit"])
            require(request, Action.PLAN, unit)
            kind = services.kind_by_key(form.cleaned_data["kind"])
            period = get_object_or_404(Period.objects.all(), code=form.cleaned_data["period"])
            report, created = services.open_report(kind, unit, period)
            if created:
                messages.success(request, _("Rapporten är skapad med sina avsnitt."))
            return redirect("report_outline", region_slug=region_slug, pk=report.pk)
    reports = (
        rules.readable_reports(request.roles, request.user)
        .select_related("kind", "unit", "period")
        .order_by("-period__end", "unit__path", "kind__order")[:200]
    )
    return render(
        request,
        "reports/report_index.html",
        {"form": form, "reports": reports, "may_configure": has_permission(request.roles, Action.PLAN, WHOLE_REGION)},
        status=form_status(request, form),
    )


def report_outline(request, region_slug, pk):
    """The outline: sections (automatic or written, by whom, klar), progress and versions.
    A POST sets the writers (controllers)."""
    report = _report(request, pk)
    sections = list(report.sections.select_related("assignee"))
    manage = rules.may_manage(request.roles, report)
    writers = _writers(report.unit) if manage and not report.approved else []
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if report.approved:  # say why, rather than "not among the choices" (there are none)
            messages.error(request, _("Rapporten är fastställd och kan inte ändras."))
            return redirect("report_outline", region_slug=region_slug, pk=pk)
        by_pk = {u.pk: u for u in writers}
        chosen = {}
        for section in sections:
            value = request.POST.get(f"assignee-{section.pk}")
            if value is None:
                continue
            if value and parse_int(value) not in by_pk:
                messages.error(
                    request, _("Skribenten för ”%(title)s” finns inte bland de valbara.") % {"title": section.title}
                )
                return redirect("report_outline", region_slug=region_slug, pk=pk)
            chosen[section.pk] = by_pk[parse_int(value)] if value else None
        try:
            changed = services.assign_writers(report, chosen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Fördelningen är sparad (%(n)s ändringar).") % {"n": changed})
        return redirect("report_outline", region_slug=region_slug, pk=pk)
    runs = list(report.runs.select_related("requested_by")[:RUNS_SHOWN])
    if not rules.may_read_drafts(request.roles, request.user, report, sections):
        runs = [r for r in runs if r.pk == report.approved_run_id]
    done = sum(1 for s in sections if s.automatic or s.done)
    # Everyone the page names, in one query; the writers sorted by those names.
    remember([*writers, *(s.assignee for s in sections), *(r.requested_by for r in runs), report.approved_by_id])
    writers.sort(key=lambda u: u.get_full_name().lower())
    return render(
        request,
        "reports/report_outline.html",
        {
            "report": report,
            "sections": sections,
            "manage": manage,
            "writers": writers,
            "runs": runs,
            "done": done,
            "total": len(sections),
            "drafts": rules.may_read_drafts(request.roles, request.user, report, sections),
            "percent": round(100 * done / len(sections)) if sections else 0,
            "writable": {s.pk for s in sections if rules.may_write(request.roles, request.user, report, s)},
            "running": any(not r.finished for r in runs),
        },
    )


def report_preview(request, region_slug, pk):
    """The report on screen, from the data as it is now (the same content as the PDF)."""
    report = _report(request, pk)
    if not rules.may_read_drafts(request.roles, request.user, report):
        raise PermissionDenied  # readers read the approved PDF, not today's data
    content = assemble(report, timezone.localdate())
    return render(request, "reports/report_preview.html", {"report": report, "content": content, "screen": True})


def _section(request, pk, section_pk) -> tuple[Report, ReportSection]:
    report = _report(request, pk)
    section = get_object_or_404(
        ReportSection.objects.select_related("assignee", "updated_by"), pk=section_pk, report=report
    )
    section.report = report  # already loaded with its kind, unit and period
    return report, section


def section_edit(request, region_slug, pk, section_pk):
    """Write a section: autosave with htmx while typing (no lost updates: a newer save by
    someone else answers 409 with their text), or save with the button without JavaScript."""
    report, section = _section(request, pk, section_pk)
    writable = rules.may_write(request.roles, request.user, report, section)
    if request.method == "POST" and report.approved and not section.automatic:
        # Approved while someone was writing: say so (htmx swaps 409), never a bare 403.
        message = _("Rapporten är fastställd och kan inte ändras. Det du skrev efter fastställelsen är inte sparat.")
        if request.htmx:
            return render_page_or_partial(
                request, None, "reports/_section_saved.html", {"section": section, "locked": message}, status=409
            )
        messages.error(request, message)
        return redirect("report_outline", region_slug=region_slug, pk=pk)
    if request.method == "POST" and not writable:
        raise PermissionDenied
    form = SectionForm(
        form_data(request), initial={"text": section.text, "done": section.done, "version": section.version}
    )
    context = {
        "report": report,
        "section": section,
        "form": form,
        "writable": writable,
        "below": services.texts_below(section) if writable else [],
        "conflict": None,
    }
    if request.method == "POST":
        if not form.is_valid():
            return render_page_or_partial(
                request,
                "reports/section_edit.html",
                "reports/_section_saved.html",
                {**context, "error": True},
                status=invalid_status(request),
            )
        try:
            saved = services.save_section(
                section,
                form.cleaned_data["text"],
                form.cleaned_data["done"],
                form.cleaned_data["version"],
                request.user,
            )
        except services.Conflict as conflict:
            context.update(conflict=conflict.current, section=conflict.current)
            return render_page_or_partial(
                request, "reports/section_edit.html", "reports/_section_saved.html", context, status=409
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("report_outline", region_slug=region_slug, pk=pk)
        if request.htmx:
            return render_page_or_partial(
                request, None, "reports/_section_saved.html", {**context, "section": saved, "saved": True}
            )
        messages.success(request, _("Avsnittet ”%(title)s” är sparat.") % {"title": saved.title})
        return redirect("section_edit", region_slug=region_slug, pk=pk, section_pk=section_pk)
    return render(request, "reports/section_edit.html", context)


@require_POST
def section_pull(request, region_slug, pk, section_pk):
    """Take the units below's texts of this section into it, as a starting point."""
    report, section = _section(request, pk, section_pk)
    if not rules.may_write(request.roles, request.user, report, section):
        raise PermissionDenied
    try:
        count = services.pull_up_text(section, request.user)
    except services.Conflict:
        messages.error(request, _("Någon annan sparade avsnittet samtidigt. Försök igen."))
    else:
        if count:
            messages.success(request, _("Texter från %(n)s enheter har lagts till sist i texten.") % {"n": count})
        else:
            messages.info(request, _("Enheterna under har inga texter i detta avsnitt ännu."))
    return redirect("section_edit", region_slug=region_slug, pk=pk, section_pk=section_pk)


@require_POST
def report_generate(request, region_slug, pk):
    """Make a new version (PDF and Excel) in the background; the version's page shows progress."""
    report = _report(request, pk)
    if not rules.may_manage(request.roles, report):
        raise PermissionDenied
    if report.approved:
        failed = report.approved_run is None or report.approved_run.status == ReportRun.FAILED
        if not failed:
            messages.error(request, _("Rapporten är fastställd och kan inte ändras."))
            return redirect("report_outline", region_slug=region_slug, pk=pk)
        run = services.remake_approved(report, request.user)
    else:
        run = services.start_run(report, request.user)
    return redirect("report_run", region_slug=region_slug, pk=run.pk)


def _run(request, pk) -> ReportRun:
    run = get_object_or_404(ReportRun.objects.select_related("requested_by"), pk=pk)
    report = _report(request, run.report_id)
    if run.pk != report.approved_run_id and not rules.may_read_drafts(request.roles, request.user, report):
        raise PermissionDenied
    run.report = report
    return run


def report_run(request, region_slug, pk):
    """A version's progress (polled with htmx until it ends) and its downloads."""
    run = _run(request, pk)
    return render_page_or_partial(
        request, "reports/report_run.html", "reports/_run_status.html", {"run": run, "report": run.report}
    )


def run_download(request, region_slug, pk, fmt):
    """The version's PDF or Excel file."""
    run = _run(request, pk)
    stored = run.pdf if fmt == "pdf" else run.xlsx
    if run.status != ReportRun.DONE or not stored:
        raise Http404
    report = run.report
    name = f"{report.kind.name} {report.unit.name} {report.period.code}".replace("/", "-")
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{name}.{'pdf' if fmt == 'pdf' else 'xlsx'}")


@require_POST
def report_approve(request, region_slug, pk):
    """Approve (fastställ) the report: the texts freeze and the approved version is made."""
    report = _report(request, pk)
    if not rules.may_manage(request.roles, report):
        raise PermissionDenied
    try:
        run = services.approve(report, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report_outline", region_slug=region_slug, pk=pk)
    messages.success(request, _("Rapporten är fastställd. Den fastställda versionen skapas nu."))
    return redirect("report_run", region_slug=region_slug, pk=run.pk)


# --- settings ------------------------------------------------------------------------------


def kind_list(request, region_slug):
    """The region's report kinds with their sections, and what readers see (a POST sets it)."""
    require(request, Action.PLAN, WHOLE_REGION)
    readers = ReaderSettingsForm(form_data(request), instance=ReaderSettings.current())
    if request.method == "POST" and readers.is_valid():
        readers.save()
        messages.success(request, _("Det läsare ser är sparat."))
        return redirect("report_kinds", region_slug=region_slug)
    return render(
        request,
        "reports/kind_list.html",
        {
            "kinds": services.region_kinds(),
            "readers": readers,
            "automatic": {s.key for s in catalogue.sections() if s.automatic},
        },
        status=form_status(request, readers),
    )


def kind_edit(request, region_slug, key):
    """Change a kind's name, period and sections (reports already opened keep theirs)."""
    require(request, Action.PLAN, WHOLE_REGION)
    kind = next((k for k in services.region_kinds() if k.key == key), None)
    if kind is None:
        raise Http404
    standard = [s["key"] for s in kind.sections if s.get("key") in catalogue.by_key()]
    own = [s["title"] for s in kind.sections if s.get("key", "").startswith(catalogue.OWN_TEXT_PREFIX)]
    form = KindForm(
        form_data(request),
        initial={"name": kind.name, "tertial": kind.tertial, "sections": standard, "own_sections": "\n".join(own)},
    )
    if request.method == "POST" and form.is_valid():
        kind = services.kind_by_key(key)
        chosen = [s.key for s in catalogue.sections() if s.key in form.cleaned_data["sections"]]
        titles = {s["key"]: s["title"] for s in kind.sections}
        sections = [{"key": k, "title": titles.get(k) or catalogue.default_title(k)} for k in chosen]
        own_sections = services.own_sections(form.cleaned_data["own_sections"])
        at = 1 if sections and sections[0]["key"] == "sammanfattning" else 0
        kind.sections = sections[:at] + own_sections + sections[at:]
        kind.name, kind.tertial = form.cleaned_data["name"], form.cleaned_data["tertial"]
        kind.save()
        messages.success(request, _("Rapporttypen ”%(name)s” är sparad.") % {"name": kind.name})
        return redirect("report_kinds", region_slug=region_slug)
    return render(
        request,
        "reports/kind_form.html",
        {"kind": kind, "form": form},
        status=form_status(request, form),
    )
