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
                        sexes = {"total": value, "women": (value * Decimal("1.1")).quantize(Decimal("0.1")),
                                 "men": (value * Decimal("0.85")).quantize(Decimal("0.1"))}
                value = sexes.get("total")
                values += [MeasureValue(measure=row.item, unit=row.unit, period=period, sex=sex, value=v,
                                        origin="demo") for sex, v in sexes.items()]
            status = _status(row, value)
            assessments.append(Assessment(item=row.item, unit=row.unit, period=period, status=status,
                                          comment=COMMENTS[status], version=1,
                                          percent_complete=int(100 * _draw(_stable(row))) if row.item.level == "activity" else None))
        MeasureValue.objects.bulk_create(values)
        Assessment.objects.bulk_create(assessments)
        made += len(assessments)
    log(f"  Uppföljning: {made} bedömningar.")


# Division Regionstöd's outcome January–August 2022 in Mnkr, from its delårsrapport
# (seed 003, "Kostnadsutveckling" table): the economy tables of the reports start here.
ECONOMY_2022_T2 = {"DRS": [("Personal", -247), ("Vårdmaterial", -4), ("Läkemedel", 0),
                           ("Köp av verksamhet/tjänster", -197), ("Sjukresor och sjuktransporter", -94),
                           ("Övriga kostnader", -480)]}
# Kolada's ids for the regions, so a Kolada source can name them.
KOLADA_REGION_IDS = {"norrbotten": "0025", "vasternorrland": "0022"}


def seed_imports(region, spec: dict, units: dict, log) -> None:
    """The region's Kolada id on its root unit, a drop-folder data source, and the
    division's economy outcome for the 2022 delår."""
    root = next(u for u in units.values() if u.parent_id is None)
    if region.slug in KOLADA_REGION_IDS and not root.external_code:
        root.external_code = KOLADA_REGION_IDS[region.slug]
        root.save()
    DataSource.objects.get_or_create(name="Inkorg från datalagret", defaults={
        "kind": DataSource.FOLDER, "folder": "datalager", "schedule": "manual"})
    period = Period.objects.filter(code="2022-T2").first()
    made = 0
    for code, lines in ECONOMY_2022_T2.items():
        unit = units.get(code)
        if unit is None or period is None or EconomyFigure.objects.filter(unit=unit, period=period).exists():
            continue
        EconomyFigure.objects.bulk_create([
            EconomyFigure(unit=unit, period=period, kind=EconomyFigure.OPERATIONS, line=line,
                          outcome=Decimal(mnkr) * 1_000_000) for line, mnkr in lines])
        made += len(lines)
    log(f"  Import: datakälla och {made} ekonomirader.")
