"""Forms of follow-up: one row of "Min uppföljning" (its fields depend on the item's level),
the region's follow-up settings, an import upload and a data source."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from followup.imports.sources import check_connection_url, check_query
from followup.imports.valuerules import parse_id_list, parse_years
from followup.models import DataSource, FollowupSettings, ImportJob, MeasureValue
from followup.rules import fill_total, needs_overrule_reason, total_is_sum
from goals.rules import Levels
from regionplan import outbound
from regionplan.numbers import format_number, parse_number
from regionplan.status import Status

SEX_LABELS = dict(MeasureValue.SEX_CHOICES)


class ReportForm(forms.Form):
    """Status, comment, values per sex (measures), percent complete (activities), finished
    (activities and assignments), and the version the form was read at."""

    status = forms.ChoiceField(label=_("Bedömning"), choices=Status.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000
    )
    overrule_reason = forms.CharField(
        label=_("Skäl till annan bedömning än förslaget"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, row, suggest_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.suggest_for = suggest_for
        level = row.item.level
        prefix = f"r{row.key}"
        self.prefix = prefix
        assessment = row.assessment
        self.initial.update(
            {
                "status": assessment.status if assessment else Status.NOT_ASSESSED,
                "comment": assessment.comment if assessment else "",
                "overrule_reason": assessment.overrule_reason if assessment else "",
                "version": assessment.version if assessment else 0,
            }
        )
        if level == Levels.ASSIGNMENT:
            self.fields["comment"].label = _("Återrapportering")
        if level == Levels.MEASURE:
            for sex in row.sexes:
                self.fields[f"value_{sex}"] = forms.CharField(
                    label=SEX_LABELS[sex] if row.item.split_by_sex else _("Värde"),
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "value-input"}),
                )
                self.initial[f"value_{sex}"] = format_number(row.values.get(sex))
            if row.item.split_by_sex:
                total = self.fields[f"value_{MeasureValue.TOTAL}"]
                if total_is_sum(row.item.measure_unit):
                    total.help_text = _("Kvinnor + män. Lämnar du fältet tomt räknas det ut när du sparar.")
                    total.widget.attrs["data-total-sum"] = ""
                else:
                    total.help_text = _(
                        "Fyll i totalt själv: för %(unit)s är totalen inte summan av kvinnor och män."
                    ) % {"unit": row.item.measure_unit or _("detta mått")}
        else:
            del self.fields["overrule_reason"]
        if level == Levels.ACTIVITY:
            self.fields["percent_complete"] = forms.IntegerField(
                label=_("Andel klart (%)"), required=False, min_value=0, max_value=100
            )
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
        if self.row.item.split_by_sex and not self.errors:
            total, problem = fill_total(
                self.row.item.measure_unit,
                values.get(MeasureValue.WOMEN),
                values.get(MeasureValue.MEN),
                values.get(MeasureValue.TOTAL),
            )
            if problem:
                self.add_error(f"value_{MeasureValue.TOTAL}", problem)
            values[MeasureValue.TOTAL] = total
        data["values"] = values
        if self.row.item.level == Levels.MEASURE and self.suggest_for and not self.errors:
            suggestion = self.suggest_for(values.get(MeasureValue.TOTAL))
            data["suggestion"] = suggestion
            chosen = data.get("status")
            if needs_overrule_reason(suggestion.status, chosen) and not data.get("overrule_reason", "").strip():
                self.add_error(
                    "overrule_reason",
                    _("Förslaget är %(suggested)s. Skriv varför du bedömer %(chosen)s.")
                    % {"suggested": Status(suggestion.status).label, "chosen": Status(chosen).label},
                )
        return data


class FollowupSettingsForm(forms.ModelForm):
    class Meta:
        model = FollowupSettings
        fields = ["tolerance_percent", "rollup_rule", "reminder_days_before", "reminder_hour", "import_policy"]
        widgets = {"import_policy": forms.RadioSelect}

    def clean_tolerance_percent(self):
        value = self.cleaned_data["tolerance_percent"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(_("Ange en procentsats mellan 0 och 100."))
        return value


class ImportUploadForm(forms.Form):
    """A file of measure values or economy figures; refused before reading when too large
    or of another type (the content is checked again when it is read)."""

    kind = forms.ChoiceField(
        label=_("Vad innehåller filen?"),
        initial=ImportJob.VALUES,
        choices=[
            (ImportJob.VALUES, _("Måttvärden")),
            (ImportJob.ECONOMY, _("Ekonomi: budget, utfall och prognos")),
            (ImportJob.INVESTMENTS, _("Investeringar")),
            (ImportJob.COSTS, _("Kostnader per kostnadsslag (utfall)")),
            (ImportJob.PERSONNEL, _("Personaluppgifter per månad (HR-systemet)")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("Fil (xlsx eller csv)"))
    partial = forms.BooleanField(
        label=_("Läs in de godkända raderna även om några rader har fel"),
        required=False,
        help_text=_("Annars avvisas hela filen vid minsta fel och ingenting ändras."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.VALUE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("Filen är för stor (högst %(mb)s MB).") % {"mb": limit // (1024 * 1024)})
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Filtypen stöds inte: använd .xlsx eller .csv."))
        return upload


def mask_password(url: str) -> str:
    """The address with its password hidden, to show on the page."""
    try:
        parts = urlsplit(url or "")
    except ValueError:  # unreadable: shown as typed, the check says what is wrong
        return url
    if not parts.password:
        return url
    return url.replace(f":{parts.password}@", ":••••••@", 1)


class DataSourceForm(forms.ModelForm):
    """A data source with the fields its kind needs; the warehouse password is never
    shown again (the masked address keeps it)."""

    class Meta:
        model = DataSource
        fields = [
            "name",
            "kind",
            "enabled",
            "partial",
            "connection_url",
            "query",
            "timeout_seconds",
            "base_url",
            "kpis",
            "kolada_ids",
            "years",
            "folder",
            "schedule",
            "run_at",
            "weekday",
        ]
        widgets = {
            "query": forms.Textarea(attrs={"rows": 5, "class": "code"}),
            "kpis": forms.Textarea(attrs={"rows": 2}),
            "kolada_ids": forms.Textarea(attrs={"rows": 2}),
            "run_at": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_url = self.instance.connection_url
        if self.instance.pk:
            self.initial["connection_url"] = mask_password(self.stored_url)
        # The administrator sees what the operator allows before typing an address.
        for name, kind in (("connection_url", "warehouse"), ("base_url", "kolada")):
            field = self.fields[name]
            example = str(field.help_text or "")
            allowed = gettext("Tillåtna värdar: %(hosts)s.") % {"hosts": outbound.describe(kind)}
            field.help_text = f"{example}{'' if not example or example.endswith('.') else '.'} {allowed}".strip()

    def clean_connection_url(self):
        url = self.cleaned_data["connection_url"].strip()
        if self.stored_url and url == mask_password(self.stored_url):
            return self.stored_url
        return url

    def clean_timeout_seconds(self):
        value = self.cleaned_data["timeout_seconds"]
        if not 1 <= value <= 3600:
            raise forms.ValidationError(_("Ange mellan 1 och 3 600 sekunder."))
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DataSource.WAREHOUSE:
            for field, check in (("connection_url", check_connection_url), ("query", check_query)):
                if field in data:
                    problem = check(data[field])
                    if problem:
                        self.add_error(field, problem)
        elif kind == DataSource.KOLADA:
            if not re.match(r"^https?://", data.get("base_url") or ""):
                self.add_error("base_url", _("Ange en adress som börjar med https://."))
            else:
                problem = outbound.check_url("kolada", data["base_url"])
                if problem:
                    self.add_error("base_url", problem)
            if not parse_id_list(data.get("kpis", "")):
                self.add_error("kpis", _("Ange minst ett KPI-id."))
            if not parse_id_list(data.get("kolada_ids", "")):
                self.add_error("kolada_ids", _("Ange minst ett id."))
            _years, problem = parse_years(data.get("years", ""), timezone.localdate().year)
            if problem:
                self.add_error("years", problem)
        elif kind == DataSource.FOLDER:
            folder = (data.get("folder") or "").strip().replace("\\", "/")
            if ".." in folder.split("/") or folder.startswith(("/", "~")):
                self.add_error("folder", _("Ange en undermapp i regionens inkorg, utan .. och utan / först."))
        return data
