"""The indicator import pipeline end to end: files (csv and xlsx) uploaded or given to a
command, the data sources (drop folder, Kolada, the SQL data warehouse) and their
schedule, and the economy files.

What is promised (followup/imports/pipeline.py): a file is checked as a whole and a bad row
rejects it with every error by row and column, writing nothing; `partial` keeps the good
rows; a second run changes nothing; a change and a clash with a manual value are logged
(`ValueChange`) and the region's policy decides who wins; a crashed job leaves nothing
and its retry writes each value once; a region only ever reads and writes its own units.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import threading
import zipfile
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from openpyxl import Workbook

from followup import services
from followup.imports import economy, jobs, kolada, pipeline, sources
from followup.models import (
    DataSource,
    EconomyFigure,
    FollowupSettings,
    ImportJob,
    MeasureValue,
    Origin,
    ValueChange,
)
from followup.tasks import run_due_sources, run_import_job
from goals.models import PlanItem
from goals.rules import Levels
from goals.services import save_item
from regionplan import auditing, outbound, tabular
from regionplan.models import AuditEntry, Period, Role
from regionplan.orgtree import ensure_year
from regionplan.tenancy import region_scope
from tests.conftest import grant
from tests.plans import YEAR, build_plans

D = Decimal
HEADER = ["Mått", "Organisation", "Period", "Kön", "Värde", "Kommentar"]

# A clean file (rows 2..5): MATT-1 (%, by sex, owned by DIV, adopted by VO1) and MATT-2
# (antal, not by sex, owned by DIV).
GOOD = [
    ("MATT-1", "A-DIV", "2026-T1", "T", "5,2", ""),
    ("MATT-1", "A-DIV", "2026-T1", "K", "6,1", ""),
    ("MATT-1", "A-VO1", "2026-T1", "", "4,9", "Bra"),
    ("MATT-2", "A-DIV", "2026-T1", "", "1 234", ""),
]
GOOD_VALUES = {
    ("MATT-1", "A-DIV", "2026-T1", "total"): D("5.2"),
    ("MATT-1", "A-DIV", "2026-T1", "women"): D("6.1"),
    ("MATT-1", "A-VO1", "2026-T1", "total"): D("4.9"),
    ("MATT-2", "A-DIV", "2026-T1", "total"): D("1234"),
}


# --- Helpers -------------------------------------------------------------------------------


def csv_bytes(rows, header=HEADER, encoding="utf-8-sig") -> bytes:
    """As Swedish Excel saves it: semicolons, decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER, formats: dict | None = None) -> bytes:
    """A workbook with the header and the rows as they are (numbers stay numbers);
    `formats` maps (row index in `rows`, column index) to a number format."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for (r, c), number_format in (formats or {}).items():
        sheet.cell(row=r + 2, column=c + 1).number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def plans(world):
    """The standard plans, plus MATT-2: a count (not in percent, not by sex) of DIV."""
    items = dict(build_plans(world))
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        items["count"] = save_item(
            PlanItem(
                plan=items["plans"]["DIV"],
                level=Levels.MEASURE,
                parent=items["factor"],
                code="MATT-2",
                name="Antal utbildade",
                measure_unit="antal",
                direction="higher",
                frequency="tertial",
            )
        )
    return items


@pytest.fixture
def upload(world, django_capture_on_commit_callbacks):
    """Upload a file as a persona (as the import page does) and run its job; the job, reloaded."""

    def run(content: bytes, name="varden.csv", kind=ImportJob.VALUES, partial=False, persona="controller"):
        user = world.users[persona] if isinstance(persona, str) else persona
        with region_scope(world.alfa):
            with django_capture_on_commit_callbacks(execute=True):
                job = jobs.start_upload(SimpleUploadedFile(name, content), kind, partial, user)
            job.refresh_from_db()
        return job

    return run


def stored(region) -> dict:
    """The region's values as {(measure, unit, period, sex): value}."""
    with region_scope(region):
        return {
            (v.measure.code, v.unit.code, v.period.code, v.sex): v.value
            for v in MeasureValue.objects.select_related("measure", "unit", "period")
        }


def counts(region) -> dict:
    with region_scope(region):
        return {
            "values": MeasureValue.objects.count(),
            "changes": ValueChange.objects.count(),
            "economy": EconomyFigure.objects.count(),
        }


def errors_of(world, job) -> list[tuple]:
    with region_scope(world.alfa):
        return [(e.row, e.column, e.message) for e in job.errors.all()]


def manual_value(world, plans, value, unit="DIV", period="2026-T1", sex=MeasureValue.TOTAL, measure="measure"):
    """A value a manager typed in (origin manual)."""
    with region_scope(world.alfa), auditing.acting_as(world.users["manager"]):
        return MeasureValue.objects.create(
            measure=plans[measure], unit=world.units[unit], period=Period.objects.get(code=period), sex=sex, value=value
        )


def external_code(world, obj, code: str) -> None:
    """Give a unit or a measure an external code, saved as an administrator would."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        obj = type(obj).objects.get(pk=obj.pk)
        obj.external_code = code
        obj.save()


def run_command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        exc.out, exc.err = out.getvalue(), err.getvalue()
        raise
    return out.getvalue(), err.getvalue()


# --- 1. All or nothing ----------------------------------------------------------------------

# A row with one problem each, as (name, row, column, message fragment); in a file after
# GOOD[0] it is row 3.
BAD_ROWS = [
    ("unknown-unit", ("MATT-1", "A-NOPE", "2026-T2", "T", "5", ""), "Organisation", "finns inte"),
    ("no-unit", ("MATT-1", "", "2026-T2", "T", "5", ""), "Organisation", "Organisation saknas"),
    ("bad-value", ("MATT-1", "A-DIV", "2026-T2", "T", "fem", ""), "Värde", "inget tal"),
    ("no-value", ("MATT-1", "A-DIV", "2026-T2", "T", "", ""), "Värde", "Värde saknas"),
    ("too-big", ("MATT-1", "A-DIV", "2026-T2", "T", "1e15", ""), "Värde", "för stort"),
    ("percent-for-a-count", ("MATT-2", "A-DIV", "2026-T2", "", "12 %", ""), "Värde", "procent"),
    (
        "period-not-in-calendar",
        ("MATT-1", "A-DIV", "2031-T1", "T", "5", ""),
        "Period",
        "finns inte i regionens kalender",
    ),
    ("not-a-period", ("MATT-1", "A-DIV", "2026-T4", "T", "5", ""), "Period", "ingen period"),
    (
        "month-of-a-year-not-in-the-calendar",
        ("MATT-1", "A-DIV", "2031-08", "T", "5", ""),
        "Period",
        "finns inte i regionens kalender",
    ),
    ("no-period", ("MATT-1", "A-DIV", "", "T", "5", ""), "Period", "Period saknas"),
    ("unit-does-not-follow", ("MATT-1", "A-VO2", "2026-T2", "T", "5", ""), "Mått", "följer inte"),
    ("other-division", ("MATT-1", "A-OTHER", "2026-T2", "T", "5", ""), "Mått", "följer inte"),
    ("unknown-measure", ("MATT-99", "A-DIV", "2026-T2", "T", "5", ""), "Mått", "finns inte i planerna"),
    ("measure-of-another-year", ("MATT-1", "A-DIV", "2025-T2", "T", "5", ""), "Mått", "finns inte i planerna för 2025"),
    ("no-measure", ("", "A-DIV", "2026-T2", "T", "5", ""), "Mått", "Mått saknas"),
    ("women-for-unsplit-measure", ("MATT-2", "A-DIV", "2026-T2", "K", "3", ""), "Kön", "per kön"),
    ("men-for-unsplit-measure", ("MATT-2", "A-DIV", "2026-T2", "Män", "3", ""), "Kön", "per kön"),
    ("unknown-sex", ("MATT-1", "A-DIV", "2026-T2", "X", "3", ""), "Kön", "inget kön"),
]


def test_one_bad_row_rejects_the_whole_file_and_writes_nothing(world, plans, upload, subtests):
    """Table-driven (subtests share one world: a rejected file leaves it as it was)."""
    manual_value(world, plans, D("1.0"))  # the file's first row would change it
    before, values_before = counts(world.alfa), stored(world.alfa)
    for name, bad, column, fragment in BAD_ROWS:
        with subtests.test(name):
            job = upload(csv_bytes([GOOD[0], bad, *GOOD[1:]]))
            assert job.status == ImportJob.REJECTED
            assert job.message == "Avvisad: 1 fel på 1 rad. Inget ändrades."
            assert (job.rows_read, job.rows_rejected, job.rows_accepted) == (5, 1, 4)
            assert (job.created, job.changed, job.unchanged, job.conflicts) == (0, 0, 0, 0)
            [(row, col, message)] = errors_of(world, job)
            assert (row, col) == (3, column)
            assert fragment in message
            assert counts(world.alfa) == before
            assert stored(world.alfa) == values_before  # not even the good rows


def test_every_error_of_a_file_is_reported_with_its_row_and_column(world, plans, upload):
    rows = [
        *GOOD,
        *(bad for _name, bad, _column, _fragment in BAD_ROWS),
        ("MATT-1", "A-NOPE", "2031-T1", "X", "5", ""),
    ]  # three problems in one row
    job = upload(csv_bytes(rows))
    assert job.status == ImportJob.REJECTED
    n = len(BAD_ROWS)
    assert job.message == f"Avvisad: {n + 3} fel på {n + 1} rader. Inget ändrades."
    found = errors_of(world, job)
    expected = [(6 + i, column) for i, (_name, _bad, column, _fragment) in enumerate(BAD_ROWS)]
    last = 6 + n
    assert [(row, column) for row, column, _m in found] == [
        *expected,
        (last, "Period"),
        (last, "Organisation"),
        (last, "Kön"),
    ]
    for (_row, _column, message), (_name, _bad, _col, fragment) in zip(found[: len(BAD_ROWS)], BAD_ROWS, strict=True):
        assert fragment in message
    assert counts(world.alfa) == {"values": 0, "changes": 0, "economy": 0}


# --- 2. Keeping the good rows ----------------------------------------------------------------


def test_partial_keeps_the_good_rows_and_lists_the_skipped_ones(world, plans, upload):
    rows = [
        GOOD[0],
        ("MATT-1", "A-NOPE", "2026-T1", "T", "5", ""),
        GOOD[1],
        GOOD[2],
        ("MATT-2", "A-DIV", "2026-T1", "K", "3", ""),
        GOOD[3],
    ]
    job = upload(csv_bytes(rows), partial=True)
    assert job.status == ImportJob.DONE
    assert (job.rows_read, job.rows_accepted, job.rows_rejected) == (6, 4, 2)
    assert (job.created, job.changed, job.unchanged) == (4, 0, 0)
    assert "4 nya" in job.message and "2 rader hoppades över" in job.message
    assert [(row, column) for row, column, _m in errors_of(world, job)] == [(3, "Organisation"), (6, "Kön")]
    assert stored(world.alfa) == GOOD_VALUES
    with region_scope(world.alfa):
        assert ValueChange.objects.filter(job=job, kind=ValueChange.CREATED).count() == 4


def test_partial_with_only_bad_rows_writes_nothing(world, plans, upload):
    job = upload(csv_bytes([("MATT-1", "A-NOPE", "2026-T1", "T", "5", "")]), partial=True)
    assert job.status == ImportJob.DONE
    assert (job.created, job.rows_rejected) == (0, 1)
    assert counts(world.alfa) == {"values": 0, "changes": 0, "economy": 0}


def test_a_file_with_only_a_header_changes_nothing(world, plans, upload):
    job = upload(csv_bytes([]))
    assert job.status == ImportJob.DONE
    assert "Inga rader" in job.message
    assert counts(world.alfa)["values"] == 0


# --- 3. and 4. Running again, and changed values ---------------------------------------------------


def test_the_same_file_twice_changes_nothing_the_second_time(world, plans, upload):
    first = upload(csv_bytes(GOOD))
    assert (first.created, first.changed, first.unchanged) == (4, 0, 0)
    assert first.message == "4 nya, 0 ändrade, 0 oförändrade."
    after_first = counts(world.alfa), stored(world.alfa)
    second = upload(csv_bytes(GOOD))
    assert second.status == ImportJob.DONE
    assert (second.created, second.changed, second.unchanged, second.conflicts) == (0, 0, 4, 0)
    assert (counts(world.alfa), stored(world.alfa)) == after_first
    assert stored(world.alfa) == GOOD_VALUES


def test_the_same_values_as_xlsx_are_unchanged_too(world, plans, upload):
    """A number cell (5.2) is the same value as the csv's text "5,2"."""
    upload(csv_bytes(GOOD))
    rows = [(m, u, p, s, float(v.replace(",", ".").replace(" ", "")), c) for m, u, p, s, v, c in GOOD]
    job = upload(xlsx_bytes(rows), name="varden.xlsx")
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert (job.created, job.changed, job.unchanged) == (0, 0, 4)


