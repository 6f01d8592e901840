"""The goal hierarchy: perspectives, plans per unit and year, and the items in them.

One table holds every item (strategic goal, success factor, measure, activity,
assignment), because they share a tree, an owner, an order and, later, a follow-up.
An item belongs to the plan of the unit that owns it; its parent may belong to the plan
of a unit above (a division's success factor under the assembly's goal), which is how
goals cascade. `path` is the chain of item ids from the top, so "an item and everything
under it" is one ``path LIKE`` query, across plans.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from goals import units
from goals.rules import (
    OPERATOR_CHOICES,
    Levels,
    Op,
    Target,
    format_baseline,
    format_target,
)
from regionplan.tenancy import OnePerRegionMixin, TenantModel

LEVEL_CHOICES = [
    (Levels.GOAL, _("Strategiskt mål")),
    (Levels.FACTOR, _("Framgångsfaktor")),
    (Levels.MEASURE, _("Styrmått")),
    (Levels.ACTIVITY, _("Aktivitet")),
    (Levels.ASSIGNMENT, _("Uppdrag")),
]

# The names a region uses when it has not chosen its own: (singular, plural). Translated,
# unlike a region's own names, which are its data.
DEFAULT_LABELS = {
    Levels.GOAL: (pgettext_lazy("singular", "strategiskt mål"), pgettext_lazy("plural", "strategiska mål")),
    Levels.FACTOR: (pgettext_lazy("singular", "framgångsfaktor"), pgettext_lazy("plural", "framgångsfaktorer")),
    Levels.MEASURE: (pgettext_lazy("singular", "styrmått"), pgettext_lazy("plural", "styrmått")),
    Levels.ACTIVITY: (pgettext_lazy("singular", "aktivitet"), pgettext_lazy("plural", "aktiviteter")),
    Levels.ASSIGNMENT: (pgettext_lazy("singular", "uppdrag"), pgettext_lazy("plural", "uppdrag")),
}


class Perspective(TenantModel):
    """A perspective of the region's scorecard (Samhälle, Medborgare, Verksamhet, ...)."""

    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("perspektiv")
        verbose_name_plural = _("perspektiv")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="perspective_unique_name")]

    def __str__(self):
        return self.name


def default_editable_after_adoption():
    return [Levels.ACTIVITY]


class PlanSettings(OnePerRegionMixin, TenantModel):
    """How a region names the levels of its hierarchy, and what stays editable in an
    adopted plan. At most one row per region; without one the defaults apply."""

    labels = models.JSONField(_("namn på nivåerna"), default=dict, blank=True)
    editable_after_adoption = models.JSONField(
        _("ändringsbart i fastställd plan"), default=default_editable_after_adoption, blank=True
    )

    class Meta:
        verbose_name = _("planinställningar")
        verbose_name_plural = _("planinställningar")
        constraints = [models.UniqueConstraint(fields=["region"], name="plansettings_one_per_region")]

    def __str__(self):
        return str(_("Planinställningar"))

    def label(self, level: str, plural: bool = False) -> str:
        """The region's name for a level, e.g. "inriktningsmål"."""
        chosen = self.labels.get(level) or DEFAULT_LABELS[level]
        return str(chosen[1 if plural else 0] or DEFAULT_LABELS[level][1 if plural else 0])

    def level_names(self) -> dict[str, dict[str, str]]:
        """All level names for templates: {"goal": {"one": ..., "many": ...}, ...}."""
        return {level: {"one": self.label(level), "many": self.label(level, True)} for level in Levels.ALL}


