"""Systematic work-environment management (SAM, AFS 2023:1): the region's yearly cycle
template and each unit's year (årshjul), safety-round checklists and rounds, risk
assessments on the core's risk matrix, the action plan (handlingsplan), incidents and
injuries without personal data, and the annual follow-up rolled up the line.

Imports point down only (docs/architecture.md): the unit, periods, roles, statuses and the
risk matrix are the core's; nothing here imports goals, follow-up or reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.periods import MONTH_NAMES_SV
from regionplan.personaldata import refuse_personal_data
from regionplan.status import Status
from regionplan.tenancy import TenantModel

# the month's name in the form and on the page (the stored value is its number)
MONTH_CHOICES = [(number, _(name)) for number, name in enumerate(MONTH_NAMES_SV, start=1)]


# --- The year (årshjul) ---------------------------------------------------------------------

# A new region's template (issue 18; the months municipalities and regions commonly use):
# (name, description, first month, due month).
STANDARD_ACTIVITIES = [
    ("Årlig uppföljning av SAM", "Enhetens årliga uppföljning av det systematiska arbetsmiljöarbetet.", 1, 3),
    ("Skyddsrond vår", "Skyddsrond med skyddsombud enligt regionens checklista.", 3, 4),
    ("Löneöversyn och arbetsmiljö i budgetdialogen", "Arbetsmiljöns behov tas upp i budgetdialogen.", 4, 5),
    ("Brandskyddsrond", "Systematiskt brandskyddsarbete: kontroll av utrymningsvägar och utrustning.", 8, 9),
    ("Medarbetarenkät", "Regionens medarbetarenkät; resultatet blir åtgärder i handlingsplanen.", 9, 10),
    ("Skyddsrond höst", "Skyddsrond med skyddsombud enligt regionens checklista.", 10, 11),
]


class ActivityTemplate(TenantModel):
    """One recurring SAM activity of the region's year (årshjul): what it is and in which
    months it is done (from `start_month` to `due_month`, due the last day of that month).
    Each unit's year (UnitActivity) is made from the active ones."""

    name = models.CharField(_("aktivitet"), max_length=200)
    description = models.CharField(_("beskrivning"), max_length=500, blank=True)
    start_month = models.PositiveSmallIntegerField(_("från månad"), choices=MONTH_CHOICES)
    due_month = models.PositiveSmallIntegerField(_("klar senast månad"), choices=MONTH_CHOICES)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(_("används"), default=True)

    class Meta:
        verbose_name = _("aktivitet i årshjulet")
        verbose_name_plural = _("årshjulets aktiviteter")
        ordering = ["due_month", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="activitytemplate_unique_name")]

    def __str__(self):
        return self.name


class UnitActivity(TenantModel):
    """A SAM activity of one unit's year, made from the region's template: due date, and
    when it was done with a comment. Due ones stand on the manager's Min uppföljning."""

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("enhet"))
    year = models.PositiveSmallIntegerField(_("år"))
    template = models.ForeignKey(
        ActivityTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("mall")
    )
    name = models.CharField(_("aktivitet"), max_length=200)
    starts_on = models.DateField(_("från"))
    due_on = models.DateField(_("klar senast"))
    done_on = models.DateField(_("klar den"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True, validators=[refuse_personal_data])
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    scope_path = "unit__"

    class Meta:
        verbose_name = _("enhetens SAM-aktivitet")
        verbose_name_plural = _("enheternas SAM-aktiviteter")
        ordering = ["year", "due_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "unit", "year", "name"], name="unitactivity_unique_name"),
        ]
        indexes = [models.Index(fields=["region", "year", "due_on"], name="unitactivity_year_due")]

    def __str__(self):
        return f"{self.name} {self.year}"


# --- Safety rounds (skyddsrond) -------------------------------------------------------------


class Checklist(TenantModel):
    """One of the region's safety-round checklists (kontorsarbete, vårdlokaler …)."""

    name = models.CharField(_("namn"), max_length=200)
    description = models.CharField(_("beskrivning"), max_length=500, blank=True)
    active = models.BooleanField(_("används"), default=True)

    class Meta:
        verbose_name = _("checklista")
        verbose_name_plural = _("checklistor")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="checklist_unique_name")]

    def __str__(self):
        return self.name


