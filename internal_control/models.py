"""Internal control: the region's risk categories now; the risk analysis, the internal-control
plan with its controls and results, and actions come next (see the issues). Imports point
down only (docs/architecture.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel

# A new region's list, from the seeds' risk analyses (shared/seeds/002 Bilaga 16, 003's
# uppföljning av internkontroll); each region keeps and changes its own.
STANDARD_CATEGORIES = [
    ("Efterlevnad regelverk", "Lagar, föreskrifter och regionens egna styrande dokument följs."),
    ("Förtroende", "Allmänhetens och patienternas förtroende för regionen: jäv, mutor, bemötande."),
    ("Finansiell", "Ersättningar, fakturor, budget och prognos."),
    ("Patientsäkerhet", "Vårdskador, hygien och läkemedel."),
    ("Medarbetare", "Kompetensförsörjning, arbetsmiljö och bemanning."),
    ("IT- och informationssäkerhet", "Behörigheter, ändringar i system, dataskydd."),
    ("Lokaler och resurser", "Säkra lokaler, utrustning och medicinteknik."),
]


class RiskCategory(TenantModel):
    """One of the region's risk categories (the risk analysis' "Kategori": Efterlevnad
    regelverk, Förtroende, Finansiell …): the list every unit's risk analysis chooses from.
    A category no longer used is kept but marked inactive, so old analyses keep theirs."""

    name = models.CharField(_("namn"), max_length=100)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(
        _("används"), default=True, help_text=_("En kategori som inte används syns inte i nya riskanalyser.")
    )

    class Meta:
        verbose_name = _("riskkategori")
        verbose_name_plural = _("riskkategorier")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="riskcategory_unique_name")]

    def __str__(self):
        return self.name
