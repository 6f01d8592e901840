"""In a real browser: every demo role logs in, lands in its region, and the pages pass axe-core
(WCAG 2.1 A and AA) with zero violations.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; the browser cannot be
downloaded here. Without Chromium these tests skip with a message, except under CI=true,
where they must run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.browser

if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI=true but Chromium is missing at {CHROMIUM}: .ci/run must install the 'chromium' package.")
    pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests.",
                allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
# fixtures here are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)


def check_accessibility(page, name: str):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def log_in(page, base_url, email):
    page.goto(f"{base_url}/konto/logga-in/")
    check_accessibility(page, "login")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill("regionplan-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("networkidle")


ROLE_PAGES = [
    ("admin@norrbotten.demo", "Administratör", ["organisation/", "anvandare/", "kalender/", "organisation/import/", "installningar/"]),
    ("controller@norrbotten.demo", "Controller", ["organisation/", "kalender/"]),
    ("chef@norrbotten.demo", "Chef", ["organisation/"]),
    ("politiker@norrbotten.demo", "Läsare", ["organisation/"]),
    ("admin@vasternorrland.demo", "Administratör", ["anvandare/"]),
]


@pytest.mark.parametrize("email, role_label, extra_pages", ROLE_PAGES, ids=[r[0] for r in ROLE_PAGES])
def test_each_demo_role_logs_in_to_an_accessible_start_page(browser, live_server, demo, email, role_label, extra_pages):
    slug = email.split("@")[1].split(".")[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, email)
    assert page.url == f"{live_server.url}/{slug}/"
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Region ")
    assert page.get_by_text(role_label, exact=True).first.is_visible()
    assert page.get_by_role("list", name="Organisationsträd").is_visible()
    check_accessibility(page, f"start-{email}")
    for path in extra_pages:
        page.goto(f"{live_server.url}/{slug}/{path}")
        assert page.get_by_role("heading", level=1).is_visible()
        check_accessibility(page, f"{email}-{path.strip('/').replace('/', '-')}")
    context.close()


def test_manager_sees_own_division_and_no_admin_controls(browser, live_server, demo):
    page = browser.new_context().new_page()
    log_in(page, live_server.url, "chef@norrbotten.demo")
    assert page.get_by_role("link", name="Division Regionstöd").first.is_visible()
    assert page.get_by_role("link", name="Användare och roller").count() == 0
    # Deeper levels load on demand with htmx, in place.
    page.get_by_role("link", name="Visa 7 underenheter till Division Regionstöd").click()
    page.get_by_role("link", name="Facility Management", exact=True).wait_for()
    assert page.url.endswith("/norrbotten/")
    check_accessibility(page, "tree-expanded")
    page.get_by_role("link", name="Division Regionstöd").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Division Regionstöd"
    assert page.get_by_role("link", name="Ändra").count() == 0


def test_admin_revokes_a_role_with_htmx_and_keyboard(browser, live_server, demo):
    page = browser.new_context().new_page()
    log_in(page, live_server.url, "admin@vasternorrland.demo")
    page.goto(f"{live_server.url}/vasternorrland/anvandare/")
    page.on("dialog", lambda dialog: dialog.accept())
    button = page.get_by_role("button", name="Ta bort chef chef@vasternorrland.demo Fastighet och service")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.body.innerText.includes('chef@vasternorrland.demo')")
    assert "Rollen är borttagen." in page.inner_text("#role-table")
    check_accessibility(page, "after-revoke")


def test_language_switch_in_the_browser(browser, live_server, demo):
    page = browser.new_context().new_page()
    log_in(page, live_server.url, "politiker@vasternorrland.demo")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Your roles").is_visible()
    check_accessibility(page, "start-english")


def _unit_pk(slug, code):
    from regionplan.models import OrgUnit, Region
    from regionplan.tenancy import region_scope

    with region_scope(Region.objects.get(slug=slug)):
        return OrgUnit.objects.get(code=code).pk


def test_controller_adds_a_success_factor_and_a_measure_in_place(browser, live_server, demo):
    """The controller reopens the division's plan as a draft, adds a success factor under
    the assembly's inherited goal and a measure under it, without page reloads, and finds
    both after a reload. axe-core checks the plan page and the open form."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, "controller@norrbotten.demo")
    plan_url = f"{live_server.url}/norrbotten/planer/{_unit_pk('norrbotten', 'DRS')}/2026/"
    page.goto(plan_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Plan 2026 för Division Regionstöd"
    check_accessibility(page, "plan-adopted")
    page.get_by_role("button", name="Gör till utkast").click()
    page.get_by_text("Planen är ett utkast igen.").wait_for()

    goal = page.locator("li.level-goal", has_text="Hållbar kompetensförsörjning")
    goal.get_by_role("link", name="Lägg till framgångsfaktor under SM-MA1").click()
    form = page.locator("form.inline-panel")
    form.get_by_label("Namn").wait_for()
    page.wait_for_function("document.activeElement.tagName === 'H3'", timeout=3000)  # focus moves to the new form
    check_accessibility(page, "plan-form-open")
    form.get_by_label("Namn").fill("Friska arbetsplatser")
    form.get_by_label("Kod").fill("FF-FRISK")
    form.get_by_role("button", name="Spara").click()
    page.get_by_text("”Friska arbetsplatser” är tillagd (framgångsfaktor).").wait_for()
    assert page.url == plan_url, "no page reload"

    factor = page.locator("li.level-factor", has_text="Friska arbetsplatser")
    factor.get_by_role("link", name="Lägg till styrmått under FF-FRISK").click()
    form = page.locator("form.inline-panel")
    form.get_by_label("Namn").fill("Korttidssjukfrånvaro")
    form.get_by_label("Måttenhet").select_option("%")
    form.get_by_label("Riktning").select_option("lower")
    form.get_by_label("Frekvens").select_option("month")
    form.get_by_label("Målvärde").fill("mycket")
    form.get_by_role("button", name="Spara").click()
    page.get_by_text("”mycket” är inget målvärde").wait_for()
    form = page.locator("form.inline-panel")
    form.get_by_label("Målvärde").fill("< 2,5")
    form.get_by_label("Könsuppdelat").check()
    form.get_by_role("button", name="Spara").click()
    page.get_by_text("”Korttidssjukfrånvaro” är tillagd (styrmått).").wait_for()

    page.reload()
    measure = page.locator("li.level-measure", has_text="Korttidssjukfrånvaro")
    assert measure.is_visible()
    assert "< 2,5 %" in measure.inner_text()
    assert page.locator("li.level-factor", has_text="Friska arbetsplatser").locator("li.level-measure").count() == 1
    check_accessibility(page, "plan-after-adding")


def test_manager_reports_a_value_and_a_yellow_assessment_and_a_conflict_is_resolved(browser, live_server, demo):
    """chef@norrbotten.demo sets a measure's value and Gul with a comment (and a reason,
    since the suggestion is Röd), reloads and finds both; a controller in a second browser
    saves the same row on a stale page, is refused with both texts shown, merges and saves."""
    from django.utils import timezone

    from followup.models import Assessment, MeasureValue
    from regionplan.models import Region
    from regionplan.tenancy import region_scope

    code = f"{timezone.localdate().year}-T3"
    url = f"{live_server.url}/norrbotten/uppfoljning/?period={code}"
    with region_scope(Region.objects.get(slug="norrbotten")):  # arrange: the row is not yet reported
        Assessment.objects.filter(item__code="M-SJUK", unit__code="DRS", period__code=code).delete()
        MeasureValue.objects.filter(measure__code="M-SJUK", unit__code="DRS", period__code=code).delete()
    manager = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(manager, live_server.url, "chef@norrbotten.demo")
    controller = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(controller, live_server.url, "controller@norrbotten.demo")
    manager.goto(url)
    controller.goto(f"{url}&enhet={_unit_pk('norrbotten', 'DRS')}")  # opened before the manager saves: now stale
    check_accessibility(manager, "my-followup")
    assert "klara" in manager.locator("#progress").inner_text()
    before = manager.locator("#progress").inner_text()

    row = manager.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    row.get_by_label("Kvinnor").fill("7,4")
    row.get_by_label("Män").fill("4,9")
    row.get_by_label("Totalt").fill("6,8")
    row.get_by_label("Gul").check()
    row.get_by_label("Kommentar").fill("Hög sjukfrånvaro bland kvinnor i lokalvården.")
    row.get_by_role("button", name="Spara M-SJUK").click()
    manager.get_by_text("Förslaget är Röd. Skriv varför du bedömer Gul.").wait_for()
    row = manager.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    row.get_by_label("Skäl till annan bedömning än förslaget").fill("Sjunkande trend sedan i våras.")
    row.get_by_role("button", name="Spara M-SJUK").click()
    manager.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first.locator(".saved").wait_for()
    assert manager.locator("#progress").inner_text() != before, "the progress line moves"
    check_accessibility(manager, "my-followup-saved")

    manager.reload()
    row = manager.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    assert row.get_by_label("Kvinnor").input_value() == "7,4"
    assert row.get_by_label("Gul").is_checked()
    assert row.get_by_label("Kommentar").input_value() == "Hög sjukfrånvaro bland kvinnor i lokalvården."

    other = controller.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    other.get_by_label("Röd").check()
    other.get_by_label("Totalt").fill("6,8")
    other.get_by_label("Kommentar").fill("Åtgärdsplan saknas.")
    other.get_by_role("button", name="Spara M-SJUK").click()
    controller.get_by_text("Ditt förslag är inte sparat").wait_for()
    other = controller.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    assert "Hög sjukfrånvaro bland kvinnor i lokalvården." in other.inner_text()
    check_accessibility(controller, "followup-conflict")
    other.get_by_label("Gul").check()
    other.get_by_label("Kommentar").fill("Hög sjukfrånvaro bland kvinnor i lokalvården. Åtgärdsplan saknas.")
    other.get_by_label("Skäl till annan bedömning än förslaget").fill("Sjunkande trend sedan i våras.")
    other.get_by_role("button", name="Spara M-SJUK").click()
    controller.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first.locator(".saved").wait_for()

    controller.goto(f"{live_server.url}/norrbotten/uppfoljning/oversikt/?period={code}")
    assert controller.get_by_role("heading", level=1).inner_text().startswith("Uppföljningsöversikt")
    check_accessibility(controller, "followup-overview")


def test_controller_uploads_values_watches_the_job_and_finds_them_on_my_followup(browser, live_server, demo, monkeypatch,
                                                                                  tmp_path):
    """controller@norrbotten.demo uploads a csv on the import page; the job waits for a
    worker, the page polls it (htmx) until the worker is done, the result lists the change,
    and Min uppföljning shows the new value with its source."""
    from django.utils import timezone

    from followup import jobs
    from followup.models import ImportJob, MeasureValue
    from regionplan.models import Region
    from regionplan.tenancy import region_scope

    code = f"{timezone.localdate().year}-T3"
    region = Region.objects.get(slug="norrbotten")
    with region_scope(region):
        MeasureValue.objects.filter(measure__code="M-SJUK", unit__code="DRS", period__code=code).delete()
    monkeypatch.setattr(jobs, "_queue", lambda job, inline=False: None)  # the "worker" runs below, on cue
    upload = tmp_path / "sjukfranvaro.csv"
    upload.write_text(f"Mått;Organisation;Period;Kön;Värde;Kommentar\nM-SJUK;DRS;{code};K;6,1;\nM-SJUK;DRS;{code};M;4,2;\n"
                      f"M-SJUK;DRS;{code};T;5,3;Från Heroma\n", encoding="utf-8")

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server.url, "controller@norrbotten.demo")
    page.get_by_role("link", name="Import", exact=True).click()
    check_accessibility(page, "import-index")
    page.get_by_label("Fil (xlsx eller csv)").set_input_files(str(upload))
    page.get_by_role("button", name="Läs in").click()
    page.get_by_text("väntar").first.wait_for()
    check_accessibility(page, "import-job-waiting")

    with region_scope(region):
        job = ImportJob.objects.get(source_name="sjukfranvaro.csv")
        jobs.execute(job)
    page.get_by_text("0 ändrade, 0 oförändrade").wait_for(timeout=10_000)  # the polled partial, no reload
    assert "3 nya" in page.locator("#job-progress").inner_text()
    assert page.locator("#job-progress table").get_by_text("M-SJUK").count() == 3
    check_accessibility(page, "import-job-done")

    page.goto(f"{live_server.url}/norrbotten/uppfoljning/?period={code}&enhet={_unit_pk('norrbotten', 'DRS')}")
    row = page.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    assert row.get_by_label("Totalt").input_value() == "5,3"
    assert row.get_by_label("Kvinnor").input_value() == "6,1"
    assert "Källa: fil (sjukfranvaro.csv, import #" in row.inner_text()
    check_accessibility(page, "my-followup-imported")


