"""Demo data of internal control, drawn from the seed documents (shared/seeds).

- Both demo regions: the region's risk matrix (the default 4×4), its impact areas (the
  "Huvudpåverkan på" columns of seed 002) and its risk categories as its seed names them.
- Västernorrland, Regionledningsförvaltningen (RLF): the eleven risks of seed 002's
  Bilaga 16 "Riskanalys inför 2020" in the current year's analysis, adopted, with the
  Handlingsplan's actions, the risks in the plan with one or two controls each, and
  results for the year's closed periods (the open one half done).
- Norrbotten, Division Regionstöd (DRS): the internal-control plan 2022 of seed 003
  ("Uppföljning av internkontroll", delårsrapport augusti 2022) with its results for T1
  and T2 and the actions the seed plans; the same risks carried on into the current
  year's analysis; and IT/MT's own draft analysis for the current year.

Texts are the seeds' own (obvious slips of the PDF's text layer corrected, e.g. "Utbetlaningar"
→ "Utbetalningar"); where a seed has none (a control's method, a result of a period the
seed does not describe) the text here is short and sober. No person is named: actions
carry a function (`owner_label`) or one of the demo users.

Occurrence codes and due dates of results come from `rules.occurrences`. Which
occurrences have a result follows the follow-up demo (followup/demo.py): those before the
region's current period (`Period.current`) are reported, those in it half, later ones not.
Seeding twice changes nothing: an analysis that exists is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.utils import timezone

from goals.models import PlanItem
from internal_control import rules
from internal_control.models import (
    STANDARD_IMPACT_AREAS,
    ActionUpdate,
    Control,
    ControlResult,
    ImpactArea,
    Risk,
    RiskAction,
    RiskAnalysis,
    RiskCategory,
)
from regionplan.demo import demo_email
from regionplan.models import Period, RiskMatrix, User

CATEGORIES = {
    "vasternorrland": [
        ("Efterlevnad regelverk", "T.ex. utökat lagkrav GDPR."),
        ("Förtroende", "T.ex. korruption, mutor och jäv; visselblåsarfunktion införd."),
        ("Verksamhet", "T.ex. systemförvaltning, förändrat uppdrag för Länshälsan, organisationsförändringar."),
        ("Finansiell", "T.ex. utbetalning av ersättning till privata vårdgivare, fakturagranskning."),
        ("Ordning och reda", "T.ex. uppgradering av ekonomisystemet."),
    ],
    "norrbotten": [
        ("Säkra lokaler", "Lokaler som är säkra för patienter och medarbetare."),
        ("Resurstillgång", "Bemanning och resurser i verksamheten."),
        ("Patientsäkerhet", "T.ex. lokalvård och brister i storstäd."),
        ("IT-säkerhet", "Följsamhet till ändringsprocessen."),
        ("MT-säkerhet", "Medicinteknik: risktal över 19, eftersläpning av underhåll."),
    ],
}

# --- seed 002's colours on the 4×4 matrix ------------------------------------------------------

RED, YELLOW, GREEN = "Röd", "Gul", "Grön"
# Påverkan → impact level, Sannolikhet → likelihood level (4×4: Röd is the top level).
COLOUR_LEVEL = {RED: 4, YELLOW: 3, GREEN: 2}
# How far the existing measures lower the likelihood, by their Effektivitet; a risk whose
# measures the seed does not rate (None) gets no credit for them.
EFFECT_STEPS = {GREEN: 2, YELLOW: 1, RED: 0, None: 0}


@dataclass(frozen=True)
class Valuation:
    gross_likelihood: int
    gross_impact: int
    net_likelihood: int
    net_impact: int


def valuation_from_colours(effectiveness: str | None, impact: str, likelihood: str) -> Valuation:
    """A risk's valuation on the 4×4 matrix from seed 002's three Riskvärdering colours:
    Påverkan gives the impact and Sannolikhet the likelihood (Röd 4, Gul 3, Grön 2), brutto;
    netto keeps the impact and lowers the likelihood by the existing measures' Effektivitet
    (Grön by 2, Gul by 1, Röd or not rated by 0), never below 1."""
    gross_likelihood, gross_impact = COLOUR_LEVEL[likelihood], COLOUR_LEVEL[impact]
    net_likelihood = max(1, gross_likelihood - EFFECT_STEPS[effectiveness])
    return Valuation(gross_likelihood, gross_impact, net_likelihood, gross_impact)


# --- what the demo is made of -----------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    """An åtgärd. `deadline`: a date; None for the default (see _Seeder._deadline);
    "overdue" for the demo's one overdue action (see overdue_deadline). `updates`: (period
    code, status, comment) for 2022; in the current year every closed tertial after the
    finding gets one, with `comment`."""

    what: str
    owner_label: str = ""
    owner: str = ""  # a demo login ("chef") instead of a function
    status: str = RiskAction.PLANNED
    deadline: datetime.date | str | None = None
    done_on: datetime.date | None = None
    updates: tuple = ()
    comment: str = ""  # of its updates in the current year
    always: bool = False  # made on the risk even before its finding's period is reported


@dataclass(frozen=True)
class ResultSpec:
    outcome: str = ControlResult.OK
    checked: str = ""
    findings: str = ""
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True)
class ControlSpec:
    """A kontrollmoment. `results`: occurrence number (1 = the year's first) → what that
    occurrence found; other reported occurrences are Utan anmärkning with `checked`.
    `open_done`: whether it is already reported in the open period (half of them are)."""

    what: str
    unit: str
    frequency: str
    responsible: str = "controller"
    method: str = ""
    sample: str = ""
    due: str = ""  # MM-DD, for a control done once
    checked: str = ""
    results: dict = field(default_factory=dict)
    open_done: bool = True


@dataclass(frozen=True)
class RiskSpec:
    number: int
    name: str
    description: str
    category: str
    impacts: tuple[str, ...] = ()
    measures: str = ""
    documents: str = ""
    consequence: str = ""
    colours: tuple = ()  # seed 002: (Effektivitet, Påverkan, Sannolikhet)
    valuation: Valuation | None = None
    threatens: tuple[str, ...] = ()  # plan item codes of the analysis' year
    actions: tuple[ActionSpec, ...] = ()  # the Handlingsplan's
    controls: tuple[ControlSpec, ...] = ()


SAFETY, PROCESS, TRUST, STAFF, RESOURCES = STANDARD_IMPACT_AREAS
ONGOING, PLANNED, DONE = RiskAction.ONGOING, RiskAction.PLANNED, RiskAction.DONE
MINOR, MAJOR = ControlResult.MINOR, ControlResult.MAJOR

# Seed 002, Bilaga 16 "Riskanalys inför 2020", Regionledningsförvaltningen (lines ~2265–2480).
# Kategori: the first where the seed lists two (7 and 8). Impact flags: the text layer keeps
# the number of X in each row but not their columns; the columns here are chosen from each
# description, as many as the seed's X (risk 11 shows none: Hushållning resurser is chosen).
# Riskvärdering: risks 4 and 5 have only two colours; read as Påverkan and Sannolikhet (a
# valuation needs both) with the measures not yet rated (the management system and the
# routines were still being built), so netto gets no credit: netto = brutto.
# Handlingsplan: the Ansvarig and Status columns are empty in the text layer; a function is
# named (the seed's own where it has one) and the status read from the wording ("fortsatt",
# "fortgår" → Pågår; "kommer att ske", "ska" → Planerad). Risks 9 and 10 share the seed's
# action text word for word; the organisational change is named in each.
RLF_RISKS = [
    RiskSpec(
        1,
        "Utökat lagkrav GDPR, EU-direktiv som ersätter PUL",
        "Risk för bristande efterlevnad av lagkrav. Risk för stora kostnader om regler inte efterlevs.",
        "Efterlevnad regelverk",
        (SAFETY, PROCESS, TRUST, RESOURCES),
        "Formellt beslut om Dataskyddsorganisationen togs i RLG 2019-03-25. Nu är den bemannad och formellt "
        "driftsatt. Den virtuella organisationen Dataskyddsorganisationen har i stort funnit sin arbetsform.",
        "GDPR, dataskyddsförordning",
        colours=(RED, RED, RED),
        actions=(
            ActionSpec(
                "Arbetet fortgår under hösten med att utveckla rutinerna och se över om de resurser som allokeras "
                "är tillräckliga.",
                "Dataskyddsorganisationen",
                status=ONGOING,
            ),
        ),
        controls=(
            ControlSpec(
                "Uppföljning av dataskyddsorganisationens rutiner och resurser",
                "RLF-ADM",
                Control.TERTIAL,
                method="Genomgång med dataskyddsombudet av rutiner, registerförteckning och incidenter",
                checked="Rutiner, registerförteckning och incidentrapportering enligt dataskyddsförordningen.",
                results={
                    2: ResultSpec(
                        MINOR,
                        findings="Registerförteckningen var inte uppdaterad för två behandlingar av personuppgifter.",
                        actions=(
                            ActionSpec(
                                "Uppdatera registerförteckningen med de behandlingar som saknades.",
                                "Dataskyddsorganisationen",
                                status=DONE,
                            ),
                        ),
                    )
                },
            ),
        ),
    ),
    RiskSpec(
        2,
        "Korruption, mutor och jäv",
        "Risk för otillbörlig påverkan",
        "Förtroende",
        (TRUST, STAFF, RESOURCES),
        "Information och förebyggande arbete är vidtaget. Riktlinje mot korruption, mutor och jäv har fastställts "
        "under hösten 2019. En visselblåsarfunktion är införd.",
        "Styrdokument Mutor och jäv",
        colours=(YELLOW, RED, YELLOW),
        actions=(
            ActionSpec(
                "Fortsatt utbildning för chefer och medarbetare, information och uppmärksamhet från ledning.",
                "HR-direktör",
                status=ONGOING,
            ),
        ),
        controls=(
            ControlSpec(
                "Kontroll av att cheferna har gått igenom riktlinjen mot korruption, mutor och jäv med sina medarbetare",
                "RLF-HR",
                Control.HALF_YEAR,
                method="Enkät till cheferna",
                sample="Samtliga chefer",
                checked="Chefernas genomgång av riktlinjen mot korruption, mutor och jäv på arbetsplatsträffar.",
                open_done=False,
            ),
        ),
    ),
    RiskSpec(
        3,
        "Systemförvaltning",
        "Utifrån revisionsrapport så hade inte beslutet om MP3-modellen implementerats 2017. Vid uppföljning 2018 "
        "har revisorerna gjort bedömningen (per 190220) att ”vidtagna åtgärder inte varit tillräckligt "
        "ändamålsenliga”.",
        "Verksamhet",
        (SAFETY, PROCESS, STAFF, RESOURCES),
        "Modellen för styrning av systemförvaltning har setts över. Den är genomförd och fastställd per 190620.",
        colours=(RED, RED, RED),
        threatens=("M-INFOKLASS",),
        actions=(
            ActionSpec(
                "Fortsatt etablering av systemförvaltning kommer att ske under hösten.",
                "Förvaltningschef",
                status=ONGOING,
            ),
        ),
        controls=(
            ControlSpec(
                "Uppföljning av bemanningen av förvaltningsobjekten och arbetet enligt modellen för styrning av "
                "systemförvaltning",
                "RLF-FUI",
                Control.TERTIAL,
                method="Genomgång av förvaltningsplanerna",
                sample="Samtliga förvaltningsobjekt",
                checked="Förvaltningsplaner och bemanning av förvaltningsobjekten.",
                results={
                    1: ResultSpec(
                        MINOR,
                        findings="Förvaltningsplan saknades för ett av förvaltningsobjekten.",
                        actions=(
                            ActionSpec(
                                "Ta fram förvaltningsplan för det förvaltningsobjekt som saknade plan.",
                                "Förvaltningsledare",
                                status=DONE,
                            ),
                        ),
                    )
                },
            ),
        ),
    ),
    RiskSpec(
        4,
        "Informations- och IT-säkerhet",
        "Utifrån revisionsrapport",
        "Efterlevnad regelverk",
        (SAFETY, PROCESS, TRUST),
        "Etableringsfasen för ledningssystemet för informationssäkerhet var per 190520 nästan klar och samtliga "
        "aktiviteter hade tilldelats resurser.",
        "Standarderna ISO 27000. Föreskrifter och rekommendationer från MSB.",
        colours=(None, RED, YELLOW),
        threatens=("M-ISO27000",),
        actions=(
            ActionSpec(
                "Arbetet fortsätter under hösten. Alla aktiviteter är inplanerade och tidsuppskattade.",
                "Informationssäkerhetssamordnare",
                status=ONGOING,
            ),
        ),
        controls=(
            ControlSpec(
                "Uppföljning av etableringen av ledningssystemet för informationssäkerhet",
                "RLF-ADM",
                Control.TERTIAL,
                method="Avstämning av aktivitetsplanen mot ISO 27000",
                checked="Aktivitetsplanen för ledningssystemet för informationssäkerhet.",
                open_done=False,
            ),
        ),
    ),
    RiskSpec(
        5,
        "Verkställighet av politiska beslut",
        "Utifrån revisionsrapport: Förhöjd risk föreligger för att inte politiska beslut verkställs/implementeras "
        "fullt ut vid vissa situationer.",
        "Efterlevnad regelverk",
        (PROCESS, TRUST),
        "Under hösten 2018 genomfördes utbildningar i god förvaltningskultur. Kontroll av pågående ärende följs upp "
        "kontinuerligt.",
        colours=(None, RED, YELLOW),
        actions=(
            ActionSpec(
                "Förbättra rutiner och fortsatt kontroll av pågående ärende.", "Förvaltningschef", status=ONGOING
            ),
        ),
        controls=(
            ControlSpec(
                "Kontroll av att politiska beslut i pågående ärenden verkställs",
                "RLF",
                Control.TERTIAL,
                method="Genomgång av beslutsuppföljningen",
                sample="Regionstyrelsens beslut under perioden",
                checked="Beslutsuppföljningen av regionstyrelsens beslut under perioden.",
            ),
        ),
    ),
    RiskSpec(
        6,
        "Uppföljning Länshälsan",
        "Enligt utredning under våren 2019 så föreslogs förändringar av Länshälsans verksamhet. Beslut om detta "
        "fattades av RLG i september 2019. Uppföljning av att beslut om föreslagen förändring genomförs.",
        "Verksamhet",
        (PROCESS, TRUST, STAFF, RESOURCES),
        "En genomförandeplan tas fram. Information till berörda kommer att ske.",
        colours=(YELLOW, RED, YELLOW),
        threatens=("U-REGIONHALSAN",),
        actions=(
            ActionSpec(
                "Under hösten ska verksamhetscheferna inom Länshälsan förbereda personalstyrkans förändring i detalj. "
                "Grov ram för ekonomiskt utrymme fattades i september. Detta kan ge möjlighet för långsiktig "
                "planering för berörda chefer.",
                "Verksamhetschefer inom Länshälsan",
                status=PLANNED,
            ),
        ),
        controls=(
            ControlSpec(
                "Uppföljning av genomförandeplanen för Länshälsans förändrade verksamhet",
                "RLF-HR",
                Control.TERTIAL,
                method="Avstämning med verksamhetscheferna",
                checked="Genomförandeplanen för Länshälsan mot beslutet i RLG.",
                open_done=False,
            ),
        ),
    ),
    RiskSpec(
        7,
        "Utbetalningar av arvode",
        "Säkerställa hantering av utbetalning av arvoden",
        "Efterlevnad regelverk",
        (PROCESS, TRUST, RESOURCES),
        "Följa nuvarande rutiner.",
        "Arvodesreglemente",
        colours=(YELLOW, RED, YELLOW),
        actions=(
            ActionSpec(
                "Uppföljning av hanteringen av arvode, både vad gäller regelverk, utbetalning och systemstöd.",
                "Löne- och arvodesadministration",
                status=PLANNED,
            ),
        ),
        controls=(
            ControlSpec(
                "Stickprovskontroll av utbetalda arvoden mot arvodesreglementet",
                "RLF-HR",
                Control.MONTHLY,
                method="Stickprov i lönesystemet",
                sample="10 utbetalningar",
                checked="Utbetalda arvoden mot arvodesreglementet och beslutsunderlagen.",
                results={
                    3: ResultSpec(
                        MINOR,
                        findings="Ett arvode var utbetalt utan fullständigt underlag enligt arvodesreglementet.",
                        actions=(
                            ActionSpec(
                                "Komplettera underlaget för arvodet och påminn om rutinen för arvodesunderlag.",
                                "Löne- och arvodesadministration",
                                status=DONE,
                            ),
                        ),
                    )
                },
            ),
        ),
    ),
    RiskSpec(
        8,
        "Utbetalning av ersättning till privata vårdgivare",
        "Felaktig ersättning",
        "Finansiell",
        (PROCESS, TRUST, RESOURCES),
        "Granskning sker på fakturerade belopp i system utifrån nationella parametrar.",
        "Riktlinje LOL. Uppföljning läkare i privat verksamhet samt för fysioterapeuter under utarbetande för "
        "uppföljning.",
        colours=(RED, RED, YELLOW),
        threatens=("SO-EKO1",),
        actions=(
            ActionSpec(
                "Fördjupade journalgranskningar, information, begäran om rättelse.", "Chefläkare", status=ONGOING
            ),
        ),
        controls=(
            ControlSpec(
                "Granskning av fakturerade belopp från privata vårdgivare mot nationella parametrar",
                "RLF-EKO",
                Control.MONTHLY,
                method="Systemgranskning av fakturerade belopp",
                checked="Fakturerade belopp från privata vårdgivare mot de nationella parametrarna.",
                open_done=False,
            ),
            ControlSpec(
                "Fördjupad journalgranskning hos privata vårdgivare",
                "RLF-HS",
                Control.HALF_YEAR,
                method="Journalgranskning",
                sample="5 vårdgivare",
                checked="Journaler hos privata vårdgivare mot den fakturerade ersättningen.",
                results={
                    1: ResultSpec(
                        MINOR,
                        findings="Dokumentationen stödde inte en ersatt åtgärd hos en av de granskade vårdgivarna.",
                        actions=(ActionSpec("Begäran om rättelse till vårdgivaren.", "Chefläkare", status=DONE),),
                    )
                },
            ),
        ),
    ),
    RiskSpec(
        9,
        "Organisationsförändring inom RLF, Fastighet och service bildades som nytt område 2019-07-01",
        "Risker vid organisationsförändringar, ex.vis oro hos personal, minskad produktivitet etc.",
        "Verksamhet",
        (PROCESS, STAFF, RESOURCES),
        "Ny områdesdirektör är rekryterad.",
        colours=(YELLOW, YELLOW, YELLOW),
        threatens=("U-ORGUPPF-FOS",),
        actions=(
            ActionSpec(
                "Uppföljning av organisationsförändringen Fastighet och service kommer att ske.",
                owner="chef",
                status=PLANNED,
            ),
        ),
        controls=(
            ControlSpec(
                "Uppföljning av organisationsförändringen Fastighet och service: arbetsmiljö och produktivitet",
                "RLF-FOS",
                Control.TERTIAL,
                responsible="chef",
                method="Genomgång av sjukfrånvaro, personalomsättning och produktivitet per enhet",
                checked="Sjukfrånvaro, personalomsättning och produktivitet i Fastighet och service.",
                results={
                    2: ResultSpec(
                        MINOR,
                        findings="Korttidssjukfrånvaron har ökat i en av enheterna efter organisationsförändringen.",
                        actions=(
                            ActionSpec(
                                "Ta fram en handlingsplan för arbetsmiljön i enheten tillsammans med HR.",
                                owner="chef",
                                status=ONGOING,
                            ),
                        ),
                    )
                },
            ),
        ),
    ),
    RiskSpec(
        10,
        "Organisationsförändring, Folkhälsans enhet flyttas till RU",
        "Risker vid organisationsförändringar, att föreslagna förändringar inte uppnås eller otydligheter uppstår",
        "Verksamhet",
        (PROCESS, TRUST, STAFF),
        "Beslut om förändring och genomförande finns.",
        colours=(YELLOW, YELLOW, YELLOW),
        actions=(
            ActionSpec(
                "Uppföljning av organisationsförändringen, Folkhälsans flytt till RU, kommer att ske.",
                "Förvaltningschef",
                status=PLANNED,
            ),
        ),
        controls=(
            ControlSpec(
                "Kontroll av att Folkhälsans enhet har flyttats till Regional utveckling enligt beslutet",
                "RLF",
                Control.ONCE,
                method="Avstämning mot beslutet om förändring och genomförande",
                due="06-30",
                checked="Flytten av Folkhälsans enhet: verksamhet, personal och budget mot beslutet.",
            ),
        ),
    ),
    RiskSpec(
        11,
        "Fakturagranskning",
        "Kontroll och efterlevnad av rutiner och avtal vid köp av tjänster och varor",
        "Efterlevnad regelverk",
        (RESOURCES,),
        "Kontroll sker genom att stickprov av fakturor görs inom ett eller flera specifika områden.",
        colours=(YELLOW, YELLOW, YELLOW),
        threatens=("SO-EKO2", "M-UTANAVTAL"),
        actions=(ActionSpec("Stickprovskontroll av fakturor.", "Ekonomidirektör", status=ONGOING),),
        controls=(
            ControlSpec(
                "Stickprovskontroll av fakturor",
                "RLF-EKO",
                Control.MONTHLY,
                method="Stickprov av fakturor inom ett eller flera specifika områden",
                sample="20 fakturor",
                checked="Fakturor vid köp av tjänster och varor mot avtal och attestrutiner.",
                results={
                    5: ResultSpec(
                        MINOR,
                        findings="Tre av tjugo fakturor saknade hänvisning till avtal.",
                        actions=(
                            ActionSpec(
                                "Påminn beställarna om att ange avtal vid köp av tjänster och varor.",
                                "Ekonomidirektör",
                                status=DONE,
                            ),
                        ),
                    )
                },
                open_done=False,
            ),
            ControlSpec(
                "Stickprovskontroll av fakturor, Fastighet och service",
                "RLF-FOS",
                Control.TERTIAL,
                responsible="chef",
                method="Stickprov av fakturor för fastighetsunderhåll och service",
                sample="10 fakturor",
                checked="Fakturor för fastighetsunderhåll och service mot avtal och beställning.",
                open_done=False,
            ),
        ),
    ),
]

# Seed 003, "Uppföljning av internkontroll", Division Regionstöd 2022 (lines ~1262–1396):
# Mål/säkerställa → name, Vad kan gå fel → description, Konsekvens → consequence,
# Verksamhet → the control's unit, Kontroll/mitigerande åtgärd → the T2 result (the seed
# is the delårsrapport of August), split into what was checked and what was found, and
# its "Planerad åtgärd" → actions. The seed dates Patientsäkerhet's check to T1; the other
# T1 results are short statements of the same control. The seed values no risk: the
# valuations are chosen so that every risk is in the plan (netto Gul or Röd), higher where
# the seed found brister, and the impact flags follow the Konsekvens column (patient →
# Säkerhet patient/invånare, medarbetare → Medarbetare; IT-säkerhet's driftstopp and röjning
# add Processeffektivitet and Förtroende/rykte). The intro's "Effektivitet avseende implementerade åtgärder planeras
# utvärderas genom internrevision" gives the action on Patientsäkerhet's T2 result.
DRS_RISKS_2022 = [
    RiskSpec(
        1,
        "Säkra lokaler",
        "Katastrof, krig, brand, pandemi, etc. (bristande säkerhet lokaler)",
        "Säkra lokaler",
        (SAFETY, STAFF),
        consequence="Patient- och medarbetarskada",
        valuation=Valuation(3, 4, 2, 4),
        threatens=("FF-SA2", "M-BEREDSK-FAST"),
        controls=(
            ControlSpec(
                "Beredskap i byggnader och fastighetssystem: inställelsetid och uthållighet",
                "DRS-FAST",
                Control.TERTIAL,
                responsible="chef",
                results={
                    1: ResultSpec(
                        checked="Beredskap av byggnader och fastighetssystem har setts över för att klara både "
                        "inställelsetid och uthållighet."
                    ),
                    2: ResultSpec(
                        checked="Beredskap av våra byggnader samt fastighetssystem har skett samt pågår för att klara "
                        "både inställelsetid samt uthållighet."
                    ),
                },
            ),
        ),
    ),
    RiskSpec(
        2,
        "Resurstillgång",
        "Katastrof, krig, brand, pandemi, etc. (bristande tillgång vårdkritiskt material/produkter)",
        "Resurstillgång",
        (SAFETY,),
        consequence="Patientskada",
        valuation=Valuation(3, 4, 2, 4),
        threatens=("FF-SA2", "M-KRITMTRL"),
        controls=(
            ControlSpec(
                "Kontroll av lagerstatus för kritiskt material",
                "DRS-IOF",
                Control.TERTIAL,
                responsible="chef",
                results={
                    1: ResultSpec(checked="Lagerstatus för vårdkritiskt material har kontrollerats."),
                    2: ResultSpec(checked="Kontroll har genomförts avseende lagerstatus för kritiskt material."),
                },
            ),
        ),
    ),
    RiskSpec(
        3,
        "Patientsäkerhet",
        "Fysisk skada",
        "Patientsäkerhet",
        (SAFETY,),
        consequence="Patientskada",
        valuation=Valuation(3, 3, 2, 3),
        threatens=("FF-VE2",),
        controls=(
            ControlSpec(
                "Kvalitetskontroller avseende lokalvård",
                "DRS-FM",
                Control.TERTIAL,
                responsible="chef",
                results={
                    1: ResultSpec(
                        MINOR,
                        "Kvalitetskontroller avseende lokalvård har genomförts under T1.",
                        "Resultatet visar preliminärt att brister avseende främst storstäd har förekommit.",
                        (
                            ActionSpec(
                                "Ändrade arbetssätt för att åtgärda bristerna i storstäd under innevarande år.",
                                "Facility Management",
                                status=ONGOING,
                                deadline=datetime.date(2022, 12, 31),
                                updates=(
                                    (
                                        "2022-T2",
                                        ONGOING,
                                        "Verksamheten arbetar med ändrade arbetssätt för att åtgärda detta under "
                                        "innevarande år.",
                                    ),
                                ),
                            ),
                        ),
                    ),
                    2: ResultSpec(
                        MINOR,
                        "Uppföljning av kvalitetskontrollerna avseende lokalvård.",
                        "Bristerna avseende storstäd kvarstår medan de ändrade arbetssätten införs.",
                        (
                            ActionSpec(
                                "Utvärdera effektiviteten i de ändrade arbetssätten för storstäd genom internrevision.",
                                "Division Regionstöd",
                                status=PLANNED,
                                deadline=datetime.date(2022, 11, 30),
                                updates=(("2022-T2", PLANNED, "Internrevisionen är inplanerad till hösten 2022."),),
                            ),
                        ),
                    ),
                },
            ),
        ),
    ),
    RiskSpec(
        4,
        "IT-säkerhet",
        "Dataintrång, driftstopp, röjning känsliga uppgifter",
        "IT-säkerhet",
        (SAFETY, PROCESS, TRUST),
        "Arbete har pågått under hösten 2021 och början av 2022 för att identifiera aktiviteter för att stärka "
        "IT-säkerheten. Ett beslutsunderlag lyftes till Regionstyrelsen, som fattat beslut om att genomföra "
        "föreslagna åtgärder. Arbete med att genomföra föreslagna åtgärder pågår.",
        consequence="Patient- och medarbetarskada",
        valuation=Valuation(4, 4, 3, 4),
        threatens=("M-MAJINC", "M-ITTILLG"),
        controls=(
            ControlSpec(
                "Uppföljning av att alla IT-system har ett förebyggande underhållsschema, reviderade checklistor för "
                "förebyggande underhåll och följsamhet till ändringsprocesser",
                "DRS-ITMT",
                Control.TERTIAL,
                responsible="chef",
                results={
                    1: ResultSpec(
                        checked="Förebyggande underhållsscheman och checklistor för IT-systemen har gåtts igenom."
                    ),
                    2: ResultSpec(
                        MINOR,
                        "Uppföljning av att alla IT-system har ett förebyggande underhållsschema, reviderade "
                        "checklistor för förebyggande underhåll och följsamhet till ändringsprocesser har genomförts.",
                        "Resultatet visar att följsamheten till ändringsprocessen överlag är bra men att det ibland "
                        "genas kopplat till mindre driftsrelaterade ärenden. Bedömd orsak är att processen tar för "
                        "lång tid.",
                        (
                            ActionSpec(
                                "Förkorta ändringsprocessen genom ändrade arbetssätt, med planerad pilottest inom "
                                "infrastruktur.",
                                "IT/MT-stöd",
                                status=PLANNED,
                                deadline=datetime.date(2022, 12, 31),
                                updates=(("2022-T2", PLANNED, "Pilottest planeras inom infrastruktur."),),
                            ),
                            ActionSpec(
                                "Upprätta och uppdatera skriftliga instruktioner för att stärka den interna kontrollen "
                                "inom IT-säkerhet.",
                                "IT/MT-stöd",
                                status=DONE,
                                deadline=datetime.date(2022, 8, 31),
                                done_on=datetime.date(2022, 8, 15),
                                updates=(("2022-T2", DONE, ""),),
                            ),
                        ),
                    ),
                },
            ),
        ),
    ),
    RiskSpec(
        5,
        "MT-säkerhet",
        "Fysisk skada",
        "MT-säkerhet",
        (SAFETY, STAFF),
        consequence="Patient- och medarbetarskada",
        valuation=Valuation(4, 4, 3, 4),
        threatens=("M-MTP-UH",),
        controls=(
            ControlSpec(
                "Kontroller av förebyggande underhåll på medicintekniska produkter med risktal >19, reviderade "
                "checklistor och följsamhet till ändringsprocesser",
                "DRS-ITMT",
                Control.TERTIAL,
                responsible="chef",
                results={
                    1: ResultSpec(
                        checked="Förebyggande underhåll på medicintekniska produkter med risktal >19 har gåtts igenom."
                    ),
                    2: ResultSpec(
                        MAJOR,
                        "Kontroller av att förebyggande underhåll på medicintekniska produkter med risktal >19, "
                        "reviderade checklistor och följsamhet till ändringsprocesser har genomförts.",
                        "Resultatet visar på eftersläpning av underhåll på MT-produkter.",
                        (
                            ActionSpec(
                                "MT-chefen ska få ett utpekat ansvar att driva kvalitetsarbetet runt MTP.",
                                "MT-chefen",
                                status=PLANNED,
                                deadline=datetime.date(2022, 12, 31),
                                updates=(("2022-T2", PLANNED, ""),),
                            ),
                        ),
                    ),
                },
            ),
        ),
    ),
]

# The current year: the 2022 risks carried on, with what changed. Resurstillgång's
# lagerstatus is now checked every month; MT-säkerhet's netto is raised to its brutto after
# 2022's eftersläpning. Results of the closed periods: mostly Utan anmärkning, one finding on
# Patientsäkerhet with a done action and one on MT-säkerhet with an overdue one; in the open
# period Säkra lokaler and MT-säkerhet are not reported yet.


@dataclass(frozen=True)
class CarriedSpec:
    change: str
    checked: str
    results: dict = field(default_factory=dict)
    control: dict = field(default_factory=dict)  # the control's fields that changed
    net: tuple[int, int] | None = None  # a new netto (likelihood, impact)


DRS_CURRENT = {
    1: CarriedSpec(
        Risk.KEPT,
        "Beredskapen i byggnader och fastighetssystem: inställelsetid och uthållighet.",
        control={"open_done": False},
    ),
    2: CarriedSpec(
        Risk.CHANGED,
        "Lagersaldo för vårdkritiskt material mot beredskapsnivån.",
        control={"frequency": Control.MONTHLY, "method": "Avstämning av lagersaldo mot fastställd beredskapsnivå"},
    ),
    3: CarriedSpec(
        Risk.KEPT,
        "Kvalitetskontroller av lokalvården, särskilt storstäd.",
        {
            1: ResultSpec(
                MINOR,
                findings="Storstäd var inte utfört enligt plan i ett fåtal lokaler.",
                actions=(
                    ActionSpec(
                        "Följa upp att de ändrade arbetssätten för storstäd tillämpas i alla lokalvårdsområden.",
                        "Facility Management",
                        status=DONE,
                        comment="Arbetssätten tillämpas i samtliga lokalvårdsområden.",
                        always=True,
                    ),
                ),
            )
        },
    ),
    4: CarriedSpec(Risk.KEPT, "Följsamhet till ändringsprocessen och förebyggande underhållsscheman för IT-systemen."),
    5: CarriedSpec(
        Risk.CHANGED,
        "Förebyggande underhåll på medicintekniska produkter med risktal >19.",
        {
            1: ResultSpec(
                MAJOR,
                findings="Eftersläpningen av förebyggande underhåll på MT-produkter kvarstår.",
                actions=(
                    ActionSpec(
                        "Åtgärdsplan för att komma ikapp med det förebyggande underhållet av MT-produkter med "
                        "risktal >19.",
                        "MT-chefen",
                        status=ONGOING,
                        deadline="overdue",
                        comment="Åtgärdsplanen är inte klar; underhållet prioriteras efter risktal.",
                        always=True,
                    ),
                ),
            ),
            2: ResultSpec(MINOR, findings="Eftersläpningen har minskat men är inte ikapp."),
        },
        control={"open_done": False},
        net=(4, 4),
    ),
}

# IT/MT's own draft for the current year (seed 003's personberoenden inom IT/MT-stöd).
ITMT_DRAFT_RISK = RiskSpec(
    1,
    "Personberoenden inom IT/MT-stöd",
    "Verksamhetsrisker till följd av personberoenden: kunskap om system och driftmiljöer som bara finns hos ett "
    "fåtal medarbetare eller inhyrda konsulter.",
    "Resurstillgång",
    (PROCESS, STAFF),
    "En riskanalys av verksamhetsrisker till följd av personberoenden är genomförd, och arbetet med en plan för att "
    "minska personberoendet och säkra en hållbar kompetensförsörjning har påbörjats.",
    consequence="Driftstopp och förseningar när nyckelpersoner slutar eller är frånvarande.",
    valuation=Valuation(3, 3, 2, 3),
    threatens=("U-KFP-ITMT", "M-BEM-ITMT"),
)


# --- seeding ----------------------------------------------------------------------------------


def seed_internal_control(region, spec: dict, units: dict, log) -> None:
    """The region's lists, matrix and its demo analyses (idempotent: what exists is kept)."""
    _seed_lists(region)
    matrix = RiskMatrix.for_valuation()
    today = timezone.localdate()
    seeder = _Seeder(region, units, matrix, today)
    if region.slug == "vasternorrland":
        seeder.rlf()
    elif region.slug == "norrbotten":
        seeder.drs()
    if seeder.made:
        log(f"  Intern kontroll: {seeder.made} riskanalyser.")


def _seed_lists(region) -> None:
    have = set(RiskCategory.objects.values_list("name", flat=True))
    for order, (name, text) in enumerate(CATEGORIES.get(region.slug, []), start=1):
        if name not in have:
            RiskCategory.objects.create(name=name, description=text, order=order)
    have = set(ImpactArea.objects.values_list("name", flat=True))
    for order, name in enumerate(STANDARD_IMPACT_AREAS, start=1):
        if name not in have:
            ImpactArea.objects.create(name=name, order=order)


def overdue_deadline(found_due: datetime.date | None, today: datetime.date) -> datetime.date:
    """The deadline of the demo's overdue action: two months after the occurrence that found
    the brist, but always a week before today, so that it is overdue whenever the demo is
    seeded."""
    latest = today - datetime.timedelta(days=7)
    if found_due is None:
        return latest
    return min(found_due + datetime.timedelta(days=61), latest)


def occurrence_state(due: datetime.date, open_window: tuple[datetime.date, datetime.date]) -> str:
    """Whether an occurrence is "closed" (before the current period: reported), "open" (in
    it: half reported) or "future" (not yet)."""
    start, end = open_window
    if due < start:
        return "closed"
    return "open" if due <= end else "future"


def _tertial(day: datetime.date) -> int:
    return (day.month - 1) // 4 + 1


class _Seeder:
    """One region's analyses; `made` counts the analyses created."""

    def __init__(self, region, units, matrix, today):
        self.region, self.units, self.matrix, self.today = region, units, matrix, today
        self.year = today.year
        self.made = 0
        self.users = {
            login: User.objects.filter(email=demo_email(login, region.slug)).first() for login in ("chef", "controller")
        }
        self.categories = {c.name: c for c in RiskCategory.objects.all()}
        self.impacts = {a.name: a for a in ImpactArea.objects.all()}
        self.periods = {p.code: p for p in Period.objects.filter(kind="tertial")}
        current = Period.current(region, today)
        if current is not None:
            self.open_window = rules.window(current.kind, current.start.year, current.number)
        else:  # a calendar without periods: nothing is reported
            self.open_window = (datetime.date.min, datetime.date.min)

    # -- the analyses

    def rlf(self) -> None:
        unit = self.units.get("RLF")
        if unit is None or RiskAnalysis.objects.filter(unit=unit, year=self.year).exists():
            return
        analysis = self._analysis(
            unit,
            self.year,
            RiskAnalysis.ADOPTED,
            datetime.date(self.year, 1, 20),
            "RS § 12",
            f"RS/{self.year - 1}/0412",
        )
        for spec in RLF_RISKS:
            risk = self._risk(analysis, spec, valuation_from_colours(*spec.colours))
            self._handlingsplan(risk, spec.actions)
            for order, control_spec in enumerate(spec.controls, start=1):
                self._results_this_year(self._control(risk, control_spec, order), control_spec)

    def drs(self) -> None:
        division = self.units.get("DRS")
        if division is None:
            return
        if not RiskAnalysis.objects.filter(unit=division, year=2022).exists():
            analysis = self._analysis(
                division, 2022, RiskAnalysis.CLOSED, datetime.date(2022, 2, 15), "RS § 31", "RS 2022/142"
            )
            for spec in DRS_RISKS_2022:
                risk = self._risk(analysis, spec, spec.valuation)
                for order, control_spec in enumerate(spec.controls, start=1):
                    self._results_2022(self._control(risk, control_spec, order), control_spec)
        if self.year > 2022 and not RiskAnalysis.objects.filter(unit=division, year=self.year).exists():
            self._drs_current(division)
        itmt = self.units.get("DRS-ITMT")
        if itmt is not None and not RiskAnalysis.objects.filter(unit=itmt, year=self.year).exists():
            draft = self._analysis(itmt, self.year, RiskAnalysis.DRAFT)
            self._risk(draft, ITMT_DRAFT_RISK, ITMT_DRAFT_RISK.valuation)

    def _drs_current(self, division) -> None:
        """The 2022 risks carried on into the current year with their controls (changed as
        DRS_CURRENT says), adopted in January, and the year's results."""
        last = {r.number: r for r in Risk.objects.filter(analysis__unit=division, analysis__year=2022)}
        analysis = self._analysis(
            division,
            self.year,
            RiskAnalysis.ADOPTED,
            datetime.date(self.year, 1, 27),
            "RS § 14",
            f"RS {self.year - 1}/1187",
        )
        for spec in DRS_RISKS_2022:
            carried = DRS_CURRENT[spec.number]
            valuation = spec.valuation
            if carried.net:
                valuation = replace(valuation, net_likelihood=carried.net[0], net_impact=carried.net[1])
            risk = self._risk(analysis, spec, valuation, copied_from=last.get(spec.number), change=carried.change)
            for order, control_spec in enumerate(spec.controls, start=1):
                this_year = replace(control_spec, checked=carried.checked, results=carried.results, **carried.control)
                self._results_this_year(self._control(risk, this_year, order), this_year)

    def _analysis(self, unit, year, state, adopted_on=None, decision="", diary="") -> RiskAnalysis:
        self.made += 1
        return RiskAnalysis.objects.create(
            unit=unit,
            year=year,
            matrix=self.matrix,
            state=state,
            adopted_on=min(adopted_on, self.today) if adopted_on else None,
            decision_ref=decision,
            diary_number=diary,
        )

    def _risk(self, analysis, spec: RiskSpec, valuation: Valuation, copied_from=None, change="") -> Risk:
        """A risk with its valuation, in the plan when its netto is Röd or Gul (the default)."""
        risk = Risk.objects.create(
            analysis=analysis,
            number=spec.number,
            name=spec.name,
            description=spec.description,
            category=self.categories.get(spec.category),
            existing_measures=spec.measures,
            governing_documents=spec.documents,
            consequence=spec.consequence,
            gross_likelihood=valuation.gross_likelihood,
            gross_impact=valuation.gross_impact,
            net_likelihood=valuation.net_likelihood,
            net_impact=valuation.net_impact,
            in_plan=rules.chosen_by_default(self.matrix.status(valuation.net_likelihood, valuation.net_impact)),
            copied_from=copied_from,
            change=change,
        )
        risk.impacts.set([self.impacts[name] for name in spec.impacts])
        if spec.threatens:
            risk.threatens.set(PlanItem.objects.filter(year=analysis.year, code__in=spec.threatens))
        return risk

    def _control(self, risk, spec: ControlSpec, order: int) -> Control:
        due_on = datetime.date.fromisoformat(f"{risk.analysis.year}-{spec.due}") if spec.due else None
        return Control.objects.create(
            risk=risk,
            what=spec.what,
            method=spec.method,
            sample=spec.sample,
            frequency=spec.frequency,
            due_on=due_on,
            responsible=self.users[spec.responsible],
            unit=self.units[spec.unit],
            order=order,
        )

    # -- results and actions

    def _result(self, control, occurrence, spec: ResultSpec, performed_on) -> ControlResult:
        return ControlResult.objects.create(
            control=control,
            occurrence=occurrence.code,
            due_on=occurrence.due,
            outcome=spec.outcome,
            checked=spec.checked,
            findings=spec.findings,
            performed_on=performed_on,
            version=1,
            updated_by=control.responsible,
        )

    def _results_2022(self, control, spec: ControlSpec) -> None:
        """The seed's results (T1 and T2), their actions and the actions' 2022-T2 follow-up."""
        occurrences = rules.occurrences(control.frequency, 2022, control.due_on)
        for number, result_spec in spec.results.items():
            occurrence = occurrences[number - 1]
            result = self._result(control, occurrence, result_spec, occurrence.due - datetime.timedelta(days=8))
            for action_spec in result_spec.actions:
                action = self._action(control.risk, result, action_spec, action_spec.deadline)
                for code, status, comment in action_spec.updates:
                    ActionUpdate.objects.create(
                        action=action, period=self.periods[code], status=status, comment=comment
                    )

    def _results_this_year(self, control, spec: ControlSpec) -> None:
        """Every occurrence before the current period reported; in it, those of the controls
        already done (a monthly one for the months past); later ones not. An action marked
        `always` is made on the risk when its finding's occurrence is not reported yet."""
        pending = {number: r.actions for number, r in spec.results.items() if r.actions}
        for number, occurrence in enumerate(rules.occurrences(control.frequency, self.year, control.due_on), start=1):
            state = occurrence_state(occurrence.due, self.open_window)
            if state == "future" or (state == "open" and not spec.open_done):
                continue
            if state == "open" and control.frequency == Control.MONTHLY and occurrence.due > self.today:
                continue
            result_spec = spec.results.get(number, ResultSpec())
            result_spec = replace(result_spec, checked=result_spec.checked or spec.checked)
            performed_on = min(occurrence.due - datetime.timedelta(days=5), self.today - datetime.timedelta(days=1))
            if state == "open":
                performed_on = max(performed_on, self.open_window[0])
            result = self._result(control, occurrence, result_spec, performed_on)
            for action_spec in pending.pop(number, ()):
                action = self._action(control.risk, result, action_spec, self._deadline(action_spec, occurrence.due))
                self._updates_this_year(action, _tertial(occurrence.due), action_spec.comment)
        for actions in pending.values():
            for action_spec in actions:
                if action_spec.always:
                    self._action(control.risk, None, action_spec, self._deadline(action_spec, None))

    def _deadline(self, spec: ActionSpec, found_due: datetime.date | None) -> datetime.date:
        """An action's deadline in the current year: as given, the demo's overdue one, six
        weeks after the finding for one that is done, else the year's end (so that only the
        one meant to be overdue is)."""
        if spec.deadline == "overdue":
            return overdue_deadline(found_due, self.today)
        if spec.deadline is not None:
            return spec.deadline
        year_end = datetime.date(self.year, 12, 31)
        if spec.status == DONE and found_due is not None:
            return min(found_due + datetime.timedelta(days=45), year_end)
        return year_end

    def _action(self, risk, result, spec: ActionSpec, deadline) -> RiskAction:
        done_on = spec.done_on
        if spec.status == DONE and done_on is None:
            found = result.due_on if result is not None else datetime.date(self.year, 1, 1)
            done_on = min(found + datetime.timedelta(days=20), self.today - datetime.timedelta(days=1))
        return RiskAction.objects.create(
            risk=risk,
            result=result,
            what=spec.what,
            owner=self.users[spec.owner] if spec.owner else None,
            owner_label=spec.owner_label,
            deadline=deadline,
            status=spec.status,
            done_on=done_on,
        )

    def _handlingsplan(self, risk, specs) -> None:
        """The analysis' Handlingsplan: actions on the risk, due at the year's end, followed
        up in every closed tertial."""
        for spec in specs:
            action = self._action(risk, None, spec, datetime.date(self.year, 12, 31))
            self._updates_this_year(action, 0, spec.comment)

    def _updates_this_year(self, action, after_tertial: int, comment: str) -> None:
        """The action's follow-up in each closed tertial after the one it was found in: done
        from the tertial it was done in, before that under way."""
        for number in range(after_tertial + 1, 4):
            period = self.periods.get(f"{self.year}-T{number}")
            if period is None or occurrence_state(period.end, self.open_window) != "closed":
                continue
            if action.done_on is not None and action.done_on <= period.end:
                status = DONE
            else:
                status = ONGOING if action.status == DONE else action.status
            ActionUpdate.objects.create(action=action, period=period, status=status, comment=comment)