def test_a_changed_value_is_updated_and_logged_old_to_new(world, plans, upload):
    first = upload(csv_bytes(GOOD))
    changed = [("MATT-1", "A-DIV", "2026-T1", "T", "5,3", ""), *GOOD[1:]]
    job = upload(csv_bytes(changed))
    assert (job.created, job.changed, job.unchanged) == (0, 1, 3)
    assert stored(world.alfa)[("MATT-1", "A-DIV", "2026-T1", "total")] == D("5.3")
    with region_scope(world.alfa):
        [change] = ValueChange.objects.filter(job=job)
        assert (change.kind, change.old_value, change.new_value, change.sex) == ("changed", D("5.2"), D("5.3"), "total")
        assert (change.measure_id, change.unit_id) == (plans["measure"].pk, world.units["DIV"].pk)
        value = MeasureValue.objects.get(measure=plans["measure"], unit=world.units["DIV"], sex="total")
        assert (value.origin, value.job_id) == (Origin.FILE, job.pk)  # the job that last wrote it
        assert ValueChange.objects.filter(job=first).count() == 4


def test_a_changed_comment_is_updated(world, plans, upload):
    upload(csv_bytes(GOOD))
    job = upload(csv_bytes([*GOOD[:2], ("MATT-1", "A-VO1", "2026-T1", "", "4,9", "Bättre"), GOOD[3]]))
    assert (job.created, job.changed, job.unchanged) == (0, 1, 3)
    with region_scope(world.alfa):
        assert MeasureValue.objects.get(unit=world.units["VO1"]).comment == "Bättre"


# --- 5. A manual value meets an import ---------------------------------------------------------


@pytest.mark.parametrize("policy, kept", [("report", True), ("manual", True), ("import", False)])
def test_the_region_policy_decides_between_a_manual_value_and_an_import(world, plans, upload, policy, kept):
    with region_scope(world.alfa):
        FollowupSettings.objects.create(import_policy=policy)
    manual_value(world, plans, D("3.3"))
    job = upload(csv_bytes(GOOD))
    assert job.status == ImportJob.DONE
    with region_scope(world.alfa):
        value = MeasureValue.objects.get(
            measure=plans["measure"], unit=world.units["DIV"], period__code="2026-T1", sex="total"
        )
        change = ValueChange.objects.get(job=job, unit=world.units["DIV"], measure=plans["measure"], sex="total")
    assert (change.old_value, change.new_value) == (D("3.3"), D("5.2"))
    if kept:
        assert (value.value, value.origin, value.job_id) == (D("3.3"), Origin.MANUAL, None)
        assert (job.created, job.changed, job.unchanged, job.conflicts) == (3, 0, 0, 1)
        assert change.kind == ValueChange.CONFLICT
        assert "1 manuellt inmatade värden behölls" in job.message
    else:
        assert (value.value, value.origin, value.job_id) == (D("5.2"), Origin.FILE, job.pk)
        assert (job.created, job.changed, job.unchanged, job.conflicts) == (3, 1, 0, 0)
        assert change.kind == ValueChange.CHANGED


def test_an_import_of_the_manual_value_itself_is_no_conflict(world, plans, upload, subtests):
    with region_scope(world.alfa):
        settings = FollowupSettings.objects.create()
    manual_value(world, plans, D("5.2"))
    for policy in ("report", "manual", "import"):
        with subtests.test(policy):
            with region_scope(world.alfa):
                settings.import_policy = policy
                settings.save()
            job = upload(csv_bytes(GOOD))
            assert (job.changed, job.conflicts, job.created + job.unchanged) == (0, 0, 4)
            with region_scope(world.alfa):
                value = MeasureValue.objects.get(measure=plans["measure"], unit=world.units["DIV"], sex="total")
                assert (value.value, value.origin) == (D("5.2"), Origin.MANUAL)
                assert not ValueChange.objects.filter(
                    measure=plans["measure"], unit=world.units["DIV"], sex="total"
                ).exists()


def test_the_default_policy_reports_the_conflict(world, plans, upload):
    manual_value(world, plans, D("3.3"))
    job = upload(csv_bytes(GOOD))
    assert job.conflicts == 1
    assert stored(world.alfa)[("MATT-1", "A-DIV", "2026-T1", "total")] == D("3.3")


# --- 6. Duplicate rows -------------------------------------------------------------------------

REPEATS = [
    ("same-row", ("MATT-1", "A-DIV", "2026-T1", "T", "9,9", "")),
    ("other-spelling", ("matt-1", "a-div", "2026-t1", "Totalt", "9,9", "")),
    ("empty-sex-is-total", ("MATT-1", "A-DIV", "2026-T1", "", "9,9", "")),
    ("year-is-the-full-year-tertial", ("MATT-2", "A-DIV", "2026-T1", "", "1", "")),
]


def test_a_repeated_row_is_an_error_naming_the_first(world, plans, upload, subtests):
    for name, repeat in REPEATS:
        with subtests.test(name):
            first = 2 if repeat[0].upper() == "MATT-1" else 5
            job = upload(csv_bytes([*GOOD, repeat]))
            assert job.status == ImportJob.REJECTED
            [(row, column, message)] = errors_of(world, job)
            assert (row, column) == (6, "")
            assert message == f"Samma mått, organisation, period och kön som rad {first}."
            assert counts(world.alfa)["values"] == 0


