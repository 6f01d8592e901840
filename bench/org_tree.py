"""Benchmark: the organisation pages of a large region, against a trivial view.

Builds (once) a region with N units (default 5,000: region → 5 nämnder → 25 förvaltningar
→ 250 verksamhetsområden → the rest as enheter) in its own database, then measures the
server time of the start page, the organisation tree, a unit page and the import of the
whole tree, next to the health endpoint in the same process, and prints the ratios.

    python bench/org_tree.py                      # SQLite file in /tmp
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/regionplan_bench python bench/org_tree.py
    python bench/org_tree.py --units 20000 --repeat 5
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SQLITE_PATH", "/tmp/regionplan-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
os.environ["DEBUG"] = "1"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from regionplan import auditing  # noqa: E402
from regionplan.models import OrgUnit, Region, Role, RoleAssignment, User  # noqa: E402
from regionplan.orgimport import import_units  # noqa: E402
from regionplan.orgtree import create_region  # noqa: E402
from regionplan.tenancy import all_regions, region_scope  # noqa: E402


def tree_rows(n):
    """(code, name, parent, kind) rows of a realistic tree with n units."""
    rows = [("R", "Region Bench", "", "Region")]
    levels = [("N", 5, "Nämnd"), ("F", 5, "Förvaltning"), ("V", 10, "Verksamhetsområde")]
    parents = ["R"]
    for prefix, fanout, kind in levels:
        nxt = []
        for p in parents:
            for i in range(fanout):
                code = f"{p}-{prefix}{i}"
                rows.append((code, f"{kind} {code}", p, kind))
                nxt.append(code)
        parents = nxt
    i = 0
    while len(rows) < n:
        parent = parents[i % len(parents)]
        rows.append((f"{parent}-E{i}", f"Enhet {i}", parent, "Enhet"))
        i += 1
    return rows


def csv_of(rows):
    return ("Kod;Namn;Förälder;Typ\n" + "\n".join(";".join(r) for r in rows)).encode()


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_pages(client, pages: dict, repeat: int, width: int = 24) -> None:
    """Time each page (after a warm-up), print ms, queries, size and the ratio to the first."""
    baseline = None
    for label, url in pages.items():
        client.get(url)
        reset_queries()
        response = client.get(url)
        queries = len(connection.queries)
        assert response.status_code == 200, (url, response.status_code)
        seconds = timed(lambda: client.get(url), repeat)  # noqa: B023 (called within the loop)
        baseline = baseline or seconds
        print(
            f"{label:{width}s} {seconds * 1000:8.1f} ms  {queries:3d} queries  {len(response.content) / 1024:8.0f} KiB  ×{seconds / baseline:6.1f}"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    rows = tree_rows(args.units)
    with auditing.acting_as(label="bench"):
        region = Region.objects.filter(slug="bench").first()
        if region is not None:
            with region_scope(region):
                stale = OrgUnit.objects.count() != args.units
            if stale:
                with all_regions(), auditing.paused():
                    region.delete()
                region = None
        import_seconds = None
        if region is None:
            region = create_region("bench", "Region Bench")
            with region_scope(region):
                start = time.perf_counter()
                result = import_units(csv_of(rows), "org.csv")
                import_seconds = time.perf_counter() - start
                assert result.ok, result.errors[:5]
        with region_scope(region):
            user = User.objects.filter(email="bench@bench.test").first() or User.objects.create_user(
                email="bench@bench.test"
            )
            root = OrgUnit.objects.get(code="R")
            RoleAssignment.objects.get_or_create(user=user, role=Role.ADMINISTRATOR, unit=root)
            deep_unit = OrgUnit.objects.order_by("-depth", "pk").first()

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    pages = {
        "trivial (/halsa/)": "/halsa/",
        "start page (tree)": "/bench/",
        "organisation tree": "/bench/organisation/",
        "unit page (deepest)": f"/bench/organisation/{deep_unit.pk}/",
    }
    settings.DEBUG = True
    print(f"database: {connection.vendor}; units: {args.units}; median of {args.repeat} runs")
    if import_seconds is not None:
        print(f"import of the whole tree ({args.units} rows): {import_seconds:.2f} s")
    print_pages(client, pages, args.repeat)


if __name__ == "__main__":
    main()
