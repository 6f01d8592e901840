"""Where imported values come from: an uploaded or dropped file, the SQL data warehouse,
and Kolada. Each yields `RawValue` rows for `followup.imports.pipeline.import_values`, streaming
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

from followup.imports import kolada
from followup.imports.pipeline import COLUMNS, RawValue, value_rows
from followup.imports.valuerules import parse_id_list, parse_years
from followup.models import DataSource
from goals.models import PlanItem
from goals.rules import Levels
from regionplan import outbound
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
# What a warehouse address may say. Anything else is refused: `service` and `options` could
# hide the target or change the session, and the file parameters (`sslkey`, `passfile`, …)
# would make the worker read files on its own disk.
_PARAMETERS = {
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "sslmode",
    "application_name",
    "connect_timeout",
}


def _own_database() -> str:
    return _("Adressen pekar på applikationens egen databas; ange datalagrets databas.")


def check_connection_url(url: str) -> str | None:
    """Why a warehouse address is refused, or None."""
    try:
        _connection_parameters(url)
    except outbound.Refused as exc:
        return str(exc)
    return None


def _connection_parameters(url: str) -> dict:
    """The parameters to connect with, read as libpq reads the address (so `?dbname=`,
    `?host=` or `?port=` cannot hide the target), with the host's checked address pinned
    in `hostaddr`. Raises `outbound.Refused`: not PostgreSQL, a parameter not in
    `_PARAMETERS`, more than one host, a Unix socket, a host the operator has not allowed
    (`WAREHOUSE_ALLOWED_HOSTS`), or the application's own database by its name.
    `_check_identity` checks again once connected, by what the server itself says."""
    from psycopg import conninfo

    try:
        scheme = urlsplit(url or "").scheme
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        scheme = ""
    if scheme not in ("postgresql", "postgres"):
        raise outbound.Refused(_("Adressen ska börja med postgresql:// (andra databaser stöds inte ännu)."))
    try:
        params = conninfo.conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - psycopg raises ProgrammingError for a malformed address
        raise outbound.Refused(_("Adressen går inte att läsa som en PostgreSQL-adress.")) from None
    unknown = sorted(set(params) - _PARAMETERS)
    if unknown:
        raise outbound.Refused(_("Adressen får inte ange %(names)s.") % {"names": ", ".join(unknown)})
    host, hostaddr = str(params.get("host") or "").strip(), str(params.get("hostaddr") or "").strip()
    if "," in host or "," in hostaddr or "," in str(params.get("port") or ""):
        raise outbound.Refused(_("Ange en enda värd."))
    target = hostaddr or host
    if not target:
        # libpq would then use the local socket (or PGHOST): the worker's own machine.
        raise outbound.Refused(_("Adressen saknar värd."))
    try:
        port = int(params.get("port") or 5432)
    except ValueError:
        raise outbound.Refused(_("Adressens port är inget tal.")) from None
    if _names_own_database(host, hostaddr, port, params.get("dbname")):
        raise outbound.Refused(_own_database())
    if hostaddr and outbound.is_socket(host):
        outbound.resolve("warehouse", host, port)  # a socket beside hostaddr is still refused
    addresses = outbound.resolve("warehouse", target, port)
    if not getattr(settings, "WAREHOUSE_ALLOW_APP_CLUSTER", False) and _is_app_server(addresses, port):
        raise outbound.Refused(_app_cluster())  # known by its address: no need to connect to tell
    if not outbound.is_socket(target):
        params["hostaddr"] = addresses[0]  # connect to what was checked
        params.setdefault("host", target)
    return params


def _app_cluster() -> str:
    return _(
        "Datalagret ligger i samma PostgreSQL-kluster som applikationens egen databas, "
        "vilket inte tillåts: ange ett datalager på en egen server."
    )


def _is_app_server(addresses: list[str], port: int) -> bool:
    """Whether the addresses and port are those of the application's own PostgreSQL server
    (loopback counts as one machine, and a socket-connected app database is on loopback)."""
    import ipaddress
    import socket

    own = settings.DATABASES["default"]
    if not own["ENGINE"].endswith("postgresql") or int(own.get("PORT") or 5432) != port:
        return False
    host = own.get("HOST") or ""
    try:
        own_addresses = (
            {"127.0.0.1"}
            if outbound.is_socket(host) or not host
            else {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
        )
    except OSError:
        return False

    def machine(address: str) -> str:
        try:
            return "loopback" if ipaddress.ip_address(address).is_loopback else address
        except ValueError:  # a socket path
            return "loopback"

    return bool({machine(a) for a in addresses} & {machine(a) for a in own_addresses})


def _names_own_database(host: str, hostaddr: str, port: int, dbname) -> bool:
    """Whether the address names the application's own PostgreSQL database outright."""
    own = settings.DATABASES["default"]
    if not own["ENGINE"].endswith("postgresql"):
        return False
    own_names = {own["NAME"], own.get("TEST", {}).get("NAME") or f"test_{own['NAME']}"}
    own_host = own.get("HOST") or "localhost"
    hosts = {h for h in (host, hostaddr) if h}
    same_host = bool(hosts & ({own_host} | (_LOCAL if own_host in _LOCAL else set())))
    return same_host and int(own.get("PORT") or 5432) == port and dbname in own_names


