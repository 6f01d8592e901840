"""Reports: a unit's tertialrapport, delårsrapport or årsrapport for a period.

A `ReportKind` is a region's setting: its name, the tertial it belongs to and its list of
sections (reports/catalogue.py holds the sections there are and the defaults). A `Report`
is one kind for one unit and period; its `ReportSection`s carry the narrative texts, who
writes each and whether it is done. Every generated PDF (with its Excel file) is a
`ReportRun`, kept; approving a report freezes it on one run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.models import BackgroundJob
from regionplan.tenancy import OnePerRegionMixin, TenantModel


class ReaderSettings(OnePerRegionMixin, TenantModel):
    """What readers (politicians) see of the region's reports and dashboards: whether a
    unit's comments show before the period's report for it (or a unit above) is approved.
    At most one row per region; without one the default applies (not before approval)."""

    readers_see_drafts = models.BooleanField(
        _("läsare ser kommentarerna innan rapporten är fastställd"),
        default=False,
        help_text=_(
            "Annars ser läsare (politiker) en enhets kommentarer i dashboarden först när periodens rapport "
            "för enheten eller en enhet ovanför är fastställd."
        ),
    )

    class Meta:
        verbose_name = _("vad läsare ser")
        verbose_name_plural = _("vad läsare ser")
        constraints = [models.UniqueConstraint(fields=["region"], name="readersettings_one_per_region")]

    def __str__(self):
        return str(_("Vad läsare ser"))


class ReportKind(TenantModel):
    """A region's kind of report, e.g. "Delårsrapport" for tertial 2, with its sections.

    `sections` is a list of {"key", "title"}: keys from reports.catalogue.SECTIONS, or
    "text-…" for a narrative section of the region's own."""

    key = models.SlugField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=100)
    tertial = models.PositiveSmallIntegerField(_("tertial"), choices=[(1, "T1"), (2, "T2"), (3, "T3")])
    sections = models.JSONField(_("avsnitt"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("rapporttyp")
        verbose_name_plural = _("rapporttyper")
        ordering = ["order", "tertial", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="reportkind_unique_key")]

    def __str__(self):
        return self.name


class Report(TenantModel):
    """One report: a kind for a unit and a period. Approved (fastställd) freezes it on the
    run it was approved with: texts, sections and the PDF no longer change."""

    DRAFT, APPROVED = "draft", "approved"
    STATES = [(DRAFT, _("Utkast")), (APPROVED, _("Fastställd"))]

    kind = models.ForeignKey(
        ReportKind, on_delete=models.RESTRICT, related_name="reports", verbose_name=_("rapporttyp")
    )
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.RESTRICT, related_name="+", verbose_name=_("period")
    )
    state = models.CharField(_("status"), max_length=10, choices=STATES, default=DRAFT)
    approved_run = models.ForeignKey(
        "ReportRun",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd version"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd av"),
    )
    approved_at = models.DateTimeField(_("fastställd"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    audit_exclude = {"approved_by"}

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        constraints = [models.UniqueConstraint(fields=["region", "kind", "unit", "period"], name="report_unique")]

    def __str__(self):
        return f"{self.kind.name} {self.unit.name} {self.period.code}"

    scope_path = "unit__"  # the unit whose roles govern access

    @property
    def approved(self) -> bool:
        return self.state == self.APPROVED


class ReportSection(TenantModel):
    """A section of a report. Automatic sections are filled from the data when the PDF is
    made; narrative ones hold a text (Markdown, sanitised when shown), written by the
    assignee. `version` refuses an autosave based on an older read."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("avsnitt"), max_length=60)
    title = models.CharField(_("rubrik"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    automatic = models.BooleanField(_("fylls i automatiskt"), default=False)
    text = models.TextField(_("text"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skribent"),
    )
    done = models.BooleanField(_("klar"), default=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    # Bookkeeping, cleared in bulk (SET_NULL) when a user is removed. The writer is audited:
    # its clearing on such a removal is recorded by the tenancy guard (links_cleared).
    audit_exclude = {"version", "updated_by"}

    class Meta:
        verbose_name = _("rapportavsnitt")
        verbose_name_plural = _("rapportavsnitt")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["region", "report", "key"], name="reportsection_unique")]

    def __str__(self):
        return self.title

    scope_path = "report__unit__"  # the unit whose roles govern access


class ReportRun(BackgroundJob, TenantModel):
    """One generated version of a report: the PDF and the Excel file of its tables, who
    asked for it, when, its progress, and what data it was made from (`data_note`)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, _("väntar")), (RUNNING, _("pågår")), (DONE, _("klar")), (FAILED, _("misslyckades"))]

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=QUEUED)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    step = models.CharField(_("steg"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beställd av"),
    )
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    pdf = models.FileField(upload_to="reports/%Y/%m/", blank=True, max_length=300)
    xlsx = models.FileField(upload_to="reports/%Y/%m/", blank=True, max_length=300)
    pages = models.PositiveIntegerField(_("sidor"), null=True, blank=True)
    data_note = models.CharField(_("underlag"), max_length=300, blank=True)
    message = models.TextField(_("meddelande"), blank=True)

    # Progress ticks are bookkeeping; the trail records the run and its outcome.
    audit_exclude = {
        "progress",
        "step",
        "requested_by",
        "finished_at",
        "pages",
        "data_note",
        "pdf",
        "xlsx",
        *BackgroundJob.background_fields,
    }

    class Meta:
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk} {self.report}"

    scope_path = "report__unit__"  # the unit whose roles govern access

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)
