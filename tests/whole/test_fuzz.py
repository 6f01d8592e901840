"""A fuzzing pass over every view: every query parameter the code reads and every field of
every form the pages show, filled by Hypothesis with what people and attackers type
(other scripts' digits, huge numbers, NUL, markup, dates that do not exist, damaged files).

Two promises are checked for every generated request: it is never answered with a server
error, and a request that is refused (4xx) writes nothing (every change to tenant data is
in the audit trail, so its size tells; accounts and queued tasks are counted too). Each
example runs in a savepoint that is rolled back, so every one starts from the same data.

The examples are derived deterministically (CI runs the same ones every time); set
FUZZ_EXAMPLES to look harder, e.g. FUZZ_EXAMPLES=200 python -m pytest tests/whole/test_fuzz.py.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionplan.models import AuditEntry, QueuedTask, User
from regionplan.tenancy import all_regions
from tests.plans import build_plans
from tests.view_table import VIEW_CASES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
ROOT = Path(__file__).resolve().parents[2]
PERSONA_ORDER = ["admin", "controller", "manager", "manager_out", "reader"]


_READ = re.compile(r"request\.(?:GET|POST)(?:\.get\(|\[)\s*[\"']([A-Za-z_-]+)[\"']")


def params_in_code() -> list[str]:
    """Every request.GET/POST parameter the views read by name."""
    found = set()
    for app in ("regionplan", "goals", "followup", "reports", "internal_control", "workenv"):
        for path in (ROOT / app).rglob("*.py"):
            found |= set(_READ.findall(path.read_text()))
    return sorted(found)


def params_of_view(path: str) -> list[str]:
    """The parameters read by name in the module of the view that answers `path` (its
    helpers, such as the dashboards' _scope, live beside it)."""
    import inspect

    func = resolve(path).func
    module = inspect.getmodule(getattr(func, "view_class", func))
    return sorted(set(_READ.findall(inspect.getsource(module))))


NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "00",
    "²",
    "٢",
    "１２",
    "1e9",
    "99999999999999999999",
    "-99999999999999999999",
    "2026",
    "1999",
    "2101",
    "2026-T2",
    "2026-T9",
    "2026-13",
    "2026-02-30",
    "9999-12-31",
    "31/12/2026",
    "1,5",
    "1.5",
    "1 234,5",
    "NaN",
    "inf",
    "-0",
    "7,4 %",
    "on",
    "true",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "../../etc/passwd",
    "%",
    "%00",
    "\x00",
    "\u202e",
    "😀",
    "Å" * 300,
    "x" * 5000,
    "\r\n",
    "postgresql:///regionplan?host=/tmp",
    "http://127.0.0.1:8000/halsa/",
    '=HYPERLINK("http://x")',
]
# What each field and parameter gets on its own while the rest of the form is as the page
# offers it: the values that broke views before (other scripts' digits, past bigint, a
# negative id, a day that does not exist, a very long text, nothing).
CORE = ["²", "99999999999999999999", "-1", "2026-02-30", "x" * 3000, ""]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers(-(10**20), 10**20).map(str))
UPLOADS = st.builds(
    lambda name, content: SimpleUploadedFile(name, content),
    st.sampled_from(["varden.csv", "plan.xlsx", "org.xlsx", "x.exe", "x", "a.csv.xlsx"]),
    st.one_of(
        st.binary(max_size=2000),
        st.sampled_from(
            [
                b"",
                b"PK\x03\x04broken",
                b"Kod;Namn\n\x00;x\n",
                "Mått;Organisation;Period;Värde\nX;Y;2026-T1;²\n".encode(),
                b"\xff\xfeK\x00o\x00d\x00",
                b"\xd0\xcf\x11\xe0old excel",
            ]
        ),
    ),
)


