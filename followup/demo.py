"""Demo follow-up: assessments, comments and values for the past periods of 2022 and of
the current year, and a partly reported open period, so that a manager has something
to do and reports and dashboards have history.

Figures from the seeds are used where they exist (Norrbotten's sick leave in August 2022:
kvinnor 7,4 %, män 4,9 %, shared/seeds/003); other values are drawn, reproducibly, around
each measure's target; a share stays within 0–100 %, and a count split by sex adds up.
Statuses of measures follow the suggestion rule; the others are mostly green and yellow,
as real follow-ups are. Comments are the seed's own analyses where it has them (2022-T2),
otherwise the row's facts and a reason: no comment is shared by two items.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from followup.models import Assessment, DataSource, EconomyFigure, MeasureValue, PersonnelFigure
from followup.rules import suggest
from followup.services import load_followup
from goals.rules import Op
from regionplan.models import Period
from regionplan.numbers import format_number
from regionplan.orgtree import ensure_year
from regionplan.status import Status

# (measure code, period code) -> {sex: value}, from the seed documents. IT/MT-stöd's staff:
# "under 120 medarbetare mot en ram på 136" (the split by sex is not in the seed; drawn).
SEED_VALUES = {
    ("M-SJUK", "2022-08"): {"women": Decimal("7.4"), "men": Decimal("4.9"), "total": Decimal("6.8")},
    ("M-SJUK", "2022-T2"): {"women": Decimal("7.4"), "men": Decimal("4.9"), "total": Decimal("6.8")},
    ("M-BEM-ITMT", "2022-T2"): {"women": Decimal("41"), "men": Decimal("77"), "total": Decimal("118")},
}

# The real analyses behind the demo (shared/seeds/003, Division Regionstöd's delårsrapport
# August 2022), shortened: (item code, unit code, period code) -> (status, comment). They
# are the people's own assessments, so their colour stands even where the suggestion differs.
SEED_ASSESSMENTS = {
    ("SM-VE1", "NLL", "2022-T2"): (
        Status.GREEN,
        "Den samlade bedömningen är att måluppfyllelsen i perspektivet kommer att kunna nås vid årets slut. "
        "Framgångsfaktorerna produktivitet, kvalitet/leveranssäkerhet och tillgänglighet väntas överlag uppnå "
        "bibehållna nivåer trots förbättrad kostnadseffektivitet. En divisionsgemensam kundundersökning skickas ut "
        "i september och ger ett mer tillförlitligt underlag för analys av kvalitet, tillgänglighet och "
        "kundnöjdhet vid årets slut.",
    ),
    ("SM-MA1", "NLL", "2022-T2"): (
        Status.YELLOW,
        "Måluppfyllelsen i perspektivet väntas vara delvis uppnådd vid årets slut. Under året har arbetet "
        "inriktats på att tydliggöra uppdrag, roller och ansvar, tillitsbaserat ledarskap samt chefsutbildningar, "
        "faktorer som väntas bidra till samtliga framgångsfaktorer inom perspektivet. Medarbetarundersökningen är "
        "planerad före årets slut och väntas ge tydligare underlag för analys och vidare utveckling.",
    ),
    ("SM-EK1", "NLL", "2022-T2"): (
        Status.YELLOW,
        "Måluppfyllelsen i perspektivet bedöms vara delvis uppnådd vid årets slut. Bedömningen är att de "
        "ekonomiska ramarna för året inte kommer att hållas, men förväntan är att 75 % av de minskade ramarna är "
        "klarade vid årets slut. Målet för framgångsfaktorn kostnadseffektiv verksamhet bedöms uppfyllas.",
    ),
    ("M-SJUK", "DRS", "2022-T2"): (
        Status.RED,
        "Sjukfrånvaron är markant högre för kvinnor (7,4 %) än för män (4,9 %). Verksamheter med mer begränsade "
        "möjligheter till distansarbete, som lokalvården, har fått ökad frånvaro i samband med restriktioner "
        "kopplade till covid, och de har en markant större andel kvinnor. Skillnaden beror främst på olika "
        "förutsättningar i olika typer av verksamheter snarare än på oskäliga skillnader mellan kvinnor och män.",
    ),
    ("M-MAJINC", "DRS-ITMT", "2022-T2"): (
        Status.YELLOW,
        "Avvikelser med risk för allvarlig konsekvens (”major incidents”) har ökat inom IT/MT-stöd jämfört med "
        "föregående år. Helhetsbedömningen är ändå att kvaliteten har förbättrats tack vare genomförda och "
        "pågående åtgärder inom IT-säkerhet.",
    ),
    ("M-BEM-ITMT", "DRS-ITMT", "2022-T2"): (
        Status.RED,
        "IT/MT-stöd har svårt att nå upp till fastställd bemanningsram: under 120 medarbetare mot en ram på 136. "
        "Återbesättning av tjänster prioriteras, och bemanningen av FVIS-projektet kräver i stor utsträckning "
        "externa konsulter.",
    ),
    ("M-LOK-PROD", "DRS-FM-LOK", "2022-T2"): (
        Status.YELLOW,
        "Lokalvården har testat en städrobot men säger upp avtalet med leverantören; en ny robot testas från "
        "slutet av 2022, så den väntade effekten på produktiviteten förskjuts till kommande år. Viss förbättring "
        "har ändå nåtts genom förändrad schemaläggning.",
    ),
    ("M-FELUH", "DRS-FAST", "2022-T2"): (
        Status.GREEN,
        "Tillsyn och skötsel beskrivs nu i systemet, som varje månad skapar en arbetsorder till driftteknikerna. "
        "Avvikelser upptäcks tidigt och åtgärdas, vilket minskar det felavhjälpande underhållet. Arbetssättet "
        "införs stegvis med start på Gällivare sjukhus.",
    ),
    ("M-KOSTPORT", "DRS-FM-KOST", "2022-T2"): (
        Status.YELLOW,
        "Priserna inom kostverksamheten har setts över för att förbättra lönsamheten, och ett strukturerat sätt "
        "att korrigera dem fortlöpande tas fram. Kiosken på Sunderbyn läggs ut på extern leverantör.",
    ),
    ("M-KONSULT", "DRS-ITMT", "2022-T2"): (
        Status.RED,
        "Underskottet på IT/MT-stöd beror främst på merkostnad för inhyrda konsulter till följd av vakanser och "
        "tillkommande uppdrag där finansieringen ännu inte är löst. Underskottet väntas öka till ca 12 mnkr "
        "för helåret.",
    ),
    ("U-EHANDEL", "DRS-IOF", "2022-T2"): (
        Status.GREEN,
        "Handlingsplan för året är framtagen, med fokus på att utreda förutsättningarna och ansluta leverantörer "
        "med högre grad av e-handelsmognad.",
    ),
    ("U-KFP-ITMT", "DRS-ITMT", "2022-T2"): (
        Status.YELLOW,
        "En riskanalys av verksamhetsrisker till följd av personberoenden är genomförd, och arbetet med en plan "
        "för att minska personberoendet och säkra en hållbar kompetensförsörjning har påbörjats.",
    ),
    ("U-SJUKRESOR", "DRS-SJR", "2022-T2"): (
        Status.GREEN,
        "Översyn av organisationsstruktur och digitalisering pågår i samverkan med andra norrregioner, Regionala "
        "kollektivtrafikmyndigheten och externa leverantörer. En film tas fram för att öka resandet med tåg.",
    ),
    ("U-INKOP-FAKT", "DRS-IOF", "2022-T2"): (
        Status.YELLOW,
        "Arbete pågår. System för kontroll vid ändring av leverantörsfaktura och för avtalsuppföljning utvärderas.",
    ),
    ("U-HJALPMEDEL", "DRS-FM-MHM", "2022-T2"): (
        Status.RED,
        "Arbetet har stannat av under perioden till följd av byte av verksamhetschef men planeras återupptas "
        "under kommande period.",
    ),
}

# What a person writes after the facts of a row, by status: varied, and each naming the unit,
# so that no two items share a comment (tests/whole/test_demo_data.py holds the demo to it).
REASONS = {
    Status.GREEN: [
        "{unit} bedömer att nivån håller året ut; arbetssättet behålls.",
        "Inom {unit} går arbetet enligt plan och följs upp på ledningsgruppens möten.",
        "{unit} når målet med nuvarande bemanning; inga särskilda åtgärder behövs.",
        "Resultatet inom {unit} är stabilt jämfört med föregående period.",
    ],
    Status.YELLOW: [
        "{unit} ser en avvikelse som följs upp i ledningsgruppen; åtgärder planeras till nästa period.",
        "Förseningar i upphandling gör att {unit} når målet först mot slutet av året.",
        "Vakanser inom {unit} bromsar arbetet; rekrytering pågår.",
        "{unit} har prioriterat beredskapsarbetet under perioden, vilket fördröjt delar av arbetet.",
    ],
    Status.RED: [
        "Hög korttidsfrånvaro och vakanser inom {unit} förklarar avvikelsen; en handlingsplan tas fram med HR.",
        "{unit} når inte målet i år; orsakerna analyseras och åtgärder redovisas i nästa rapport.",
        "Merkostnader och uteblivna leveranser har slagit igenom inom {unit}; frågan är lyft till ledningen.",
        "Arbetet inom {unit} har inte kommit i gång som planerat; ny tidplan tas fram.",
    ],
}
# Units whose split-by-sex values add up (a count of people); the others are rates.
COUNT_UNITS = {"antal"}


def _economy_value(row, period) -> dict | None:
    """Division Regionstöd's budget deviation in 2022, from the demo's economy table (see
    budget_deviation), where the row is that measure for one of its units."""
    if row.item.code != "M-BUDGAVV" or period.start.year != 2022:
        return None
    value = budget_deviation(row.unit.code, period.end.month)  # accumulated: the period's last month
    return {"total": value} if value is not None else None


def _draw(*parts) -> float:
    """A reproducible number in [0, 1) from the parts (same seed, same demo)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return int(digest[:8], 16) / 2**32