def test_a_year_and_its_full_year_tertial_are_the_same_period(world, plans, upload):
    rows = [("MATT-2", "A-DIV", "2026-T3", "", "1", ""), ("MATT-2", "A-DIV", "2026", "", "2", "")]
    job = upload(csv_bytes(rows))
    assert job.status == ImportJob.REJECTED
    assert [(r, m) for r, _c, m in errors_of(world, job)] == [
        (3, "Samma mått, organisation, period och kön som rad 2.")
    ]


def test_with_partial_the_first_of_repeated_rows_is_kept(world, plans, upload):
    rows = [*GOOD, ("MATT-1", "A-DIV", "2026-T1", "T", "9,9", ""), ("MATT-1", "A-DIV", "2026-T1", "T", "8,8", "")]
    job = upload(csv_bytes(rows), partial=True)
    assert job.status == ImportJob.DONE
    assert (job.created, job.rows_rejected, job.rows_accepted) == (4, 2, 4)
    assert [row for row, _c, _m in errors_of(world, job)] == [6, 7]
    assert stored(world.alfa)[("MATT-1", "A-DIV", "2026-T1", "total")] == D("5.2")


# --- 7. Codes and cells ------------------------------------------------------------------------


def test_measure_and_unit_by_external_code(world, plans, upload):
    external_code(world, plans["measure"], "N00945")
    external_code(world, world.units["DIV"], "KST-1001")
    job = upload(
        csv_bytes([("n00945", "kst-1001", "2026-T2", "T", "4,4", ""), ("N00945", "A-VO1", "2026-T2", "T", "4,5", "")])
    )
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == {
        ("MATT-1", "A-DIV", "2026-T2", "total"): D("4.4"),
        ("MATT-1", "A-VO1", "2026-T2", "total"): D("4.5"),
    }


def test_an_external_unit_code_shared_by_two_units_is_an_error(world, plans, upload):
    for key in ("DIV", "VO1"):
        external_code(world, world.units[key], "KST-9")
    job = upload(csv_bytes([("MATT-1", "KST-9", "2026-T2", "T", "4,4", "")]))
    assert job.status == ImportJob.REJECTED
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Organisation") and "flera enheter" in message


def test_an_external_measure_code_followed_twice_by_a_unit_is_an_error(world, plans, upload):
    for key in ("measure", "count"):
        external_code(world, plans[key], "N1")
    job = upload(csv_bytes([("N1", "A-DIV", "2026-T2", "", "4", "")]))
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Mått") and "MATT-1" in message and "MATT-2" in message


def test_a_bare_year_is_the_full_year_period(world, plans, upload):
    job = upload(csv_bytes([("MATT-2", "A-DIV", "2026", "", "12", "")]))
    assert job.status == ImportJob.DONE
    assert stored(world.alfa) == {("MATT-2", "A-DIV", "2026-T3", "total"): D("12")}


