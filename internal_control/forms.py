"""Forms of internal control."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from internal_control import rules
from internal_control.models import Control, ControlResult, ImpactArea, Risk, RiskAction, RiskCategory
from regionplan import riskmatrix
from regionplan.forms import DateInput, IdsChoiceField, UnitChoiceField
from regionplan.models import OrgUnit, Role
from regionplan.params import parse_int
from regionplan.people import display_name, remember
from regionplan.permissions import holdings
from regionplan.status import look
from regionplan.tenancy import scope_memo


class RegionListForm(forms.ModelForm):
    """An entry of one of the region's lists (risk categories, impact areas): its name,
    unique in the region without regard to case or extra spaces."""

    duplicate_message = _("Regionen har redan en post med det namnet.")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = self._meta.model.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(self.duplicate_message)
        return name


class RiskCategoryForm(RegionListForm):
    """A risk category: its name (unique in the region), description, order and whether it is used."""

    duplicate_message = _("Regionen har redan en riskkategori med det namnet.")

    class Meta:
        model = RiskCategory
        fields = ["name", "description", "order", "active"]


class ImpactAreaForm(RegionListForm):
    """A "Huvudpåverkan på" flag: its name (unique in the region), order and whether it is used."""

    duplicate_message = _("Regionen har redan ett påverkansområde med det namnet.")

    class Meta:
        model = ImpactArea
        fields = ["name", "order", "active"]
        help_texts = {"active": _("Ett område som inte används syns inte i nya riskanalyser.")}


# --- the region's risk matrix -------------------------------------------------------------------

SIZE_CHOICES = [(n, str(n)) for n in range(riskmatrix.MIN_SIZE, riskmatrix.MAX_SIZE + 1)]
AXES = (("likelihood", "l", _("Sannolikhet")), ("impact", "i", _("Konsekvens")))


def _cell_choices():
    """Each status as icon and word, so that the select never shows colour alone."""
    return [(s, f"{look(s).icon} {look(s).label}") for s in riskmatrix.CELL_STATUSES]


class RiskMatrixForm(forms.Form):
    """The region's matrix: its size, each level's name and description, each cell's status.

    The fields of levels and cells follow the matrix's shape: an unbound form the shape of
    `definition`; a bound one the shape the page was shown with (its hidden `rows` and
    `columns`), so a changed size is a separate step ("Ändra storlek", see
    riskmatrix.resize). `base` is the id of the version the page showed: the save refuses
    it unless it is still the newest (internal_control.matrix.save_matrix)."""

    base = forms.CharField(required=False, widget=forms.HiddenInput)
    likelihoods = forms.TypedChoiceField(
        label=_("Antal nivåer av sannolikhet"),
        choices=SIZE_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": _("Välj mellan 3 och 6 nivåer."), "required": _("Välj antal nivåer.")},
    )
    impacts = forms.TypedChoiceField(
        label=_("Antal nivåer av konsekvens"),
        choices=SIZE_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": _("Välj mellan 3 och 6 nivåer."), "required": _("Välj antal nivåer.")},
    )

    def __init__(self, data=None, *, definition: dict, base=None):
        rows, columns = riskmatrix.size(definition)
        initial = {"base": "" if base is None else base, "likelihoods": rows, "impacts": columns}
        for key, short, _label in AXES:
            for n, level in enumerate(definition[key], start=1):
                initial[f"{short}{n}_name"] = level.get("name", "")
                initial[f"{short}{n}_description"] = level.get("description", "")
        for lk, row in enumerate(definition["cells"], start=1):
            for im, value in enumerate(row, start=1):
                initial[f"c{lk}_{im}"] = value
        super().__init__(data, initial=initial)
        self.forged_shape = False
        if data is not None:
            shape = parse_int(data.get("rows")), parse_int(data.get("columns"))
            if all(s is not None and riskmatrix.MIN_SIZE <= s <= riskmatrix.MAX_SIZE for s in shape):
                rows, columns = shape
            else:
                self.forged_shape = True
        self.shape = (rows, columns)
        for _key, short, label in AXES:
            for n in range(1, (rows if short == "l" else columns) + 1):
                # A missing name is reported by riskmatrix.validate, in the matrix's own words.
                self.fields[f"{short}{n}_name"] = forms.CharField(
                    label=_("%(axis)s, nivå %(n)s: namn") % {"axis": label, "n": n}, max_length=60, required=False
                )
                self.fields[f"{short}{n}_description"] = forms.CharField(
                    label=_("%(axis)s, nivå %(n)s: beskrivning") % {"axis": label, "n": n},
                    max_length=300,
                    required=False,
                )
        for lk in range(1, rows + 1):
            for im in range(1, columns + 1):
                self.fields[f"c{lk}_{im}"] = forms.ChoiceField(
                    label=_("Sannolikhet %(l)s, konsekvens %(i)s") % {"l": lk, "i": im},
                    choices=_cell_choices(),
                    error_messages={
                        "invalid_choice": _("Välj Grön, Gul eller Röd."),
                        "required": _("Välj Grön, Gul eller Röd."),
                    },
                )

    # What the page shows -------------------------------------------------------------------

    def _value(self, name):
        """A field's value as shown: what was sent, or the initial value."""
        return self[name].value() or ""

    def levels(self, short: str) -> list[dict]:
        """The rows of an axis' table: level number, shown name, and its two fields."""
        count = self.shape[0] if short == "l" else self.shape[1]
        return [
            {
                "n": n,
                "name": self._value(f"{short}{n}_name"),
                "name_field": self[f"{short}{n}_name"],
                "description_field": self[f"{short}{n}_description"],
            }
            for n in range(1, count + 1)
        ]

    def grid(self) -> list[dict]:
        """The cells' selects laid out as the matrix is drawn: highest likelihood first."""
        rows, columns = self.shape
        return [
            {
                "n": lk,
                "name": self._value(f"l{lk}_name"),
                "cells": [
                    {"field": self[f"c{lk}_{im}"], "status": self._value(f"c{lk}_{im}")} for im in range(1, columns + 1)
                ],
            }
            for lk in range(rows, 0, -1)
        ]

    def size_fields(self) -> list:
        return [self["likelihoods"], self["impacts"]]

    def impact_levels(self) -> list[dict]:
        return self.levels("i")

    def axes_for_page(self) -> list[tuple]:
        """Each axis' caption and level rows, likelihood first."""
        return [(label, self.levels(short)) for _key, short, label in AXES]

    # What the view reads -------------------------------------------------------------------

    def wanted_size(self) -> tuple[int, int] | None:
        """The size chosen in the selects, when both are 3–6 (else None; is_valid says why)."""
        wanted = parse_int(self.data.get("likelihoods")), parse_int(self.data.get("impacts"))
        if all(s is not None and riskmatrix.MIN_SIZE <= s <= riskmatrix.MAX_SIZE for s in wanted):
            return wanted
        return None

    def sent_definition(self) -> dict:
        """What was sent, as a definition of the shown shape, unchecked (for resize)."""
        rows, columns = self.shape
        return {
            key: [
                {
                    "name": " ".join(str(self.data.get(f"{short}{n}_name", "")).split()),
                    "description": str(self.data.get(f"{short}{n}_description", "")).strip(),
                }
                for n in range(1, (rows if short == "l" else columns) + 1)
            ]
            for key, short, _label in AXES
        } | {"cells": [[self.data.get(f"c{lk}_{im}") for im in range(1, columns + 1)] for lk in range(1, rows + 1)]}

    def clean_base(self):
        value = self.cleaned_data["base"]
        if value in ("", None):
            return None
        number = parse_int(value)
        if number is None:
            raise forms.ValidationError(_("Okänd version av riskmatrisen. Läs in sidan igen."))
        return number

    def clean(self):
        cleaned = super().clean()
        if self.forged_shape:
            raise forms.ValidationError(_("Formuläret stämmer inte med matrisens storlek. Läs in sidan igen."))
        if self.errors:
            return cleaned
        for message in riskmatrix.validate(self.definition()):
            self.add_error(None, message)
        return cleaned

    def definition(self) -> dict:
        """The matrix as the form holds it (after is_valid): names with spaces folded."""
        rows, columns = self.shape
        data = self.cleaned_data
        return {
            key: [
                {
                    "name": " ".join(data[f"{short}{n}_name"].split()),
                    "description": data[f"{short}{n}_description"].strip(),
                }
                for n in range(1, (rows if short == "l" else columns) + 1)
            ]
            for key, short, _label in AXES
        } | {"cells": [[data[f"c{lk}_{im}"] for im in range(1, columns + 1)] for lk in range(1, rows + 1)]}


