"""Safety-round data for the shared tables (view_table, query counts), built with the ORM in
region alfa. (Named test_* to stay among this part's files; it holds no tests.)"""

from __future__ import annotations

import datetime

from regionplan import auditing
from regionplan.tenancy import region_scope
from workenv.defaults import create_default_checklists
from workenv.models import Checklist, ChecklistQuestion, RoundAnswer, SafetyRound


def checklist_kwargs(world) -> dict:
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        create_default_checklists(world.alfa)
        return {"pk": Checklist.objects.get(name="Kontorsarbete").pk}


def build_round(world, unit="DIV", answered=None) -> SafetyRound:
    """A round of `unit` on Kontorsarbete with `answered` questions answered (all but the
    last Ja, the last Nej); all of them when None."""
    checklist_kwargs(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        found = SafetyRound.objects.filter(unit=world.units[unit]).first()
        if found is not None:
            return found
        checklist = Checklist.objects.get(name="Kontorsarbete")
        safety_round = SafetyRound.objects.create(
            unit=world.units[unit],
            checklist=checklist,
            performed_on=datetime.date(2026, 4, 15),
            manager=world.users["manager"],
        )
        questions = list(ChecklistQuestion.objects.filter(checklist=checklist).order_by("order", "pk"))
        chosen = questions if answered is None else questions[:answered]
        for i, q in enumerate(chosen):
            RoundAnswer.objects.create(
                safety_round=safety_round,
                question=q,
                answer="nej" if i == len(chosen) - 1 else "ja",
                comment="Kommentar",
            )
        return safety_round


def round_kwargs(world, question=False, finding=False) -> dict:
    safety_round = build_round(world)
    kwargs = {"pk": safety_round.pk}
    with region_scope(world.alfa):
        if question:
            kwargs["question_pk"] = ChecklistQuestion.objects.filter(checklist=safety_round.checklist).first().pk
        if finding:
            kwargs["answer_pk"] = RoundAnswer.objects.filter(safety_round=safety_round, answer="nej").first().pk
    return kwargs
