"""Logs an operator can use: every log record carries the request id, the region's slug and
the user's id (or, in a Celery task, the task's id, name and the ids it was given: our tasks
take the ids of their jobs), and each request ends with one line of what it was (method,
path, view, status, duration). In production the lines are JSON (python-json-logger, set in
settings.LOGGING); LOG_FORMAT=text gives plain lines. Errors go to Sentry when SENTRY_DSN
is set (`init_error_reporting`), and nowhere else otherwise.

The request id comes from the proxy's X-Request-ID when it looks like one, else it is made
here, and it is sent back in the response's X-Request-ID so a user's report can be found."""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

_context: ContextVar[dict | None] = ContextVar("log_context", default=None)
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
FIELDS = ("request_id", "region", "user_id", "task_id", "task", "task_args")

request_logger = logging.getLogger("regionplan.request")


def bind(**values) -> None:
    """Add `values` to what the current request's or task's log records carry."""
    _context.set({**(_context.get() or {}), **values})


class ContextFilter(logging.Filter):
    """Puts the current request's or task's context on every record (None where unknown)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _context.get() or {}
        for name in FIELDS:
            if not hasattr(record, name):
                setattr(record, name, context.get(name))
        return True


def request_id_from(header: str | None) -> str:
    """The proxy's request id if it looks like one (no spaces, quotes or newlines to forge
    a log line with), else a new one."""
    if header and _REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """First in the chain: gives the request its id and context, and logs one line when the
    response is made. The region and user are bound when the view is chosen (after the
    region middleware), so what the view logs carries them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        token = _context.set({"request_id": request_id})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            match = getattr(request, "resolver_match", None)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "view": match.view_name if match else None,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    **_who(request),
                },
            )
            return response
        finally:
            _context.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        bind(**_who(request))


def _who(request) -> dict:
    region = getattr(request, "region", None)
    user = getattr(request, "user", None)
    return {
        "region": region.slug if region is not None else None,
        "user_id": user.pk if user is not None and user.is_authenticated else None,
    }


def task_started(task_id=None, task=None, args=None, **kwargs) -> None:
    """Celery's task_prerun: the task's records carry its id, name and the ids it was given."""
    _context.set({"task_id": task_id, "task": getattr(task, "name", None), "task_args": list(args or [])[:5] or None})


def task_finished(**kwargs) -> None:
    _context.set({})


def init_error_reporting(dsn: str | None, environment: str = "production") -> bool:
    """Send errors to Sentry when `dsn` is given (Django and Celery are found by the SDK);
    personal data stays here (no user, cookies or request bodies). Whether it was set up."""
    if not dsn:
        return False
    import sentry_sdk

    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False, max_request_body_size="never")
    return True
