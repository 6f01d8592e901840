"""Benchmark: importing a million measure values, from csv and from the SQL data warehouse,
next to PostgreSQL's own COPY of the same rows into a plain table.

Needs PostgreSQL. Builds (once) a scale region with `seed_scale` (1,000 units × 84
monthly measures × 1 year = 1,008,000 possible values) in its own database, writes the
csv, loads the same csv into a warehouse database for the SQL source, and then times:

  1. COPY of the csv into a plain table of text columns (the floor: no parsing, no checks);
  2. `import_values` of the csv, first run (every value new);
  3. the same file again (nothing changes: "0 ändrade");
  4. the SQL source (the warehouse table, same rows, already typed) on a fresh region copy.

It prints rows per second, the ratio to COPY, and the process's peak memory growth.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/regionplan_bench python bench/imports.py
    ... python bench/imports.py --rows 100000      # a quicker look
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
os.environ.setdefault("DEBUG", "1")  # a developer's tool: the quick start's settings
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("bench/imports.py needs PostgreSQL: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/regionplan_bench")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from seed_scale import seed_scale  # noqa: E402  (beside this script)

from followup.imports import jobs  # noqa: E402
from followup.models import DataSource, ImportJob, MeasureValue, ValueChange  # noqa: E402
from regionplan.models import Region  # noqa: E402
from regionplan.tenancy import region_scope  # noqa: E402

UNITS, MEASURES = 1000, 84
CSV = Path("/tmp/regionplan-values.csv")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_region(slug: str) -> Region:
    if not Region.objects.filter(slug=slug).exists():
        seed_scale(region=slug, units=UNITS, measures=MEASURES, years=1, stdout=open(os.devnull, "w"))
    return Region.objects.get(slug=slug)


def write_csv(rows: int, year: int) -> None:
    """Swedish-style csv: semicolons, decimal comma, unit and measure by their codes."""
    if CSV.exists() and CSV.stat().st_size and sum(1 for _ in CSV.open()) - 1 == rows:
        return
    with CSV.open("w", encoding="utf-8") as out:
        out.write("Mått;Organisation;Period;Kön;Värde;Kommentar\n")
        n = 0
        for month in range(1, 13):
            for m in range(1, MEASURES + 1):
                for u in range(1, UNITS + 1):
                    if n == rows:
                        return
                    out.write(
                        f"SK-M{m:04d};SK-{u:05d};{year}-{month:02d};;{(u * 7 + m * 13 + month) % 1000},{m % 10};\n"
                    )
                    n += 1


def time_copy(rows: int) -> float:
    """PostgreSQL's COPY of the csv into a plain (unlogged-free, index-free) table of text."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_plain")
        cursor.execute(
            "CREATE TABLE bench_plain (matt text, organisation text, period text, kon text, varde text, kommentar text)"
        )
        start = time.perf_counter()
        with (
            CSV.open("rb") as handle,
            cursor.cursor.copy("COPY bench_plain FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')") as copy,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        elapsed = time.perf_counter() - start
        cursor.execute("SELECT count(*) FROM bench_plain")
        assert cursor.fetchone()[0] == rows
        cursor.execute("DROP TABLE bench_plain")
    return elapsed


def run_file(region: Region) -> tuple[float, ImportJob]:
    with region_scope(region):
        job = ImportJob.objects.create(kind=ImportJob.VALUES, trigger=ImportJob.COMMAND, source_name=CSV.name)
        start = time.perf_counter()
        with CSV.open("rb") as stream:
            jobs.execute(job, stream=stream)
        return time.perf_counter() - start, job


def warehouse_url() -> str:
    """A second database on the same server, holding the values as a warehouse table."""
    own = settings.DATABASES["default"]
    base = f"postgresql://{own['USER']}@{own['HOST'] or '127.0.0.1'}:{own['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = 'regionplan_bench_warehouse'").fetchone():
            admin.execute("CREATE DATABASE regionplan_bench_warehouse")
    url = f"{base}/regionplan_bench_warehouse"
    with psycopg.connect(url, autocommit=True) as wh:
        wh.execute("DROP TABLE IF EXISTS matvarden")
        wh.execute(
            "CREATE TABLE matvarden (matt text, organisation text, period text, kon text, varde numeric, kommentar text)"
        )
        with (
            CSV.open("r", encoding="utf-8") as handle,
            wh.cursor().copy("COPY matvarden (matt, organisation, period, kon, varde, kommentar) FROM STDIN") as copy,
        ):
            next(handle)
            for line in handle:
                m, o, p, k, v, c = line.rstrip("\n").split(";")
                copy.write_row((m, o, p, k or None, v.replace(",", "."), c or None))
    return url


def run_warehouse(region: Region, url: str) -> tuple[float, ImportJob]:
    with region_scope(region):
        source, _ = DataSource.objects.update_or_create(
            name="Bench-datalager",
            defaults=dict(
                kind=DataSource.WAREHOUSE,
                connection_url=url,
                timeout_seconds=600,
                query='SELECT matt AS "Mått", organisation AS "Organisation", period AS "Period", kon AS "Kön", '
                'varde AS "Värde", kommentar AS "Kommentar" FROM matvarden',
            ),
        )
        job = ImportJob.objects.create(
            kind=ImportJob.VALUES, source=source, source_name=source.name, trigger=ImportJob.COMMAND
        )
        start = time.perf_counter()
        jobs.execute(job)
        return time.perf_counter() - start, job


def clear_values(region: Region) -> None:
    """Start from no values (in SQL: deleting a million rows through the ORM would audit each)."""
    with connection.cursor() as cursor:
        for model in (ValueChange, MeasureValue):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE region_id = %s", [region.pk])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    region = ensure_region("skalbank")
    year = timezone.localdate().year
    write_csv(args.rows, year)
    size = CSV.stat().st_size / 1024**2
    print(
        f"{args.rows:,} rows, csv {size:.0f} MB; PostgreSQL {connection.pg_version // 10000}; "
        f"region: {UNITS} units × {MEASURES} measures"
    )
    clear_values(region)
    copy_s = time_copy(args.rows)
    print(f"COPY into a plain table      {copy_s:7.2f} s  {args.rows / copy_s:>10,.0f} rows/s")
    base = peak_mb()
    for label in ("import_values, first run", "import_values, same file"):
        seconds, job = run_file(region)
        print(
            f"{label:<28} {seconds:7.2f} s  {args.rows / seconds:>10,.0f} rows/s  {seconds / copy_s:4.1f}× COPY  "
            f"[{job.get_status_display()}: {job.message}]  peak +{peak_mb() - base:.0f} MB"
        )
    url = warehouse_url()
    clear_values(region)
    seconds, job = run_warehouse(region, url)
    print(
        f"{'SQL source, first run':<28} {seconds:7.2f} s  {args.rows / seconds:>10,.0f} rows/s  "
        f"{seconds / copy_s:4.1f}× COPY  [{job.get_status_display()}: {job.message}]  peak +{peak_mb() - base:.0f} MB"
    )


if __name__ == "__main__":
    main()