def _stable(row) -> str:
    """A row's name for the draws: codes, not ids, so every database gets the same demo."""
    return f"{row.item.code}@{row.unit.code}"


def _value(row, period) -> Decimal | None:
    target = row.target
    if target is None or target.operator == "":
        base = row.item.baseline_value or Decimal(50)
        return (base * Decimal(0.8 + 0.4 * _draw(_stable(row), period.code))).quantize(Decimal("0.1"))
    if target.operator in (Op.YES, Op.NO):
        return Decimal(1 if _draw(_stable(row), period.code) < 0.7 else 0)
    anchor = target.value if target.value is not None else (row.item.baseline_value or Decimal(50))
    if anchor == 0:
        anchor = Decimal(1)
    spread = Decimal(0.75 + 0.45 * _draw(_stable(row), period.code))  # 75–120 % of the target
    return (anchor * spread).quantize(Decimal("0.1"))


def _share(row, value: Decimal | None) -> Decimal | None:
    """A %-measure's value is a share: what the draw puts above 100 % is folded back into
    the room between the anchor (the target, or the baseline) and 100 %."""
    if value is None or row.item.measure_unit != "%" or value <= 100:
        return value
    target = row.target
    anchor = target.value if target is not None and target.value is not None else row.item.baseline_value
    anchor = min(anchor if anchor is not None else Decimal(90), Decimal(100))
    above = Decimal(_draw(_stable(row), "share"))
    return (anchor + (Decimal(100) - anchor) * above).quantize(Decimal("0.1"))


