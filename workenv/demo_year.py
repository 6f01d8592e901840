"""Demo SAM year (issue 18): every region gets the standard template; in Norrbotten,
Division Regionstöd and its areas get this year's activities, those already due done with
a date and a comment — except the autumn fire-safety round of Sjukresor, left overdue."""

from __future__ import annotations

import datetime

from regionplan.models import OrgUnit
from workenv.models import UnitActivity
from workenv.services_year import add_standard_activities, make_year

COMMENTS = {
    "Årlig uppföljning av SAM": "Genomförd på APT, skickad till närmaste chef.",
    "Skyddsrond vår": "Genomförd med skyddsombud; brister i handlingsplanen.",
    "Löneöversyn och arbetsmiljö i budgetdialogen": "Bemanning och ergonomi togs upp.",
    "Brandskyddsrond": "Utrymningsvägar och släckutrustning kontrollerade.",
    "Medarbetarenkät": "Svarsfrekvens 81 %, resultatet genomgånget på APT.",
    "Skyddsrond höst": "Genomförd med skyddsombud.",
}


def seed(region, spec: dict, units: dict, today, log) -> None:
    made = add_standard_activities()
    if made:
        log(f"  Arbetsmiljö: årshjulet med {made} aktiviteter.")
    division = units.get("DRS")
    if region.slug != "norrbotten" or division is None or UnitActivity.objects.filter(unit=division).exists():
        return
    year = today.year
    for unit in [division, *OrgUnit.objects.filter(parent=division).order_by("code")]:
        make_year(unit, year)
    late = units.get("DRS-SJR")
    for activity in UnitActivity.objects.filter(year=year, unit__path__startswith=division.path, due_on__lt=today):
        if late is not None and activity.unit_id == late.pk and activity.name == "Brandskyddsrond":
            continue
        activity.done_on = activity.due_on - datetime.timedelta(days=7)
        activity.comment = COMMENTS.get(activity.name, "")
        activity.save()
    log(f"  Arbetsmiljö: årets aktiviteter för {division.name} och enheterna under.")
