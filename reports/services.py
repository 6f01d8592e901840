"""What the report pages and the command do: open a report with its sections, save a
section (no lost updates), pull texts up from the units below, make a version (PDF and
Excel) and approve one."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regionplan import background
from regionplan.models import OrgUnit
from reports import catalogue
from reports.assembly import assemble
from reports.models import Report, ReportKind, ReportRun, ReportSection
from reports.rendering import render_pdf, render_xlsx

log = logging.getLogger(__name__)


def region_kinds() -> list[ReportKind]:
    """The region's report kinds, or the defaults (unsaved) while it has none: reading
    a page never writes."""
    stored = list(ReportKind.objects.all())
    if stored:
        return stored
    return [
        ReportKind(key=key, name=str(name), tertial=tertial, sections=catalogue.section_list(keys), order=i)
        for i, (key, name, tertial, keys) in enumerate(catalogue.default_kinds())
    ]


@transaction.atomic
def save_default_kinds() -> list[ReportKind]:
    """Store the default kinds the first time a report is opened or the settings saved."""
    if not ReportKind.objects.exists():
        for kind in region_kinds():
            kind.save()
    return list(ReportKind.objects.all())


def kind_by_key(key: str) -> ReportKind | None:
    """A kind by its key (`delarsrapport`), saving the defaults first if needed."""
    return next((kind for kind in save_default_kinds() if kind.key == key), None)


def sections_for(kind: ReportKind) -> list[ReportSection]:
    """New (unsaved) sections of a report of `kind`, in the kind's order."""
    made, keys = [], set()
    for order, spec in enumerate(kind.sections):
        key = spec.get("key") or ""
        title = (spec.get("title") or catalogue.default_title(key)).strip()
        if not key or not title or key in keys:
            continue
        keys.add(key)
        made.append(ReportSection(key=key, title=title, order=order, automatic=catalogue.is_automatic(key)))
    return made


def own_sections(titles: list[str]) -> list[dict]:
    """The region's own narrative sections as stored: a unique "text-…" key per title."""
    made, used = [], set()
    for title in titles:
        base = catalogue.OWN_TEXT_PREFIX + (slugify(title)[:50] or "avsnitt")
        key, n = base, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        made.append({"key": key, "title": title})
    return made


@transaction.atomic
def open_report(kind: ReportKind, unit: OrgUnit, period) -> tuple[Report, bool]:
    """The report of `kind` for the unit and period, created with its sections if missing."""
    report, created = Report.objects.get_or_create(kind=kind, unit=unit, period=period)
    if created:
        sections = sections_for(kind)
        for section in sections:
            section.report = report
        ReportSection.objects.bulk_create(sections)
    return report, created


class Conflict(Exception):
    """Someone else saved the section since this form was read."""

    def __init__(self, current: ReportSection):
        super().__init__("conflict")
        self.current = current


def ensure_draft(report: Report) -> None:
    if report.approved:
        raise ValidationError(_("Rapporten är fastställd och kan inte ändras."))


@transaction.atomic
def save_section(section: ReportSection, text: str, done: bool, version: int, user) -> ReportSection:
    """Save a section's text and its "klar" mark; refuse (Conflict) if someone saved in
    between, and refuse any change to an approved report."""
    current = ReportSection.objects.select_for_update().select_related("report").get(pk=section.pk)
    ensure_draft(current.report)
    if current.version != version:
        raise Conflict(current)
    if current.text == text and current.done == done:
        return current
    current.text, current.done = text, done
    current.version += 1
    current.updated_by = user
    current.save()
    return current


def texts_below(section: ReportSection) -> list[tuple[OrgUnit, str]]:
    """The same section's texts in the reports of the same kind and period for the units
    directly below, in the order of the tree (one query)."""
    report = section.report
    rows = (
        ReportSection.objects.filter(
            report__kind=report.kind, report__period=report.period, report__unit__parent=report.unit, key=section.key
        )
        .exclude(text="")
        .select_related("report__unit")
        .order_by("report__unit__path")
    )
    return [(row.report.unit, row.text) for row in rows]


def pull_up_text(section: ReportSection, user) -> int:
    """Append the texts of the units below, each under its unit's name, as a starting
    point for the writer. Returns how many were pulled."""
    found = texts_below(section)
    if not found:
        return 0
    parts = [section.text.rstrip()] if section.text.strip() else []
    parts += [f"## {unit.name}\n\n{text.strip()}" for unit, text in found]
    save_section(section, "\n\n".join(parts) + "\n", section.done, section.version, user)
    return len(found)


