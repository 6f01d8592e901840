"""Follow-up as managers and controllers use it: what is owed, saving a row with htmx,
values and suggestions, lost updates, deadlines and reopening, finished items, roll-up,
history and reminder digests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse

from followup import services
from followup.models import Assessment, MeasureValue, Reopening
from followup.tasks import send_reminder_digests
from goals.models import PlanItem
from regionplan import auditing
from regionplan.models import AuditEntry, Period
from regionplan.status import Status
from regionplan.tenancy import region_scope
from tests.plans import YEAR, build_plans

HTMX = {"HTTP_HX_REQUEST": "true"}
T3 = f"{YEAR}-T3"


@pytest.fixture
def plans(world):
    return build_plans(world)


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def save_url(world, item, unit="DIV", period=T3):
    return url("report_save", period_code=period, item_pk=item.pk, unit_pk=world.units[unit].pk)


def fields(item, unit, **values):
    """POST data of a row's form (fields carry the row's prefix)."""
    prefix = f"r{item.pk}-{unit.pk}-"
    return {prefix + key: value for key, value in {"version": 0, "status": "none", **values}.items()}


def period(world, code=T3):
    with region_scope(world.alfa):
        return Period.objects.get(code=code)


def load(world, persona_units, code=T3, today=None):
    with region_scope(world.alfa):
        return services.load_followup(period(world, code), persona_units, today)


def test_a_manager_sees_what_their_units_owe_and_the_progress(world, plans):
    page = world.client("manager").get(url("my_followup") + f"?period={T3}").content.decode()
    for code in ("MATT-1", "AKT-1", "UPP-1"):
        assert code in page
    assert "MAL-1" not in page  # the region's goal is not the division's to assess
    assert "0 av 4 klara" in page  # measure for DIV, adopted measure for VO1, activity, assignment
    other = world.client("manager_out").get(url("my_followup") + f"?period={T3}").content.decode()
    assert "MATT-1" not in other and "Inget att följa upp" in other


def test_saving_a_row_swaps_the_row_and_moves_the_progress_line(world, plans):
    activity, div = plans["activity"], world.units["DIV"]
    response = world.client("manager").post(
        save_url(world, activity),
        fields(activity, div, status="yellow", comment="Försenad leverans.", percent_complete="40"),
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<article id="row-') and "Sparat " in body
    assert 'id="progress"' in body and 'hx-swap-oob="true"' in body and "1 av 4 klara" in body
    with region_scope(world.alfa):
        assessment = Assessment.objects.get(item=activity, unit=div)
        assert (assessment.status, assessment.comment, assessment.percent_complete, assessment.version) == (
            Status.YELLOW,
            "Försenad leverans.",
            40,
            1,
        )
        assert assessment.updated_by == world.users["manager"]
        assert AuditEntry.objects.filter(content_type__model="assessment", object_id=assessment.pk).exists()


def test_a_measure_value_per_sex_gives_a_suggestion_that_a_person_may_overrule_with_a_reason(world, plans):
    measure, div = plans["measure"], world.units["DIV"]
    client = world.client("manager")
    data = fields(measure, div, status="yellow", comment="Hög.", value_women="7,4", value_men="4,9", value_total="6,8")
    response = client.post(save_url(world, measure), data, **HTMX)
    assert response.status_code == 422
    assert "Förslaget är Röd. Skriv varför du bedömer Gul." in response.content.decode()
    with region_scope(world.alfa):
        assert not MeasureValue.objects.exists() and not Assessment.objects.exists()
    data[f"r{measure.pk}-{div.pk}-overrule_reason"] = "Trenden vänder."
    response = client.post(save_url(world, measure), data, **HTMX)
    assert response.status_code == 200
    assert "6,8 missar målet &lt; 4,8." in response.content.decode()
    with region_scope(world.alfa):
        values = {v.sex: v.value for v in MeasureValue.objects.filter(measure=measure, unit=div)}
        assert values == {"women": Decimal("7.4"), "men": Decimal("4.9"), "total": Decimal("6.8")}


def test_a_value_entered_again_replaces_the_old_one_which_stays_in_the_history(world, plans):
    measure, div = plans["measure"], world.units["DIV"]
    client = world.client("manager")
    client.post(save_url(world, measure), fields(measure, div, value_total="6,8"), **HTMX)
    client.post(save_url(world, measure), fields(measure, div, version=1, value_total="5,1"), **HTMX)
    with region_scope(world.alfa):
        value = MeasureValue.objects.get(measure=measure, unit=div, sex="total")
        assert value.value == Decimal("5.1")
        change = AuditEntry.objects.filter(
            content_type__model="measurevalue", object_id=value.pk, action="update"
        ).get()
        ((old, new),) = change.changes.values()
        assert Decimal(old) == Decimal("6.8") and Decimal(new) == Decimal("5.1")
    history = client.get(url("followup_history", item_pk=measure.pk, unit_pk=div.pk)).content.decode()
    assert "5,1" in history


def test_a_bad_number_is_explained_and_nothing_is_saved(world, plans):
    measure, div = plans["measure"], world.units["DIV"]
    response = world.client("manager").post(save_url(world, measure), fields(measure, div, value_total="sju"), **HTMX)
    assert response.status_code == 422 and "”sju” är inget tal" in response.content.decode()
    with region_scope(world.alfa):
        assert not MeasureValue.objects.exists()


def test_the_second_of_two_simultaneous_saves_is_refused_and_shows_the_first(world, plans):
    activity, div = plans["activity"], world.units["DIV"]
    first = world.client("manager").post(
        save_url(world, activity), fields(activity, div, status="green", comment="Klart i tid."), **HTMX
    )
    assert first.status_code == 200
    second = world.client("controller").post(
        save_url(world, activity), fields(activity, div, status="red", comment="Ingen start."), **HTMX
    )
    body = second.content.decode()
    assert second.status_code == 409
    assert "Klart i tid." in body and "Ingen start." in body and "Ditt förslag är inte sparat" in body
    with region_scope(world.alfa):
        assessment = Assessment.objects.get(item=activity, unit=div)
        assert (assessment.status, assessment.comment) == (Status.GREEN, "Klart i tid.")
    # The form now carries the saved version: merging and saving again works.
    merged = world.client("controller").post(
        save_url(world, activity),
        fields(activity, div, version=1, status="yellow", comment="Klart i tid. Ingen start för del 2."),
        **HTMX,
    )
    assert merged.status_code == 200


def test_entry_closes_at_the_deadline_and_a_controller_reopens_it(world, plans):
    activity, div = plans["activity"], world.units["DIV"]
    t1 = f"{YEAR}-T1"  # its deadline passed in May
    response = world.client("manager").post(
        save_url(world, activity, period=t1), fields(activity, div, status="green"), **HTMX
    )
    assert response.status_code == 422 and "Sista rapportdag" in response.content.decode()
    page = world.client("manager").get(url("my_followup") + f"?period={t1}").content.decode()
    assert "Stängd: sista rapportdag har passerat." in page
    assert world.client("manager").post(url("followup_reopen", period_code=t1, unit_pk=div.pk)).status_code == 403
    assert world.client("controller").post(url("followup_reopen", period_code=t1, unit_pk=div.pk)).status_code == 302
    response = world.client("manager").post(
        save_url(world, activity, period=t1), fields(activity, div, status="green"), **HTMX
    )
    assert response.status_code == 200
    with region_scope(world.alfa):
        assert Reopening.objects.get().until >= datetime.date.today()


def test_a_finished_assignment_is_not_owed_in_later_periods(world, plans):
    assignment, div = plans["assignment"], world.units["DIV"]
    t2 = f"{YEAR}-T2"
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        Reopening.objects.create(period=period(world, t2), unit=div, until=datetime.date(2100, 1, 1))
    response = world.client("manager").post(
        save_url(world, assignment, period=t2),
        fields(assignment, div, status="green", comment="Planen är beslutad.", finished="on"),
        **HTMX,
    )
    assert response.status_code == 200
    with region_scope(world.alfa):
        assert PlanItem.objects.get(pk=assignment.pk).finished
    assert "UPP-1" in world.client("manager").get(url("my_followup") + f"?period={t2}").content.decode()
    assert "UPP-1" not in world.client("manager").get(url("my_followup") + f"?period={T3}").content.decode()


def test_higher_items_show_a_rolled_up_suggestion_and_keep_their_own_assessment(world, plans):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        p = period(world)
        Assessment.objects.create(item=plans["measure"], unit=world.units["DIV"], period=p, status=Status.RED)
        Assessment.objects.create(item=plans["measure"], unit=world.units["VO1"], period=p, status=Status.GREEN)
        Assessment.objects.create(
            item=plans["factor"], unit=world.units["NAMND"], period=p, status=Status.GREEN, comment="Eget"
        )
        view = services.load_followup(p, Q(pk=world.units["NAMND"].pk))
    factor_row = next(row for row in view.rows if row.item.pk == plans["factor"].pk)
    assert factor_row.rollup.explanation() == "1 röd, 0 gula, 1 grön av 2 → Gul"
    assert factor_row.assessment.status == Status.GREEN  # the suggestion never overwrites


def test_reminders_send_one_digest_per_manager_with_unfinished_items(world, plans, mailoutbox):
    with region_scope(world.alfa):
        p = period(world)
    assert send_reminder_digests(world.alfa.pk, p.pk) == 1  # the division's manager; the other has nothing
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["chef@alfa.test"] and "4 poster" in mail.subject
    assert "MATT-1" in mail.body and "AKT-1" in mail.body and f"/alfa/uppfoljning/?period={T3}" in mail.body
    # once everything is reported, no mail
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for row in services.load_followup(p, Q(path__startswith=world.units["DIV"].path)).rows:
            Assessment.objects.create(item=row.item, unit=row.unit, period=p, status=Status.GREEN)
    mailoutbox.clear()
    assert send_reminder_digests(world.alfa.pk, p.pk) == 0 and mailoutbox == []


def test_the_overview_shows_progress_per_unit_and_who_is_missing(world, plans):
    page = world.client("controller").get(url("followup_overview") + f"?period={T3}").content.decode()
    assert "Division Stöd A" in page and "0 av 3" in page and "Påminn" in page
    assert (
        world.client("controller")
        .post(url("followup_remind", period_code=T3, unit_pk=world.units["DIV"].pk))
        .status_code
        == 302
    )


def test_a_measure_without_values_for_too_long_is_marked_stale(world, plans):
    view = load(world, Q(pk=world.units["DIV"].pk), today=datetime.date(YEAR, 11, 22))
    measure_row = next(row for row in view.rows if row.item.pk == plans["measure"].pk)
    assert measure_row.stale  # monthly measure, no value since January


def test_two_first_saves_of_the_same_row_conflict_instead_of_failing(world, plans):
    """Both read the row before anyone saved it (version 0); the insert race is a conflict."""
    activity, div = plans["activity"], world.units["DIV"]
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        p = period(world)
        row = services.load_row(p, activity, div)
        services.save_report(row, p, {"status": Status.GREEN, "comment": "Först"}, 0, world.users["manager"])
        stale = services.Row(activity, div)  # as read before the first save: no assessment
        stale.open = True
        with pytest.raises(services.Conflict) as clash:
            services.save_report(stale, p, {"status": Status.RED, "comment": "Sen"}, 0, world.users["controller"])
        assert clash.value.current.comment == "Först"


def test_a_controller_reports_unit_by_unit_from_the_overview(world, plans):
    """Without a manager role, "Min uppföljning" holds the units the roles sit on; the
    overview opens any unit in scope, and the progress line follows that choice."""
    client = world.client("controller")
    assert "MATT-1" not in client.get(url("my_followup") + f"?period={T3}").content.decode()
    div = world.units["DIV"]
    page = client.get(url("my_followup") + f"?period={T3}&enhet={div.pk}").content.decode()
    assert "MATT-1" in page and "0 av 4 klara" in page
    activity = plans["activity"]
    response = client.post(
        save_url(world, activity), {**fields(activity, div, status="green"), "enhet": div.pk}, **HTMX
    )
    assert "1 av 4 klara" in response.content.decode()
    assert world.client("manager_out").get(url("my_followup") + f"?enhet={div.pk}").status_code == 403


@pytest.mark.parametrize("item_value", ["abc", "999999"])
def test_reopening_an_unknown_item_is_a_404_and_writes_nothing(world, plans, item_value):
    response = world.client("controller").post(
        url("followup_reopen", period_code=T3, unit_pk=world.units["DIV"].pk), {"item": item_value}
    )
    assert response.status_code == 404
    with region_scope(world.alfa):
        assert not Reopening.objects.exists()


def test_reopening_an_item_of_another_unit_is_refused(world, plans):
    """The board's factor is not the division's to reopen."""
    response = world.client("controller").post(
        url("followup_reopen", period_code=T3, unit_pk=world.units["DIV"].pk), {"item": plans["factor"].pk}
    )
    assert response.status_code == 404
    response = world.client("controller").post(
        url("followup_reopen", period_code=T3, unit_pk=world.units["VO1"].pk), {"item": plans["measure"].pk}
    )  # adopted by VO1
    assert response.status_code == 302
