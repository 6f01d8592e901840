"""The goal hierarchy. For now the perspectives of a region's balanced scorecard;
plans, goals, success factors, measures and activities come with the goals issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel


class Perspective(TenantModel):
    """A perspective of the region's scorecard (Samhälle, Medborgare, Verksamhet, ...)."""

    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("perspektiv")
        verbose_name_plural = _("perspektiv")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="perspective_unique_name")]

    def __str__(self):
        return self.name