@pytest.fixture
def months(world):
    """Region alfa follows months as well as tertials."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        world.alfa.period_kinds = ["month", "tertial"]
        world.alfa.save()
        ensure_year(world.alfa, YEAR)


def test_a_date_is_read_as_its_month(world, plans, months, upload):
    rows = [
        ("MATT-2", "A-DIV", datetime.date(2026, 8, 31), "", 7, ""),  # a date cell
        ("MATT-2", "A-DIV", "2026-09-30", "", 8, ""),  # a date typed as text
        ("MATT-2", "A-DIV", "2026-10", "", 9, ""),
    ]
    job = upload(xlsx_bytes(rows), name="varden.xlsx")
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == {
        ("MATT-2", "A-DIV", "2026-08", "total"): D("7"),
        ("MATT-2", "A-DIV", "2026-09", "total"): D("8"),
        ("MATT-2", "A-DIV", "2026-10", "total"): D("9"),
    }


def test_a_percent_formatted_cell_is_read_as_percent(world, plans, upload):
    rows = [("MATT-1", "A-DIV", "2026-T1", "T", 0.074, ""), ("MATT-1", "A-DIV", "2026-T1", "K", 0.0815, "")]
    job = upload(xlsx_bytes(rows, formats={(0, 4): "0.0%", (1, 4): "0.00%"}), name="varden.xlsx")
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == {
        ("MATT-1", "A-DIV", "2026-T1", "total"): D("7.4"),
        ("MATT-1", "A-DIV", "2026-T1", "women"): D("8.15"),
    }


def test_a_percent_formatted_cell_for_a_count_is_an_error(world, plans, upload):
    job = upload(xlsx_bytes([("MATT-2", "A-DIV", "2026-T1", "", 0.5, "")], formats={(0, 4): "0%"}), name="varden.xlsx")
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Värde") and "procent" in message


def test_a_formula_without_a_computed_value_is_a_clear_error(world, plans, upload):
    """openpyxl writes no cached value for a formula; the import reads the cached value
    (data_only), so such a cell is empty: an error on the row, not a crash."""
    job = upload(
        xlsx_bytes([("MATT-2", "A-DIV", "2026-T1", "", "=1+1", ""), ("MATT-2", "A-DIV", "2026-T2", "", 3, "")]),
        name="varden.xlsx",
    )
    assert job.status == ImportJob.REJECTED
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Värde") and "saknas" in message


def test_headers_are_found_whatever_their_case_and_order_and_extra_columns_are_ignored(world, plans, upload):
    header = ["Anteckning", " ORGANISATION ", "värde", " mått ", "PERIOD", "Kön"]
    rows = [
        ("x", "A-DIV", "5,2", "MATT-1", "2026-T1", "T"),
        ("", "", "", "", "", ""),
        ("y", "A-DIV", "6,1", "MATT-1", "2026-T1", "K"),
    ]
    job = upload(csv_bytes(rows, header=header))
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert job.rows_read == 2  # the empty row is skipped
    assert stored(world.alfa) == {
        ("MATT-1", "A-DIV", "2026-T1", "total"): D("5.2"),
        ("MATT-1", "A-DIV", "2026-T1", "women"): D("6.1"),
    }


def test_the_sex_and_comment_columns_are_optional(world, plans, upload):
    rows = [("MATT-1", "A-DIV", "2026-T1", "5,2"), ("MATT-2", "A-DIV", "2026-T1", "3")]
    job = upload(csv_bytes(rows, header=["Mått", "Organisation", "Period", "Värde"]))
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == {
        ("MATT-1", "A-DIV", "2026-T1", "total"): D("5.2"),
        ("MATT-2", "A-DIV", "2026-T1", "total"): D("3"),
    }


def test_empty_rows_in_an_xlsx_are_skipped_and_row_numbers_are_excels(world, plans, upload):
    rows = [GOOD[0], (None,) * 6, (None,) * 6, ("MATT-1", "A-NOPE", "2026-T1", "T", 1, "")]
    job = upload(xlsx_bytes(rows), name="varden.xlsx")
    assert job.rows_read == 2
    assert [(r, c) for r, c, _m in errors_of(world, job)] == [(5, "Organisation")]


def test_a_windows_1252_csv_is_read(world, plans, upload):
    job = upload(csv_bytes([("MATT-1", "A-DIV", "2026-T1", "Män", "5,2", "Höjd")], encoding="cp1252"))
    assert job.status == ImportJob.DONE, errors_of(world, job)
    with region_scope(world.alfa):
        value = MeasureValue.objects.get()
        assert (value.sex, value.comment) == ("men", "Höjd")


def test_a_value_that_rounds_past_the_limit_is_a_row_error(world, plans, upload):
    job = upload(csv_bytes([("MATT-2", "A-DIV", "2026-T1", "", "99999999999999,99999", "")]))
    assert job.status == ImportJob.REJECTED
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Värde") and "för stort" in message


# --- 8. Files that are refused as a whole ---------------------------------------------------------

UNUSABLE_FILES = [
    ("csv-named-xlsx", "varden.xlsx", "csv", "heter .xlsx men är ingen Excel-fil"),
    ("xlsx-named-csv", "varden.csv", "xlsx", "heter .csv men är ingen textfil"),
    ("old-xls-named-xlsx", "varden.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, "gamla Excel-formatet"),
    ("xls", "varden.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, "Filtypen stöds inte"),
    ("pdf", "varden.pdf", b"%PDF-1.4", "Filtypen stöds inte"),
    ("broken-zip", "varden.xlsx", b"PK\x03\x04 not really a zip", "inte en giltig Excel-fil"),
    ("empty", "varden.csv", b"", "Filen är tom"),
    ("empty-xlsx", "varden.xlsx", b"", "ingen Excel-fil"),
    ("no-header", "varden.csv", b"\r\n;;;\r\n", "rubrikrad"),
    ("zip-bomb", "varden.xlsx", "bomb", "orimligt mycket data"),
]


def zip_bomb() -> bytes:
    """A zip named .xlsx whose one member unpacks to 60 MB of zeros (about 60 kB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def test_an_unusable_file_is_refused_with_a_clear_message(world, plans, upload, subtests, monkeypatch):
    made = {"csv": lambda: csv_bytes(GOOD), "xlsx": lambda: xlsx_bytes(GOOD), "bomb": zip_bomb}
    cases = [
        (name, filename, made[content]() if isinstance(content, str) else content, fragment)
        for name, filename, content, fragment in UNUSABLE_FILES
    ]
    for name, filename, content, fragment in cases:
        with subtests.test(name):
            job = upload(content, name=filename)
            assert job.status == ImportJob.REJECTED
            assert job.message == "Filen avvisades. Inget ändrades."
            [(row, _column, message)] = errors_of(world, job)
            assert row is None and fragment in message
            assert counts(world.alfa) == {"values": 0, "changes": 0, "economy": 0}
    with subtests.test("over-the-unpacked-limit"), monkeypatch.context() as patch:
        patch.setattr(tabular, "XLSX_MAX_UNPACKED", 1000)
        job = upload(xlsx_bytes(GOOD), name="varden.xlsx")
        assert job.status == ImportJob.REJECTED
        assert "orimligt mycket data" in errors_of(world, job)[0][2]
        assert counts(world.alfa)["values"] == 0
    with subtests.test("too-many-rows"), monkeypatch.context() as patch:
        patch.setattr(sources, "MAX_FILE_ROWS", 3)
        job = upload(csv_bytes(GOOD))
        assert job.status == ImportJob.REJECTED
        assert [m for _r, _c, m in errors_of(world, job)] == ["Filen har fler än 3 rader."]
        assert counts(world.alfa)["values"] == 0
    with subtests.test("encoding-error-halfway"):
        # The first 64 kB read as UTF-8; a Windows-1252 "ö" further down does not.
        content = (
            csv_bytes([("MATT-1", "A-DIV", "2026-T1", "T", "5,2", "x" * 70_000)])
            + b"MATT-2;A-DIV;2026-T1;;1;h\xf6g\r\n"
        )
        job = upload(content)
        assert job.status == ImportJob.REJECTED
        assert "kunde inte läsas som text" in errors_of(world, job)[0][2]
        assert counts(world.alfa)["values"] == 0


MISSING_COLUMNS = [
    (["Mått", "Organisation", "Värde"], ["Period"]),
    (["Organisation", "Period", "Kön"], ["Mått", "Värde"]),
    (["Matt", "Org", "Per", "Varde"], ["Mått", "Organisation", "Period", "Värde"]),
]


def test_a_missing_required_column_is_named(world, upload, subtests):
    for header, missing in MISSING_COLUMNS:
        with subtests.test(", ".join(missing)):
            job = upload(csv_bytes([("x",) * len(header)], header=header))
            assert job.status == ImportJob.REJECTED
            found = errors_of(world, job)
            assert [column for _row, column, _message in found] == missing
            assert all(row == 1 and "saknas i rubrikraden" in message for row, _column, message in found)


# --- 9. Tenants and scope --------------------------------------------------------------------------


def test_a_file_cannot_name_another_regions_unit(world, plans, upload):
    build_plans(world, world.beta, world.beta_units)
    before = counts(world.beta)
    job = upload(csv_bytes([("MATT-1", "B-DIV", "2026-T1", "T", "5", "")]))
    assert job.status == ImportJob.REJECTED
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (2, "Organisation") and "B-DIV" in message and "finns inte" in message
    assert counts(world.beta) == before
    with region_scope(world.beta):
        assert not ImportJob.objects.exists()


def test_each_region_imports_into_its_own_plans(world, plans, django_capture_on_commit_callbacks):
    """The same codes in beta's file resolve to beta's measure and units only."""
    beta_plans = build_plans(world, world.beta, world.beta_units)
    with region_scope(world.beta), django_capture_on_commit_callbacks(execute=True):
        job = jobs.start_upload(
            SimpleUploadedFile("b.csv", csv_bytes([("MATT-1", "B-DIV", "2026-T1", "T", "5", "")])),
            ImportJob.VALUES,
            False,
            world.users["outsider"],
        )
    with region_scope(world.beta):
        job.refresh_from_db()
        assert job.status == ImportJob.DONE
        value = MeasureValue.objects.get()
        assert (value.measure_id, value.unit_id, value.region_id) == (
            beta_plans["measure"].pk,
            world.beta_units["DIV"].pk,
            world.beta.pk,
        )
    assert counts(world.alfa)["values"] == 0


def test_a_controller_of_one_division_may_not_import_for_another(world, plans, upload):
    controller = grant(world.alfa, "controller-div@alfa.test", Role.CONTROLLER, world.units["DIV"])
    rows = [
        ("MATT-1", "A-VO1", "2026-T1", "T", "5", ""),
        ("MATT-2", "A-OTHER", "2026-T1", "", "5", ""),
        ("MATT-2", "A-ROOT", "2026-T1", "", "5", ""),
    ]
    job = upload(csv_bytes(rows), persona=controller)
    assert job.status == ImportJob.REJECTED
    found = errors_of(world, job)
    assert [(row, column) for row, column, _m in found] == [(3, "Organisation"), (4, "Organisation")]
    assert all("får inte läsa in värden" in message for _r, _c, message in found)
    job = upload(csv_bytes(rows), persona=controller, partial=True)
    assert stored(world.alfa) == {("MATT-1", "A-VO1", "2026-T1", "total"): D("5")}


def test_a_manager_without_the_plan_right_may_import_nothing(world, plans, upload):
    job = upload(csv_bytes(GOOD[:1]), persona="manager")
    assert job.status == ImportJob.REJECTED
    assert "får inte" in errors_of(world, job)[0][2]


ECONOMY_HEADER = ["Organisation", "Period", "Rad", "Budget", "Utfall", "Prognos"]


def test_a_controller_of_one_division_may_not_import_economy_for_another(world, upload):
    controller = grant(world.alfa, "controller-div@alfa.test", Role.CONTROLLER, world.units["DIV"])
    job = upload(
        csv_bytes([("A-OTHER", "2026-T1", "Personal", "100", "", "")], header=ECONOMY_HEADER),
        kind=ImportJob.ECONOMY,
        persona=controller,
    )
    assert counts(world.alfa)["economy"] == 0
    assert job.status == ImportJob.REJECTED


# --- 10. Economy and investments -----------------------------------------------------------------

ECONOMY = [
    ("A-DIV", "2026-T2", "Personal", "1 234 567", "-12 500,50", "1 300 000 kr"),
    ("A-DIV", "2026-T2", "Övriga kostnader", "", "500 kr", ""),
    ("A-VO1", "2026", "Personal", "10", "20", "30"),
]


def figures(world) -> dict:
    with region_scope(world.alfa):
        return {
            (f.kind, f.unit.code, f.period.code, f.line): (f.budget, f.outcome, f.forecast)
            for f in EconomyFigure.objects.select_related("unit", "period")
        }


def economy_audit(world) -> list:
    with region_scope(world.alfa):
        kind = ContentType.objects.get_for_model(EconomyFigure)
        return list(AuditEntry.objects.filter(content_type=kind).order_by("id").values_list("action", "changes"))


def test_an_economy_file_is_imported_and_a_second_run_changes_nothing(world, upload):
    job = upload(csv_bytes(ECONOMY, header=ECONOMY_HEADER), kind=ImportJob.ECONOMY)
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert (job.created, job.changed, job.unchanged) == (3, 0, 0)
    assert figures(world) == {
        ("operations", "A-DIV", "2026-T2", "Personal"): (D("1234567"), D("-12500.50"), D("1300000")),
        ("operations", "A-DIV", "2026-T2", "Övriga kostnader"): (None, D("500"), None),
        ("operations", "A-VO1", "2026-T3", "Personal"): (D("10"), D("20"), D("30")),
    }
    assert [action for action, _changes in economy_audit(world)] == ["create"] * 3
    again = upload(csv_bytes(ECONOMY, header=ECONOMY_HEADER), kind=ImportJob.ECONOMY)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)
    assert len(economy_audit(world)) == 3


def test_a_changed_economy_figure_reaches_the_audit_trail(world, upload):
    upload(csv_bytes(ECONOMY, header=ECONOMY_HEADER), kind=ImportJob.ECONOMY)
    changed = [ECONOMY[0], ("A-DIV", "2026-T2", "Övriga kostnader", "", "750", ""), ECONOMY[2]]
    job = upload(csv_bytes(changed, header=ECONOMY_HEADER), kind=ImportJob.ECONOMY)
    assert (job.created, job.changed, job.unchanged) == (0, 1, 2)
    action, changes = economy_audit(world)[-1]
    assert action == "update"
    assert changes == {"utfall (kr)": ["500.00", "750.00"]}
    with region_scope(world.alfa):
        entry = AuditEntry.objects.filter(action="update").order_by("-id").first()
        assert entry.actor == world.users["controller"]


BAD_ECONOMY_ROWS = [
    ("not-an-amount", ("A-DIV", "2026-T2", "Resor", "12 tusen", "", ""), "Budget", "inget belopp"),
    ("too-big", ("A-DIV", "2026-T2", "Resor", "1e13", "", ""), "Budget", "för stort"),
    ("no-amount", ("A-DIV", "2026-T2", "Resor", "", "", ""), "", "inget belopp"),
    ("no-line", ("A-DIV", "2026-T2", "", "1", "", ""), "Rad", "Rad saknas"),
    ("unknown-unit", ("A-NOPE", "2026-T2", "Resor", "1", "", ""), "Organisation", "finns inte"),
    ("not-a-period", ("A-DIV", "2026-T9", "Resor", "1", "", ""), "Period", "ingen period"),
    ("repeated-line", ("A-DIV", "2026-T2", "personal", "1", "", ""), "", "som rad 2"),
]


