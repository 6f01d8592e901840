"""Forms of the plan pages. Labels of the levels come from the region's PlanSettings."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from goals import units as measure_units
from goals.models import LEVEL_CHOICES, Perspective, PlanItem, PlanSettings
from goals.rules import (
    Levels,
    format_baseline,
    format_target,
    parse_baseline,
    parse_target,
)
from regionplan.forms import DateInput, UnitChoiceField

# The fields each level shows, besides code, name and description.
LEVEL_FIELDS = {
    Levels.GOAL: ["perspective"],
    Levels.FACTOR: ["responsible"],
    Levels.MEASURE: [
        "responsible",
        "measure_unit",
        "direction",
        "target_text",
        "baseline_text",
        "frequency",
        "split_by_sex",
        "critical",
        "source",
        "external_code",
    ],
    Levels.ACTIVITY: ["responsible", "start_date", "end_date", "finished"],
    Levels.ASSIGNMENT: ["given_by", "decision_ref", "decision_date", "responsible", "end_date", "finished"],
}


class SuggestionsInput(forms.TextInput):
    """A text input with suggestions (an <input list=…> and its <datalist>): any text may be
    written, the common values are offered as one types. Works without JavaScript."""

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-forslag"
        attrs["list"] = list_id
        options = format_html_join("", '<option value="{}"></option>', ((s,) for s in self.suggestions))
        return super().render(name, value, attrs, renderer) + format_html(
            '<datalist id="{}">{}</datalist>', list_id, options
        )


class PlanItemForm(forms.ModelForm):
    """Add or change one item. Only the fields of its level are shown; a target and a
    baseline are typed as a controller writes them ("< 4,8", "2018: 5,6")."""

    target_text = forms.CharField(
        label=_("Målvärde"),
        required=False,
        max_length=60,
        help_text=_("T.ex. ”< 4,8”, ”81”, ”4–6”, ”Öka”, ”Minska” eller ”Ja”."),
    )
    baseline_text = forms.CharField(
        label=_("Jämförelsetal"), required=False, max_length=60, help_text=_("T.ex. ”2018: 5,6”.")
    )

    class Meta:
        model = PlanItem
        fields = [
            "code",
            "name",
            "description",
            "perspective",
            "responsible",
            "measure_unit",
            "direction",
            "frequency",
            "split_by_sex",
            "critical",
            "source",
            "external_code",
            "start_date",
            "end_date",
            "finished",
            "given_by",
            "decision_ref",
            "decision_date",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "decision_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure_unit": SuggestionsInput(measure_units.SUGGESTED, attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, level: str, settings: PlanSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level
        keep = {"code", "name", "description", *LEVEL_FIELDS[level]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.order_fields(["code", "name", "description", *LEVEL_FIELDS[level]])
        self.fields["code"].required = False
        self.fields["name"].label = _("Namn")
        if "perspective" in self.fields:
            self.fields["perspective"].queryset = Perspective.objects.order_by("order", "name")
            self.fields["perspective"].required = True
        if level == Levels.MEASURE:
            self.fields["measure_unit"].required = True
            self.fields["direction"].required = True
            self.fields["frequency"].required = True
            self.initial.setdefault("target_text", format_target(self.instance.target))
            self.initial.setdefault(
                "baseline_text", format_baseline(self.instance.baseline_year, self.instance.baseline_value)
            )
        if level == Levels.ASSIGNMENT:
            self.fields["end_date"].label = _("Ska vara klart")
        self.level_label = settings.label(level)

    def clean_measure_unit(self):
        """The region's own unit, any text (sekunder, ton, per 1 000 invånare), the special
        ones (%, kr, Mnkr, ja/nej) in their usual spelling."""
        unit = measure_units.normalise_unit(self.cleaned_data.get("measure_unit", ""))
        if problem := measure_units.unit_error(unit):
            raise forms.ValidationError(problem)
        return unit

    def clean(self):
        data = super().clean()
        if self.level == Levels.MEASURE:
            unit = data.get("measure_unit") or ""
            try:
                self.instance.target = parse_target(data.get("target_text", ""), data.get("direction") or "", unit)
            except ValueError as error:
                self.add_error("target_text", str(error))
            try:
                self.instance.baseline_year, self.instance.baseline_value = parse_baseline(
                    data.get("baseline_text", ""), unit
                )
            except ValueError as error:
                self.add_error("baseline_text", str(error))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        return data


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'– ' * obj.depth}{obj.code} {obj.name} ({obj.plan.unit.name})"


class MoveItemForm(forms.Form):
    """Choose the new parent of an item among those it may sit under."""

    parent = ItemChoiceField(
        queryset=PlanItem.objects.none(),
        label=_("Flytta till"),
        required=False,
        empty_label=_("(överst, utan överordnad post)"),
    )

    def __init__(self, *args, candidates, allow_top: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            PlanItem.objects.filter(pk__in=[c.pk for c in candidates]).select_related("plan__unit").order_by("path")
        )
        self.fields["parent"].required = not allow_top


class AdoptPlanForm(forms.Form):
    """Adopt (fastställa) a plan: when, and by which decision."""

    adopted_on = forms.DateField(label=_("Fastställd den"), widget=DateInput(), initial=timezone.localdate)
    decision_ref = forms.CharField(label=_("Beslut (diarienummer, paragraf)"), max_length=100)


class CopyPlanForm(forms.Form):
    include_subtree = forms.BooleanField(label=_("Kopiera även planerna för enheterna under"), required=False)


class AdoptionForm(forms.Form):
    """A unit below the measure's owner follows it, optionally with its own target."""

    unit = UnitChoiceField(queryset=None, label=_("Enhet"))
    target_text = forms.CharField(
        label=_("Eget målvärde för enheten"),
        required=False,
        max_length=60,
        help_text=_("Lämna tomt för måttets eget målvärde."),
    )

    def __init__(self, *args, units, direction: str, measure_unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.direction, self.measure_unit = direction, measure_unit

    def clean_target_text(self):
        try:
            return parse_target(self.cleaned_data["target_text"], self.direction, self.measure_unit)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class PlanSettingsForm(forms.Form):
    """The region's own names for its levels, and what stays editable in an adopted plan."""

    editable_after_adoption = forms.MultipleChoiceField(
        label=_("Får ändras i en fastställd plan"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, settings: PlanSettings, **kwargs):
        super().__init__(*args, **kwargs)
        for level, default_label in LEVEL_CHOICES:
            for index, suffix, text in ((0, "one", _("singular")), (1, "many", _("plural"))):
                name = f"{level}_{suffix}"
                self.fields[name] = forms.CharField(label=f"{default_label}, {text}", max_length=60)
                self.initial[name] = settings.label(level, plural=bool(index))
        self.initial["editable_after_adoption"] = settings.editable_after_adoption

    def level_rows(self):
        return [(label, self[f"{level}_one"], self[f"{level}_many"]) for level, label in LEVEL_CHOICES]

    def apply(self, settings: PlanSettings) -> PlanSettings:
        data = self.cleaned_data
        settings.labels = {
            level: [data[f"{level}_one"].strip(), data[f"{level}_many"].strip()] for level, _label in LEVEL_CHOICES
        }
        settings.editable_after_adoption = list(data["editable_after_adoption"])
        return settings


class PerspectiveForm(forms.ModelForm):
    """A perspective's name (unique in the region, whatever the case) and its place."""

    class Meta:
        model = Perspective
        fields = ["name", "order"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Perspective.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Det finns redan ett perspektiv som heter %(name)s.") % {"name": name})
        return name
