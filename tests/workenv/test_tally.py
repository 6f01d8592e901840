"""SAM's kept counts (workenv/tally.py): the keys of a row table-driven, and after every kind
of change — create, edit (kind, unit, date, done), delete, bulk insert, a unit moved with its
subtree — the stored counts equal the counts made again from the rows."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from regionplan import auditing
from regionplan.tenancy import region_scope
from tests.plans import YEAR
from tests.workenv.test_annual_data import build_sam
from workenv import tally
from workenv.models import Incident, UnitActivity, WorkAction

D = datetime.date


@pytest.mark.parametrize(
    "kind, when, serious, reported, keys",
    [
        ("tillbud", (2026, 3, 10, 12), False, None, [("incident:tillbud", 2026, 3)]),
        ("skada", (2026, 3, 10, 12), True, None, [("incident:skada", 2026, 3), ("incident:unreported", 0, 0)]),
        ("skada", (2026, 3, 10, 12), True, D(2026, 3, 11), [("incident:skada", 2026, 3)]),
        # 23:30 UTC on New Year's Eve is already January in Sweden
        ("hot", (2025, 12, 31, 23, 30), False, None, [("incident:hot", 2026, 1)]),
    ],
)
def test_incident_keys(kind, when, serious, reported, keys):
    occurred = datetime.datetime(*when, tzinfo=datetime.UTC)
    assert tally.incident_keys(kind, occurred, serious, reported) == keys


@pytest.mark.parametrize(
    "function, args, keys",
    [
        (tally.activity_keys, (2026, D(2026, 4, 30), None), [("activity:open", 2026, 4)]),
        (tally.activity_keys, (2026, D(2026, 4, 30), D(2026, 5, 2)), [("activity:done", 2026, 4)]),
        (tally.action_keys, (D(2027, 6, 30), None), [("action:open", 2027, 6)]),
        (tally.action_keys, (D(2027, 6, 30), D(2026, 11, 3)), [("action:done", 2026, 11)]),
    ],
)
def test_activity_and_action_keys(function, args, keys):
    assert function(*args) == keys


def same(world) -> None:
    with region_scope(world.alfa):
        assert tally.stored() == +tally.computed()


@pytest.mark.django_db
def test_counts_follow_every_change(world):
    build_sam(world)
    same(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        root, div, vo1, vo2 = (world.units[c] for c in ("ROOT", "DIV", "VO1", "VO2"))
        counts = tally.stored()
        assert counts[(root.pk, "incident:tillbud", YEAR, 3)] == 8
        assert counts[(div.pk, "incident:unreported", 0, 0)] == 1
        # edit: kind, unit, date; reported; done
        incident = Incident.objects.filter(unit=vo1).first()
        incident.kind, incident.unit = Incident.THREAT, vo2
        incident.occurred_at = incident.occurred_at - datetime.timedelta(days=40)
        incident.save()
        serious = Incident.objects.get(serious=True)
        serious.authority_reported_on, serious.authority_case_number = serious.occurred_at.date(), "2026/001"
        serious.save()
        activity = UnitActivity.objects.filter(done_on__isnull=True).first()
        activity.done_on = activity.due_on
        activity.save()
        action = WorkAction.objects.filter(done_on__isnull=True).first()
        action.done_on, action.status = D(YEAR, 5, 5), "green"
        action.save()
        action.save()  # saved twice: counted once
        # loaded without the counted fields, then saved
        partial = Incident.objects.only("pk", "place").filter(unit=vo1).first()
        partial.place = "Lagret"
        partial.save()
    same(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        assert tally.stored()[(div.pk, "incident:unreported", 0, 0)] == 0
        Incident.objects.filter(unit=vo2).first().delete()
        UnitActivity.objects.filter(unit=vo1).delete()
        at = timezone.make_aware(datetime.datetime(YEAR, 6, 1, 9))
        Incident.objects.bulk_create(
            [
                Incident(unit=vo1, kind=Incident.OBSERVATION, occurred_at=at, place="Hall", description="Sladd")
                for _ in range(3)
            ]
        )
    same(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        assert tally.stored()[(root.pk, "incident:observation", YEAR, 6)] == 3
        # VO1 moves from DIV to directly under the nämnd: DIV loses its counts, the nämnd keeps them
        before_div = tally.stored()[(div.pk, "incident:observation", YEAR, 6)]
        vo1.parent = world.units["NAMND"]
        vo1.save()
        counts = tally.stored()
        assert before_div == 3 and counts[(div.pk, "incident:observation", YEAR, 6)] == 0
        assert counts[(world.units["NAMND"].pk, "incident:observation", YEAR, 6)] == 3
    same(world)


@pytest.mark.django_db
def test_rebuild_makes_the_same_counts(world):
    build_sam(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        kept = tally.stored()
        tally.rebuild(world.alfa)
        assert tally.stored() == kept
    with region_scope(world.beta):
        assert tally.stored() == Counter()  # beta's are its own: none


@pytest.mark.django_db
def test_the_command_checks_and_rebuilds(world):
    import io

    from django.core.management import CommandError, call_command

    from workenv.models import SamTally

    build_sam(world)
    out = io.StringIO()
    call_command("sam_tally", region="alfa", stdout=out)
    assert "stämmer med raderna" in out.getvalue()
    with region_scope(world.alfa):
        SamTally.objects.filter(what="incident:tillbud").delete()  # as if rows were changed beside Django
    with pytest.raises(CommandError, match="stämmer inte med raderna"):
        call_command("sam_tally", region="alfa")
    call_command("sam_tally", region="alfa", rebuild=True, stdout=out)
    call_command("sam_tally", region="alfa", stdout=out)
    same(world)


@pytest.mark.django_db
def test_a_deleted_unit_leaves_the_counts_above_it_right_and_a_deleted_region_takes_its_own(world):
    """A unit deleted with its year's activities (they go with it): the units above lose
    them; a region deleted takes its counts along and leaves no count behind."""
    from regionplan.models import OrgUnit, Region
    from regionplan.tenancy import all_regions
    from workenv.models import SamTally

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        leaf = OrgUnit.objects.create(
            parent=world.units["VO1"], name="Ny enhet", code="A-NY", kind=world.units["VO1"].kind
        )
        UnitActivity.objects.create(
            unit=leaf, year=YEAR, name="Skyddsrond", starts_on=D(YEAR, 3, 1), due_on=D(YEAR, 4, 30)
        )
        assert tally.stored()[(world.units["ROOT"].pk, "activity:open", YEAR, 4)] == 1
        OrgUnit.objects.get(pk=leaf.pk).delete()
        assert tally.stored()[(world.units["ROOT"].pk, "activity:open", YEAR, 4)] == 0
    same(world)
    build_sam(world)
    with all_regions(), auditing.paused():
        Region.objects.filter(pk=world.alfa.pk).delete()
        assert not SamTally.objects.filter(region_id=world.alfa.pk).exists()
