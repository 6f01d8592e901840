"""Every change to tenant data is in the audit trail: who, when, what, old and new."""

from django.urls import reverse

from regionplan import auditing
from regionplan.models import AuditEntry, OrgUnit, Period, RoleAssignment
from regionplan.tenancy import region_scope


def entries_for(world, obj):
    with region_scope(world.alfa):
        return list(
            AuditEntry.objects.filter(object_id=obj.pk, content_type__model=obj._meta.model_name).order_by("at", "id")
        )


def test_browser_edit_is_audited_with_old_and_new_values_and_actor(world):
    unit = world.units["VO1"]
    client = world.client("admin")
    response = client.post(
        reverse("unit_edit", kwargs={"region_slug": "alfa", "pk": unit.pk}),
        {
            "code": unit.code,
            "name": "Område Ett (nytt)",
            "kind": unit.kind_id,
            "parent": world.units["DIV"].pk,
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    last = entries_for(world, unit)[-1]
    assert last.action == "update"
    assert last.actor == world.users["admin"]
    assert last.changes["namn"] == ["Område Ett A", "Område Ett (nytt)"]
    assert "path" not in last.changes and "depth" not in last.changes


def test_move_is_audited_as_a_parent_change(world):
    client = world.client("admin")
    unit = world.units["VO1"]
    client.post(
        reverse("unit_move", kwargs={"region_slug": "alfa", "pk": unit.pk}), {"parent": world.units["OTHER"].pk}
    )
    last = entries_for(world, unit)[-1]
    old, new = last.changes["överordnad enhet"]
    assert "Division Stöd" in old and "Division Annan" in new


def test_role_revoke_is_audited_as_delete(world):
    with region_scope(world.alfa):
        assignment = RoleAssignment.objects.get(unit=world.units["DIV"])
    world.client("admin").post(reverse("role_revoke", kwargs={"region_slug": "alfa", "pk": assignment.pk}))
    last = entries_for(world, assignment)[-1]
    assert last.action == "delete"
    assert last.changes["roll"] == ["chef", None]


def test_history_page_shows_changes_to_admin_and_controller(world):
    unit = world.units["DIV"]
    with region_scope(world.alfa):
        u = OrgUnit.objects.get(pk=unit.pk)
        u.name = "Division Stöd och Service"
        u.save()
    url = reverse("object_history", kwargs={"region_slug": "alfa", "model": "regionplan.orgunit", "pk": unit.pk})
    for persona in ("admin", "controller"):
        html = world.client(persona).get(url).content.decode()
        assert "Division Stöd och Service" in html and "Division Stöd A" in html


def test_history_of_region_wide_object_needs_whole_region(world):
    with region_scope(world.alfa):
        period = Period.objects.first()
    url = reverse("object_history", kwargs={"region_slug": "alfa", "model": "regionplan.period", "pk": period.pk})
    assert world.client("controller").get(url).status_code == 200
    assert world.client("manager").get(url).status_code == 403


def test_history_of_unknown_or_non_tenant_model_is_404(world):
    client = world.client("admin")
    for model in ("regionplan.user", "regionplan.auditentry", "nope.nope", "garbage"):
        url = reverse("object_history", kwargs={"region_slug": "alfa", "model": model, "pk": world.users["admin"].pk})
        assert client.get(url).status_code == 404


def test_region_settings_audit_has_old_values_and_skips_no_op_saves(world):
    from regionplan.models import Region

    region = Region.objects.get(pk=world.alfa.pk)
    region.deadline_days = 21
    region.save()
    region = Region.objects.get(pk=world.alfa.pk)
    region.save()  # nothing changed
    with region_scope(world.alfa):
        entries = list(AuditEntry.objects.filter(content_type__model="region", action="update"))
    assert len(entries) == 1
    assert entries[0].changes == {"dagar till sista rapportdag": ["14", "21"]}


def test_history_of_a_deleted_role_stays_readable_for_region_auditors(world):
    with region_scope(world.alfa):
        assignment = RoleAssignment.objects.get(unit=world.units["DIV"])
    world.client("admin").post(reverse("role_revoke", kwargs={"region_slug": "alfa", "pk": assignment.pk}))
    url = reverse(
        "object_history", kwargs={"region_slug": "alfa", "model": "regionplan.roleassignment", "pk": assignment.pk}
    )
    html = world.client("controller").get(url).content.decode()
    assert "borttagen" in html and "chef@alfa.test" in html
    assert world.client("manager_out").get(url).status_code == 403
    assert world.client("outsider").get(url).status_code == 404


def test_a_warehouse_password_is_logged_as_changed_but_never_shown(world, settings):
    """The data source form saves the connection address; the trail says it changed,
    without the password in it (controllers read the trail too)."""
    from followup.models import DataSource

    settings.WAREHOUSE_ALLOWED_HOSTS = ["10.20.0.0/16"]  # the operator's list

    client = world.client("admin")
    data = {
        "name": "Datalagret",
        "kind": "warehouse",
        "enabled": "on",
        "timeout_seconds": "60",
        "connection_url": "postgresql://las:hemligt-ord@10.20.0.5:5432/dw",
        "query": 'SELECT matt AS "Mått", org AS "Organisation", per AS "Period", v AS "Värde" FROM x',
        "base_url": "https://api.kolada.se/v2",
        "schedule": "manual",
        "run_at": "05:00",
        "weekday": "0",
    }
    response = client.post(reverse("source_create", kwargs={"region_slug": "alfa"}), data)
    assert response.status_code == 302
    with region_scope(world.alfa):
        source = DataSource.objects.get(name="Datalagret")
    response = client.post(
        reverse("source_edit", kwargs={"region_slug": "alfa", "pk": source.pk}),
        {**data, "connection_url": "postgresql://las:annat-ord@10.20.0.5:5432/dw"},
    )
    assert response.status_code == 302
    entries = entries_for(world, source)
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["anslutning"] == ["••••••", "••••••"]
    assert "hemligt-ord" not in str([e.changes for e in entries]) and "annat-ord" not in str(
        [e.changes for e in entries]
    )
    page = client.get(reverse("source_edit", kwargs={"region_slug": "alfa", "pk": source.pk}))
    assert "annat-ord" not in page.content.decode()


def test_a_field_marked_without_content_is_logged_as_changed_but_its_text_is_not_kept(world, monkeypatch):
    """What an incident report will use for its free text: the trail says the field changed,
    on create, update and delete, and never holds the words."""
    from internal_control.models import RiskCategory

    monkeypatch.setattr(RiskCategory, "audit_without_content", {"description"})
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        category = RiskCategory.objects.create(name="Förtroende", description="Anna Andersson tog emot en gåva")
        category.description = "Bertil Berg anmälde det"
        category.save()
        category.delete()
        rows = list(AuditEntry.objects.filter(content_type__model="riskcategory").order_by("at", "id"))
    assert [row.action for row in rows] == ["create", "update", "delete"]
    assert rows[1].changes["beskrivning"] == ["••••••", "••••••"]
    assert "Anna" not in str([row.changes for row in rows]) and "Bertil" not in str([row.changes for row in rows])


def test_removing_a_person_clears_their_links_and_the_trail_says_so(world):
    """A link to a person declared SET_NULL (a risk's owner) is cleared in bulk when the
    person's account is removed: the guard lets that through and the trail has one entry
    per row with the link it had; a plain bulk write of the same field is still refused."""
    import pytest

    from internal_control.models import Risk, RiskAnalysis
    from regionplan.models import RiskMatrix, User
    from regionplan.tenancy import TenantScopeError, all_regions

    owner = world.users["manager"]
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        analysis = RiskAnalysis.objects.create(unit=world.units["DIV"], year=2026, matrix=RiskMatrix.for_valuation())
        risk = Risk.objects.create(analysis=analysis, number=1, name="Fakturagranskning", owner=owner)
        with pytest.raises(TenantScopeError):
            Risk.objects.filter(pk=risk.pk).update(owner=world.users["controller"])
    with all_regions(), auditing.acting_as(label="test"):
        User.objects.filter(pk=owner.pk).delete()
    with region_scope(world.alfa):
        risk.refresh_from_db()
        assert risk.owner is None
    last = entries_for(world, risk)[-1]
    assert last.action == "update"
    assert last.changes["riskägare"][1] is None
    assert f"#{owner.pk}" in last.changes["riskägare"][0]


def test_many_to_many_links_are_audited_from_the_owning_side(world):
    """A risk's impact areas are links, not columns: adding, removing and clearing them are
    update entries naming the areas."""
    from internal_control.models import ImpactArea, Risk, RiskAnalysis
    from regionplan.models import RiskMatrix

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        analysis = RiskAnalysis.objects.create(unit=world.units["DIV"], year=2026, matrix=RiskMatrix.for_valuation())
        risk = Risk.objects.create(analysis=analysis, number=1, name="Korruption, mutor och jäv")
        trust = ImpactArea.objects.create(name="Förtroende/rykte")
        staff = ImpactArea.objects.create(name="Medarbetare")
        risk.impacts.add(trust, staff)
        risk.impacts.remove(staff)
        risk.impacts.clear()
    changes = [e.changes.get("huvudpåverkan på") for e in entries_for(world, risk)[1:]]
    assert changes == [
        [None, "Förtroende/rykte, Medarbetare"],
        ["Medarbetare", None],
        ["Förtroende/rykte", None],
    ]
