"""Benchmark: the delårsrapport of a whole region as a PDF (WeasyPrint), at 1×, 10× and 20×.

Builds the demo (`regionplan.demo.seed()`: Region Norrbotten, Division Regionstöd's plan,
follow-up and economy for 2022) in its own database, then multiplies it: copy n (2, 3, …)
is a new division "Division Regionstöd n" under Regionstyrelsen with copies of the
division's 15 units, and a copy of the whole 2022 plan – the region's goals and
Regionstyrelsen's success factors (same units, new codes) and every item of the division's
units (on the copy's units) – with its plans, adoptions, assessments, values and economy
figures. The root report (Region Norrbotten, 2022-T2, delårsrapport) then holds n times the
rows of every table that lists items, and n times the charts.

For each scale a fresh Python process renders that report (after a warm-up with the
division's own delårsrapport), as a background run does – `assemble` then `render_pdf` –
and reports: the data phase (`assemble`) and the HTML (`report_html`) with their query
count, WeasyPrint's layout and writing, the total, pages, and the peak resident memory of
that run (VmHWM, reset after the warm-up: Python, WeasyPrint and its C libraries together).

    python bench/reports.py                        # SQLite file in /tmp
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/regionplan_reportbench python bench/reports.py
    python bench/reports.py --scales 1,10 --profile   # cProfile of the data and HTML phase
"""

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SQLITE_PATH", "/tmp/regionplan-reportbench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
os.environ.setdefault("DEBUG", "1")  # a developer's tool: the quick start's settings
DATABASE_NAME = "regionplan_reportbench"
if os.environ.get("DATABASE_URL") and not os.environ["DATABASE_URL"].rstrip("/").endswith("/" + DATABASE_NAME):
    sys.exit(f"bench/reports.py drops and recreates its database: use .../{DATABASE_NAME}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from followup.models import Assessment, EconomyFigure, MeasureValue  # noqa: E402
from goals.models import MeasureAdoption, Plan, PlanItem  # noqa: E402
from regionplan import auditing, demo  # noqa: E402
from regionplan.models import OrgUnit, Period, Region  # noqa: E402
from regionplan.tenancy import region_scope  # noqa: E402
from reports import services  # noqa: E402
from reports.assembly import assemble  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.rendering import render_pdf, report_html  # noqa: E402

REGION, DIVISION, YEAR, PERIOD, KIND = "norrbotten", "DRS", 2022, "2022-T2", "delarsrapport"
COPY = r"^K[0-9]+-"  # codes of the copies: K2-DRS-FM, K2-SM-SA1, …


def status_mb(key: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS: now; VmHWM: peak)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key + ":")) / 1024


def reset_peak() -> None:
    """Start the peak (VmHWM) again from the present resident set, so that it measures the
    next run, not the warm-up. `ru_maxrss` is no use here: across fork and exec it keeps
    the parent's peak (the process that built the data)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def fresh_database() -> None:
    """Start from an empty database, so every run builds the same data: delete the SQLite
    file, or drop and create the PostgreSQL database (its name is checked above)."""
    own = settings.DATABASES["default"]
    if connection.vendor != "postgresql":
        Path(own["NAME"]).unlink(missing_ok=True)
        return
    import psycopg

    base = f"postgresql://{own['USER']}@{own['HOST'] or '127.0.0.1'}:{own['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{own["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{own["NAME"]}"')


def clone(obj, **changes):
    """An unsaved copy of a row with every column but the id, and `changes`."""
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    fields.update(changes)
    return type(obj)(**fields)


def copies(region: Region) -> int:
    """How many times the demo's division and plan are in the region (1 = the demo)."""
    with region_scope(region):
        return 1 + OrgUnit.objects.filter(code__regex=COPY + DIVISION + "$").count()


