"""Meta-tests: every region URL is in the permission table, and no id of another region
ever answers 200, for every URL pattern that takes an id (found automatically)."""

import itertools

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from regionplan.tenancy import TenantModel, all_regions, region_scope
from tests.plans import build_plans
from tests.view_table import VIEW_CASES

PER_MODEL = 2


def region_patterns():
    """(name, converters) of every URL pattern under /<region_slug>/."""
    found = []

    def walk(patterns, prefix_converters):
        for p in patterns:
            converters = {**prefix_converters, **p.pattern.converters}
            if isinstance(p, URLResolver):
                walk(p.url_patterns, converters)
            elif isinstance(p, URLPattern) and "region_slug" in converters:
                found.append((p.name, {k: v for k, v in converters.items() if k != "region_slug"}))

    walk(get_resolver().url_patterns, {})
    return found


def test_every_region_url_has_permission_tests():
    names = {name for name, _ in region_patterns()}
    covered = {case.name for case in VIEW_CASES}
    assert names - covered == set(), "add these views to tests/view_table.py"


def tenant_models():
    return [m for m in apps.get_models() if issubclass(m, TenantModel)]


def object_patterns():
    return [(name, conv) for name, conv in region_patterns() if conv]


def test_there_are_object_patterns_to_walk():
    assert len(object_patterns()) >= 6


@pytest.mark.parametrize("persona", ["admin", "controller", "manager", "reader"])
def test_no_other_regions_object_is_ever_served(world, persona):
    """Alfa's users ask every id-taking URL for every object that exists only in beta."""
    build_plans(world)
    build_plans(world, world.beta, world.beta_units)
    with all_regions():
        alfa_ids, beta_objects = set(), []
        for model in tenant_models():
            alfa_ids |= set(model.objects.filter(region=world.alfa).values_list("pk", flat=True))
            beta_objects += [(model, pk) for pk in model.objects.filter(region=world.beta).values_list("pk", flat=True)]
        # Ids that only beta uses, so that a 200 can only mean a leak: two of each model
        # (every URL is asked with every model's ids, so the model it expects is among
        # them; all of them made the walk minutes long without finding more).
        taken: dict = {}
        beta_only = []
        for m, pk in beta_objects:
            if pk not in alfa_ids and taken.get(m, 0) < PER_MODEL:
                taken[m] = taken.get(m, 0) + 1
                beta_only.append((m, pk))
        before = {m: list(m.objects.filter(region=world.beta).order_by("pk").values()) for m in tenant_models()}
    assert beta_only
    labels = sorted({m._meta.label_lower for m in tenant_models()})
    client = world.client(persona)
    checked = 0
    for name, converters in object_patterns():
        str_args = [k for k, c in converters.items() if type(c).__name__ == "StringConverter"]
        int_args = [k for k in converters if k not in str_args]
        for (model, pk), str_values in itertools.product(beta_only, itertools.product(labels, repeat=len(str_args))):
            if str_args and model._meta.label_lower not in str_values:
                continue
            kwargs = {
                "region_slug": "alfa",
                **{k: pk for k in int_args},
                **dict(zip(str_args, str_values, strict=True)),
            }
            url = reverse(name, kwargs=kwargs)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                assert response.status_code in {403, 404, 405}, f"{method.upper()} {url} gave {response.status_code}"
                checked += 1
    assert checked > 50
    with all_regions():
        after = {m: list(m.objects.filter(region=world.beta).order_by("pk").values()) for m in tenant_models()}
    assert after == before, "a request from region alfa changed region beta's data"


def test_outsider_gets_404_for_every_region_url(world):
    """Beta's administrator asks for every alfa URL, with alfa's own ids: always 404."""
    with region_scope(world.alfa):
        some_ids = {m: m.objects.values_list("pk", flat=True).first() for m in tenant_models()}
    client = world.client("outsider")
    for name, converters in region_patterns():
        kwargs = {"region_slug": "alfa"}
        for key, conv in converters.items():
            kwargs[key] = "regionplan.orgunit" if type(conv).__name__ == "StringConverter" else world.units["DIV"].pk
        for method in ("get", "post"):
            response = getattr(client, method)(reverse(name, kwargs=kwargs))
            assert response.status_code == 404, f"{method.upper()} {name} gave {response.status_code}"
    assert some_ids
