"""Forms of the core. Dropdowns are narrowed to what the user may touch, as NetBox does."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regionplan.models import (
    OrgUnit,
    OrgUnitKind,
    Period,
    PeriodKind,
    Region,
    Role,
    RoleAssignment,
)
from regionplan.params import parse_int
from regionplan.permissions import Action, units_in_scope


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LoginForm(AuthenticationForm):
    """E-mail and password; the field is still called `username` for Django and Axes."""

    username = forms.EmailField(
        label=_("E-postadress"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    error_messages = {
        "invalid_login": _(
            "Fel e-postadress eller lösenord. Efter flera misslyckade försök spärras inloggningen en stund."
        ),
        "inactive": _("Kontot är inaktiverat."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'– ' * obj.depth}{obj.name} ({obj.code})"


def scoped_units(roles, action: Action):
    return units_in_scope(roles, action).select_related("kind").order_by("path")


class OrgUnitForm(forms.ModelForm):
    """Create or edit a unit. A new unit goes under a unit the administrator manages;
    only the region's first unit (its root) has no parent. Moving is its own form."""

    class Meta:
        model = OrgUnit
        fields = ["code", "name", "external_code", "kind", "valid_from"]
        widgets = {"valid_from": DateInput()}

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = OrgUnitKind.objects.all()
        if self.instance.pk is None:
            has_root = OrgUnit.objects.filter(parent__isnull=True).exists()
            self.fields["parent"] = UnitChoiceField(
                queryset=scoped_units(roles, Action.ADMINISTER),
                required=has_root,
                label=_("Överordnad enhet"),
                empty_label=None if has_root else _("(ingen – regionens rotenhet)"),
            )
            self.order_fields(["code", "name", "external_code", "kind", "parent", "valid_from"])

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = OrgUnit.objects.filter(code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Koden används redan av %(unit)s.") % {"unit": clash.first().name})
        return code

    def save(self, commit=True):
        if "parent" in self.cleaned_data:
            self.instance.parent = self.cleaned_data["parent"]
        return super().save(commit)


class MoveUnitForm(forms.Form):
    parent = UnitChoiceField(queryset=OrgUnit.objects.none(), label=_("Ny överordnad enhet"))

    def __init__(self, *args, unit: OrgUnit, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = scoped_units(roles, Action.ADMINISTER).exclude(path__startswith=unit.path)


class CloseUnitForm(forms.Form):
    valid_to = forms.DateField(label=_("Sista giltiga dag"), widget=DateInput())

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if not self.is_bound:
            today = timezone.localdate()
            self.initial["valid_to"] = today.replace(month=12, day=31)

    def clean_valid_to(self):
        value = self.cleaned_data["valid_to"]
        if value < self.unit.valid_from:
            raise forms.ValidationError(
                _("Enheten gäller från %(date)s; sista dag kan inte vara tidigare.") % {"date": self.unit.valid_from}
            )
        return value


class UploadForm(forms.Form):
    """A single xlsx/csv file, refused before reading when it is too large or of another type."""

    file = forms.FileField(label=_("Fil (xlsx eller csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen är för stor (högst %(mb)s MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Filtypen stöds inte: använd .xlsx eller .csv."))
        return upload


class GrantRoleForm(forms.Form):
    """Give a person a role on a unit; a new e-mail address creates the account."""

    email = forms.EmailField(label=_("E-postadress"))
    full_name = forms.CharField(
        label=_("Namn"), max_length=200, required=False, help_text=_("Så visas personen i den här regionen.")
    )
    role = forms.ChoiceField(label=_("Roll"), choices=[("", "---------"), *Role.choices])
    unit = UnitChoiceField(queryset=OrgUnit.objects.none(), label=_("Enhet"))
    include_subtree = forms.BooleanField(label=_("Gäller även underliggande enheter"), required=False, initial=True)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped_units(roles, Action.ADMINISTER)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if data.get("email") and data.get("unit") and data.get("role"):
            taken = RoleAssignment.objects.filter(user__email=data["email"], role=data["role"], unit=data["unit"])
            if taken.exists():
                raise forms.ValidationError(_("Personen har redan den rollen på enheten."))
        return data


class AddYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)


class PeriodDeadlineForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ["deadline"]
        widgets = {"deadline": DateInput()}

    def clean_deadline(self):
        value = self.cleaned_data["deadline"]
        if value < self.instance.end:
            raise forms.ValidationError(
                _("Sista rapportdag kan inte ligga före periodens slut (%(end)s).") % {"end": self.instance.end}
            )
        return value


class RegionSettingsForm(forms.ModelForm):
    """The region's own settings: which periods it follows up and the default deadline."""

    period_kinds = forms.MultipleChoiceField(
        label=_("Perioder som följs upp"),
        choices=PeriodKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tertial: T1 jan–apr, T2 jan–aug (delår), T3 helår. Helår används bara utan tertialer."),
    )

    class Meta:
        model = Region
        fields = ["period_kinds", "deadline_days"]

    def clean_deadline_days(self):
        days = self.cleaned_data["deadline_days"]
        if days > 120:
            raise forms.ValidationError(_("Högst 120 dagar efter periodens slut."))
        return days


class OrgUnitKindForm(forms.ModelForm):
    class Meta:
        model = OrgUnitKind
        fields = ["name", "order"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if OrgUnitKind.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Typen %(name)s finns redan.") % {"name": name})
        return name


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows by id, checked as regionplan.params reads ids (ASCII digits, at most 18)
    before the database sees them: a number past bigint is refused at the field, where the
    database would have raised."""

    def _check_values(self, value):
        for pk in value:
            if parse_int(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(pk)[:20]}
                )
        return super()._check_values(value)


def _audited_kinds() -> list[tuple[str, str]]:
    """("app_label.model", its name in plural) of every audited tenant model, by name."""
    from django.apps import apps

    from regionplan.tenancy import TenantModel

    kinds = [
        (m._meta.label_lower, str(m._meta.verbose_name_plural).capitalize())
        for m in apps.get_models()
        if issubclass(m, TenantModel) and m.audited
    ]
    return sorted(kinds, key=lambda kind: kind[1])


class AuditFilterForm(forms.Form):
    """The region's change log filtered: who (name or address, in part), what kind of
    object, what happened, and between which days."""

    vem = forms.CharField(label=_("Vem (namn eller e-post, del av)"), required=False, max_length=200)
    typ = forms.ChoiceField(label=_("Typ av post"), required=False)
    handelse = forms.ChoiceField(label=_("Händelse"), required=False)
    fran = forms.DateField(label=_("Från och med"), required=False, widget=DateInput())
    till = forms.DateField(label=_("Till och med"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        from regionplan.models import AuditEntry

        super().__init__(*args, **kwargs)
        self.fields["typ"].choices = [("", _("Alla typer")), *_audited_kinds()]
        self.fields["handelse"].choices = [("", _("Alla händelser")), *AuditEntry.Action.choices]

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            self.add_error("till", _("Slutdagen kan inte vara före startdagen."))
        return data
