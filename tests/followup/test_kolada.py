"""The Kolada client against a local HTTP server that plays recorded pages.

The server (`FakeKolada`) answers each path+query from a script of responses, takes
them in order (the last one repeats), and records every request, so the tests can count
requests and look at what was asked. Sleeping is injected and recorded, never done.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from decimal import Decimal
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from followup.imports.kolada import KoladaError, KoladaValue, fetch

MUNICIPALITY = "/v2/data/kpi/{kpis}/municipality/{ids}/year/{years}?per_page=5000"
OU = "/v2/oudata/kpi/{kpis}/ou/{ids}/year/{years}?per_page=5000"


class FakeKolada:
    """Scripted answers by path+query: (status, body, headers). A body that is not bytes
    or str is sent as JSON. A `delay` response is answered only after that many seconds."""

    def __init__(self):
        self.routes: dict[str, list] = {}
        self.requests: list[dict] = []
        self.fallback = None  # called with the path+query when no route matches
        self.lock = threading.Lock()

    def script(self, path, *responses):
        self.routes[path] = list(responses)

    def answer(self, target):
        with self.lock:
            queue = self.routes.get(target)
            if queue:
                return queue.pop(0) if len(queue) > 1 else queue[0]
        if self.fallback:
            return self.fallback(target)
        return 404, {"error": "no route"}, {}

    @property
    def paths(self):
        return [r["target"] for r in self.requests]


@pytest.fixture(autouse=True)
def loopback_allowed_for_kolada(settings):
    """The fake Kolada runs on 127.0.0.1: this test platform's operator allows it."""
    settings.KOLADA_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def kolada():
    """A running FakeKolada; `kolada.url` is its base URL, with a trailing slash."""
    fake = FakeKolada()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            with fake.lock:
                fake.requests.append({"target": self.path, "headers": dict(self.headers)})
            status, body, headers = fake.answer(self.path)
            if headers.get("delay"):
                time.sleep(headers["delay"])
            if not isinstance(body, bytes | str):
                body = json.dumps(body)
            if isinstance(body, str):
                body = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", headers.get("Content-Type", "application/json"))
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                if name not in ("delay", "Content-Type"):
                    self.send_header(name, str(value))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.handle_error = lambda request, address: None  # a client that timed out and left
    # A short poll so that shutdown() at teardown does not wait half a second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    fake.origin = f"http://127.0.0.1:{server.server_address[1]}"
    fake.url = fake.origin + "/v2/"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


class Sleeps(list):
    """A fake `sleep` that records the seconds instead of waiting."""

    def __call__(self, seconds):
        self.append(seconds)


def page(*items, next_page=None):
    body = {"values": list(items), "count": len(items)}
    if next_page is not None:
        body["next_page"] = next_page
    return 200, body, {}


def item(kpi, area, period, *values, key="municipality"):
    """A data object; each value is (gender, value)."""
    return {
        "kpi": kpi,
        key: area,
        "period": period,
        "values": [{"gender": g, "value": v, "count": 1, "status": ""} for g, v in values],
    }


def run(kolada, kpis=("N00945",), ids=("0025",), years=(2022,), **kwargs):
    kwargs.setdefault("sleep", Sleeps())
    return list(fetch(kolada.url, list(kpis), list(ids), list(years), **kwargs))


FIRST = MUNICIPALITY.format(kpis="N00945", ids="0025", years="2022")


# --- paging -------------------------------------------------------------------------


def test_paging_follows_next_page_to_the_end(kolada):
    second = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000"
    third = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=3&per_page=5000"
    kolada.script(FIRST, page(item("N00945", "0025", 2022, ("T", 1)), next_page=kolada.origin + second))
    kolada.script(second, page(item("N00945", "0025", 2022, ("K", 2)), next_page=kolada.origin + third))
    kolada.script(third, page(item("N00945", "0025", 2022, ("M", 3)), next_page=None))

    values = run(kolada)

    assert [(v.gender, v.value) for v in values] == [("T", 1), ("K", 2), ("M", 3)]
    assert kolada.paths == [FIRST, second, third]
    assert parse_qs(urlsplit(kolada.paths[0]).query) == {"per_page": ["5000"]}


def test_next_page_may_be_relative(kolada):
    second = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000"
    kolada.script(FIRST, page(item("N00945", "0025", 2022, ("T", 1)), next_page=second))
    kolada.script(second, page(item("N00945", "0025", 2022, ("T", 2))))

    assert [v.value for v in run(kolada)] == [1, 2]


