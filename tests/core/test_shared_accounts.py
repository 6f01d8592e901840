"""An account shared by two regions: each region sees only what it gave the person — the
e-mail it typed, its roles and its own name for them — never the name the other region
gave, and nothing that confirms the account exists elsewhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regionplan import people
from regionplan.models import Member, Role, User
from regionplan.orgtree import grant_role
from regionplan.tenancy import region_scope

SHARED = "anna.delad@region.test"
BETA_NAME = "Anna Betasson (Beta)"


@pytest.fixture
def shared(world):
    """Beta made the account first and named it."""
    with region_scope(world.beta):
        user, *_ = grant_role(SHARED, Role.MANAGER, world.beta_units["DIV"], True, full_name=BETA_NAME)
    return user


def grant_in_alfa(world, name=""):
    return world.client("admin").post(
        reverse("role_grant", args=["alfa"]),
        {"email": SHARED, "full_name": name, "role": Role.MANAGER, "unit": world.units["VO1"].pk},
        follow=True,
    )


def test_alfa_never_sees_the_name_beta_gave(world, shared):
    page = grant_in_alfa(world).content.decode()
    assert BETA_NAME not in page and SHARED in page
    client = world.client("admin")
    for url in (reverse("user_list", args=["alfa"]), reverse("unit_detail", args=["alfa", world.units["VO1"].pk])):
        html = client.get(url).content.decode()
        assert BETA_NAME not in html, url
        assert SHARED in html, url


def test_each_region_shows_its_own_name_for_the_person(world, shared):
    grant_in_alfa(world, name="Anna A. (Alfa)")
    alfa = world.client("admin").get(reverse("user_list", args=["alfa"])).content.decode()
    assert "Anna A. (Alfa)" in alfa and BETA_NAME not in alfa
    beta = world.client("outsider").get(reverse("user_list", args=["beta"])).content.decode()
    assert BETA_NAME in beta and "Anna A. (Alfa)" not in beta
    assert User.objects.get(email=SHARED).full_name == BETA_NAME  # the account itself is untouched


def test_the_name_in_every_other_place_is_the_regions_own(world, shared):
    grant_in_alfa(world)
    user = User.objects.get(email=SHARED)
    with region_scope(world.alfa):
        assert str(user) == SHARED and user.get_full_name() == SHARED and people.region_name(user) == ""
    with region_scope(world.beta):
        assert str(user) == BETA_NAME


def test_the_answer_is_the_same_whether_or_not_the_account_exists(world, shared):
    known = grant_in_alfa(world)
    unknown = world.client("admin").post(
        reverse("role_grant", args=["alfa"]),
        {"email": "helt.ny@region.test", "role": Role.MANAGER, "unit": world.units["VO1"].pk},
        follow=True,
    )
    assert known.status_code == unknown.status_code == 200

    def message(response, email):
        return [str(m).replace(email, "X") for m in response.context["messages"]]

    assert message(known, SHARED) == message(unknown, "helt.ny@region.test")


def test_a_report_writer_list_shows_the_regions_names(world, shared):
    from tests.view_table import make_report

    grant_in_alfa(world)
    report = make_report(world, unit="VO1")
    html = world.client("controller").get(reverse("report_outline", args=["alfa", report.pk])).content.decode()
    assert BETA_NAME not in html


def test_existing_accounts_become_members_with_their_name_only_where_they_began(world, shared):
    """The migration's rule: the account's name goes to the region of its first role."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("regionplan.migrations.0004_region_members")
    grant_in_alfa(world)
    from regionplan.tenancy import all_regions

    with all_regions():
        Member.objects.all().delete()
        migration.members_from_roles(apps, None)
        names = {(m.region.slug, m.user.email): m.full_name for m in Member.objects.select_related("region", "user")}
    assert names[("beta", SHARED)] == BETA_NAME
    assert names[("alfa", SHARED)] == ""
