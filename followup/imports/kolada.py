"""A client for Kolada, the open database of Swedish municipal and regional KPIs (API v2,
as documented in Hypergene/kolada's README).

`fetch` yields every value for some KPIs × areas × years as `KoladaValue`s:

- an area id of exactly four digits (a municipality or a region, e.g. ``0025`` for
  Norrbotten) is read from ``/data/kpi/…/municipality/…/year/…``; any other id is an
  organisational unit (e.g. ``V15E018000301``) and is read from ``/oudata/kpi/…/ou/…``;
- at most 25 KPI ids and 25 area ids go in one request, all years at once, with
  Kolada's largest page size; every page is followed through ``next_page``;
- 429, 5xx, timeouts and broken connections are retried with exponential backoff (or
  after the server's ``Retry-After``); anything else that goes wrong raises `KoladaError`
  with a Swedish message for the administrator.

It is a generator, page by page, so memory stays flat however much is read. An error
can therefore come after some values have been yielded: the caller must treat a
`KoladaError` as "the whole read failed" (the import pipeline does, since it writes
nothing until the end).

Only the standard library is used, so a worker needs nothing more to reach Kolada; every
connection goes through `regionplan.outbound` (allowed hosts only, checked address pinned).
"""

from __future__ import annotations

import datetime
import email.utils
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from http.client import HTTPException

from django.utils.translation import gettext as _

from regionplan import outbound

PER_PAGE = 5000  # Kolada's largest page size: fewest requests
BATCH = 25  # ids of one kind per request, so that the URL stays well within limits
BACKOFF_CAP = 60  # seconds
RETRY_AFTER_CAP = 300  # seconds; a server asking for longer is not waited for longer
USER_AGENT = "regionplan"
GENDERS = ("T", "K", "M")

# Kolada's municipality and region ids are four ASCII digits; \d would also take other
# scripts' digits, which no Kolada id has.
_MUNICIPALITY_ID = re.compile(r"[0-9]{4}")
_YEAR = re.compile(r"[0-9]{4}")


class KoladaError(Exception):
    """Kolada could not be read; str(exc) is a Swedish message for the administrator."""


@dataclass(frozen=True)
class KoladaValue:
    """One value: a KPI for an area (municipality, region or organisational unit), a year
    and a gender (``T`` total, ``K`` kvinnor, ``M`` män)."""

    kpi: str
    area: str  # the municipality/region id or the ou id
    year: int
    gender: str  # "T", "K" or "M"
    value: Decimal | None  # None when Kolada has no value (null): never 0


def fetch(
    base_url: str,
    kpis: list[str],
    ids: list[str],
    years: list[int],
    *,
    timeout: float = 30,
    max_retries: int = 5,
    sleep: Callable[[float], object] = time.sleep,
    max_pages: int = 10_000,
) -> Iterator[KoladaValue]:
    """Every value for the KPIs × ids × years, page by page (a generator: memory stays flat).

    `timeout` applies to each request; `max_retries` is the number of new attempts per
    page after a 429, a 5xx or a connection failure; `sleep` is called with the seconds
    to wait between attempts; `max_pages` bounds the pages read by the whole call.
    Raises `KoladaError`. Repeated ids are asked for once; nothing is requested if
    any of the lists is empty.
    """
    base = base_url.strip().rstrip("/")
    problem = outbound.check_url("kolada", base)
    if problem:  # before any request: only the hosts the operator allows (KOLADA_ALLOWED_HOSTS)
        raise KoladaError(problem)
    kpis = _unique(kpis)
    ids = _unique(ids)
    years = list(dict.fromkeys(int(year) for year in years))
    if not (kpis and ids and years):
        return
    year_list = ",".join(str(year) for year in years)
    municipalities = [i for i in ids if _MUNICIPALITY_ID.fullmatch(i)]
    units = [i for i in ids if not _MUNICIPALITY_ID.fullmatch(i)]
    pages = 0
    for root, area_kind, area_ids in (("data", "municipality", municipalities), ("oudata", "ou", units)):
        for kpi_batch in _batches(kpis):
            for id_batch in _batches(area_ids):
                url = (
                    f"{base}/{root}/kpi/{_join(kpi_batch)}/{area_kind}/{_join(id_batch)}"
                    f"/year/{year_list}?per_page={PER_PAGE}"
                )
                seen: set[str] = set()
                while url:
                    if url in seen:
                        raise KoladaError(
                            _("Kolada hänvisade tillbaka till en sida som redan lästs (%(path)s); läsningen avbröts.")
                            % {"path": _path(url)}
                        )
                    pages += 1
                    if pages > max_pages:
                        raise KoladaError(
                            _("Kolada gav fler än %(max)s sidor; läsningen avbröts.") % {"max": max_pages}
                        )
                    seen.add(url)
                    page = _get_json(url, timeout=timeout, max_retries=max_retries, sleep=sleep)
                    values, next_page = _page(page, url)
                    for item in values:
                        yield from _values(item, area_kind, url)
                    url = _next_url(next_page, url, base) if next_page else ""


