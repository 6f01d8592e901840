"""The SAM dashboard (we_index): the year's activities, incidents per kind and month with
"< 5" for readers, unreported serious incidents, actions and the annual follow-up per unit,
with drill to a unit below."""

import datetime

import pytest
from django.urls import reverse

from regionplan.tenancy import region_scope
from tests.plans import YEAR
from tests.workenv.test_annual_data import build_sam
from workenv import queries


def url(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("we_index", kwargs={"region_slug": "alfa"}) + (f"?{query}" if query else "")


@pytest.mark.django_db
def test_figures_in_sql(world):
    build_sam(world)
    with region_scope(world.alfa):
        board = queries.dashboard(world.units["DIV"], YEAR, datetime.date(YEAR, 6, 1))
    t = board.total
    assert (t.activities_done, t.activities_overdue, t.activities_due) == (1, 1, 1)
    assert (t.incidents, t.serious_unreported) == (9, 1)
    assert (t.actions_open, t.actions_overdue, t.actions_done) == (2, 1, 1)
    assert board.incidents == {("tillbud", 3): 8, ("skada", 3): 1}
    vo1, vo2 = board.per_child[world.units["VO1"].pk], board.per_child[world.units["VO2"].pk]
    assert (vo1.incidents, vo1.actions_open, vo2.incidents, vo2.serious_unreported) == (6, 2, 3, 1)


@pytest.mark.django_db
def test_manager_sees_counts_and_the_units_below(world):
    build_sam(world)
    page = world.client("manager").get(url(ar=YEAR)).content.decode()
    assert "Division Stöd A" in page  # the manager's highest unit
    assert "Område Ett A" in page and "Område Två A" in page
    assert "Skar sig" not in page  # no free text on the dashboard
    assert "&lt; 5" not in page


@pytest.mark.django_db
def test_reader_sees_small_counts_hidden_and_drills(world):
    build_sam(world)
    client = world.client("reader")
    page = client.get(url(enhet=world.units["DIV"].pk, ar=YEAR)).content.decode()
    assert "&lt; 5" in page
    response = client.get(url(enhet=world.units["VO1"].pk, ar=YEAR))
    assert response.status_code == 200
    assert "Område Ett A" in response.content.decode()


@pytest.mark.django_db
def test_bad_and_foreign_parameters(world):
    client = world.client("manager")
    assert client.get(url(enhet=world.beta_units["DIV"].pk)).status_code == 404
    assert client.get(url(enhet="x")).status_code == 404
    assert client.get(url(ar="tjugo")).status_code == 404
    assert client.get(url(enhet=world.units["OTHER"].pk)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "today",
    [
        # build_sam: activities due YEAR-03-28 (done), 04-28 and 12-28; actions due 01-31, next
        # year 06-30, and one done 02-01
        datetime.date(YEAR, 1, 15),
        datetime.date(YEAR, 1, 31),  # the action due today is not late yet
        datetime.date(YEAR, 2, 1),
        datetime.date(YEAR, 4, 28),
        datetime.date(YEAR, 4, 29),  # due yesterday, this month: late by the live count
        datetime.date(YEAR, 12, 31),
        datetime.date(YEAR + 1, 7, 1),
    ],
)
def test_due_and_overdue_match_a_count_of_the_rows(world, today):
    """The kept counts go by month; what fell due earlier this month is counted live. Both
    together must say what counting the rows says, on any day."""
    from workenv.models import UnitActivity, WorkAction

    build_sam(world)
    with region_scope(world.alfa):
        t = queries.dashboard(world.units["ROOT"], YEAR, today).total
        activities = list(UnitActivity.objects.filter(year=YEAR))
        actions = list(WorkAction.objects.all())
    open_activities = [a for a in activities if not a.done_on]
    assert t.activities_overdue == sum(a.due_on < today for a in open_activities)
    assert t.activities_due == sum(a.due_on >= today for a in open_activities)
    assert t.activities_done == len(activities) - len(open_activities)
    open_actions = [a for a in actions if not a.done_on]
    assert (t.actions_open, t.actions_overdue) == (len(open_actions), sum(a.deadline < today for a in open_actions))
    assert t.actions_done == sum(bool(a.done_on and a.done_on.year == YEAR) for a in actions)
