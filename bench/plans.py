"""Benchmark: a large region's plans – import, the plan page, the export, the year switch.

Builds (once) a region of 1,000 units (bench/org_tree.py's shape) in its own database and
imports a cascaded plan for one year through the same code as the browser's import:
5 perspectives × 2 strategic goals at the region, 5 success factors per goal owned by the
nämnder, 4 measures per factor owned by förvaltningar (each adopted by 2 verksamhets-
områden), 3 activities per measure owned by verksamhetsområden, 1 assignment per factor
– about 1,100 items. Then it measures, next to /halsa/ in the same process: the plan page
of a verksamhetsområde (the red thread down to it), the region's plan with every unit's
items (?alla=1), the Excel export of that view, and "copy to next year" for every plan.

    python bench/plans.py                       # SQLite file in /tmp
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/regionplan_bench python bench/plans.py
"""

import argparse
import csv
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import org_tree  # noqa: E402  (sets up Django with the benchmark database)
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from goals.excel import COLUMNS  # noqa: E402
from goals.models import Plan, PlanItem  # noqa: E402
from goals.planimport import import_plan  # noqa: E402
from goals.services import copy_to_next_year  # noqa: E402
from regionplan import auditing  # noqa: E402
from regionplan.models import OrgUnit, Region, Role, RoleAssignment, User  # noqa: E402
from regionplan.orgimport import import_units  # noqa: E402
from regionplan.orgtree import create_region  # noqa: E402
from regionplan.tenancy import all_regions, region_scope  # noqa: E402

YEAR = 2026
PERSPECTIVES = ["Samhälle", "Medborgare", "Verksamhet", "Medarbetare", "Ekonomi"]


def plan_rows(units):
    """Template rows of the cascaded plan, by org code (see the module docstring)."""
    header = [name for name, _width in COLUMNS]
    rows = [["Perspektiv", f"P{i}", name] + [""] * (len(header) - 3) for i, name in enumerate(PERSPECTIVES)]
    nämnder = [u for u in units if u.count("-") == 1]
    förvaltningar = {n: [u for u in units if u.startswith(n + "-") and u.count("-") == 2] for n in nämnder}
    områden = {
        f: [u for u in units if u.startswith(f + "-") and u.count("-") == 3]
        for fs in förvaltningar.values()
        for f in fs
    }

    def row(level, code, name, parent, unit, **extra):
        values = dict.fromkeys(header, "")
        values.update({"Nivå": level, "Kod": code, "Namn": name, "Förälder": parent, "Organisation": unit, **extra})
        return [values[h] for h in header]

    n = 0
    for p, perspective in enumerate(PERSPECTIVES):
        for g in range(2):
            goal = f"G{p}{g}"
            rows.append(row("Mål", goal, f"Strategiskt mål {goal}", "", "R", Perspektiv=perspective))
            for f in range(5):
                nämnd = nämnder[(p * 2 + g + f) % len(nämnder)]
                factor = f"{goal}F{f}"
                rows.append(row("Framgångsfaktor", factor, f"Framgångsfaktor {factor}", goal, nämnd))
                rows.append(row("Uppdrag", f"U{factor}", f"Uppdrag {factor}", goal, nämnd, Slutdatum=f"{YEAR}-12-31"))
                for m in range(4):
                    förvaltning = förvaltningar[nämnd][m % len(förvaltningar[nämnd])]
                    measure = f"{factor}M{m}"
                    below = områden[förvaltning]
                    rows.append(
                        row(
                            "Mått",
                            measure,
                            f"Styrmått {measure}",
                            factor,
                            förvaltning,
                            **{
                                "Måttenhet": "%",
                                "Riktning": "Lägre är bättre",
                                "Målvärde": "< 4,8",
                                "Jämförelsetal": "2024: 5,6",
                                "Frekvens": "Månadsvis",
                                "Könsuppdelat": "Ja",
                                "Antaget av": f"{below[0]}; {below[1]} (< 4,5)",
                            },
                        )
                    )
                    for a in range(3):
                        n += 1
                        rows.append(
                            row(
                                "Aktivitet",
                                f"A{n}",
                                f"Aktivitet {n}",
                                measure,
                                below[a % len(below)],
                                Startdatum=f"{YEAR}-01-01",
                                Slutdatum=f"{YEAR}-12-31",
                                Klar="Ja" if n % 10 == 0 else "Nej",
                            )
                        )
    return header, rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with auditing.acting_as(label="bench"):
        with all_regions(), auditing.paused():
            Region.objects.filter(slug="bench-plans").delete()
        region = create_region("bench-plans", "Region Bench Planer", years=[YEAR])
        with region_scope(region):
            assert import_units(org_tree.csv_of(org_tree.tree_rows(1000)), "org.csv").ok
            units = list(OrgUnit.objects.values_list("code", flat=True))
            header, rows = plan_rows(units)
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=";").writerows([header] + rows)  # quoted: "Antaget av" holds semicolons
            data = buffer.getvalue().encode()
            start = time.perf_counter()
            result = import_plan(data, "plan.csv", YEAR)
            import_seconds = time.perf_counter() - start
            assert result.ok, [str(e) for e in result.errors[:5]]
            items = PlanItem.objects.count()
            user = User.objects.filter(email="bench-plans@bench.test").first() or User.objects.create_user(
                email="bench-plans@bench.test"
            )
            root = OrgUnit.objects.get(code="R")
            RoleAssignment.objects.get_or_create(user=user, role=Role.CONTROLLER, unit=root)
            deep = OrgUnit.objects.filter(depth=3).order_by("pk").first()
            plans = Plan.objects.count()

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    pages = {
        "trivial (/halsa/)": "/halsa/",
        "plan of a verksamhetsområde": f"/bench-plans/planer/{deep.pk}/{YEAR}/",
        "region plan, all units (?alla=1)": f"/bench-plans/planer/{root.pk}/{YEAR}/?alla=1",
        "Excel export, all units": f"/bench-plans/planer/{root.pk}/{YEAR}/excel/?alla=1",
        "plans index": f"/bench-plans/planer/?ar={YEAR}",
    }
    settings.DEBUG = True
    print(f"database: {connection.vendor}; {items} items in {plans} plans; median of {args.repeat} runs")
    print(f"import of the plan file ({len(rows)} rows): {import_seconds:.2f} s")
    org_tree.print_pages(client, pages, args.repeat, width=34)
    with region_scope(region), auditing.acting_as(label="bench"):
        start = time.perf_counter()
        with transaction.atomic():
            report = copy_to_next_year(Plan.objects.get(unit=root, year=YEAR), include_subtree=True)
        print(
            f"copy to {YEAR + 1}, all {len(report.plans)} plans: {report.items} items, "
            f"{report.left_behind} finished left behind, {time.perf_counter() - start:.2f} s"
        )


if __name__ == "__main__":
    main()
