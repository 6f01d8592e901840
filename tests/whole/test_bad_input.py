"""Query and form parameters that used to be server errors: digits of other scripts
("²".isdigit() is true, int("²") fails), NUL bytes (PostgreSQL refuses them), a row save
with a bad extra parameter, and a refusal page built before the item had its year."""

from __future__ import annotations

import pytest

from followup.models import Assessment, Reopening
from goals.models import Plan, PlanItem
from regionplan import auditing
from regionplan.models import AuditEntry
from regionplan.tenancy import region_scope
from tests.followup.test_followup import HTMX, T3, plans, url  # noqa: F401 - plans is a fixture
from tests.plans import YEAR

GETS = [
    ("dashboard", {}, "enhet=²", 404),
    ("dashboard", {}, "enhet=99999999999999999999", 404),  # past bigint
    ("dashboard", {}, "period=%00", 400),
    ("my_followup", {}, "enhet=²", 404),
    ("my_followup", {}, "period=%00", 400),
    ("followup_overview", {}, "period=%00", 400),
    ("plan_index", {}, "ar=²⁰²⁶", 200),  # not a year: this year's plans
    ("unit_create", {}, "parent=²", 200),
]


@pytest.mark.parametrize("name, kwargs, query, status", GETS)
def test_odd_query_parameters_are_answered_not_crashed_on(world, plans, name, kwargs, query, status):
    persona = "admin"
    response = world.client(persona).get(f"{url(name, **kwargs)}?{query}")
    assert response.status_code == status, response.content[:300]


def test_drill_down_and_comparison_ignore_a_factor_or_kind_that_is_not_a_number(world, plans):
    client = world.client("admin")
    goal, measure = plans["goal"], plans["measure"]
    assert client.get(url("dashboard_goal", pk=goal.pk) + "?ff=²").status_code == 200
    assert client.get(url("dashboard_compare", pk=measure.pk) + "?typ=²").status_code == 200
    assert client.get(url("dashboard_goal", pk=goal.pk) + "?sida=٢").status_code == 200


def test_a_nul_in_the_path_is_a_400(world, plans):
    response = world.client("controller").post(f"/alfa/uppfoljning/%00/enhet/{world.units['DIV'].pk}/oppna/")
    assert response.status_code == 400
    assert "Felaktig förfrågan" in response.content.decode()


def test_a_nul_in_a_form_field_is_explained_at_the_field_and_nothing_is_saved(world, plans):
    activity, div = plans["activity"], world.units["DIV"]
    prefix = f"r{activity.pk}-{div.pk}-"
    response = world.client("manager").post(
        url("report_save", period_code=T3, item_pk=activity.pk, unit_pk=div.pk),
        {prefix + "version": 0, prefix + "status": "green", prefix + "comment": "Bra\x00", "period": "x\x00"},
        **HTMX,
    )
    assert response.status_code == 422  # the row comes back with the message; what was typed stays
    assert "Null-tecken är inte tillåtna" in response.content.decode()
    with region_scope(world.alfa):
        assert not Assessment.objects.exists()


def test_a_nul_in_a_raw_form_parameter_is_a_404(world, plans):
    response = world.client("controller").post(url("followup_overview"), {"period": "2026-T3\x00"})
    assert response.status_code in (404, 405)
    response = world.client("manager").post(url("my_followup"), {"period": "2026-T3\x00"})
    assert response.status_code in (404, 405)


def test_a_row_save_with_a_bad_extra_parameter_saves_nothing(world, plans):
    """It used to save the assessment and then answer 500."""
    activity, div = plans["activity"], world.units["DIV"]
    prefix = f"r{activity.pk}-{div.pk}-"
    with region_scope(world.alfa):
        before = AuditEntry.objects.count()
    response = world.client("manager").post(
        url("report_save", period_code=T3, item_pk=activity.pk, unit_pk=div.pk) + "?enhet=²",
        {prefix + "version": 0, prefix + "status": "green", prefix + "comment": "Klart.", "enhet": "²"},
        **HTMX,
    )
    assert response.status_code == 404
    with region_scope(world.alfa):
        assert not Assessment.objects.exists()
        assert AuditEntry.objects.count() == before


def test_reopening_with_an_item_that_is_not_a_number_is_a_404(world, plans):
    response = world.client("controller").post(
        url("followup_reopen", period_code=T3, unit_pk=world.units["DIV"].pk), {"item": "²"}
    )
    assert response.status_code == 404
    with region_scope(world.alfa):
        assert not Reopening.objects.exists()


def test_adding_an_item_an_adopted_plan_does_not_allow_is_refused_with_a_page(world, plans):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        plan = Plan.objects.get(unit=world.units["DIV"], year=YEAR)
        plan.state = Plan.ADOPTED
        plan.save()
        count = PlanItem.objects.count()
    client = world.client("controller")
    create = (
        url("item_create", unit_pk=world.units["DIV"].pk, year=YEAR, level="measure") + f"?under={plans['factor'].pk}"
    )
    response = client.get(create)
    assert response.status_code == 409
    assert "fastställd" in response.content.decode()
    response = client.post(create, {"code": "NY-1", "name": "Nytt mått"})
    assert response.status_code == 409
    with region_scope(world.alfa):
        assert PlanItem.objects.count() == count


def test_every_htmx_answer_varies_on_hx_request(world, plans):
    """One idiom (render_page_or_partial): a cache must never serve a row for a page."""
    activity, div = plans["activity"], world.units["DIV"]
    prefix = f"r{activity.pk}-{div.pk}-"
    response = world.client("manager").post(
        url("report_save", period_code=T3, item_pk=activity.pk, unit_pk=div.pk),
        {prefix + "version": 0, prefix + "status": "green", prefix + "comment": "Klart."},
        **HTMX,
    )
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    form = world.client("controller").get(
        url("item_create", unit_pk=div.pk, year=YEAR, level="activity") + f"?under={plans['measure'].pk}", **HTMX
    )
    assert form.status_code == 200 and "HX-Request" in form["Vary"]