def test_fetch_is_lazy_page_by_page(kolada):
    second = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000"
    kolada.script(FIRST, page(item("N00945", "0025", 2022, ("T", 1)), next_page=kolada.origin + second))
    kolada.script(second, page(item("N00945", "0025", 2022, ("T", 2))))

    values = fetch(kolada.url, ["N00945"], ["0025"], [2022], sleep=Sleeps())
    assert kolada.requests == []
    assert next(values).value == 1
    assert kolada.paths == [FIRST]
    assert [v.value for v in values] == [2]


def test_headers(kolada):
    kolada.script(FIRST, page())
    run(kolada)
    headers = kolada.requests[0]["headers"]
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"] == "regionplan"


@pytest.mark.parametrize(
    "next_page",
    [
        "{origin}" + FIRST,  # points back at itself
        "{origin}/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000",  # 2 → 1 → 2 …
    ],
)
def test_repeating_next_page_is_an_error_not_a_loop(kolada, next_page):
    second = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000"
    kolada.script(FIRST, page(item("N00945", "0025", 2022, ("T", 1)), next_page=next_page.format(origin=kolada.origin)))
    kolada.script(second, page(next_page=kolada.origin + FIRST))

    with pytest.raises(KoladaError, match="redan lästs"):
        run(kolada)
    assert len(kolada.requests) <= 2


def test_more_pages_than_max_pages_is_an_error(kolada):
    second = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000"
    kolada.script(FIRST, page(next_page=kolada.origin + second))
    kolada.script(second, page())

    with pytest.raises(KoladaError, match="fler än 1 sidor"):
        run(kolada, max_pages=1)
    assert kolada.paths == [FIRST]


def test_next_page_on_another_host_is_not_followed(kolada):
    kolada.script(FIRST, page(next_page="http://example.invalid/v2/data/kpi/N00945?page=2"))

    with pytest.raises(KoladaError, match="annan server"):
        run(kolada)
    assert kolada.paths == [FIRST]


# --- batching and routing -----------------------------------------------------------


def everything_empty(target):
    return page()


@pytest.mark.parametrize(
    "n_kpis, n_ids, expected_requests",
    [
        (1, 1, 1),
        (25, 25, 1),
        (26, 1, 2),
        (30, 27, 4),
        (51, 3, 3),
    ],
)
def test_batches_of_at_most_25_ids(kolada, n_kpis, n_ids, expected_requests):
    kolada.fallback = everything_empty
    kpis = [f"N{n:05}" for n in range(n_kpis)]
    ids = [f"{n:04}" for n in range(1, n_ids + 1)]

    assert run(kolada, kpis=kpis, ids=ids, years=[2021, 2022, 2023]) == []

    assert len(kolada.requests) == expected_requests
    asked_kpis, asked_ids = set(), set()
    for target in kolada.paths:
        parts = urlsplit(target).path.split("/")  # '', v2, data, kpi, K, municipality, I, year, Y
        assert parts[2:4] == ["data", "kpi"] and parts[5] == "municipality"
        batch_kpis, batch_ids = parts[4].split(","), parts[6].split(",")
        assert len(batch_kpis) <= 25 and len(batch_ids) <= 25
        assert parts[8] == "2021,2022,2023"  # all years in one request
        asked_kpis.update(batch_kpis)
        asked_ids.update(batch_ids)
    assert asked_kpis == set(kpis) and asked_ids == set(ids)


def test_mixed_ids_go_to_municipality_and_ou_endpoints(kolada):
    municipal = MUNICIPALITY.format(kpis="N00945,U01405", ids="0025,2580", years="2021,2022")
    ou = OU.format(kpis="N00945,U01405", ids="V15E018000301,V15E258000101", years="2021,2022")
    kolada.script(municipal, page(item("N00945", "0025", 2022, ("T", 6.8), ("K", 7.4), ("M", 4.9))))
    kolada.script(ou, page(item("U01405", "V15E018000301", "2021", ("T", 42), key="ou")))

    values = run(
        kolada, kpis=["N00945", "U01405"], ids=["0025", "V15E018000301", "2580", "V15E258000101"], years=[2021, 2022]
    )

    assert kolada.paths == [municipal, ou]
    assert values == [
        KoladaValue("N00945", "0025", 2022, "T", Decimal("6.8")),
        KoladaValue("N00945", "0025", 2022, "K", Decimal("7.4")),
        KoladaValue("N00945", "0025", 2022, "M", Decimal("4.9")),
        KoladaValue("U01405", "V15E018000301", 2021, "T", Decimal(42)),
    ]