class ChecklistQuestion(TenantModel):
    """A question of a checklist, under its area, with the AFS reference and help text. It is
    put as a statement answered Ja (in order), Nej (a finding) or Ej aktuellt."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="questions")
    area = models.CharField(_("område"), max_length=100)
    text = models.CharField(_("fråga"), max_length=500)
    reference = models.CharField(_("föreskrift"), max_length=100, blank=True)
    help_text = models.TextField(_("hjälptext"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    scope_path = "checklist__"

    class Meta:
        verbose_name = _("fråga i checklista")
        verbose_name_plural = _("frågor i checklista")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class SafetyRound(TenantModel):
    """A safety round of a unit on a checklist: date and participants (the manager and the
    unit's skyddsombud, others in words). Draft while answered; done when every question is
    answered."""

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    checklist = models.ForeignKey(Checklist, on_delete=models.RESTRICT, related_name="+", verbose_name=_("checklista"))
    performed_on = models.DateField(_("datum"))
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("chef")
    )
    safety_rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skyddsombud"),
    )
    other_participants = models.CharField(
        _("övriga deltagare (roller)"), max_length=300, blank=True, validators=[refuse_personal_data]
    )
    completed_on = models.DateField(_("avslutad den"), null=True, blank=True)

    scope_path = "unit__"

    class Meta:
        verbose_name = _("skyddsrond")
        verbose_name_plural = _("skyddsronder")
        ordering = ["-performed_on", "pk"]

    def __str__(self):
        return f"{self.unit.name} {self.performed_on}"


class RoundAnswer(TenantModel):
    """A question's answer in a round: Ja / Nej / Ej aktuellt, with a comment. A Nej is a
    finding that becomes an action (`action`) or a risk to assess (`risk`)."""

    YES, NO, NOT_APPLICABLE = "ja", "nej", "ea"
    ANSWER_CHOICES = [(YES, _("Ja")), (NO, _("Nej")), (NOT_APPLICABLE, _("Ej aktuellt"))]

    safety_round = models.ForeignKey(SafetyRound, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ChecklistQuestion, on_delete=models.RESTRICT, related_name="+")
    answer = models.CharField(_("svar"), max_length=3, choices=ANSWER_CHOICES)
    comment = models.TextField(_("kommentar"), blank=True, validators=[refuse_personal_data])
    action = models.ForeignKey(
        "WorkAction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("åtgärd")
    )
    risk = models.ForeignKey(
        "WorkRisk", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("risk")
    )

    scope_path = "safety_round__unit__"

    class Meta:
        verbose_name = _("svar i skyddsrond")
        verbose_name_plural = _("svar i skyddsrond")
        constraints = [
            models.UniqueConstraint(fields=["safety_round", "question"], name="roundanswer_unique_question"),
        ]


# --- Risk assessments (riskbedömning) -------------------------------------------------------


class RiskAssessment(TenantModel):
    """A unit's written risk assessment: of a known hazard, from a safety round, from an
    incident, or ahead of a change (organisational change, new premises, new working hours:
    "riskbedömning inför förändring"). Its risks are valued on `matrix`, the version of the
    region's matrix it was made on (the core's, shared with internal control)."""

    HAZARD, ROUND, INCIDENT, CHANGE = "kartlaggning", "skyddsrond", "handelse", "forandring"
    REASON_CHOICES = [
        (HAZARD, _("Känd risk i verksamheten")),
        (ROUND, _("Från skyddsrond")),
        (INCIDENT, _("Från tillbud eller skada")),
        (CHANGE, _("Inför förändring")),
    ]
    ORGANISATION, PREMISES, HOURS, OTHER = "organisation", "lokaler", "arbetstider", "annat"
    CHANGE_CHOICES = [
        (ORGANISATION, _("Organisationsförändring")),
        (PREMISES, _("Nya eller ändrade lokaler")),
        (HOURS, _("Ändrade arbetstider")),
        (OTHER, _("Annan förändring")),
    ]

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    title = models.CharField(_("rubrik"), max_length=200, validators=[refuse_personal_data])
    reason = models.CharField(_("anledning"), max_length=15, choices=REASON_CHOICES)
    change_kind = models.CharField(_("förändring"), max_length=15, choices=CHANGE_CHOICES, blank=True)
    description = models.TextField(_("beskrivning"), blank=True, validators=[refuse_personal_data])
    safety_round = models.ForeignKey(
        SafetyRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("skyddsrond")
    )
    incident = models.ForeignKey(
        "Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("händelse")
    )
    matrix = models.ForeignKey(
        "regionplan.RiskMatrix", on_delete=models.RESTRICT, related_name="+", verbose_name=_("riskmatris")
    )
    assessed_on = models.DateField(_("datum"))
    participants = models.CharField(
        _("deltagare (roller)"), max_length=300, blank=True, validators=[refuse_personal_data]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "unit__"

    class Meta:
        verbose_name = _("riskbedömning")
        verbose_name_plural = _("riskbedömningar")
        ordering = ["-assessed_on", "pk"]

    def __str__(self):
        return self.title


class WorkRisk(TenantModel):
    """A risk in a work-environment risk assessment: the hazard, its valuation on the
    assessment's matrix (likelihood × consequence) and the measures decided."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="risks")
    number = models.PositiveSmallIntegerField(_("nr"))
    hazard = models.TextField(_("risk (vad kan hända)"), validators=[refuse_personal_data])
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet"), null=True, blank=True)
    impact = models.PositiveSmallIntegerField(_("konsekvens"), null=True, blank=True)
    measures = models.TextField(_("beslutade åtgärder"), blank=True, validators=[refuse_personal_data])

    scope_path = "assessment__unit__"

    class Meta:
        verbose_name = _("arbetsmiljörisk")
        verbose_name_plural = _("arbetsmiljörisker")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="workrisk_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.hazard[:60]}"


