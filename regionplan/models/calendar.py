"""The reporting calendar: a region's years and the periods it reports on within them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.periods import period_label, reporting_kinds
from regionplan.tenancy import TenantModel


class ReportingYear(TenantModel):
    """A calendar year in which a region plans and follows up."""

    year = models.PositiveSmallIntegerField(_("år"))

    class Meta:
        verbose_name = _("verksamhetsår")
        verbose_name_plural = _("verksamhetsår")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="reportingyear_unique")]

    def __str__(self):
        return str(self.year)


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Månad")
    TERTIAL = "tertial", _("Tertial")
    YEAR = "year", _("Helår")


class Period(TenantModel):
    """A follow-up period: a month, a tertial (cumulative from January) or the year.

    T1 = January–April, T2 = January–August (delår), T3 = the full year. `code` is the
    form used in files and URLs: ``2022-08``, ``2022-T2``, ``2022``.

    Every year has its months, for values, whatever the region reports on; only the
    region's reporting kinds (`Period.reporting`) have deadlines that anything reads. A
    month of a region that does not report monthly still gets a deadline (the month's end
    plus the region's default days, as if it were reported), so that it is ready should the
    region start reporting monthly; reminders, `current()` and the period pickers skip it.
    """

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="periods", verbose_name=_("år"))
    kind = models.CharField(_("typ"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("nummer"))
    code = models.CharField(_("kod"), max_length=10)
    start = models.DateField(_("från"))
    end = models.DateField(_("till"))
    deadline = models.DateField(_("sista rapportdag"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("perioder")
        ordering = ["start", "end", "kind"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="period_unique_code")]

    def __str__(self):
        return period_label(self.kind, self.start.year, self.number)

    @classmethod
    def reporting(cls, region):
        """The current region's periods of the kinds it reports on (a queryset)."""
        return cls.objects.filter(kind__in=reporting_kinds(region.period_kinds))

    @classmethod
    def current(cls, region, today):
        """The period being reported now, in the current region: of the region's main kind
        (tertial, else year, else month), started, with the nearest deadline not yet
        passed; failing that, the latest one. None when the calendar has none."""
        kinds = reporting_kinds(region.period_kinds)
        main = "tertial" if "tertial" in kinds else "year" if "year" in kinds else "month"
        periods = cls.objects.filter(kind=main, start__lte=today)
        return periods.filter(deadline__gte=today).order_by("deadline").first() or periods.order_by("-end").first()
