"""Plans: the cascaded tree seen from each unit, the rules of placing, editing, moving and
removing items, the plan states, the year switch, measure adoption, the region's own
level names, and the views a controller, a manager and a reader use."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from goals import services
from goals.models import MeasureAdoption, Perspective, Plan, PlanItem, PlanSettings
from goals.rules import Levels, Op, Target
from regionplan import auditing
from regionplan.models import AuditEntry, User
from regionplan.tenancy import region_scope
from tests.plans import YEAR, build_plans


@pytest.fixture
def plans(world):
    return build_plans(world)


@pytest.fixture
def alfa(world):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        yield world


def codes(view, own=None):
    return [n.item.code for n in view.nodes() if own is None or n.own == own]


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


HTMX = {"HTTP_HX_REQUEST": "true"}


# --- the tree seen from each unit -------------------------------------------------------------


def test_each_unit_sees_the_red_thread_from_the_assembly_down_to_itself(alfa, plans):
    view = services.load_plan(alfa.units["VO1"], YEAR)
    assert codes(view) == ["MAL-1", "FF-1", "MATT-1", "AKT-1", "UPP-1"]
    assert codes(view, own=True) == []
    assert [u.code for u in view.owners] == ["A-ROOT", "A-NAMND", "A-DIV", "A-VO1"]
    goal = view.sections[0][1][0]
    assert goal.item.code == "MAL-1" and goal.children[0].children[0].adopted_by[0].unit.code == "A-VO1"
    assert view.assignments[0].serves.code == "MAL-1"


def test_a_sibling_unit_does_not_see_the_divisions_own_items(alfa, plans):
    view = services.load_plan(alfa.units["OTHER"], YEAR)
    assert codes(view) == ["MAL-1", "FF-1"]


def test_the_region_level_can_show_everything_below_it(alfa, plans):
    root = alfa.units["ROOT"]
    assert codes(services.load_plan(root, YEAR)) == ["MAL-1"]
    assert codes(services.load_plan(root, YEAR, include_below=True)) == ["MAL-1", "FF-1", "MATT-1", "AKT-1", "UPP-1"]


def test_only_own_items_are_editable_and_only_for_a_planner(alfa, plans):
    view = services.load_plan(alfa.units["DIV"], YEAR, may_plan=True)
    editable = {n.item.code for n in view.nodes() if n.editable}
    assert editable == {"MATT-1", "AKT-1", "UPP-1"}
    assert not any(n.editable or n.addable for n in services.load_plan(alfa.units["DIV"], YEAR).nodes())


# --- placing and editing ------------------------------------------------------------------------


def test_strategic_goals_are_written_only_in_the_region_level_plan(alfa, plans):
    goal = PlanItem(plan=plans["plans"]["DIV"], level=Levels.GOAL, name="Eget mål", perspective=plans["perspective"])
    with pytest.raises(ValidationError, match="översta enheten"):
        services.save_item(goal)
    assert not PlanItem.objects.filter(name="Eget mål").exists()


def test_a_lower_unit_adds_a_success_factor_under_the_inherited_goal_with_a_generated_code(alfa, plans):
    plan = services.ensure_plan(alfa.units["VO2"], YEAR)
    factor = services.save_item(PlanItem(plan=plan, level=Levels.FACTOR, parent=plans["goal"], name="Egen faktor"))
    assert factor.code == "FF-2" and factor.year == YEAR
    assert factor.path == f"{plans['goal'].path}{factor.pk}/" and factor.depth == 1
    assert "FF-2" in codes(services.load_plan(alfa.units["VO2"], YEAR), own=True)


@pytest.mark.parametrize(
    "level, parent_key, message",
    [
        (Levels.MEASURE, None, "måste ligga under"),
        (Levels.ACTIVITY, "goal", "kan inte ligga under"),
        (Levels.FACTOR, "measure", "kan inte ligga under"),
    ],
)
def test_levels_keep_their_order(alfa, plans, level, parent_key, message):
    item = PlanItem(plan=plans["plans"]["DIV"], level=level, parent=plans[parent_key] if parent_key else None, name="X")
    with pytest.raises(ValidationError, match=message):
        services.save_item(item)


def test_an_item_cannot_hang_under_a_sibling_units_item(alfa, plans):
    other = services.ensure_plan(alfa.units["OTHER"], YEAR)
    with pytest.raises(ValidationError, match="inte ligger över"):
        services.save_item(PlanItem(plan=other, level=Levels.ACTIVITY, parent=plans["measure"], name="Fel"))


def test_a_code_is_unique_in_the_region_and_year(alfa, plans):
    with pytest.raises(ValidationError, match="används redan"):
        services.save_item(
            PlanItem(
                plan=plans["plans"]["DIV"],
                level=Levels.ACTIVITY,
                parent=plans["measure"],
                code="AKT-1",
                name="Dubblett",
            )
        )


def test_an_adopted_plan_allows_only_what_the_region_allows(alfa, plans):
    services.adopt_plan(plans["plans"]["DIV"], datetime.date(2025, 11, 24), "RS 2025/12")
    measure = PlanItem.objects.get(code="MATT-1")
    measure.name = "Ändrat namn"
    with pytest.raises(ValidationError, match="fastställd"):
        services.save_item(measure)
    activity = PlanItem.objects.get(code="AKT-1")
    activity.name = "Ändrad aktivitet"
    services.save_item(activity)  # activities stay editable by default
    settings = PlanSettings.current()
    settings.editable_after_adoption = []
    settings.save()
    with pytest.raises(ValidationError):
        services.save_item(activity)
    services.close_plan(PlanItem.objects.get(code="AKT-1").plan)
    assert Plan.objects.get(pk=plans["plans"]["DIV"].pk).state == Plan.CLOSED
    with pytest.raises(ValidationError, match="stängd"):
        services.delete_item(PlanItem.objects.get(code="AKT-1"))


def test_moving_an_item_carries_its_subtree(alfa, plans):
    other_factor = services.save_item(
        PlanItem(plan=plans["plans"]["NAMND"], level=Levels.FACTOR, parent=plans["goal"], name="Annan")
    )
    measure = PlanItem.objects.get(code="MATT-1")
    services.move_item(measure, other_factor)
    activity = PlanItem.objects.get(code="AKT-1")
    assert activity.path == f"{other_factor.path}{measure.pk}/{activity.pk}/"
    assert activity.depth == 3
    assert {p.code for p in services.movable_parents(activity)} == {"FF-1", other_factor.code, "MATT-1"}
    with pytest.raises(ValidationError):
        services.move_item(PlanItem.objects.get(code="FF-1"), None)  # a factor needs a goal


def test_an_item_cannot_move_under_itself(alfa, plans):
    factor = PlanItem.objects.get(code="FF-1")
    assert [p.code for p in services.movable_parents(factor)] == ["MAL-1"]  # never its own measure
    with pytest.raises(ValidationError, match="under sig själv"):
        services.move_item(factor, PlanItem.objects.get(code="MATT-1"))


def test_reorder_swaps_neighbours_and_stops_at_the_ends(alfa, plans):
    second = services.save_item(
        PlanItem(plan=plans["plans"]["NAMND"], level=Levels.FACTOR, parent=plans["goal"], name="Andra")
    )
    assert services.reorder_item(second, -1) is True
    assert list(
        PlanItem.objects.filter(parent=plans["goal"], level=Levels.FACTOR)
        .order_by("order")
        .values_list("name", flat=True)
    ) == ["Andra", "Hållbar arbetsmiljö"]
    assert services.reorder_item(PlanItem.objects.get(pk=second.pk), -1) is False


def test_removing_is_refused_while_other_units_hang_items_under_it(alfa, plans):
    with pytest.raises(ValidationError, match="andra enheters planer"):
        services.delete_item(PlanItem.objects.get(code="MAL-1"))
    assert services.delete_item(PlanItem.objects.get(code="MATT-1")) == 2  # with its activity
    assert not PlanItem.objects.filter(code__in=["MATT-1", "AKT-1"]).exists()
    assert AuditEntry.objects.filter(object_repr__startswith="AKT-1", action="delete").exists()


def test_a_measure_is_adopted_only_below_its_owner_with_its_own_target(alfa, plans):
    adoption = services.adopt_measure(plans["measure"], alfa.units["VO2"], Target(Op.LT, 4))
    assert adoption.effective_target() == Target(Op.LT, Decimal(4))
    assert MeasureAdoption.objects.get(unit=alfa.units["VO1"]).effective_target() == plans["measure"].target
    with pytest.raises(ValidationError, match="under den enhet"):
        services.adopt_measure(plans["measure"], alfa.units["OTHER"], Target())


# --- the year switch ----------------------------------------------------------------------------


def test_copy_needs_the_plans_above_first(alfa, plans):
    with pytest.raises(ValidationError, match="Kopiera den planen först"):
        services.copy_to_next_year(plans["plans"]["DIV"])
    assert not Plan.objects.filter(year=YEAR + 1).exists()


def test_copy_with_subtree_carries_everything_unfinished_and_leaves_the_old_year(alfa, plans):
    activity = PlanItem.objects.get(code="AKT-1")
    done = services.save_item(
        PlanItem(plan=activity.plan, level=Levels.ACTIVITY, parent=plans["measure"], name="Klar", finished=True)
    )
    before = list(PlanItem.objects.filter(year=YEAR).order_by("pk").values())
    report = services.copy_to_next_year(plans["plans"]["ROOT"], include_subtree=True)
    assert len(report.plans) == 3 and report.items == 5 and report.left_behind == 1
    assert list(PlanItem.objects.filter(year=YEAR).order_by("pk").values()) == before
    view = services.load_plan(alfa.units["VO1"], YEAR + 1)
    assert codes(view) == ["MAL-1", "FF-1", "MATT-1", "AKT-1", "UPP-1"]
    copied_activity = PlanItem.objects.get(year=YEAR + 1, code="AKT-1")
    assert copied_activity.start_date == datetime.date(YEAR + 1, 1, 1) and copied_activity.copied_from_id == activity.pk
    assert not PlanItem.objects.filter(year=YEAR + 1, code=done.code).exists()
    measure = PlanItem.objects.get(year=YEAR + 1, code="MATT-1")
    assert measure.target == Target(Op.LT, Decimal("4.8")) and measure.adoptions.get().unit == alfa.units["VO1"]
    assert all(p.state == Plan.DRAFT for p in report.plans)
    again = services.copy_to_next_year(plans["plans"]["ROOT"], include_subtree=True)
    assert again.items == 0 and len(again.skipped) == 3


# --- the region's own names ---------------------------------------------------------------------


def test_the_regions_level_names_are_used_on_the_page_and_in_the_export(world, plans):
    with region_scope(world.alfa):
        PlanSettings.objects.create(
            labels={
                "goal": ["inriktningsmål", "inriktningsmål"],
                "factor": ["strategiskt område", "strategiska områden"],
            }
        )
    page = world.client("controller").get(url("plan_detail", unit_pk=world.units["DIV"].pk, year=YEAR)).content.decode()
    assert "Inriktningsmål" in page and "strategiska områden" in page and "Lägg till strategiskt område" in page
    assert "framgångsfaktor" not in page.lower()
    from io import BytesIO

    from openpyxl import load_workbook

    export = world.client("reader").get(url("plan_export", unit_pk=world.units["DIV"].pk, year=YEAR))
    sheet = load_workbook(BytesIO(export.content)).worksheets[0]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)][:3] == ["Perspektiv", "Perspektiv", "Inriktningsmål"]


def test_the_settings_page_saves_names_and_adopted_plan_rules(world):
    client = world.client("controller")
    data = {f"{level}_{n}": f"{level}-{n}" for level in Levels.ALL for n in ("one", "many")}
    data["editable_after_adoption"] = ["activity", "assignment"]
    assert client.post(url("plan_settings"), data).status_code == 302
    with region_scope(world.alfa):
        settings = PlanSettings.current()
        assert settings.label(Levels.MEASURE, plural=True) == "measure-many"
        assert settings.editable_after_adoption == ["activity", "assignment"]
    data["goal_one"] = ""
    assert client.post(url("plan_settings"), data).status_code == 400


def test_a_used_perspective_cannot_be_removed(world, plans):
    client = world.client("controller")
    client.post(url("perspective_delete", pk=plans["perspective"].pk))
    with region_scope(world.alfa):
        assert Perspective.objects.filter(pk=plans["perspective"].pk).exists()
        unused = Perspective.objects.get(name="Ekonomi")
    client.post(url("perspective_delete", pk=unused.pk))
    with region_scope(world.alfa):
        assert not Perspective.objects.filter(pk=unused.pk).exists()


# --- the views ------------------------------------------------------------------------------------


def test_controller_adds_an_activity_with_htmx_and_gets_the_tree_back(world, plans):
    response = world.client("controller").post(
        url("item_create", unit_pk=world.units["DIV"].pk, year=YEAR, level="activity")
        + f"?under={plans['measure'].pk}",
        {
            "name": "Ny aktivitet",
            "code": "",
            "responsible": "Anna",
            "start_date": "2026-02-01",
            "end_date": "2026-06-30",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-tree"
    body = response.content.decode()
    assert 'id="plan-tree"' in body and "Ny aktivitet" in body and "”Ny aktivitet” är tillagd (aktivitet)." in body
    with region_scope(world.alfa):
        item = PlanItem.objects.get(name="Ny aktivitet")
        assert item.parent_id == plans["measure"].pk and item.code == "AKT-2"
        assert AuditEntry.objects.filter(object_id=item.pk, action="create").exists()


def test_a_bad_form_comes_back_with_swedish_errors_and_changes_nothing(world, plans):
    client = world.client("controller")
    response = client.post(
        url("item_create", unit_pk=world.units["DIV"].pk, year=YEAR, level="measure") + f"?under={plans['factor'].pk}",
        {
            "name": "",
            "measure_unit": "%",
            "direction": "lower",
            "frequency": "month",
            "target_text": "mycket",
            "baseline_text": "x",
        },
        **HTMX,
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert (
        "”mycket” är inget målvärde" in body
        and "är inget jämförelsetal" in body
        and "Detta fält måste fyllas i" in body
    )
    with region_scope(world.alfa):
        assert PlanItem.objects.count() == 5


def test_without_javascript_a_change_redirects_back_to_the_plan(world, plans):
    response = world.client("controller").post(
        url("item_edit", pk=plans["activity"].pk), {"code": "AKT-1", "name": "Omdöpt", "start_date": "", "end_date": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", unit_pk=world.units["DIV"].pk, year=YEAR)


@pytest.mark.parametrize("persona", ["manager", "reader"])
def test_manager_and_reader_read_the_plan_but_cannot_change_it(world, plans, persona):
    client = world.client(persona)
    page = client.get(url("plan_detail", unit_pk=world.units["DIV"].pk, year=YEAR)).content.decode()
    assert "Sjukfrånvaro" in page and "&lt; 4,8 %" in page
    assert "Ändra" not in page and "Lägg till" not in page
    response = client.post(url("item_edit", pk=plans["measure"].pk), {"code": "MATT-1", "name": "Hackat"})
    assert response.status_code == 403
    with region_scope(world.alfa):
        assert PlanItem.objects.get(pk=plans["measure"].pk).name == "Sjukfrånvaro"


def test_user_text_is_escaped(world, plans):
    world.client("controller").post(
        url("item_edit", pk=plans["activity"].pk), {"code": "AKT-1", "name": "<script>alert(1)</script>"}
    )
    page = world.client("reader").get(url("plan_detail", unit_pk=world.units["DIV"].pk, year=YEAR)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_adopt_then_change_shows_in_the_plan_history(world, plans):
    client = world.client("controller")
    div = world.units["DIV"].pk
    assert (
        client.post(
            url("plan_adopt", unit_pk=div, year=YEAR), {"adopted_on": "2025-11-24", "decision_ref": ""}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url("plan_adopt", unit_pk=div, year=YEAR), {"adopted_on": "2025-11-24", "decision_ref": "RS 2025/12"}
        ).status_code
        == 302
    )
    response = client.get(url("item_edit", pk=plans["measure"].pk), **HTMX)
    assert response.status_code == 409 and "är fastställd" in response.content.decode()
    client.post(url("item_edit", pk=plans["activity"].pk), {"code": "AKT-1", "name": "Ändrad efter beslut"})
    history = client.get(url("plan_history", unit_pk=div, year=YEAR)).content.decode()
    assert "efter fastställande" in history and "Ändrad efter beslut" in history and "RS 2025/12" in history


def test_a_plan_from_another_year_is_a_404_not_a_new_calendar_year(world, plans):
    client = world.client("controller")
    assert client.post(url("plan_create", unit_pk=world.units["DIV"].pk, year=5)).status_code == 404


def test_copy_view_reports_what_it_did(world, plans):
    client = world.client("controller")
    response = client.post(url("plan_copy", unit_pk=world.units["DIV"].pk, year=YEAR), {})
    assert response.status_code == 400 and "Kopiera den planen först" in response.content.decode()
    response = client.post(
        url("plan_copy", unit_pk=world.units["ROOT"].pk, year=YEAR), {"include_subtree": "on"}, follow=True
    )
    assert "3 planer kopierade till 2027 med 5 poster" in response.content.decode()


def test_manager_cannot_copy_a_subtree(world, plans):
    assert (
        world.client("manager")
        .post(url("plan_copy", unit_pk=world.units["DIV"].pk, year=YEAR), {"include_subtree": "on"})
        .status_code
        == 403
    )


def test_user_text_in_the_export_is_never_a_formula(world, plans):
    """A name that looks like an Excel formula stays text in the workbook."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        activity = PlanItem.objects.get(code="AKT-1")
        activity.name = '=HYPERLINK("http://example.com","Klicka")'
        services.save_item(activity)
    from io import BytesIO

    from openpyxl import load_workbook

    export = world.client("reader").get(url("plan_export", unit_pk=world.units["DIV"].pk, year=YEAR))
    sheet = load_workbook(BytesIO(export.content)).worksheets[0]
    cells = [row[2] for row in sheet.iter_rows(min_row=2) if row[1].value == "AKT-1"]
    assert cells[0].data_type == "s" and cells[0].value.startswith("=HYPERLINK")