def test_one_bad_economy_row_rejects_the_file(world, upload, subtests):
    for name, bad, column, fragment in BAD_ECONOMY_ROWS:
        with subtests.test(name):
            job = upload(csv_bytes([*ECONOMY, bad], header=ECONOMY_HEADER), kind=ImportJob.ECONOMY)
            assert job.status == ImportJob.REJECTED
            [(row, col, message)] = errors_of(world, job)
            assert (row, col) == (5, column) and fragment in message
            assert counts(world.alfa)["economy"] == 0
            assert economy_audit(world) == []


def test_economy_with_partial_keeps_the_good_rows(world, upload):
    rows = [*ECONOMY, ("A-DIV", "2026-T2", "Resor", "tolv", "", "")]
    job = upload(csv_bytes(rows, header=ECONOMY_HEADER), kind=ImportJob.ECONOMY, partial=True)
    assert job.status == ImportJob.DONE
    assert job.created == 3 and "1 rad hoppades över" in job.message


def economy_job(world, monkeypatch, rows, partial=False) -> ImportJob:
    """An uploaded economy job that a worker has not taken yet."""
    monkeypatch.setattr(jobs, "_queue", lambda job, inline=False: None)
    with region_scope(world.alfa):
        return jobs.start_upload(
            SimpleUploadedFile("ekonomi.csv", csv_bytes(rows, header=ECONOMY_HEADER)),
            ImportJob.ECONOMY,
            partial,
            world.users["controller"],
        )


def test_an_economy_job_that_dies_before_its_commit_leaves_nothing_and_its_retry_writes_once(world, monkeypatch):
    job = economy_job(world, monkeypatch, ECONOMY)
    real_apply = economy._apply

    def apply_then_die(*args):
        real_apply(*args)
        raise RuntimeError("the worker was killed")

    monkeypatch.setattr(economy, "_apply", apply_then_die)
    with region_scope(world.alfa), pytest.raises(RuntimeError):
        jobs.execute(job)
    assert counts(world.alfa)["economy"] == 0 and economy_audit(world) == []
    monkeypatch.setattr(economy, "_apply", real_apply)
    with region_scope(world.alfa):
        jobs.execute(job)
    assert (job.status, job.created) == (ImportJob.DONE, 3)
    assert counts(world.alfa)["economy"] == 3 and len(economy_audit(world)) == 3


def test_a_retried_economy_job_lists_its_errors_once(world, monkeypatch):
    job = economy_job(world, monkeypatch, [*ECONOMY, ("A-DIV", "2026-T2", "Resor", "tolv", "", "")], partial=True)

    def die(*args):
        raise RuntimeError("the worker was killed")

    with monkeypatch.context() as patch:
        patch.setattr(economy, "_apply", die)
        with region_scope(world.alfa), pytest.raises(RuntimeError):
            jobs.execute(job)
    with region_scope(world.alfa):
        jobs.execute(job)
    assert (job.status, job.created) == (ImportJob.DONE, 3)
    assert [(row, column) for row, column, _m in errors_of(world, job)] == [(5, "Budget")]


INVESTMENT_HEADER = ["Organisation", "Period", "Typ", "Planerat", "Utfall", "Prognos"]


def test_investments_are_imported_and_a_row_without_amounts_is_an_error(world, upload):
    rows = [
        ("A-DIV", "2026-T3", "MT-utrustning", "2 000 000", "1 500 000", "1 900 000 kr"),
        ("A-DIV", "2026-T3", "IT-utrustning", "", "", ""),
    ]
    job = upload(csv_bytes(rows, header=INVESTMENT_HEADER), kind=ImportJob.INVESTMENTS)
    assert job.status == ImportJob.REJECTED
    [(row, _column, message)] = errors_of(world, job)
    assert row == 3 and "inget belopp" in message
    assert figures(world) == {}
    job = upload(xlsx_bytes(rows[:1], header=INVESTMENT_HEADER), name="inv.xlsx", kind=ImportJob.INVESTMENTS)
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert figures(world) == {
        ("investments", "A-DIV", "2026-T3", "MT-utrustning"): (D("2000000"), D("1500000"), D("1900000"))
    }


def test_investments_carry_the_outcome_decided_before_the_year(world, upload):
    """Seed 003 splits Utfall by decision year; the part decided earlier is read from its
    own column, and a part larger than the whole is refused, naming the row and column."""
    header = INVESTMENT_HEADER + ["Utfall beslut före året"]
    rows = [
        ("A-DIV", "2026-T3", "Fastigheter", "80 000 000", "23 000 000", "77 000 000", "20 000 000"),
        ("A-DIV", "2026-T3", "IT-utrustning", "20 000 000", "4 000 000", "15 000 000", "5 000 000"),
    ]
    job = upload(csv_bytes(rows, header=header), kind=ImportJob.INVESTMENTS)
    assert job.status == ImportJob.REJECTED
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (3, "Utfall beslut före året") and "Större än Utfall" in message
    assert figures(world) == {}
    job = upload(csv_bytes(rows[:1], header=header), kind=ImportJob.INVESTMENTS)
    assert job.status == ImportJob.DONE, errors_of(world, job)
    with region_scope(world.alfa):
        figure = EconomyFigure.objects.get(line="Fastigheter")
    assert (figure.outcome, figure.outcome_earlier) == (D("23000000"), D("20000000"))


def test_an_economy_file_needs_an_amount_column(world, upload):
    job = upload(
        csv_bytes([("A-DIV", "2026-T2", "Personal")], header=["Organisation", "Period", "Rad"]), kind=ImportJob.ECONOMY
    )
    assert job.status == ImportJob.REJECTED
    assert "Budget, Utfall, Prognos" in errors_of(world, job)[0][2]


def test_an_economy_file_with_a_values_header_names_the_missing_columns(world, upload):
    job = upload(csv_bytes(GOOD), kind=ImportJob.ECONOMY)
    assert job.status == ImportJob.REJECTED
    assert {column for _r, column, _m in errors_of(world, job)} == {"Rad"}


# --- 11. Commands ----------------------------------------------------------------------------------


def test_import_values_command_prints_the_summary(world, plans, tmp_path):
    path = tmp_path / "varden.csv"
    path.write_bytes(csv_bytes(GOOD))
    out, err = run_command("import_values", "--region", "alfa", str(path))
    assert "4 nya, 0 ändrade, 0 oförändrade." in out and err == ""
    assert stored(world.alfa) == GOOD_VALUES
    out, _err = run_command("import_values", "--region", "alfa", str(path))
    assert "0 nya, 0 ändrade, 4 oförändrade." in out
    with region_scope(world.alfa):
        job = ImportJob.objects.first()
        assert (job.trigger, job.started_by, job.source_name) == (ImportJob.COMMAND, None, "varden.csv")


def test_import_values_command_fails_on_a_bad_file_and_writes_nothing(world, plans, tmp_path):
    path = tmp_path / "varden.csv"
    path.write_bytes(csv_bytes([*GOOD, ("MATT-1", "A-DIV", "2026-T2", "T", "fem", "")]))
    with pytest.raises(CommandError, match="avvisades") as failure:
        run_command("import_values", "--region", "alfa", str(path))
    assert "rad 6, kolumn Värde:" in failure.value.err and "inget tal" in failure.value.err
    assert "Avvisad: 1 fel" in failure.value.out
    assert counts(world.alfa)["values"] == 0
    out, err = run_command("import_values", "--region", "alfa", "--partial", str(path))
    assert "4 nya" in out and "1 rad hoppades över" in out
    assert "rad 6, kolumn Värde:" in err
    assert stored(world.alfa) == GOOD_VALUES


def test_import_values_command_refuses_an_unusable_file(world, plans, tmp_path):
    path = tmp_path / "varden.xlsx"
    path.write_bytes(csv_bytes(GOOD))
    with pytest.raises(CommandError) as failure:
        run_command("import_values", "--region", "alfa", str(path))
    assert "ingen Excel-fil" in failure.value.err
    with pytest.raises(CommandError, match="finns inte"):
        run_command("import_values", "--region", "alfa", str(tmp_path / "saknas.csv"))
    with pytest.raises(CommandError, match="Befintliga regioner: alfa, beta"):
        run_command("import_values", "--region", "gamma", str(path))
    assert counts(world.alfa)["values"] == 0


def test_import_values_command_reads_economy_and_investments(world, tmp_path):
    path = tmp_path / "ekonomi.csv"
    path.write_bytes(csv_bytes(ECONOMY, header=ECONOMY_HEADER))
    out, _err = run_command("import_values", "--region", "alfa", "--economy", str(path))
    assert "3 nya, 0 ändrade, 0 oförändrade rader." in out
    path = tmp_path / "investeringar.xlsx"
    path.write_bytes(xlsx_bytes([("A-DIV", "2026", "Fastigheter", 5_000_000, None, None)], header=INVESTMENT_HEADER))
    out, _err = run_command("import_values", "--region", "alfa", "--investments", str(path))
    assert "1 nya" in out
    assert figures(world)[("investments", "A-DIV", "2026-T3", "Fastigheter")] == (D("5000000"), None, None)
    with pytest.raises(CommandError):
        run_command("import_values", "--region", "alfa", "--economy", "--investments", str(path))


