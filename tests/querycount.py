"""Pinned query counts per view, kept in tests/query_counts.json.

A test measures a page's queries and compares them with the stored baseline; a change
fails the test, so a new query per row cannot slip in unnoticed. After a deliberate
change, run with UPDATE_QUERY_COUNTS=1 to rewrite the baseline, and review its diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

BASELINE_FILE = Path(__file__).with_name("query_counts.json")


def count_queries(fn) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


def check_baseline(key: str, measured: int) -> None:
    baseline = json.loads(BASELINE_FILE.read_text()) if BASELINE_FILE.exists() else {}
    if os.environ.get("UPDATE_QUERY_COUNTS") == "1":
        baseline[key] = measured
        BASELINE_FILE.write_text(json.dumps(dict(sorted(baseline.items())), indent=2) + "\n")
        return
    assert key in baseline, f"no stored query count for {key}: run with UPDATE_QUERY_COUNTS=1"
    assert measured == baseline[key], f"{key}: {measured} queries, baseline {baseline[key]}"
