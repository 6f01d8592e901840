"""Demo data of checklists and safety rounds: every region gets the default checklists; in
Norrbotten, Division Regionstöd gets two rounds this year or last (spring and autumn), each
with findings (Nej) that became actions in the handlingsplan, and one a risk to assess. The
core demo has no skyddsombud, so a demo user "skyddsombud" is given the role on the
division (a .demo address, removed with the other demo users). Idempotent."""

from __future__ import annotations

import datetime

from regionplan.demo import DEMO_PASSWORD, demo_email
from regionplan.models import Role
from regionplan.models.riskmatrix import RiskMatrix
from regionplan.orgtree import grant_role
from workenv import rules_rounds
from workenv.defaults import create_default_checklists
from workenv.models import Checklist, RiskAssessment, RoundAnswer, SafetyRound, WorkAction, WorkRisk

# question number (1-based in the checklist) → comment, for the Nej answers; None: risk
FINDINGS = [
    {2: ("Bländning från fönstren i kontorslandskapet.", "action"), 7: ("Rutinen är inte känd av alla.", "action")},
    {4: ("Utrymningsvägen i källaren belamrad med kartonger.", "action"), 6: ("Hög belastning inför bokslut.", "risk")},
]


def _rounds_dates(today) -> list[datetime.date]:
    """Spring and autumn rounds in the past: this year's if autumn has passed, else last year's."""
    year = today.year if today >= datetime.date(today.year, 10, 15) else today.year - 1
    return [datetime.date(year, 4, 20), datetime.date(year, 10, 12)]


def seed(region, spec: dict, units: dict, today, log) -> None:
    made = create_default_checklists(region)
    if made:
        log(f"  {made} standardchecklistor för skyddsrond.")
    if region.slug != "norrbotten" or "DRS" not in units:
        return
    division = units["DRS"]
    rep, _assignment, created, _role_created = grant_role(
        demo_email("skyddsombud", region.slug), Role.SAFETY_REP, division, True, full_name="Anders Berg"
    )
    if created:
        rep.set_password(DEMO_PASSWORD)
        rep.save(update_fields=["password"])
    if SafetyRound.objects.filter(unit=division).exists():
        return
    manager = type(rep).objects.filter(email=demo_email("chef", region.slug)).first() or rep
    checklist = Checklist.objects.get(name="Kontorsarbete")
    questions = list(checklist.questions.order_by("order", "pk"))
    for performed_on, findings in zip(_rounds_dates(today), FINDINGS, strict=True):
        safety_round = SafetyRound.objects.create(
            unit=division,
            checklist=checklist,
            performed_on=performed_on,
            manager=manager,
            safety_rep=rep,
            other_participants="HR-partner, lokalvärd",
            completed_on=performed_on,
        )
        for number, question in enumerate(questions, start=1):
            comment, turn = findings.get(number, ("", None))
            answer = RoundAnswer.objects.create(
                safety_round=safety_round,
                question=question,
                answer=RoundAnswer.NO if turn else RoundAnswer.YES,
                comment=comment,
            )
            text = rules_rounds.finding_what(question.text, comment)
            if turn == "action":
                answer.action = WorkAction.objects.create(
                    unit=division,
                    what=text,
                    why=rules_rounds.finding_why(performed_on, question.text),
                    source=WorkAction.ROUND,
                    safety_round=safety_round,
                    owner=manager,
                    deadline=rules_rounds.action_deadline(performed_on),
                )
                answer.save()
            elif turn == "risk":
                assessment = RiskAssessment.objects.create(
                    unit=division,
                    title=f"Skyddsrond {performed_on.isoformat()}",
                    reason=RiskAssessment.ROUND,
                    safety_round=safety_round,
                    matrix=RiskMatrix.for_valuation(),
                    assessed_on=performed_on,
                )
                answer.risk = WorkRisk.objects.create(assessment=assessment, number=1, hazard=text)
                answer.save()
    log("  2 skyddsronder i Division Regionstöd med avvikelser till handlingsplanen.")