def _unique(texts: list[str]) -> list[str]:
    """The ids stripped, without blanks and repeats, in their order."""
    return list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))


def _batches(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _join(ids: list[str]) -> str:
    return ",".join(urllib.parse.quote(i, safe="") for i in ids)


def _path(url: str) -> str:
    """The part of a URL the messages name: enough to see which request failed."""
    return urllib.parse.urlsplit(url).path


def _next_url(next_page: str, current: str, base: str) -> str:
    """The next page's absolute URL. It must stay on Kolada's host: a link elsewhere is
    not followed (the worker would otherwise fetch whatever a response points at).
    An http link is followed over https when the configured address is https, so that
    a proxy's or Kolada's own scheme mix-up does not downgrade the connection."""
    try:
        url = urllib.parse.urljoin(current, next_page)
        target, origin = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base)
        target_port = target.port
    except ValueError as exc:  # an unclosed [ or a port that is no number
        raise KoladaError(_("Kolada gav en nästa sida som inte är en adress; läsningen avbröts.")) from exc
    if target.hostname != origin.hostname or target.scheme not in ("http", "https"):
        raise KoladaError(
            _("Kolada hänvisade till en annan server (%(host)s); läsningen avbröts.")
            % {"host": target.netloc or url[:100]}
        )
    if origin.scheme == "https" and target.scheme == "http":
        netloc = target.hostname if target_port in (None, 80) else target.netloc
        url = urllib.parse.urlunsplit(target._replace(scheme="https", netloc=netloc))
    return url


