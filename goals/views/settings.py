"""The region's plan settings and its perspectives."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals.forms import (
    PerspectiveForm,
    PlanSettingsForm,
)
from goals.models import Perspective, PlanItem, PlanSettings
from regionplan.permissions import (
    WHOLE_REGION,
    Action,
    require,
)
from regionplan.views.common import (
    form_data,
    form_status,
)


def plan_settings(request, region_slug):
    """The region's names for its levels, its perspectives and what an adopted plan allows."""
    require(request, Action.PLAN, WHOLE_REGION)
    settings = PlanSettings.current()
    form = PlanSettingsForm(form_data(request), settings=settings)
    if request.method == "POST" and form.is_valid():
        form.apply(settings).save()
        messages.success(request, _("Planinställningarna är sparade."))
        return redirect("plan_settings", region_slug=region_slug)
    return _settings_page(request, form, PerspectiveForm(), status=form_status(request, form))


def _settings_page(request, form, perspective_form, status=200):
    used = set(PlanItem.objects.filter(perspective__isnull=False).values_list("perspective_id", flat=True).distinct())
    perspectives = [(p, p.pk in used) for p in Perspective.objects.order_by("order", "name")]
    settings = PlanSettings.current()
    return render(
        request,
        "goals/plan_settings.html",
        {
            "form": form or PlanSettingsForm(settings=settings),
            "perspective_form": perspective_form,
            "perspectives": perspectives,
        },
        status=status,
    )


@require_POST
def perspective_create(request, region_slug):
    require(request, Action.PLAN, WHOLE_REGION)
    form = PerspectiveForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, None, form, status=400)
    form.save()
    messages.success(request, _("Perspektivet %(name)s är skapat.") % {"name": form.instance.name})
    return redirect("plan_settings", region_slug=region_slug)


@require_POST
def perspective_edit(request, region_slug, pk):
    perspective = get_object_or_404(Perspective.objects.all(), pk=pk)
    require(request, Action.PLAN, WHOLE_REGION)
    form = PerspectiveForm(request.POST, instance=perspective)
    if not form.is_valid():
        return _settings_page(request, None, form, status=400)
    form.save()
    messages.success(request, _("Perspektivet är sparat."))
    return redirect("plan_settings", region_slug=region_slug)


@require_POST
def perspective_delete(request, region_slug, pk):
    perspective = get_object_or_404(Perspective.objects.all(), pk=pk)
    require(request, Action.PLAN, WHOLE_REGION)
    if PlanItem.objects.filter(perspective=perspective).exists():
        messages.error(request, _("%(name)s används av mål och kan inte tas bort.") % {"name": perspective.name})
    else:
        perspective.delete()
        messages.success(request, _("Perspektivet %(name)s är borttaget.") % {"name": perspective.name})
    return redirect("plan_settings", region_slug=region_slug)