# --- found in review: each of these was a hole once ----------------------------------------------


def test_all_units_view_needs_view_rights_on_the_whole_subtree(world, plans):
    """A reader of the board alone (no subtree) cannot see the division's items with ?alla=1."""
    from regionplan.models import Role
    from tests.conftest import grant

    with auditing.acting_as(label="test"):
        grant(world.alfa, "namnd@alfa.test", Role.READER, world.units["NAMND"], subtree=False)
    client = Client()
    client.force_login(User.objects.get(email="namnd@alfa.test"))
    body = client.get(url("plan_detail", unit_pk=world.units["NAMND"].pk, year=YEAR) + "?alla=1").content
    assert b"MATT-1" not in body and b"FF-1" in body
    from io import BytesIO

    from openpyxl import load_workbook

    export = client.get(url("plan_export", unit_pk=world.units["NAMND"].pk, year=YEAR) + "?alla=1")
    codes_in_file = [row[1].value for row in load_workbook(BytesIO(export.content)).worksheets[0].iter_rows(min_row=2)]
    assert "FF-1" in codes_in_file and "MATT-1" not in codes_in_file


def test_reordering_never_touches_another_units_items(alfa, plans):
    own = services.save_item(
        PlanItem(plan=plans["plans"]["DIV"], level=Levels.FACTOR, parent=plans["goal"], name="Divisionens")
    )
    before = PlanItem.objects.get(code="FF-1").order
    services.reorder_item(own, -1)
    assert PlanItem.objects.get(code="FF-1").order == before