def test_sync_source_with_an_unknown_name_lists_the_sources(world):
    with region_scope(world.alfa):
        DataSource.objects.create(name="Kolada", kind=DataSource.KOLADA, kpis="N00945", kolada_ids="0025")
        DataSource.objects.create(name="Inkorg", kind=DataSource.FOLDER, folder="ekonomi")
    with pytest.raises(CommandError, match="Datakällan 'Heroma' finns inte. Regionens datakällor: Inkorg, Kolada."):
        run_command("sync_source", "--region", "alfa", "Heroma")


@pytest.fixture
def inbox(world, settings, tmp_path):
    """The drop root, and alfa's folder source "Inkorg" reading <root>/alfa/inkommande."""
    settings.IMPORT_DROP_ROOT = tmp_path / "inkorg"
    folder = tmp_path / "inkorg" / "alfa" / "inkommande"
    folder.mkdir(parents=True)
    with region_scope(world.alfa):
        source = DataSource.objects.create(name="Inkorg", kind=DataSource.FOLDER, folder="inkommande")
    return SimpleNamespace(folder=folder, source=source)


def test_sync_source_imports_the_waiting_files_of_a_folder(world, plans, inbox):
    (inbox.folder / "varden.csv").write_bytes(csv_bytes(GOOD))
    (inbox.folder / "notering.txt").write_text("ignoreras")
    out, _err = run_command("sync_source", "--region", "alfa", "inkorg")
    assert "Inkorg: varden.csv" in out and "4 nya" in out
    assert sorted(p.name for p in inbox.folder.iterdir()) == ["notering.txt"]  # the file left the folder
    with region_scope(world.alfa):
        job = ImportJob.objects.get()
        assert (job.source_id, job.trigger, job.status) == (inbox.source.pk, ImportJob.COMMAND, ImportJob.DONE)
        assert job.file and job.file.name.endswith(".csv")
        assert set(MeasureValue.objects.values_list("origin", "job")) == {(Origin.FILE, job.pk)}
    out, _err = run_command("sync_source", "--region", "alfa", "Inkorg")
    assert "Inga filer väntar" in out


def test_sync_source_fails_on_a_bad_folder_file(world, plans, inbox):
    (inbox.folder / "a.csv").write_bytes(csv_bytes([("MATT-1", "A-NOPE", "2026-T1", "T", "1", "")]))
    with pytest.raises(CommandError, match="inte klart") as failure:
        run_command("sync_source", "--region", "alfa", "Inkorg")
    assert "avvisad" in failure.value.out
    assert counts(world.alfa)["values"] == 0
    assert list(inbox.folder.iterdir()) == []  # taken (kept with its job), not read again


def test_a_folder_source_cannot_leave_the_regions_inbox(world, plans, inbox):
    beta_folder = inbox.folder.parent.parent / "beta" / "inkommande"
    beta_folder.mkdir(parents=True)
    (beta_folder / "beta.csv").write_bytes(csv_bytes([("MATT-1", "B-DIV", "2026-T1", "T", "1", "")]))
    with region_scope(world.alfa), auditing.acting_as(world.users["admin"]):
        inbox.source.folder = "../beta/inkommande"
        inbox.source.save()
    with pytest.raises(CommandError):
        run_command("sync_source", "--region", "alfa", "Inkorg")
    with region_scope(world.alfa):
        job = ImportJob.objects.get()
        assert job.status == ImportJob.FAILED and "regionens inkorg" in job.message
    assert (beta_folder / "beta.csv").exists()


# --- 12. Data sources, the schedule and Kolada ------------------------------------------------------


def test_run_due_sources_starts_only_due_and_enabled_sources_once(world, plans, django_capture_on_commit_callbacks):
    now = timezone.now()
    past = now - datetime.timedelta(minutes=5)
    with region_scope(world.alfa):
        due = DataSource.objects.create(name="Due", kind=DataSource.KOLADA, schedule="hourly")
        later = DataSource.objects.create(name="Later", kind=DataSource.KOLADA, schedule="daily")
        off = DataSource.objects.create(name="Off", kind=DataSource.KOLADA, schedule="hourly", enabled=False)
        manual = DataSource.objects.create(name="Manual", kind=DataSource.KOLADA)
        assert later.next_run_at > now and off.next_run_at is None and manual.next_run_at is None
        DataSource.objects.filter(pk__in=[due.pk, off.pk]).update(next_run_at=past)
    with region_scope(world.beta):
        beta_later = DataSource.objects.create(name="Beta", kind=DataSource.KOLADA, schedule="hourly")
    with django_capture_on_commit_callbacks() as queued:
        assert run_due_sources(now.isoformat()) == 1
    assert len(queued) == 1  # the job goes to a worker after the commit
    with region_scope(world.alfa):
        job = ImportJob.objects.get()
        assert (job.source_id, job.trigger, job.status) == (due.pk, ImportJob.SCHEDULE, ImportJob.QUEUED)
        due.refresh_from_db()
        assert now < due.next_run_at <= now + datetime.timedelta(hours=1)
        later_run = DataSource.objects.get(pk=later.pk).next_run_at
    with django_capture_on_commit_callbacks() as queued:
        assert run_due_sources(now.isoformat()) == 0  # a second beat tick in the same minute
    assert queued == []
    with region_scope(world.alfa):
        assert ImportJob.objects.count() == 1
        assert DataSource.objects.get(pk=later.pk).next_run_at == later_run
    with region_scope(world.beta):
        assert not ImportJob.objects.exists()
        assert DataSource.objects.get(pk=beta_later.pk).next_run_at == beta_later.next_run_at


KOLADA_PAGE = {
    "values": [
        {
            "kpi": "N00945",
            "municipality": "0025",
            "period": 2026,
            "values": [{"gender": "T", "value": 4.2}, {"gender": "K", "value": None}],
        }
    ],
    "count": 1,
}


@pytest.fixture
def kolada_server(settings):
    """A local Kolada answering every request with `state.status` and `state.body`
    (on 127.0.0.1, which the operator of this test platform allows for Kolada)."""
    settings.KOLADA_ALLOWED_HOSTS = ["127.0.0.1"]
    state = SimpleNamespace(status=200, body=KOLADA_PAGE, paths=[])

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.paths.append(self.path)
            body = json.dumps(state.body).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}/v2"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_sleep(monkeypatch):
    """Kolada's retries wait through `fetch`'s `sleep` default: record instead of sleeping."""
    slept = []
    monkeypatch.setitem(kolada.fetch.__kwdefaults__, "sleep", slept.append)
    return slept


def kolada_source(world, plans, url, **fields):
    external_code(world, plans["measure"], "N00945")
    external_code(world, world.units["DIV"], "0025")
    with region_scope(world.alfa):
        return DataSource.objects.create(
            name="Kolada",
            kind=DataSource.KOLADA,
            base_url=url,
            kpis="N00945",
            kolada_ids="0025",
            years="2026",
            **fields,
        )


def run_source(world, source, trigger=ImportJob.RUN_NOW) -> ImportJob:
    with region_scope(world.alfa):
        [job] = jobs.start_source(source, trigger, inline=True)
        job.refresh_from_db()
    return job


def test_a_kolada_source_stores_its_values(world, plans, kolada_server, no_sleep):
    source = kolada_source(world, plans, kolada_server.url)
    job = run_source(world, source)
    assert job.status == ImportJob.DONE, (job.message, errors_of(world, job))
    assert kolada_server.paths == ["/v2/data/kpi/N00945/municipality/0025/year/2026?per_page=5000"]
    with region_scope(world.alfa):
        [value] = MeasureValue.objects.select_related("period")
        assert (value.value, value.sex, value.period.code, value.origin, value.job_id) == (
            D("4.2"),
            "total",
            "2026-T3",
            Origin.KOLADA,
            job.pk,
        )
    assert (job.created, job.rows_read) == (1, 1)  # Kolada's null is no value: skipped, not 0
    assert run_source(world, source).unchanged == 1
    assert no_sleep == []


def test_a_failing_source_is_marked_failed_and_the_administrators_hear_at_the_third_time(
    world, plans, kolada_server, no_sleep
):
    kolada_server.status = 500
    source = kolada_source(world, plans, kolada_server.url)
    mail.outbox.clear()
    for attempt in (1, 2, 3, 4):
        job = run_source(world, source, ImportJob.SCHEDULE)
        assert job.status == ImportJob.FAILED
        assert "Kolada svarade 500" in job.message and "efter 5 nya försök" in job.message
        with region_scope(world.alfa):
            assert DataSource.objects.get(pk=source.pk).failures_in_row == attempt
        assert len(mail.outbox) == (0 if attempt < 3 else 1)
    assert no_sleep[:5] == [1, 2, 4, 8, 16]  # the backoff, injected, never slept
    [message] = mail.outbox
    assert message.to == ["admin@alfa.test"]  # not beta's administrator
    assert "Kolada" in message.subject and "3 gånger" in message.subject
    assert "Kolada svarade 500" in message.body
    assert counts(world.alfa)["values"] == 0
    kolada_server.status = 200
    assert run_source(world, source).status == ImportJob.DONE
    with region_scope(world.alfa):
        assert DataSource.objects.get(pk=source.pk).failures_in_row == 0