@transaction.atomic
def assign_writers(report: Report, assignees: dict[int, object]) -> int:
    """Set who writes each narrative section ({section id: user or None}); returns the changes."""
    ensure_draft(report)
    changed = 0
    for section in report.sections.filter(automatic=False):
        if section.pk in assignees and section.assignee_id != getattr(assignees[section.pk], "pk", None):
            section.assignee = assignees[section.pk]
            section.save()
            changed += 1
    return changed


# --- versions ------------------------------------------------------------------------------


def start_run(report: Report, user, inline: bool = False) -> ReportRun:
    """A new version of the report, made in the background (Celery) unless `inline`."""
    ensure_draft(report)
    run = ReportRun.objects.create(report=report, requested_by=user, step=_("Väntar på att starta"))
    _make(run, inline)
    return run


RENDER_TASK = "reports.tasks.render_report_run"  # by name: the task module imports this one


def _make(run: ReportRun, inline: bool) -> None:
    """Make the run here (the command line) or in the background, saved with the run so
    that it is made even if the broker is down now."""
    if inline:
        background.run_now(RENDER_TASK, run.pk)
    else:
        background.enqueue(RENDER_TASK, run.pk)


def fail_run(run: ReportRun, message: str) -> None:
    """Mark a run failed for good, saying why."""
    run.status, run.step, run.message, run.finished_at = ReportRun.FAILED, "", message, timezone.now()
    run.save()


def _progress(run: ReportRun, percent: int, step: str) -> None:
    ReportRun.objects.filter(pk=run.pk).update(progress=percent, step=step)


STEPS = {
    "data": _("Hämtar uppgifter och bygger rapporten"),
    "layout": _("Sätter sidorna"),
    "write": _("Skriver PDF-filen"),
    "excel": _("Skriver Excel-filen"),
}


def execute_run(run: ReportRun, today=None) -> ReportRun:
    """Make the run's PDF and Excel file now (in the current region scope)."""
    today = today or timezone.localdate()
    report = Report.objects.select_related("kind", "unit", "period", "region").get(pk=run.report_id)
    if run.status != ReportRun.RUNNING:  # the task has claimed it already
        run.mark_running()
    run.progress, run.step = 5, str(STEPS["data"])
    run.save()
    try:
        with background.heartbeat(run):  # WeasyPrint's layout reports nothing for minutes
            number = ReportRun.objects.filter(report=report, pk__lte=run.pk).count()
            content = assemble(
                report,
                today,
                approved=report.approved and report.approved_run_id == run.pk,
                version=f"{number}.0",  # the report's n:th generated version, as the real header's "2.0"
            )
            rendered = render_pdf(content, progress=lambda percent, step: _progress(run, percent, str(STEPS[step])))
            _progress(run, 92, str(STEPS["excel"]))
            workbook = render_xlsx(content)
    except Exception:
        log.exception("Report run %s failed", run.pk)
        fail_run(run, _("Rapporten kunde inte skapas. Försök igen; om felet kvarstår, kontakta förvaltaren."))
        return run
    name = f"{report.kind.key}-{slugify(report.unit.code)}-{report.period.code}-v{run.pk}"
    run.pdf.save(f"{name}.pdf", ContentFile(rendered.pdf), save=False)
    run.xlsx.save(f"{name}.xlsx", ContentFile(workbook), save=False)
    run.pages, run.data_note = rendered.pages, content.data_note[:300]
    run.status, run.progress, run.step, run.finished_at = ReportRun.DONE, 100, "", timezone.now()
    run.save()
    return run


@transaction.atomic
def approve(report: Report, user) -> ReportRun:
    """Approve (fastställ) the report: its texts and sections freeze, and the approved
    version is made from the data as it is now, marked as approved with today's date."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_draft(report)
    report.state, report.approved_by, report.approved_at = Report.APPROVED, user, timezone.now()
    report.save()
    return remake_approved(report, user)


def remake_approved(report: Report, user, inline: bool = False) -> ReportRun:
    """(Re)make the approved version: at approval, or again if making it failed."""
    run = ReportRun.objects.create(report=report, requested_by=user, step=_("Väntar på att starta"))
    report.approved_run = run
    report.save()
    _make(run, inline)
    return run
