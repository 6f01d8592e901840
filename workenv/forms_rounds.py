"""Forms of checklists and safety rounds."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from workenv import rules_rounds
from workenv.models import Checklist, ChecklistQuestion, RoundAnswer, SafetyRound


class ChecklistForm(forms.ModelForm):
    class Meta:
        model = Checklist
        fields = ["name", "description", "active"]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = ChecklistQuestion
        fields = ["area", "text", "reference", "help_text", "order"]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 2})}


def _person(user) -> str:
    return user.get_full_name() or user.email or user.username


class RoundForm(forms.ModelForm):
    """A new round: checklist, date (not in the future), manager and skyddsombud picked among
    the people who hold those roles on the unit."""

    class Meta:
        model = SafetyRound
        fields = ["checklist", "performed_on", "manager", "safety_rep", "other_participants"]
        widgets = {"performed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, managers=(), safety_reps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].queryset = Checklist.objects.filter(active=True)
        for name, people in (("manager", managers), ("safety_rep", safety_reps)):
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.filter(pk__in=[p.pk for p in people])
            field.label_from_instance = _person
        self.fields["manager"].required = True
        self.fields["safety_rep"].help_text = gettext_lazy("En skyddsrond bör göras tillsammans med skyddsombudet.")

    def clean_performed_on(self):
        performed_on = self.cleaned_data["performed_on"]
        error = rules_rounds.round_date_error(performed_on, timezone.localdate())
        if error:
            raise forms.ValidationError(error)
        return performed_on


class AnswerForm(forms.Form):
    """One question's answer: Ja / Nej / Ej aktuellt and a comment."""

    answer = forms.ChoiceField(
        label=gettext_lazy("Svar"),
        choices=RoundAnswer.ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Välj Ja, Nej eller Ej aktuellt."),
            "invalid_choice": gettext_lazy("Svaret måste vara Ja, Nej eller Ej aktuellt."),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=RoundAnswer._meta.get_field("comment").validators,
    )