def multiply(region: Region, scale: int) -> None:
    """Add copies until the region holds `scale` times the division and the 2022 plan (see
    the module docstring). Generated data: bulk inserts, no audit rows."""
    with region_scope(region), auditing.acting_as(label="bench"), auditing.paused(), transaction.atomic():
        division = OrgUnit.objects.get(code=DIVISION)
        units = list(OrgUnit.objects.filter(path__startswith=division.path).order_by("path"))
        plans = list(Plan.objects.filter(year=YEAR))
        items = sorted(PlanItem.objects.filter(year=YEAR).exclude(code__regex=COPY), key=lambda i: (i.depth, i.path))
        ids = [i.pk for i in items]
        adoptions = list(MeasureAdoption.objects.filter(measure_id__in=ids))
        assessments = list(Assessment.objects.filter(item_id__in=ids))
        values = list(MeasureValue.objects.filter(measure_id__in=ids))
        economy = list(EconomyFigure.objects.filter(unit__in=units))
        for n in range(copies(region) + 1, scale + 1):
            unit_map = {}
            for unit in units:  # parents first; save() sets the path
                copy = clone(
                    unit,
                    code=f"K{n}-{unit.code}",
                    name=f"{unit.name} {n}",
                    external_code="",
                    path="",
                    parent_id=unit_map[unit.parent_id].pk if unit.parent_id in unit_map else unit.parent_id,
                )
                copy.save()
                unit_map[unit.pk] = copy
            unit_id = {old: new.pk for old, new in unit_map.items()}
            plan_id = {p.pk: p.pk for p in plans}
            own_plans = [p for p in plans if p.unit_id in unit_id]
            made = Plan.objects.bulk_create([clone(p, unit_id=unit_id[p.unit_id]) for p in own_plans])
            plan_id.update({old.pk: new.pk for old, new in zip(own_plans, made, strict=True)})
            item_map = {}
            for depth in sorted({i.depth for i in items}):  # level by level: a parent's id is known
                level = [i for i in items if i.depth == depth]
                made = PlanItem.objects.bulk_create(
                    [
                        clone(
                            i,
                            code=f"K{n}-{i.code}",
                            plan_id=plan_id[i.plan_id],
                            path="",
                            parent_id=item_map[i.parent_id].pk if i.parent_id else None,
                        )
                        for i in level
                    ]
                )
                for old, new in zip(level, made, strict=True):
                    new.path = (item_map[old.parent_id].path if old.parent_id else "/") + f"{new.pk}/"
                    item_map[old.pk] = new
            PlanItem.objects.bulk_update(list(item_map.values()), ["path", "depth"], batch_size=500)
            item_id = {old: new.pk for old, new in item_map.items()}
            MeasureAdoption.objects.bulk_create(
                [
                    clone(a, measure_id=item_id[a.measure_id], unit_id=unit_id.get(a.unit_id, a.unit_id))
                    for a in adoptions
                ]
            )
            Assessment.objects.bulk_create(
                [clone(a, item_id=item_id[a.item_id], unit_id=unit_id.get(a.unit_id, a.unit_id)) for a in assessments],
                batch_size=500,
            )
            MeasureValue.objects.bulk_create(
                [clone(v, measure_id=item_id[v.measure_id], unit_id=unit_id.get(v.unit_id, v.unit_id)) for v in values],
                batch_size=500,
            )
            EconomyFigure.objects.bulk_create([clone(e, unit_id=unit_id[e.unit_id]) for e in economy])


def build() -> None:
    fresh_database()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with auditing.acting_as(label="bench"):
        demo.seed(log=lambda *args: None)
        region = Region.objects.get(slug=REGION)
        with region_scope(region):
            root, period = OrgUnit.objects.get(parent=None), Period.objects.get(code=PERIOD)
            services.open_report(services.kind_by_key(KIND), root, period)
    print(f"demo seeded in {time.perf_counter() - start:.1f} s")


def report_of(code: str) -> Report:
    return Report.objects.select_related("kind", "unit", "period", "region").get(
        kind__key=KIND, unit__code=code, period__code=PERIOD
    )


def measure(profile: bool) -> dict:
    """Render the root report once (after a warm-up) in this process; the figures as a dict."""
    region = Region.objects.get(slug=REGION)
    today = timezone.localdate()
    with region_scope(region), translation.override("sv"):
        render_pdf(assemble(report_of(DIVISION), today))  # warm-up: templates, fonts, WeasyPrint's caches
        report = report_of(OrgUnit.objects.get(parent=None).code)
        gc.collect()
        reset_peak()
        before = status_mb("VmRSS")
        marks = {}
        with CaptureQueriesContext(connection) as queries:
            start, cpu = time.perf_counter(), time.process_time()
            content = assemble(report, today)
            data_seconds = time.perf_counter() - start
            rendered = render_pdf(content, progress=lambda percent, step: marks.setdefault(step, len(queries)))
            total, cpu = time.perf_counter() - start, time.process_time() - cpu
        result = {
            "rows": sum(len(t.rows) for s in content.sections for t in s.tables),
            "charts": sum(len(s.charts) for s in content.sections),
            "html_kib": len(report_html(content).encode()) / 1024,
            "pdf_kib": len(rendered.pdf) / 1024,
            "pages": rendered.pages,
            "queries": marks["layout"],
            "queries_after_html": len(queries) - marks["layout"],
            "data": data_seconds,
            "html": rendered.html_seconds,
            "layout": rendered.layout_seconds,
            "write": rendered.write_seconds,
            "total": total,
            "cpu": cpu,
            "rss_before": before,
            "peak": status_mb("VmHWM"),
        }
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            report_html(assemble(report, today))
            profiler.disable()
            print(
                f"-- cProfile of assemble + report_html ({result['rows']} rows, {result['charts']} charts)",
                file=sys.stderr,
            )
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    return result


