"""Tenancy fails closed: unscoped queries raise, scoped ones see only their region."""

import pytest
from django.contrib.contenttypes.models import ContentType

from regionplan.models import AuditEntry, OrgUnit, Period, RoleAssignment
from regionplan.tenancy import TenantScopeError, all_regions, region_scope


@pytest.mark.parametrize(
    "operation",
    [
        lambda: list(OrgUnit.objects.all()),
        lambda: OrgUnit.objects.count(),
        lambda: OrgUnit.objects.exists(),
        lambda: OrgUnit.objects.filter(code="A-ROOT").first(),
        lambda: OrgUnit.objects.get(code="A-ROOT"),
        lambda: OrgUnit.objects.update(name="x"),
        lambda: OrgUnit.objects.filter(code="A-DIV").delete(),
        lambda: list(OrgUnit.objects.values_list("code", flat=True)),
        lambda: OrgUnit.objects.aggregate(n=__import__("django.db.models", fromlist=["Count"]).Count("pk")),
        lambda: list(Period.objects.iterator()),
        lambda: RoleAssignment.objects.in_bulk(),
        lambda: list(AuditEntry.objects.all()),
    ],
)
def test_unscoped_query_on_tenant_model_raises(world, operation):
    with pytest.raises(TenantScopeError):
        operation()


def test_scope_sees_only_its_region(world):
    with region_scope(world.alfa):
        codes = set(OrgUnit.objects.values_list("code", flat=True))
    assert codes == {u.code for u in world.units.values()}
    with region_scope(world.beta):
        assert not OrgUnit.objects.filter(pk=world.units["DIV"].pk).exists()


def test_saving_another_regions_row_inside_a_scope_raises(world):
    unit = world.units["DIV"]
    with region_scope(world.beta):
        with pytest.raises(TenantScopeError):
            unit.save()


def test_new_row_takes_the_current_region_and_refuses_without_one(world):
    with region_scope(world.alfa):
        kind = world.units["DIV"].kind
        unit = OrgUnit(code="NEW", name="Ny", kind=kind, parent=world.units["DIV"])
        unit.save()
        assert unit.region_id == world.alfa.pk
    with pytest.raises(TenantScopeError):
        OrgUnit(code="NEW2", name="Ny", kind=kind).save()


def test_parent_from_another_region_is_refused(world):
    from django.core.exceptions import ValidationError

    with region_scope(world.alfa):
        unit = OrgUnit(code="X", name="X", kind=world.units["DIV"].kind, parent=world.beta_units["DIV"])
        with pytest.raises(ValidationError):
            unit.save()


def test_all_regions_is_explicit(world):
    with all_regions():
        assert OrgUnit.objects.count() == len(world.units) + len(world.beta_units)


def test_bulk_create_takes_the_scope_and_refuses_other_regions(world):
    from regionplan.models import OrgUnitKind

    with pytest.raises(TenantScopeError):
        OrgUnitKind.objects.bulk_create([OrgUnitKind(name="Utan scope")])
    with region_scope(world.alfa):
        OrgUnitKind.objects.bulk_create([OrgUnitKind(name="Sektion")])
        assert OrgUnitKind.objects.filter(name="Sektion").exists()
        with pytest.raises(TenantScopeError):
            OrgUnitKind.objects.bulk_create([OrgUnitKind(name="Smuggel", region=world.beta)])


def test_unscoped_subquery_and_raw_are_refused(world):
    from regionplan.models import Region

    with pytest.raises(TenantScopeError):
        list(Region.objects.filter(pk__in=OrgUnit.objects.values("region_id")))
    with pytest.raises(TenantScopeError):
        OrgUnit.objects.raw("SELECT * FROM regionplan_orgunit")
    with region_scope(world.alfa):
        with pytest.raises(TenantScopeError):
            OrgUnit.objects.raw("SELECT * FROM regionplan_orgunit")
    with all_regions():
        assert len(list(OrgUnit.objects.raw("SELECT * FROM regionplan_orgunit"))) == 12


def test_queryset_update_of_audited_fields_is_refused(world):
    with region_scope(world.alfa):
        with pytest.raises(TenantScopeError, match="audit"):
            OrgUnit.objects.filter(pk=world.units["DIV"].pk).update(name="Smygändrad")
        assert OrgUnit.objects.get(pk=world.units["DIV"].pk).name == "Division Stöd A"
        # Derived columns (audit_exclude) may be rewritten in bulk.
        OrgUnit.objects.filter(pk=world.units["DIV"].pk).update(depth=2)


def test_bulk_create_writes_its_audit_rows(world):
    from regionplan.models import OrgUnitKind

    with region_scope(world.alfa):
        kinds = OrgUnitKind.objects.bulk_create([OrgUnitKind(name="Sektion"), OrgUnitKind(name="Grupp")])
        # Object ids are per table, so the rows are picked by model too.
        created = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(OrgUnitKind),
            object_id__in=[k.pk for k in kinds],
            action="create",
        )
        assert created.count() == 2