# --- Incidents (tillbud, arbetsskada, riskobservation, hot och våld) ------------------------


class Incident(TenantModel):
    """An incident or injury in a unit, reported without personal data: when, where (the
    unit, the place in words), its kind, what happened and what was done at once. The
    unit's manager investigates (causes, actions, closed with a date). A serious one must be
    reported to Arbetsmiljöverket at once (arbetsmiljölagen 3 kap. 3 a §): when, and the
    Authority's case number, are recorded; until then it is red on every list."""

    NEAR_MISS, INJURY, OBSERVATION, THREAT = "tillbud", "skada", "observation", "hot"
    KIND_CHOICES = [
        (NEAR_MISS, _("Tillbud")),
        (INJURY, _("Arbetsskada")),
        (OBSERVATION, _("Riskobservation")),
        (THREAT, _("Hot och våld")),
    ]

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    kind = models.CharField(_("typ"), max_length=12, choices=KIND_CHOICES)
    occurred_at = models.DateTimeField(_("när hände det"))
    place = models.CharField(_("var (plats i ord)"), max_length=200, validators=[refuse_personal_data])
    description = models.TextField(_("vad hände"), validators=[refuse_personal_data])
    immediate_action = models.TextField(_("vad gjordes direkt"), blank=True, validators=[refuse_personal_data])
    serious = models.BooleanField(
        _("allvarligt tillbud eller allvarlig skada"),
        default=False,
        help_text=_("Ska anmälas till Arbetsmiljöverket utan dröjsmål (arbetsmiljölagen 3 kap. 3 a §)."),
    )
    reported_at = models.DateTimeField(_("rapporterad"), auto_now_add=True)
    causes = models.TextField(_("orsaker (utredning)"), blank=True, validators=[refuse_personal_data])
    closed_on = models.DateField(_("utredning avslutad"), null=True, blank=True)
    authority_reported_on = models.DateField(_("anmäld till Arbetsmiljöverket"), null=True, blank=True)
    authority_case_number = models.CharField(_("Arbetsmiljöverkets ärendenummer"), max_length=50, blank=True)

    scope_path = "unit__"
    # Free text may be sensitive even after the personal-data check: the audit trail records
    # that it changed, not what it says.
    audit_without_content = ("description", "immediate_action", "causes", "place")

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["region", "occurred_at"], name="incident_region_occurred"),
            models.Index(fields=["region", "unit", "occurred_at"], name="incident_unit_occurred"),
            # the few serious ones not yet reported, listed red on every dashboard
            models.Index(
                fields=["region", "occurred_at"],
                condition=models.Q(serious=True, authority_reported_on__isnull=True),
                name="incident_unreported",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


# --- The action plan (handlingsplan) --------------------------------------------------------


class WorkAction(TenantModel):
    """An action of a unit's work-environment action plan: what, why (its source: a safety
    round, a risk assessment, an incident, the employee survey), who, by when, its status in
    the core's vocabulary, when done and whether its effect was checked. Followed up each
    period until done (WorkActionUpdate)."""

    ROUND, ASSESSMENT, INCIDENT, SURVEY, OTHER = "skyddsrond", "riskbedomning", "handelse", "enkat", "annat"
    SOURCE_CHOICES = [
        (ROUND, _("Skyddsrond")),
        (ASSESSMENT, _("Riskbedömning")),
        (INCIDENT, _("Tillbud eller skada")),
        (SURVEY, _("Medarbetarenkät")),
        (OTHER, _("Annat")),
    ]

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    what = models.TextField(_("åtgärd"), validators=[refuse_personal_data])
    why = models.TextField(_("varför"), blank=True, validators=[refuse_personal_data])
    source = models.CharField(_("källa"), max_length=15, choices=SOURCE_CHOICES)
    incident = models.ForeignKey(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("händelse")
    )
    risk = models.ForeignKey(
        WorkRisk, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("risk")
    )
    safety_round = models.ForeignKey(
        SafetyRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("skyddsrond")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarig")
    )
    deadline = models.DateField(_("klar senast"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NOT_ASSESSED)
    done_on = models.DateField(_("genomförd den"), null=True, blank=True)
    effect_checked_on = models.DateField(_("effekt kontrollerad den"), null=True, blank=True)
    effect_note = models.TextField(_("effekt"), blank=True, validators=[refuse_personal_data])
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "unit__"

    class Meta:
        verbose_name = _("åtgärd i handlingsplan")
        verbose_name_plural = _("åtgärder i handlingsplan")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["region", "unit", "deadline"], name="workaction_unit_deadline"),
            # the open ones whose deadline falls in the current month (the dashboard's live part)
            models.Index(
                fields=["region", "deadline"], condition=models.Q(done_on__isnull=True), name="workaction_open"
            ),
        ]

    def __str__(self):
        return self.what[:80]