def test_controller_generates_the_delarsrapport_and_downloads_the_pdf(browser, live_server, demo, monkeypatch, tmp_path):
    """controller@norrbotten.demo opens Division Regionstöd's delårsrapport 2022-T2, reads
    the outline and the preview, asks for a PDF, watches the version's page poll until the
    worker is done, and downloads a PDF that reads like the report; a chef autosaves a
    section. axe-core on every report page."""
    from playwright.sync_api import expect
    from pypdf import PdfReader

    from regionplan.models import Region
    from regionplan.tenancy import region_scope
    from reports import services, tasks
    from reports.models import ReportRun

    monkeypatch.setattr(tasks.render_report_run, "delay_on_commit", lambda run_id: None)  # the "worker" runs below
    region = Region.objects.get(slug="norrbotten")
    page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    log_in(page, live_server.url, "controller@norrbotten.demo")
    page.get_by_role("link", name="Rapporter", exact=True).click()
    check_accessibility(page, "report-index")
    page.get_by_role("row", name="Division Regionstöd").get_by_role("link", name="Delårsrapport").click()
    page.get_by_text("av 14 avsnitt klara").wait_for()
    outline_url = page.url
    check_accessibility(page, "report-outline")
    page.get_by_role("link", name="Förhandsgranska").click()
    page.get_by_role("heading", name="Uppföljning av jämställdhet").wait_for()
    check_accessibility(page, "report-preview")
    page.go_back()
    page.get_by_role("button", name="Skapa PDF").click()
    page.get_by_text("Väntar på att starta").wait_for()
    check_accessibility(page, "report-run-waiting")

    with region_scope(region):
        run = ReportRun.objects.get()
        services.execute_run(run)
    page.get_by_role("link", name="Ladda ner PDF").wait_for(timeout=20_000)  # the polled partial, no reload
    check_accessibility(page, "report-run-done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner PDF").click()
    saved = tmp_path / "delarsrapport.pdf"
    download.value.save_as(saved)
    reader = PdfReader(saved)
    text = "\n".join(p.extract_text() for p in reader.pages[:2])
    assert "Delårsrapport 2022" in text and "Division Regionstöd" in text
    with region_scope(region):
        run.refresh_from_db()
    assert run.status == ReportRun.DONE and len(reader.pages) == run.pages >= 8

    chef = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(chef, live_server.url, "chef@norrbotten.demo")
    chef.goto(outline_url)
    chef.get_by_role("link", name="Skriv Medarbetare").click()
    check_accessibility(chef, "report-section-edit")
    chef.get_by_label("Text", exact=True).press("End")
    chef.get_by_label("Text", exact=True).type("\n\nSjukfrånvaron ökade under våren.")
    expect(chef.locator("#save-status")).to_contain_text(re.compile(r"^\s*Sparat \d\d:\d\d"), timeout=10_000)  # autosaved
    expect(chef.locator("#section-preview")).to_contain_text("Sjukfrånvaron ökade under våren.")
    check_accessibility(chef, "report-section-saved")
