"""Internal control: the region's risk categories and impact areas, each unit's yearly risk
analysis and internal-control plan, the controls with their results and evidence, and the
actions. The risk matrix is the core's (regionplan.riskmatrix), shared with SAM. Imports
point down only (docs/architecture.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel

# A new region's list (issue 17, from the seeds' risk analyses: shared/seeds/002 Bilaga 16's
# Kategori column, 003's uppföljning av internkontroll); each region keeps and changes its own.
STANDARD_CATEGORIES = [
    ("Efterlevnad regelverk", "Lagar, föreskrifter och regionens egna styrande dokument följs."),
    ("Förtroende", "Allmänhetens och patienternas förtroende för regionen: jäv, mutor, bemötande."),
    ("Verksamhet", "Verksamhetens uppdrag, processer och förändringar: systemförvaltning, organisation."),
    ("Finansiell", "Ersättningar, utbetalningar, fakturor, budget och prognos."),
    ("Informationssäkerhet", "Behörigheter, ändringar i system, dataskydd och IT-säkerhet."),
]


class RiskCategory(TenantModel):
    """One of the region's risk categories (the risk analysis' "Kategori": Efterlevnad
    regelverk, Förtroende, Finansiell …): the list every unit's risk analysis chooses from.
    A category no longer used is kept but marked inactive, so old analyses keep theirs."""

    name = models.CharField(_("namn"), max_length=100)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(
        _("används"), default=True, help_text=_("En kategori som inte används syns inte i nya riskanalyser.")
    )

    class Meta:
        verbose_name = _("riskkategori")
        verbose_name_plural = _("riskkategorier")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="riskcategory_unique_name")]

    def __str__(self):
        return self.name


# The seed's "Huvudpåverkan på" columns (shared/seeds/002 Bilaga 16): a new region's list.
STANDARD_IMPACT_AREAS = [
    "Säkerhet patient/invånare",
    "Processeffektivitet",
    "Förtroende/rykte",
    "Medarbetare",
    "Hushållning resurser",
]


class ImpactArea(TenantModel):
    """One of the region's "Huvudpåverkan på" flags (Säkerhet patient/invånare,
    Processeffektivitet …): what a risk mainly affects, marked X in the risk analysis."""

    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(_("används"), default=True)

    class Meta:
        verbose_name = _("påverkansområde")
        verbose_name_plural = _("påverkansområden")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="impactarea_unique_name")]

    def __str__(self):
        return self.name


class RiskAnalysis(TenantModel):
    """A unit's internal control for a year: its risk analysis and the internal-control plan
    drawn from it (the risks marked `in_plan`, with their controls), adopted together by
    the committee as in seed 002 (the analysis is the plan's appendix).

    Draft → adopted (date, decision, diarienummer) → closed; after adoption the risks,
    valuations and controls are locked (results and actions are still recorded). The
    valuations use `matrix`, the version of the region's matrix the year was made on."""

    DRAFT, ADOPTED, CLOSED = "draft", "adopted", "closed"
    STATE_CHOICES = [(DRAFT, _("Utkast")), (ADOPTED, _("Fastställd")), (CLOSED, _("Stängd"))]

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    year = models.PositiveSmallIntegerField(_("år"))
    # RESTRICT, not PROTECT: a matrix in use cannot be deleted alone, but a region's deletion
    # takes both (PROTECT would stop the region's own cascade).
    matrix = models.ForeignKey(
        "regionplan.RiskMatrix", on_delete=models.RESTRICT, related_name="+", verbose_name=_("riskmatris")
    )
    state = models.CharField(_("status"), max_length=10, choices=STATE_CHOICES, default=DRAFT)
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    decision_ref = models.CharField(_("beslut (paragraf)"), max_length=100, blank=True)
    diary_number = models.CharField(_("diarienummer"), max_length=100, blank=True)

    scope_path = "unit__"

    class Meta:
        verbose_name = _("riskanalys och internkontrollplan")
        verbose_name_plural = _("riskanalyser och internkontrollplaner")
        ordering = ["year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["region", "unit", "year"], name="riskanalysis_unique_unit_year")]

    def __str__(self):
        return f"{self.unit.name} {self.year}"

    @property
    def locked(self) -> bool:
        """Risks, valuations and controls may change only in a draft."""
        return self.state != self.DRAFT


class Risk(TenantModel):
    """A risk in a unit's analysis (a row of seed 002's Bilaga 16): number, name,
    description, category, what it mainly affects, today's handling, what in the year's plan
    it threatens, and its valuation on the analysis' matrix, brutto (without measures),
    netto (with the existing ones) and optionally a target. `in_plan`: chosen for the
    internal-control plan. `lifted_from`: the lower unit's risk this one was lifted from.
    `copied_from` and `change`: last year's risk and how this one differs (Ny, Kvarstår …)."""

    NEW, KEPT, CHANGED, ENDED = "new", "kept", "changed", "ended"
    CHANGE_CHOICES = [(NEW, _("Ny")), (KEPT, _("Kvarstår")), (CHANGED, _("Ändrad")), (ENDED, _("Avslutad"))]

    analysis = models.ForeignKey(
        RiskAnalysis, on_delete=models.CASCADE, related_name="risks", verbose_name=_("riskanalys")
    )
    number = models.PositiveSmallIntegerField(_("nr"))
    name = models.CharField(_("benämning"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    category = models.ForeignKey(
        RiskCategory, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", verbose_name=_("kategori")
    )
    impacts = models.ManyToManyField(ImpactArea, blank=True, related_name="+", verbose_name=_("huvudpåverkan på"))
    existing_measures = models.TextField(_("befintliga åtgärder"), blank=True)
    governing_documents = models.TextField(_("styrande dokument"), blank=True)
    threatens = models.ManyToManyField(
        "goals.PlanItem", blank=True, related_name="+", verbose_name=_("hotar mål, framgångsfaktorer eller uppdrag")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("riskägare"),
    )
    consequence = models.TextField(_("konsekvens"), blank=True)
    gross_likelihood = models.PositiveSmallIntegerField(_("sannolikhet brutto"), null=True, blank=True)
    gross_impact = models.PositiveSmallIntegerField(_("konsekvens brutto"), null=True, blank=True)
    net_likelihood = models.PositiveSmallIntegerField(_("sannolikhet netto"), null=True, blank=True)
    net_impact = models.PositiveSmallIntegerField(_("konsekvens netto"), null=True, blank=True)
    target_likelihood = models.PositiveSmallIntegerField(_("sannolikhet mål"), null=True, blank=True)
    target_impact = models.PositiveSmallIntegerField(_("konsekvens mål"), null=True, blank=True)
    in_plan = models.BooleanField(_("i internkontrollplanen"), default=False)
    lifted_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="lifted_to", verbose_name=_("lyft från")
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("från förra året"),
    )
    change = models.CharField(_("förändring mot förra året"), max_length=10, choices=CHANGE_CHOICES, blank=True)

    scope_path = "analysis__unit__"
    # Free text may name people (a case, an employee); the trail keeps only that it changed.
    audit_without_content = {"description", "existing_measures", "consequence"}

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = ["analysis", "number"]
        constraints = [models.UniqueConstraint(fields=["region", "analysis", "number"], name="risk_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def net_status(self) -> str:
        return self.analysis.matrix.status(self.net_likelihood, self.net_impact)

    def gross_status(self) -> str:
        return self.analysis.matrix.status(self.gross_likelihood, self.gross_impact)


class Control(TenantModel):
    """A kontrollmoment of the internal-control plan: what is checked for a risk, how
    (method, sample), how often, by whom and when. Its due occurrences
    (internal_control.rules.occurrences) are what the responsible reports on Min
    uppföljning."""

    ONCE, MONTHLY, TERTIAL, HALF_YEAR, YEARLY = "once", "monthly", "tertial", "halfyear", "yearly"
    FREQUENCY_CHOICES = [
        (ONCE, _("En gång")),
        (MONTHLY, _("Varje månad")),
        (TERTIAL, _("Varje tertial")),
        (HALF_YEAR, _("Varje halvår")),
        (YEARLY, _("En gång om året")),
    ]

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="controls", verbose_name=_("risk"))
    what = models.CharField(_("kontrollmoment"), max_length=300)
    method = models.CharField(_("metod"), max_length=300, blank=True)
    sample = models.CharField(_("stickprov"), max_length=100, blank=True)
    frequency = models.CharField(_("frekvens"), max_length=10, choices=FREQUENCY_CHOICES, default=YEARLY)
    due_on = models.DateField(
        _("när"), null=True, blank=True, help_text=_("För en kontroll som görs en gång: datum. Annars periodens slut.")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    unit = models.ForeignKey(
        "regionplan.OrgUnit",
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("verksamhet"),
        help_text=_("Enheten som gör kontrollen (analysens enhet eller en enhet under den)."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    scope_path = "unit__"

    class Meta:
        verbose_name = _("kontrollmoment")
        verbose_name_plural = _("kontrollmoment")
        ordering = ["risk", "order", "pk"]

    def __str__(self):
        return self.what[:80]


class ControlResult(TenantModel):
    """The result of one occurrence of a control (`occurrence`: its code, e.g. ``2022-T1``
    or ``2022-05``, see rules.occurrences): Utan anmärkning / Mindre brister / Väsentliga
    brister (Grön / Gul / Röd) or Ej genomförd, what was checked and what was found.
    `version` refuses a save based on an older read, as for assessments."""

    OK, MINOR, MAJOR, NOT_DONE = "ok", "minor", "major", "not_done"
    OUTCOME_CHOICES = [
        (OK, _("Utan anmärkning")),
        (MINOR, _("Mindre brister")),
        (MAJOR, _("Väsentliga brister")),
        (NOT_DONE, _("Ej genomförd")),
    ]

    control = models.ForeignKey(
        Control, on_delete=models.CASCADE, related_name="results", verbose_name=_("kontrollmoment")
    )
    occurrence = models.CharField(_("tillfälle"), max_length=10)
    due_on = models.DateField(_("senast"))
    outcome = models.CharField(_("resultat"), max_length=10, choices=OUTCOME_CHOICES, blank=True)
    checked = models.TextField(_("vad som kontrollerades"), blank=True)
    findings = models.TextField(_("iakttagelser"), blank=True)
    performed_on = models.DateField(_("utförd den"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "control__unit__"
    audit_exclude = {"version", "updated_by"}
    audit_without_content = {"checked", "findings"}

    class Meta:
        verbose_name = _("kontrollresultat")
        verbose_name_plural = _("kontrollresultat")
        ordering = ["control", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["region", "control", "occurrence"], name="controlresult_unique_occurrence")
        ]

    def __str__(self):
        return f"{self.control} {self.occurrence}"

    @property
    def has_findings(self) -> bool:
        return self.outcome in (self.MINOR, self.MAJOR)


def evidence_path(instance, filename):
    """Evidence is stored per region, under a name of our own (the user's name is kept in `name`)."""
    return f"regions/{instance.region_id}/intern-kontroll/{instance.result_id}/{uuid.uuid4().hex}"


class Evidence(TenantModel):
    """A file attached to a control result as evidence (size-limited and type-checked on
    upload), with its SHA-256 so that a changed file is noticed."""

    result = models.ForeignKey(
        ControlResult, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("resultat")
    )
    file = models.FileField(_("fil"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "result__control__unit__"
    audit_exclude = {"uploaded_by"}

    class Meta:
        verbose_name = _("underlag")
        verbose_name_plural = _("underlag")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.name


class RiskAction(TenantModel):
    """An åtgärd: what is done about a risk (the analysis' Handlingsplan) or about a
    control result with findings, by whom, by when, and how far it has come. Followed up
    each period until done (`ActionUpdate`), like an activity."""

    PLANNED, ONGOING, DONE = "planned", "ongoing", "done"
    STATUS_CHOICES = [(PLANNED, _("Planerad")), (ONGOING, _("Pågår")), (DONE, _("Klar"))]

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions", verbose_name=_("risk"))
    result = models.ForeignKey(
        ControlResult,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("kontrollresultat"),
    )
    what = models.TextField(_("åtgärd"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    owner_label = models.CharField(
        _("ansvarig (funktion)"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Ekonomidirektör, när ingen person anges."),
    )
    deadline = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PLANNED)
    done_on = models.DateField(_("klar den"), null=True, blank=True)

    scope_path = "risk__analysis__unit__"
    audit_without_content = {"what"}

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return _("Åtgärd %(n)s") % {"n": self.pk or "–"}


class ActionUpdate(TenantModel):
    """An action's follow-up in a period: its status then and a comment."""

    action = models.ForeignKey(RiskAction, on_delete=models.CASCADE, related_name="updates", verbose_name=_("åtgärd"))
    period = models.ForeignKey(
        "regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    status = models.CharField(_("status"), max_length=10, choices=RiskAction.STATUS_CHOICES)
    comment = models.TextField(_("kommentar"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "action__risk__analysis__unit__"
    audit_without_content = {"comment"}

    class Meta:
        verbose_name = _("uppföljning av åtgärd")
        verbose_name_plural = _("uppföljningar av åtgärder")
        constraints = [
            models.UniqueConstraint(fields=["region", "action", "period"], name="actionupdate_unique_period")
        ]

    def __str__(self):
        return f"{self.action} {self.period.code}"
