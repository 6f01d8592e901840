"""Forms of the annual follow-up: the region's questions, an answer, the summary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workenv import rules_annual
from workenv.models import AnnualFollowup, AnnualQuestion


class QuestionForm(forms.ModelForm):
    class Meta:
        model = AnnualQuestion
        fields = ["text", "reference", "help_text", "order", "active"]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 3})}


class AnswerForm(forms.Form):
    """One answer: Ja / Delvis / Nej (anything else refused at the field) with a comment."""

    answer = forms.ChoiceField(
        label=_("Svar"),
        choices=[(rules_annual.YES, _("Ja")), (rules_annual.PARTLY, _("Delvis")), (rules_annual.NO, _("Nej"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj Ja, Delvis eller Nej."),
            "invalid_choice": _("Svaret måste vara Ja, Delvis eller Nej."),
        },
    )
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_comment(self):
        from regionplan.personaldata import refuse_personal_data

        comment = self.cleaned_data["comment"]
        refuse_personal_data(comment)
        return comment


class SummaryForm(forms.ModelForm):
    class Meta:
        model = AnnualFollowup
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
