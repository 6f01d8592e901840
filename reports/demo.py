"""Demo report: Division Regionstöd's delårsrapport 2022 (seed 003), opened with the texts
the division wrote, shortened, and its sections given to the demo manager and controller.
The PDF is not made here: the demo controller makes it, as a user would.

Dashboards: Norrbotten lets its readers (politicians) see the units' comments before the
period's report is approved, so the demo politician sees why something is red;
Västernorrland keeps the default, so its politician sees them only in approved periods."""

from __future__ import annotations

from regionplan.demo import demo_email
from regionplan.models import Period, User
from reports import services
from reports.models import ReaderSettings, ReportSection

TEXTS = {
    "sammanfattning": (
        "Divisionen har under perioden fokuserat på långsiktig strategisk planering i större utsträckning. Som en del "
        "i detta har divisionen även påbörjat aktivt arbete för **tillitsbaserat ledarskap** och utökad delaktighet "
        "av medarbetare. Arbete med omställning till effektivare arbetssätt samt planer avseende "
        "kompetensförsörjning har fortsatt och kommer vara ett fokus inom divisionen även vidare.\n\n"
        "Divisionen har vidare till följd av omvärldsläget trappat upp beredskapsarbetet under perioden, vilket "
        "främst berört områdena IT/MT, fastigheter, inköp/upphandling samt material- och livsmedelsförsörjning.\n\n"
        "Det ekonomiska resultatet för perioden visar på förbättrad kostnadseffektivitet inom verksamheterna "
        "jämfört med tidigare år men effekter av planerade och pågående åtgärder väntas ej uppnås i tillräckligt "
        "stor omfattning under innevarande år för att hålla divisionens ekonomiska ramar för året.\n\n"
        "Sjukfrånvaron har ökat jämfört med föregående år, främst hänförligt till korttidsfrånvaro till följd av "
        "Covid-19. Bedömning av måluppfyllelsen visar att divisionen uppfyller målen avseende verksamhet, medan "
        "styrmåtten inom perspektivet medarbetare och ekonomi uppfylls delvis.\n",
        True,
    ),
    "verksamhet": (
        "## Fastigheter\n\nFastighetsförvaltningen har under perioden fortsatt arbetet med att beskriva tillsyn och "
        "skötsel för regionens fastigheter. Systemet genererar nu en arbetsorder per automatik varje månad som "
        "skickas ut till driftteknikerna. Arbetssättet introduceras stegvis med start på Gällivare sjukhus.\n\n"
        "## Facility Management\n\nLokalvården har testat en städrobot men konkluderat att avtalet med aktuell "
        "leverantör inte är tillfredsställande. En ny städrobot ska testas med preliminär start i slutet av 2022.\n\n"
        "- Städning av personalbostäder i Piteå, Kalix, Gällivare och Kiruna har lagts ut på externa leverantörer.\n"
        "- Kiosken på Sunderbyn är beslutad att läggas ut på extern leverantör.\n",
        False,
    ),
    "medarbetare": (
        "Divisionen har fortsatt prioriterat arbete med att återbesätta tjänster inom IT/MT och övriga "
        "verksamhetsområden som haft relativt hög personalomsättning. FM (främst lokalvården) har fortfarande kvar "
        "stor del av tillfälliga dispenser under omställningsarbete, medan IT/MT-stöd har svårigheter att nå upp "
        "till fastställd bemanningsram (under 120 medarbetare mot en ram på 136).\n",
        False,
    ),
    "ekonomi_analys": (
        "Utfall för perioden uppgår till **−2 mnkr** motsvarande −11 mnkr jämfört med periodbudget. Divisionens "
        "periodunderskott motsvaras i sin helhet av underskott inom ramen för nationella överenskommelser "
        "(−11 mnkr), främst merkostnader för covid-19 (11 mnkr) och kö-kortningsåtgärder (11 mnkr).\n\n"
        "Kostnadsutvecklingen jämfört med samma period föregående år är en ökning med 1,5 %, främst sjukresor "
        "(12 mnkr), inhyrda konsulter inom IT/MT-stöd (10 mnkr) och IT-utrustning och programlicenser (9 mnkr).\n",
        True,
    ),
    "arsprognos": (
        "Prognosen uppgår totalt till **−30 mnkr**, varav −12 mnkr avser väntat underskott till följd av "
        "merkostnader för covid-19 och kö-kortningsåtgärder.\n\n### Riskanalys för årsprognosen\n\n"
        "Prognosen bygger på antagande om att ersättning för merkostnader inom nationella överenskommelser enbart "
        "erhålles för hittills fattade beslut. Prognosen utgår vidare från att budget för reparation och underhåll "
        "av fastigheter förbrukas i sin helhet enligt plan.\n",
        False,
    ),
}
WRITERS = {
    "verksamhet": "chef",
    "medarbetare": "chef",
    "sammanfattning": "controller",
    "ekonomi_analys": "controller",
    "arsprognos": "controller",
    "ekonomi_i_balans": "controller",
    "styrning": "chef",
}


def seed_report(region, spec: dict, units: dict, log) -> None:
    """Open the division's delårsrapport 2022 with its texts (once)."""
    division, period = units.get("DRS"), Period.objects.filter(code="2022-T2").first()
    kind = services.kind_by_key("delarsrapport")
    if division is None or period is None or kind is None:
        return
    report, created = services.open_report(kind, division, period)
    if not created:
        return
    people = {
        login: User.objects.filter(email=demo_email(login, region.slug)).first() for login in ("chef", "controller")
    }
    for section in ReportSection.objects.filter(report=report):
        text, done = TEXTS.get(section.key, ("", False))
        section.text, section.done = text, done
        section.assignee = people.get(WRITERS.get(section.key, ""))
        section.save()
    log(f"  Rapporter: {kind.name} {period.code} för {division.name} med {len(TEXTS)} texter.")


READERS_SEE_DRAFTS = {"norrbotten"}


def seed_dashboard(region, spec: dict, units: dict, log) -> None:
    """The region's choice whether readers see comments before approval (see above)."""
    if region.slug in READERS_SEE_DRAFTS:
        settings = ReaderSettings.current()
        if not settings.readers_see_drafts:
            settings.readers_see_drafts = True
            settings.save()
            log("  Dashboard: läsare ser kommentarerna innan rapporten är fastställd.")
