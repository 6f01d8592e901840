"""Health endpoint, language switch, security headers."""

import os

import pytest
from django.test import Client
from django.urls import reverse


def test_services_are_the_ones_asked_for(db):
    """Under REQUIRE_SERVICES=1 the suite really runs on PostgreSQL and Redis, not a silent fallback."""
    from django.db import connection

    if os.environ.get("REQUIRE_SERVICES") != "1":
        pytest.skip("REQUIRE_SERVICES is not set")
    assert connection.vendor == "postgresql"
    assert os.environ.get("REDIS_URL")


def test_health_reports_database_and_broker(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    data = response.json()
    assert data["database"] == "ok"
    assert data["broker"] in {"ok", "in-process"}


def test_language_switch_to_english_and_back(world):
    client = world.client("admin")
    assert 'lang="sv"' in client.get("/alfa/").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/alfa/"})
    html = client.get("/alfa/").content.decode()
    assert 'lang="en"' in html
    assert "Organisation" in html and "Your roles" in html
    client.post(reverse("set_language"), {"language": "sv", "next": "/alfa/"})
    assert "Dina roller" in client.get("/alfa/").content.decode()


def test_swedish_even_when_the_browser_asks_for_english(world):
    html = world.client("admin").get("/alfa/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="sv"' in html and "Dina roller" in html


def test_security_headers_and_no_third_party_assets(world):
    response = world.client("admin").get("/alfa/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    html = response.content.decode()
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "/static/django_htmx/htmx-2" in html


def test_user_text_is_escaped(world):
    from regionplan.models import OrgUnit
    from regionplan.tenancy import region_scope

    with region_scope(world.alfa):
        unit = OrgUnit.objects.get(pk=world.units["DIV"].pk)
        unit.name = '<script>alert("x")</script>'
        unit.save()
    html = world.client("admin").get("/alfa/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI runs it against the machine's Redis)")
def test_health_sees_the_real_broker(db):
    from django.conf import settings

    assert settings.CELERY_BROKER_URL.startswith("redis://")
    response = Client().get(reverse("health"))
    assert response.json()["broker"] == "ok"


def test_english_catalogue_is_complete_and_compiled(tmp_path):
    """Every Swedish string has an English translation, and the committed .mo matches the .po."""
    import shutil
    import subprocess
    from pathlib import Path

    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    po = Path(__file__).resolve().parents[2] / "regionplan/locale/en/LC_MESSAGES/django.po"
    out = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"), str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in out.stderr and "fuzzy" not in out.stderr, out.stderr
    assert (tmp_path / "x.mo").read_bytes() == po.with_suffix(".mo").read_bytes(), "run compilemessages -l en"


def test_no_model_change_lacks_a_migration(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_pages_and_downloads_are_never_cached(world):
    """A logged-in page, a report's PDF and an import's error file: one person's view of
    a region's data must not stay in a shared cache or behind a shared computer's back button."""
    from tests.view_table import _job, _run

    client = world.client("controller")
    urls = [
        reverse("region_home", args=["alfa"]),
        reverse("run_pdf", args=["alfa", _run(world)["pk"]]),
        reverse("import_job_errors", args=["alfa", _job(world)["pk"]]),
    ]
    for url in [*urls, reverse("login")]:
        response = (client if url in urls else Client()).get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, (url, response["Cache-Control"])


def test_static_files_stay_cacheable(world):
    response = world.client("controller").get("/static/css/app.css")
    assert "no-store" not in response.get("Cache-Control", "")


def test_production_turns_hsts_on_by_default(production_settings):
    production = production_settings(SECURE_HSTS_SECONDS=None, SITE_URL="https://planering.region.se")
    assert production.SECURE_HSTS_SECONDS == 365 * 24 * 60 * 60
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production_settings(SECURE_HSTS_SECONDS="0").SECURE_HSTS_SECONDS == 0


def test_hsts_is_sent_behind_a_tls_proxy(world, settings):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = world.client("admin")
    secure = client.get(reverse("region_home", args=["alfa"]), HTTP_X_FORWARDED_PROTO="https")
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get(reverse("region_home", args=["alfa"]))


def test_debug_is_off_unless_set(production_settings):
    assert production_settings(DEBUG=None).DEBUG is False
    assert production_settings(DEBUG="1").DEBUG is True


def test_manage_py_without_a_secret_key_in_production_says_so_without_a_trace():
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    done = subprocess.run([sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "SECRET_KEY måste sättas" in done.stderr and "export DEBUG=1" in done.stderr
    assert "Traceback" not in done.stderr


def test_one_source_for_the_status_colours():
    """static/css/app.css shows the statuses in the colours of regionplan.status, and the
    PDF's stylesheet is made from them."""
    import re
    from pathlib import Path

    from django.template.loader import render_to_string

    from regionplan.status import STATUS_LOOK, Status

    css = (Path(__file__).resolve().parents[2] / "static/css/app.css").read_text()
    variables = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", css))
    for status, variable in (
        (Status.GREEN, "green"),
        (Status.YELLOW, "yellow"),
        (Status.RED, "red"),
        (Status.NOT_ASSESSED, "grey"),
    ):
        look = STATUS_LOOK[status]
        assert variables[variable].lower() == look.colour, (variable, variables[variable], look.colour)
        assert f".{look.css_class} {{ color: var(--{variable}); }}" in css
    pdf_css = render_to_string("reports/pdf.html", {"content": None})
    for look in STATUS_LOOK.values():
        assert f".{look.css_class} {{ color: {look.colour}; }}" in pdf_css
