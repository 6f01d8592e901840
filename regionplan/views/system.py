"""Health check, error pages and the language switch."""

import logging

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader

log = logging.getLogger(__name__)


def health(request):
    """Database and broker status for the load balancer and operators (no login, no data),
    whether a page's template renders with its static files, and how many background tasks
    have waited more than a minute for the broker."""
    from regionplan import background

    status = {"database": "ok", "broker": background.broker_status(fresh=True)}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["waiting_tasks"] = background.owed_count()
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        status["database"] = "error"
    # A page is a template with static files: without the manifest collectstatic writes,
    # every page is a server error while the database and broker are fine.
    try:
        loader.render_to_string("regionplan/health_probe.html")
        status["templates"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        log.exception("Health check: a template does not render")
        status["templates"] = "error"
    healthy = status["database"] == "ok" and status["broker"] in {"ok", "in-process"} and status["templates"] == "ok"
    return JsonResponse(status, status=200 if healthy else 503)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No request context: whatever broke (the database, say) must not break the error page too.
    return HttpResponseServerError(loader.render_to_string("500.html"))
