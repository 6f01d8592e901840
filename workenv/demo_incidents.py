"""Demo data of incident reports: for Norrbotten, a dozen incidents of different kinds over
the last year in Division Regionstöd and its areas (the units directly under DRS): one
serious and reported to Arbetsmiljöverket, some investigated and closed, some still open.
No personal data in the texts. Idempotent: nothing is added once the division's units
have incidents."""

from __future__ import annotations

import datetime

from django.utils import timezone

from regionplan.models import OrgUnit
from workenv.models import Incident

# (days ago, kind, place, what happened, what was done at once, serious, causes, closed after days)
INCIDENTS = [
    (
        340,
        "tillbud",
        "Trapphuset vid entré A",
        "Halkade i trappan när det var blött efter städning.",
        "Satte ut varningsskylt.",
        False,
        "Städning mitt på dagen utan skyltning.",
        14,
    ),
    (
        300,
        "observation",
        "Kopieringsrummet",
        "Trasig elkontakt bakom skrivaren.",
        "Stängde av strömmen och felanmälde.",
        False,
        "Slitage; kontakten byttes.",
        7,
    ),
    (
        270,
        "hot",
        "Receptionen",
        "En besökare hotade personalen verbalt vid disken.",
        "Larmade väktare som tog hand om besökaren.",
        False,
        "Ensamarbete i receptionen vid lunch.",
        30,
    ),
    (
        230,
        "skada",
        "Lagret",
        "Klämskada på handen vid hantering av pallyftare.",
        "Första hjälpen, besök på vårdcentral.",
        True,
        "Pallyftarens broms fungerade inte.",
        45,
    ),
    (
        200,
        "tillbud",
        "Parkeringen",
        "Nära påkörning vid utfarten i mörker.",
        "Informerade fastighetsägaren.",
        False,
        "",
        None,
    ),
    (
        170,
        "observation",
        "Kontorslandskapet plan 3",
        "Dålig ventilation, hög koldioxidhalt på eftermiddagar.",
        "Öppnade fönster, felanmälde ventilationen.",
        False,
        "Ventilationen injusterad fel efter ombyggnad.",
        40,
    ),
    (
        140,
        "tillbud",
        "Köket plan 2",
        "Kaffebryggare överhettades och började ryka.",
        "Drog ur kontakten.",
        False,
        "",
        None,
    ),
    (
        110,
        "skada",
        "Korridoren vid hissarna",
        "Snubblade över en sladd och stukade foten.",
        "Kylpåse, sjukskrivning en dag.",
        False,
        "Tillfällig sladd utan kabelskydd.",
        10,
    ),
    (80, "hot", "Telefonväxeln", "Hotfullt samtal mot verksamheten.", "Polisanmälan gjord.", False, "", None),
    (50, "observation", "Arkivet", "Tunga pärmar på hög hylla.", "Flyttade de tyngsta ner.", False, "", None),
    (25, "tillbud", "Mötesrum Luleå", "Stol gick sönder när någon satte sig.", "Tog stolen ur bruk.", False, "", None),
    (6, "observation", "Entré B", "Isbildning vid entrén.", "Sandade och felanmälde.", False, "", None),
]
CASE_NUMBER = "%d/012345"


def seed(region, spec: dict, units: dict, today, log) -> None:
    if region.slug != "norrbotten" or "DRS" not in units:
        return
    division = units["DRS"]
    areas = list(OrgUnit.objects.filter(parent=division).order_by("name"))
    targets = areas or [division]
    if Incident.objects.filter(unit__in=[division, *areas]).exists():
        return
    now = timezone.localtime()
    made = 0
    for i, (days, kind, place, what, done, serious, causes, closed_after) in enumerate(INCIDENTS):
        unit = (targets + [division])[i % (len(targets) + 1)]
        when = (now - datetime.timedelta(days=days)).replace(hour=9 + i % 8, minute=15, second=0, microsecond=0)
        start = unit.valid_from
        if start and when.date() < start:  # a unit younger than the demo year: the incident is newer
            when = now - datetime.timedelta(hours=1 + i)
        occurred_on = when.date()
        incident = Incident(
            unit=unit,
            kind=kind,
            occurred_at=when,
            place=place,
            description=what,
            immediate_action=done,
            serious=serious,
            causes=causes,
        )
        if serious:
            incident.authority_reported_on = min(occurred_on + datetime.timedelta(days=1), today)
            incident.authority_case_number = CASE_NUMBER % occurred_on.year
        if closed_after is not None:
            incident.closed_on = min(occurred_on + datetime.timedelta(days=closed_after), today)
        incident.save()
        made += 1
    log(f"  SAM: {made} händelser (tillbud, skador, riskobservationer, hot och våld).")
    # The division's measure "Antal rapporterade tillbud" gets its counts, as the night would.
    from workenv.values import import_incident_counts

    for year in sorted({i.occurred_at.year for i in Incident.objects.filter(unit__in=[division, *areas])}):
        job = import_incident_counts(year)
        if job is not None:
            log(f"  SAM: antal tillbud {year} till målens mått ({job.created} värden).")
