"""The region (tenant) and its own settings: unit kinds and which periods it reports on."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import LoadedValuesMixin, TenantModel, current_region_id, region_scope, scope_memo

slug_validator = RegexValidator(
    r"^[a-z][a-z0-9-]{1,48}[a-z0-9]$",
    _("Använd 3–50 gemena bokstäver a–z, siffror och bindestreck; börja med en bokstav."),
)

# Slugs that would collide with the platform's own top-level URLs.
RESERVED_SLUGS = {"konto", "static", "media", "halsa", "i18n", "admin", "api", "health", "login", "logout"}

PERIOD_KIND_CHOICES = [("month", _("Månad")), ("tertial", _("Tertial")), ("year", _("Helår"))]


def default_period_kinds():
    return ["tertial"]


class Region(LoadedValuesMixin, models.Model):
    """A tenant: one Swedish region, completely isolated from the others.

    Its slug is the first segment of every URL that shows its data.
    """

    slug = models.SlugField(_("kortnamn"), max_length=50, unique=True, validators=[slug_validator])
    name = models.CharField(_("namn"), max_length=200)
    period_kinds = models.JSONField(
        _("periodtyper"),
        default=default_period_kinds,
        help_text=_("Vilka perioder regionen följer upp: month, tertial, year."),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("dagar till sista rapportdag"),
        default=14,
        help_text=_("Förval: sista rapportdag räknat från periodens slut."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def current_slug(cls) -> str:
        """The current region's slug, for addresses built outside a view (rows of Min
        uppföljning, mails): one query per request or task, remembered for the scope."""
        memo = scope_memo()
        if "region_slug" not in memo:
            memo["region_slug"] = cls.objects.values_list("slug", flat=True).get(pk=current_region_id())
        return memo["region_slug"]

    @classmethod
    def each(cls):
        """Every region in turn, inside its scope: how the platform's periodic tasks (the
        reminder digests, the data sources, later internal control and SAM) visit them."""
        for region in list(cls.objects.order_by("pk")):
            with region_scope(region):
                yield region


STANDARD_UNIT_KINDS = ["Region", "Nämnd", "Förvaltning", "Division", "Verksamhetsområde", "Enhet"]


class OrgUnitKind(TenantModel):
    """A kind of organisational unit, named by the region (Nämnd, Division, Enhet, ...)."""

    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("enhetstyp")
        verbose_name_plural = _("enhetstyper")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="orgunitkind_unique_name")]

    def __str__(self):
        return self.name
