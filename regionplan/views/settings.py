"""The region's settings: period kinds, default deadline, and the kinds of units it names."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan.forms import OrgUnitKindForm, RegionSettingsForm
from regionplan.models import OrgUnit, OrgUnitKind, ReportingYear
from regionplan.orgtree import ensure_year
from regionplan.permissions import WHOLE_REGION, Action, require
from regionplan.views.common import form_data


def _page(request, settings_form=None, kind_form=None, status=200):
    kinds = OrgUnitKind.objects.order_by("order", "name")
    used = set(OrgUnit.objects.values_list("kind_id", flat=True).distinct())
    return render(
        request,
        "regionplan/region_settings.html",
        {
            "settings_form": settings_form or RegionSettingsForm(instance=request.region),
            "kind_form": kind_form or OrgUnitKindForm(),
            "kinds": [(k, k.pk in used) for k in kinds],
        },
        status=status,
    )


def region_settings(request, region_slug):
    require(request, Action.ADMINISTER, WHOLE_REGION)
    if request.method != "POST":
        return _page(request)
    form = RegionSettingsForm(request.POST, instance=request.region)
    if not form.is_valid():
        return _page(request, settings_form=form, status=400)
    with transaction.atomic():
        region = form.save()
        # New period kinds apply to every year already in the calendar; removed kinds keep
        # their existing periods, which may carry follow-up.
        for year in ReportingYear.objects.values_list("year", flat=True):
            ensure_year(region, year)
    messages.success(request, _("Inställningarna är sparade."))
    return redirect("region_settings", region_slug=region_slug)


@require_POST
def kind_create(request, region_slug):
    require(request, Action.ADMINISTER, WHOLE_REGION)
    form = OrgUnitKindForm(request.POST)
    if not form.is_valid():
        return _page(request, kind_form=form, status=400)
    kind = form.save()
    messages.success(request, _("Enhetstypen %(name)s är skapad.") % {"name": kind.name})
    return redirect("region_settings", region_slug=region_slug)


def kind_edit(request, region_slug, pk):
    kind = get_object_or_404(OrgUnitKind.objects.all(), pk=pk)
    require(request, Action.ADMINISTER, WHOLE_REGION)
    form = OrgUnitKindForm(form_data(request), instance=kind)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Enhetstypen är sparad."))
        return redirect("region_settings", region_slug=region_slug)
    return render(request, "regionplan/kind_form.html", {"form": form, "kind": kind})


@require_POST
def kind_delete(request, region_slug, pk):
    kind = get_object_or_404(OrgUnitKind.objects.all(), pk=pk)
    require(request, Action.ADMINISTER, WHOLE_REGION)
    in_use = OrgUnit.objects.filter(kind=kind).count()
    if in_use:
        messages.error(
            request,
            _("%(name)s används av %(n)s enheter och kan inte tas bort. Byt typ på dem först.")
            % {"name": kind.name, "n": in_use},
        )
    else:
        kind.delete()
        messages.success(request, _("Enhetstypen %(name)s är borttagen.") % {"name": kind.name})
    return redirect("region_settings", region_slug=region_slug)