class WorkActionUpdate(TenantModel):
    """An open action's follow-up in a period: its status then and a comment."""

    action = models.ForeignKey(WorkAction, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey("regionplan.Period", on_delete=models.RESTRICT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    comment = models.TextField(_("kommentar"), blank=True, validators=[refuse_personal_data])
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    scope_path = "action__unit__"

    class Meta:
        verbose_name = _("uppföljning av åtgärd")
        verbose_name_plural = _("uppföljningar av åtgärder")
        constraints = [models.UniqueConstraint(fields=["action", "period"], name="workactionupdate_unique_period")]


# --- The annual follow-up (årlig uppföljning av SAM) ----------------------------------------

# A new region's questionnaire (AFS 2023:1's demands): (text, reference).
STANDARD_QUESTIONS = [
    ("Det finns en skriftlig arbetsmiljöpolicy som är känd av medarbetarna.", "AFS 2023:1 2 kap. 3 §"),
    ("Det finns skriftliga rutiner för det systematiska arbetsmiljöarbetet.", "AFS 2023:1 2 kap. 3 §"),
    ("Uppgiftsfördelningen i arbetsmiljöarbetet är skriftlig och känd.", "AFS 2023:1 2 kap. 4 §"),
    ("Chefer och skyddsombud har tillräckliga kunskaper om arbetsmiljön.", "AFS 2023:1 2 kap. 5 §"),
    ("Risker har undersökts och bedömts skriftligt under året.", "AFS 2023:1 2 kap. 6–8 §§"),
    ("Handlingsplanen har följts och åtgärderna har kontrollerats.", "AFS 2023:1 2 kap. 9 §"),
    ("Ohälsa, olycksfall och tillbud har utretts.", "AFS 2023:1 2 kap. 10 §"),
    ("Medarbetare och skyddsombud har deltagit i arbetsmiljöarbetet.", "AFS 2023:1 2 kap. 2 §"),
]


class AnnualQuestion(TenantModel):
    """A question of the region's annual SAM follow-up, with its reference and help text."""

    text = models.CharField(_("fråga"), max_length=500)
    reference = models.CharField(_("föreskrift"), max_length=100, blank=True)
    help_text = models.TextField(_("hjälptext"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(_("används"), default=True)

    class Meta:
        verbose_name = _("fråga i årlig uppföljning")
        verbose_name_plural = _("frågor i årlig uppföljning")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class AnnualFollowup(TenantModel):
    """A unit's annual follow-up of its SAM for a year: its answers, its own summary, and the
    manager's sign-off (after which it is read only). A unit above sees its units' answers
    rolled up and writes its own."""

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    year = models.PositiveSmallIntegerField(_("år som följs upp"))
    summary = models.TextField(_("sammanfattning"), blank=True, validators=[refuse_personal_data])
    signed_on = models.DateField(_("signerad den"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    scope_path = "unit__"

    class Meta:
        verbose_name = _("årlig uppföljning av SAM")
        verbose_name_plural = _("årliga uppföljningar av SAM")
        ordering = ["year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["region", "unit", "year"], name="annualfollowup_unique_unit_year"),
        ]

    def __str__(self):
        return f"{self.unit.name} {self.year}"


class AnnualAnswer(TenantModel):
    """An answer in a unit's annual follow-up: Ja / Delvis / Nej (Grön / Gul / Röd) with a
    comment."""

    YES, PARTLY, NO = "ja", "delvis", "nej"
    ANSWER_CHOICES = [(YES, _("Ja")), (PARTLY, _("Delvis")), (NO, _("Nej"))]
    STATUS = {YES: Status.GREEN, PARTLY: Status.YELLOW, NO: Status.RED}

    followup = models.ForeignKey(AnnualFollowup, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AnnualQuestion, on_delete=models.RESTRICT, related_name="+")
    answer = models.CharField(_("svar"), max_length=6, choices=ANSWER_CHOICES, blank=True)
    comment = models.TextField(_("kommentar"), blank=True, validators=[refuse_personal_data])

    scope_path = "followup__unit__"

    class Meta:
        verbose_name = _("svar i årlig uppföljning")
        verbose_name_plural = _("svar i årlig uppföljning")
        constraints = [
            models.UniqueConstraint(fields=["followup", "question"], name="annualanswer_unique_question"),
        ]


# --- Counts kept for the dashboards ----------------------------------------------------------


class SamTally(TenantModel):
    """How many incidents, activities of the year and actions there are in a unit and its
    whole subtree, per what is counted and month: kept by workenv.tally on every save and
    delete (and rebuilt from the rows by `manage.py sam_tally`), so that the SAM dashboard
    and the incident statistics of a large region read a few hundred rows instead of
    counting a year of incidents. Written with SQL upserts only; not audited (it holds no
    one's data, only counts of rows that are)."""

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=24)  # workenv.tally's keys: "incident:tillbud", "action:open", ...
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()  # 0 for a count that has no month
    n = models.IntegerField(default=0)

    audited = False
    scope_path = "unit__"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "what", "year", "month"], name="samtally_unique_cell"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.what} {self.year}-{self.month}: {self.n}"