def test_a_kolada_value_for_a_unit_that_does_not_follow_the_measure_rejects_the_run(
    world, plans, kolada_server, no_sleep
):
    source = kolada_source(world, plans, kolada_server.url)
    external_code(world, world.units["DIV"], "")
    external_code(world, world.units["OTHER"], "0025")
    job = run_source(world, source)
    assert job.status == ImportJob.REJECTED
    assert "följer inget mått" in errors_of(world, job)[0][2]


# --- 13. The SQL data warehouse (PostgreSQL) ----------------------------------------------------------


def test_check_query_refuses_anything_but_one_select():
    assert sources.check_query('SELECT 1 AS "Värde"') is None
    assert sources.check_query("  with x as (select 1) select * from x;  ") is None
    assert "SELECT" in sources.check_query("")
    assert "börja med SELECT" in sources.check_query("DELETE FROM utfall")
    assert "börja med SELECT" in sources.check_query("update utfall set varde = 0")
    assert "semikolon" in sources.check_query("SELECT 1; DELETE FROM utfall")


OWN_POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "regionplan", "HOST": "127.0.0.1", "PORT": "5432"}


@pytest.fixture
def own_postgres(settings, monkeypatch):
    """The app's database as PostgreSQL on 127.0.0.1; dw.example resolves to 10.1.2.3, an allowed network."""
    monkeypatch.setattr(sources, "settings", SimpleNamespace(DATABASES={"default": OWN_POSTGRES}))
    settings.WAREHOUSE_ALLOWED_HOSTS = ["127.0.0.0/8", "::1", "10.1.0.0/16"]
    real = outbound._lookup
    monkeypatch.setattr(
        outbound, "_lookup", lambda name, port: ["10.1.2.3"] if name == "dw.example" else real(name, port)
    )


def test_check_connection_url(own_postgres):
    refused = "egen databas"
    assert refused in sources.check_connection_url("postgresql://u:p@127.0.0.1:5432/regionplan")
    assert refused in sources.check_connection_url("postgres://u@localhost/regionplan")
    assert refused in sources.check_connection_url("postgresql://u@127.0.0.1/test_regionplan")
    # Another database on the app's own server: known by its address, refused before connecting.
    same_cluster = "samma PostgreSQL-kluster"
    assert same_cluster in sources.check_connection_url("postgresql://u@127.0.0.1:5432/datalager")
    assert same_cluster in sources.check_connection_url("postgresql://u@[::1]:5432/datalager")
    assert same_cluster in sources.check_connection_url("postgresql://u@dw.example/datalager?host=localhost")
    sources.settings.WAREHOUSE_ALLOW_APP_CLUSTER = True  # the operator allows it (the tests' warehouse)
    assert sources.check_connection_url("postgresql://u@127.0.0.1:5432/datalager") is None
    assert refused in sources.check_connection_url("postgresql://u@127.0.0.1:5432/regionplan")  # never its own
    assert sources.check_connection_url("postgresql://u@dw.example:5432/regionplan") is None
    assert sources.check_connection_url("postgresql://u@127.0.0.1:5433/regionplan") is None
    assert "postgresql://" in sources.check_connection_url("mysql://u@dw.example/dw")
    assert "saknar värd" in sources.check_connection_url("postgresql:///dw")


def test_check_connection_url_is_not_fooled_by_query_parameters(own_postgres):
    for url in (
        "postgresql://u@127.0.0.1:5432/datalager?dbname=regionplan",
        "postgresql://u@dw.example:5432/regionplan?host=127.0.0.1",
        "postgresql://u@dw.example/datalager?hostaddr=127.0.0.1&dbname=regionplan",
    ):
        assert "egen databas" in (sources.check_connection_url(url) or ""), url


WAREHOUSE_DB = "regionplan_test_warehouse"