def _by_sex(row, total: Decimal) -> dict[str, Decimal]:
    """Kvinnor and män beside the total: a count splits the total between them (whole
    people, adding up); a rate puts the total between them (women a little higher, as in
    the seeds' sick leave), a share staying within 0–100 %."""
    if row.item.measure_unit in COUNT_UNITS:
        total = total.quantize(Decimal("1"))
        women = (total * Decimal(0.35 + 0.3 * _draw(_stable(row), "women"))).quantize(Decimal("1"))
        return {"total": total, "women": women, "men": total - women}
    women, men = total * Decimal("1.1"), total * Decimal("0.85")
    if row.item.measure_unit == "%":
        women = min(women, Decimal(100))
    return {"total": total, "women": women.quantize(Decimal("0.1")), "men": men.quantize(Decimal("0.1"))}


def _comment(row, period, status, value) -> str:
    """A row's comment (Swedish data, like the seeds, not a text of the interface): the
    facts of the row (a measure's outcome against its target, how far an activity has
    come), then a reason drawn for the status, naming the unit."""
    item = row.item
    if item.level == "measure" and value is not None:
        if item.measure_unit == "ja/nej":
            facts = f"{item.name}: {'genomfört' if value else 'inte genomfört'} {period.code}."
        else:
            against = f" mot målet {row.target_text}" if row.target_text else ""
            facts = f"{item.name}: utfall {period.code} {format_number(value)} {item.measure_unit}{against}."
    elif item.level == "activity":
        facts = f"{item.name}: {int(100 * _draw(_stable(row)))} % genomfört {period.code}."
    else:
        facts = f"{item.name} ({period.code}):"
    reasons = REASONS[status]
    reason = reasons[int(_draw(_stable(row), period.code, "reason") * len(reasons))]
    return f"{facts} {reason.format(unit=row.unit.name)}"


