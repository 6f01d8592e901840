"""Where imported values come from: an uploaded or dropped file, the SQL data warehouse,
and Kolada. Each yields `RawValue` rows for `followup.pipeline.import_values`, streaming
(a file is read row by row, a query through a server-side cursor, Kolada page by page).

`SourceError` is a failure of the source as a whole (cannot connect, bad query, Kolada
down after its retries); its text is the Swedish message the administrator reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from followup import kolada
from followup.models import DataSource
from followup.pipeline import COLUMNS, RawValue, value_rows
from followup.valuerules import parse_id_list, parse_years
from goals.models import PlanItem
from goals.rules import Levels
from regionplan.tabular import RowError, TableError, match_columns, read_table

MAX_FILE_ROWS = 2_000_000


class SourceError(Exception):
    """The source could not be read at all; nothing was imported."""


class FileRejected(SourceError):
    """The file as a whole is unusable (format, header): the errors say where."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def file_values(stream, filename: str, columns_wanted: dict[str, bool] = COLUMNS) -> Iterator[RawValue]:
    """The rows of an xlsx/csv file of values. Raises FileRejected for a file that cannot be
    read or lacks a required column (before any row is yielded)."""
    try:
        header, rows = read_table(stream, filename, max_rows=MAX_FILE_ROWS)
    except TableError as exc:
        raise FileRejected([RowError(None, None, str(exc))]) from exc
    columns, errors = match_columns(header, columns_wanted)
    if errors:
        raise FileRejected(errors)
    return _guarded(value_rows(rows, columns))


def _guarded(rows):
    try:
        yield from rows
    except TableError as exc:  # e.g. too many rows, or an encoding error halfway
        raise FileRejected([RowError(None, None, str(exc))]) from exc


# --- The SQL data warehouse -------------------------------------------------------------

_READ_ONLY_START = re.compile(r"^\s*(select|with)\b", re.IGNORECASE)


def check_query(query: str) -> str | None:
    """Why a warehouse query is refused, or None: one SELECT (or WITH … SELECT) statement.
    The connection is read-only as well; this only catches mistakes early."""
    text = (query or "").strip().rstrip(";").strip()
    if not text:
        return _("Skriv en SELECT-fråga.")
    if not _READ_ONLY_START.match(text):
        return _("Frågan ska börja med SELECT (eller WITH).")
    if ";" in text:
        return _("Skriv en enda fråga, utan semikolon mitt i.")
    return None


_LOCAL = {"", "localhost", "127.0.0.1", "::1"}


def check_connection_url(url: str) -> str | None:
    """Why a warehouse address is refused, or None. Only PostgreSQL, and never the
    application's own database: that would let one region read another's data. The
    address is read as libpq reads it, so `?dbname=`/`?host=`/`?port=` cannot hide the
    target; `warehouse_values` checks again once connected (`_is_own_database`)."""
    from psycopg import conninfo

    if urlsplit(url or "").scheme not in ("postgresql", "postgres"):
        return _("Adressen ska börja med postgresql:// (andra databaser stöds inte ännu).")
    try:
        params = conninfo.conninfo_to_dict(url)
    except Exception:  # psycopg raises ProgrammingError for a malformed address
        return _("Adressen går inte att läsa som en PostgreSQL-adress.")
    hosts = {h.strip() for key in ("host", "hostaddr") for h in str(params.get(key) or "").split(",")} - {""}
    if not hosts:
        return _("Adressen saknar värd.")
    own = settings.DATABASES["default"]
    if own["ENGINE"].endswith("postgresql"):
        own_names = {own["NAME"], own.get("TEST", {}).get("NAME") or f"test_{own['NAME']}"}
        own_host = own.get("HOST") or "localhost"
        ports = {int(p or 5432) for p in str(params.get("port") or "").split(",")} or {5432}
        same_host = bool(hosts & ({own_host} | (_LOCAL if own_host in _LOCAL else set())))
        if same_host and int(own.get("PORT") or 5432) in ports and params.get("dbname") in own_names:
            return _("Adressen pekar på applikationens egen databas; ange datalagrets databas.")
    return None


def _identity(cursor, savepoint) -> tuple:
    """What tells two PostgreSQL databases apart: the cluster's id (when readable), the
    server's port and the database's name. `savepoint()` keeps a refused query from
    spoiling the surrounding transaction."""
    cursor.execute("SELECT current_database(), inet_server_port()")
    name, port = cursor.fetchone()
    try:
        with savepoint():
            cursor.execute("SELECT system_identifier FROM pg_control_system()")
            cluster = cursor.fetchone()[0]
    except Exception:  # not granted to this login: name and port must do
        cluster = None
    return name, port, cluster


