"""Shared fixtures: two regions and a persona for every kind of user, like Healthchecks'
alice/bob/charlie.

Region "alfa" has the tree  ALFA (root) → NAMND → DIV (division) → {VO1, VO2}, plus
OTHER (a second division). Region "beta" mirrors it. Personas in alfa:

- admin:        administratör on the root, with subtree
- controller:   controller on the root, with subtree
- manager:      chef on DIV with subtree (in scope for DIV, VO1, VO2)
- manager_out:  chef on OTHER with subtree (out of scope for DIV and below)
- reader:       läsare on the root, with subtree (a politician)
- outsider:     administratör of region beta only
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from regionplan import auditing
from regionplan.models import OrgUnit, OrgUnitKind, Region, Role, RoleAssignment, User
from regionplan.orgtree import create_region
from regionplan.tenancy import region_scope


@pytest.fixture
def production_settings(monkeypatch):
    """load(**env): the settings module as it reads with DEBUG=0 and these environment
    variables (None removes one); the real settings are put back afterwards."""
    import importlib

    import regionplan.settings as module

    def load(**env):
        monkeypatch.setenv("DEBUG", "0")
        monkeypatch.setenv("SECRET_KEY", "test")
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return importlib.reload(module)

    yield load
    monkeypatch.undo()
    importlib.reload(module)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path_factory):
    """Uploaded import files and drop folders go to a temporary folder, not the checkout."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.IMPORT_DROP_ROOT = tmp_path_factory.mktemp("inkorg")


@pytest.fixture(autouse=True)
def tasks_in_process():
    """Run Celery tasks in-process in tests, also when REDIS_URL is set; the worker
    test (test_celery_worker.py) turns this off to go through the real broker."""
    from regionplan.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class World:
    """The regions, units and personas of a test."""

    alfa: Region
    beta: Region
    units: dict[str, OrgUnit]
    beta_units: dict[str, OrgUnit]
    users: dict[str, User]

    def client(self, persona: str) -> Client:
        client = Client()
        client.force_login(self.users[persona])
        return client


TREE = [
    ("ROOT", "Region", "Enhet Rot", None),
    ("NAMND", "Nämnd", "Styrelsen", "ROOT"),
    ("DIV", "Division", "Division Stöd", "NAMND"),
    ("VO1", "Verksamhetsområde", "Område Ett", "DIV"),
    ("VO2", "Verksamhetsområde", "Område Två", "DIV"),
    ("OTHER", "Division", "Division Annan", "NAMND"),
]


def build_tree(region: Region, prefix: str) -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    with region_scope(region):
        kinds = {k.name: k for k in OrgUnitKind.objects.all()}
        for key, kind, name, parent in TREE:
            unit = OrgUnit(
                code=f"{prefix}-{key}",
                name=f"{name} {prefix}",
                kind=kinds[kind],
                parent=units[parent] if parent else None,
            )
            unit.save()
            units[key] = unit
    return units


def grant(region, email, role, unit, subtree=True) -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password="x-test-password-1"
    )
    with region_scope(region):
        RoleAssignment.objects.create(user=user, role=role, unit=unit, include_subtree=subtree)
    return user


@pytest.fixture
def world(db) -> World:
    with auditing.acting_as(label="test"):
        alfa = create_region("alfa", "Region Alfa", years=[2025, 2026])
        beta = create_region("beta", "Region Beta", years=[2025, 2026])
        units = build_tree(alfa, "A")
        beta_units = build_tree(beta, "B")
        users = {
            "admin": grant(alfa, "admin@alfa.test", Role.ADMINISTRATOR, units["ROOT"]),
            "controller": grant(alfa, "controller@alfa.test", Role.CONTROLLER, units["ROOT"]),
            "manager": grant(alfa, "chef@alfa.test", Role.MANAGER, units["DIV"]),
            "manager_out": grant(alfa, "chef-annan@alfa.test", Role.MANAGER, units["OTHER"]),
            "reader": grant(alfa, "politiker@alfa.test", Role.READER, units["ROOT"]),
            "outsider": grant(beta, "admin@beta.test", Role.ADMINISTRATOR, beta_units["ROOT"]),
        }
    return World(alfa, beta, units, beta_units, users)


@contextmanager
def demo_seeded_once(django_db_blocker):
    """The demo regions, seeded in a transaction that is rolled back at the end: for a
    module- or class-scoped fixture, so the demo is built once and the other tests still
    start from an empty database. Yields Region Norrbotten."""
    from regionplan import demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with auditing.acting_as(label="test"):
                demo.seed(log=lambda *args: None)
            region = Region.objects.get(slug="norrbotten")
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield region
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
