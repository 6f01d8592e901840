"""Forms of incident reports: the report any member of a unit makes, and the manager's
investigation. Free text refuses personal data (the model fields' validator)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regionplan.forms import DateInput, UnitChoiceField, scoped_units
from regionplan.permissions import Action
from workenv import rules_incidents
from workenv.models import Incident


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class IncidentForm(forms.ModelForm):
    """A new incident: the unit among those the reporter has a role in (open ones), kind,
    when, where, what happened, what was done at once, and whether it is serious."""

    unit = UnitChoiceField(queryset=None, label=_("Enhet"))
    occurred_at = forms.DateTimeField(
        label=_("När hände det"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )

    class Meta:
        model = Incident
        fields = ["unit", "kind", "occurred_at", "place", "description", "immediate_action", "serious"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "immediate_action": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": _("Till exempel ”korridoren vid entré B” – inga namn."),
            "description": _(
                "Beskriv vad som hände, inte vem: inga namn, personnummer, e-postadresser eller telefonnummer."
            ),
        }

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["unit"].queryset = scoped_units(roles, Action.VIEW).exclude(valid_to__lt=today)
        self.fields["unit"].error_messages["invalid_choice"] = _("Välj en öppen enhet där du har en roll.")

    def clean(self):
        data = super().clean()
        unit, occurred = data.get("unit"), data.get("occurred_at")
        if unit and occurred:
            problem = rules_incidents.occurred_problem(occurred, timezone.now(), unit.valid_from, unit.valid_to)
            if problem:
                self.add_error("occurred_at", problem)
        return data


class InvestigationForm(forms.ModelForm):
    """The manager's investigation: causes, the Authority report (date and case number) and
    the closing date."""

    class Meta:
        model = Incident
        fields = ["causes", "authority_reported_on", "authority_case_number", "closed_on"]
        widgets = {
            "causes": forms.Textarea(attrs={"rows": 4}),
            "authority_reported_on": DateInput(),
            "closed_on": DateInput(),
        }

    def clean(self):
        data = super().clean()
        incident = self.instance
        today = timezone.localdate()
        occurred_on = timezone.localtime(incident.occurred_at).date()
        problem = rules_incidents.authority_problem(
            data.get("authority_reported_on"), data.get("authority_case_number") or "", occurred_on, today
        )
        if problem:
            self.add_error(
                "authority_reported_on" if data.get("authority_case_number") else "authority_case_number", problem
            )
        problem = rules_incidents.closing_problem(
            data.get("closed_on"), occurred_on, today, incident.serious, data.get("authority_reported_on")
        )
        if problem:
            self.add_error("closed_on", problem)
        return data


class IncidentFilter(forms.Form):
    """The list's filters: unit (with its subtree), kind and year."""

    enhet = forms.IntegerField(required=False)
    typ = forms.ChoiceField(required=False, choices=[("", "")] + Incident.KIND_CHOICES)
    ar = forms.IntegerField(required=False, min_value=2000, max_value=2100)
