"""The action plan's demo seeder: a risk assessment ahead of an organisational change with
four valued risks, eight actions of mixed sources in the division and its areas (one
overdue, two done, owned by people who keep the unit's SAM), some linked to the demo
incidents; seeding twice adds nothing, and what it writes passes the action rules."""

import datetime

import pytest
from django.utils import timezone

from regionplan import auditing, riskmatrix
from regionplan.permissions import holders_by_unit
from regionplan.personaldata import find
from regionplan.status import Status
from regionplan.tenancy import region_scope
from workenv import demo, demo_actions, demo_incidents, rules_actions
from workenv.forms_actions import OWNER_ROLES
from workenv.models import RiskAssessment, WorkAction, WorkActionUpdate, WorkRisk


def test_the_actions_part_comes_after_the_incidents_and_before_the_year():
    """The action plan is seeded after the incidents it links to, before the year and annual parts."""
    names = [module for module, _function in demo.PARTS]
    assert names.index("workenv.demo_incidents") < names.index("workenv.demo_actions")
    assert names.index("workenv.demo_actions") < names.index("workenv.demo_year")
    assert names.index("workenv.demo_actions") < names.index("workenv.demo_annual")


def _seed(region, units, today, times=1):
    """Seed the incidents and the action plan `times` times."""
    for _ in range(times):
        demo_incidents.seed(region, {}, units, today, lambda *a: None)
        demo_actions.seed(region, {}, units, today, lambda *a: None)


@pytest.mark.django_db
def test_seed_is_idempotent_and_varied(world):
    """The assessment, its risks and the actions are there once, as the form would accept them."""
    region = world.alfa
    region.slug = "norrbotten"  # in memory only: the seeder's demo data is Norrbotten's
    today = timezone.localdate()
    units = {"DRS": world.units["DIV"]}
    lines = []
    with region_scope(region), auditing.acting_as(label="test"):
        for unit in world.units.values():
            unit.valid_from = datetime.date(2020, 1, 1)
            unit.save()
        _seed(region, units, today)
        counts = (RiskAssessment.objects.count(), WorkRisk.objects.count(), WorkAction.objects.count())
        updates = WorkActionUpdate.objects.count()
        demo_actions.seed(region, {}, units, today, lines.append)
        assert lines == []  # nothing to do the second time
        _seed(region, units, today)
        assert (RiskAssessment.objects.count(), WorkRisk.objects.count(), WorkAction.objects.count()) == counts
        assert WorkActionUpdate.objects.count() == updates

        (assessment,) = RiskAssessment.objects.filter(title=demo_actions.TITLE)
        assert assessment.unit == world.units["DIV"]
        assert assessment.reason == RiskAssessment.CHANGE
        assert assessment.change_kind == RiskAssessment.ORGANISATION
        assert assessment.assessed_on < today and assessment.participants
        risks = list(assessment.risks.all())
        assert len(risks) == 4
        for risk in risks:
            assert riskmatrix.in_matrix(assessment.matrix.definition, risk.likelihood, risk.impact)
            assert risk.measures

        actions = list(WorkAction.objects.select_related("unit"))
        assert len(actions) >= 8
        assert {a.source for a in actions} >= {WorkAction.ASSESSMENT, WorkAction.INCIDENT, WorkAction.SURVEY}
        assert WorkAction.objects.filter(source=WorkAction.ASSESSMENT, risk__assessment=assessment).count() == 2
        assert WorkAction.objects.filter(source=WorkAction.INCIDENT, incident__isnull=False).exists()
        overdue = [a for a in actions if rules_actions.is_overdue(a.deadline, a.done_on, today)]
        assert len(overdue) == 1
        done = [a for a in actions if a.done_on]
        assert len(done) == 2 and all(a.status == Status.GREEN for a in done)
        assert sum(1 for a in done if a.effect_checked_on and a.effect_note) == 1
        assert {a.unit for a in actions} > {world.units["DIV"]}  # the areas have plans too
        keepers = holders_by_unit({a.unit for a in actions}, OWNER_ROLES)
        for a in actions:
            assert a.owner in keepers[a.unit_id]
            assert not rules_actions.action_problems(
                owner=a.owner,
                deadline=a.deadline,
                status=a.status,
                done_on=a.done_on,
                effect_checked_on=a.effect_checked_on,
                today=today,
            )
            for text in (a.what, a.why, a.effect_note):
                assert not find(text)
        for text in (assessment.title, assessment.description, assessment.participants):
            assert not find(text)
        for update in WorkActionUpdate.objects.select_related("action", "period"):
            action = update.action
            assert update.period.end < today
            assert rules_actions.action_owed(
                action.created_at.date(), action.done_on, update.period.start, update.period.end
            )


@pytest.mark.django_db
def test_without_incidents_the_actions_come_from_the_survey(world):
    """With no demo incidents to link, the incident actions are the survey's instead."""
    region = world.alfa
    region.slug = "norrbotten"
    today = timezone.localdate()
    with region_scope(region), auditing.acting_as(label="test"):
        demo_actions.seed(region, {}, {"DRS": world.units["DIV"]}, today, lambda *a: None)
        assert WorkAction.objects.count() == len(demo_actions.ACTIONS)
        assert not WorkAction.objects.filter(source=WorkAction.INCIDENT).exists()
        assert WorkAction.objects.filter(source=WorkAction.SURVEY).count() == 5


@pytest.mark.django_db
def test_other_regions_get_nothing(world):
    """Only Norrbotten's Division Regionstöd gets the demo action plan."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        demo_actions.seed(world.alfa, {}, {"DRS": world.units["DIV"]}, timezone.localdate(), lambda *a: None)
        assert not WorkAction.objects.exists() and not RiskAssessment.objects.exists()
