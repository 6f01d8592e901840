"""Benchmark: internal control in a large region, against a trivial view in the same run.

Builds (once, then reuses it) in its own PostgreSQL database a region shaped like a large
Swedish one with `seed_scale --shape region` (5,000 units, three years), and in it 6,000
adopted risk analyses (2,000 units a year) with 20,000 valued risks, 40,000 controls (two a
risk, done once a tertial) and their results for every tertial that has begun (about 100,000,
one in seven with findings and an action). Then, in this process, with Django's test client
logged in as the region's reader (politiker@<slug>.scale), it times:

  (a) the trivial view: the children of a leaf unit (session, user, roles, region, page frame);
  (b) the internal-control dashboard of the whole region (heat map, the period's counts, the
      divisions below), for the latest tertial;
  (c) the same for the division with the most units;
  (d) the risk list of the fullest cell of the region's heat map;
  (e) the report section "Uppföljning av internkontroll" for the whole region, built as the
      report builds it (internal_control.reporting.build), timed in process without HTTP;
  (f) the same section for that division.

Each gets warm-up calls, then timed ones (median and p90); the goal "each within 5× of the
trivial view". Query counts of one more call; they are pinned for the pages at 1× and 10× in
tests/query_counts.json.

    python bench/internal_control.py                 # postgresql://postgres@127.0.0.1:5432/regionplan_icbench
    python bench/internal_control.py --small         # 1/10 of it, in regionplan_icbench_small
    python bench/internal_control.py --reseed        # drop the database and seed again
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import benchsetup  # noqa: E402  (beside this script)

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--small", action="store_true", help="1/10: 500 units, 2,000 risks")
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--warmup", type=int, default=3)
parser.add_argument("--reseed", action="store_true")
args = parser.parse_args()

SCALE = 10 if args.small else 1
UNITS, ANALYSES_A_YEAR, YEARS = 5000 // SCALE, 2000 // SCALE, 3
SLUG = "icbench-small" if args.small else "icbench"
DATABASE_PREFIX = "regionplan_icbench"
GOAL_RATIO = 5
benchsetup.start_django(DATABASE_PREFIX, args.small, "internal_control.py")

import datetime  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import pagetimer  # noqa: E402  (beside this script)
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from seed_scale import seed_scale  # noqa: E402

from internal_control import reporting, rules  # noqa: E402
from internal_control.models import (  # noqa: E402
    Control,
    ControlResult,
    ImpactArea,
    Risk,
    RiskAction,
    RiskAnalysis,
    RiskCategory,
)
from regionplan import auditing  # noqa: E402
from regionplan.models import OrgUnit, Period, Region, RiskMatrix, User  # noqa: E402
from regionplan.tenancy import region_scope  # noqa: E402

BATCH = 5000


def seed_internal_control(region) -> None:
    """Analyses, risks, controls, results and actions, in bulk (scale data is generated, not
    entered: no audit rows). Deterministic: the same every time."""
    pick = random.Random(17)
    today = timezone.localdate()
    this_year = today.year
    with region_scope(region), auditing.paused(), transaction.atomic():
        matrix = RiskMatrix.for_valuation()
        categories = [RiskCategory.objects.create(name=f"Kategori {i}", order=i) for i in range(5)]
        areas = [ImpactArea.objects.create(name=f"Område {i}", order=i) for i in range(5)]
        units = list(OrgUnit.objects.order_by("path"))
        for year in range(this_year - YEARS + 1, this_year + 1):
            chosen = pick.sample(units, ANALYSES_A_YEAR)
            analyses = RiskAnalysis.objects.bulk_create(
                [RiskAnalysis(unit=u, year=year, matrix=matrix, state=RiskAnalysis.ADOPTED) for u in chosen],
                batch_size=BATCH,
            )
            risks = []
            for n, analysis in enumerate(analyses):
                for number in range(1, 4 + (n % 3 == 0)):  # 3 or 4 a unit: about 6,667 a year
                    gross = (pick.randint(2, 4), pick.randint(2, 4))
                    net = (pick.randint(1, gross[0]), pick.randint(1, gross[1]))
                    risks.append(
                        Risk(
                            analysis=analysis,
                            number=number,
                            name=f"Risk {number}",
                            description="Beskrivning av risken",
                            category=categories[(n + number) % 5],
                            gross_likelihood=gross[0],
                            gross_impact=gross[1],
                            net_likelihood=net[0],
                            net_impact=net[1],
                            in_plan=True,
                        )
                    )
            risks = Risk.objects.bulk_create(risks, batch_size=BATCH)
            Through = Risk.impacts.through
            Through.objects.bulk_create(
                [Through(risk_id=r.pk, impactarea_id=areas[r.pk % 5].pk) for r in risks], batch_size=BATCH
            )
            controls = Control.objects.bulk_create(
                [
                    Control(
                        risk=r, what=f"Kontroll {k}", frequency=Control.TERTIAL, unit_id=r.analysis.unit_id, order=k
                    )
                    for r in risks
                    for k in (1, 2)
                ],
                batch_size=BATCH,
            )
            results = []
            for control in controls:
                for occurrence in rules.occurrences(Control.TERTIAL, year):
                    if occurrence.due > today + datetime.timedelta(days=120):
                        continue  # a tertial not begun
                    if occurrence.due > today and pick.random() < 0.5:
                        continue  # the running tertial, half reported
                    outcome = pick.choices(["ok", "minor", "major"], weights=[6, 0.7, 0.3])[0]
                    results.append(
                        ControlResult(
                            control=control,
                            occurrence=occurrence.code,
                            due_on=occurrence.due,
                            outcome=outcome,
                            checked="Stickprov",
                            performed_on=min(occurrence.due, today),
                        )
                    )
            results = ControlResult.objects.bulk_create(results, batch_size=BATCH)
            by_control = {c.pk: c for c in controls}
            RiskAction.objects.bulk_create(
                [
                    RiskAction(
                        risk_id=by_control[r.control_id].risk_id,
                        result=r,
                        what="Åtgärd",
                        owner_label="Chef",
                        deadline=r.due_on + datetime.timedelta(days=90),
                        status=RiskAction.DONE
                        if r.due_on < today - datetime.timedelta(days=200)
                        else RiskAction.ONGOING,
                        done_on=r.due_on + datetime.timedelta(days=60)
                        if r.due_on < today - datetime.timedelta(days=200)
                        else None,
                    )
                    for r in results
                    if r.outcome != "ok"
                ],
                batch_size=BATCH,
            )


def ensure_region() -> tuple[Region, float | None]:
    region = Region.objects.filter(slug=SLUG).first()
    if region is not None:
        with region_scope(region):
            if Risk.objects.exists():
                return region, None
    start = time.perf_counter()
    if region is None:
        seed_scale(
            region=SLUG,
            units=UNITS,
            measures=20,
            years=YEARS,
            shape="region",
            followup=False,
            stdout=open(os.devnull, "w"),
        )
        region = Region.objects.get(slug=SLUG)
    seed_internal_control(region)
    return region, time.perf_counter() - start


def counts(region) -> str:
    with region_scope(region):
        return (
            f"{OrgUnit.objects.count():,} units, {RiskAnalysis.objects.count():,} analyses, {Risk.objects.count():,} risks, "
            f"{Control.objects.count():,} controls, {ControlResult.objects.count():,} results, "
            f"{RiskAction.objects.count():,} actions"
        )


def timed_call(call) -> dict:
    for _ in range(args.warmup):
        call()
    with CaptureQueriesContext(connection) as queries:
        call()
    return {
        **pagetimer.timed(call, args.repeat),
        "queries": len(queries),
        "sql": 0.0,
        "kib": 0.0,
        "url": "(in process)",
    }


def main():
    pagetimer.ensure_database(args.reseed, DATABASE_PREFIX)
    print(benchsetup.machine_line())
    region, seconds = ensure_region()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # bulk-loaded tables have no statistics yet; a live database has
    print(f"region {SLUG}: " + ("reused" if seconds is None else f"seeded in {seconds:.0f} s") + f"; {counts(region)}")
    today = timezone.localdate()
    with region_scope(region):
        period = Period.objects.filter(kind="tertial", start__lte=today).order_by("-end").first()
        root = OrgUnit.objects.get(parent__isnull=True)
        division = (
            OrgUnit.objects.filter(depth=2).annotate(n=Count("children__children")).order_by("-n", "path").first()
        )
        below = OrgUnit.objects.filter(path__startswith=division.path).count()
        leaf = OrgUnit.objects.filter(children__isnull=True).order_by("-depth", "path").first()
        fullest = (
            Risk.objects.filter(analysis__year=period.start.year)
            .values("analysis__matrix_id", "net_likelihood", "net_impact")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        reader = User.objects.get(email=f"politiker@{SLUG}.scale")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)
    slug = region.slug
    q = f"period={period.code}"
    pages = {
        "(a) leaf unit's children (trivial)": reverse("unit_children", args=[slug, leaf.pk]),
        "(b) dashboard, whole region": f"{reverse('dashboard_ic', args=[slug])}?{q}",
        f"(c) dashboard, {division.name} ({below:,} units)": f"{reverse('dashboard_ic', args=[slug])}?{q}&enhet={division.pk}",
        f"(d) risks of the fullest cell ({fullest['n']:,})": f"{reverse('dashboard_ic_cell', args=[slug])}?{q}&enhet={root.pk}"
        f"&varde=netto&matris={fullest['analysis__matrix_id']}&s={fullest['net_likelihood']}&k={fullest['net_impact']}",
    }
    results = {label: pagetimer.measure_page(client, url, args.repeat, args.warmup) for label, url in pages.items()}

    def section(unit):
        with region_scope(region):
            return reporting.build(SimpleNamespace(unit=unit, period=period))

    results["(e) report section, whole region"] = timed_call(lambda: section(root))
    results[f"(f) report section, {division.name}"] = timed_call(lambda: section(division))
    trivial = results["(a) leaf unit's children (trivial)"]
    print(
        f"period {period.code}; {args.warmup} warm-ups, median and p90 of {args.repeat}; load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'':52s} {'median ms':>10s} {'p90 ms':>8s} {'queries':>8s} {'KiB':>6s} {'× trivial':>10s}")
    for label, r in results.items():
        print(
            f"{label:52s} {r['median'] * 1000:10.1f} {r['p90'] * 1000:8.1f} {r['queries']:8d} {r['kib']:6.0f} "
            f"{r['median'] / trivial['median']:10.1f}"
        )
    over = [label for label, r in results.items() if r["median"] > GOAL_RATIO * trivial["median"]]
    print(
        f"goal: each within {GOAL_RATIO}× of the trivial view: "
        + ("met" if not over else "NOT met: " + ", ".join(over))
    )


if __name__ == "__main__":
    main()