@pytest.fixture
def warehouse(db, settings):
    """A separate PostgreSQL database on the same server, with a table of values. The
    operator of this test platform allows the application's own cluster."""
    settings.WAREHOUSE_ALLOW_APP_CLUSTER = True
    if connection.vendor != "postgresql":
        pytest.skip("the SQL data warehouse source needs PostgreSQL (run with DATABASE_URL=postgresql://…)")
    import psycopg

    own = connection.settings_dict
    params = {
        "host": own.get("HOST") or "localhost",
        "port": own.get("PORT") or 5432,
        "user": own.get("USER"),
        "password": own.get("PASSWORD") or None,
    }
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {WAREHOUSE_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {WAREHOUSE_DB}")
    try:
        with psycopg.connect(dbname=WAREHOUSE_DB, autocommit=True, **params) as dw:
            dw.execute("CREATE SEQUENCE raknare")
            dw.execute("CREATE TABLE utfall (matt text, org text, period date, kon text, varde numeric, notering text)")
            dw.execute(
                "INSERT INTO utfall VALUES ('MATT-1', 'A-DIV', '2026-04-30', 'K', 6.15, 'ur datalagret'), "
                "('MATT-1', 'A-DIV', '2026-04-30', 'T', 5.8, NULL), ('MATT-2', 'A-DIV', NULL, NULL, 12, NULL)"
            )
        user = params.get("user", "")
        auth = f"{user}:{params['password']}@" if params.get("password") else f"{user}@" if user else ""
        url = f"postgresql://{auth}{params['host']}:{params['port']}/{WAREHOUSE_DB}"
        yield SimpleNamespace(
            url=url,
            own_url=f"postgresql://{auth}{params['host']}:{params['port']}/{own['NAME']}",
            connect=lambda: psycopg.connect(dbname=WAREHOUSE_DB, autocommit=True, **params),
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {WAREHOUSE_DB} WITH (FORCE)")


QUERY = (
    'SELECT matt AS "Mått", org AS "Organisation", period AS "Period", kon AS "Kön", varde AS "Värde", '
    'notering AS "Kommentar" FROM utfall WHERE period IS NOT NULL'
)


def warehouse_source(world, url, query=QUERY, name="Datalager", **fields):
    with region_scope(world.alfa):
        return DataSource.objects.create(
            name=name, kind=DataSource.WAREHOUSE, connection_url=url, query=query, **fields
        )


def test_a_warehouse_source_stores_its_values(world, plans, warehouse):
    source = warehouse_source(world, warehouse.url)
    job = run_source(world, source)
    # The date 2026-04-30 is read as its month, which every region's calendar has (issue 16)...
    assert job.status == ImportJob.DONE, (job.message, errors_of(world, job))
    assert {key[2] for key in stored(world.alfa)} == {"2026-04"}
    # ...and a query may name the tertial instead.
    with region_scope(world.alfa):
        source.query = QUERY.replace('period AS "Period"', "'2026-T1' AS \"Period\"")
        source.save()
    job = run_source(world, source)
    assert job.status == ImportJob.DONE, (job.message, errors_of(world, job))
    tertial = {key: value for key, value in stored(world.alfa).items() if key[2] == "2026-T1"}
    assert tertial == {
        ("MATT-1", "A-DIV", "2026-T1", "women"): D("6.15"),
        ("MATT-1", "A-DIV", "2026-T1", "total"): D("5.8"),
    }
    with region_scope(world.alfa):
        assert set(MeasureValue.objects.values_list("origin", flat=True)) == {Origin.WAREHOUSE}
        assert MeasureValue.objects.get(sex="women", period__code="2026-T1").comment == "ur datalagret"
    assert run_source(world, source).unchanged == 2


BAD_QUERIES = [
    ("two-statements", "SELECT 1; DELETE FROM utfall", "semikolon"),
    ("not-a-select", "DELETE FROM utfall", "SELECT"),
    (
        "a-writing-cte",
        'WITH d AS (DELETE FROM utfall RETURNING *) SELECT matt AS "Mått", org AS "Organisation", '
        '\'2026\' AS "Period", varde AS "Värde" FROM d',
        "data-modifying",
    ),
    (
        "a-select-that-writes",
        "SELECT 'MATT-2' AS \"Mått\", 'A-DIV' AS \"Organisation\", '2026' AS \"Period\", "
        "nextval('raknare')::text AS \"Värde\"",
        "read-only transaction",
    ),  # the connection is read-only
    ("missing-columns", 'SELECT matt AS "Mått", org AS "Organisation" FROM utfall', "saknar kolumnerna Period, Värde"),
    ("no-such-table", "SELECT * FROM saknas", "Frågan misslyckades i datalagret"),
    (
        "error-halfway",
        'SELECT matt AS "Mått", org AS "Organisation", \'2026\' AS "Period", (1 / 0)::text AS "Värde" FROM utfall',
        "division by zero",
    ),
]


def test_a_warehouse_query_that_writes_or_fails_fails_the_job_and_writes_nothing(world, plans, warehouse, subtests):
    for name, query, fragment in BAD_QUERIES:
        with subtests.test(name):
            job = run_source(world, warehouse_source(world, warehouse.url, query=query, name=name))
            assert job.status == ImportJob.FAILED
            assert fragment in job.message
            assert counts(world.alfa)["values"] == 0
            with warehouse.connect() as dw:
                assert dw.execute("SELECT count(*) FROM utfall").fetchone()[0] == 3
                assert dw.execute("SELECT last_value, is_called FROM raknare").fetchone() == (1, False)


def test_the_apps_own_database_is_refused_as_a_warehouse(world, plans, warehouse):
    assert "egen databas" in sources.check_connection_url(warehouse.own_url)
    job = run_source(world, warehouse_source(world, warehouse.own_url, query=QUERY))
    assert job.status == ImportJob.FAILED and "egen databas" in job.message


def test_the_apps_own_database_cannot_be_reached_through_a_query_parameter(world, plans, warehouse):
    own = connection.settings_dict["NAME"]
    query = (
        "SELECT 'MATT-2' AS \"Mått\", 'A-DIV' AS \"Organisation\", '2026' AS \"Period\", "
        'count(*)::text AS "Värde" FROM django_migrations'
    )  # a table only the app's database has
    job = run_source(world, warehouse_source(world, f"{warehouse.url}?dbname={own}", query=query))
    assert counts(world.alfa)["values"] == 0
    assert job.status == ImportJob.FAILED and "egen databas" in job.message


def test_over_a_socket_the_apps_own_database_is_still_recognised_once_connected(world, plans, warehouse, settings):
    """With sockets allowed by the operator, the check before connecting cannot see where a
    socket leads; the server's own identity (cluster id and database oid) still refuses."""
    settings.OUTBOUND_ALLOW_SOCKETS = True
    own = connection.settings_dict
    user = own.get("USER") or "postgres"
    url = f"postgresql:///{own['NAME']}?host=/var/run/postgresql&user={user}"
    assert sources.check_connection_url(url) is None  # nothing to see before connecting
    query = (
        "SELECT 'MATT-2' AS \"Mått\", 'A-DIV' AS \"Organisation\", '2026' AS \"Period\", "
        'email AS "Värde" FROM regionplan_user'
    )
    job = run_source(world, warehouse_source(world, url, query=query))
    assert job.status == ImportJob.FAILED and "egen databas" in job.message, job.message
    assert errors_of(world, job) == []  # nothing of the app's tables quoted anywhere
    assert counts(world.alfa)["values"] == 0


def test_a_second_database_in_the_apps_own_cluster_is_refused_by_default(world, plans, warehouse, settings):
    settings.WAREHOUSE_ALLOW_APP_CLUSTER = False
    job = run_source(world, warehouse_source(world, warehouse.url))
    assert job.status == ImportJob.FAILED
    assert "samma PostgreSQL-kluster" in job.message


def test_a_warehouse_that_will_not_say_who_it_is_is_refused(world, plans, warehouse, monkeypatch):
    mine = sources._own_identity()
    monkeypatch.setattr(sources, "_own_identity", lambda: mine)
    monkeypatch.setattr(sources, "_IDENTITY", "SELECT * FROM pg_control_system_saknas()")  # as if revoked
    job = run_source(world, warehouse_source(world, warehouse.url))
    assert job.status == ImportJob.FAILED and "vilken databas det är" in job.message


def test_a_slow_warehouse_query_is_stopped_by_the_timeout(world, plans, warehouse):
    query = (
        "SELECT 'MATT-2' AS \"Mått\", 'A-DIV' AS \"Organisation\", '2026' AS \"Period\", "
        "pg_sleep(5)::text || '1' AS \"Värde\""
    )
    started = timezone.now()
    job = run_source(world, warehouse_source(world, warehouse.url, query=query, timeout_seconds=1))
    assert job.status == ImportJob.FAILED
    assert "statement timeout" in job.message
    assert (timezone.now() - started).total_seconds() < 4
    assert counts(world.alfa)["values"] == 0


# --- 14. Crash safety -------------------------------------------------------------------------------


def test_a_job_that_dies_before_its_commit_leaves_nothing_and_its_retry_writes_each_value_once(
    world, plans, monkeypatch
):
    with region_scope(world.alfa):
        monkeypatch.setattr(jobs, "_queue", lambda job, inline=False: None)  # a worker will take it
        job = jobs.start_upload(
            SimpleUploadedFile("varden.csv", csv_bytes(GOOD)), ImportJob.VALUES, False, world.users["controller"]
        )
    real_apply = pipeline._apply

    def apply_then_die(*args):
        real_apply(*args)  # the values are written in the transaction...
        raise RuntimeError("the worker was killed")  # ...which never commits

    monkeypatch.setattr(pipeline, "_apply", apply_then_die)
    with region_scope(world.alfa), pytest.raises(RuntimeError):
        jobs.execute(job)
    assert counts(world.alfa) == {"values": 0, "changes": 0, "economy": 0}
    with region_scope(world.alfa):
        assert ImportJob.objects.get(pk=job.pk).status == ImportJob.RUNNING  # not finished: it is delivered again
    monkeypatch.setattr(pipeline, "_apply", real_apply)
    # While its worker could still be alive (a fresh heartbeat), a second delivery leaves it alone...
    assert run_import_job.apply((job.pk,)).get() == "skipped"
    with region_scope(world.alfa):  # ...once the heartbeat has stopped, the job runs again
        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=5))
    assert run_import_job.apply((job.pk,)).get() == ImportJob.DONE
    with region_scope(world.alfa):
        job.refresh_from_db()
        assert (job.created, job.changed, job.unchanged, job.attempts) == (4, 0, 0, 2)
        assert ValueChange.objects.count() == 4
        jobs.execute(job)  # and once more: nothing new
        assert (job.created, job.unchanged) == (0, 4)
        assert ValueChange.objects.count() == 4
    assert stored(world.alfa) == GOOD_VALUES


def test_progress_is_saved_on_the_way_but_a_source_that_breaks_halfway_writes_nothing(world, plans, monkeypatch):
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 2)

    def rows():
        for number, row in enumerate(GOOD[:3], start=1):
            yield pipeline.RawValue(number, *row)
        raise sources.SourceError("Anslutningen bröts.")

    with region_scope(world.alfa):
        job = ImportJob.objects.create(source_name="test", trigger=ImportJob.COMMAND)
        with pytest.raises(sources.SourceError):
            pipeline.import_values(job, rows(), Origin.WAREHOUSE)
        assert ImportJob.objects.get(pk=job.pk).rows_read == 2
    assert counts(world.alfa)["values"] == 0


def test_a_crash_in_a_worker_marks_the_job_failed_without_a_stack_trace(world, plans, upload, monkeypatch):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "_apply", broken)
    job = upload(csv_bytes(GOOD))
    assert job.status == ImportJob.FAILED
    assert "oväntat fel" in job.message and "boom" not in job.message
    assert counts(world.alfa)["values"] == 0


def test_a_measure_removed_while_the_job_runs_refuses_the_batch(world, plans, monkeypatch):
    real_apply = pipeline._apply

    def remove_then_apply(job, origin, policy):
        PlanItem.objects.filter(pk=plans["count"].pk).delete()
        return real_apply(job, origin, policy)

    monkeypatch.setattr(pipeline, "_apply", remove_then_apply)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        job = ImportJob.objects.create(source_name="varden.csv", trigger=ImportJob.COMMAND)
        with pytest.raises(sources.SourceError, match="togs bort medan importen pågick"):
            jobs.execute(job, stream=io.BytesIO(csv_bytes(GOOD)))
        assert PlanItem.objects.filter(pk=plans["count"].pk).exists()  # the removal was rolled back with it
    assert counts(world.alfa)["values"] == 0


# --- 15. Where a value came from --------------------------------------------------------------------


def test_imported_values_show_their_job_and_a_manager_typing_over_one_makes_it_manual(world, plans, upload):
    job = upload(csv_bytes(GOOD))
    with region_scope(world.alfa):
        assert set(MeasureValue.objects.values_list("origin", "job")) == {(Origin.FILE, job.pk)}
        div, period = world.units["DIV"], Period.objects.get(code="2026-T1")
        row = services.Row(plans["measure"], div)
        row.open = True
        with auditing.acting_as(world.users["manager"]):
            services.save_report(
                row,
                period,
                {"status": "none", "values": {"total": D("5.0"), "women": D("6.1")}},
                0,
                world.users["manager"],
            )
        typed = MeasureValue.objects.get(measure=plans["measure"], unit=div, period=period, sex="total")
        untouched = MeasureValue.objects.get(measure=plans["measure"], unit=div, period=period, sex="women")
    assert (typed.value, typed.origin, typed.job_id) == (D("5.0"), Origin.MANUAL, None)
    assert (untouched.origin, untouched.job_id) == (Origin.FILE, job.pk)  # the same value: still the import's
    # The next import meets a manual value now, and the default policy keeps it.
    again = upload(csv_bytes(GOOD))
    assert (again.conflicts, again.unchanged) == (1, 3)
    assert stored(world.alfa)[("MATT-1", "A-DIV", "2026-T1", "total")] == D("5.0")
