"""SAM data for the annual-follow-up, dashboard and report tests and the shared tables (view_table,
query counts), built with the ORM in region alfa. (Named test_* to stay among this part's files; it
holds no tests.)"""

from __future__ import annotations

import datetime

from django.utils import timezone

from regionplan import auditing
from regionplan.tenancy import region_scope
from tests.plans import YEAR
from workenv import queries
from workenv.models import AnnualAnswer, AnnualFollowup, AnnualQuestion, Incident, UnitActivity, WorkAction


def build_sam(world, incidents_vo1=6, incidents_vo2=2):
    """VO1 and VO2 with a year of SAM: activities (one done, one overdue, one due), incidents
    (tillbud in March, one serious unreported in VO2), actions (open, overdue, done) and the
    annual follow-up (VO1 signed all Ja but one Nej; VO2 begun with a Delvis)."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        queries.add_standard_questions()
        questions = list(AnnualQuestion.objects.order_by("order", "pk"))
        vo1, vo2 = world.units["VO1"], world.units["VO2"]
        for unit, done_on, due in ((vo1, datetime.date(YEAR, 3, 1), 3), (vo1, None, 4), (vo2, None, 12)):
            UnitActivity.objects.create(
                unit=unit,
                year=YEAR,
                name=f"Aktivitet {due}",
                starts_on=datetime.date(YEAR, due, 1),
                due_on=datetime.date(YEAR, due, 28),
                done_on=done_on,
            )
        at = timezone.make_aware(datetime.datetime(YEAR, 3, 10, 12))
        for unit, n in ((vo1, incidents_vo1), (vo2, incidents_vo2)):
            for _ in range(n):
                Incident.objects.create(
                    unit=unit, kind=Incident.NEAR_MISS, occurred_at=at, place="Förråd", description="Halkade nästan"
                )
        Incident.objects.create(
            unit=vo2, kind=Incident.INJURY, occurred_at=at, place="Kök", description="Skar sig", serious=True
        )
        owner = world.users["manager"]
        for unit, deadline, done_on in (
            (vo1, datetime.date(YEAR, 1, 31), None),
            (vo1, datetime.date(YEAR + 1, 6, 30), None),
            (vo2, datetime.date(YEAR, 2, 1), datetime.date(YEAR, 2, 1)),
        ):
            WorkAction.objects.create(
                unit=unit, what="Åtgärda", source=WorkAction.OTHER, owner=owner, deadline=deadline, done_on=done_on
            )
        f1 = AnnualFollowup.objects.create(unit=vo1, year=YEAR, signed_on=datetime.date(YEAR, 3, 1), signed_by=owner)
        for i, question in enumerate(questions):
            AnnualAnswer.objects.create(followup=f1, question=question, answer="nej" if i == 1 else "ja")
        f2 = AnnualFollowup.objects.create(unit=vo2, year=YEAR)
        AnnualAnswer.objects.create(followup=f2, question=questions[0], answer="delvis")
    return questions


def question_kwargs(world) -> dict:
    """The first question of alfa's questionnaire (the defaults added once), for view_table."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        queries.add_standard_questions()
        return {"pk": AnnualQuestion.objects.order_by("order", "pk").first().pk}


def annual_kwargs(world, question=False) -> dict:
    """DIV's follow-up of YEAR's URL arguments (with a question's, for the answer view)."""
    kwargs = {"unit_pk": world.units["DIV"].pk, "year": YEAR}
    if question:
        kwargs["question_pk"] = question_kwargs(world)["pk"]
    return kwargs


def grow_sam(world) -> bool:
    """For the pinned query counts: every unit under DIV (however many `grow` made) gets its
    SAM year once — an activity, two incidents (one serious), an action and its annual
    follow-up with every question answered — so that the 10× measure has 10× the data."""
    from regionplan.models import OrgUnit

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        queries.add_standard_questions()
        questions = list(AnnualQuestion.objects.order_by("order", "pk"))
        div = world.units["DIV"]
        have = set(AnnualFollowup.objects.filter(year=YEAR).values_list("unit_id", flat=True))
        owner = world.users["manager"]
        at = timezone.make_aware(datetime.datetime(YEAR, 5, 10, 12))
        for n, unit in enumerate(OrgUnit.objects.filter(path__startswith=div.path).order_by("pk")):
            if unit.pk in have:
                continue
            UnitActivity.objects.create(
                unit=unit,
                year=YEAR,
                name="Skyddsrond",
                starts_on=datetime.date(YEAR, 4, 1),
                due_on=datetime.date(YEAR, 4, 30),
            )
            Incident.objects.create(
                unit=unit, kind=Incident.NEAR_MISS, occurred_at=at, place="Förråd", description="Nära"
            )
            Incident.objects.create(
                unit=unit, kind=Incident.INJURY, occurred_at=at, place="Kök", description="Skada", serious=True
            )
            WorkAction.objects.create(
                unit=unit, what="Åtgärda", source=WorkAction.OTHER, owner=owner, deadline=datetime.date(YEAR, 6, 1)
            )
            followup = AnnualFollowup.objects.create(
                unit=unit, year=YEAR, signed_on=datetime.date(YEAR, 3, 1) if n % 2 else None
            )
            for i, question in enumerate(questions):
                AnnualAnswer.objects.create(
                    followup=followup, question=question, answer=("ja", "delvis", "nej")[(i + n) % 3]
                )
    return True