def _status(row, value) -> Status:
    if value is not None and row.suggestion is not None:
        suggested = suggest(row.target, value, row.reference)
        if suggested.status != Status.NOT_ASSESSED:
            return suggested.status
    draw = _draw(_stable(row), "status")
    return Status.GREEN if draw < 0.55 else Status.YELLOW if draw < 0.85 else Status.RED


def seed_followup(region, spec: dict, units: dict, log) -> None:
    """Assessments and values for every due row of every past period, and half of the
    rows of the open one. Periods that already have assessments are left alone."""
    today = timezone.localdate()
    this_year = today.year
    root = next(u for u in units.values() if u.parent_id is None)
    periods = Period.reporting(region).filter(Q(start__year=2022) | Q(start__year=this_year)).order_by("end")
    made = 0
    for period in periods:
        if period.start > today or Assessment.objects.filter(period=period).exists():
            continue
        open_period = period.deadline >= today
        view = load_followup(period, Q(path__startswith=root.path), today)
        assessments, values = [], []
        for row in view.rows:
            if open_period and _draw(_stable(row), period.code, "open") < 0.5:
                continue  # the open period is only partly reported
            value = None
            if row.item.level == "measure":
                seeded = SEED_VALUES.get((row.item.code, period.code)) or _economy_value(row, period)
                sexes = seeded or {}
                if not seeded:
                    value = _share(row, _value(row, period))
                    sexes = {"total": value}
                    if row.item.split_by_sex and value is not None:
                        sexes = _by_sex(row, value)
                value = sexes.get("total")
                values += [
                    MeasureValue(measure=row.item, unit=row.unit, period=period, sex=sex, value=v, origin="demo")
                    for sex, v in sexes.items()
                ]
            status = _status(row, value)
            if seed := SEED_ASSESSMENTS.get((row.item.code, row.unit.code, period.code)):
                status, comment = seed
            else:
                comment = _comment(row, period, status, value)
            assessments.append(
                Assessment(
                    item=row.item,
                    unit=row.unit,
                    period=period,
                    status=status,
                    comment=comment,
                    version=1,
                    percent_complete=int(100 * _draw(_stable(row))) if row.item.level == "activity" else None,
                )
            )
        MeasureValue.objects.bulk_create(values)
        Assessment.objects.bulk_create(assessments)
        made += len(assessments)
    log(f"  Uppföljning: {made} bedömningar.")


