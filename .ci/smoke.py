"""The deployment smoke test: against a running server (DEBUG off, gunicorn, PostgreSQL,
static files from collectstatic's manifest), sign in as the demo controller as a browser
would and open a page of each app. Exits non-zero, saying what failed, if anything does.

    python .ci/smoke.py http://127.0.0.1:8897
"""

import http.cookiejar
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/")
USER, PASSWORD = "controller@norrbotten.demo", "regionplan-demo"
PAGES = [
    "/norrbotten/",  # the core
    "/norrbotten/planer/",  # goals
    "/norrbotten/uppfoljning/oversikt/",  # follow-up
    "/norrbotten/intern-kontroll/riskkategorier/",  # internal control
    "/norrbotten/rapporter/",  # reports
    "/norrbotten/dashboard/",  # dashboards
]

jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
failures = []


def get(path: str, data: dict | None = None) -> tuple[int, str, str]:
    """Status, final URL and body of a request (redirects followed, as a browser does)."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.url, error.read().decode(errors="replace")


status, _url, body = get("/halsa/")
health = json.loads(body) if status == 200 else {}
if status != 200 or health.get("templates") != "ok":
    failures.append(f"/halsa/ answered {status}: {body[:200]}")

status, _url, body = get("/konto/logga-in/")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
if status != 200 or not token:
    sys.exit(f"the login page answered {status} without a form")
status, url, body = get(
    "/konto/logga-in/", {"csrfmiddlewaretoken": token.group(1), "username": USER, "password": PASSWORD}
)
if "/konto/logga-in/" in url:
    sys.exit(f"login as {USER} failed over plain http (status {status}); secure cookies without TLS?")

for path in PAGES:
    status, url, body = get(path)
    if status != 200 or url != BASE + path:
        failures.append(f"{path}: {status} at {url}")
        continue
    # Static files come from the manifest: hashed names, served by the app itself.
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', body)
    if not css:
        failures.append(f"{path}: no hashed stylesheet (collectstatic's manifest missing?)")
    elif get(css.group(1))[0] != 200:
        failures.append(f"{css.group(1)} is not served")
    print(f"ok {path}")

if failures:
    sys.exit("deployment smoke test failed:\n  " + "\n  ".join(failures))
print(f"deployment smoke test passed: signed in as {USER}, {len(PAGES)} pages")
