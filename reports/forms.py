"""Forms of the report pages: open a report, write a section, set up a report kind."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import catalogue

MAX_TEXT = 100_000  # characters in one section: about forty pages


class ReportOpenForm(forms.Form):
    """Which report to open: kind, unit and period (the choices are the user's)."""

    kind = forms.ChoiceField(label=gettext_lazy("Rapport"))
    unit = forms.ChoiceField(label=gettext_lazy("Enhet"))
    period = forms.ChoiceField(label=gettext_lazy("Period"))

    def __init__(self, *args, kinds, units, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.name) for k in kinds]
        self.fields["unit"].choices = [(u.pk, "\u2003" * u.depth + u.name) for u in units]
        self.fields["period"].choices = [(p.code, str(p)) for p in periods]


class SectionForm(forms.Form):
    """A section's text (Markdown) and its "klar" mark, with the version it was read at."""

    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=gettext_lazy(
            "Formatering: ## Rubrik, **fetstil**, - punktlista, 1. numrerad lista, "
            "[länktext](https://adress). Sparas automatiskt medan du skriver."
        ),
    )
    done = forms.BooleanField(label=gettext_lazy("Avsnittet är klart"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_text(self):
        # (A NUL character is refused by Django's own validator before this.)
        return self.cleaned_data["text"].replace("\r\n", "\n")


class KindForm(forms.Form):
    """A report kind: its name, the tertial it follows up, its standard sections and the
    region's own narrative sections (one title per line)."""

    name = forms.CharField(label=gettext_lazy("Namn"), max_length=100)
    tertial = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        coerce=int,
        choices=[
            (1, gettext_lazy("Tertial 1")),
            (2, gettext_lazy("Tertial 2 (delår)")),
            (3, gettext_lazy("Tertial 3 (helår)")),
        ],
    )
    sections = forms.MultipleChoiceField(
        label=gettext_lazy("Avsnitt"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(s.key, s.title) for s in catalogue.sections()],
    )
    own_sections = forms.CharField(
        label=gettext_lazy("Egna textavsnitt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "En rubrik per rad, t.ex. ”Uppföljning av internkontroll”. De kommer efter Sammanfattning "
            "i den ordning de står."
        ),
    )

    def clean_own_sections(self):
        titles = [line.strip() for line in self.cleaned_data["own_sections"].splitlines() if line.strip()]
        for number, title in enumerate(titles, start=1):
            if len(title) > 200:
                raise forms.ValidationError(_("Rad %(n)s: högst 200 tecken.") % {"n": number})
        if len({t.lower() for t in titles}) != len(titles):
            raise forms.ValidationError(_("Samma rubrik står två gånger."))
        return titles

    def clean(self):
        data = super().clean()
        if not data.get("sections") and not data.get("own_sections"):
            raise forms.ValidationError(_("Välj minst ett avsnitt."))
        return data


class ReaderSettingsForm(forms.ModelForm):
    """What readers see: comments before the report is approved, or not."""

    class Meta:
        from reports.models import ReaderSettings

        model = ReaderSettings
        fields = ["readers_see_drafts"]
