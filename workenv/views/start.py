"""SAM's start page: the parts of the work-environment management for the units the user
sees (the annual follow-up part turns it into the SAM dashboard)."""

from __future__ import annotations

from django.shortcuts import render

from regionplan.permissions import Action, require, units_in_scope


def index(request, region_slug):
    """Where SAM starts: the units the user may see and the parts of SAM."""
    require(request, Action.VIEW)
    units = list(units_in_scope(request.roles, Action.VIEW).select_related("kind").order_by("path"))
    return render(request, "workenv/index.html", {"units": units})
