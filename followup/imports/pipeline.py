"""Loading measure values in bulk, from any source, safely.

Every source (a file, the SQL data warehouse, Kolada, the drop folder) yields `RawValue`
rows of text. `import_values` resolves each row's codes to ids with dictionaries loaded
once (`Resolver`), checks it with the rules in `followup/imports/valuerules.py`, and streams the
good rows into a temporary staging table (PostgreSQL's COPY; executemany on SQLite).
Nothing is written to the real tables until the end, and then in one transaction:

- a row that repeats another row's measure × unit × period × sex is an error;
- each staged row is compared with the stored value: new, changed, unchanged, or a
  conflict with a manual value (the region's policy decides who wins);
- `ValueChange` records what changed (old → new), then the values are updated and
  inserted in two statements.

So a rejected file or a failed source leaves nothing behind; a worker killed mid-job
loses only its temporary table, and the retried job writes each value once (the
comparison makes a second run report "0 ändrade"). Progress is saved on the job row
every few thousand rows, outside the final transaction, for the page that polls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup.imports.valuerules import (
    IMPORT_WINS,
    is_percent_unit,
    parse_value,
    period_code,
    sex_code,
)
from followup.models import (
    FollowupSettings,
    ImportJob,
    ImportJobError,
    MeasureValue,
    Origin,
    ValueChange,
)
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from regionplan.models import OrgUnit, Period
from regionplan.tabular import RowError

# The standard columns (file header or SQL column names), required or not.
COLUMNS = {"Mått": True, "Organisation": True, "Period": True, "Kön": False, "Värde": True, "Kommentar": False}
PROGRESS_EVERY = 10_000
MAX_STORED_ERRORS = 5_000
MEMO_LIMIT = 200_000
STAGING = "import_staging"


@dataclass(slots=True)
class RawValue:
    """One incoming value as text, before anything is looked up. `row` is what the error
    report names: the file's row number, or the source's record number."""

    row: int
    measure: str
    unit: str
    period: str
    sex: str
    value: str
    comment: str = ""


@dataclass(slots=True)
class _Measure:
    pk: int
    code: str
    percent: bool
    split: bool


class Lookup:
    """Unit and period codes to ids for one region, loaded in two queries: units by code or
    external code, periods by code (a bare year is the region's full-year period)."""

    def __init__(self, allowed_units: set[int] | None = None):
        self.allowed_units = allowed_units
        self.units: dict[str, int] = {}
        self.unit_external: dict[str, list[int]] = {}
        for pk, code, ext in OrgUnit.objects.values_list("pk", "code", "external_code"):
            self.units[code.strip().lower()] = pk
            if ext.strip():
                self.unit_external.setdefault(ext.strip().lower(), []).append(pk)
        self.periods: dict[tuple[str, int, int], int] = {}
        full_year: dict[int, tuple[int, str]] = {}
        for pk, kind, number, start, end in Period.objects.values_list("pk", "kind", "number", "start", "end"):
            self.periods[(kind, start.year, number)] = pk
            if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
                # Tertial 3 and the year kind both cover the year; the year kind is the plainer name.
                if kind == "year" or start.year not in full_year:
                    full_year[start.year] = (pk, kind)
        for year, (pk, _kind) in full_year.items():
            self.periods[("year", year, 1)] = pk

    def period(self, text: str, fail) -> tuple[int | None, int | None]:
        """(period id, year) of a period cell; errors go to `fail(column, message)`."""
        parsed = period_code(text)
        if parsed is None:
            fail(
                "Period",
                _("”%(text)s” är ingen period (skriv t.ex. 2022-08, 2022-T2 eller 2022).") % {"text": text[:40]}
                if text.strip()
                else _("Period saknas."),
            )
            return None, None
        period_id = self.periods.get(parsed)
        if period_id is None:
            fail("Period", _("Perioden %(text)s finns inte i regionens kalender.") % {"text": text.strip()[:40]})
            return None, None
        return period_id, parsed[1]

    def unit(self, code: str, fail) -> int | None:
        """The unit named by its code or external code."""
        code = code.strip()
        if not code:
            fail("Organisation", _("Organisation saknas."))
            return None
        unit_id = self.units.get(code.lower())
        matches = [unit_id] if unit_id is not None else self.unit_external.get(code.lower(), [])
        if len(matches) == 1:
            if self.allowed_units is not None and matches[0] not in self.allowed_units:
                fail("Organisation", _("Du får inte läsa in värden för enheten %(code)s.") % {"code": code[:40]})
                return None
            return matches[0]
        if matches:
            fail("Organisation", _("Den externa koden %(code)s används av flera enheter.") % {"code": code[:40]})
        else:
            fail(
                "Organisation",
                _("Enheten %(code)s finns inte (varken som kod eller extern kod).") % {"code": code[:40]},
            )
        return None


class Resolver(Lookup):
    """Everything a value row names, to ids, loaded in a handful of queries and then plain
    lookups: besides units and periods, measures by code or external code within the
    period's year, and which units follow which measure (the owner and the adopters)."""

    def __init__(self, allowed_units: set[int] | None = None):
        super().__init__(allowed_units)
        self._memos: dict[str, dict] = {}
        self.measures: dict[tuple[str, int], _Measure] = {}
        self.external: dict[tuple[str, int], list[_Measure]] = {}
        for pk, code, ext, year, unit, split in PlanItem.objects.filter(level=Levels.MEASURE).values_list(
            "pk", "code", "external_code", "year", "measure_unit", "split_by_sex"
        ):
            measure = _Measure(pk, code, is_percent_unit(unit), split)
            self.measures[(code.strip().lower(), year)] = measure
            if ext.strip():
                self.external.setdefault((ext.strip().lower(), year), []).append(measure)
        self.followers: set[tuple[int, int]] = set(
            PlanItem.objects.filter(level=Levels.MEASURE).values_list("pk", "plan__unit_id")
        )
        self.followers.update(MeasureAdoption.objects.values_list("measure_id", "unit_id"))

    def resolve(self, raw: RawValue) -> tuple[tuple | None, list[RowError]]:
        """The row as (row, measure id, unit id, period id, sex, value, comment), or its errors.
        The codes of a big file repeat: each distinct period, unit and measure-for-a-unit
        is looked up once and remembered (`_memo`), with its errors if any."""
        problems: list[tuple[str, str]] = []
        period_id, year = self._memo("p", raw.period, lambda fail: self.period(raw.period, fail), problems)
        unit_id = self._memo("u", raw.unit, lambda fail: self.unit(raw.unit, fail), problems)
        sex = sex_code(raw.sex)
        if sex is None:
            problems.append(("Kön", _("”%(text)s” är inget kön (K, M, T eller tomt).") % {"text": raw.sex[:20]}))
        measure = None
        if year is not None and unit_id is not None:
            measure = self._memo(
                "m",
                (raw.measure, year, unit_id),
                lambda fail: self._measure(raw.measure.strip(), year, unit_id, fail),
                problems,
            )
        if measure is not None and sex in (MeasureValue.WOMEN, MeasureValue.MEN) and not measure.split:
            problems.append(("Kön", _("Måttet %(code)s redovisas inte per kön.") % {"code": measure.code}))
        # Without a known measure the value is still checked (a percent sign then passes).
        value, problem = parse_value(raw.value, measure.percent if measure is not None else True)
        if problem:
            problems.append(("Värde", problem))
        if problems:
            return None, [RowError(raw.row, column, message) for column, message in problems]
        return (raw.row, measure.pk, unit_id, period_id, sex, value, raw.comment.strip()), []

    def _memo(self, kind: str, key, compute, problems: list):
        """compute(fail) once per distinct key (up to MEMO_LIMIT keys, so a file of a
        million different bad codes cannot fill the memory), then the remembered answer."""
        cache = self._memos.setdefault(kind, {})
        hit = cache.get(key)
        if hit is None:
            found: list[tuple[str, str]] = []
            hit = (compute(lambda column, message: found.append((column, message))), tuple(found))
            if len(cache) < MEMO_LIMIT:
                cache[key] = hit
        problems.extend(hit[1])
        return hit[0]

    def _measure(self, code: str, year: int, unit_id: int, fail) -> _Measure | None:
        if not code:
            fail("Mått", _("Mått saknas."))
            return None
        measure = self.measures.get((code.lower(), year))
        if measure is not None:
            if (measure.pk, unit_id) not in self.followers:
                fail(
                    "Mått",
                    _("Enheten följer inte måttet %(code)s (%(year)s): det är varken dess eget eller antaget.")
                    % {"code": measure.code, "year": year},
                )
                return None
            return measure
        candidates = self.external.get((code.lower(), year), [])
        if not candidates:
            fail(
                "Mått",
                _("Måttet %(code)s finns inte i planerna för %(year)s (varken som kod eller extern kod).")
                % {"code": code[:40], "year": year},
            )
            return None
        followed = [m for m in candidates if (m.pk, unit_id) in self.followers]
        if len(followed) == 1:
            return followed[0]
        if followed:
            fail(
                "Mått",
                _("Den externa koden %(code)s passar flera mått som enheten följer: %(codes)s.")
                % {"code": code[:40], "codes": ", ".join(m.code for m in followed)},
            )
        else:
            fail(
                "Mått",
                _("Enheten följer inget mått med extern kod %(code)s under %(year)s.")
                % {"code": code[:40], "year": year},
            )
        return None


class _Staging:
    """The temporary table the good rows go into, in batches: COPY on PostgreSQL,
    executemany elsewhere. It lives in this database session only."""

    COLUMNS = ("rowno", "measure_id", "unit_id", "period_id", "sex", "value", "comment")

    def __init__(self):
        self.batch: list[tuple] = []
        self.postgres = connection.vendor == "postgresql"

    def __enter__(self):
        with connection.cursor() as cursor:
            if self.postgres:
                # A temporary table lives in the session's own buffers (8 MB by default); a
                # million staged rows need ~100 MB, or every pass goes to disk. Allowed only
                # before the session's first temporary table, hence the savepoint.
                try:
                    with transaction.atomic():
                        cursor.execute("SET temp_buffers = '256MB'")
                except DatabaseError:
                    pass
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGING} (rowno integer NOT NULL, measure_id bigint NOT NULL, "
                "unit_id bigint NOT NULL, period_id bigint NOT NULL, sex varchar(6) NOT NULL, "
                "value numeric(18, 4) NOT NULL, comment text NOT NULL, action char(1) NOT NULL DEFAULT 'c', "
                "existing_id bigint, old_value numeric(18, 4))"
            )
        return self

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")

    def add(self, row: tuple) -> None:
        self.batch.append(row)

    def flush(self) -> None:
        if not self.batch:
            return
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {STAGING} ({', '.join(self.COLUMNS)}) FROM STDIN") as copy:
                    for row in self.batch:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    f"INSERT INTO {STAGING} ({', '.join(self.COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [(*r[:5], str(r[5]), r[6]) for r in self.batch],
                )
        self.batch = []