# Division Regionstöd's economy January–August 2022 in Mnkr, from its delårsrapport (seed 003).
# The report prints whole Mnkr; the amounts here carry the decimals behind them, chosen so
# that every printed figure comes out as the report prints it (rows, differences, totals
# and percentages: its 2021 cost total is −1 045, not the −1 044 its rounded rows add up to).
# Per verksamhetsområde: (outcome, period budget, full-year forecast) from "Utfall per VO"
# (seed lines 741–775: the text's columns are jumbled; read column-wise they give
# Utfall −5 20 −16 3 4 −3 −4 | −2, Periodbudget 2 2 0 1 0 2 1 | 9, Budgetavvikelse
# −7 18 −16 2 3 −6 −6 | −11) and the forecasts of "Årsprognos" (total −30).
ECONOMY_2022_T2 = {
    "DRS-GEM": ("-4.9", "1.8", "-7.5"),
    "DRS-FAST": ("20.1", "2.0", "9"),
    "DRS-FM": ("-16.1", "0", "-20"),
    "DRS-HRE": ("2.9", "1.0", "5"),
    "DRS-IOF": ("3.6", "0.4", "4"),
    "DRS-ITMT": ("-3.4", "2.3", "-12"),
    "DRS-SJR": ("-4.4", "1.4", "-8.5"),
}
COSTS = {  # kostnadsslag: (2022-T2, 2021-T2), "Kostnadsutveckling" (seed lines 856–935)
    "Personal": ("-247.11", "-259.32"),
    "Vårdmaterial": ("-3.81", "-5.25"),
    "Läkemedel": ("-0.360", "-0.127"),
    "Köp av verksamhet/tjänster": ("-196.61", "-220.05"),
    "Sjukresor och sjuktransporter": ("-94.42", "-84.01"),
    "Övriga kostnader": ("-479.59", "-437.80"),
    "Intäkter och kostnader utanför verksamhetens resultat": ("-38.91", "-38.08"),
    "Nettokostnad": ("-265.44", "-245.89"),  # the report's Nettokostnadsutveckling row
}
# typ: (planerat, utfall beslut före året, utfall beslut under året, prognos), seed lines 1096–1140.
INVESTMENTS_2022_T2 = {
    "MT-utrustning": ("0", "0", "0", "0"),
    "IT-utrustning": ("20.4", "2.4", "1.2", "15"),
    "Övriga inventarier": ("0.4", "3.3", "0.3", "5"),
    "Fastigheter": ("80.4", "19.6", "3.0", "77"),
    "Hjälpmedel": ("38.2", "0", "27.2", "38"),
}


def budget_deviation(unit_code: str, month: int) -> Decimal | None:
    """The demo's accumulated budget deviation (measure M-BUDGAVV, Mnkr) of a unit of
    Division Regionstöd at the end of a month of 2022: August's is the economy table's
    outcome − period budget, the other months on a straight line through it; the
    division's is the sum of its areas', so the two agree in every month."""
    if not 1 <= month <= 12:
        return None
    if unit_code == "DRS":
        parts = [budget_deviation(code, month) for code in ECONOMY_2022_T2]
        return sum(parts, Decimal(0))
    if unit_code not in ECONOMY_2022_T2:
        return None
    outcome, budget, _forecast = ECONOMY_2022_T2[unit_code]
    return ((Decimal(outcome) - Decimal(budget)) * month / 8).quantize(Decimal("0.1"))


# Kolada's ids for the regions, so a Kolada source can name them.
KOLADA_REGION_IDS = {"norrbotten": "0025", "vasternorrland": "0022"}


def seed_imports(region, spec: dict, units: dict, log) -> None:
    """The region's Kolada id on its root unit, a drop-folder data source, and the
    division's economy outcome for the 2022 delår."""
    root = next(u for u in units.values() if u.parent_id is None)
    if region.slug in KOLADA_REGION_IDS and not root.external_code:
        root.external_code = KOLADA_REGION_IDS[region.slug]
        root.save()
    DataSource.objects.get_or_create(
        name="Inkorg från datalagret", defaults={"kind": DataSource.FOLDER, "folder": "datalager", "schedule": "manual"}
    )
    division = units.get("DRS")
    if division is None or EconomyFigure.objects.filter(unit=division).exists():
        log("  Import: datakälla.")
        return
    ensure_year(region, 2021)  # last year's outcome, for the cost development
    periods = {p.code: p for p in Period.objects.filter(code__in=["2021-T2", "2022-T2"])}
    now, before = periods["2022-T2"], periods["2021-T2"]

    def kronor(mnkr) -> Decimal:
        return Decimal(mnkr) * 1_000_000

    figures = [
        EconomyFigure(
            unit=units[code],
            period=now,
            kind=EconomyFigure.OPERATIONS,
            line="Verksamhetens nettokostnad",
            outcome=kronor(outcome),
            budget=kronor(budget),
            forecast=kronor(forecast),
        )
        for code, (outcome, budget, forecast) in ECONOMY_2022_T2.items()
    ]
    for line, (this_year, last_year) in COSTS.items():
        figures += [
            EconomyFigure(unit=division, period=now, kind=EconomyFigure.COSTS, line=line, outcome=kronor(this_year)),
            EconomyFigure(unit=division, period=before, kind=EconomyFigure.COSTS, line=line, outcome=kronor(last_year)),
        ]
    figures += [
        EconomyFigure(
            unit=units["DRS-FAST" if kind == "Fastigheter" else "DRS"],
            period=now,
            kind=EconomyFigure.INVESTMENTS,
            line=kind,
            budget=kronor(planned),
            outcome=kronor(earlier) + kronor(during),
            outcome_earlier=kronor(earlier),
            forecast=kronor(forecast),
        )
        for kind, (planned, earlier, during, forecast) in INVESTMENTS_2022_T2.items()
    ]
    EconomyFigure.objects.bulk_create(figures)
    made = len(figures)
    log(f"  Import: datakälla och {made} ekonomirader.")


