"""What administrators do in the browser: the right result, and bad input changes nothing."""

import io

from django.core import mail
from django.urls import reverse

from regionplan.models import OrgUnit, Period, RoleAssignment, User
from regionplan.tenancy import region_scope


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def units_snapshot(world):
    with region_scope(world.alfa):
        return sorted(OrgUnit.objects.values_list("code", "name", "parent_id", "path", "valid_to"))


def test_create_unit_and_reject_duplicate_code(world):
    client = world.client("admin")
    div = world.units["DIV"]
    response = client.post(
        url("unit_create"),
        {"code": "A-NY", "name": "Ny enhet", "kind": div.kind_id, "parent": div.pk, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 302
    before = units_snapshot(world)
    response = client.post(
        url("unit_create"),
        {"code": "A-NY", "name": "Dubblett", "kind": div.kind_id, "parent": div.pk, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Koden används redan" in response.content.decode()
    assert units_snapshot(world) == before


def test_unit_form_rejects_other_regions_kind_and_parent(world):
    client = world.client("admin")
    before = units_snapshot(world)
    beta_div = world.beta_units["DIV"]
    response = client.post(
        url("unit_create"),
        {"code": "A-X", "name": "X", "kind": beta_div.kind_id, "parent": beta_div.pk, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Välj ett giltigt alternativ" in html
    assert units_snapshot(world) == before


def test_move_into_own_subtree_is_not_offered_nor_accepted(world):
    client = world.client("admin")
    before = units_snapshot(world)
    response = client.post(url("unit_move", pk=world.units["DIV"].pk), {"parent": world.units["VO1"].pk})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert units_snapshot(world) == before


def test_close_unit_with_date_before_start_is_refused(world):
    client = world.client("admin")
    before = units_snapshot(world)
    response = client.post(url("unit_close", pk=world.units["DIV"].pk), {"valid_to": "1999-12-31"})
    assert response.status_code == 200
    assert "kan inte vara tidigare" in response.content.decode()
    assert units_snapshot(world) == before
    response = client.post(url("unit_close", pk=world.units["DIV"].pk), {"valid_to": "2099-12-31"})
    assert response.status_code == 302
    with region_scope(world.alfa):
        assert OrgUnit.objects.filter(valid_to__isnull=False).count() == 3


def test_import_in_browser_shows_row_errors_and_changes_nothing(world):
    client = world.client("admin")
    before = units_snapshot(world)
    bad = io.BytesIO("Kod;Namn;Förälder;Typ\nX;X;SAKNAS;Enhet\n".encode())
    bad.name = "org.csv"
    response = client.post(url("unit_import"), {"file": bad})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Filen avvisades" in html and "SAKNAS" in html and "Förälder" in html
    assert units_snapshot(world) == before
    good = io.BytesIO("Kod;Namn;Förälder;Typ\nA-E;Enhet E;A-VO1;Enhet\n".encode())
    good.name = "org.csv"
    assert client.post(url("unit_import"), {"file": good}).status_code == 302
    with region_scope(world.alfa):
        assert OrgUnit.objects.get(code="A-E").parent_id == world.units["VO1"].pk


def test_import_refuses_oversized_and_wrong_type_files(world, settings):
    settings.UPLOAD_MAX_BYTES = 10
    client = world.client("admin")
    big = io.BytesIO(b"Kod;Namn;F\xc3\xb6r\xc3\xa4lder;Typ\n" * 5)
    big.name = "org.csv"
    assert "för stor" in client.post(url("unit_import"), {"file": big}).content.decode()
    exe = io.BytesIO(b"MZ")
    exe.name = "org.exe"
    assert "Filtypen stöds inte" in client.post(url("unit_import"), {"file": exe}).content.decode()


def test_grant_role_creates_user_and_sends_welcome_mail(world, django_capture_on_commit_callbacks):
    client = world.client("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("role_grant"),
            {
                "email": "Ny.Chef@Alfa.test",
                "full_name": "Ny Chef",
                "role": "chef",
                "unit": world.units["VO2"].pk,
                "include_subtree": "on",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny.chef@alfa.test")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and "ny.chef@alfa.test" in mail.outbox[0].to
    with region_scope(world.alfa):
        assert RoleAssignment.objects.filter(user=user, unit=world.units["VO2"], role="chef").exists()


def test_grant_role_twice_is_refused_with_message(world):
    client = world.client("admin")
    data = {"email": "chef@alfa.test", "role": "chef", "unit": world.units["DIV"].pk, "include_subtree": "on"}
    response = client.post(url("role_grant"), data)
    assert response.status_code == 400
    assert "redan den rollen" in response.content.decode()


def test_grant_role_on_other_regions_unit_is_refused(world):
    client = world.client("admin")
    response = client.post(
        url("role_grant"), {"email": "x@alfa.test", "role": "chef", "unit": world.beta_units["DIV"].pk}
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="x@alfa.test").exists()


def test_revoke_with_htmx_returns_only_the_table(world):
    with region_scope(world.alfa):
        assignment = RoleAssignment.objects.get(unit=world.units["DIV"])
    response = world.client("admin").post(url("role_revoke", pk=assignment.pk), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="role-table">') and "<html" not in html
    assert "chef@alfa.test" not in html


def test_admin_cannot_remove_own_admin_role(world):
    with region_scope(world.alfa):
        own = RoleAssignment.objects.get(user=world.users["admin"])
    world.client("admin").post(url("role_revoke", pk=own.pk))
    with region_scope(world.alfa):
        assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_calendar_add_year_and_bad_deadline(world):
    client = world.client("admin")
    assert client.post(url("calendar"), {"year": "2030"}).status_code == 302
    with region_scope(world.alfa):
        assert Period.objects.filter(code__startswith="2030-T").count() == 3
        period = Period.objects.get(code="2030-T2")
    response = client.post(url("period_edit", pk=period.pk), {"deadline": "2030-05-01"})
    assert "kan inte ligga före" in response.content.decode()
    response = client.post(url("calendar"), {"year": "tjugotrettio"})
    assert response.status_code == 200 and "heltal" in response.content.decode()
    assert world.client("controller").post(url("calendar"), {"year": "2031"}).status_code == 403


def test_region_switcher_lists_both_regions_for_a_member_of_two(world):
    from tests.conftest import grant

    grant(world.beta, "controller@alfa.test", "controller", world.beta_units["ROOT"])
    html = world.client("controller").get(url("region_home")).content.decode()
    assert "Byt region" in html and "/beta/" in html
    assert world.client("controller").get("/beta/").status_code == 200


def test_home_sends_user_to_their_region(world):
    response = world.client("manager").get("/")
    assert response.status_code == 302 and response["Location"] == "/alfa/"
    lonely = User.objects.create_user(email="ingen@roll.test")
    from django.test import Client

    c = Client()
    c.force_login(lonely)
    response = c.get("/")
    assert response.status_code == 403 and "ingen roll" in response.content.decode()


def test_region_settings_add_month_periods_to_existing_years(world):
    client = world.client("admin")
    response = client.post(url("region_settings"), {"period_kinds": ["tertial", "month"], "deadline_days": "10"})
    assert response.status_code == 302
    with region_scope(world.alfa):
        assert Period.objects.filter(kind="month").count() == 24  # 2025 and 2026
    response = client.post(url("region_settings"), {"deadline_days": "500"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Högst 120 dagar" in html and "Detta fält måste fyllas i" in html


def test_region_settings_change_is_audited_and_readable(world):
    client = world.client("admin")
    client.post(url("region_settings"), {"period_kinds": ["tertial"], "deadline_days": "21"})
    html = client.get(url("object_history", model="regionplan.region", pk=world.alfa.pk)).content.decode()
    assert "14" in html and "21" in html
    assert client.get(url("object_history", model="regionplan.region", pk=world.beta.pk)).status_code == 404


def test_unit_kinds_add_rename_and_delete_only_when_unused(world):
    from regionplan.models import OrgUnitKind

    client = world.client("admin")
    assert client.post(url("kind_create"), {"name": "Sektion", "order": "7"}).status_code == 302
    response = client.post(url("kind_create"), {"name": "sektion", "order": "8"})
    assert response.status_code == 400 and "finns redan" in response.content.decode()
    with region_scope(world.alfa):
        sektion = OrgUnitKind.objects.get(name="Sektion")
    assert client.post(url("kind_edit", pk=sektion.pk), {"name": "Sektion/avdelning", "order": "7"}).status_code == 302
    used = world.units["DIV"].kind
    response = client.post(url("kind_delete", pk=used.pk), follow=True)
    assert "kan inte tas bort" in response.content.decode()
    assert client.post(url("kind_delete", pk=sektion.pk)).status_code == 302
    with region_scope(world.alfa):
        assert OrgUnitKind.objects.filter(pk=used.pk).exists()
        assert not OrgUnitKind.objects.filter(pk=sektion.pk).exists()


def test_reopen_a_closed_unit_but_not_under_a_closed_parent(world):
    client = world.client("admin")
    client.post(url("unit_close", pk=world.units["DIV"].pk), {"valid_to": "2026-12-31"})
    response = client.post(url("unit_reopen", pk=world.units["VO1"].pk), follow=True)
    assert "öppna den först" in response.content.decode()
    client.post(url("unit_reopen", pk=world.units["DIV"].pk))
    with region_scope(world.alfa):
        assert OrgUnit.objects.get(pk=world.units["DIV"].pk).valid_to is None
        assert OrgUnit.objects.get(pk=world.units["VO1"].pk).valid_to is not None


def sub_admin(world, subtree=True):
    """An administrator of DIV only (with or without the units below it)."""
    from django.test import Client

    from tests.conftest import grant

    user = grant(world.alfa, f"sub{int(subtree)}@alfa.test", "administrator", world.units["DIV"], subtree=subtree)
    client = Client()
    client.force_login(user)
    return client


def test_sub_admin_editing_own_top_unit_cannot_detach_it(world):
    client = sub_admin(world)
    div = world.units["DIV"]
    response = client.post(
        url("unit_edit", pk=div.pk),
        {"code": div.code, "name": "Nytt namn", "kind": div.kind_id, "parent": "", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        div = OrgUnit.objects.get(pk=div.pk)
    assert div.name == "Nytt namn" and div.parent_id == world.units["NAMND"].pk
    assert client.get(url("region_settings")).status_code == 403


def test_sub_admin_cannot_create_a_second_root(world):
    client = sub_admin(world)
    before = units_snapshot(world)
    response = client.post(
        url("unit_create"),
        {"code": "A-ROT2", "name": "Rot 2", "kind": world.units["DIV"].kind_id, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200 and "Detta fält måste fyllas i" in response.content.decode()
    assert units_snapshot(world) == before


def test_unit_only_admin_cannot_widen_roles_or_close_the_subtree(world):
    client = sub_admin(world, subtree=False)
    response = client.post(
        url("role_grant"),
        {"email": "ny@alfa.test", "role": "administrator", "unit": world.units["DIV"].pk, "include_subtree": "on"},
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="ny@alfa.test").exists()
    assert (
        client.post(
            url("role_grant"), {"email": "ny@alfa.test", "role": "chef", "unit": world.units["DIV"].pk}
        ).status_code
        == 302
    )
    before = units_snapshot(world)
    assert client.post(url("unit_close", pk=world.units["DIV"].pk), {"valid_to": "2026-12-31"}).status_code == 403
    assert units_snapshot(world) == before


def test_too_deep_unit_gets_a_form_error_not_a_server_error(world):
    from regionplan.models.organisation import MAX_DEPTH

    client = world.client("admin")
    parent = world.units["VO1"]
    with region_scope(world.alfa):
        for i in range(MAX_DEPTH - parent.depth - 1):
            parent = OrgUnit(code=f"DJUP-{i}", name=f"Djup {i}", kind=parent.kind, parent=parent)
            parent.save()
    before = units_snapshot(world)
    response = client.post(
        url("unit_create"),
        {
            "code": "FÖR-DJUP",
            "name": "För djup",
            "kind": parent.kind_id,
            "parent": parent.pk,
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 200 and "högst 12 nivåer" in response.content.decode()
    response = client.post(url("unit_move", pk=world.units["VO2"].pk), {"parent": parent.pk})
    assert response.status_code == 200 and "högst 12 nivåer" in response.content.decode()
    assert units_snapshot(world) == before


def test_role_grant_message_does_not_reveal_existing_accounts(world):
    client = world.client("admin")
    known = client.post(
        url("role_grant"), {"email": "admin@beta.test", "role": "lasare", "unit": world.units["VO1"].pk}, follow=True
    )
    new = client.post(
        url("role_grant"), {"email": "helt.ny@alfa.test", "role": "lasare", "unit": world.units["VO1"].pk}, follow=True
    )

    def message(response):
        return [str(m) for m in response.context["messages"]]

    assert [m.replace("admin@beta.test", "X") for m in message(known)] == [
        m.replace("helt.ny@alfa.test", "X") for m in message(new)
    ]


def test_a_fields_error_list_has_its_id_once():
    """Django 5.2's error list carries the id the input's aria-describedby names; a wrapper
    with the same id would make it ambiguous for screen readers (WCAG 4.1.1/1.3.1)."""
    from django import forms as django_forms
    from django.template.loader import render_to_string

    class Form(django_forms.Form):
        name = django_forms.CharField()

    html = render_to_string("includes/form.html", {"form": Form({})})
    assert html.count('id="id_name_error"') == 1
    assert 'aria-describedby="id_name_error"' in html
