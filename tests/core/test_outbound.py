"""Addresses a region administrator may point the platform at (regionplan/outbound.py):
the data warehouse's PostgreSQL address and Kolada's base URL. Every refusal is a Swedish
message, and no connection is opened to a refused address."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from followup.imports import jobs, kolada, sources
from followup.models import DataSource, ImportJob
from regionplan import outbound
from regionplan.tenancy import region_scope


@pytest.fixture
def dns(monkeypatch):
    """Names resolve from this table, never from the network."""
    table = {
        "dw.region.se": ["10.20.0.5"],
        "rebind.example": ["10.20.0.6", "127.0.0.1"],
        "api.kolada.se": ["185.1.1.1"],
        "region.se.evil.example": ["10.99.0.1"],
    }

    def lookup(name, port):
        if name not in table:
            raise outbound.Refused(f"Värden {name} går inte att slå upp.")
        return table[name]

    monkeypatch.setattr(outbound, "_lookup", lookup)
    return table


RESOLVE_CASES = [
    # (allowed, host, addresses or a fragment of the refusal)
    (["10.20.0.0/16"], "10.20.0.5", ["10.20.0.5"]),
    (["10.20.0.0/16"], "dw.region.se", ["10.20.0.5"]),
    (["10.20.0.0/16"], "rebind.example", "127.0.0.1"),  # every address must be allowed
    (["dw.region.se"], "dw.region.se", ["10.20.0.5"]),  # the name itself allowed
    (["dw.region.se"], "DW.Region.SE.", ["10.20.0.5"]),
    (["*.region.se"], "dw.region.se", ["10.20.0.5"]),
    (["*.region.se"], "region.se.evil.example", "inte bland"),
    (["10.20.0.0/16"], "10.21.0.1", "inte bland"),
    (["127.0.0.1"], "127.0.0.2", "inte bland"),
    (["127.0.0.0/8", "::1"], "[::1]", ["::1"]),
    (["10.20.0.0/16"], "::ffff:127.0.0.1", "inte bland"),
    ([], "10.20.0.5", "inga (driften har inte tillåtit"),  # production's default: nothing
    (["127.0.0.0/8"], "169.254.169.254", "inte bland"),  # a cloud's metadata service
    (["10.20.0.0/16"], "/var/run/postgresql", "lokal socket"),
    (["10.20.0.0/16"], "@abstract", "lokal socket"),
    (["10.20.0.0/16"], "", "saknar värd"),
    (["10.20.0.0/16"], "saknas.example", "går inte att slå upp"),
]


@pytest.mark.parametrize("allowed, host, expected", RESOLVE_CASES)
def test_resolve(settings, dns, allowed, host, expected):
    settings.WAREHOUSE_ALLOWED_HOSTS = allowed
    if isinstance(expected, list):
        assert outbound.resolve("warehouse", host, 5432) == expected
    else:
        with pytest.raises(outbound.Refused, match=expected.replace("(", r"\(")):
            outbound.resolve("warehouse", host, 5432)


def test_a_kind_the_operator_has_not_configured_reaches_nothing(settings, dns):
    with pytest.raises(outbound.Refused, match="inga"):
        outbound.resolve("nytt_system", "10.20.0.5", 443)


def test_sockets_only_when_the_operator_allows_them(settings):
    settings.OUTBOUND_ALLOW_SOCKETS = True
    assert outbound.resolve("warehouse", "/var/run/postgresql", 5432) == ["/var/run/postgresql"]


# --- The warehouse's address ------------------------------------------------------------------

SOCKET_SPELLINGS = [
    "postgresql:///regionplan?host=/var/run/postgresql&user=postgres",
    "postgresql:///regionplan?host=%2Fvar%2Frun%2Fpostgresql",
    "postgresql://%2Fvar%2Frun%2Fpostgresql/regionplan",
    "postgresql://postgres@%2Fvar%2Frun%2Fpostgresql:5432/regionplan",
    "postgresql://u@dw.region.se/dw?host=/tmp",
    "postgresql://u@dw.region.se/dw?host=@abstract",
    "postgresql://u@dw.region.se/dw?hostaddr=10.20.0.5&host=/var/run/postgresql",
    "postgres:///regionplan?host=/var/run/postgresql",
]


@pytest.mark.parametrize("url", SOCKET_SPELLINGS)
def test_socket_addresses_are_refused_in_every_spelling(settings, dns, url):
    settings.WAREHOUSE_ALLOWED_HOSTS = ["10.20.0.0/16", "127.0.0.0/8"]
    problem = sources.check_connection_url(url) or ""
    assert "lokal socket" in problem or "saknar värd" in problem, (url, problem)


REFUSED_URLS = [
    ("postgresql:///regionplan", "saknar värd"),
    ("postgresql://u@/regionplan", "saknar värd"),
    ("postgresql://u@dw.region.se,10.20.0.6/dw", "en enda värd"),
    ("postgresql://u@dw.region.se/dw?service=regionplan", "service"),
    ("postgresql://u@dw.region.se/dw?options=-csearch_path%3Dpublic", "options"),
    ("postgresql://u@dw.region.se/dw?sslkey=/etc/ssl/private/key.pem", "sslkey"),
    ("postgresql://u@dw.region.se/dw?passfile=/root/.pgpass", "passfile"),
    ("postgresql://u@127.0.0.1/dw", "inte bland"),  # loopback: not in this operator's list
    ("postgresql://u@dw.region.se/dw?hostaddr=127.0.0.1", "inte bland"),  # hostaddr is where libpq goes
    ("postgresql://u@dw.region.se/dw?host=127.0.0.1", "inte bland"),  # ?host= overrides the URL's host
    ("postgresql://u@rebind.example/dw", "127.0.0.1"),
    ("postgresql://u@dw.region.se:x/dw", "port är inget tal"),
    ("postgresql://u@[::1/dw", "postgresql://"),
    ("mysql://u@dw.region.se/dw", "postgresql://"),
]


@pytest.mark.parametrize("url, fragment", REFUSED_URLS)
def test_warehouse_addresses_refused(settings, dns, url, fragment):
    settings.WAREHOUSE_ALLOWED_HOSTS = ["10.20.0.0/16"]
    assert fragment in (sources.check_connection_url(url) or ""), url


def test_an_allowed_address_is_pinned_to_the_checked_ip(settings, dns):
    settings.WAREHOUSE_ALLOWED_HOSTS = ["dw.region.se"]
    params = sources._connection_parameters("postgresql://las:hemligt@dw.region.se:6432/dw?sslmode=verify-full")
    assert (params["host"], params["hostaddr"], params["port"], params["sslmode"]) == (
        "dw.region.se",
        "10.20.0.5",
        "6432",
        "verify-full",
    )


def test_production_allows_no_warehouse_host_until_the_operator_lists_one(production_settings):
    production = production_settings(WAREHOUSE_ALLOWED_HOSTS=None)
    assert production.WAREHOUSE_ALLOWED_HOSTS == []
    assert production.KOLADA_ALLOWED_HOSTS == ["api.kolada.se"]
    assert production.OUTBOUND_ALLOW_SOCKETS is False and production.WAREHOUSE_ALLOW_APP_CLUSTER is False
    listed = production_settings(WAREHOUSE_ALLOWED_HOSTS="dw.region.se, 10.20.0.0/16")
    assert listed.WAREHOUSE_ALLOWED_HOSTS == ["dw.region.se", "10.20.0.0/16"]


@pytest.fixture
def no_connection(monkeypatch):
    """Fail the test if anything opens a PostgreSQL connection to a warehouse."""
    import psycopg

    opened = []
    monkeypatch.setattr(psycopg, "connect", lambda *a, **k: opened.append((a, k)) or pytest.fail("connected"))
    return opened


ATTACK = "postgresql:///{db}?host=/var/run/postgresql&user=postgres"


def test_the_socket_attack_fails_the_job_without_connecting(world, no_connection):
    with region_scope(world.alfa):
        source = DataSource.objects.create(
            name="Datalager",
            kind=DataSource.WAREHOUSE,
            connection_url=ATTACK.format(db="regionplan"),
            query='SELECT 1 AS "Värde"',
        )
        [job] = jobs.start_source(source, ImportJob.RUN_NOW, inline=True)
        job.refresh_from_db()
    assert job.status == ImportJob.FAILED and "lokal socket" in job.message
    assert no_connection == []


def test_the_source_form_refuses_a_socket_address_and_saves_nothing(world, no_connection):
    client = world.client("admin")
    response = client.post(
        reverse("source_create", args=["alfa"]),
        {
            "name": "Datalager",
            "kind": DataSource.WAREHOUSE,
            "enabled": "on",
            "connection_url": ATTACK.format(db="regionplan"),
            "query": 'SELECT 1 AS "Värde"',
            "timeout_seconds": "60",
            "schedule": "manual",
            "run_at": "05:00",
            "weekday": "0",
        },
    )
    assert response.status_code == 400
    assert "lokal socket" in response.content.decode()
    with region_scope(world.alfa):
        assert not DataSource.objects.exists()


def test_the_source_form_says_which_hosts_are_allowed(world, settings):
    settings.WAREHOUSE_ALLOWED_HOSTS = ["dw.region.se", "10.20.0.0/16"]
    page = world.client("admin").get(reverse("source_create", args=["alfa"])).content.decode()
    assert "Tillåtna värdar: dw.region.se, 10.20.0.0/16." in page
    assert "Tillåtna värdar: api.kolada.se." in page


# --- Kolada's address --------------------------------------------------------------------------


class _Server:
    """A loopback http server that records its requests and answers with `answer(path)`."""

    def __init__(self, address="127.0.0.1"):
        self.paths: list[str] = []
        self.answer = lambda path: (200, {"Content-Type": "application/json"}, json.dumps({"values": []}).encode())
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.paths.append(self.path)
                status, headers, body = server.answer(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.url = f"http://{address}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    started = []

    def start(address="127.0.0.1"):
        started.append(_Server(address))
        return started[-1]

    yield start
    for server in started:
        server.close()


def test_kolada_on_loopback_is_refused_by_default_without_a_request(settings, servers):
    assert settings.KOLADA_ALLOWED_HOSTS == ["api.kolada.se"]
    server = servers()
    for url in (
        f"{server.url}/halsa/",
        "http://[::1]:8000/v2",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost:6379/v2",
    ):
        with pytest.raises(kolada.KoladaError, match="inte bland|slå upp"):
            list(kolada.fetch(url, ["N00945"], ["0025"], [2022]))
    assert server.paths == []


def test_a_redirect_to_a_host_that_is_not_allowed_is_not_followed(settings, servers):
    allowed, target = servers("127.0.0.1"), servers("127.0.0.2")
    settings.KOLADA_ALLOWED_HOSTS = ["127.0.0.1"]
    allowed.answer = lambda path: (302, {"Location": f"{target.url}/halsa/"}, b"")
    with pytest.raises(kolada.KoladaError, match="127.0.0.2"):
        list(kolada.fetch(f"{allowed.url}/v2", ["N00945"], ["0025"], [2022], sleep=lambda s: None))
    assert len(allowed.paths) == 1 and target.paths == []


def test_the_source_form_refuses_a_kolada_address_that_is_not_allowed(world, servers):
    server = servers()
    response = world.client("admin").post(
        reverse("source_create", args=["alfa"]),
        {
            "name": "Kolada",
            "kind": DataSource.KOLADA,
            "enabled": "on",
            "base_url": f"{server.url}/halsa/",
            "kpis": "N00945",
            "kolada_ids": "0025",
            "years": "2022",
            "timeout_seconds": "60",
            "schedule": "manual",
            "run_at": "05:00",
            "weekday": "0",
        },
    )
    assert response.status_code == 400
    assert "inte bland dem som driften tillåter" in response.content.decode()
    assert server.paths == []
    with region_scope(world.alfa):
        assert not DataSource.objects.exists()


def test_a_stored_kolada_source_whose_host_is_no_longer_allowed_fails_without_a_request(world, servers):
    server = servers()
    with region_scope(world.alfa):
        source = DataSource.objects.create(
            name="Kolada",
            kind=DataSource.KOLADA,
            base_url=f"{server.url}/v2",
            kpis="N00945",
            kolada_ids="0025",
            years="2022",
        )
        [job] = jobs.start_source(source, ImportJob.RUN_NOW, inline=True)
        job.refresh_from_db()
    assert job.status == ImportJob.FAILED and "inte bland" in job.message
    assert server.paths == []
