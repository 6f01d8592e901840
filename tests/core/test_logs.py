"""Logs an operator can use (regionplan/logs.py): a JSON line per request with its id, region,
user, view, status and duration; the id sent back and a forged one replaced; records made
inside a request or a Celery task carry their context; Sentry only when a DSN is set."""

import io
import json
import logging
from types import SimpleNamespace

import pytest
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from regionplan import logs


@pytest.fixture
def lines():
    """What the request logger and a test logger write, as parsed JSON lines."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(logs.ContextFilter())
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(region)s %(user_id)s")
    )
    loggers = [logging.getLogger("regionplan.request"), logging.getLogger("tests.logs")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_request_is_one_json_line_with_its_context(world, lines):
    client = world.client("manager")
    response = client.get(reverse("org_tree", args=["alfa"]), HTTP_X_REQUEST_ID="proxy-1234abcd")
    assert response["X-Request-ID"] == "proxy-1234abcd"
    (line,) = [line for line in lines() if line["name"] == "regionplan.request"]
    assert line["request_id"] == "proxy-1234abcd"
    assert (line["region"], line["user_id"]) == ("alfa", world.users["manager"].pk)
    assert (line["method"], line["path"], line["view"], line["status"]) == (
        "GET",
        "/alfa/organisation/",
        "org_tree",
        200,
    )
    assert isinstance(line["duration_ms"], float)


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["x", 'evil" injected', "a\nb" * 5, "ö" * 10, None])
def test_a_forged_or_missing_request_id_is_replaced(world, lines, header):
    extra = {"HTTP_X_REQUEST_ID": header} if header is not None else {}
    response = world.client("reader").get(reverse("org_tree", args=["alfa"]), **extra)
    assert response["X-Request-ID"] != header and len(response["X-Request-ID"]) == 32


def test_records_carry_the_request_or_task_context(lines):
    logger = logging.getLogger("tests.logs")
    token = logs._context.set(None)
    try:
        logs.bind(request_id="r1", region="alfa", user_id=7)
        logger.info("in a view")
        logs.task_started(
            task_id="t-9", task=SimpleNamespace(name="workenv.tasks.import_incident_counts"), args=[3, 2026]
        )
        logger.info("in a task")
        logs.task_finished()
        logger.info("outside")
    finally:
        logs._context.reset(token)
    view, task, outside = lines()
    assert (view["request_id"], view["region"], view["user_id"]) == ("r1", "alfa", 7)
    assert (task["task_id"], task["task"], task["task_args"]) == (
        "t-9",
        "workenv.tasks.import_incident_counts",
        [3, 2026],
    )
    assert task["request_id"] is None and outside["task_id"] is None


def test_sentry_only_with_a_dsn(monkeypatch):
    """Set up with the DSN and without personal data; not at all without one. (The SDK's
    init is replaced here: a real one would instrument Django for the rest of the run.)"""
    import sentry_sdk

    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: calls.append(options))
    assert logs.init_error_reporting(None) is False
    assert logs.init_error_reporting("") is False
    assert calls == []
    assert logs.init_error_reporting("https://public@sentry.example/1", "test") is True
    (options,) = calls
    assert options["dsn"] == "https://public@sentry.example/1" and options["environment"] == "test"
    assert options["send_default_pii"] is False and options["max_request_body_size"] == "never"