def print_table(results: dict) -> None:
    scales = list(results)
    rows = [
        ("table rows / charts", lambda r: f"{r['rows']} / {r['charts']}"),
        ("HTML / PDF size", lambda r: f"{r['html_kib']:,.0f} / {r['pdf_kib']:,.0f} KiB"),
        ("pages", lambda r: f"{r['pages']}"),
        (
            "queries, data and HTML",
            lambda r: f"{r['queries']}" + (f" (+{r['queries_after_html']})" if r["queries_after_html"] else ""),
        ),
        ("data (assemble)", lambda r: f"{r['data']:.2f} s"),
        ("HTML (report_html)", lambda r: f"{r['html']:.2f} s"),
        (
            "data + HTML, share of total",
            lambda r: f"{r['data'] + r['html']:.2f} s ({100 * (r['data'] + r['html']) / r['total']:.1f} %)",
        ),
        ("WeasyPrint layout", lambda r: f"{r['layout']:.2f} s"),
        ("WeasyPrint write_pdf", lambda r: f"{r['write']:.2f} s"),
        ("total", lambda r: f"{r['total']:.2f} s"),
        ("CPU time of the process, total", lambda r: f"{r['cpu']:.2f} s"),
        ("ms per page", lambda r: f"{1000 * r['total'] / r['pages']:.0f}"),
        ("RSS before / peak (VmHWM)", lambda r: f"{r['rss_before']:.0f} / {r['peak']:.0f} MB"),
    ]
    print(f"{'':32s}" + "".join(f"{str(s) + '×':>22s}" for s in scales))
    for label, cell in rows:
        print(f"{label:32s}" + "".join(f"{cell(results[s]):>22s}" for s in scales))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,20", help="comma-separated, increasing: 1,10,20")
    parser.add_argument("--profile", action="store_true", help="cProfile the data and HTML phase at the largest scale")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        print("RESULT " + json.dumps(measure(args.profile)))
        return
    scales = sorted({int(s) for s in args.scales.split(",")})
    import weasyprint

    print(
        f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; Python {platform.python_version()}, "
        f"Django {django.get_version()}, WeasyPrint {weasyprint.__version__}, {os.cpu_count()} cores; report: {KIND} "
        f"{PERIOD}, region root; load average {os.getloadavg()[0]:.1f}"
    )
    build()
    region = Region.objects.get(slug=REGION)
    results = {}
    for scale in scales:
        start = time.perf_counter()
        multiply(region, scale)
        built = time.perf_counter() - start
        command = [sys.executable, __file__, "--measure"] + (
            ["--profile"] if args.profile and scale == scales[-1] else []
        )
        out = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout
        results[scale] = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
        r = results[scale]
        print(
            f"{scale:3d}×: data built in {built:.1f} s; {r['pages']} pages in {r['total']:.1f} s, peak {r['peak']:.0f} MB "
            f"(load average {os.getloadavg()[0]:.1f})"
        )
    print()
    print_table(results)
    print()
    top = results[scales[-1]]
    if len(scales) > 1:
        low, high = results[scales[-2]], top
        slope = (high["peak"] - low["peak"]) / max(1, high["pages"] - low["pages"])
        print(
            f"memory: {slope:.2f} MB per extra page between {scales[-2]}× and {scales[-1]}×; "
            f"at 200 pages ≈ {high['peak'] + slope * (200 - high['pages']):.0f} MB (linear)"
        )
    counts = {s: r["queries"] for s, r in results.items()}
    print(
        f"queries of the data and HTML phase: {counts} – {'the same at every scale' if len(set(counts.values())) == 1 else 'NOT the same'}"
    )
    for s, r in results.items():
        if s >= 10:
            share = 100 * (r["data"] + r["html"]) / r["total"]
            print(
                f"{s}×: data + HTML {share:.1f} % of the total (goal < 10 %: {'met' if share < 10 else 'NOT met'}); "
                f"{r['pages']} pages, peak {r['peak']:.0f} MB"
                + (
                    f" (goal < 1 GB at 200 pages: {'met' if r['peak'] < 1024 else 'NOT met'})"
                    if r["pages"] >= 200
                    else ""
                )
            )


if __name__ == "__main__":
    main()
