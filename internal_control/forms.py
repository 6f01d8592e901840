"""Forms of internal control."""

from django import forms
from django.utils.translation import gettext_lazy as _

from internal_control.models import RiskCategory


class RiskCategoryForm(forms.ModelForm):
    """A risk category: its name (unique in the region), description, order and whether it is used."""

    class Meta:
        model = RiskCategory
        fields = ["name", "description", "order", "active"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = RiskCategory.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Regionen har redan en riskkategori med det namnet."))
        return name
