"""The safety rounds' demo seeder: default checklists for every region; in Norrbotten two
rounds in the division, with Nej answers turned into actions and one risk; a skyddsombud;
seeding twice adds nothing."""

import pytest
from django.utils import timezone

from regionplan import auditing
from regionplan.models import Role, RoleAssignment
from regionplan.tenancy import region_scope
from workenv import demo, demo_rounds
from workenv.models import Checklist, RoundAnswer, SafetyRound, WorkAction, WorkRisk


def test_the_rounds_part_is_seeded_first():
    assert demo.PARTS[0] == ("workenv.demo_rounds", "seed")


@pytest.mark.django_db
def test_seed_is_idempotent(world):
    region = world.alfa
    region.slug = "norrbotten"  # in memory only: the seeder's demo data is Norrbotten's
    today = timezone.localdate()
    with region_scope(region), auditing.acting_as(label="test"):
        for _ in range(2):
            demo_rounds.seed(region, {}, {"DRS": world.units["DIV"]}, today, lambda *a: None)
        assert Checklist.objects.count() == 2
        rounds = list(SafetyRound.objects.order_by("performed_on"))
        assert len(rounds) == 2 and all(r.completed_on and r.performed_on <= today for r in rounds)
        assert rounds[0].performed_on.month == 4 and rounds[1].performed_on.month == 10
        assert all(r.safety_rep is not None for r in rounds)
        assert RoleAssignment.objects.filter(role=Role.SAFETY_REP, unit=world.units["DIV"]).count() == 1
        assert WorkAction.objects.filter(source=WorkAction.ROUND).count() == 3
        assert WorkRisk.objects.count() == 1
        noes = RoundAnswer.objects.filter(answer=RoundAnswer.NO)
        assert noes.count() == 4 and all(a.action_id or a.risk_id for a in noes)
