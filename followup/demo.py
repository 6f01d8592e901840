"""Demo follow-up: assessments, comments and values for the past periods of 2022 and of
the current year, and a partly reported open period, so that a manager has something
to do and reports and dashboards have history.

Figures from the seeds are used where they exist (Norrbotten's sick leave in August 2022:
kvinnor 7,4 %, män 4,9 %, shared/seeds/003); other values are drawn, reproducibly, around
each measure's target. Statuses of measures follow the suggestion rule; the others are
mostly green and yellow, as real follow-ups are.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from followup.models import Assessment, DataSource, EconomyFigure, MeasureValue
from followup.rules import suggest
from followup.services import load_followup
from goals.rules import Op
from regionplan.models import Period
from regionplan.orgtree import ensure_year
from regionplan.status import Status

# (measure code, period code) -> {sex: value}, from the seed documents.
SEED_VALUES = {
    ("M-SJUK", "2022-08"): {"women": Decimal("7.4"), "men": Decimal("4.9"), "total": Decimal("6.8")},
    ("M-SJUK", "2022-T2"): {"women": Decimal("7.4"), "men": Decimal("4.9"), "total": Decimal("6.8")},
}

COMMENTS = {
    Status.GREEN: "Enligt plan. Arbetet fortsätter som planerat.",
    Status.YELLOW: "Delvis uppnått. Förseningar i upphandling och bemanning; åtgärder pågår och följs upp nästa period.",
    Status.RED: "Inte uppnått. Orsaken är hög frånvaro och vakanser. Handlingsplan tas fram med HR och skyddsombud.",
}


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
    periods = Period.objects.filter(Q(start__year=2022) | Q(start__year=this_year)).order_by("end")
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
                seeded = SEED_VALUES.get((row.item.code, period.code))
                sexes = seeded or {}
                if not seeded:
                    value = _value(row, period)
                    sexes = {"total": value}
                    if row.item.split_by_sex and value is not None:
                        sexes = {
                            "total": value,
                            "women": (value * Decimal("1.1")).quantize(Decimal("0.1")),
                            "men": (value * Decimal("0.85")).quantize(Decimal("0.1")),
                        }
                value = sexes.get("total")
                values += [
                    MeasureValue(measure=row.item, unit=row.unit, period=period, sex=sex, value=v, origin="demo")
                    for sex, v in sexes.items()
                ]
            status = _status(row, value)
            assessments.append(
                Assessment(
                    item=row.item,
                    unit=row.unit,
                    period=period,
                    status=status,
                    comment=COMMENTS[status],
                    version=1,
                    percent_complete=int(100 * _draw(_stable(row))) if row.item.level == "activity" else None,
                )
            )
        MeasureValue.objects.bulk_create(values)
        Assessment.objects.bulk_create(assessments)
        made += len(assessments)
    log(f"  Uppföljning: {made} bedömningar.")


# Division Regionstöd's economy January–August 2022 in Mnkr, from its delårsrapport (seed 003).
# Per verksamhetsområde: (outcome, period budget, full-year forecast) from "Utfall per VO" and
# "Årsprognos" (the seed's text columns are jumbled; these add up to its totals: outcome
# −2, budget 9, deviation −11, forecast −30). The cost development per kostnadsslag
# ("Kostnadsutveckling", 2022-8 against 2021-8) and the investments (planned, outcome,
# forecast) as the division reports them.
ECONOMY_2022_T2 = {
    "DRS-GEM": (-5, 2, -7.5),
    "DRS-FAST": (20, 2, 9),
    "DRS-FM": (-16, 0, -20),
    "DRS-HRE": (3, 0, 5),
    "DRS-IOF": (4, 1, 4),
    "DRS-ITMT": (-6, 0, -12),
    "DRS-SJR": (-2, 4, -8.5),
}
COSTS = {  # kostnadsslag: (2022-T2, 2021-T2)
    "Personal": (-247, -259),
    "Vårdmaterial": (-4, -5),
    "Läkemedel": (0, 0),
    "Köp av verksamhet/tjänster": (-197, -220),
    "Sjukresor och sjuktransporter": (-94, -84),
    "Övriga kostnader": (-480, -438),
    "Intäkter och kostnader utanför verksamhetens resultat": (-39, -38),
}
INVESTMENTS_2022_T2 = {  # typ: (planerat, utfall, prognos)
    "MT-utrustning": (0, 0, 0),
    "IT-utrustning": (20, 4, 15),
    "Övriga inventarier": (0, 4, 5),
    "Fastigheter": (80, 23, 77),
    "Hjälpmedel": (38, 27, 38),
}
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
        return Decimal(str(mnkr)) * 1_000_000

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
            outcome=kronor(outcome),
            forecast=kronor(forecast),
        )
        for kind, (planned, outcome, forecast) in INVESTMENTS_2022_T2.items()
    ]
    EconomyFigure.objects.bulk_create(figures)
    made = len(figures)
    log(f"  Import: datakälla och {made} ekonomirader.")
