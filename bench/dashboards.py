"""Benchmark: the dashboards of a large region, against two trivial views.

Builds (once, then reuses it) a region shaped like a large Swedish one with
`seed_scale --shape region --followup` in its own PostgreSQL database: 5,000 units
(region → Regionstyrelsen → 6 divisions → 60 verksamhetsområden → 4,932 enheter at depth
4–5), 5 years of plans (10 strategic goals, 40 success factors and 2,000 measures a year,
each measure adopted by 0–3 units below its owner, linked year to year), and every
started period's values and every tertial's assessments (about 510,000 values and 75,000
assessments). Then, in this one process, with Django's test client logged in as the
region's reader (politiker@<slug>.scale: läsare on the root with the subtree), it
measures the server time – time.perf_counter() around client.get(), so the whole
middleware stack, view, template and the test client's own small overhead, no network –
and the queries (CaptureQueriesContext on one extra request that is not timed: their count
and their time, perf_counter around each execute, which with psycopg includes fetching
the rows) of:

  (a) trivial views: /halsa/ (anonymous, one SELECT 1, JSON) and, logged in, the
      children of a leaf unit (organisation/<pk>/underenheter/: session, user, roles,
      region, page frame – the same stack the dashboards run in);
  (b) the region dashboard for the latest tertial (also with ?jamfor=1);
  (c) the drill-down of the goal with the most measures that year;
  (d) the page of the measure (owned by a division) with the most followers;
  (e) that measure's units compared at the level of the verksamhetsområden (?typ=);
  (f) the region dashboard of the manager (chef@<slug>.scale, a division with its subtree),
      with the "Behöver uppmärksamhet" list (red items, stale measures, overdue assignments).

Each page gets 3 warm-up requests, then 30 timed ones (median and p90); the table gives
the ratio to each trivial view and the goal "each dashboard within 5× of the trivial
view" as met or not met against the logged-in trivial page (the same stack) and, for
reference, against /halsa/.

    python bench/dashboards.py                 # postgresql://postgres@127.0.0.1:5432/regionplan_dashbench
    python bench/dashboards.py --small         # 1/10: 500 units, 200 measures, in regionplan_dashbench_small
    python bench/dashboards.py --reseed        # drop the database and time the seed again
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/regionplan_dashbench_x python bench/dashboards.py
    python bench/dashboards.py --profile       # cProfile of one request of each dashboard, to stderr
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import benchsetup  # noqa: E402  (beside this script)

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--small", action="store_true", help="1/10 of the size: 500 units, 200 measures (5 years)")
parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (after the warm-ups)")
parser.add_argument("--warmup", type=int, default=3)
parser.add_argument("--reseed", action="store_true", help="drop and create the database, then seed and time it again")
parser.add_argument("--profile", action="store_true", help="cProfile one request of each dashboard (stderr)")
args = parser.parse_args()

UNITS, MEASURES, YEARS = (500, 200, 5) if args.small else (5000, 2000, 5)
SLUG = "dashbench-small" if args.small else "dashbench"
DATABASE_PREFIX = "regionplan_dashbench"
benchsetup.start_django(DATABASE_PREFIX, args.small, "dashboards.py")

import pagetimer  # noqa: E402  (beside this script)
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from seed_scale import seed_scale  # noqa: E402  (beside this script)

from followup.models import Assessment, MeasureValue  # noqa: E402
from goals.models import MeasureAdoption, PlanItem  # noqa: E402
from goals.rules import Levels  # noqa: E402
from regionplan.models import OrgUnit, OrgUnitKind, Period, Region, User  # noqa: E402
from regionplan.tenancy import region_scope  # noqa: E402

GOAL_RATIO = 5


def ensure_database(reseed: bool) -> None:
    pagetimer.ensure_database(reseed, DATABASE_PREFIX)


def ensure_region() -> tuple[Region, float | None, str]:
    """The benchmark region, seeded if missing: (region, seed seconds or None, the command's output)."""
    region = Region.objects.filter(slug=SLUG).first()
    if region is not None:
        with region_scope(region):
            units = OrgUnit.objects.count()
            measures = PlanItem.objects.filter(level=Levels.MEASURE, year=timezone.localdate().year).count()
        if (units, measures) != (UNITS, MEASURES):
            sys.exit(
                f"The region {SLUG} has {units} units and {measures} measures this year, not {UNITS} and {MEASURES} "
                "(made on another day or by another version?): run with --reseed."
            )
        return region, None, ""
    out = io.StringIO()
    start = time.perf_counter()
    seed_scale(region=SLUG, units=UNITS, measures=MEASURES, years=YEARS, shape="region", followup=True, stdout=out)
    seconds = time.perf_counter() - start
    return Region.objects.get(slug=SLUG), seconds, out.getvalue()


def counts(region: Region) -> str:
    with region_scope(region):
        return (
            f"{OrgUnit.objects.count():,} units, {PlanItem.objects.count():,} plan items, "
            f"{MeasureAdoption.objects.count():,} adoptions, {MeasureValue.objects.count():,} values, "
            f"{Assessment.objects.count():,} assessments"
        )


def subjects(region: Region) -> dict:
    """What the pages are about: the reader, a leaf unit, the latest tertial, the goal with
    the most measures, the heaviest division measure and the verksamhetsområde kind."""
    today = timezone.localdate()
    with region_scope(region):
        period = Period.objects.filter(kind="tertial", start__lte=today).order_by("-end").first()
        year = period.start.year
        measures = PlanItem.objects.filter(year=year, level=Levels.MEASURE)
        goals = [
            (measures.filter(path__startswith=g.path).count(), g)
            for g in PlanItem.objects.filter(year=year, level=Levels.GOAL).order_by("code")
        ]
        goal_measures, goal = max(goals, key=lambda pair: pair[0])
        measure = (
            measures.filter(plan__unit__depth=2)
            .select_related("plan__unit")
            .annotate(followers=Count("adoptions"))
            .order_by("-followers", "-split_by_sex", "code")
            .first()
        )
        return {
            "reader": User.objects.get(email=f"politiker@{region.slug}.scale"),
            "manager": User.objects.get(email=f"chef@{region.slug}.scale"),
            "leaf": OrgUnit.objects.filter(children__isnull=True).order_by("-depth", "path").first(),
            "period": period,
            "goal": goal,
            "goal_measures": goal_measures,
            "goal_values": MeasureValue.objects.filter(period=period, measure__path__startswith=goal.path).count(),
            "measure": measure,
            "measure_followers": 1 + measure.followers,
            "measure_values": MeasureValue.objects.filter(measure__code=measure.code).count(),
            "vo_kind": OrgUnitKind.objects.get(name="Verksamhetsområde"),
            "vo_count": OrgUnit.objects.filter(kind__name="Verksamhetsområde").count(),
            "measure_in_vos": OrgUnit.objects.filter(
                Q(pk=measure.plan.unit_id) | Q(pk__in=measure.adoptions.values("unit")), kind__name="Verksamhetsområde"
            ).count(),
        }


def dashboard_url(name: str, slug: str, *args_, **params) -> str | None:
    try:
        url = reverse(name, args=[slug, *args_])
    except NoReverseMatch:
        return None
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


measure_page = pagetimer.measure_page


def profile(client: Client, label: str, url: str) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    print(f"-- cProfile of {label}: {url}", file=sys.stderr)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


def main():
    ensure_database(args.reseed)
    print(benchsetup.machine_line())
    region, seed_seconds, seed_output = ensure_region()
    if seed_seconds is None:
        print(f"region {SLUG}: reused (seeded in an earlier run; --reseed to time the seed)")
    else:
        print(
            f"seed_scale --units {UNITS} --measures {MEASURES} --years {YEARS} --shape region --followup: "
            f"{seed_seconds:.1f} s wall, in this process"
        )
        for line in seed_output.rstrip().splitlines():
            print("  " + line)
    print(f"region {SLUG}: {counts(region)}")
    s = subjects(region)
    period, goal, measure = s["period"], s["goal"], s["measure"]
    slug = region.slug
    print(
        f"period {period.code}; goal {goal.code} {goal.name!r}: {s['goal_measures']} measures, {s['goal_values']:,} values "
        f"in {period.code}; measure {measure.code} ({measure.get_frequency_display()}, "
        f"{'split by sex' if measure.split_by_sex else 'not split'}, owner {measure.plan.unit.name}): "
        f"{s['measure_followers']} followers ({s['measure_in_vos']} of them verksamhetsområden, of {s['vo_count']}), "
        f"{s['measure_values']:,} values over {YEARS} years; leaf unit {s['leaf'].code} (depth {s['leaf'].depth})"
    )
    anonymous = Client(HTTP_HOST="127.0.0.1")
    reader = Client(HTTP_HOST="127.0.0.1")
    reader.force_login(s["reader"])
    manager = Client(HTTP_HOST="127.0.0.1")
    manager.force_login(s["manager"])
    q = {"period": period.code}
    pages = [
        ("(a) /halsa/ (anonymous)", anonymous, "/halsa/"),
        ("(a) leaf unit's children", reader, reverse("unit_children", args=[slug, s["leaf"].pk])),
        ("(b) region dashboard", reader, dashboard_url("dashboard", slug, **q)),
        ("(b) region dashboard, jamfor=1", reader, dashboard_url("dashboard", slug, **q, jamfor=1)),
        ("(c) goal drill-down", reader, dashboard_url("dashboard_goal", slug, goal.pk, **q)),
        ("(d) measure page", reader, dashboard_url("dashboard_measure", slug, measure.pk, **q)),
        (
            "(e) compare verksamhetsområden",
            reader,
            dashboard_url("dashboard_compare", slug, measure.pk, **q, typ=s["vo_kind"].pk),
        ),
        ("(f) manager's dashboard + attention", manager, dashboard_url("dashboard", slug, **q)),
    ]
    missing = [label for label, _, url in pages if url is None]
    if missing:
        print("not there yet (no such URL name): " + ", ".join(missing))
    pages = [page for page in pages if page[2] is not None]
    print(
        f"server time in-process (test client), {args.warmup} warm-ups, then median and p90 of {args.repeat}; "
        f"queries and their time (SQL ms: execute() and fetching) of one further request; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    results = {}
    for label, client, url in pages:
        results[label] = measure_page(client, url, args.repeat, args.warmup)
    halsa, trivial = results["(a) /halsa/ (anonymous)"], results["(a) leaf unit's children"]
    print()
    print(
        f"{'view':34s} {'median ms':>10s} {'p90 ms':>8s} {'queries':>8s} {'SQL ms':>7s} {'KiB':>7s} {'× /halsa/':>10s} "
        f"{'× trivial page':>15s}"
    )
    for label, r in results.items():
        print(
            f"{label:34s} {r['median'] * 1000:10.1f} {r['p90'] * 1000:8.1f} {r['queries']:8d} {r['sql'] * 1000:7.1f} {r['kib']:7.0f} "
            f"{r['median'] / halsa['median']:10.1f} {r['median'] / trivial['median']:15.1f}"
        )
    print()
    for label, r in results.items():
        print(f"  {label}: {r['url']}")
    print()
    dashboards = {label: r for label, r in results.items() if not label.startswith("(a)")}
    if dashboards:
        worst_label, worst = max(dashboards.items(), key=lambda item: item[1]["median"])
        for name, base in (("the logged-in trivial page", trivial), ("/halsa/", halsa)):
            over = [label for label, r in dashboards.items() if r["median"] > GOAL_RATIO * base["median"]]
            verdict = "met" if not over else "NOT met (" + ", ".join(over) + ")"
            print(
                f"goal: each dashboard within {GOAL_RATIO}× of {name} ({GOAL_RATIO * base['median'] * 1000:.1f} ms): "
                f"{verdict}; slowest {worst_label} ×{worst['median'] / base['median']:.1f}"
            )
    else:
        print("goal: not measured – none of the dashboard URLs exists yet")
    if args.profile:
        for label, client, url in pages:
            if not label.startswith("(a)"):
                profile(client, label, url)


if __name__ == "__main__":
    main()
