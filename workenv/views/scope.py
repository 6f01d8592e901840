"""The scope SAM's pages share: the year of `?ar=` and the unit of `?enhet=` (VIEW there,
another region's a 404), or the user's highest unit."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from regionplan.models import OrgUnit
from regionplan.params import YEARS
from regionplan.permissions import Action, require, units_in_scope


def year_param(request, today, params=None) -> int:
    """The year of `ar` in the query (or in `params`, a form's POST), else this year; a
    year outside the app's range is a 404."""
    raw = (request.GET if params is None else params).get("ar", "")
    if not raw:
        return today.year
    try:
        year = int(raw)
    except ValueError:
        raise Http404 from None
    if year not in YEARS:
        raise Http404
    return year


def unit_param(request):
    """The unit of `?enhet=` (VIEW there, another region's a 404), or the user's highest."""
    raw = request.GET.get("enhet", "")
    if raw:
        if not (raw.isascii() and raw.isdigit()):
            raise Http404
        unit = get_object_or_404(OrgUnit.objects.all(), pk=int(raw))
        require(request, Action.VIEW, unit)
        return unit
    return units_in_scope(request.roles, Action.VIEW).order_by("depth", "path").first()