@pytest.mark.parametrize(
    "ids, endpoints",
    [
        (["0025"], ["data"]),
        (["V15E018000301"], ["oudata"]),
        (["025"], ["oudata"]),  # not four digits: not a municipality id
        (["00250"], ["oudata"]),
        (["0025", "0025", " 0025 ", ""], ["data"]),  # repeats and blanks asked for once
    ],
)
def test_routing_by_id(kolada, ids, endpoints):
    kolada.fallback = everything_empty
    run(kolada, ids=ids)
    assert [urlsplit(t).path.split("/")[2] for t in kolada.paths] == endpoints


@pytest.mark.parametrize(
    "kpis, ids, years", [([], ["0025"], [2022]), (["N00945"], [], [2022]), (["N00945"], ["0025"], [])]
)
def test_nothing_asked_nothing_requested(kolada, kpis, ids, years):
    assert run(kolada, kpis=kpis, ids=ids, years=years) == []
    assert kolada.requests == []


def test_base_url_without_trailing_slash(kolada):
    kolada.script(FIRST, page(item("N00945", "0025", 2022, ("T", 1))))
    values = list(fetch(kolada.url.rstrip("/"), ["N00945"], ["0025"], [2022], sleep=Sleeps()))
    assert kolada.paths == [FIRST] and len(values) == 1


def test_base_url_must_be_http():
    with pytest.raises(KoladaError, match="http"):
        list(fetch("file:///etc", ["N00945"], ["0025"], [2022]))


# --- values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, None),  # no value is not 0
        (0, Decimal(0)),
        (7.4, Decimal("7.4")),
        (0.1, Decimal("0.1")),
        (-3.25, Decimal("-3.25")),
        (12345678901234567890, Decimal("12345678901234567890")),  # ints exactly
        (1e-7, Decimal("1E-7")),
    ],
)
def test_values_as_decimal(kolada, raw, expected):
    kolada.script(FIRST, page(item("N00945", "0025", 2022, ("T", raw))))
    [value] = run(kolada)
    assert value.value == expected
    if expected is None:
        assert value.value is None


def test_null_values_and_genders_kept(kolada):
    kolada.script(
        FIRST,
        page(
            item("N00945", "0025", 2022, ("T", 6.8), ("K", None), ("M", 4.9)),
            item("N00945", "0025", "2021", ("T", None)),
        ),
    )
    values = run(kolada)
    assert [(v.year, v.gender, v.value) for v in values] == [
        (2022, "T", Decimal("6.8")),
        (2022, "K", None),
        (2022, "M", Decimal("4.9")),
        (2021, "T", None),
    ]


# --- retries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "retry_after, expected_sleep",
    [
        ("7", 7),
        ("0", 0),
        ("100000", 300),  # capped
        (None, 1),  # no header: backoff
        ("soon", 1),  # unreadable: backoff
        (formatdate(0, usegmt=True), 0),  # a date in the past: go on at once
        (formatdate(time.time() + 3600, usegmt=True), 300),  # an hour from now, capped
    ],
)
def test_429_waits_retry_after_then_succeeds(kolada, retry_after, expected_sleep):
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    kolada.script(FIRST, (429, {"error": "too many"}, headers), page(item("N00945", "0025", 2022, ("T", 1))))
    sleeps = Sleeps()

    values = run(kolada, sleep=sleeps)

    assert sleeps == [expected_sleep]
    assert [v.value for v in values] == [1]
    assert kolada.paths == [FIRST, FIRST]


def test_retry_after_date_in_the_near_future(kolada):
    kolada.script(FIRST, (503, "", {"Retry-After": formatdate(time.time() + 30, usegmt=True)}), page())
    sleeps = Sleeps()
    run(kolada, sleep=sleeps)
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 31


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_then_success_retries_with_backoff(kolada, status):
    kolada.script(
        FIRST, (status, "Internal error", {"Content-Type": "text/plain"}), page(item("N00945", "0025", 2022, ("T", 1)))
    )
    sleeps = Sleeps()

    assert [v.value for v in run(kolada, sleep=sleeps)] == [1]
    assert sleeps == [1]


@pytest.mark.parametrize(
    "max_retries, expected_sleeps",
    [
        (0, []),
        (2, [1, 2]),
        (5, [1, 2, 4, 8, 16]),
        (8, [1, 2, 4, 8, 16, 32, 60, 60]),  # capped at a minute
    ],
)
def test_500_forever_gives_up_after_max_retries(kolada, max_retries, expected_sleeps):
    kolada.script(FIRST, (500, "Internal error", {}))
    sleeps = Sleeps()

    with pytest.raises(KoladaError) as caught:
        run(kolada, sleep=sleeps, max_retries=max_retries)

    assert sleeps == expected_sleeps
    assert len(kolada.requests) == max_retries + 1
    message = str(caught.value)
    assert "500" in message
    assert "/v2/data/kpi/N00945/municipality/0025/year/2022" in message
    assert f"{max_retries} nya försök" in message