class Forms(HTMLParser):
    """The forms of a page: action, method and fields (name → type, the values offered,
    and the value the form would send as it stands)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("hx-post") or a.get("action") or a.get("hx-get") or ""
            method = "post" if (a.get("method", "get").lower() == "post" or "hx-post" in a) else "get"
            self.forms.append({"action": action, "method": method, "fields": {}})
        elif self.forms and tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            field = self.forms[-1]["fields"].setdefault(a["name"], {"type": kind, "options": [], "default": None})
            value = a.get("value")
            if value is not None:
                field["options"].append(value)
                # As a person would send it: what is checked, else the first of a radio group.
                if (
                    kind not in ("checkbox", "radio")
                    or "checked" in a
                    or (kind == "radio" and field["default"] is None)
                ):
                    field["default"] = value
            if tag == "select":
                self._select = field
            if tag == "textarea":
                self._textarea, field["default"] = field, ""
        elif tag == "option" and self._select is not None and a.get("value") is not None:
            self._select["options"].append(a["value"])
            if "selected" in a or self._select["default"] is None:
                self._select["default"] = a["value"]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["default"] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    for form in parser.forms:
        form["action"] = urlsplit(form["action"] or page_url).path
    return parser.forms


def view_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def persona_for(case) -> str:
    return next(p for p in PERSONA_ORDER if p in case.allowed)


def written() -> tuple:
    """What a request could have changed: the audit trail, accounts, queued background work."""
    with all_regions():
        return AuditEntry.objects.count(), User.objects.count(), QueuedTask.objects.count()


def field_values(field: dict):
    if field["type"] == "file":
        return UPLOADS
    choices = [o for o in field["options"] if o is not None]
    if field["type"] in ("checkbox", "radio") and choices:
        return st.one_of(st.sampled_from(choices), text)
    if choices:
        return st.one_of(st.sampled_from(choices), st.sampled_from(choices), text)
    return text


def request_strategy(fields: dict):
    """A request's data: each of the form's fields (or left out), and some of the
    parameters the code reads, with generated values."""
    own = st.fixed_dictionaries({}, optional={name: field_values(f) for name, f in fields.items()})
    extra = st.dictionaries(st.sampled_from(params_in_code()), text, max_size=3)
    return st.tuples(own, extra, st.booleans())


class Checker:
    """Sends one request in a savepoint that is rolled back, and checks the two promises."""

    def __init__(self, client):
        self.client = client
        self.sent = 0

    def __call__(self, method: str, url: str, data: dict, query: dict, htmx: bool = False) -> None:
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        with transaction.atomic():
            before = written()
            if method == "get":
                response = self.client.get(
                    url, {**query, **{k: v for k, v in data.items() if not hasattr(v, "read")}}, **headers
                )
            else:
                response = self.client.post(f"{url}?{_query(query)}" if query else url, data, **headers)
            self.sent += 1
            status = response.status_code
            assert status < 500, f"{method.upper()} {url} data={_short(data)} query={_short(query)} → {status}"
            if status >= 400:
                assert written() == before, (
                    f"{method.upper()} {url} data={_short(data)} was refused ({status}) but wrote"
                )
            transaction.set_rollback(True)


def _short(data: dict) -> dict:
    return {k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else getattr(v, "name", v)) for k, v in data.items()}


PLAUSIBLE = {
    "email": "fuzz@alfa.test",
    "number": "1",
    "date": "2026-06-30",
    "time": "05:00",
    "url": "https://api.kolada.se/v2",
    "textarea": "Fuzz",
    "text": "Fuzz",
    "password": "ett-langt-losenord",
}


def plausible(field: dict):
    """What a person would leave in the field: its value, or else something ordinary, so
    that the rest of the form passes and a nasty value in one field goes deep."""
    if field["type"] == "file":
        return None
    if field["default"] not in (None, "") or field["type"] in ("checkbox", "hidden"):
        return field["default"]
    options = [o for o in field["options"] if o]
    if options:
        return options[0]
    return PLAUSIBLE.get(field["type"], "Fuzz")


def sweep(check: Checker, method: str, url: str, fields: dict, params: list[str]) -> None:
    """Each form field, then each parameter the view reads, alone with each CORE value,
    the rest of the form filled as a person would (sent as htmx, as the browser does)."""
    defaults = {name: value for name, f in fields.items() if (value := plausible(f)) is not None}
    htmx = method == "post"
    for name, field in fields.items():
        values = DAMAGED_FILES if field["type"] == "file" else CORE
        for value in values:
            check(method, url, {**defaults, name: _fresh(value)}, {}, htmx)
    for name in params:
        for value in CORE:
            check(method, url, {**defaults, name: value} if method == "post" else defaults, {name: value}, htmx)


def random_requests(check: Checker, method: str, url: str, fields: dict) -> None:
    """Hypothesis: many fields and parameters at once, with generated values."""

    @settings(
        max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(request_strategy(fields))
    def one(drawn):
        own, extra, htmx = drawn
        check(method, url, own, extra, htmx)

    one()


def _fresh(value):
    """An upload can be read once: a new file object for every request."""
    if isinstance(value, tuple):
        return SimpleUploadedFile(*value)
    return value


DAMAGED_FILES = [
    ("varden.csv", b""),
    ("plan.xlsx", b"PK\x03\x04broken"),
    ("org.csv", b"Kod;Namn\n\x00;x\n"),
    ("varden.csv", "Mått;Organisation;Period;Värde\nX;Y;2026-T1;²\n".encode()),
    ("org.csv", b"\xff\xfeK\x00o\x00d\x00"),
    ("x.exe", b"MZ"),
    ("gammal.xlsx", b"\xd0\xcf\x11\xe0old"),
]


@pytest.mark.django_db
def test_no_generated_request_is_a_server_error_and_a_refused_one_writes_nothing(world, subtests):
    build_plans(world)
    cases = [(case, reverse(case.name, kwargs={"region_slug": "alfa", **case.kwargs(world)})) for case in VIEW_CASES]
    checkers = {p: Checker(world.client(p)) for p in PERSONA_ORDER}
    # The forms every page shows, by the view they are sent to.
    forms: dict[str, list[tuple[str, dict]]] = {}
    for case, url in cases:
        if case.method != "get":
            continue
        response = checkers[persona_for(case)].client.get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_of(response.content.decode(), url):
            target = view_name(form["action"])
            if target and form["method"] == "post":
                forms.setdefault(target, []).append((form["action"], form["fields"]))
    seen = set()
    for case, url in cases:
        check = checkers[persona_for(case)]
        with subtests.test(f"{case.method} {case.name}"):
            params = params_of_view(url)
            if case.method == "get" and (case.name, "get") not in seen:
                seen.add((case.name, "get"))
                sweep(check, "get", url, {}, params)
                random_requests(check, "get", url, {})
            targets = forms.get(case.name) or [(url, {})]
            action, fields = next(((a, f) for a, f in targets if a == url), targets[0])
            if (case.method == "post" or case.name in forms) and (case.name, "post") not in seen:
                seen.add((case.name, "post"))
                sweep(check, "post", action, fields, params)
                random_requests(check, "post", action, fields)
    assert sum(c.sent for c in checkers.values()) > 2000  # the pass really went through the views
    assert len(forms) > 30, sorted(forms)


def _query(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


GLOBAL = ["login", "password_reset", "set_language", "health", "home"]


@pytest.mark.parametrize("name", GLOBAL)
def test_the_pages_outside_regions_take_any_input_too(db, name):
    url = reverse(name)
    client = Client()
    page = client.get(url)
    fields = {}
    if "html" in page.get("Content-Type", ""):
        for form in forms_of(page.content.decode(), url):
            fields.update(form["fields"])

    @settings(
        max_examples=EXAMPLES * 2,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request_strategy(fields))
    def one(drawn):
        own, extra, _htmx = drawn
        with transaction.atomic():
            for response in (client.get(url, extra), client.post(f"{url}?{_query(extra)}", own)):
                assert response.status_code < 500, (url, own, extra, response.status_code)
            transaction.set_rollback(True)

    one()
