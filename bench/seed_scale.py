"""python bench/seed_scale.py --region <slug> --units N --measures M --years Y [--shape region [--followup]]

Data the size of the benchmarks, in a new region (so a real region can never be filled
with scale data by mistake).

`--shape flat` (the default, for bench/imports.py): N units under one root, and for each
of Y years a root plan with M monthly measures that every unit follows (adopts). With
1,000 units, 84 measures and one year, the region can hold 1,008,000 monthly values.

`--shape region`: a region shaped like a large Swedish one. The tree is region →
Regionstyrelsen (nämnd) → 6 divisions → up to 60 verksamhetsområden (10 per division) →
the rest as enheter at depth 4, and about half of those with sub-enheter at depth 5;
each level has one unit kind. For each of the Y years up to this year: the region's plan
with 5 perspectives and 2 strategic goals each, the board's plan with 4 success factors
per goal, and M measures in the divisions' (a fifth) and verksamhetsområdens' plans
under those factors, unevenly spread over the goals, each adopted by 0–3 of its owner's
children. Every year's items point to last year's (`copied_from`, same code), as
"Kopiera till nästa år" leaves them. Two logins: politiker@<slug>.scale (läsare on the
root with the subtree) and chef@<slug>.scale (chef of the first division with the
subtree), password "regionplan-demo".

`--followup` (with `--shape region`) adds, for every period that has started: values
(origin "demo") of every follower of every measure – the owner and each adopter, totals
and, for sex-split measures, women and men – monthly measures in every month and tertial,
tertial measures in the tertials; and per tertial an assessment of every goal (by the
root), success factor (by the board) and measure follower, about 55/30/15 green, yellow
and red with a short comment, 5 % not assessed. A measure follower's tertial value agrees
with its status. Everything is drawn from a fixed seed, so the same arguments give the
same data. On PostgreSQL the values and assessments are loaded with COPY.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __name__ == "__main__":  # a benchmark tool, run from the checkout: set Django up first
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from followup.models import Assessment, MeasureValue, Origin
from goals.models import MeasureAdoption, Perspective, Plan, PlanItem
from goals.rules import Levels, Op
from goals.services import ensure_plan
from regionplan import auditing
from regionplan.demo import DEMO_PASSWORD
from regionplan.models import OrgUnit, OrgUnitKind, Period, Region, Role
from regionplan.orgtree import create_region, grant_role
from regionplan.status import Status
from regionplan.tenancy import region_scope

DIVISIONS = ["Närsjukvård", "Länssjukvård", "Psykiatri", "Folktandvård", "Regionstöd", "Kultur och utbildning"]
VO_PER_DIVISION = 10
UNIT_NAMES = ["Vårdavdelning", "Mottagning", "Vårdcentral", "Sektion", "Enhet", "Team"]

# Perspective → its two strategic goals, and each goal's weight when measures are spread
# over the goals (uneven, as in a real plan: one goal has clearly the most measures).
GOALS = {
    "Samhälle": [("Hållbar utveckling i hela länet", 2.0), ("En attraktiv region att bo och verka i", 1.0)],
    "Medborgare": [("God och jämlik vård", 3.0), ("Tillgänglig vård i rätt tid", 1.5)],
    "Verksamhet": [("Säkra och effektiva processer", 1.0), ("Digitalisering som stöd i vardagen", 1.0)],
    "Medarbetare": [("En attraktiv arbetsgivare", 1.5), ("Hälsosam arbetsmiljö", 1.0)],
    "Ekonomi": [("Ekonomi i balans", 2.0), ("Effektiv resursanvändning", 1.0)],
}
FACTORS = ["Samverkan", "Kompetensförsörjning", "Uppföljning och lärande", "Tydliga processer"]
FACTORS_PER_GOAL = len(FACTORS)

# Measure templates: name, measure unit, direction, operator, target range.
MEASURES = [
    ("Andel patienter med besök inom vårdgarantin", "%", PlanItem.HIGHER, Op.GE, (80, 95)),
    ("Andel besvarade samtal inom 3 minuter", "%", PlanItem.HIGHER, Op.GT, (70, 90)),
    ("Sjukfrånvaro", "%", PlanItem.LOWER, Op.LT, (4, 8)),
    ("Personalomsättning", "%", PlanItem.LOWER, Op.LT, (6, 12)),
    ("Andel medarbetare med medarbetarsamtal", "%", PlanItem.HIGHER, Op.GE, (85, 98)),
    ("Andel nöjda patienter", "%", PlanItem.HIGHER, Op.GE, (80, 92)),
    ("Andel inköp mot avtal", "%", PlanItem.HIGHER, Op.GE, (85, 98)),
    ("Andel förnybar energi", "%", PlanItem.HIGHER, Op.GT, (60, 90)),
    ("Antal vårdskador", "antal", PlanItem.LOWER, Op.LT, (5, 40)),
    ("Antal avvikelser", "antal", PlanItem.LOWER, Op.LE, (10, 60)),
    ("Antal utförda operationer", "antal", PlanItem.HIGHER, Op.GT, (100, 600)),
    ("Antal digitala vårdmöten", "antal", PlanItem.HIGHER, Op.GT, (50, 500)),
    ("Antal inhyrda läkare", "antal", PlanItem.LOWER, Op.LT, (2, 20)),
    ("Antal återinskrivningar inom 30 dagar", "antal", PlanItem.LOWER, Op.LT, (10, 50)),
]

COMMENTS = {
    Status.GREEN: [
        "Enligt plan.",
        "Målet nås; arbetet fortsätter som planerat.",
        "Positiv utveckling mot föregående period.",
    ],
    Status.YELLOW: [
        "Delvis uppnått; åtgärder pågår.",
        "Något under målet, följs upp nästa period.",
        "Bemanningen påverkar resultatet; åtgärder pågår.",
    ],
    Status.RED: [
        "Inte uppnått; en handlingsplan tas fram.",
        "Hög frånvaro och vakanser påverkar resultatet.",
        "Tydligt under målet; åtgärder beslutade i ledningsgruppen.",
    ],
    Status.NOT_ASSESSED: [""],
}

COPY_BATCH = 5000  # rows per bulk_create where there is no COPY (SQLite)


class Command(BaseCommand):
    help = (
        "Skapar en ny region för prestandamätning: platt (N enheter och M månadsmått som alla följer) "
        "eller, med --shape region, formad som en stor region med planer och (--followup) uppföljning."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="kortnamn för den nya regionen")
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--measures", type=int, default=84)
        parser.add_argument("--years", type=int, default=1, help="antal år bakåt från i år")
        parser.add_argument(
            "--shape",
            choices=["flat", "region"],
            default="flat",
            help="flat: alla enheter under roten (förval); region: ett träd som en stor region",
        )
        parser.add_argument(
            "--followup",
            action="store_true",
            help="med --shape region: värden och bedömningar för alla perioder som har börjat",
        )

    def handle(self, *args, region, units, measures, years, shape, followup, **options):
        if Region.objects.filter(slug=region).exists():
            raise CommandError(f"Regionen '{region}' finns redan; seed_scale fyller bara en ny region.")
        if not (1 <= units <= 100_000 and 1 <= measures <= 10_000 and 1 <= years <= 20):
            raise CommandError("Rimliga värden: 1–100 000 enheter, 1–10 000 mått, 1–20 år.")
        if followup and shape != "region":
            raise CommandError("--followup kräver --shape region.")
        if shape == "region" and units < 100:
            raise CommandError("--shape region behöver minst 100 enheter.")
        this_year = timezone.localdate().year
        wanted_years = list(range(this_year - years + 1, this_year + 1))
        if shape == "region":
            RegionSeed(self, region, units, measures, wanted_years, followup).run()
            return
        with auditing.acting_as(label="kommando seed_scale"), auditing.paused():
            # Scale data is generated, not entered: no audit rows for it.
            scale = create_region(region, f"Skalregion {region}", period_kinds=["month", "tertial"], years=wanted_years)
            with region_scope(scale):
                kind = OrgUnitKind.objects.order_by("-order").first()
                root = OrgUnit.objects.create(code="SKALA", name="Skalregionen", kind=kind)
                OrgUnit.objects.bulk_create(
                    [
                        OrgUnit(
                            code=f"SK-{i:05d}",
                            name=f"Enhet {i}",
                            kind=kind,
                            parent=root,
                            depth=1,
                            external_code=f"X{i:05d}",
                        )
                        for i in range(1, units + 1)
                    ]
                )
                self._fix_paths(root)
                unit_ids = list(OrgUnit.objects.exclude(pk=root.pk).values_list("pk", flat=True))
                for year in wanted_years:
                    plan = ensure_plan(root, year)
                    goal = PlanItem.objects.create(plan=plan, level=Levels.GOAL, code="SK-MAL", name="Skalmål")
                    for m in range(1, measures + 1):
                        measure = PlanItem.objects.create(
                            plan=plan,
                            parent=goal,
                            level=Levels.MEASURE,
                            code=f"SK-M{m:04d}",
                            name=f"Skalmått {m}",
                            external_code=f"SKX{m:04d}",
                            measure_unit="antal",
                            frequency="month",
                            direction="higher",
                        )
                        MeasureAdoption.objects.bulk_create(
                            [MeasureAdoption(measure=measure, unit_id=u) for u in unit_ids], batch_size=5000
                        )
        self.stdout.write(
            f"Skapade {scale.slug}: {units} enheter, {measures} mått × {years} år, "
            f"{units * measures * years} antaganden; plats för {units * measures * years * 12} månadsvärden."
        )

    @staticmethod
    def _fix_paths(root: OrgUnit) -> None:
        """Bulk-created units get their materialised path from their own id, as save() would."""
        OrgUnit.objects.filter(parent=root).update(
            path=Concat(Value(root.path), Cast("id", CharField()), Value("/")), depth=root.depth + 1
        )


# --- --shape region ----------------------------------------------------------------------


@dataclass
class Unit:
    pk: int
    code: str
    name: str
    depth: int
    parent: int | None
    children: list[int] = field(default_factory=list)


@dataclass
class MeasureSpec:
    """A measure as it is every year: the yearly items share code, owner and adopters."""

    code: str
    name: str
    factor: int  # index into the factor codes
    owner: int  # unit pk
    adopters: list[int]
    measure_unit: str
    direction: str
    operator: str
    target: float
    frequency: str
    split_by_sex: bool
    order: int

    @property
    def followers(self) -> list[int]:
        return [self.owner, *self.adopters]


def insert_rows(model, columns: list[str], rows) -> int:
    """Insert generated rows (tuples in the order of `columns`, attribute names with the
    region's id among them) in bulk: PostgreSQL's COPY, elsewhere bulk_create. No audit
    rows either way (the caller has paused auditing)."""
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    count, rows = 0, iter(rows)
    while chunk := list(islice(rows, COPY_BATCH)):
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in chunk])
        count += len(chunk)
    return count


def set_paths(model, region_id: int) -> None:
    """path = the parent's path + own id, for the region's rows just inserted (path still
    empty; depth was set on insert), in one UPDATE joined to the parents. (A correlated
    subquery per row, as regionplan.orgimport uses, took 1–2 s per level here: the rows
    are new in this transaction and PostgreSQL has no statistics for them yet.)"""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS child SET path = parent.path || CAST(child.id AS varchar(20)) || '/' "
            f"FROM {table} AS parent WHERE parent.id = child.parent_id AND child.region_id = %s AND child.path = ''",
            [region_id],
        )


class RegionSeed:
    """`--shape region` (see the module docstring), built level by level in bulk."""

    def __init__(self, command: Command, slug: str, units: int, measures: int, years: list[int], followup: bool):
        self.command, self.slug, self.n_units, self.n_measures = command, slug, units, measures
        self.years, self.followup = years, followup
        self.rng = random.Random(20220831)  # fixed: the same arguments give the same region
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()

    def say(self, text: str) -> None:
        self.command.stdout.write(f"{time.perf_counter() - self.started:7.1f} s  {text}")

    def run(self) -> None:
        with auditing.acting_as(label="kommando seed_scale"), auditing.paused(), transaction.atomic():
            # Scale data is generated, not entered: no audit rows for it. One transaction:
            # a failed run leaves no half region behind (which would block the next run).
            self.region = create_region(
                self.slug, f"Skalregion {self.slug}", period_kinds=["month", "tertial"], years=self.years
            )
            with region_scope(self.region):
                self.build_tree()
                self.build_plans()
                if self.followup:
                    self.build_followup()
                self.add_users()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, so the first queries get sensible plans
                for model in (OrgUnit, Plan, PlanItem, MeasureAdoption, MeasureValue, Assessment):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        c = self.counts
        self.command.stdout.write(
            f"Skapade {self.slug} på {time.perf_counter() - self.started:.1f} s: {c['units']} enheter "
            f"({c['divisions']} divisioner, {c['vos']} verksamhetsområden, {c['enheter']} enheter), "
            f"{len(self.years)} år ({self.years[0]}–{self.years[-1]}), {c['plans']} planer, {c['items']} planposter "
            f"({c['goals']} mål, {c['factors']} framgångsfaktorer, {c['measures']} mått), {c['adoptions']} antaganden, "
            f"{c.get('values', 0)} värden, {c.get('assessments', 0)} bedömningar; "
            f"inloggningar politiker@{self.slug}.scale och chef@{self.slug}.scale."
        )

    # --- the organisation -----------------------------------------------------------------
    def build_tree(self) -> None:
        kinds = {k.name: k for k in OrgUnitKind.objects.all()}
        start = datetime.date(self.years[0], 1, 1)  # the units exist in every seeded period
        root = OrgUnit.objects.create(code="R", name=f"Skalregion {self.slug}", kind=kinds["Region"], valid_from=start)
        board = OrgUnit.objects.create(
            code="RS", name="Regionstyrelsen", kind=kinds["Nämnd"], parent=root, valid_from=start
        )
        rest = self.n_units - 2 - len(DIVISIONS)
        n_vo = min(len(DIVISIONS) * VO_PER_DIVISION, max(len(DIVISIONS), rest // 8))
        rest -= n_vo
        n_depth4 = max(n_vo, round(rest * 0.4))
        n_depth5 = rest - n_depth4

        def level(specs, depth):
            """specs: (code, name, kind, parent pk); one insert, then the paths in one UPDATE."""
            made = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(code=code, name=name, kind=kinds[kind], parent_id=parent, depth=depth, valid_from=start)
                    for code, name, kind, parent in specs
                ],
                batch_size=1000,
            )
            set_paths(OrgUnit, self.region.pk)
            return made

        divisions = level(
            [(f"D{d + 1}", f"Division {name}", "Division", board.pk) for d, name in enumerate(DIVISIONS)], 2
        )
        vos = level(
            [
                (
                    f"{divisions[i % len(divisions)].code}-V{i // len(divisions) + 1:02d}",
                    f"Verksamhetsområde {i % len(divisions) + 1}.{i // len(divisions) + 1}",
                    "Verksamhetsområde",
                    divisions[i % len(divisions)].pk,
                )
                for i in range(n_vo)
            ],
            3,
        )
        enheter = level(
            [
                (
                    f"{vos[i % n_vo].code}-E{i // n_vo + 1:03d}",
                    f"{UNIT_NAMES[(i // n_vo) % len(UNIT_NAMES)]} {vos[i % n_vo].name.split()[-1]}.{i // n_vo + 1}",
                    "Enhet",
                    vos[i % n_vo].pk,
                )
                for i in range(n_depth4)
            ],
            4,
        )
        parents5 = enheter[::2]  # every other enhet has sub-enheter
        level(
            [
                (
                    f"{parents5[i % len(parents5)].code}-{i // len(parents5) + 1}",
                    f"Team {parents5[i % len(parents5)].name.split()[-1]}.{i // len(parents5) + 1}",
                    "Enhet",
                    parents5[i % len(parents5)].pk,
                )
                for i in range(n_depth5)
            ],
            5,
        )
        self.units = {
            pk: Unit(pk, code, name, depth, parent)
            for pk, code, name, depth, parent in OrgUnit.objects.values_list("pk", "code", "name", "depth", "parent_id")
        }
        for unit in self.units.values():
            if unit.parent:
                self.units[unit.parent].children.append(unit.pk)
        for unit in self.units.values():
            unit.children.sort()
        self.root, self.board = self.units[root.pk], self.units[board.pk]
        self.divisions = [self.units[u.pk] for u in divisions]
        self.vos = [self.units[u.pk] for u in vos]
        self.counts.update(units=len(self.units), divisions=len(divisions), vos=n_vo, enheter=n_depth4 + n_depth5)
        self.say(f"{len(self.units)} enheter (djup 0–{max(u.depth for u in self.units.values())})")

    # --- the plans -------------------------------------------------------------------------
    def measure_specs(self) -> list[MeasureSpec]:
        rng = self.rng
        goal_weights = [w for goals in GOALS.values() for _, w in goals]
        factor_weights = [w for w in goal_weights for _ in range(FACTORS_PER_GOAL)]
        specs = []
        for m in range(1, self.n_measures + 1):
            owner = rng.choice(self.divisions) if rng.random() < 0.2 else rng.choice(self.vos)
            name, measure_unit, direction, operator, (low, high) = rng.choice(MEASURES)
            target = rng.uniform(low, high)
            target = round(target) if measure_unit == "antal" else round(target, 1)
            adopters = rng.sample(owner.children, min(len(owner.children), rng.randint(0, 3)))
            specs.append(
                MeasureSpec(
                    code=f"MATT-{m}",
                    name=f"{name} – {owner.name}",
                    factor=rng.choices(range(len(factor_weights)), factor_weights)[0],
                    owner=owner.pk,
                    adopters=sorted(adopters),
                    measure_unit=measure_unit,
                    direction=direction,
                    operator=operator,
                    target=target,
                    frequency="month" if rng.random() < 0.85 else "tertial",
                    split_by_sex=rng.random() < 0.3,
                    order=m,
                )
            )
        return specs

    def build_plans(self) -> None:
        this_year = self.years[-1]
        perspectives = Perspective.objects.bulk_create(
            [Perspective(name=name, order=i) for i, name in enumerate(GOALS)]
        )
        self.measures = self.measure_specs()
        owners = [self.root.pk, self.board.pk] + sorted({s.owner for s in self.measures})
        goal_specs = [
            (f"MAL-{i + 1}", name, perspectives[p].pk)
            for i, (p, name) in enumerate((p, name) for p, goals in enumerate(GOALS.values()) for name, _ in goals)
        ]
        factor_specs = [
            (f"FF-{g * FACTORS_PER_GOAL + f + 1}", f"{FACTORS[f]} – {goal_specs[g][1].lower()}", g)
            for g in range(len(goal_specs))
            for f in range(FACTORS_PER_GOAL)
        ]
        self.items: dict[int, dict[str, int]] = {}  # year → code → pk
        self.goal_codes = [code for code, _, _ in goal_specs]
        self.factor_codes = [code for code, _, _ in factor_specs]
        previous: dict[str, int] = {}
        adoptions = 0
        for year in self.years:
            plans = {
                p.unit_id: p
                for p in Plan.objects.bulk_create(
                    [
                        Plan(
                            unit_id=u,
                            year=year,
                            state=Plan.ADOPTED if year == this_year else Plan.CLOSED,
                            adopted_on=datetime.date(year - 1, 11, 24),
                            decision_ref=f"Beslut {year - 1}-11-24",
                        )
                        for u in owners
                    ]
                )
            }
            ids: dict[str, int] = {}

            def add(items, depth):
                for item in items:
                    item.year, item.depth, item.copied_from_id = year, depth, previous.get(item.code)  # noqa: B023 (called within the loop)
                made = PlanItem.objects.bulk_create(items, batch_size=1000)
                ids.update((i.code, i.pk) for i in made)  # noqa: B023 (called within the loop)
                if depth == 0:
                    PlanItem.objects.filter(year=year, path="").update(  # noqa: B023 (called within the loop)
                        path=Concat(Value("/"), Cast("id", CharField()), Value("/"), output_field=CharField())
                    )
                else:
                    set_paths(PlanItem, self.region.pk)

            add(
                [
                    PlanItem(
                        plan=plans[self.root.pk],
                        level=Levels.GOAL,
                        code=code,
                        name=name,
                        perspective_id=perspective,
                        order=i + 1,
                    )
                    for i, (code, name, perspective) in enumerate(goal_specs)
                ],
                0,
            )
            add(
                [
                    PlanItem(
                        plan=plans[self.board.pk],
                        level=Levels.FACTOR,
                        code=code,
                        name=name,
                        parent_id=ids[goal_specs[g][0]],
                        order=i + 1,
                    )
                    for i, (code, name, g) in enumerate(factor_specs)
                ],
                1,
            )
            add(
                [
                    PlanItem(
                        plan=plans[s.owner],
                        level=Levels.MEASURE,
                        code=s.code,
                        name=s.name,
                        parent_id=ids[self.factor_codes[s.factor]],
                        order=s.order,
                        measure_unit=s.measure_unit,
                        direction=s.direction,
                        target_operator=s.operator,
                        target_value=Decimal(str(s.target)),
                        frequency=s.frequency,
                        split_by_sex=s.split_by_sex,
                        external_code=f"SKX{s.order:05d}",
                        source="Skaldata",
                    )
                    for s in self.measures
                ],
                2,
            )
            adoptions += len(
                MeasureAdoption.objects.bulk_create(
                    [MeasureAdoption(measure_id=ids[s.code], unit_id=u) for s in self.measures for u in s.adopters],
                    batch_size=2000,
                )
            )
            self.items[year] = ids
            previous = ids
        n_items = len(self.years) * (len(goal_specs) + len(factor_specs) + len(self.measures))
        self.counts.update(
            plans=len(owners) * len(self.years),
            items=n_items,
            goals=len(goal_specs) * len(self.years),
            factors=len(factor_specs) * len(self.years),
            measures=len(self.measures) * len(self.years),
            adoptions=adoptions,
        )
        self.say(f"{self.counts['plans']} planer, {n_items} planposter, {adoptions} antaganden")

    # --- the follow-up ---------------------------------------------------------------------
    def build_followup(self) -> None:
        today = timezone.localdate()
        now = timezone.now()
        periods = [p for p in Period.objects.filter(start__lte=today).order_by("start", "end")]
        region_id = self.region.pk
        rng = self.rng
        assessments: list[tuple] = []

        def draw_status() -> str:
            r = rng.random()
            if r < 0.05:
                return Status.NOT_ASSESSED
            r = rng.random()
            return Status.GREEN if r < 0.55 else Status.YELLOW if r < 0.85 else Status.RED

        def assess(item: int, unit: int, period: int, status: str) -> None:
            assessments.append(
                (region_id, item, unit, period, status, rng.choice(COMMENTS[status]), "", None, False, 1, None, now)
            )

        def values():
            for year in self.years:
                ids = self.items[year]
                months = [p for p in periods if p.start.year == year and p.kind == "month"]
                tertials = [p for p in periods if p.start.year == year and p.kind == "tertial"]
                for tertial in tertials:
                    for code in self.goal_codes:
                        assess(ids[code], self.root.pk, tertial.pk, draw_status())
                    for code in self.factor_codes:
                        assess(ids[code], self.board.pk, tertial.pk, draw_status())
                for s in self.measures:
                    measure = ids[s.code]
                    percent, higher = s.measure_unit == "%", s.direction == PlanItem.HIGHER
                    for unit in s.followers:
                        level = s.target * rng.uniform(0.85, 1.15)  # where this unit tends to be
                        for period in months if s.frequency == "month" else ():
                            yield from rows(
                                measure, unit, period.pk, level * rng.uniform(0.93, 1.07), percent, s.split_by_sex
                            )
                        for period in tertials:
                            status = draw_status()
                            assess(measure, unit, period.pk, status)
                            # the tertial's value agrees with the status (met, near, far off)
                            spread = {
                                Status.GREEN: (1.0, 1.12),
                                Status.YELLOW: (0.93, 1.0),
                                Status.RED: (0.7, 0.9),
                            }.get(status)
                            if spread is None:
                                value = level * rng.uniform(0.93, 1.07)
                            else:
                                factor = rng.uniform(*spread)
                                value = s.target * (factor if higher else 2 - factor)
                            yield from rows(measure, unit, period.pk, value, percent, s.split_by_sex)

        def rows(measure, unit, period, value, percent, split):
            def shown(v):
                return round(min(max(v, 0.0), 100.0), 1) if percent else float(round(max(v, 0.0)))

            total = shown(value)
            yield (region_id, measure, unit, period, MeasureValue.TOTAL, total, "", Origin.DEMO, None, now)
            if split:
                yield (
                    region_id,
                    measure,
                    unit,
                    period,
                    MeasureValue.WOMEN,
                    shown(value * rng.uniform(1.0, 1.15)),
                    "",
                    Origin.DEMO,
                    None,
                    now,
                )
                yield (
                    region_id,
                    measure,
                    unit,
                    period,
                    MeasureValue.MEN,
                    shown(value * rng.uniform(0.85, 1.0)),
                    "",
                    Origin.DEMO,
                    None,
                    now,
                )

        value_count = insert_rows(
            MeasureValue,
            [
                "region_id",
                "measure_id",
                "unit_id",
                "period_id",
                "sex",
                "value",
                "comment",
                "origin",
                "job_id",
                "updated_at",
            ],
            values(),
        )
        self.say(f"{value_count} värden ({len(periods)} perioder som har börjat)")
        assessment_count = insert_rows(
            Assessment,
            [
                "region_id",
                "item_id",
                "unit_id",
                "period_id",
                "status",
                "comment",
                "overrule_reason",
                "percent_complete",
                "finished",
                "version",
                "updated_by_id",
                "updated_at",
            ],
            assessments,
        )
        self.say(f"{assessment_count} bedömningar")
        self.counts.update(values=value_count, assessments=assessment_count)

    def add_users(self) -> None:
        root = OrgUnit.objects.get(pk=self.root.pk)
        division = OrgUnit.objects.get(pk=self.divisions[0].pk)
        grant_role(
            f"politiker@{self.slug}.scale",
            Role.READER,
            root,
            True,
            full_name="Politiker (skalregion)",
            password=DEMO_PASSWORD,
        )
        grant_role(
            f"chef@{self.slug}.scale",
            Role.MANAGER,
            division,
            True,
            full_name=f"Chef för {division.name}",
            password=DEMO_PASSWORD,
        )


def seed_scale(**options) -> None:
    """The same as the command line, from a benchmark or a test: seed_scale(region="skala", units=200, …)."""
    from django.core.management import call_command

    call_command(Command(), **options)


if __name__ == "__main__":
    Command().run_from_argv(["seed_scale", "seed_scale", *sys.argv[1:]])
