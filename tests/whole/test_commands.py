"""Operator commands: each prints what it did and exits non-zero with a clear message on bad input."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regionplan.models import (
    AuditEntry,
    OrgUnit,
    OrgUnitKind,
    Period,
    Region,
    RoleAssignment,
    User,
)
from regionplan.tenancy import all_regions, region_scope


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_create_region_gets_the_defaults(db):
    out = run("create_region", "jamtland", "Region Jämtland Härjedalen")
    assert "Skapade regionen" in out
    region = Region.objects.get(slug="jamtland")
    with region_scope(region):
        assert list(OrgUnitKind.objects.values_list("name", flat=True)) == [
            "Region",
            "Nämnd",
            "Förvaltning",
            "Division",
            "Verksamhetsområde",
            "Enhet",
        ]
        assert OrgUnit.objects.count() == 0
        assert Period.objects.filter(kind="tertial").count() == 6
        # Months exist as value periods in every calendar, but the region reports by tertial.
        assert Period.objects.filter(kind="month").count() == 24
        assert Period.objects.exclude(kind__in=["tertial", "month"]).count() == 0
        assert set(Period.reporting(region).values_list("kind", flat=True)) == {"tertial"}


@pytest.mark.parametrize(
    "slug, name, fragment",
    [
        ("Jämtland", "Region", "Ogiltigt kortnamn"),
        ("ab", "Region", "Ogiltigt kortnamn"),
        ("konto", "Region", "reserverat"),
        ("jamtland", "  ", "tomt"),
    ],
)
def test_create_region_bad_input(db, slug, name, fragment):
    with pytest.raises(CommandError, match=fragment):
        run("create_region", slug, name)
    assert not Region.objects.exists()


def test_create_region_twice_is_refused(db):
    run("create_region", "jamtland", "Region Jämtland Härjedalen")
    with pytest.raises(CommandError, match="finns redan"):
        run("create_region", "jamtland", "Igen")


def test_import_units_and_add_user_from_the_command_line(db, tmp_path):
    run("create_region", "jamtland", "Region Jämtland Härjedalen")
    f = tmp_path / "org.csv"
    f.write_text(
        "Kod;Namn;Förälder;Typ\nRJH;Region Jämtland Härjedalen;;Region\nRS;Regionstyrelsen;RJH;Nämnd\n",
        encoding="utf-8",
    )
    out = run("import_units", "--region", "jamtland", str(f))
    assert "2 nya enheter" in out
    out = run(
        "add_user",
        "--region",
        "jamtland",
        "--email",
        "Admin@RJH.test",
        "--role",
        "administrator",
        "--unit",
        "RJH",
        "--subtree",
        "--password",
        "ett-langt-losenord-2026",
    )
    assert "Skapade användaren admin@rjh.test" in out
    out = run("add_user", "--region", "jamtland", "--email", "admin@rjh.test", "--role", "lasare", "--unit", "RS")
    assert "fanns redan" in out
    region = Region.objects.get(slug="jamtland")
    with region_scope(region):
        assert RoleAssignment.objects.count() == 2
        entry = AuditEntry.objects.filter(content_type__model="orgunit").first()
        assert entry.actor_label == "kommando import_units"
    assert User.objects.get(email="admin@rjh.test").check_password("ett-langt-losenord-2026")


def test_import_units_rejects_a_bad_file_with_rows(db, tmp_path):
    run("create_region", "jamtland", "Region Jämtland Härjedalen")
    f = tmp_path / "org.csv"
    f.write_text("Kod;Namn;Förälder;Typ\nRJH;Region;;Landsting\n", encoding="utf-8")
    with pytest.raises(CommandError, match="avvisades"):
        run("import_units", "--region", "jamtland", str(f))
    with all_regions():
        assert not OrgUnit.objects.exists()


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["import_units", "--region", "finnsinte", "x.csv"], "finns inte"),
        (["import_units", "--region", "alfa", "/nope/x.csv"], "finns inte"),
        (["add_user", "--region", "alfa", "--email", "x@y.test", "--role", "kung", "--unit", "A-ROOT"], "Okänd roll"),
        (
            ["add_user", "--region", "alfa", "--email", "inte-en-adress", "--role", "chef", "--unit", "A-ROOT"],
            "Ogiltig e-postadress",
        ),
        (
            ["add_user", "--region", "alfa", "--email", "x@y.test", "--role", "chef", "--unit", "B-ROOT"],
            "finns inte i Region Alfa",
        ),
        (
            [
                "add_user",
                "--region",
                "alfa",
                "--email",
                "x@y.test",
                "--role",
                "chef",
                "--unit",
                "A-ROOT",
                "--password",
                "123",
            ],
            "godtas inte",
        ),
    ],
)
def test_command_bad_input(world, args, fragment):
    users_before = User.objects.count()
    with pytest.raises(CommandError, match=fragment):
        run(*args)
    assert User.objects.count() == users_before


def test_role_names_swedish_and_ascii(world):
    from regionplan.models.roles import parse_role

    assert [
        parse_role(r) for r in ("administratör", "Administrator", "läsare", "lasare", "chef", "CONTROLLER", "boss")
    ] == ["administrator", "administrator", "lasare", "lasare", "chef", "controller", None]


def test_seed_demo_is_idempotent_and_reset_starts_over(db):
    run("seed_demo")
    with all_regions():
        counts = (OrgUnit.objects.count(), RoleAssignment.objects.count(), Period.objects.count())
    run("seed_demo")
    with all_regions():
        assert (OrgUnit.objects.count(), RoleAssignment.objects.count(), Period.objects.count()) == counts
    assert set(Region.objects.values_list("slug", flat=True)) == {"norrbotten", "vasternorrland"}
    chef = User.objects.get(email="chef@norrbotten.demo")
    assert chef.check_password("regionplan-demo")
    with region_scope(Region.objects.get(slug="norrbotten")):
        assignment = RoleAssignment.objects.get(user=chef)
        assert assignment.unit.name == "Division Regionstöd" and assignment.include_subtree
        assert OrgUnit.objects.get(code="DRS-SJR").parent.code == "DRS"
    run("seed_demo", "--reset")
    with all_regions():
        assert (OrgUnit.objects.count(), RoleAssignment.objects.count(), Period.objects.count()) == counts