def test_copy_skips_an_adopted_next_year_plan_and_refuses_code_clashes(alfa, plans):
    services.copy_to_next_year(plans["plans"]["ROOT"])
    namnd_next = services.ensure_plan(alfa.units["NAMND"], YEAR + 1)
    services.adopt_plan(namnd_next, datetime.date(2026, 11, 1), "RS 1")
    report = services.copy_to_next_year(plans["plans"]["NAMND"])
    assert report.skipped == [namnd_next] and not namnd_next.items.exists()
    other = services.ensure_plan(alfa.units["OTHER"], YEAR + 1)
    goal_next = PlanItem.objects.get(year=YEAR + 1, code="MAL-1")
    services.save_item(PlanItem(plan=other, level=Levels.ASSIGNMENT, parent=goal_next, code="UPP-1", name="Krock"))
    namnd_next.state = Plan.DRAFT
    namnd_next.save()
    services.copy_to_next_year(plans["plans"]["NAMND"])
    with pytest.raises(ValidationError, match="UPP-1 används redan"):
        services.copy_to_next_year(plans["plans"]["DIV"])


def test_copy_never_hangs_an_item_under_a_sibling_units_item_with_the_same_code(alfa, plans):
    services.copy_to_next_year(plans["plans"]["ROOT"])
    other = services.ensure_plan(alfa.units["OTHER"], YEAR + 1)
    services.save_item(
        PlanItem(
            plan=other,
            level=Levels.FACTOR,
            parent=PlanItem.objects.get(year=YEAR + 1, code="MAL-1"),
            code="FF-1",
            name="Annans FF-1",
        )
    )
    with pytest.raises(ValidationError, match="Kopiera den planen först"):
        services.copy_to_next_year(plans["plans"]["DIV"])


