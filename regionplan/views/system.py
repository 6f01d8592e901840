"""Health check, error pages and the language switch."""

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def health(request):
    """Database and broker status for the load balancer and operators (no login, no data)."""
    status = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        status["database"] = "error"
    from regionplan.celery import app

    if app.conf.broker_url.startswith("memory://"):
        status["broker"] = "in-process"
    else:
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception:  # noqa: BLE001
            status["broker"] = "error"
    healthy = status["database"] == "ok" and status["broker"] in {"ok", "in-process"}
    return JsonResponse(status, status=200 if healthy else 503)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No request context: whatever broke (the database, say) must not break the error page too.
    return HttpResponseServerError(loader.render_to_string("500.html"))
