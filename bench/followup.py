"""Benchmark: follow-up pages on a large region's plan.

Uses the region that bench/plans.py builds (run it first): 1,000 units, 910 plan items.
Measures, next to /halsa/: "Min uppföljning" for a manager of one förvaltning (its first
screen, the page of its largest unit, "bara ej klara" and a search over every unit) and for
a controller of the whole region, the controller's overview, and saving one row (htmx POST,
the answer is the row, the progress line and the summaries it changed).

    python bench/plans.py && python bench/followup.py

With `--scale <slug>`, also the manager of a division of a region that seed_scale built in
the same database (chef@<slug>.scale, ~175 rows in 35 units with these arguments):

    SQLITE_PATH=/tmp/regionplan-bench.sqlite3 python bench/seed_scale.py --region skala \
        --units 400 --measures 400 --shape region --followup
    python bench/followup.py --scale skala
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import org_tree  # noqa: E402  (sets up Django with the benchmark database)
from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from goals.models import PlanItem  # noqa: E402
from regionplan import auditing  # noqa: E402
from regionplan.models import OrgUnit, Period, Region, Role, RoleAssignment, User  # noqa: E402
from regionplan.tenancy import region_scope  # noqa: E402

YEAR = 2026


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", help="a region of seed_scale --shape region --followup, in the same database")
    args = parser.parse_args()
    if args.scale:
        scale_manager(args.scale, args.repeat)
    region = Region.objects.get(slug="bench-plans")
    with region_scope(region), auditing.acting_as(label="bench"):
        förvaltning = OrgUnit.objects.filter(depth=2).order_by("pk").first()
        manager = User.objects.filter(email="bench-chef@bench.test").first() or User.objects.create_user(
            email="bench-chef@bench.test"
        )
        RoleAssignment.objects.get_or_create(user=manager, role=Role.MANAGER, unit=förvaltning, include_subtree=True)
        controller = User.objects.get(email="bench-plans@bench.test")
        period = Period.objects.get(code=f"{YEAR}-T3")
        activity = (
            PlanItem.objects.filter(level="activity", plan__unit__path__startswith=förvaltning.path)
            .select_related("plan")
            .first()
        )
        from followup import services
        from regionplan.permissions import roles_of

        view = services.load_followup(period, services.my_units_q(roles_of(manager)))
        largest = max(view.groups, key=lambda group: len(group.rows))
    settings.DEBUG = True
    print(f"database: {connection.vendor}; period {period.code}; median of {args.repeat} runs")
    print(
        f"manager of {förvaltning.name}: {view.total} rows in {len(view.groups)} units, "
        f"the largest {largest.unit.name} with {len(largest.rows)}"
    )
    mine = f"/bench-plans/uppfoljning/?period={period.code}"
    for label, user, pages in [
        (
            "manager of one förvaltning",
            manager,
            {
                "trivial (/halsa/)": "/halsa/",
                "Min uppföljning, first screen": mine,
                "the largest unit's page": f"{mine}&visa={largest.unit.pk}",
                "bara ej klara": f"{mine}&rader=ej-klara",
                "search (all units, capped)": f"{mine}&sok=a",
            },
        ),
        (
            "controller of the region",
            controller,
            {
                "trivial (/halsa/)": "/halsa/",
                "Min uppföljning (roles on the root)": f"/bench-plans/uppfoljning/?period={period.code}",
                "overview": f"/bench-plans/uppfoljning/oversikt/?period={period.code}",
            },
        ),
    ]:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        print(f"-- {label}")
        org_tree.print_pages(client, pages, args.repeat, width=34)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(manager)
    url = f"/bench-plans/uppfoljning/{period.code}/rad/{activity.pk}/{activity.plan.unit_id}/"
    prefix = f"r{activity.pk}-{activity.plan.unit_id}-"
    times = []
    for version in range(args.repeat):
        with region_scope(region):
            from followup.models import Assessment

            current = Assessment.objects.filter(item=activity, period=period).first()
        data = {
            prefix + "version": current.version if current else 0,
            prefix + "status": "yellow",
            prefix + "comment": f"Bench {version}",
        }
        reset_queries()
        start = time.perf_counter()
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    print(
        f"save one row (htmx)                {sorted(times)[len(times) // 2] * 1000:8.1f} ms  {len(connection.queries):3d} queries  "
        f"{len(response.content) / 1024:8.0f} KiB"
    )


def scale_manager(slug: str, repeat: int) -> None:
    """The pages of chef@<slug>.scale (chef of a division with its subtree), next to /halsa/."""
    from followup import services
    from regionplan.permissions import roles_of

    region = Region.objects.get(slug=slug)
    with region_scope(region):
        manager = User.objects.get(email=f"chef@{slug}.scale")
        period = Period.objects.filter(code=f"{YEAR}-T3").first() or Period.objects.order_by("-end").first()
        view = services.load_followup(period, services.my_units_q(roles_of(manager)))
        largest = max(view.groups, key=lambda group: len(group.rows))
    settings.DEBUG = True
    print(
        f"-- manager of a division of {slug}: {view.total} rows in {len(view.groups)} units, the largest with {len(largest.rows)}"
    )
    mine = f"/{slug}/uppfoljning/?period={period.code}"
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(manager)
    org_tree.print_pages(
        client,
        {
            "trivial (/halsa/)": "/halsa/",
            "Min uppföljning, first screen": mine,
            "the largest unit's page": f"{mine}&visa={largest.unit.pk}",
            "bara ej klara": f"{mine}&rader=ej-klara",
            "search (all units, capped)": f"{mine}&sok=a",
        },
        repeat,
        width=34,
    )


if __name__ == "__main__":
    main()
