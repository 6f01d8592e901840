"""Demo data of the annual follow-up of SAM: every region gets the default questionnaire;
Norrbotten gets the previous year's follow-up of Division Regionstöd's areas (the units
directly under DRS), answered with a mix of Ja / Delvis / Nej and signed, rolled up to the
division, whose own answers are written and signed too. Idempotent: a follow-up that exists
is kept as it is."""

from __future__ import annotations

from regionplan.demo import demo_email
from regionplan.models import OrgUnit, User
from workenv.models import AnnualAnswer, AnnualFollowup, AnnualQuestion
from workenv.queries import add_standard_questions

# Answers cycle through this pattern, shifted per unit, so that the roll-up has every kind.
PATTERN = ["ja", "ja", "delvis", "ja", "nej", "ja", "delvis", "ja"]
COMMENTS = {
    "ja": "Finns och är känt i arbetsgruppen.",
    "delvis": "Påbörjat, men inte genomfört i alla arbetslag.",
    "nej": "Saknas i dag; åtgärd förs in i handlingsplanen.",
}


def seed(region, spec: dict, units: dict, today, log) -> None:
    added = add_standard_questions()
    if added:
        log(f"  SAM: {added} frågor i årlig uppföljning.")
    if region.slug != "norrbotten" or "DRS" not in units:
        return
    year = today.year - 1
    division = units["DRS"]
    questions = list(AnnualQuestion.objects.filter(active=True).order_by("order", "pk"))
    manager = User.objects.filter(email=demo_email("chef", region.slug)).first()
    made = 0
    areas = list(OrgUnit.objects.filter(parent=division).order_by("name"))
    for shift, unit in enumerate(areas + [division]):
        if AnnualFollowup.objects.filter(unit=unit, year=year).exists():
            continue
        followup = AnnualFollowup.objects.create(
            unit=unit,
            year=year,
            summary="Arbetsmiljöarbetet fungerar i stort; brister förs in i handlingsplanen.",
            signed_on=today.replace(year=year + 1, month=3, day=15) if today.month > 3 else today,
            signed_by=manager,
        )
        for i, question in enumerate(questions):
            answer = PATTERN[(i + shift) % len(PATTERN)]
            if answer == "nej" and shift % 2:  # every other area has no Nej: a mix, not all red
                answer = "delvis"
            AnnualAnswer.objects.create(followup=followup, question=question, answer=answer, comment=COMMENTS[answer])
        made += 1
    if made:
        log(f"  SAM: {made} årliga uppföljningar {year}.")