def test_removing_a_factor_in_an_adopted_plan_is_refused_when_measures_hang_under_it(alfa, plans):
    settings = PlanSettings.current()
    settings.editable_after_adoption = [Levels.FACTOR, Levels.ACTIVITY]
    settings.save()
    factor = services.save_item(
        PlanItem(plan=plans["plans"]["DIV"], level=Levels.FACTOR, parent=plans["goal"], name="F")
    )
    services.save_item(
        PlanItem(
            plan=plans["plans"]["DIV"],
            level=Levels.MEASURE,
            parent=factor,
            name="M",
            measure_unit="%",
            direction="higher",
            frequency="year",
        )
    )
    services.adopt_plan(plans["plans"]["DIV"], datetime.date(2025, 11, 1), "RS")
    with pytest.raises(ValidationError, match="fastställd"):
        services.delete_item(PlanItem.objects.get(pk=factor.pk))


def test_an_emptied_code_gets_a_new_one(world, plans):
    world.client("controller").post(url("item_edit", pk=plans["activity"].pk), {"code": "", "name": "Utan kod"})
    with region_scope(world.alfa):
        assert PlanItem.objects.get(pk=plans["activity"].pk).code == "AKT-2"


def test_a_malformed_htmx_header_is_not_an_error(world, plans):
    response = world.client("reader").get(
        url("plan_detail", unit_pk=world.units["DIV"].pk, year=YEAR),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://[x",
    )
    assert response.status_code == 200