def test_retries_are_counted_per_page(kolada):
    second = "/v2/data/kpi/N00945/municipality/0025/year/2022?page=2&per_page=5000"
    kolada.script(FIRST, (503, "", {}), (503, "", {}), page(next_page=kolada.origin + second))
    kolada.script(second, (503, "", {}), (503, "", {}), page(item("N00945", "0025", 2022, ("T", 1))))
    sleeps = Sleeps()

    assert len(run(kolada, sleep=sleeps, max_retries=2)) == 1
    assert sleeps == [1, 2, 1, 2]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_other_4xx_fails_at_once(kolada, status):
    kolada.script(FIRST, (status, {"error": "nope"}, {}))
    sleeps = Sleeps()

    with pytest.raises(KoladaError, match=str(status)):
        run(kolada, sleep=sleeps)

    assert sleeps == []
    assert len(kolada.requests) == 1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_is_retried_then_fails():
    sleeps = Sleeps()
    base = f"http://127.0.0.1:{free_port()}/v2"
    with pytest.raises(KoladaError, match="gick inte att nå") as caught:
        list(fetch(base, ["N00945"], ["0025"], [2022], sleep=sleeps, max_retries=3))
    assert sleeps == [1, 2, 4]
    assert "/v2/data/kpi/N00945/municipality/0025/year/2022" in str(caught.value)


def test_timeout_is_retried(kolada):
    slow = (200, {"values": [item("N00945", "0025", 2022, ("T", 0))]}, {"delay": 0.5})
    kolada.script(FIRST, slow, page(item("N00945", "0025", 2022, ("T", 1))))
    sleeps = Sleeps()

    values = run(kolada, sleep=sleeps, timeout=0.1)

    assert [v.value for v in values] == [1]  # the slow answer was not used
    assert sleeps == [1]


# --- bad responses ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, match",
    [
        ("<html>Underhåll</html>", "inte med JSON"),
        (b"\xff\xfe{}", "inte med JSON"),
        (
            '{"values": [{"kpi": "N00945", "municipality": "0025", "period": 2022, '
            '"values": [{"gender": "T", "value": NaN}]}]}',
            "inte med JSON",
        ),
        ([], "values"),
        ({"count": 0}, "values"),
        ({"values": "none"}, "values"),
        ({"values": [], "next_page": 2}, "next_page"),
        ({"values": ["N00945"]}, "dataobjekt"),
        ({"values": [{"kpi": "N00945", "period": 2022, "values": []}]}, "municipality"),
        ({"values": [item("N00945", "0025", "år 2022", ("T", 1))]}, "period"),
        ({"values": [item("N00945", "0025", None, ("T", 1))]}, "period"),
        ({"values": [item("N00945", "0025", True, ("T", 1))]}, "period"),
        ({"values": [{"kpi": "N00945", "municipality": "0025", "period": 2022}]}, "values"),
        ({"values": [{"kpi": "N00945", "municipality": "0025", "period": 2022, "values": [{"value": 1}]}]}, "gender"),
        ({"values": [item("N00945", "0025", 2022, ("T", "7,4"))]}, "inget tal"),
        ({"values": [item("N00945", "0025", 2022, ("T", True))]}, "inget tal"),
    ],
)
def test_unexpected_response_is_an_error(kolada, body, match):
    kolada.script(FIRST, (200, body, {}))
    with pytest.raises(KoladaError, match=match):
        run(kolada)
    assert len(kolada.requests) == 1  # a bad answer is not retried


@pytest.mark.parametrize(
    "next_page, expected",
    [
        ("https://api.kolada.se/v2/data/kpi/N00945?page=2", "https://api.kolada.se/v2/data/kpi/N00945?page=2"),
        # Kolada's links say http; the configured https is kept rather than downgraded.
        ("http://api.kolada.se/v2/data/kpi/N00945?page=2", "https://api.kolada.se/v2/data/kpi/N00945?page=2"),
        ("/v2/data/kpi/N00945?page=2", "https://api.kolada.se/v2/data/kpi/N00945?page=2"),
        ("https://evil.example/v2/data", KoladaError),
        ("ftp://api.kolada.se/v2/data", KoladaError),
    ],
)
def test_next_url_stays_on_kolada(next_page, expected):
    from followup.imports.kolada import _next_url

    current = "https://api.kolada.se/v2/data/kpi/N00945/municipality/0025/year/2022?per_page=5000"
    if expected is KoladaError:
        with pytest.raises(KoladaError):
            _next_url(next_page, current, "https://api.kolada.se/v2")
    else:
        assert _next_url(next_page, current, "https://api.kolada.se/v2") == expected
