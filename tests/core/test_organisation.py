"""The organisation tree: one query for a subtree or ancestors, moves rewrite paths, closing keeps history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regionplan.models import OrgUnit
from regionplan.orgtree import build_tree, close_unit
from regionplan.tenancy import region_scope


def make_chain(world, depth):
    """A chain of `depth` units under DIV, for depth-independence tests."""
    parent, kind, chain = world.units["DIV"], world.units["VO1"].kind, []
    for i in range(depth):
        unit = OrgUnit(code=f"CHAIN-{i}", name=f"Nivå {i}", kind=kind, parent=parent)
        unit.save()
        chain.append(unit)
        parent = unit
    return chain


@pytest.mark.parametrize("depth", [1, 6])
def test_subtree_and_ancestors_are_one_query_whatever_the_depth(world, depth):
    with region_scope(world.alfa):
        chain = make_chain(world, depth)
        deepest = OrgUnit.objects.get(pk=chain[-1].pk)
        div = OrgUnit.objects.get(pk=world.units["DIV"].pk)
        with CaptureQueriesContext(connection) as ctx:
            ancestors = list(deepest.ancestors())
            subtree = list(div.subtree())
        assert len(ctx.captured_queries) == 2
        assert [a.code for a in ancestors][:3] == ["A-ROOT", "A-NAMND", "A-DIV"]
        assert len(ancestors) == 3 + depth - 1
        assert {u.code for u in subtree} >= {"A-DIV", "A-VO1", "A-VO2", chain[-1].code}


def test_move_rewrites_the_whole_subtree(world):
    with region_scope(world.alfa):
        chain = make_chain(world, 3)
        top = OrgUnit.objects.get(pk=chain[0].pk)
        top.parent = OrgUnit.objects.get(pk=world.units["OTHER"].pk)
        top.save()
        deepest = OrgUnit.objects.get(pk=chain[-1].pk)
        other = world.units["OTHER"]
        assert deepest.path.startswith(f"{other.path}{top.pk}/")
        assert deepest.depth == other.depth + 3
        assert not OrgUnit.objects.get(pk=world.units["DIV"].pk).descendants().filter(pk=deepest.pk).exists()


def test_move_under_own_descendant_is_refused_and_changes_nothing(world):
    with region_scope(world.alfa):
        div = OrgUnit.objects.get(pk=world.units["DIV"].pk)
        before = dict(OrgUnit.objects.values_list("pk", "path"))
        div.parent = OrgUnit.objects.get(pk=world.units["VO1"].pk)
        with pytest.raises(ValidationError):
            div.save()
        assert dict(OrgUnit.objects.values_list("pk", "path")) == before


def test_close_unit_closes_open_descendants_and_keeps_them(world):
    with region_scope(world.alfa):
        div = OrgUnit.objects.get(pk=world.units["DIV"].pk)
        closed = close_unit(div, datetime.date(2026, 12, 31))
        assert {u.code for u in closed} == {"A-DIV", "A-VO1", "A-VO2"}
        vo1 = OrgUnit.objects.get(pk=world.units["VO1"].pk)
        assert vo1.is_active(datetime.date(2026, 12, 31))
        assert not vo1.is_active(datetime.date(2027, 1, 1))


def test_build_tree_nests_and_sorts_by_name(world):
    with region_scope(world.alfa):
        roots = build_tree(OrgUnit.objects.all())
    assert [r.unit.code for r in roots] == ["A-ROOT"]
    division_names = [n.unit.name for n in roots[0].children[0].children]
    assert division_names == sorted(division_names)


def test_tree_shows_top_levels_and_loads_deeper_ones_on_demand(world):
    from django.urls import reverse

    client = world.client("reader")
    html = client.get(reverse("org_tree", kwargs={"region_slug": "alfa"})).content.decode()
    assert "Division Stöd A" in html and "Område Ett A" not in html
    children_url = reverse("unit_children", kwargs={"region_slug": "alfa", "pk": world.units["DIV"].pk})
    assert f'hx-get="{children_url}"' in html and "Visa 2 underenheter" in html
    partial = client.get(children_url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<ul class="tree-children">') and "Område Ett A" in partial and "Område Två A" in partial
    # Without JavaScript the same link opens a page with the children.
    page = client.get(children_url).content.decode()
    assert "<html" in page and "Område Ett A" in page


def test_tree_links_only_units_the_user_may_open(world):
    from django.urls import reverse

    html = world.client("manager_out").get(reverse("org_tree", kwargs={"region_slug": "alfa"})).content.decode()
    div_url = reverse("unit_detail", kwargs={"region_slug": "alfa", "pk": world.units["DIV"].pk})
    other_url = reverse("unit_detail", kwargs={"region_slug": "alfa", "pk": world.units["OTHER"].pk})
    assert "Division Stöd A" in html and f'href="{div_url}"' not in html
    assert f'href="{other_url}"' in html


def test_unit_page_links_only_ancestors_the_user_may_open(world):
    from django.urls import reverse

    html = (
        world.client("manager")
        .get(reverse("unit_detail", kwargs={"region_slug": "alfa", "pk": world.units["VO1"].pk}))
        .content.decode()
    )
    root_url = reverse("unit_detail", kwargs={"region_slug": "alfa", "pk": world.units["ROOT"].pk})
    div_url = reverse("unit_detail", kwargs={"region_slug": "alfa", "pk": world.units["DIV"].pk})
    assert "Enhet Rot A" in html and f'href="{root_url}"' not in html
    assert f'href="{div_url}"' in html
