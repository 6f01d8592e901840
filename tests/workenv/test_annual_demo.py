"""The annual follow-up's demo seeder: the default questionnaire for every region, and for
Norrbotten the previous year's follow-up of the division's areas and the division, signed;
seeding twice changes nothing."""

import datetime
from types import SimpleNamespace

import pytest

from regionplan import auditing
from regionplan.tenancy import region_scope
from workenv import demo, queries
from workenv.models import AnnualAnswer, AnnualFollowup, AnnualQuestion

TODAY = datetime.date(2026, 6, 1)


def test_the_annual_part_is_seeded_last():
    assert demo.PARTS[-1] == ("workenv.demo_annual", "seed")


@pytest.mark.django_db
def test_seed_is_idempotent_and_rolls_up(world):
    from workenv import demo_annual

    region = SimpleNamespace(slug="norrbotten")
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for _ in range(2):
            demo_annual.seed(region, {}, {"DRS": world.units["DIV"]}, TODAY, lambda *a: None)
        assert AnnualQuestion.objects.count() == 8
        followups = AnnualFollowup.objects.filter(year=2025)
        assert followups.count() == 3  # VO1, VO2 and the division
        assert all(f.signed_on for f in followups)
        assert AnnualAnswer.objects.count() == 3 * 8
        direct, _subtree, _children = queries.annual_rollup(world.units["DIV"], 2025, queries.active_questions())
        assert direct.signed == 2
        answers = {(t.yes, t.partly, t.no) for t in direct.tallies}
        assert any(no for _y, _p, no in answers) and any(p for _y, p, _n in answers)
