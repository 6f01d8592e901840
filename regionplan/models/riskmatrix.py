"""The region's risk matrix, kept per version (the rules on it: regionplan/riskmatrix.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan import riskmatrix
from regionplan.tenancy import TenantModel


class RiskMatrix(TenantModel):
    """One version of the region's risk matrix: its size, the names and descriptions of
    its levels and each cell's status (`definition`, see regionplan/riskmatrix.py).

    Valuations point at the version they were made on, so a region that changes its
    matrix never changes what an adopted year's valuations meant: a version that an
    adopted analysis uses is not edited, the change becomes the next version
    (`RiskMatrix.current()` is the newest). Internal control and SAM both use it."""

    name = models.CharField(_("namn"), max_length=100, default=_("Riskmatris"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    definition = models.JSONField(_("definition"), default=riskmatrix.default_definition)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("riskmatris")
        verbose_name_plural = _("riskmatriser")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["region", "version"], name="riskmatrix_unique_version")]

    def __str__(self):
        rows, columns = self.size
        return f"{self.name} {rows}×{columns} (version {self.version})"

    @classmethod
    def current(cls):
        """The region's newest matrix, or an unsaved default (4×4) when it has none yet, so
        that reading a page never writes."""
        return cls.objects.order_by("-version").first() or cls()

    @classmethod
    def for_valuation(cls):
        """The newest matrix, saved: what a new analysis is valued on (writes the default
        the first time)."""
        matrix = cls.current()
        if matrix.pk is None:
            matrix.save()
        return matrix

    @property
    def size(self) -> tuple[int, int]:
        return riskmatrix.size(self.definition)

    def status(self, likelihood, impact) -> str:
        return riskmatrix.cell_status(self.definition, likelihood, impact)

    def label(self, likelihood, impact) -> str:
        return riskmatrix.cell_label(self.definition, likelihood, impact)
