"""The reporting calendar: years, periods and their deadlines."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from regionplan.forms import AddYearForm, PeriodDeadlineForm
from regionplan.models import Period
from regionplan.orgtree import ensure_year
from regionplan.periods import reporting_kinds
from regionplan.permissions import WHOLE_REGION, Action, can, require
from regionplan.views.common import form_data


def calendar(request, region_slug):
    """The region's reporting periods per year, with their deadlines. The months of a region
    that does not report monthly exist too, for values, but are no reporting periods and
    are not listed (the page says so)."""
    require(request, Action.VIEW)
    periods = Period.reporting(request.region).select_related("year").order_by("-year__year", "end", "kind")
    years: dict[int, list] = {}
    for p in periods:
        years.setdefault(p.year.year, []).append(p)
    form = AddYearForm(form_data(request))
    if request.method == "POST":
        require(request, Action.ADMINISTER, WHOLE_REGION)
        if form.is_valid():
            ensure_year(request.region, form.cleaned_data["year"])
            messages.success(request, _("Perioderna för %(year)s finns nu.") % {"year": form.cleaned_data["year"]})
            return redirect("calendar", region_slug=region_slug)
    return render(
        request,
        "regionplan/calendar.html",
        {
            "years": sorted(years.items(), reverse=True),
            "form": form,
            "may_edit": can(request, Action.ADMINISTER, WHOLE_REGION),
            "months_for_values_only": "month" not in reporting_kinds(request.region.period_kinds),
        },
    )


def period_edit(request, region_slug, pk):
    period = get_object_or_404(Period.objects.select_related("year"), pk=pk)
    require(request, Action.ADMINISTER, WHOLE_REGION)
    form = PeriodDeadlineForm(form_data(request), instance=period)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Sista rapportdag för %(period)s är %(date)s.") % {"period": period, "date": period.deadline.isoformat()},
        )
        return redirect("calendar", region_slug=region_slug)
    return render(request, "regionplan/period_form.html", {"form": form, "period": period})
