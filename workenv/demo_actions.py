"""Demo data of the action plan (handlingsplan): for Norrbotten, a risk assessment ahead of
an organisational change in Division Regionstöd ("riskbedömning inför förändring", four
valued risks with decided measures) and eight actions in the division's and its areas'
plans (the units directly under DRS), from the assessment, from incidents seeded before,
from the employee survey and from elsewhere: one overdue, two done (one with its effect
checked), the rest under way, followed up in the last reporting period that has passed.
Owners are people who keep the unit's SAM, as the form requires. No personal data in the
texts. Idempotent: nothing is added once the division has the assessment."""

from __future__ import annotations

import datetime

from django.utils import timezone

from regionplan.demo import demo_email
from regionplan.models import OrgUnit, Period
from regionplan.models.riskmatrix import RiskMatrix
from regionplan.permissions import holders_by_unit
from regionplan.status import Status
from workenv.forms_actions import OWNER_ROLES
from workenv.models import Incident, RiskAssessment, WorkAction, WorkActionUpdate, WorkRisk

TITLE = "Sammanslagning av lokalvård och fastighetsservice"
DESCRIPTION = (
    "Lokalvård och fastighetsservice slås samman till en gemensam enhet med en chef. "
    "Arbetsuppgifter, scheman och lokaler förändras under övergången."
)
PARTICIPANTS = "Chef, skyddsombud, HR-partner"
ASSESSED_DAYS_AGO = 60

# (hazard, likelihood, impact on a 4×4 scale, decided measures)
RISKS = [
    (
        "Otydlig arbetsfördelning under övergången: uppgifter faller mellan stolarna eller görs dubbelt.",
        3,
        3,
        "Gemensam uppgiftsfördelning tas fram och gås igenom på APT före sammanslagningen.",
    ),
    (
        "Ökad arbetsbelastning när två arbetssätt ska samordnas medan den ordinarie verksamheten pågår.",
        3,
        3,
        "Bemanningen ses över inför övergången; tillfälliga prioriteringar beslutas i arbetsgruppen.",
    ),
    (
        "Oro för anställningsvillkor och framtida arbetsuppgifter kan ge stress och ohälsa.",
        2,
        3,
        "Information på varje APT under förändringen och möjlighet till enskilt samtal med chef och HR-partner.",
    ),
    (
        "Nya lokaler och längre förflyttningar mellan arbetsplatserna ger mer tid i bil och tyngre transporter.",
        2,
        2,
        "Gemensamt förråd planeras nära arbetsplatserna och körschemat ses över så att förflyttningarna blir färre.",
    ),
]

