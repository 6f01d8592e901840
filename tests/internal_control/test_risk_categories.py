"""The region's risk categories: the rule that finds the missing standard ones, and the
settings page as a controller uses it (add, refuse a duplicate in Swedish, edit, delete,
add the standard list), every change in the audit trail and no region seeing another's."""

import pytest
from django.urls import reverse

from internal_control.models import STANDARD_CATEGORIES, RiskCategory
from internal_control.rules import missing_standard
from regionplan.models import AuditEntry
from regionplan.tenancy import region_scope

STANDARD = [("Finansiell", "a"), ("Förtroende", "b"), ("IT- och informationssäkerhet", "c")]
IT = "IT- och informationssäkerhet"


@pytest.mark.parametrize(
    "existing, expected",
    [
        ([], ["Finansiell", "Förtroende", IT]),
        (["Finansiell"], ["Förtroende", IT]),
        (["  finansiell ", "FÖRTROENDE"], [IT]),  # case and outer spaces do not matter
        (["IT-  och   informationssäkerhet"], ["Finansiell", "Förtroende"]),  # inner spaces are folded
        (["Finansiell", "Förtroende", IT, "Egen"], []),
        (["Finansiella"], ["Finansiell", "Förtroende", IT]),  # a near name is another name
    ],
)
def test_missing_standard(existing, expected):
    assert [name for name, _ in missing_standard(existing, STANDARD)] == expected


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def names(region):
    with region_scope(region):
        return list(RiskCategory.objects.values_list("name", flat=True))


def test_controller_adds_edits_and_deletes_a_category_and_each_step_is_audited(world):
    client = world.client("controller")
    response = client.post(
        url("risk_categories"),
        {"ny-name": "  Finansiell  ", "ny-description": "Fakturor", "ny-order": "1", "ny-active": "on"},
    )
    assert response.status_code == 302
    assert names(world.alfa) == ["Finansiell"]
    with region_scope(world.alfa):
        category = RiskCategory.objects.get()
    page = client.get(url("risk_categories")).content.decode()
    assert "Finansiell" in page and "Fakturor" in page
    assert 'name="ny-order" value="2"' in page  # a new one goes last

    response = client.post(
        url("risk_category_edit", pk=category.pk), {"name": "Finansiell risk", "description": "Fakturor", "order": "2"}
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        category.refresh_from_db()
        assert (category.name, category.active) == ("Finansiell risk", False)

    assert client.post(url("risk_category_delete", pk=category.pk)).status_code == 302
    assert names(world.alfa) == []
    with region_scope(world.alfa):
        actions = list(
            AuditEntry.objects.filter(content_type__model="riskcategory", object_id=category.pk)
            .order_by("at", "id")
            .values_list("action", "actor")
        )
    controller = world.users["controller"].pk
    assert actions == [("create", controller), ("update", controller), ("delete", controller)]


def test_a_duplicate_name_is_refused_in_swedish_and_nothing_changes(world):
    with region_scope(world.alfa):
        RiskCategory.objects.create(name="Förtroende", order=1)
    response = world.client("controller").post(url("risk_categories"), {"ny-name": "förtroende", "ny-order": "2"})
    assert response.status_code == 400
    assert "Regionen har redan en riskkategori med det namnet." in response.content.decode()
    assert names(world.alfa) == ["Förtroende"]


def test_an_empty_or_too_long_name_is_refused_at_the_field(world):
    client = world.client("controller")
    for name in ("", "x" * 101):
        response = client.post(url("risk_categories"), {"ny-name": name, "ny-order": "1"})
        assert response.status_code == 400
        assert 'aria-invalid="true"' in response.content.decode()
    assert names(world.alfa) == []


def test_the_standard_list_adds_only_what_is_missing_after_the_regions_own(world):
    with region_scope(world.alfa):
        RiskCategory.objects.create(name="finansiell", order=5)
    client = world.client("controller")
    assert "Lägg till standardkategorierna" in client.get(url("risk_categories")).content.decode()
    client.post(url("risk_category_defaults"))
    with region_scope(world.alfa):
        rows = list(RiskCategory.objects.order_by("order").values_list("name", "order"))
    assert rows[0] == ("finansiell", 5)
    assert [name for name, _ in rows[1:]] == [n for n, _ in STANDARD_CATEGORIES if n != "Finansiell"]
    assert [order for _, order in rows[1:]] == list(range(6, 6 + len(rows) - 1))
    assert "Lägg till standardkategorierna" not in client.get(url("risk_categories")).content.decode()
    client.post(url("risk_category_defaults"))  # twice adds nothing
    assert len(names(world.alfa)) == len(rows)


def test_the_same_name_in_another_region_is_its_own_and_invisible(world):
    with region_scope(world.beta):
        theirs = RiskCategory.objects.create(name="Finansiell", order=1)
    client = world.client("controller")
    response = client.post(url("risk_categories"), {"ny-name": "Finansiell", "ny-order": "1"})
    assert response.status_code == 302
    assert "Finansiell" in client.get(url("risk_categories")).content.decode()
    assert client.get(url("risk_category_edit", pk=theirs.pk)).status_code == 404
    assert client.post(url("risk_category_delete", pk=theirs.pk)).status_code == 404
    assert names(world.beta) == ["Finansiell"]


def test_a_manager_may_not_change_the_list(world):
    client = world.client("manager")
    assert client.get(url("risk_categories")).status_code == 403
    assert client.post(url("risk_category_defaults")).status_code == 403
    assert names(world.alfa) == []