def _get_json(url: str, *, timeout: float, max_retries: int, sleep: Callable[[float], object]) -> object:
    """One page as parsed JSON, retrying what may pass (429, 5xx, timeouts, broken
    connections): waits 1, 2, 4, … seconds (at most BACKOFF_CAP), or what the server's
    Retry-After says (at most RETRY_AFTER_CAP)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    retries = 0
    while True:
        try:
            # Every connection (redirects and next pages too) is checked against the allowed hosts.
            with outbound.urlopen("kolada", request, timeout=timeout) as response:
                body = response.read()
            break
        except outbound.Refused as exc:
            raise KoladaError(str(exc)) from exc
        except urllib.error.HTTPError as exc:
            status = exc.code
            retry_after = _retry_after(exc.headers.get("Retry-After")) if exc.headers else None
            exc.close()
            if status != 429 and status < 500:
                raise KoladaError(
                    _(
                        "Kolada svarade %(status)s på %(path)s. Kontrollera Koladas adress, "
                        "KPI-id och kommun-, region- eller enhets-id."
                    )
                    % {"status": status, "path": _path(url)}
                ) from exc
            if retries >= max_retries:
                raise KoladaError(
                    _("Kolada svarade %(status)s på %(path)s även efter %(retries)s nya försök.")
                    % {"status": status, "path": _path(url), "retries": retries}
                ) from exc
        # URLError (refused, DNS), socket timeouts and cut-off responses; all are OSError
        # or HTTPException.
        except (OSError, HTTPException) as exc:
            retry_after = None
            if retries >= max_retries:
                reason = getattr(exc, "reason", None) or exc
                raise KoladaError(
                    _("Kolada gick inte att nå på %(path)s (%(reason)s) även efter %(retries)s nya försök.")
                    % {"path": _path(url), "reason": reason, "retries": retries}
                ) from exc
        sleep(retry_after if retry_after is not None else min(2**retries, BACKOFF_CAP))
        retries += 1
    try:
        # Kolada sends UTF-8 JSON; NaN and Infinity are not JSON and not values.
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise KoladaError(_("Kolada svarade inte med JSON på %(path)s.") % {"path": _path(url)}) from exc


def _reject_constant(name: str):
    raise ValueError(name)


def _retry_after(header: str | None) -> float | None:
    """Retry-After as seconds to wait: a number of seconds or an HTTP date; None if
    absent or unreadable (then the backoff applies)."""
    if not header:
        return None
    header = header.strip()
    if header.isascii() and header.isdigit():
        return min(int(header), RETRY_AFTER_CAP)
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" gives a naive time; HTTP dates are always GMT
        when = when.replace(tzinfo=datetime.UTC)
    return min(max(when.timestamp() - time.time(), 0), RETRY_AFTER_CAP)


def _page(page: object, url: str) -> tuple[list, str | None]:
    """The data objects of a page and its next_page link (None on the last page)."""
    if not isinstance(page, dict) or not isinstance(page.get("values"), list):
        raise _shape(url, _("svaret saknar listan ”values”"))
    next_page = page.get("next_page")
    if next_page is not None and not isinstance(next_page, str):
        raise _shape(url, _("”next_page” är ingen adress"))
    return page["values"], next_page or None


def _values(item: object, area_kind: str, url: str) -> Iterator[KoladaValue]:
    """The values of one data object: one per gender."""
    if not isinstance(item, dict):
        raise _shape(url, _("ett dataobjekt är inget objekt"))
    kpi, area, period = item.get("kpi"), item.get(area_kind), item.get("period")
    if not isinstance(kpi, str) or not isinstance(area, str):
        raise _shape(url, _("ett dataobjekt saknar ”kpi” eller ”%(key)s”") % {"key": area_kind})
    if isinstance(period, str) and _YEAR.fullmatch(period):
        period = int(period)
    if not isinstance(period, int) or isinstance(period, bool):
        raise _shape(url, _("”period” är inget år: %(period)s") % {"period": repr(period)[:40]})
    entries = item.get("values")
    if not isinstance(entries, list):
        raise _shape(url, _("ett dataobjekt saknar listan ”values”"))
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("gender"), str):
            raise _shape(url, _("ett värde saknar ”gender”"))
        yield KoladaValue(
            kpi=kpi, area=area, year=period, gender=entry["gender"], value=_decimal(entry.get("value"), url)
        )


def _decimal(value: object, url: str) -> Decimal | None:
    """A JSON number as a Decimal: ints exactly, floats by their shortest text (7.4, not
    7.4000000000000003552713678800500929355621337890625); null stays None, never 0."""
    if value is None:
        return None
    if isinstance(value, bool):  # bool is an int in Python, but true is not a value
        raise _shape(url, _("ett värde är inget tal: %(value)s") % {"value": repr(value)[:40]})
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    raise _shape(url, _("ett värde är inget tal: %(value)s") % {"value": repr(value)[:40]})


def _shape(url: str, detail: str) -> KoladaError:
    return KoladaError(_("Oväntat svar från Kolada på %(path)s: %(detail)s.") % {"path": _path(url), "detail": detail})