# Each action: where it comes from, its texts and its timing in days from today.
#   source: WorkAction.ASSESSMENT (with "risk": the number of RISKS), WorkAction.INCIDENT (with
#     "incident": words of a demo incident's description, and "fallback": a survey action's
#     what/why used when there is no such incident), WorkAction.SURVEY or WorkAction.OTHER
#   unit: "division" or the index of an area (the division when it has no areas)
#   created / deadline / done / effect: days from today (negative: in the past)
#   update: the comment of the follow-up in the last reporting period that has passed
ACTIONS = [
    {
        "source": WorkAction.ASSESSMENT,
        "risk": 1,
        "unit": "division",
        "what": "Ta fram en gemensam uppgiftsfördelning för lokalvård och fastighetsservice och gå igenom den på APT.",
        "why": "Riskbedömning inför förändring: otydlig arbetsfördelning under övergången.",
        "created": -ASSESSED_DAYS_AGO + 2,
        "deadline": 30,
        "status": Status.YELLOW,
        "update": "Utkast klart; gås igenom med skyddsombud innan APT.",
    },
    {
        "source": WorkAction.ASSESSMENT,
        "risk": 2,
        "unit": "division",
        "what": "Se över bemanningen under övergångsperioden och besluta om tillfälliga prioriteringar.",
        "why": "Riskbedömning inför förändring: ökad arbetsbelastning under sammanslagningen.",
        "created": -ASSESSED_DAYS_AGO + 2,
        "deadline": -21,
        "status": Status.RED,
        "update": "Försenad: beslut om bemanning väntar på budgeten.",
    },
    {
        "source": WorkAction.INCIDENT,
        "incident": "pallyftare",
        "unit": 0,
        "what": "Inför regelbunden kontroll av bromsarna på lagrets pallyftare och dokumentera kontrollerna.",
        "why": "Klämskada vid hantering av pallyftare; bromsen fungerade inte.",
        "fallback": (
            "Gå igenom medarbetarenkätens resultat om fysisk belastning på APT och ta fram förslag på åtgärder.",
            "Medarbetarenkäten: fler än förra året upplever tunga lyft i arbetet.",
        ),
        "created": -220,
        "deadline": -160,
        "done": -170,
        "effect": -80,
        "effect_note": "Inga nya tillbud med pallyftare sedan kontrollerna infördes.",
        "status": Status.GREEN,
    },
    {
        "source": WorkAction.INCIDENT,
        "incident": "ventilation",
        "unit": 1,
        "what": "Mät koldioxidhalten i kontorslandskapet plan 3 efter injusteringen av ventilationen.",
        "why": "Riskobservation: dålig ventilation och hög koldioxidhalt på eftermiddagarna.",
        "fallback": (
            "Se över arbetsplatsernas ergonomi tillsammans med företagshälsovården.",
            "Medarbetarenkäten: besvär i nacke och axlar vid skärmarbete.",
        ),
        "created": -160,
        "deadline": -90,
        "done": -100,
        "status": Status.GREEN,
    },
    {
        "source": WorkAction.INCIDENT,
        "incident": "hotade personalen",
        "unit": 2,
        "what": "Se över rutinen för ensamarbete i receptionen och inför larmknapp vid disken.",
        "why": "Hot mot personalen vid disken när en medarbetare arbetade ensam.",
        "fallback": (
            "Ta fram en plan mot stress utifrån medarbetarenkätens resultat och följ upp den på APT.",
            "Medarbetarenkäten: fler upplever stress och svårt att hinna med arbetet.",
        ),
        "created": -200,
        "deadline": 20,
        "status": Status.YELLOW,
        "update": "Larmknapp beställd; rutinen revideras tillsammans med skyddsombud.",
    },
    {
        "source": WorkAction.SURVEY,
        "unit": 0,
        "what": "Arbetsgruppen tar fram förslag på hur återhämtning kan planeras in under arbetsdagen.",
        "why": "Medarbetarenkäten: lägre resultat än förra året på frågan om återhämtning.",
        "created": -120,
        "deadline": 45,
        "status": Status.GREEN,
        "update": "Workshop genomförd på APT; förslagen sammanställs.",
    },
    {
        "source": WorkAction.SURVEY,
        "unit": 1,
        "what": "Tydliggör vem medarbetarna vänder sig till om prioriteringar när chefen inte är på plats.",
        "why": "Medarbetarenkäten: otydligt vem som leder arbetet vid chefens frånvaro.",
        "created": -100,
        "deadline": 75,
        "status": Status.YELLOW,
        "update": "Förslag på ersättarordning finns; beslut tas på nästa ledningsmöte.",
    },
    {
        "source": WorkAction.OTHER,
        "unit": "division",
        "what": "Ge nya chefer och skyddsombud utbildning i Bättre arbetsmiljö (BAM).",
        "why": "Flera nya chefer under året; chefer och skyddsombud ska ha kunskaper enligt AFS 2023:1.",
        "created": -40,
        "deadline": 120,
        "status": Status.GREEN,
    },
]


def _day(today: datetime.date, days: int | None) -> datetime.date | None:
    """The day `days` from today (None stays None)."""
    return None if days is None else today + datetime.timedelta(days=days)


def _value(level: int, levels: int) -> int:
    """A level of the 4×4 scale of RISKS on a matrix axis with `levels` levels."""
    return max(1, min(levels, round(level * levels / 4)))