class Plan(TenantModel):
    """A unit's plan for a year (verksamhetsplan, nämndplan, styrkort).

    Drafted, then adopted (fastställd) with date and decision, then closed at year end.
    An adopted plan is read-only except for the levels the region allows; a closed one is
    read-only.
    """

    DRAFT, ADOPTED, CLOSED = "draft", "adopted", "closed"
    STATE_CHOICES = [(DRAFT, _("Utkast")), (ADOPTED, _("Fastställd")), (CLOSED, _("Stängd"))]

    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))
    year = models.PositiveSmallIntegerField(_("år"))
    state = models.CharField(_("status"), max_length=10, choices=STATE_CHOICES, default=DRAFT)
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    decision_ref = models.CharField(_("beslut (diarienummer, paragraf)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["region", "unit", "year"], name="plan_unique_unit_year")]

    def __str__(self):
        return f"{self.unit.name} {self.year}"

    scope_path = "unit__"  # the unit whose roles govern access

    def allows_edit(self, level: str, settings: PlanSettings) -> bool:
        """Whether items of `level` may be added, changed, moved or removed in this plan."""
        if self.state == self.DRAFT:
            return True
        return self.state == self.ADOPTED and level in settings.editable_after_adoption


class TargetFields(models.Model):
    """A target: an operator and one or two numbers (see goals.rules.parse_target)."""

    target_operator = models.CharField(
        _("målvärde, jämförelse"), max_length=10, choices=OPERATOR_CHOICES, blank=True, default=""
    )
    target_value = models.DecimalField(_("målvärde"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_high = models.DecimalField(_("målvärde, övre gräns"), max_digits=18, decimal_places=4, null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def target(self) -> Target:
        return Target(self.target_operator, self.target_value, self.target_high)

    @property
    def target_text(self) -> str:
        return format_target(self.target)

    @target.setter
    def target(self, target: Target):
        self.target_operator, self.target_value, self.target_high = target.operator, target.value, target.high


class PlanItem(TargetFields, TenantModel):
    """One item of a plan: a strategic goal, success factor, measure, activity or assignment.

    Measure fields (unit, direction, target, baseline, source, frequency, split by sex)
    are empty for the other levels; dates and `responsible` serve activities and
    assignments; `given_by` and the decision serve assignments.
    """

    # A measure's unit is the region's own free text; these are the suggestions (goals.units).
    MEASURE_UNITS = units.SUGGESTED
    HIGHER, LOWER, YESNO, FOLLOW = "higher", "lower", "yesno", "follow"
    DIRECTION_CHOICES = [
        (HIGHER, _("Högre är bättre")),
        (LOWER, _("Lägre är bättre")),
        (YESNO, _("Ja/nej")),
        (FOLLOW, _("Följs, inget mål")),
    ]
    FREQUENCY_CHOICES = [
        ("month", _("Månadsvis")),
        ("tertial", _("Tertialvis")),
        ("delar", _("Delårsvis")),
        ("year", _("Årsvis")),
    ]
    GIVEN_BY_CHOICES = [
        ("fullmaktige", _("Regionfullmäktige")),
        ("styrelse", _("Regionstyrelsen")),
        ("namnd", _("Nämnd")),
        ("rd", _("Regiondirektören")),
    ]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(editable=False)  # the plan's year, for the code constraint
    level = models.CharField(_("nivå"), max_length=12, choices=LEVEL_CHOICES)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad post"),
    )
    path = models.CharField(max_length=200, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    code = models.CharField(_("kod"), max_length=30, help_text=_("Lämna tomt för en kod som skapas automatiskt."))
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    perspective = models.ForeignKey(
        Perspective, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", verbose_name=_("perspektiv")
    )
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    # measures
    measure_unit = models.CharField(
        _("måttenhet"),
        max_length=units.MAX_LENGTH,
        blank=True,
        help_text=_("Regionens egen enhet, t.ex. %, kr, Mnkr, sekunder, ton, per 1 000 invånare eller ja/nej."),
    )
    direction = models.CharField(_("riktning"), max_length=10, choices=DIRECTION_CHOICES, blank=True)
    baseline_value = models.DecimalField(_("jämförelsetal"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("jämförelseår"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)
    external_code = models.CharField(
        _("extern kod"), max_length=100, blank=True, help_text=_("Används av dataimporter, t.ex. ett KPI-id i Kolada.")
    )
    frequency = models.CharField(_("frekvens"), max_length=10, choices=FREQUENCY_CHOICES, blank=True)
    split_by_sex = models.BooleanField(_("könsuppdelat"), default=False)
    critical = models.BooleanField(
        _("kritiskt mått"), default=False, help_text=_("Ett rött kritiskt mått gör förslaget för nivån ovanför rött.")
    )
    # activities and assignments
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    finished = models.BooleanField(_("klar"), default=False)
    # assignments
    given_by = models.CharField(_("givet av"), max_length=12, choices=GIVEN_BY_CHOICES, blank=True)
    decision_ref = models.CharField(_("beslut"), max_length=100, blank=True)
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    # Derived columns that follow a move (the move itself is audited as `parent`), and the
    # link to last year's item, cleared in bulk (SET_NULL) when that item is removed.
    audit_exclude = {"path", "depth", "year", "copied_from"}

    class Meta:
        verbose_name = _("planpost")
        verbose_name_plural = _("planposter")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["region", "year", "code"], name="planitem_unique_code_per_year")]
        indexes = [models.Index(fields=["region", "year", "plan"], name="planitem_region_year_plan")]

    def __str__(self):
        return f"{self.code} {self.name}"

    scope_path = "plan__unit__"  # the unit whose roles govern access

    def save(self, *args, **kwargs):
        """Save, keeping `year`, `path` and `depth` right; a new parent moves the subtree.

        As for org units, the stored paths are read (and locked on PostgreSQL) first, so a
        stale instance or two concurrent moves cannot build a cycle.
        """
        self.claim_region()
        self.year = self.plan.year
        with transaction.atomic():
            ids = [i for i in (self.pk, self.parent_id) if i]
            stored = (
                dict(PlanItem.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", "path"))
                if ids
                else {}
            )
            if self.parent_id and self.parent_id not in stored:
                raise ValidationError({"parent": _("Den överordnade posten finns inte.")})
            parent_path = stored[self.parent_id] if self.parent_id else "/"
            if self.pk is None:
                super().save(*args, **kwargs)
                self.path, self.depth = f"{parent_path}{self.pk}/", parent_path.count("/") - 1
                PlanItem.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                return
            old_path = self.path = stored[self.pk]
            new_path = f"{parent_path}{self.pk}/"
            if new_path != old_path and parent_path.startswith(old_path):
                raise ValidationError({"parent": _("En post kan inte flyttas in under sig själv.")})
            super().save(*args, **kwargs)
            if new_path != old_path:
                change = new_path.count("/") - old_path.count("/")
                PlanItem.objects.filter(path__startswith=old_path).update(
                    path=Concat(
                        Value(new_path), Substr("path", Length(Value(old_path)) + 1), output_field=models.CharField()
                    ),
                    depth=F("depth") + change,
                )
                self.path, self.depth = new_path, self.depth + change

    @property
    def target_text(self) -> str:
        return format_target(self.target, self.measure_unit)

    @property
    def baseline_text(self) -> str:
        return format_baseline(self.baseline_year, self.baseline_value)

    def subtree(self):
        """This item and everything under it, in every plan (one query)."""
        return PlanItem.objects.filter(path__startswith=self.path)


class MeasureAdoption(TargetFields, TenantModel):
    """A lower unit follows a measure defined above it, for its own part of the organisation.

    Same code, definition and target rule; the target may differ for the unit (an empty
    operator means "the measure's own target"). Its values roll up to the measure.
    """

    measure = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("styrmått")
    )
    unit = models.ForeignKey("regionplan.OrgUnit", on_delete=models.RESTRICT, related_name="+", verbose_name=_("enhet"))

    class Meta:
        verbose_name = _("antaget styrmått")
        verbose_name_plural = _("antagna styrmått")
        constraints = [
            models.UniqueConstraint(fields=["region", "measure", "unit"], name="adoption_unique_measure_unit")
        ]

    def __str__(self):
        return f"{self.measure.code} – {self.unit.name}"

    scope_path = "unit__"  # the unit whose roles govern access

    def effective_target(self) -> Target:
        """The unit's own target, or the measure's when it has none."""
        return self.target if self.target_operator != Op.NONE else self.measure.target
