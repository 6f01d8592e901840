"""Benchmark: SAM in a large region, against a trivial view in the same run.

Builds (once, then reuses it) in its own PostgreSQL database a region shaped like a large
Swedish one with `seed_scale --shape region` (5,000 units), and in it three years of SAM:
100,000 incidents (about 6.7 a unit a year, of the four kinds, one in a hundred serious),
50,000 actions in the units' action plans, each unit's year made from the template (six
activities a year) and the annual follow-up of every unit for every year (eight answers
each). Then, with Django's test client logged in as the region's reader
(politiker@<slug>.scale), it times:

  (a) the trivial view: the children of a leaf unit (session, user, roles, region, page frame);
  (b) the SAM dashboard of the whole region for this year;
  (c) the same for the division with the most units;
  (d) the annual follow-up of last year for that division, rolled up from its units;
  (e) the incident statistics of the whole region for this year;
  (f) the same for the division.

Each gets warm-up calls, then timed ones (median and p90); the goal "each within 5× of the
trivial view". Query counts of one more call; they are pinned at 1× and 10× in
tests/query_counts.json.

    python bench/workenv.py                 # postgresql://postgres@127.0.0.1:5432/regionplan_webench
    python bench/workenv.py --small         # 1/10 of it, in regionplan_webench_small
    python bench/workenv.py --reseed        # drop the database and seed again
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
parser.add_argument("--small", action="store_true", help="1/10: 500 units, 10,000 incidents")
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--warmup", type=int, default=3)
parser.add_argument("--reseed", action="store_true")
args = parser.parse_args()

SCALE = 10 if args.small else 1
UNITS, INCIDENTS, ACTIONS, YEARS = 5000 // SCALE, 100_000 // SCALE, 50_000 // SCALE, 3
SLUG = "webench-small" if args.small else "webench"
DATABASE_PREFIX = "regionplan_webench"
GOAL_RATIO = 5
benchsetup.start_django(DATABASE_PREFIX, args.small, "workenv.py")

import calendar  # noqa: E402
import datetime  # noqa: E402

import pagetimer  # noqa: E402  (beside this script)
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from seed_scale import seed_scale  # noqa: E402

from regionplan import auditing  # noqa: E402
from regionplan.models import OrgUnit, Region, User  # noqa: E402
from regionplan.status import Status  # noqa: E402
from regionplan.tenancy import region_scope  # noqa: E402
from workenv.models import (  # noqa: E402
    STANDARD_ACTIVITIES,
    STANDARD_QUESTIONS,
    ActivityTemplate,
    AnnualAnswer,
    AnnualFollowup,
    AnnualQuestion,
    Incident,
    UnitActivity,
    WorkAction,
)

BATCH = 5000


def seed_workenv(region) -> None:
    """Incidents, actions, the units' years and annual follow-ups, in bulk (scale data is
    generated, not entered: no audit rows). Deterministic: the same every time."""
    pick = random.Random(18)
    today = timezone.localdate()
    years = range(today.year - YEARS + 1, today.year + 1)
    tz = timezone.get_current_timezone()
    with region_scope(region), auditing.paused(), transaction.atomic():
        units = list(OrgUnit.objects.order_by("path"))
        owner = User.objects.get(email=f"chef@{SLUG}.scale")
        kinds = [k for k, _label in Incident.KIND_CHOICES]
        incidents = []
        for n in range(INCIDENTS):
            year = years[n % YEARS]
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=pick.randrange(365))
            day = min(day, today)
            serious = pick.random() < 0.01
            incidents.append(
                Incident(
                    unit=units[pick.randrange(len(units))],
                    kind=kinds[pick.randrange(4)],
                    occurred_at=datetime.datetime.combine(day, datetime.time(pick.randrange(24)), tz),
                    place="Korridoren vid entrén",
                    description="Halkade på vått golv, ingen skada.",
                    serious=serious,
                    closed_on=day + datetime.timedelta(days=20) if day < today - datetime.timedelta(days=30) else None,
                    authority_reported_on=day if serious and pick.random() < 0.9 else None,
                )
            )
        Incident.objects.bulk_create(incidents, batch_size=BATCH)
        sources = [s for s, _label in WorkAction.SOURCE_CHOICES]
        actions = []
        for n in range(ACTIONS):
            year = years[n % YEARS]
            deadline = datetime.date(year, 1, 1) + datetime.timedelta(days=pick.randrange(365))
            done = deadline < today - datetime.timedelta(days=60) and pick.random() < 0.85
            actions.append(
                WorkAction(
                    unit=units[pick.randrange(len(units))],
                    what="Åtgärda belysningen i korridoren",
                    source=sources[n % len(sources)],
                    owner=owner,
                    deadline=deadline,
                    status=Status.GREEN if done else pick.choice([Status.YELLOW, Status.RED, Status.NOT_ASSESSED]),
                    done_on=deadline if done else None,
                )
            )
        WorkAction.objects.bulk_create(actions, batch_size=BATCH)
        templates = ActivityTemplate.objects.bulk_create(
            [
                ActivityTemplate(name=name, description=text, start_month=start, due_month=due, order=i)
                for i, (name, text, start, due) in enumerate(STANDARD_ACTIVITIES)
            ]
        )
        activities = []
        for year in years:
            for unit in units:
                for t in templates:
                    due = datetime.date(year, t.due_month, calendar.monthrange(year, t.due_month)[1])
                    activities.append(
                        UnitActivity(
                            unit=unit,
                            year=year,
                            template=t,
                            name=t.name,
                            starts_on=datetime.date(year, t.start_month, 1),
                            due_on=due,
                            done_on=due if due < today and pick.random() < 0.9 else None,
                        )
                    )
        UnitActivity.objects.bulk_create(activities, batch_size=BATCH)
        questions = AnnualQuestion.objects.bulk_create(
            [AnnualQuestion(text=text, reference=ref, order=i) for i, (text, ref) in enumerate(STANDARD_QUESTIONS)]
        )
        for year in years:
            followups = AnnualFollowup.objects.bulk_create(
                [AnnualFollowup(unit=u, year=year, signed_on=datetime.date(year + 1, 3, 1)) for u in units],
                batch_size=BATCH,
            )
            AnnualAnswer.objects.bulk_create(
                [
                    AnnualAnswer(
                        followup=f,
                        question=q,
                        answer=pick.choices(["ja", "delvis", "nej"], weights=[7, 2, 1])[0],
                    )
                    for f in followups
                    for q in questions
                ],
                batch_size=BATCH,
            )


def ensure_region() -> tuple[Region, float | None]:
    region = Region.objects.filter(slug=SLUG).first()
    if region is not None:
        with region_scope(region):
            if AnnualAnswer.objects.exists():
                return region, None
    start = time.perf_counter()
    if region is None:
        seed_scale(
            region=SLUG,
            units=UNITS,
            measures=20,
            years=1,
            shape="region",
            followup=False,
            stdout=open(os.devnull, "w"),
        )
        region = Region.objects.get(slug=SLUG)
    seed_workenv(region)
    # The bulk inserts kept SAM's counts (workenv/tally.py) through `bulk_created`: check
    # them once against the counts made from the rows, at this size.
    with region_scope(region):
        from workenv import tally

        assert tally.stored() == +tally.computed(), "SAM's kept counts differ from the rows"
    return region, time.perf_counter() - start


def counts(region) -> str:
    with region_scope(region):
        return (
            f"{OrgUnit.objects.count():,} units, {Incident.objects.count():,} incidents, "
            f"{WorkAction.objects.count():,} actions, {UnitActivity.objects.count():,} activities, "
            f"{AnnualFollowup.objects.count():,} annual follow-ups ({AnnualAnswer.objects.count():,} answers)"
        )


def main():
    pagetimer.ensure_database(args.reseed, DATABASE_PREFIX)
    print(benchsetup.machine_line())
    region, seconds = ensure_region()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # bulk-loaded tables have no statistics yet; a live database has
    print(f"region {SLUG}: " + ("reused" if seconds is None else f"seeded in {seconds:.0f} s") + f"; {counts(region)}")
    year = timezone.localdate().year
    with region_scope(region):
        division = (
            OrgUnit.objects.filter(depth=2).annotate(n=Count("children__children")).order_by("-n", "path").first()
        )
        below = OrgUnit.objects.filter(path__startswith=division.path).count()
        leaf = OrgUnit.objects.filter(children__isnull=True).order_by("-depth", "path").first()
        reader = User.objects.get(email=f"politiker@{SLUG}.scale")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)
    slug = region.slug
    dashboard = reverse("we_index", args=[slug])
    incidents = reverse("we_incidents", args=[slug])
    pages = {
        "(a) leaf unit's children (trivial)": reverse("unit_children", args=[slug, leaf.pk]),
        "(b) SAM dashboard, whole region": f"{dashboard}?ar={year}",
        f"(c) SAM dashboard, {division.name} ({below:,} units)": f"{dashboard}?ar={year}&enhet={division.pk}",
        f"(d) annual follow-up {year - 1}, {division.name} rolled up": reverse(
            "we_annual", args=[slug, division.pk, year - 1]
        ),
        "(e) incident statistics, whole region": f"{incidents}?ar={year}",
        f"(f) incident statistics, {division.name}": f"{incidents}?ar={year}&enhet={division.pk}",
    }
    results = {label: pagetimer.measure_page(client, url, args.repeat, args.warmup) for label, url in pages.items()}
    trivial = results["(a) leaf unit's children (trivial)"]
    print(f"{args.warmup} warm-ups, median and p90 of {args.repeat}; load {os.getloadavg()[0]:.1f}")
    print(f"{'':58s} {'median ms':>10s} {'p90 ms':>8s} {'queries':>8s} {'KiB':>6s} {'× trivial':>10s}")
    for label, r in results.items():
        print(
            f"{label:58s} {r['median'] * 1000:10.1f} {r['p90'] * 1000:8.1f} {r['queries']:8d} {r['kib']:6.0f} "
            f"{r['median'] / trivial['median']:10.1f}"
        )
    over = [label for label, r in results.items() if r["median"] > GOAL_RATIO * trivial["median"]]
    print(
        f"goal: each within {GOAL_RATIO}× of the trivial view: "
        + ("met" if not over else "NOT met: " + ", ".join(over))
    )


if __name__ == "__main__":
    main()