def _owner(unit, region, keepers: dict):
    """Who owns the unit's actions: the demo manager when they keep the unit's SAM, else the
    first of those who do (managers first); None when nobody does."""
    people = keepers[unit.pk]
    manager_email = demo_email("chef", region.slug)
    return next((user for user in people if user.email == manager_email), people[0] if people else None)


def _past_period(region, today: datetime.date):
    """The last of the region's reporting periods that has ended before today, or None."""
    return Period.reporting(region).filter(end__lt=today).order_by("-end", "-start").first()


def _assessment(division, today: datetime.date) -> list[WorkRisk]:
    """The risk assessment ahead of the merger, with its valued risks (in order)."""
    matrix = RiskMatrix.for_valuation()
    rows, columns = matrix.size
    assessment = RiskAssessment.objects.create(
        unit=division,
        title=TITLE,
        reason=RiskAssessment.CHANGE,
        change_kind=RiskAssessment.ORGANISATION,
        description=DESCRIPTION,
        matrix=matrix,
        assessed_on=_day(today, -ASSESSED_DAYS_AGO),
        participants=PARTICIPANTS,
    )
    return [
        WorkRisk.objects.create(
            assessment=assessment,
            number=number,
            hazard=hazard,
            likelihood=_value(likelihood, rows),
            impact=_value(impact, columns),
            measures=measures,
        )
        for number, (hazard, likelihood, impact, measures) in enumerate(RISKS, start=1)
    ]


def seed(region, spec: dict, units: dict, today, log) -> None:
    """Seed Division Regionstöd's change assessment and action plan (Norrbotten only)."""
    if region.slug != "norrbotten" or "DRS" not in units:
        return
    division = units["DRS"]
    if RiskAssessment.objects.filter(unit=division, title=TITLE).exists():
        return
    areas = list(OrgUnit.objects.filter(parent=division).order_by("name"))
    family = [division, *areas]
    keepers = holders_by_unit(family, OWNER_ROLES)
    risks = _assessment(division, today)
    period = _past_period(region, today)
    made = 0
    for item in ACTIONS:
        unit = division if item["unit"] == "division" or not areas else areas[item["unit"] % len(areas)]
        source, what, why = item["source"], item["what"], item["why"]
        incident = None
        if source == WorkAction.INCIDENT:
            incident = (
                Incident.objects.filter(unit__in=family, description__icontains=item["incident"])
                .order_by("occurred_at")
                .first()
            )
            if incident is None:
                source, (what, why) = WorkAction.SURVEY, item["fallback"]
            else:
                unit = next(u for u in family if u.pk == incident.unit_id)
        owner = _owner(unit, region, keepers)
        if owner is None:  # nobody may own an action of this unit
            continue
        done_on = _day(today, item.get("done"))
        effect_on = _day(today, item.get("effect"))
        if incident is not None and done_on is not None:  # never before what it answers
            occurred_on = timezone.localtime(incident.occurred_at).date()
            done_on = min(max(done_on, occurred_on), today)
            effect_on = effect_on and min(max(effect_on, done_on), today)
        action = WorkAction.objects.create(
            unit=unit,
            what=what,
            why=why,
            source=source,
            incident=incident,
            risk=risks[item["risk"] - 1] if "risk" in item else None,
            owner=owner,
            deadline=_day(today, item["deadline"]),
            status=item["status"],
            done_on=done_on,
            effect_checked_on=effect_on,
            effect_note=item.get("effect_note", "") if effect_on else "",
        )
        created_on = _day(today, item["created"])
        # as if made back then, so that it is followed up in the periods since
        action.created_at = timezone.make_aware(datetime.datetime.combine(created_on, datetime.time(10)))
        action.save(update_fields=["created_at"])  # auto_now_add sets it on the first save only
        if period is not None and item.get("update") and done_on is None and created_on <= period.end:
            WorkActionUpdate.objects.create(
                action=action,
                period=period,
                status=Status.YELLOW if item["status"] == Status.RED else item["status"],
                comment=item["update"],
                updated_by=owner,
            )
        made += 1
    log(f"  Handlingsplan: {made} åtgärder, 1 riskbedömning inför förändring.")
