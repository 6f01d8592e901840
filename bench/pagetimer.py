"""What the page benchmarks share (Django must be set up first): a PostgreSQL database of
their own, created and migrated on demand, and the timing of one page in this process with
the test client (median and p90 of repeated requests; the queries and their SQL time of one
further request)."""

from __future__ import annotations

import gc
import statistics
import sys
import time

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def ensure_database(reseed: bool, prefix: str) -> None:
    """Create the database if it is missing (drop it first with `reseed`, only if its name
    starts with `prefix`, the benchmark's own), and migrate it."""
    own = settings.DATABASES["default"]
    name = own["NAME"]
    base = f"postgresql://{own['USER']}@{own['HOST'] or '127.0.0.1'}:{own['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if reseed:
            if not name.startswith(prefix):
                sys.exit(f"--reseed drops the database: it must be named {prefix}…, not {name}")
            connections.close_all()
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


def measure_page(client: Client, url: str, repeat: int, warmup: int) -> dict:
    """Server time of a page in this process: `warmup` requests, one with its queries
    captured (count, and time around each execute, which with psycopg includes fetching),
    then `repeat` timed ones."""
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    reset_queries()  # with DEBUG the log is a deque of at most 9,000: a full one counts nothing
    sql = []

    def timer(execute, *args):
        start = time.perf_counter()
        try:
            return execute(*args)
        finally:
            sql.append(time.perf_counter() - start)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return {
        **timed(lambda: client.get(url), repeat),
        "queries": len(queries),
        "sql": sum(sql),
        "kib": len(response.content) / 1024,
        "url": url,
    }


def timed(call, repeat: int) -> dict:
    """Median and p90 seconds of `repeat` calls."""
    times = []
    gc.collect()
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return {
        "median": statistics.median(times),
        "p90": statistics.quantiles(times, n=10)[8] if repeat >= 2 else times[0],
    }