# The cluster's id (the same on every transport: TCP, a socket, a proxy), and the database's
# oid and name. pg_control_system() may be called by every role unless an operator revoked it.
_IDENTITY = (
    "SELECT (SELECT system_identifier FROM pg_control_system())::text, d.oid::bigint, d.datname "
    "FROM pg_database d WHERE d.datname = current_database()"
)


def _own_identity() -> tuple | None:
    """The application database's (cluster id, oid, name), or None when it is not PostgreSQL."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        return None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_IDENTITY)
        return cursor.fetchone()


def _check_identity(warehouse) -> None:
    """Refuse, once connected, a warehouse that is the application's own database or in
    the same database cluster (a login there could reach the application's data), unless
    the operator allows the cluster (`WAREHOUSE_ALLOW_APP_CLUSTER`; never the database
    itself). When the warehouse will not say who it is, it is refused too."""
    import psycopg

    mine = _own_identity()
    try:
        with warehouse.cursor() as cursor:
            cursor.execute(_IDENTITY)
            theirs = cursor.fetchone()
    except psycopg.Error as exc:
        raise SourceError(
            _(
                "Datalagret svarade inte på vilken databas det är (%(error)s), så det läses inte. "
                "Inloggningen behöver få anropa pg_control_system()."
            )
            % {"error": _first_line(exc)}
        ) from exc
    finally:
        warehouse.rollback()
    if mine is None:
        return
    if theirs is None or theirs[0] is None or mine[0] is None:
        raise SourceError(_("Datalagret svarade inte på vilken databas det är, så det läses inte."))
    if theirs[0] == mine[0]:
        if theirs[1] == mine[1]:
            raise SourceError(_own_database())
        if not getattr(settings, "WAREHOUSE_ALLOW_APP_CLUSTER", False):
            raise SourceError(_app_cluster())


def warehouse_values(source: DataSource) -> Iterator[RawValue]:
    """Run the source's SELECT on the warehouse in a read-only transaction with a
    statement timeout, and stream its rows through a server-side cursor."""
    import psycopg

    problem = check_query(source.query)
    try:
        params = _connection_parameters(source.connection_url)
    except outbound.Refused as exc:
        problem = problem or str(exc)
    if problem:
        raise SourceError(problem)
    query = source.query.strip().rstrip(";")
    options = f"-c default_transaction_read_only=on -c statement_timeout={int(source.timeout_seconds) * 1000}"
    try:
        connection = psycopg.connect(**{"connect_timeout": 15, **params, "options": options}, autocommit=False)
    except psycopg.Error as exc:
        raise SourceError(_("Kunde inte ansluta till datalagret: %(error)s") % {"error": _first_line(exc)}) from exc
    try:
        _check_identity(connection)
        with connection.cursor(name="regionplan_import") as cursor:
            cursor.itersize = 5000
            try:
                cursor.execute(query)
                names = [c.name for c in cursor.description or []]
            except psycopg.Error as exc:
                raise SourceError(
                    _("Frågan misslyckades i datalagret: %(error)s") % {"error": _first_line(exc)}
                ) from exc
            columns, errors = match_columns(names, COLUMNS)
            if errors:
                raise SourceError(
                    _("Frågan saknar kolumnerna %(names)s.") % {"names": ", ".join(e.column for e in errors)}
                )
            positions = {name: names.index(actual) for name, actual in columns.items()}
            try:
                for number, record in enumerate(cursor, start=1):
                    yield RawValue(
                        number,
                        *(
                            _text(record, positions.get(name))
                            for name in ("Mått", "Organisation", "Period", "Kön", "Värde", "Kommentar")
                        ),
                    )
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
    split = {
        code.strip().lower()
        for code in PlanItem.objects.filter(level=Levels.MEASURE, split_by_sex=True)
        .exclude(external_code="")
        .values_list("external_code", flat=True)
    }
    options = {"sleep": sleep} if sleep else {}
    number = 0
    try:
        for value in kolada.fetch(source.base_url, kpis, ids, years, **options):
            if value.value is None:
                continue
            if value.gender != "T" and value.kpi.lower() not in split:
                continue
            number += 1
            yield RawValue(number, value.kpi, value.area, str(value.year), value.gender, format(value.value, "f"))
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
