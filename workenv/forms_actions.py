"""Forms of the action plan (handlingsplan) and the risk assessments (riskbedömning)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regionplan import riskmatrix
from regionplan.forms import DateInput
from regionplan.models import Role
from regionplan.people import display_name, remember
from regionplan.permissions import holders_by_unit
from regionplan.personaldata import refuse_personal_data
from regionplan.status import Status
from regionplan.tenancy import scope_memo
from workenv import rules_actions
from workenv.models import RiskAssessment, WorkAction, WorkRisk

# Who may own an action: those who keep the unit's SAM (its manager, the controllers and
# administrators above it).
OWNER_ROLES = [Role.MANAGER, Role.CONTROLLER, Role.ADMINISTRATOR]


def owners_for(unit) -> list:
    """The active people with a keeping role on the unit (on it, or above it with the
    subtree), by e-mail, with the region's names loaded: two queries per request."""
    memo = scope_memo()
    key = ("we_owners", unit.pk)
    if key not in memo:
        people = holders_by_unit([unit], OWNER_ROLES)[unit.pk]
        remember(people)
        memo[key] = sorted(people, key=lambda user: user.email)
    return memo[key]


class OwnerField(forms.ChoiceField):
    """A person among those given (`set_people`), shown by the region's name and e-mail;
    cleans to the user. Anyone else is refused at the field."""

    def __init__(self, **kwargs):
        super().__init__(choices=[], **kwargs)
        self._by_pk: dict[str, object] = {}
        self.error_messages["invalid_choice"] = _("Välj en person med en roll på enheten.")

    def set_people(self, people) -> None:
        self._by_pk = {str(user.pk): user for user in people}
        self.choices = [("", "–")] + [(str(u.pk), f"{display_name(u)} ({u.email})") for u in people]

    def prepare_value(self, value):
        return str(getattr(value, "pk", value) or "")

    def valid_value(self, value):
        return str(value) in self._by_pk

    def clean(self, value):
        value = super().clean(value)
        return self._by_pk.get(str(value)) if value else None


class WorkActionForm(forms.ModelForm):
    """An action of a unit's plan: what, why and its source, who, by when, its status, when
    done and the check of its effect. The rules are rules_actions.action_problems."""

    class Meta:
        model = WorkAction
        fields = [
            "what",
            "why",
            "source",
            "owner",
            "deadline",
            "status",
            "done_on",
            "effect_checked_on",
            "effect_note",
        ]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "why": forms.Textarea(attrs={"rows": 2}),
            "deadline": DateInput(),
            "done_on": DateInput(),
            "effect_checked_on": DateInput(),
            "effect_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "done_on": _("En genomförd åtgärd har status Grön och datumet den genomfördes."),
        }

    owner = OwnerField(label=_("Ansvarig"), required=False)

    def __init__(self, *args, unit, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["owner"].set_people(owners_for(unit))
        self.fields["deadline"].required = False  # refused by the rules, with their message
        self.fields["status"].choices = Status.choices

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        problems = rules_actions.action_problems(
            owner=data.get("owner"),
            deadline=data.get("deadline"),
            status=data.get("status") or "",
            done_on=data.get("done_on"),
            effect_checked_on=data.get("effect_checked_on"),
            today=self.today,
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return data


class ActionFollowupForm(forms.Form):
    """An action's follow-up in a period (a row of Min uppföljning): its status, a comment,
    and the day it was done. `seen` is when the period's follow-up was last saved as the form
    read it, so a save over someone else's newer one is refused instead of lost."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    done_on = forms.DateField(label=_("Genomförd den"), required=False, widget=DateInput())
    comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, row, today=None):
        super().__init__(data, prefix=row.key)
        self.row = row
        self.today = today or timezone.localdate()
        update, action = row.update, row.action
        self.initial.update(
            {
                "seen": update.updated_at.isoformat() if update else "",
                "status": update.status if update else action.status,
                "done_on": action.done_on,
                "comment": update.comment if update else "",
            }
        )

    def clean(self):
        data = super().clean()
        if data.get("done_on"):
            if data["done_on"] > self.today:
                self.add_error("done_on", _("En åtgärd kan inte vara genomförd i framtiden."))
            elif data.get("status") and data["status"] != Status.GREEN:
                self.add_error("status", _("En genomförd åtgärd har status Grön."))
        return data

    def clean_comment(self):
        comment = self.cleaned_data.get("comment", "")
        refuse_personal_data(comment)
        return comment


class AssessmentForm(forms.ModelForm):
    """A new or changed risk assessment: its title, reason (and the kind of change when it is
    made ahead of one), description, date and participants."""

    class Meta:
        model = RiskAssessment
        fields = ["title", "reason", "change_kind", "description", "assessed_on", "participants"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "assessed_on": DateInput()}
        help_texts = {"participants": _("Roller, inte namn (t.ex. chef, skyddsombud).")}

    def clean(self):
        data = super().clean()
        reason, kind = data.get("reason"), data.get("change_kind")
        if reason == RiskAssessment.CHANGE and not kind:
            self.add_error("change_kind", _("Ange vilken förändring riskbedömningen görs inför."))
        elif reason and reason != RiskAssessment.CHANGE:
            data["change_kind"] = ""
        if reason == RiskAssessment.ROUND and not self.instance.safety_round_id:
            self.add_error("reason", _("Starta en riskbedömning från skyddsrond från själva skyddsronden."))
        if reason == RiskAssessment.INCIDENT and not self.instance.incident_id:
            self.add_error("reason", _("Starta en riskbedömning från tillbud eller skada från själva händelsen."))
        if data.get("assessed_on") and data["assessed_on"] > timezone.localdate():
            self.add_error("assessed_on", _("Datumet kan inte ligga i framtiden."))
        return data


def cell_value(likelihood, impact) -> str:
    """A valuation as the form sends it: "3-4", or "" when not valued."""
    return f"{likelihood}-{impact}" if likelihood and impact else ""


class WorkRiskForm(forms.ModelForm):
    """A risk of an assessment: what can happen, its valuation on the assessment's matrix
    (one choice per cell, named in words) and the measures decided."""

    class Meta:
        model = WorkRisk
        fields = ["hazard", "measures"]
        widgets = {"hazard": forms.Textarea(attrs={"rows": 2}), "measures": forms.Textarea(attrs={"rows": 3})}

    valuation = forms.ChoiceField(label=_("Värdering (sannolikhet × konsekvens)"), required=False)

    def __init__(self, *args, definition: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        rows, columns = riskmatrix.size(definition)
        self.fields["valuation"].choices = [("", _("Ej värderad"))] + [
            (cell_value(lk, im), riskmatrix.cell_label(definition, lk, im))
            for lk in range(rows, 0, -1)
            for im in range(1, columns + 1)
        ]
        self.fields["valuation"].error_messages["invalid_choice"] = _(
            "Välj en ruta i matrisen (sannolikhet 1–%(rows)s, konsekvens 1–%(columns)s) eller Ej värderad."
        ) % {"rows": rows, "columns": columns}
        self.initial.setdefault("valuation", cell_value(self.instance.likelihood, self.instance.impact))

    def save(self, commit=True):
        value = self.cleaned_data.get("valuation") or ""
        likelihood, impact = (int(part) for part in value.split("-")) if value else (None, None)
        self.instance.likelihood, self.instance.impact = likelihood, impact
        return super().save(commit=commit)
