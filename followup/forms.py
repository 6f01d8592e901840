"""The form of one follow-up row. Its fields depend on the item's level."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import FollowupSettings, MeasureValue
from goals.rules import Levels
from regionplan.numbers import format_number, parse_number
from regionplan.status import Status

SEX_LABELS = dict(MeasureValue.SEX_CHOICES)


class ReportForm(forms.Form):
    """Status, comment, values per sex (measures), percent complete (activities), finished
    (activities and assignments), and the version the form was read at."""

    status = forms.ChoiceField(label=_("Bedömning"), choices=Status.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=10_000)
    overrule_reason = forms.CharField(label=_("Skäl till annan bedömning än förslaget"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}), max_length=2_000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, row, suggest_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.suggest_for = suggest_for
        level = row.item.level
        prefix = f"r{row.key}"
        self.prefix = prefix
        assessment = row.assessment
        self.initial.update({
            "status": assessment.status if assessment else Status.NOT_ASSESSED,
            "comment": assessment.comment if assessment else "",
            "overrule_reason": assessment.overrule_reason if assessment else "",
            "version": assessment.version if assessment else 0,
        })
        if level == Levels.ASSIGNMENT:
            self.fields["comment"].label = _("Återrapportering")
        if level == Levels.MEASURE:
            for sex in row.sexes:
                self.fields[f"value_{sex}"] = forms.CharField(
                    label=SEX_LABELS[sex] if row.item.split_by_sex else _("Värde"), required=False, max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "value-input"}))
                self.initial[f"value_{sex}"] = format_number(row.values.get(sex))
        else:
            del self.fields["overrule_reason"]
        if level == Levels.ACTIVITY:
            self.fields["percent_complete"] = forms.IntegerField(label=_("Andel klart (%)"), required=False,
                                                                 min_value=0, max_value=100)
            self.initial["percent_complete"] = assessment.percent_complete if assessment else None
        if level in (Levels.ACTIVITY, Levels.ASSIGNMENT):
            self.fields["finished"] = forms.BooleanField(label=_("Klar"), required=False)
            self.initial["finished"] = assessment.finished if assessment else False

    def value_fields(self):
        return [self[name] for name in self.fields if name.startswith("value_")]

    def clean(self):
        data = super().clean()
        values = {}
        for name in list(self.fields):
            if not name.startswith("value_"):
                continue
            text = (data.get(name) or "").strip()
            if not text:
                values[name.removeprefix("value_")] = None
                continue
            number = parse_number(text)
            if number is None or abs(number) >= 10**14:
                self.add_error(name, _("”%(text)s” är inget tal. Skriv t.ex. 7,4.") % {"text": text})
            else:
                values[name.removeprefix("value_")] = number
        data["values"] = values
        if self.row.item.level == Levels.MEASURE and self.suggest_for and not self.errors:
            suggestion = self.suggest_for(values.get(MeasureValue.TOTAL))
            data["suggestion"] = suggestion
            chosen = data.get("status")
            if (suggestion.status != Status.NOT_ASSESSED and chosen and chosen != Status.NOT_ASSESSED
                    and chosen != suggestion.status and not data.get("overrule_reason", "").strip()):
                self.add_error("overrule_reason", _("Förslaget är %(suggested)s. Skriv varför du bedömer %(chosen)s.") % {
                    "suggested": Status(suggestion.status).label, "chosen": Status(chosen).label})
        return data


class FollowupSettingsForm(forms.ModelForm):
    class Meta:
        model = FollowupSettings
        fields = ["tolerance_percent", "rollup_rule", "reminder_days_before"]

    def clean_tolerance_percent(self):
        value = self.cleaned_data["tolerance_percent"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(_("Ange en procentsats mellan 0 och 100."))
        return value
