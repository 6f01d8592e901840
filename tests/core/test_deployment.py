"""What an installation needs to run as the image runs it (DEBUG off): the health check sees
a page that cannot render, the settings an operator must give, and the Dockerfile's steps."""

from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_health_is_unhealthy_when_pages_cannot_render(db, tmp_path):
    """The manifest storage without a collected manifest: every page is a 500, so /halsa/
    must not say healthy (as it did while the image ran collectstatic with DEBUG on)."""
    # Django's test signals rebuild the static storage when STORAGES changes.
    with override_settings(STORAGES=MANIFEST, STATIC_ROOT=tmp_path, DEBUG=False):
        response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["templates"] == "error"


def test_health_renders_a_template(db):
    assert Client().get(reverse("health")).json()["templates"] == "ok"


@pytest.mark.parametrize(
    "env, secure",
    [
        ({"SITE_URL": "https://planering.region.se"}, True),
        ({"SITE_URL": "http://localhost:8000"}, False),  # compose on a laptop: login must work
        ({"SITE_URL": None}, False),
        ({"SITE_URL": "http://localhost:8000", "SECURE_COOKIES": "1"}, True),
        ({"SITE_URL": "https://planering.region.se", "SECURE_COOKIES": "0"}, False),
    ],
)
def test_secure_cookies_follow_the_sites_address(production_settings, env, secure):
    production = production_settings(**{"SECURE_COOKIES": None, **env})
    assert (production.SESSION_COOKIE_SECURE, production.CSRF_COOKIE_SECURE) == (secure, secure)


def test_csrf_trusts_the_sites_address_by_default(production_settings):
    production = production_settings(SITE_URL="https://p.region.se/", CSRF_TRUSTED_ORIGINS=None)
    assert production.CSRF_TRUSTED_ORIGINS == ["https://p.region.se"]
    assert production.SITE_URL_SET


def test_check_warns_when_site_url_is_unset_in_operation():
    from regionplan.checks import site_url_is_set

    with override_settings(DEBUG=False, SITE_URL_SET=False):
        assert [w.id for w in site_url_is_set(None)] == ["regionplan.W001"]
    with override_settings(DEBUG=False, SITE_URL_SET=True):
        assert site_url_is_set(None) == []


def test_the_image_collects_static_files_as_it_runs_and_owns_its_volume():
    dockerfile = (ROOT / "Dockerfile").read_text()
    collect = next(line for line in dockerfile.splitlines() if "collectstatic" in line)
    assert "DEBUG=0" in collect and "DEBUG=1" not in collect
    assert "/data/media" in dockerfile and "chown -R regionplan /app /data" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"media", "inkorg", "staticfiles", ".git"} <= set(ignored)
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "SITE_URL" in compose and "appdata:/data" in compose
