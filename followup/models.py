"""Follow-up: per period, each plan item gets an assessment (Grön / Gul / Röd / Ej bedömd
with a comment) and each measure its values, for the unit that owns it or has adopted it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followup.imports.valuerules import IMPORT_POLICIES, REPORT
from followup.rules import DEFAULT_TOLERANCE
from regionplan.models import BackgroundJob
from regionplan.status import MAJORITY, ROLLUP_RULES, Status
from regionplan.tenancy import OnePerRegionMixin, TenantModel


class FollowupSettings(OnePerRegionMixin, TenantModel):
    """A region's follow-up rules: the Gul tolerance, the roll-up rule, reminder timing.
    At most one row per region; without one the defaults apply."""

    tolerance_percent = models.DecimalField(
        _("tolerans för gul (%)"), max_digits=5, decimal_places=2, default=DEFAULT_TOLERANCE * 100
    )
    rollup_rule = models.CharField(_("sammanvägning"), max_length=10, choices=ROLLUP_RULES, default=MAJORITY)
    reminder_days_before = models.PositiveSmallIntegerField(_("påminnelse dagar före sista rapportdag"), default=5)
    reminder_hour = models.PositiveSmallIntegerField(
        _("klockslag för påminnelser"),
        default=7,
        validators=[MaxValueValidator(23)],
        help_text=_("Hel timme, svensk tid (0–23). Påminnelserna skickas första gången efter det klockslaget."),
    )
    import_policy = models.CharField(
        _("när en import möter ett manuellt inmatat värde"),
        max_length=10,
        choices=IMPORT_POLICIES,
        default=REPORT,
        help_text=_("Ett manuellt värde skrivs aldrig över i tysthet."),
    )

    class Meta:
        verbose_name = _("uppföljningsinställningar")
        verbose_name_plural = _("uppföljningsinställningar")
        constraints = [models.UniqueConstraint(fields=["region"], name="followupsettings_one_per_region")]

    def __str__(self):
        return str(_("Uppföljningsinställningar"))

    @property
    def tolerance(self) -> Decimal:
        return Decimal(self.tolerance_percent) / 100


class Assessment(TenantModel):
    """A unit's assessment of a plan item for a period: status, comment (for an assignment
    its report-back), and for activities percent complete; `finished` closes an activity
    or assignment. `version` refuses a save based on an older read (no lost updates)."""

    item = models.ForeignKey(
        "goals.PlanItem", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("post")
    )
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    status = models.CharField(_("bedömning"), max_length=10, choices=Status.choices, default=Status.NOT_ASSESSED)
    comment = models.TextField(_("kommentar"), blank=True)
    overrule_reason = models.TextField(_("skäl till annan bedömning än förslaget"), blank=True)
    percent_complete = models.PositiveSmallIntegerField(_("andel klart (%)"), null=True, blank=True)
    finished = models.BooleanField(_("klar"), default=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    # Bookkeeping: the audit entry itself records who changed what; `updated_by` is
    # cleared in bulk (SET_NULL) when a user is removed.
    audit_exclude = {"version", "updated_by"}

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [models.UniqueConstraint(fields=["region", "item", "unit", "period"], name="assessment_unique")]
        indexes = [models.Index(fields=["region", "period", "unit"], name="assessment_period_unit")]

    def __str__(self):
        return f"{self.item.code} {self.unit.name} {self.period.code}"

    scope_path = "unit__"  # the unit whose roles govern access

    @property
    def is_reported(self) -> bool:
        return self.status != Status.NOT_ASSESSED


class Origin(models.TextChoices):
    """Where a value came from."""

    MANUAL = "manual", _("manuell inmatning")
    FILE = "file", _("fil")
    WAREHOUSE = "warehouse", _("datalager")
    KOLADA = "kolada", _("Kolada")
    DEMO = "demo", _("demodata")
    # Counts the tool keeps itself (SAM's incident reports, workenv/values.py): named so
    # that the change log does not call them a warehouse's.
    INCIDENTS = "incidents", _("tillbud och skador (SAM)")


class MeasureValue(TenantModel):
    """A measure's value for a unit and period, per sex where the measure is split.

    Entering it again replaces it; the audit trail keeps the old one. Imports write in
    bulk SQL (followup/imports/pipeline.py): their trail is `ValueChange`, one row per value an
    import created, changed or left alone because a manual value was there first.
    """

    TOTAL, WOMEN, MEN = "total", "women", "men"
    SEX_CHOICES = [(WOMEN, _("Kvinnor")), (MEN, _("Män")), (TOTAL, _("Totalt"))]

    # Bulk loads insert a million rows: a foreign-key trigger per row (it locks the parent
    # row each time) costs three times the insert itself. The import locks the parents it
    # uses once per job and checks the whole batch in one query instead (pipeline._apply);
    # Django still enforces on_delete. Indexes: only those a query or a delete uses.
    region = models.ForeignKey(
        "regionplan.Region",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        db_constraint=False,
        db_index=False,
    )
    measure = models.ForeignKey(
        "goals.PlanItem",
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("styrmått"),
        db_constraint=False,
    )
    unit = models.ForeignKey(
        "regionplan.OrgUnit",
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("enhet"),
        db_constraint=False,
        db_index=False,
    )
    period = models.ForeignKey(
        "regionplan.Period",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("period"),
        db_constraint=False,
        db_index=False,
    )
    sex = models.CharField(_("kön"), max_length=6, choices=SEX_CHOICES, default=TOTAL)
    value = models.DecimalField(_("värde"), max_digits=18, decimal_places=4)
    comment = models.TextField(_("kommentar"), blank=True)
    origin = models.CharField(_("ursprung"), max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    job = models.ForeignKey(
        "followup.ImportJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importjobb"),
        db_constraint=False,
        db_index=False,
    )
    updated_at = models.DateTimeField(_("senast ändrad"), default=timezone.now)

    # Bookkeeping: `job` is cleared in bulk when old jobs are removed.
    audit_exclude = {"job", "updated_at"}

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        constraints = [
            models.UniqueConstraint(fields=["region", "measure", "unit", "period", "sex"], name="measurevalue_unique")
        ]
        indexes = [models.Index(fields=["region", "period", "unit"], name="measurevalue_period_unit")]

    def __str__(self):
        return f"{self.measure.code} {self.unit.name} {self.period.code} {self.get_sex_display()}"

    scope_path = "unit__"  # the unit whose roles govern access


class Reopening(TenantModel):
    """A controller reopens entry after the deadline, for a unit or a single item of it."""

    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    item = models.ForeignKey(
        "goals.PlanItem", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("post")
    )
    until = models.DateField(_("öppen till och med"))

    class Meta:
        verbose_name = _("återöppning")
        verbose_name_plural = _("återöppningar")

    def __str__(self):
        return f"{self.period.code} {self.unit.name}{' ' + self.item.code if self.item_id else ''}"

    scope_path = "unit__"  # the unit whose roles govern access


WEEKDAYS = [
    (0, _("måndag")),
    (1, _("tisdag")),
    (2, _("onsdag")),
    (3, _("torsdag")),
    (4, _("fredag")),
    (5, _("lördag")),
    (6, _("söndag")),
]


class Schedule(models.TextChoices):
    MANUAL = "manual", _("bara när någon kör den")
    HOURLY = "hourly", _("varje timme")
    DAILY = "daily", _("dagligen")
    WEEKLY = "weekly", _("veckovis")


class DataSource(TenantModel):
    """Where a region's measure values come from automatically: a SQL data warehouse,
    Kolada, or a folder that files are dropped into. Each has its own schedule, kept
    here (not in Celery beat's static table) so an administrator can change it without
    a restart: beat asks every minute which sources are due (`followup.tasks.run_due_sources`)."""

    WAREHOUSE, KOLADA, FOLDER = "warehouse", "kolada", "folder"
    KINDS = [(WAREHOUSE, _("SQL-datalager")), (KOLADA, _("Kolada")), (FOLDER, _("Inkorgsmapp för filer"))]

    name = models.CharField(_("namn"), max_length=100)
    kind = models.CharField(_("typ"), max_length=10, choices=KINDS)
    enabled = models.BooleanField(_("aktiv"), default=True)
    partial = models.BooleanField(_("läs in de godkända raderna även när några rader har fel"), default=False)
    # SQL data warehouse
    connection_url = models.CharField(
        _("anslutning"), max_length=500, blank=True, help_text=_("postgresql://användare:lösenord@värd:5432/databas")
    )
    query = models.TextField(
        _("SELECT-fråga"),
        blank=True,
        help_text=_("Ska ge kolumnerna Mått, Organisation, Period, Kön, Värde och gärna Kommentar."),
    )
    timeout_seconds = models.PositiveSmallIntegerField(_("tidsgräns (sekunder)"), default=120)
    # Kolada
    base_url = models.CharField(_("Koladas adress"), max_length=300, blank=True, default="https://api.kolada.se/v2")
    kpis = models.TextField(_("KPI-id"), blank=True, help_text=_("Koladas nyckeltal, t.ex. N00945, U01405."))
    kolada_ids = models.TextField(
        _("kommun-, region- eller enhets-id i Kolada"), blank=True, help_text=_("T.ex. 0025 för Region Norrbotten.")
    )
    years = models.CharField(
        _("år"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. 2021, 2022 eller 2019–2022. Tomt: innevarande och två föregående år."),
    )
    # Folder
    folder = models.CharField(
        _("mapp"), max_length=200, blank=True, help_text=_("Undermapp i regionens inkorg på servern.")
    )
    # Schedule
    schedule = models.CharField(_("schema"), max_length=10, choices=Schedule.choices, default=Schedule.MANUAL)
    run_at = models.TimeField(_("klockslag"), default=datetime.time(5, 0))
    weekday = models.PositiveSmallIntegerField(_("veckodag"), default=0, choices=WEEKDAYS)
    next_run_at = models.DateTimeField(_("nästa körning"), null=True, blank=True, editable=False)
    failures_in_row = models.PositiveSmallIntegerField(default=0, editable=False)

    audit_exclude = {"next_run_at", "failures_in_row"}
    audit_without_content = {"connection_url"}  # it holds the warehouse password

    class Meta:
        verbose_name = _("datakälla")
        verbose_name_plural = _("datakällor")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="datasource_unique_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Every save re-plans the next run from now, so a changed schedule applies at once.
        from followup.imports.valuerules import next_run

        self.next_run_at = (
            next_run(self.schedule, self.run_at, self.weekday, timezone.localtime()) if self.enabled else None
        )
        super().save(*args, **kwargs)


class ImportJob(BackgroundJob, TenantModel):
    """One run of an import: a file, a source, or an economy file. The UI polls it for
    progress; it keeps who or what started it, the counts, the errors (`ImportJobError`)
    and what it changed (`ValueChange`)."""

    VALUES, ECONOMY, INVESTMENTS, COSTS, PERSONNEL = "values", "economy", "investments", "costs", "personnel"
    KINDS = [
        (VALUES, _("måttvärden")),
        (ECONOMY, _("ekonomi")),
        (INVESTMENTS, _("investeringar")),
        (COSTS, _("kostnadsslag")),
        (PERSONNEL, _("personaluppgifter (HR)")),
    ]
    QUEUED, RUNNING, DONE, REJECTED, FAILED = "queued", "running", "done", "rejected", "failed"
    STATUSES = [
        (QUEUED, _("väntar")),
        (RUNNING, _("pågår")),
        (DONE, _("klar")),
        (REJECTED, _("avvisad")),
        (FAILED, _("misslyckades")),
    ]
    UPLOAD, COMMAND, SCHEDULE, RUN_NOW = "upload", "command", "schedule", "run_now"
    TRIGGERS = [(UPLOAD, _("uppladdning")), (COMMAND, _("kommando")), (SCHEDULE, _("schema")), (RUN_NOW, _("kör nu"))]

    kind = models.CharField(_("slag"), max_length=12, choices=KINDS, default=VALUES)
    source = models.ForeignKey(
        DataSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs", verbose_name=_("datakälla")
    )
    source_name = models.CharField(_("källa"), max_length=200)
    trigger = models.CharField(_("startad genom"), max_length=10, choices=TRIGGERS)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startad av"),
    )
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True, max_length=300)
    partial = models.BooleanField(_("läs in de godkända raderna"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=QUEUED)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("lästa rader"), default=0)
    rows_accepted = models.PositiveIntegerField(_("godkända rader"), default=0)
    rows_rejected = models.PositiveIntegerField(_("avvisade rader"), default=0)
    created = models.PositiveIntegerField(_("nya värden"), default=0)
    changed = models.PositiveIntegerField(_("ändrade värden"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade värden"), default=0)
    conflicts = models.PositiveIntegerField(_("manuella värden som behölls"), default=0)
    message = models.TextField(_("meddelande"), blank=True)

    # Progress counters change many times a run; the audit trail records the job's
    # creation and its outcome (status, message), not each tick.
    audit_exclude = {
        "started_by",
        "source",
        "rows_read",
        "rows_accepted",
        "rows_rejected",
        "started_at",
        "finished_at",
        "created",
        "changed",
        "unchanged",
        "conflicts",
        *BackgroundJob.background_fields,
    }

    class Meta:
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobb")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "-created_at"], name="importjob_region_created")]

    def __str__(self):
        return f"#{self.pk} {self.source_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.REJECTED, self.FAILED)


class ImportJobError(TenantModel):
    """One rejected row (or a file- or source-level error) of an import job."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="errors")
    row = models.PositiveIntegerField(null=True, blank=True)
    column = models.CharField(max_length=100, blank=True)
    message = models.TextField()

    audited = False  # part of the job's own record, written once

    class Meta:
        # The file's own errors (no row) first, on PostgreSQL too (which sorts NULL last).
        ordering = [models.F("row").asc(nulls_first=True), "id"]

    def __str__(self):
        return f"{self.job_id}:{self.row} {self.message}"


class ValueChange(TenantModel):
    """What an import did to one value: created it, changed it (old → new), or met a manual
    value it did not overwrite (a conflict). The import's audit trail, written in bulk."""

    CREATED, CHANGED, CONFLICT = "created", "changed", "conflict"
    KINDS = [(CREATED, _("ny")), (CHANGED, _("ändrad")), (CONFLICT, _("konflikt, manuellt värde behölls"))]

    # Written in bulk like the values (see MeasureValue): no per-row triggers, two indexes.
    region = models.ForeignKey(
        "regionplan.Region",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        db_constraint=False,
        db_index=False,
    )
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="value_changes", db_constraint=False)
    measure = models.ForeignKey(
        "goals.PlanItem", on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    unit = models.ForeignKey(
        "regionplan.OrgUnit", on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    sex = models.CharField(max_length=6, choices=MeasureValue.SEX_CHOICES)
    kind = models.CharField(max_length=10, choices=KINDS)
    old_value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    new_value = models.DecimalField(max_digits=18, decimal_places=4)

    audited = False  # this is itself the trail

    class Meta:
        indexes = [models.Index(fields=["region", "measure", "unit"], name="valuechange_measure_unit")]

    def __str__(self):
        return f"{self.job_id} {self.kind}"


class EconomyFigure(TenantModel):
    """A line of a unit's economy for a period, in kronor, from the finance system:
    operations (budget, utfall, prognos per line), investments (planerat, utfall, prognos
    per type such as MT-utrustning, the outcome split by when the investment was decided:
    `outcome_earlier` is the part decided before the year, the rest was decided during it)
    or costs (utfall per kostnadsslag such as Personal, for the cost development against
    the same period last year; a line named as in NET_COST_LINES is the net cost, shown
    as its own row under the total rather than added into it)."""

    OPERATIONS, INVESTMENTS, COSTS = "operations", "investments", "costs"
    KINDS = [(OPERATIONS, _("verksamhet")), (INVESTMENTS, _("investeringar")), (COSTS, _("kostnadsslag"))]
    # Cost lines that are the net cost (costs less revenue), compared but not summed.
    NET_COST_LINES = ("nettokostnad", "verksamhetens nettokostnad", "nettokostnadsutveckling")

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    kind = models.CharField(_("slag"), max_length=12, choices=KINDS)
    line = models.CharField(_("rad"), max_length=100)
    budget = models.DecimalField(_("budget/planerat (kr)"), max_digits=16, decimal_places=2, null=True, blank=True)
    outcome = models.DecimalField(_("utfall (kr)"), max_digits=16, decimal_places=2, null=True, blank=True)
    forecast = models.DecimalField(_("prognos (kr)"), max_digits=16, decimal_places=2, null=True, blank=True)
    outcome_earlier = models.DecimalField(
        _("utfall, beslut före året (kr)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    audit_exclude = {"job"}

    class Meta:
        verbose_name = _("ekonomirad")
        verbose_name_plural = _("ekonomirader")
        constraints = [
            models.UniqueConstraint(fields=["region", "unit", "period", "kind", "line"], name="economyfigure_unique")
        ]

    def __str__(self):
        return f"{self.unit.code} {self.period.code} {self.line}"

    scope_path = "unit__"  # the unit whose roles govern access


class ReminderDigest(TenantModel):
    """One reminder e-mail sent to one manager for a period: when, on which occasion and for
    how many owed items. The scheduled occasions (a number of days before the deadline, and
    the deadline itself) are sent at most once per manager and period — a restarted or late
    beat sends what is missing and never a second copy; a controller's "Påminn" is a manual
    occasion and may be repeated."""

    EARLY, DEADLINE, MANUAL = "early", "deadline", "manual"
    OCCASIONS = [(EARLY, _("före sista rapportdag")), (DEADLINE, _("på sista rapportdagen")), (MANUAL, _("manuell"))]

    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("mottagare")
    )
    occasion = models.CharField(_("tillfälle"), max_length=10, choices=OCCASIONS)
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)
    items = models.PositiveIntegerField(_("poster att rapportera"))

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "user", "occasion"],
                condition=~models.Q(occasion="manual"),
                name="reminderdigest_once_per_occasion",
            )
        ]
        indexes = [models.Index(fields=["region", "period", "user"], name="reminderdigest_period_user")]

    def __str__(self):
        return f"{self.period_id} {self.user_id} {self.occasion}"