# Division Regionstöd's personnel January–August 2022 and 2021 (seed 003, "Väsentliga
# personalförhållanden"). The seed gives the period's figures: 588 årsarbetare on average
# against a frame of 605 (−17), 30 fewer than the year before; 616 tillsvidare- and 53
# visstidsanställda on average, the pool's 26 counted in them; sick leave of kvinnor 7,4 % and
# män 4,9 % (the demo's measure M-SJUK: 6,8 % in total), 1,7 points more than in 2021, with
# its peak in February and a falling trend after March. The report's monthly tables and
# charts are pictures that the seed's text does not hold: the months here are drawn to
# those averages and that shape (each series averages to the seed's figure), and the
# hours (worked time, extra time rising through the year) are illustrative.
PERSONNEL_MONTHS = {
    # year: (årsarbetare, tillsvidare, visstid, extratid, sjukfrånvaro kvinnor, män, totalt) per month 1–8
    2022: (
        (584, 579, 590, 586, 595, 597, 578, 595),
        (612, 613, 615, 616, 617, 618, 618, 619),
        (50, 51, 52, 52, 54, 56, 58, 51),
        (2100, 2350, 2400, 2500, 2650, 2900, 3100, 2950),
        ("8.6", "10.9", "8.4", "6.9", "6.4", "6.1", "5.5", "6.4"),
        ("5.6", "7.4", "5.6", "4.5", "4.2", "3.9", "3.5", "4.5"),
        ("7.9", "10.1", "7.7", "6.3", "5.9", "5.6", "5.0", "5.9"),
    ),
    2021: (
        (650, 648, 655, 651, 596, 594, 580, 570),
        (605, 604, 606, 606, 605, 607, 609, 606),
        (60, 58, 57, 55, 56, 59, 61, 54),
        (1900, 1950, 2000, 2050, 2100, 2300, 2400, 2250),
        ("6.0", "6.3", "6.1", "5.6", "5.4", "5.2", "4.8", "5.4"),
        ("3.9", "4.1", "3.9", "3.6", "3.5", "3.3", "3.1", "3.4"),
        ("5.5", "5.8", "5.6", "5.1", "4.9", "4.7", "4.4", "4.8"),
    ),
}
STAFFING_FRAME = 605  # årsarbetare, both years
POOL = 26
HOURS_PER_ANNUAL_STAFF_MONTH = Decimal(1700) / 12  # a full-time year of worked hours, per month


def seed_personnel(region, spec: dict, units: dict, log) -> None:
    """Division Regionstöd's HR figures per month of 2022 and 2021 (once), as the personnel
    import would store them from the HR system's export."""
    division = units.get("DRS")
    if division is None or PersonnelFigure.objects.filter(unit=division).exists():
        return
    figures = []
    for year, (staff, permanent, temporary, extra, women, men, total) in PERSONNEL_MONTHS.items():
        for i in range(8):
            figures.append(
                PersonnelFigure(
                    unit=division,
                    year=year,
                    month=i + 1,
                    annual_staff=Decimal(staff[i]),
                    staffing_frame=Decimal(STAFFING_FRAME),
                    permanent=permanent[i],
                    temporary=temporary[i],
                    pool=POOL,
                    worked_hours=(staff[i] * HOURS_PER_ANNUAL_STAFF_MONTH).quantize(Decimal("1")),
                    extra_hours=Decimal(extra[i]),
                    sick_women=Decimal(women[i]),
                    sick_men=Decimal(men[i]),
                    sick_total=Decimal(total[i]),
                )
            )
    PersonnelFigure.objects.bulk_create(figures)
    log(f"  Personal: {len(figures)} månader för {division.name}.")
