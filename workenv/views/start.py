"""SAM's start page is the SAM dashboard (workenv.views.dashboard)."""

from __future__ import annotations

from workenv.views.dashboard import dashboard


def index(request, region_slug):
    """Where SAM starts: the SAM dashboard for the user's highest unit (or `?enhet=`)."""
    return dashboard(request, region_slug)