def _is_own_database(warehouse) -> bool:
    """Whether a warehouse connection reached the application's own database after all."""
    from django.db import connection as own

    if own.vendor != "postgresql":
        return False
    from django.db import transaction

    with own.cursor() as cursor:
        mine = _identity(cursor, transaction.atomic)
    with warehouse.cursor() as cursor:
        theirs = _identity(cursor, warehouse.transaction)
    warehouse.rollback()
    same_cluster = mine[2] is None or theirs[2] is None or mine[2] == theirs[2]
    return mine[0] == theirs[0] and mine[1] == theirs[1] and same_cluster


def warehouse_values(source: DataSource) -> Iterator[RawValue]:
    """Run the source's SELECT on the warehouse in a read-only transaction with a
    statement timeout, and stream its rows through a server-side cursor."""
    import psycopg

    for problem in (check_connection_url(source.connection_url), check_query(source.query)):
        if problem:
            raise SourceError(problem)
    query = source.query.strip().rstrip(";")
    options = f"-c default_transaction_read_only=on -c statement_timeout={int(source.timeout_seconds) * 1000}"
    try:
        connection = psycopg.connect(source.connection_url, options=options, connect_timeout=15, autocommit=False)
    except psycopg.Error as exc:
        raise SourceError(_("Kunde inte ansluta till datalagret: %(error)s") % {"error": _first_line(exc)}) from exc
    try:
        if _is_own_database(connection):
            raise SourceError(_("Adressen pekar på applikationens egen databas; ange datalagrets databas."))
        with connection.cursor(name="regionplan_import") as cursor:
            cursor.itersize = 5000
            try:
                cursor.execute(query)
                names = [c.name for c in cursor.description or []]
            except psycopg.Error as exc:
                raise SourceError(_("Frågan misslyckades i datalagret: %(error)s") % {"error": _first_line(exc)}) from exc
            columns, errors = match_columns(names, COLUMNS)
            if errors:
                raise SourceError(_("Frågan saknar kolumnerna %(names)s.") % {"names": ", ".join(e.column for e in errors)})
            positions = {name: names.index(actual) for name, actual in columns.items()}
            try:
                for number, record in enumerate(cursor, start=1):
                    yield RawValue(number, *(_text(record, positions.get(name)) for name in
                                             ("Mått", "Organisation", "Period", "Kön", "Värde", "Kommentar")))
            except psycopg.Error as exc:
                raise SourceError(_("Frågan avbröts i datalagret: %(error)s") % {"error": _first_line(exc)}) from exc
    finally:
        connection.close()


def _text(record, position) -> str:
    if position is None:
        return ""
    value = record[position]
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


# --- Kolada ------------------------------------------------------------------------------

def kolada_values(source: DataSource, sleep=None) -> Iterator[RawValue]:
    """Kolada's values for the source's KPIs, ids and years, as rows naming the measure and
    the unit by their external codes. Kolada's null is "no value" and is skipped; values
    by sex are taken only for measures followed by sex."""
    kpis, ids = parse_id_list(source.kpis), parse_id_list(source.kolada_ids)
    years, problem = parse_years(source.years, timezone.localdate().year)
    if problem:
        raise SourceError(problem)
    if not kpis or not ids:
        raise SourceError(_("Ange minst ett KPI-id och ett kommun-, region- eller enhets-id."))
    split = {code.strip().lower() for code in PlanItem.objects.filter(level=Levels.MEASURE, split_by_sex=True)
             .exclude(external_code="").values_list("external_code", flat=True)}
    options = {"sleep": sleep} if sleep else {}
    number = 0
    try:
        for value in kolada.fetch(source.base_url, kpis, ids, years, **options):
            if value.value is None:
                continue
            if value.gender != "T" and value.kpi.lower() not in split:
                continue
            number += 1
            yield RawValue(number, value.kpi, value.area, str(value.year), value.gender,
                           format(value.value, "f"))
    except kolada.KoladaError as exc:
        raise SourceError(str(exc)) from exc


# --- The drop folder ---------------------------------------------------------------------

def drop_folder(source: DataSource) -> Path:
    """The source's folder, always inside the region's own inbox under IMPORT_DROP_ROOT:
    an administrator cannot point a source at another region's files or the server's."""
    root = (Path(settings.IMPORT_DROP_ROOT) / source.region.slug).resolve()
    folder = (root / (source.folder or "").strip().strip("/")).resolve()
    if folder != root and root not in folder.parents:
        raise SourceError(_("Mappen måste ligga i regionens inkorg."))
    return folder


def waiting_files(source: DataSource) -> list[Path]:
    """Files waiting in the folder (xlsx/csv), oldest first; processed ones are moved away."""
    folder = drop_folder(source)
    if not folder.is_dir():
        raise SourceError(_("Mappen %(folder)s finns inte på servern.") % {"folder": source.folder or "/"})
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".xlsx", ".csv")]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))
