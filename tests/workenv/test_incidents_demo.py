"""The incidents' demo seeder: a dozen incidents of every kind over the last year in the
division and its areas, one serious and reported, some closed; seeding twice adds nothing,
and what it writes passes the incident rules (no personal data, nothing in the future)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from regionplan import auditing
from regionplan.personaldata import find
from regionplan.tenancy import region_scope
from workenv import demo, demo_incidents, rules_incidents
from workenv.models import Incident


def test_the_incidents_part_is_seeded():
    assert ("workenv.demo_incidents", "seed") in demo.PARTS


@pytest.mark.django_db
def test_seed_is_idempotent_and_varied(world):
    region = SimpleNamespace(slug="norrbotten")
    today = timezone.localdate()
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for unit in world.units.values():
            unit.valid_from = datetime.date(2020, 1, 1)
            unit.save()
        for _ in range(2):
            demo_incidents.seed(region, {}, {"DRS": world.units["DIV"]}, today, lambda *a: None)
        incidents = list(Incident.objects.all())
        assert len(incidents) == len(demo_incidents.INCIDENTS) == 12
        assert {i.kind for i in incidents} == {"tillbud", "skada", "observation", "hot"}
        (serious,) = [i for i in incidents if i.serious]
        assert serious.authority_reported_on and serious.authority_case_number.endswith("/012345")
        assert sum(1 for i in incidents if i.closed_on) >= 3
        assert len({i.unit_id for i in incidents}) == 3  # VO1, VO2 and the division
        for i in incidents:
            assert i.occurred_at <= timezone.now()
            assert i.occurred_at >= timezone.now() - datetime.timedelta(days=366)
            for text in (i.place, i.description, i.immediate_action, i.causes):
                assert not find(text)
            occurred_on = timezone.localtime(i.occurred_at).date()
            assert not rules_incidents.closing_problem(
                i.closed_on, occurred_on, today, i.serious, i.authority_reported_on
            )