def test_a_perspective_name_is_unique_whatever_the_case(world, plans):
    response = world.client("controller").post(url("perspective_create"), {"name": "medarbetare", "order": 3})
    assert response.status_code == 400 and "finns redan" in response.content.decode()


def test_the_plan_history_keeps_a_removed_item(world, plans):
    client = world.client("controller")
    client.post(url("item_delete", pk=plans["activity"].pk))
    history = client.get(url("plan_history", unit_pk=world.units["DIV"].pk, year=YEAR)).content.decode()
    assert "AKT-1 Friskvårdssatsning" in history and "borttagen" in history


def test_a_closed_plans_measure_cannot_be_adopted(world, plans):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        plan = plans["plans"]["DIV"]
        services.adopt_plan(plan, datetime.date(2025, 11, 1), "RS")
        services.close_plan(Plan.objects.get(pk=plan.pk))
    client = world.client("controller")
    assert client.get(url("adoption_create", pk=plans["measure"].pk)).status_code == 409
    assert client.post(url("adoption_delete", pk=plans["adoption"].pk)).status_code == 302
    with region_scope(world.alfa):
        assert MeasureAdoption.objects.filter(pk=plans["adoption"].pk).exists()


def test_a_lower_units_controller_adopts_from_their_own_page(world, plans):
    from regionplan.models import Role
    from tests.conftest import grant

    with auditing.acting_as(label="test"):
        grant(world.alfa, "vo2@alfa.test", Role.CONTROLLER, world.units["VO2"], subtree=False)
    client = Client()
    client.force_login(User.objects.get(email="vo2@alfa.test"))
    vo2 = world.units["VO2"].pk
    assert client.get(url("adoption_create", pk=plans["measure"].pk) + f"?sida={vo2}").status_code == 200
    response = client.post(
        url("adoption_create", pk=plans["measure"].pk) + f"?sida={vo2}", {"unit": vo2, "target_text": "< 4"}
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        assert MeasureAdoption.objects.get(unit_id=vo2).target == Target(Op.LT, Decimal(4))


def test_removing_an_item_that_next_year_was_copied_from_keeps_the_copy(alfa, plans):
    services.copy_to_next_year(plans["plans"]["ROOT"], include_subtree=True)
    services.delete_item(PlanItem.objects.get(year=YEAR, code="AKT-1"))
    assert PlanItem.objects.get(year=YEAR + 1, code="AKT-1").copied_from_id is None