class _Errors:
    """Counts every error and keeps the first `MAX_STORED_ERRORS` for the report."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.kept: list[RowError] = []
        self.count = 0
        self.rows: set[int] = set()

    def add(self, errors: list[RowError]) -> None:
        self.count += len(errors)
        for error in errors:
            if error.row is not None:
                self.rows.add(error.row)
        room = MAX_STORED_ERRORS - len(self.kept)
        if room > 0:
            self.kept.extend(errors[:room])

    def save(self) -> None:
        ImportJobError.objects.filter(job=self.job).delete()
        ImportJobError.objects.bulk_create(
            [ImportJobError(job=self.job, row=e.row, column=e.column or "", message=e.message) for e in self.kept],
            batch_size=1000,
        )


def save_progress(job: ImportJob, **fields) -> None:
    """Write the counters on the job row now, so the polling page sees them (they are
    bookkeeping columns, outside the audit trail)."""
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def import_values(
    job: ImportJob, rows: Iterable[RawValue], origin: str, allowed_units: set[int] | None = None
) -> ImportJob:
    """Run a values import for `job` (already saved, inside its region's scope): stage,
    check, and — if clean, or if the job keeps the good rows — apply in one transaction.
    Sets the job's counts and status; returns it. `allowed_units` limits the units a
    person's file may name (None: all)."""
    resolver = Resolver(allowed_units)
    errors = _Errors(job)
    read = rejected = 0
    with _Staging() as staging:
        for raw in rows:
            read += 1
            resolved, problems = resolver.resolve(raw)
            if problems:
                errors.add(problems)
                rejected += 1
            else:
                staging.add(resolved)
            if read % PROGRESS_EVERY == 0:
                staging.flush()
                save_progress(job, rows_read=read, rows_rejected=rejected)
        staging.flush()
        rejected += _duplicates(errors, delete=job.partial)
        save_progress(job, rows_read=read, rows_rejected=rejected, rows_accepted=read - rejected)
        if errors.count and not job.partial:
            errors.save()
            finish(job, ImportJob.REJECTED, rejected_message(errors.count, rejected))
            return job
        if read == 0:
            finish(job, ImportJob.DONE, _("Inga rader att läsa in."))
            return job
        policy = FollowupSettings.current().import_policy
        with transaction.atomic():
            counts = _apply(job, origin, policy)
            errors.save()
            job.created, job.changed, job.unchanged, job.conflicts = counts
            finish(job, ImportJob.DONE, _summary(job, errors.count))
    return job


def _summary(job: ImportJob, error_count: int) -> str:
    text = _("%(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade.") % {
        "created": job.created,
        "changed": job.changed,
        "unchanged": job.unchanged,
    }
    if job.conflicts:
        text += " " + _("%(n)s manuellt inmatade värden behölls.") % {"n": job.conflicts}
    if error_count:
        text += " " + skipped_message(job.rows_rejected)
    return text


def rejected_message(errors: int, rows: int) -> str:
    """The outcome of a rejected file, shared by every import."""
    return ngettext(
        "Avvisad: %(n)s fel på %(rows)s rad. Inget ändrades.",
        "Avvisad: %(n)s fel på %(rows)s rader. Inget ändrades.",
        rows,
    ) % {"n": errors, "rows": rows}


def skipped_message(rows: int) -> str:
    """What a job that kept the good rows left out."""
    return ngettext("%(n)s rad hoppades över på grund av fel.", "%(n)s rader hoppades över på grund av fel.", rows) % {
        "n": rows
    }


def finish(job: ImportJob, status: str, message: str) -> None:
    """Close the job with its outcome (saved, so the audit trail has it)."""
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.save()


def _duplicates(errors: _Errors, delete: bool) -> int:
    """Rows that repeat an earlier row's measure × unit × period × sex are errors; when
    keeping the good rows, the first one stays. Returns how many rows were refused."""
    key = "measure_id, unit_id, period_id, sex"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.rowno, d.first FROM {STAGING} s JOIN (SELECT {key}, MIN(rowno) AS first FROM {STAGING} "
            f"GROUP BY {key} HAVING COUNT(*) > 1) d ON s.measure_id = d.measure_id AND s.unit_id = d.unit_id "
            "AND s.period_id = d.period_id AND s.sex = d.sex WHERE s.rowno > d.first ORDER BY s.rowno"
        )
        repeated = cursor.fetchall()
        for row, first in repeated:
            errors.add(
                [
                    RowError(
                        row, None, _("Samma mått, organisation, period och kön som rad %(first)s.") % {"first": first}
                    )
                ]
            )
        if repeated and delete:
            cursor.execute(
                f"DELETE FROM {STAGING} WHERE rowno IN (SELECT s.rowno FROM {STAGING} s JOIN {STAGING} t "
                "ON s.measure_id = t.measure_id AND s.unit_id = t.unit_id AND s.period_id = t.period_id "
                "AND s.sex = t.sex AND t.rowno < s.rowno)"
            )
    return len(repeated)


def _apply(job: ImportJob, origin: str, policy: str) -> tuple[int, int, int, int]:
    """Compare the staged rows with the stored values, log and write the differences.
    Returns (created, changed, unchanged, conflicts)."""
    values, changes = MeasureValue._meta.db_table, ValueChange._meta.db_table
    region_id, now = job.region_id, timezone.now()
    manual_wins = policy != IMPORT_WINS
    with connection.cursor() as cursor:
        _lock_parents(cursor)
        # Staged rows default to 'c' (create). Those with a stored value become
        # 'u' (update), 's' (same: nothing to do) or 'k' (conflict with a manual value).
        cursor.execute(
            f"UPDATE {STAGING} SET existing_id = v.id, old_value = v.value, action = CASE "
            f"WHEN v.value = {STAGING}.value AND (v.comment = {STAGING}.comment OR v.origin = %s) THEN 's' "
            f"WHEN v.origin = %s AND %s THEN CASE WHEN v.value = {STAGING}.value THEN 's' ELSE 'k' END "
            "ELSE 'u' END "
            f"FROM {values} v WHERE v.region_id = %s AND v.measure_id = {STAGING}.measure_id "
            f"AND v.unit_id = {STAGING}.unit_id AND v.period_id = {STAGING}.period_id AND v.sex = {STAGING}.sex",
            [Origin.MANUAL, Origin.MANUAL, manual_wins, region_id],
        )
        cursor.execute(
            f"INSERT INTO {changes} (region_id, job_id, measure_id, unit_id, period_id, sex, kind, old_value, new_value) "
            f"SELECT %s, %s, measure_id, unit_id, period_id, sex, CASE action WHEN 'c' THEN %s WHEN 'u' THEN %s "
            f"ELSE %s END, old_value, value FROM {STAGING} WHERE action IN ('c', 'u', 'k')",
            [region_id, job.pk, ValueChange.CREATED, ValueChange.CHANGED, ValueChange.CONFLICT],
        )
        cursor.execute(
            f"UPDATE {values} SET value = s.value, comment = s.comment, origin = %s, job_id = %s, updated_at = %s "
            f"FROM {STAGING} s WHERE s.action = 'u' AND {values}.id = s.existing_id",
            [origin, job.pk, now],
        )
        cursor.execute(
            f"INSERT INTO {values} (region_id, measure_id, unit_id, period_id, sex, value, comment, origin, job_id, updated_at) "
            f"SELECT %s, measure_id, unit_id, period_id, sex, value, comment, %s, %s, %s FROM {STAGING} WHERE action = 'c'",
            [region_id, origin, job.pk, now],
        )
        cursor.execute(f"SELECT action, COUNT(*) FROM {STAGING} GROUP BY action")
        counts = dict(cursor.fetchall())
    return counts.get("c", 0), counts.get("u", 0), counts.get("s", 0), counts.get("k", 0)


class ParentsChanged(Exception):
    """A measure, unit or period the rows name was removed while the job ran."""


def _lock_parents(cursor) -> None:
    """Stand in for per-row foreign-key triggers (see MeasureValue): lock the measures,
    units and periods the staged rows name, once each, until the commit (so none can be
    removed under the import), and refuse the batch if one is already gone."""
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    for model, column in ((PlanItem, "measure_id"), (OrgUnit, "unit_id"), (Period, "period_id")):
        table = model._meta.db_table
        cursor.execute(f"SELECT id FROM {table} WHERE id IN (SELECT DISTINCT {column} FROM {STAGING}){lock}")
        found = len(cursor.fetchall())
        cursor.execute(f"SELECT COUNT(DISTINCT {column}) FROM {STAGING}")
        if cursor.fetchone()[0] != found:
            raise ParentsChanged(table)


def value_rows(rows: Iterable[tuple[int, dict]], columns: dict[str, str]) -> Iterable[RawValue]:
    """File or query rows ({column: text}) as `RawValue`s, through the matched column names."""
    measure, unit, period, value = columns["Mått"], columns["Organisation"], columns["Period"], columns["Värde"]
    sex, comment = columns.get("Kön"), columns.get("Kommentar")
    for number, cells in rows:
        yield RawValue(
            number,
            cells.get(measure, ""),
            cells.get(unit, ""),
            cells.get(period, ""),
            cells.get(sex, "") if sex else "",
            cells.get(value, ""),
            cells.get(comment, "") if comment else "",
        )
