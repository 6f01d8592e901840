"""Forms of the SAM year: the region's template activity and marking a unit's activity done."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regionplan.forms import DateInput
from workenv import rules_year
from workenv.models import ActivityTemplate, UnitActivity


class ActivityTemplateForm(forms.ModelForm):
    """An activity of the region's year: name, description, from month and due month."""

    class Meta:
        model = ActivityTemplate
        fields = ["name", "description", "start_month", "due_month", "active"]

    def clean(self):
        data = super().clean()
        problem = rules_year.months_problem(data.get("start_month"), data.get("due_month"))
        if problem:
            self.add_error("start_month", problem)
        name = data.get("name")
        if name and ActivityTemplate.objects.filter(name=name).exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("Det finns redan en aktivitet med det namnet."))
        return data


class ActivityDoneForm(forms.ModelForm):
    """Mark a unit's activity done: the date and a comment (no personal data)."""

    class Meta:
        model = UnitActivity
        fields = ["done_on", "comment"]
        widgets = {"done_on": DateInput(), "comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        problem = rules_year.done_problem(done_on, self.instance.year, timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return done_on