# --- the risk analysis ------------------------------------------------------------------------


def people_for(unit) -> list:
    """Who may be named as a risk's owner, a control's responsible or an action's owner for
    `unit`: the region's active members who report for it (chef, controller, administrator on
    it, or above it with the subtree), by e-mail. The region's role holders are read once per
    request (a page with many rows asks for many units)."""
    memo = scope_memo()
    if "ic_reporters" not in memo:
        memo["ic_reporters"] = holdings([Role.MANAGER, Role.CONTROLLER, Role.ADMINISTRATOR])
        remember(a.user for a in memo["ic_reporters"])
    people = {
        a.user.pk: a.user
        for a in memo["ic_reporters"]
        if a.user.is_active and (a.unit_id == unit.pk or (a.include_subtree and unit.path.startswith(a.unit.path)))
    }
    return sorted(people.values(), key=lambda user: user.email)


class PersonField(forms.ChoiceField):
    """A person among `people` (set after construction), shown by the region's name for them
    and their e-mail; cleans to the user. Its choices come from memory, so a page of many
    rows runs no query per row."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=[], **kwargs)
        self._by_pk: dict[str, object] = {}

    def set_people(self, people) -> None:
        self._by_pk = {str(user.pk): user for user in people}
        self.choices = [("", "–")] + [(str(user.pk), self.label_for(user)) for user in people]

    @staticmethod
    def label_for(user) -> str:
        name = display_name(user)
        return name if name == user.email else f"{name} ({user.email})"

    def prepare_value(self, value):
        return str(getattr(value, "pk", value) or "")

    def valid_value(self, value):
        return str(value) in self._by_pk

    def clean(self, value):
        value = super().clean(value)
        return self._by_pk.get(str(value)) if value else None


NOT_VALUED = ""


def cell_value(likelihood, impact) -> str:
    """A valuation as the form sends it: "3-4" (likelihood 3, impact 4), or "" when not valued."""
    return f"{likelihood}-{impact}" if likelihood and impact else NOT_VALUED


class MatrixChoiceField(forms.ChoiceField):
    """A valuation on the analysis' matrix: one radio per cell (a grid laid out as the matrix,
    keyboard-reachable as one radio group) and "Ej värderad". Cleans to (likelihood, impact)
    or (None, None); a cell outside the matrix is refused at the field."""

    widget = forms.RadioSelect

    def __init__(self, definition: dict, **kwargs):
        self.definition = definition
        rows, columns = riskmatrix.size(definition)
        choices = [(NOT_VALUED, _("Ej värderad"))] + [
            (cell_value(lk, im), riskmatrix.cell_label(definition, lk, im))
            for lk in range(rows, 0, -1)
            for im in range(1, columns + 1)
        ]
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)
        self.error_messages["invalid_choice"] = _(
            "Välj en ruta i matrisen (sannolikhet 1–%(rows)s, konsekvens 1–%(columns)s) eller Ej värderad."
        ) % {"rows": rows, "columns": columns}

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return (None, None)
        likelihood, impact = (int(part) for part in value.split("-"))
        return (likelihood, impact)


class RiskForm(forms.ModelForm):
    """A risk of a unit's analysis: what it is, what it affects, today's handling, what in the
    year's plan it threatens, its owner and its valuations brutto, netto and target on the
    analysis' matrix. Lists offer the region's active entries (and the risk's own inactive ones)."""

    BY_NET = "net"
    VALUATIONS = (
        ("gross", _("Brutto: utan åtgärder")),
        ("net", _("Netto: med befintliga åtgärder")),
        ("target", _("Mål")),
    )

    class Meta:
        model = Risk
        fields = [
            "number",
            "name",
            "description",
            "category",
            "impacts",
            "consequence",
            "existing_measures",
            "governing_documents",
            "threatens",
            "owner",
            "change",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "consequence": forms.Textarea(attrs={"rows": 2}),
            "existing_measures": forms.Textarea(attrs={"rows": 3}),
            "governing_documents": forms.Textarea(attrs={"rows": 2}),
            "impacts": forms.CheckboxSelectMultiple,
            "threatens": forms.CheckboxSelectMultiple,
        }
        field_classes = {"impacts": IdsChoiceField, "threatens": IdsChoiceField}

    owner = PersonField(label=_("Riskägare"))

    def __init__(self, *args, analysis, threatened_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysis = analysis
        self.definition = analysis.matrix.definition
        own = self.instance if self.instance.pk else None
        self.fields["category"].queryset = RiskCategory.objects.filter(
            Q(active=True) | Q(pk=getattr(own, "category_id", None))
        )
        self.fields["impacts"].queryset = ImpactArea.objects.filter(
            Q(active=True) | Q(pk__in=[a.pk for a in own.impacts.all()] if own else [])
        )
        self.fields["threatens"].queryset = threatened_items
        self.fields["threatens"].label_from_instance = lambda item: f"{item.code} {item.name}".strip()
        self.fields["owner"].set_people(people_for(analysis.unit))
        self.fields["number"].help_text = _("Riskens nummer i analysen.")
        self.fields["in_plan"] = forms.ChoiceField(
            label=_("I internkontrollplanen"),
            choices=[
                (self.BY_NET, _("Efter nettovärdet: ja om det är rött eller gult")),
                ("yes", _("Ja")),
                ("no", _("Nej")),
            ],
            initial=self.BY_NET if own is None else ("yes" if own.in_plan else "no"),
            help_text=_("Risker i planen får ett eller flera kontrollmoment som följs upp under året."),
        )
        if not self.instance.copied_from_id:
            self.fields["change"].choices = [("", "–"), (Risk.NEW, Risk.CHANGE_CHOICES[0][1])]
        for key, label in self.VALUATIONS:
            self.fields[key] = MatrixChoiceField(
                self.definition,
                label=label,
                initial=cell_value(
                    getattr(self.instance, f"{key}_likelihood"), getattr(self.instance, f"{key}_impact")
                ),
            )

    def grids(self) -> list[dict]:
        """Each valuation as the matrix it is chosen on: rows of (cell, radio), highest
        likelihood first, with the level names for the axes."""
        rows, columns = riskmatrix.size(self.definition)
        result = []
        for key, label in self.VALUATIONS:
            field = self[key]
            radios = {widget.data["value"]: widget for widget in field}
            grid = [
                [(cell, radios[cell_value(cell.likelihood, cell.impact)]) for cell in row]
                for row in riskmatrix.grid(self.definition, riskmatrix.counts([]))
            ]
            result.append(
                {
                    "field": field,
                    "label": label,
                    "none": radios[NOT_VALUED],
                    "rows": grid,
                    "likelihood": self.definition["likelihood"],
                    "impact": self.definition["impact"],
                }
            )
        return result

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Risk.objects.filter(analysis=self.analysis, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Analysen har redan en risk med nummer %(n)s.") % {"n": number})
        return number

    def clean(self):
        data = super().clean()
        gross, net = data.get("gross"), data.get("net")
        if gross and net and not rules.netto_not_above_brutto(gross, net):
            self.add_error(
                "net",
                _(
                    "Nettovärdet kan inte vara högre än bruttovärdet: de befintliga åtgärderna sänker "
                    "sannolikheten eller konsekvensen, de höjer dem inte."
                ),
            )
        return data

    def save(self, commit=True):
        risk = super().save(commit=False)
        risk.analysis = self.analysis
        for key, _label in self.VALUATIONS:
            likelihood, impact = self.cleaned_data.get(key) or (None, None)
            setattr(risk, f"{key}_likelihood", likelihood)
            setattr(risk, f"{key}_impact", impact)
        choice = self.cleaned_data["in_plan"]
        if choice == self.BY_NET:
            risk.in_plan = rules.chosen_by_default(self.analysis.matrix.status(risk.net_likelihood, risk.net_impact))
        else:
            risk.in_plan = choice == "yes"
        if commit:
            risk.save()
            self.save_m2m()
        return risk


class ControlForm(forms.ModelForm):
    """A kontrollmoment of a risk in the plan: what is checked, how, how often, by whom, where."""

    class Meta:
        model = Control
        fields = ["what", "method", "sample", "frequency", "due_on", "unit", "responsible", "order"]
        widgets = {"due_on": DateInput()}
        field_classes = {"unit": UnitChoiceField}

    responsible = PersonField(label=_("Ansvarig"))

    def __init__(self, *args, risk, **kwargs):
        super().__init__(*args, **kwargs)
        self.risk = risk
        unit = risk.analysis.unit
        self.fields["unit"].queryset = OrgUnit.objects.filter(path__startswith=unit.path).order_by("path")
        self.fields["unit"].initial = self.fields["unit"].initial or unit.pk
        chosen = self._chosen_unit() or unit
        self.fields["responsible"].set_people(people_for(chosen))
        self.fields["sample"].help_text = _("T.ex. ”10 fakturor” eller ”alla”.")

    def _chosen_unit(self):
        """The unit the form names (bound) or the control's own: whose people may be responsible."""
        pk = self.data.get(self.add_prefix("unit")) if self.is_bound else self.instance.unit_id
        try:
            return OrgUnit.objects.filter(pk=int(pk)).first() if pk else None
        except (TypeError, ValueError):
            return None

    def clean(self):
        data = super().clean()
        due, frequency = data.get("due_on"), data.get("frequency")
        year = self.risk.analysis.year
        if due and due.year != year:
            self.add_error("due_on", _("Datumet ska ligga i analysens år, %(year)s.") % {"year": year})
        if frequency == Control.ONCE and not due:
            self.add_error("due_on", _("Ange när en kontroll som görs en gång ska vara gjord."))
        return data

    def save(self, commit=True):
        control = super().save(commit=False)
        control.risk = self.risk
        if commit:
            control.save()
        return control


class AdoptAnalysisForm(forms.Form):
    """The decision that adopts a risk analysis and its internal-control plan."""

    adopted_on = forms.DateField(label=_("Fastställd den"), widget=DateInput())
    decision_ref = forms.CharField(label=_("Beslut"), max_length=100, help_text=_("T.ex. ”RS § 123”."))
    diary_number = forms.CharField(label=_("Diarienummer"), max_length=100, required=False)


# --- results and actions on Min uppföljning -----------------------------------------------------


class ResultForm(forms.Form):
    """The result of one occurrence of a control: the outcome (Utan anmärkning / Mindre /
    Väsentliga brister, or Ej genomförd), when it was done, what was checked and found, and
    for a result with findings the action it needs. Prefixed by the row, so that several
    rows can stand on one page; `version` refuses a save based on an older read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    outcome = forms.ChoiceField(
        label=_("Resultat"), choices=ControlResult.OUTCOME_CHOICES, widget=forms.RadioSelect, required=False
    )
    performed_on = forms.DateField(label=_("Utförd den"), required=False, widget=DateInput())
    checked = forms.CharField(
        label=_("Vad som kontrollerades"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    findings = forms.CharField(
        label=_("Iakttagelser"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad kontrollen visade; vid Ej genomförd: varför. Skriv inga namn på patienter eller medarbetare."),
    )
    action_what = forms.CharField(
        label=_("Åtgärd"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    action_owner = PersonField(label=_("Ansvarig för åtgärden"))
    action_owner_label = forms.CharField(
        label=_("eller ansvarig funktion"), required=False, max_length=200, help_text=_("T.ex. MT-chef.")
    )
    action_deadline = forms.DateField(label=_("Åtgärden klar senast"), required=False, widget=DateInput())

    ACTION_FIELDS = ("action_what", "action_owner", "action_owner_label", "action_deadline")

    def __init__(self, data=None, *, row, today=None):
        super().__init__(data, prefix=row.key)
        self.row = row
        self.today = today
        result = row.result
        self.has_action = bool(result and result.pk and any(True for _ in result.actions.all()))
        self.fields["action_owner"].set_people(people_for(row.control.unit))
        if result is not None:
            self.initial.update(
                {
                    "version": result.version,
                    "outcome": result.outcome,
                    "performed_on": result.performed_on,
                    "checked": result.checked,
                    "findings": result.findings,
                }
            )
        else:
            self.initial["version"] = 0
        if self.has_action:
            for name in self.ACTION_FIELDS:
                del self.fields[name]

    def outcome_options(self) -> list[tuple]:
        """The outcome radios, each with its status look (icon, colour) beside its word."""
        return [(radio, look(rules.outcome_status(radio.data["value"]))) for radio in self["outcome"]]

    def clean(self):
        data = super().clean()
        new_action = bool((data.get("action_what") or "").strip())
        problems = rules.result_problems(
            data.get("outcome", ""),
            data.get("performed_on"),
            data.get("findings", ""),
            self.has_action,
            new_action,
            self.today or timezone.localdate(),
        )
        for name, message in problems.items():
            self.add_error(name if name in self.fields else None, message)
        if new_action:
            if not data.get("action_deadline"):
                self.add_error("action_deadline", _("Ange när åtgärden ska vara klar."))
            if not data.get("action_owner") and not (data.get("action_owner_label") or "").strip():
                self.add_error("action_owner", _("Ange vem som ansvarar för åtgärden (en person eller en funktion)."))
        return data


class ActionFollowupForm(forms.Form):
    """An action's follow-up in a period: how far it has come, a comment, and when it was
    done. `seen` is when the period's follow-up was last saved as the form read it, so that a
    save over someone else's newer one is refused instead of lost."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=RiskAction.STATUS_CHOICES, widget=forms.RadioSelect)
    done_on = forms.DateField(label=_("Klar den"), required=False, widget=DateInput())
    comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, row, today=None):
        super().__init__(data, prefix=row.key)
        self.row = row
        self.today = today
        update = row.update
        action = row.action
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
        today = self.today or timezone.localdate()
        if data.get("status") == RiskAction.DONE and not data.get("done_on"):
            data["done_on"] = today
        if data.get("done_on") and data["done_on"] > today:
            self.add_error("done_on", _("En åtgärd kan inte vara klar i framtiden."))
        if data.get("status") != RiskAction.DONE:
            data["done_on"] = None
        return data


class ActionForm(forms.ModelForm):
    """An action for a risk: what, who (a person or a function), by when, how far it has come."""

    class Meta:
        model = RiskAction
        fields = ["what", "owner", "owner_label", "deadline", "status", "done_on"]
        widgets = {"what": forms.Textarea(attrs={"rows": 3}), "deadline": DateInput(), "done_on": DateInput()}

    owner = PersonField(label=_("Ansvarig"))

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].set_people(people_for(unit))

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not (data.get("owner_label") or "").strip():
            self.add_error("owner", _("Ange vem som ansvarar för åtgärden (en person eller en funktion)."))
        if data.get("status") == RiskAction.DONE and not data.get("done_on"):
            data["done_on"] = timezone.localdate()
            self.instance.done_on = data["done_on"]
        if data.get("status") != RiskAction.DONE:
            self.instance.done_on = data["done_on"] = None
        if data.get("done_on") and data["done_on"] > timezone.localdate():
            self.add_error("done_on", _("En åtgärd kan inte vara klar i framtiden."))
        return data


# Evidence a control may carry, by ending: what the file's first bytes must be (a file whose
# content is not what its name says is refused), and the type it is served with.
EVIDENCE_TYPES = {
    ".pdf": ((b"%PDF-",), "application/pdf"),
    ".png": ((b"\x89PNG\r\n\x1a\n",), "image/png"),
    ".jpg": ((b"\xff\xd8\xff",), "image/jpeg"),
    ".jpeg": ((b"\xff\xd8\xff",), "image/jpeg"),
    ".xlsx": ((b"PK\x03\x04",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".docx": ((b"PK\x03\x04",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".txt": ((), "text/plain; charset=utf-8"),
    ".csv": ((), "text/csv; charset=utf-8"),
}


class EvidenceForm(forms.Form):
    """A file as evidence of a control: at most UPLOAD_MAX_BYTES, one of EVIDENCE_TYPES, and
    its content what its name says (rules.evidence_problem)."""

    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, bild (PNG, JPG), Excel, Word eller text. Inga personuppgifter om patienter."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen är för stor (högst %(mb)s MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
            )
        head = upload.read(2048)
        upload.seek(0)
        problem = rules.evidence_problem(upload.name, head, EVIDENCE_TYPES)
        if problem:
            raise forms.ValidationError(problem)
        ending = "." + upload.name.rsplit(".", 1)[-1].lower()
        self.cleaned_data["name"] = upload.name.replace("/", "_").replace("\\", "_")[:200]
        self.cleaned_data["content_type"] = EVIDENCE_TYPES[ending][1]
        return upload
