"""Follow-up: per period, each plan item gets an assessment (Grön / Gul / Röd / Ej bedömd
with a comment) and each measure its values, for the unit that owns it or has adopted it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.rules import DEFAULT_TOLERANCE, MAJORITY, ROLLUP_RULES
from regionplan.status import Status
from regionplan.tenancy import OnePerRegionMixin, TenantModel


class FollowupSettings(OnePerRegionMixin, TenantModel):
    """A region's follow-up rules: the Gul tolerance, the roll-up rule, reminder timing.
    At most one row per region; without one the defaults apply."""

    tolerance_percent = models.DecimalField(_("tolerans för gul (%)"), max_digits=5, decimal_places=2,
                                            default=DEFAULT_TOLERANCE * 100)
    rollup_rule = models.CharField(_("sammanvägning"), max_length=10, choices=ROLLUP_RULES, default=MAJORITY)
    reminder_days_before = models.PositiveSmallIntegerField(_("påminnelse dagar före sista rapportdag"), default=5)

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

    item = models.ForeignKey("goals.PlanItem", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("post"))
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    period = models.ForeignKey("regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period"))
    status = models.CharField(_("bedömning"), max_length=10, choices=Status.choices, default=Status.NOT_ASSESSED)
    comment = models.TextField(_("kommentar"), blank=True)
    overrule_reason = models.TextField(_("skäl till annan bedömning än förslaget"), blank=True)
    percent_complete = models.PositiveSmallIntegerField(_("andel klart (%)"), null=True, blank=True)
    finished = models.BooleanField(_("klar"), default=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
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

    def scope_unit(self):
        return self.unit

    @property
    def is_reported(self) -> bool:
        return self.status != Status.NOT_ASSESSED


class MeasureValue(TenantModel):
    """A measure's value for a unit and period, per sex where the measure is split.
    Entering it again replaces it; the audit trail keeps the old one."""

    TOTAL, WOMEN, MEN = "total", "women", "men"
    SEX_CHOICES = [(WOMEN, _("Kvinnor")), (MEN, _("Män")), (TOTAL, _("Totalt"))]

    measure = models.ForeignKey("goals.PlanItem", on_delete=models.CASCADE, related_name="values", verbose_name=_("styrmått"))
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    period = models.ForeignKey("regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period"))
    sex = models.CharField(_("kön"), max_length=6, choices=SEX_CHOICES, default=TOTAL)
    value = models.DecimalField(_("värde"), max_digits=18, decimal_places=4)
    source = models.CharField(_("källa"), max_length=20, default="manuell")

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        constraints = [models.UniqueConstraint(fields=["region", "measure", "unit", "period", "sex"], name="measurevalue_unique")]
        indexes = [models.Index(fields=["region", "period", "unit"], name="measurevalue_period_unit")]

    def __str__(self):
        return f"{self.measure.code} {self.unit.name} {self.period.code} {self.get_sex_display()}"

    def scope_unit(self):
        return self.unit


class Reopening(TenantModel):
    """A controller reopens entry after the deadline, for a unit or a single item of it."""

    period = models.ForeignKey("regionplan.Period", on_delete=models.CASCADE, related_name="+", verbose_name=_("period"))
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    item = models.ForeignKey("goals.PlanItem", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("post"))
    until = models.DateField(_("öppen till och med"))

    class Meta:
        verbose_name = _("återöppning")
        verbose_name_plural = _("återöppningar")

    def __str__(self):
        return f"{self.period.code} {self.unit.name}{' ' + self.item.code if self.item_id else ''}"

    def scope_unit(self):
        return self.unit