class PersonnelFigure(TenantModel):
    """A unit's HR figures for one month, from the HR system's export (Heroma and the like):
    årsarbetare (worked time as full-time equivalents) against the staffing frame, employees
    by form of employment (pool staff are counted in them too), worked and extra hours, and
    sick leave in percent per sex. Only aggregates of a unit: never a person.

    The month is its own (year, month), not a `Period`: a region need not keep month periods
    for the HR figures to be read and reported by tertial."""

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(_("månad"))
    annual_staff = models.DecimalField(_("årsarbetare"), max_digits=9, decimal_places=2, null=True, blank=True)
    staffing_frame = models.DecimalField(
        _("bemanningsram (årsarbetare)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    permanent = models.PositiveIntegerField(_("tillsvidareanställda"), null=True, blank=True)
    temporary = models.PositiveIntegerField(_("visstidsanställda"), null=True, blank=True)
    pool = models.PositiveIntegerField(_("varav pool"), null=True, blank=True)
    worked_hours = models.DecimalField(
        _("arbetad tid (timmar)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    extra_hours = models.DecimalField(_("extratid (timmar)"), max_digits=12, decimal_places=1, null=True, blank=True)
    sick_women = models.DecimalField(
        _("sjukfrånvaro kvinnor (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    sick_men = models.DecimalField(_("sjukfrånvaro män (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    sick_total = models.DecimalField(
        _("sjukfrånvaro totalt (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    audit_exclude = {"job"}  # cleared in bulk when old jobs are removed

    # The figures an import file and the report name, in the file's column order.
    FIGURES = (
        "annual_staff",
        "staffing_frame",
        "permanent",
        "temporary",
        "pool",
        "worked_hours",
        "extra_hours",
        "sick_women",
        "sick_men",
        "sick_total",
    )

    class Meta:
        verbose_name = _("personaluppgift")
        verbose_name_plural = _("personaluppgifter")
        constraints = [
            models.UniqueConstraint(fields=["region", "unit", "year", "month"], name="personnelfigure_unique"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="personnelfigure_month"),
        ]
        indexes = [models.Index(fields=["region", "year", "month"], name="personnelfigure_month_idx")]

    def __str__(self):
        return f"{self.unit.code} {self.year}-{self.month:02d}"

    scope_path = "unit__"  # the unit whose roles govern access
