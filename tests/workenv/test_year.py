"""The SAM year: the region's template (defaults, bad months refused), a unit's year made
from it and shown as a wheel with its list, marking done (bad dates refused), and what is
due on Min uppföljning."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from regionplan import registry
from regionplan.models import Period
from regionplan.tenancy import region_scope
from tests.plans import YEAR
from workenv.models import STANDARD_ACTIVITIES, ActivityTemplate, UnitActivity


def url(name, *args):
    return reverse(name, args=["alfa", *args])


def with_year(world, unit="VO1"):
    """The standard template and the unit's year (controller defaults, manager makes it)."""
    assert world.client("controller").post(url("we_year_template_defaults")).status_code == 302
    assert world.client("manager").post(url("we_year_create", world.units[unit].pk, YEAR)).status_code == 302
    with region_scope(world.alfa):
        return list(UnitActivity.objects.filter(unit=world.units[unit], year=YEAR).order_by("due_on"))


@pytest.mark.django_db
def test_defaults_and_a_year_made_from_them(world):
    activities = with_year(world)
    assert len(activities) == len(STANDARD_ACTIVITIES)
    spring = next(a for a in activities if a.name == "Skyddsrond vår")
    assert (spring.starts_on, spring.due_on) == (datetime.date(YEAR, 3, 1), datetime.date(YEAR, 4, 30))
    # again: nothing twice
    with_year(world)
    with region_scope(world.alfa):
        assert UnitActivity.objects.filter(unit=world.units["VO1"], year=YEAR).count() == len(STANDARD_ACTIVITIES)


@pytest.mark.django_db
def test_the_wheel_has_twelve_months_an_accessible_name_and_a_list(world):
    with_year(world)
    page = world.client("reader").get(url("we_year", world.units["VO1"].pk, YEAR)).content.decode()
    assert page.count('<path d="M210,210') == 12
    assert 'role="img"' in page and 'aria-labelledby="wheel-title wheel-desc"' in page
    assert "(hjulet som lista)" in page and "Skyddsrond höst" in page
    assert url("we_year_create", world.units["VO1"].pk, YEAR) not in page  # a reader makes nothing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data,message",
    [
        ({"name": "Ny", "start_month": 11, "due_month": 2, "active": "on"}, "kalenderår"),
        ({"name": "Ny", "start_month": 13, "due_month": 2, "active": "on"}, "giltigt"),
        ({"name": "Skyddsrond vår", "start_month": 3, "due_month": 4, "active": "on"}, "redan"),
    ],
)
def test_bad_template_activities_are_refused(world, data, message):
    with_year(world)
    with region_scope(world.alfa):
        before = ActivityTemplate.objects.count()
    response = world.client("controller").post(url("we_year_template"), data)
    assert response.status_code == 400 and message in response.content.decode()
    with region_scope(world.alfa):
        assert ActivityTemplate.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "done_on,message",
    [
        ("2099-01-01", "framtiden"),
        (f"{YEAR - 1}-12-31", "före årets början"),
        ("", "måste fyllas i"),
        ("igår", "giltigt"),
    ],
)
def test_marking_done_refuses_bad_dates(world, done_on, message):
    activity = with_year(world)[0]
    response = world.client("manager").post(url("we_activity", activity.pk), {"done_on": done_on})
    assert response.status_code == 400 and message in response.content.decode()
    with region_scope(world.alfa):
        assert UnitActivity.objects.get(pk=activity.pk).done_on is None


@pytest.mark.django_db
def test_marking_done_and_undoing(world):
    activity = with_year(world)[0]
    client = world.client("manager")
    day = min(timezone.localdate(), datetime.date(YEAR, 12, 31))
    response = client.post(url("we_activity", activity.pk), {"done_on": day.isoformat(), "comment": "På APT."})
    assert response.status_code == 302
    with region_scope(world.alfa):
        done = UnitActivity.objects.get(pk=activity.pk)
    assert done.done_on == day and done.comment == "På APT." and done.done_by == world.users["manager"]
    assert client.post(url("we_activity", activity.pk), {"angra": "1"}).status_code == 302
    with region_scope(world.alfa):
        assert UnitActivity.objects.get(pk=activity.pk).done_on is None


@pytest.mark.django_db
def test_what_is_due_stands_on_min_uppfoljning(world):
    with_year(world)
    with region_scope(world.alfa):
        period = Period.objects.get(code=f"{YEAR}-T1")
        owed = [
            o
            for o in registry.owed(period, Q(path__startswith=world.units["DIV"].path), datetime.date(YEAR, 4, 10))
            if o.kind == "SAM-aktivitet"
        ]
    assert sorted(o.title for o in owed) == ["Skyddsrond vår", "Årlig uppföljning av SAM"]
    assert [o.title for o in owed if o.overdue] == ["Årlig uppföljning av SAM"]  # due 31 March
