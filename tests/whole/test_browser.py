"""In a real browser: every demo role logs in, lands in its region (a politician on the goal
dashboard), and the pages pass axe-core (WCAG 2.1 A and AA) with zero violations; the
dashboards also at tablet width (768 px) and with the keyboard only. Screenshots of every
checked page go to test-artifacts/.

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
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.browser

if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            f"CI=true but Chromium is missing at {CHROMIUM}: .ci/run must install the 'chromium' package."
        )
    pytest.skip(
        f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests.",
        allow_module_level=True,
    )

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
# fixtures here are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
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


# (email, role label, where the role lands after logging in, pages to check after the landing page)
ROLE_PAGES = [
    (
        "admin@norrbotten.demo",
        "Administratör",
        "",
        ["organisation/", "anvandare/", "kalender/", "organisation/import/", "installningar/"],
    ),
    ("controller@norrbotten.demo", "Controller", "", ["organisation/", "kalender/", "historik/"]),
    ("chef@norrbotten.demo", "Chef", "", ["organisation/"]),
    ("politiker@norrbotten.demo", "Läsare", "dashboard/", ["organisation/"]),
    ("admin@vasternorrland.demo", "Administratör", "", ["anvandare/"]),
]


@pytest.mark.parametrize("email, role_label, landing, extra_pages", ROLE_PAGES, ids=[r[0] for r in ROLE_PAGES])
def test_each_demo_role_logs_in_to_an_accessible_start_page(
    browser, live_server, demo, email, role_label, landing, extra_pages
):
    """Everyone who reports or plans lands on the start page (roles and organisation tree); a
    reader, who only reads, lands on the goal dashboard, and /<region>/ keeps sending them there."""
    slug = email.split("@")[1].split(".")[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, email)
    assert page.url == f"{live_server.url}/{slug}/{landing}"
    assert page.locator("html").get_attribute("lang") == "sv"
    nav = page.get_by_role("navigation", name="Huvudmeny")
    if landing == "dashboard/":
        assert re.fullmatch(r"Måluppfyllelse – Region \S+", page.get_by_role("heading", level=1).inner_text())
        assert nav.get_by_role("link", name="Måluppfyllelse").get_attribute("aria-current") == "page"
        assert page.locator("article.tile").count() > 0, "a tile per goal"
        assert page.get_by_role("list", name="Organisationsträd").count() == 0
        assert nav.get_by_role("link", name="Min uppföljning").count() == 0, "a reader reports nothing"
        page.goto(f"{live_server.url}/{slug}/")
        assert page.url == f"{live_server.url}/{slug}/{landing}"
    else:
        assert page.get_by_role("heading", level=1).inner_text().startswith("Region ")
        assert page.get_by_text(role_label, exact=True).first.is_visible()
        assert page.get_by_role("list", name="Organisationsträd").is_visible()
    check_accessibility(page, f"start-{email}")
    for path in extra_pages:
        page.goto(f"{live_server.url}/{slug}/{path}")
        assert page.get_by_role("heading", level=1).is_visible()
        if path == "organisation/":
            assert page.get_by_role("list", name="Organisationsträd").is_visible()
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
    """A politician switches to English on the dashboard they land on and stays there; a
    manager's start page reads "Your roles"."""
    page = browser.new_context().new_page()
    log_in(page, live_server.url, "politiker@vasternorrland.demo")
    assert page.url == f"{live_server.url}/vasternorrland/dashboard/"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/vasternorrland/dashboard/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Overview").is_visible()
    assert page.get_by_role("button", name="Svenska").is_visible()
    check_accessibility(page, "dashboard-english")

    page = browser.new_context().new_page()
    log_in(page, live_server.url, "chef@vasternorrland.demo")
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
    form.get_by_label("Måttenhet").fill("%")  # free text, with the common units suggested
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
    manager.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first.locator(
        ".saved"
    ).wait_for()
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
    controller.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first.locator(
        ".saved"
    ).wait_for()

    controller.goto(f"{live_server.url}/norrbotten/uppfoljning/oversikt/?period={code}")
    assert controller.get_by_role("heading", level=1).inner_text().startswith("Uppföljningsöversikt")
    check_accessibility(controller, "followup-overview")


def test_manager_finds_rows_is_warned_before_losing_work_and_sees_the_summaries_follow_a_save(
    browser, live_server, demo
):
    """chef@norrbotten.demo on Min uppföljning: the division's own rows only, the jump list to
    another unit and back, "bara ej klara" and a search; the overrule field appears only when
    the chosen status differs from the suggestion, and a count's Totalt is summed as it is typed;
    a typed, unsaved row is marked and leaving asks first; a save puts focus on the row's
    message and moves the unit's and perspective's summaries at once. axe-core on the way."""
    from django.utils import timezone
    from playwright.sync_api import expect

    from followup.models import MeasureValue
    from regionplan.models import Period, Region
    from regionplan.tenancy import region_scope

    code = f"{timezone.localdate().year}-T3"
    with region_scope(Region.objects.get(slug="norrbotten")):  # arrange: M-SJUK's value suggests Röd
        from goals.models import PlanItem
        from regionplan.models import OrgUnit

        MeasureValue.objects.update_or_create(
            measure=PlanItem.objects.get(code="M-SJUK", year=timezone.localdate().year),
            unit=OrgUnit.objects.get(code="DRS"),
            period=Period.objects.get(code=code),
            sex="total",
            defaults={"value": "7.4"},
        )
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server.url, "chef@norrbotten.demo")
    page.goto(f"{live_server.url}/norrbotten/uppfoljning/?period={code}")
    units = page.get_by_role("navigation", name="Enheter och perspektiv")
    assert units.get_by_role("link", name="Division Regionstöd").get_attribute("aria-current") == "page"
    assert page.locator("section.followup-unit").count() == 1, "one unit per page"
    check_accessibility(page, "my-followup-division")

    units.get_by_role("link", name="IT/MT", exact=True).click()
    expect(page.locator("section.followup-unit h2")).to_have_text("IT/MT")
    count = page.locator("article.report-row", has_text="Antal medarbetare, IT/MT-stöd")  # antal: Totalt is the sum
    was = [count.get_by_label(label).input_value() for label in ("Kvinnor", "Män", "Totalt")]
    count.get_by_label("Kvinnor").fill("12")
    count.get_by_label("Män").fill("30,5")
    assert count.get_by_label("Totalt").input_value() == "42,5"
    assert "Kvinnor + män" in count.inner_text()
    for label, value in zip(("Kvinnor", "Män", "Totalt"), was, strict=True):  # back as saved: nothing to lose
        count.get_by_label(label).fill(value)
    page.get_by_role("navigation", name="Enheter och perspektiv").get_by_role(
        "link", name="Division Regionstöd"
    ).click()
    expect(page.locator("section.followup-unit h2")).to_have_text("Division Regionstöd")
    everything = page.locator("article.report-row").count()
    page.get_by_label("bara ej klara").check()
    page.locator("form.followup-filter").get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile("rader=ej-klara"))
    assert 0 < page.locator("article.report-row").count() < everything
    assert page.get_by_label("bara ej klara").is_checked()
    page.get_by_label("Sök på kod eller namn (i alla enheter)").fill("sjukfrånvaro")
    page.get_by_label("alla", exact=True).check()
    page.locator("form.followup-filter").get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile("sok="))
    found = page.locator("article.report-row")
    assert found.count() >= 2 and page.locator("section.followup-unit").count() >= 2, "found in several units"
    assert all("sjukfrånvaro" in found.nth(i).inner_text().lower() for i in range(found.count()))

    page.goto(f"{live_server.url}/norrbotten/uppfoljning/?period={code}")
    row = page.locator("article.report-row", has_text="Sjukfrånvaro, regionens medarbetare").first
    reason = row.get_by_label("Skäl till annan bedömning än förslaget")
    row.get_by_label("Röd").check()  # what the suggestion says: no reason asked
    assert not reason.is_visible()
    row.get_by_label("Gul").check()
    assert reason.is_visible()
    row.get_by_label("Röd").check()

    factor = page.locator("article.report-row.level-factor").first
    section = factor.locator("xpath=preceding::h3[1]").get_attribute("id")
    summary, unit_summary = page.locator(f"#rollup-{section}"), page.locator("p[id^='rollup-unit-']")
    before, unit_before = summary.inner_text(), unit_summary.inner_text()
    chosen = "Grön" if "1 röd" in before or factor.get_by_label("Röd").is_checked() else "Röd"
    factor.get_by_label(chosen).check()
    factor.get_by_label("Kommentar").fill("Prövat i webbläsaren.")
    assert factor.get_by_text("Inte sparat").is_visible()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("navigation", name="Enheter och perspektiv").get_by_role("link", name="IT/MT", exact=True).click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"] and "visa=" not in page.url, "leaving asks first, and staying keeps the text"
    assert factor.get_by_label("Kommentar").input_value() == "Prövat i webbläsaren."

    factor.get_by_role("button", name="Spara").click()
    # Focus moves once htmx has settled the swap, a moment after the message appears.
    expect(page.locator("article.report-row.level-factor").first.locator(".saved")).to_be_focused()
    assert summary.inner_text() != before and unit_summary.inner_text() != unit_before, "summaries follow at once"
    assert not page.locator("article.report-row.level-factor").first.get_by_text("Inte sparat").is_visible()
    check_accessibility(page, "my-followup-after-save")
    page.get_by_role("navigation", name="Enheter och perspektiv").get_by_role("link", name="IT/MT", exact=True).click()
    expect(page.locator("section.followup-unit h2")).to_have_text("IT/MT")  # nothing unsaved: no question


def test_controller_uploads_values_watches_the_job_and_finds_them_on_my_followup(
    browser, live_server, demo, monkeypatch, tmp_path
):
    """controller@norrbotten.demo uploads a csv on the import page; the job waits for a
    worker, the page polls it (htmx) until the worker is done, the result lists the change,
    and Min uppföljning shows the new value with its source."""
    from django.utils import timezone

    from followup.imports import jobs
    from followup.models import ImportJob, MeasureValue
    from regionplan.models import Region
    from regionplan.tenancy import region_scope

    code = f"{timezone.localdate().year}-T3"
    region = Region.objects.get(slug="norrbotten")
    with region_scope(region):
        MeasureValue.objects.filter(measure__code="M-SJUK", unit__code="DRS", period__code=code).delete()
    monkeypatch.setattr(jobs, "_queue", lambda job, inline=False: None)  # the "worker" runs below, on cue
    upload = tmp_path / "sjukfranvaro.csv"
    upload.write_text(
        f"Mått;Organisation;Period;Kön;Värde;Kommentar\nM-SJUK;DRS;{code};K;6,1;\nM-SJUK;DRS;{code};M;4,2;\n"
        f"M-SJUK;DRS;{code};T;5,3;Från Heroma\n",
        encoding="utf-8",
    )

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


def test_controller_generates_the_delarsrapport_and_downloads_the_pdf(
    browser, live_server, demo, monkeypatch, tmp_path
):
    """controller@norrbotten.demo opens Division Regionstöd's delårsrapport 2022-T2, reads
    the outline and the preview, asks for a PDF, watches the version's page poll until the
    worker is done, and downloads a PDF that reads like the report; a chef autosaves a
    section. axe-core on every report page."""
    from playwright.sync_api import expect
    from pypdf import PdfReader

    from regionplan import background
    from regionplan.models import Region
    from regionplan.tenancy import region_scope
    from reports import services
    from reports.models import Report, ReportRun

    monkeypatch.setattr(background, "send", lambda pk, force=False: False)  # owed; the "worker" runs below
    region = Region.objects.get(slug="norrbotten")
    with region_scope(region):  # the demo's kind holds the automatic sections apps add (HR, internal control)
        sections = Report.objects.get(unit__code="DRS").sections.count()
    assert sections >= 15
    page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    log_in(page, live_server.url, "controller@norrbotten.demo")
    page.get_by_role("link", name="Rapporter", exact=True).click()
    check_accessibility(page, "report-index")
    page.get_by_role("row", name="Division Regionstöd").get_by_role("link", name="Delårsrapport").click()
    page.get_by_text(f"av {sections} avsnitt klara").wait_for()
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
    expect(chef.locator("#save-status")).to_contain_text(
        re.compile(r"^\s*Sparat \d\d:\d\d"), timeout=10_000
    )  # autosaved
    expect(chef.locator("#section-preview")).to_contain_text("Sjukfrånvaron ökade under våren.")
    check_accessibility(chef, "report-section-saved")


# --- dashboards --------------------------------------------------------------------------------

STATUS_WORD = re.compile(r"^[●▲■○] (Grön|Gul|Röd|Ej bedömd)$")  # icon + word: never colour alone
COUNTS = re.compile(r"^● \d+ gröna? ▲ \d+ gula? ■ \d+ röda?( ○ \d+ ej bedömda?)?$")


def _latest_assessed_tertial(slug):
    """The period a reader's dashboard opens on: the latest finished tertial (its last
    reporting day passed) with assessments, read here from the data, not from the
    dashboard's own code."""
    import datetime

    from followup.models import Assessment
    from regionplan.models import Period, Region
    from regionplan.tenancy import region_scope

    with region_scope(Region.objects.get(slug=slug)):
        period_id = (
            Assessment.objects.filter(period__kind="tertial", period__deadline__lt=datetime.date.today())
            .order_by("-period__end")
            .values_list("period_id", flat=True)
            .first()
        )
        return Period.objects.get(pk=period_id)


def _perspectives_with_goals(slug, year):
    from goals.models import PlanItem
    from regionplan.models import Region
    from regionplan.tenancy import region_scope

    with region_scope(Region.objects.get(slug=slug)):
        goals = PlanItem.objects.filter(level="goal", year=year).select_related("perspective")
        return {g.perspective.name for g in goals if g.perspective}, goals.count()


def _controls_besides(page, forms=("Välj period",)):
    """Form fields and buttons in the page's content outside the named forms (the print
    button is no edit control): what a reader must not get on a dashboard."""
    return page.evaluate(
        """(forms) => [...document.querySelectorAll(
              'main input:not([type=hidden]), main select, main textarea, main button:not([data-print]), main [contenteditable]')]
            .filter(el => !forms.includes(el.closest('form')?.getAttribute('aria-label')))
            .map(el => el.outerHTML.slice(0, 120))""",
        list(forms),
    )


def _assert_read_only(page, forms=("Välj period",)):
    assert _controls_besides(page, forms) == []
    for word in ("Ändra", "Redigera", "Lägg till", "Ta bort", "Spara"):
        assert page.locator("main").get_by_role("link", name=word, exact=True).count() == 0, word
        assert page.locator("main").get_by_role("button", name=word, exact=True).count() == 0, word


def _selected_period(page):
    return page.get_by_label("Period", exact=True).input_value()


def _cells_by_header(table, row_label):
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    cells = [c.strip() for c in table.locator("tbody tr", has_text=row_label).first.locator("td, th").all_inner_texts()]
    return dict(zip(headers, cells, strict=True))


def test_politician_drills_from_the_region_dashboard_to_a_measure_and_back(browser, live_server, demo):
    """politiker@norrbotten.demo lands on the region dashboard for the latest finished
    tertial with assessments: a tile per goal under each perspective, status as icon + word, counts per
    colour. They open 'Hållbar kompetensförsörjning', switch the period to Tertial 2 (delår)
    2022 with the period form (keyboard), open the measure 'Sjukfrånvaro, regionens
    medarbetare', read August 2022 for women and men in its table, compare the units, and
    follow the breadcrumbs back up. axe-core on every page; no edit controls anywhere."""
    base = live_server.url
    period = _latest_assessed_tertial("norrbotten")
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, "politiker@norrbotten.demo")

    # The region dashboard.
    assert page.url == f"{base}/norrbotten/dashboard/"
    assert page.get_by_role("heading", level=1).inner_text() == "Måluppfyllelse – Region Norrbotten"
    assert _selected_period(page) == period.code
    assert str(period) in page.locator(".dash-scope").inner_text()
    perspectives, goal_count = _perspectives_with_goals("norrbotten", period.start.year)
    sections = page.locator("section.dash-perspective")
    assert {h.strip() for h in sections.locator("h2").all_inner_texts()} == perspectives
    for i in range(sections.count()):
        assert sections.nth(i).locator("article.tile").count() >= 1, "every perspective shown has a goal"
    tiles = page.locator("article.tile")
    assert tiles.count() == goal_count
    for i in range(tiles.count()):
        tile = tiles.nth(i)
        assert tile.get_by_role("heading", level=3).get_by_role("link").is_visible()
        badge = tile.locator(".tile-status > .status")
        assert STATUS_WORD.match(" ".join(badge.inner_text().split())), badge.inner_text()
        assert badge.locator(".status-icon").get_attribute("aria-hidden") == "true"
        for level in ("Framgångsfaktorer", "Styrmått"):
            counts = tile.get_by_role("list", name=level)
            assert COUNTS.match(" ".join(counts.inner_text().split())), counts.inner_text()
    _assert_read_only(page)
    check_accessibility(page, "dashboard-region")

    # A goal's drill-down.
    page.get_by_role("link", name="Hållbar kompetensförsörjning", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hållbar kompetensförsörjning"
    assert page.get_by_role("heading", name="Framgångsfaktorer", level=2).is_visible()
    assert page.get_by_role("table", name=re.compile("^framgångsfaktorer med sammanvägd bedömning")).is_visible()
    _assert_read_only(page)
    check_accessibility(page, "dashboard-goal")

    # The period form, by keyboard: the same goal in 2022's plan, for Tertial 2 (delår) 2022.
    form = page.get_by_role("form", name="Välj period")
    form.get_by_label("Period", exact=True).focus()
    form.get_by_label("Period", exact=True).select_option(label="Tertial 2 (delår) 2022")
    form.get_by_role("button", name="Visa").press("Enter")
    page.wait_for_url(re.compile(r"period=2022-T2"))
    assert page.get_by_role("heading", level=1).inner_text() == "Hållbar kompetensförsörjning"
    assert _selected_period(page) == "2022-T2"
    assert "Tertial 2 (delår) 2022" in page.locator(".dash-scope").inner_text()
    goal_url = page.url  # 2022's goal: the form redirected to the same code in that year's plan

    # The measure, and its chart as a table.
    page.locator("article.measure-card").get_by_role("link", name="Sjukfrånvaro, regionens medarbetare").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sjukfrånvaro, regionens medarbetare"
    assert _selected_period(page) == "2022-T2"
    assert "Kvinnor 7,4, män 4,9" in page.locator(".facts").inner_text()
    table = page.get_by_role("table", name=re.compile("^Sjukfrånvaro, regionens medarbetare – "))
    assert not table.is_visible()
    page.locator("summary", has_text="Visa som tabell").click()
    assert table.is_visible()
    august = _cells_by_header(table, "Augusti 2022")
    assert (august["Kvinnor"], august["Män"]) == ("7,4", "4,9")
    assert page.get_by_role("region", name=re.compile("^Sjukfrånvaro, regionens medarbetare – ")).is_visible()
    _assert_read_only(page)
    check_accessibility(page, "dashboard-measure")
    measure_url = page.url

    # Units compared on the measure.
    page.get_by_role("link", name="Jämför enheter på måttet").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Jämför enheter: Sjukfrånvaro, regionens medarbetare"
    assert page.get_by_role("img", name=re.compile("^Sjukfrånvaro, regionens medarbetare per ")).is_visible()
    _assert_read_only(page, forms=("Välj period", "Välj nivå"))
    check_accessibility(page, "dashboard-compare")
    crumbs = page.get_by_role("navigation", name="Brödsmulor")
    crumbs.get_by_role("link", name="Sjukfrånvaro, regionens medarbetare").click()
    assert page.url == measure_url

    # Back up the breadcrumbs: the success factor, the unit's dashboard, Måluppfyllelse; the period stays.
    crumbs = page.get_by_role("navigation", name="Brödsmulor")
    assert crumbs.locator("[aria-current=page]").inner_text() == "Sjukfrånvaro, regionens medarbetare"
    goal_crumb = crumbs.get_by_role("link", name="Hållbar kompetensförsörjning").get_attribute("href")
    assert goal_crumb.startswith(goal_url.split("?")[0].removeprefix(base)) and "ff=" not in goal_crumb
    assert "period=2022-T2" in goal_crumb
    crumbs.get_by_role("link", name="Hållbar arbetsmiljö").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hållbar kompetensförsörjning"
    assert page.get_by_role("heading", name=re.compile("^Styrmått under Hållbar arbetsmiljö")).is_visible()
    assert page.get_by_role("link", name="Hållbar arbetsmiljö").first.get_attribute("aria-current") == "true"
    page.get_by_role("link", name="Visa alla styrmått under målet").click()
    assert page.get_by_role("heading", name=re.compile(r"^Styrmått \(")).is_visible()
    crumbs = page.get_by_role("navigation", name="Brödsmulor")
    assert crumbs.locator("[aria-current=page]").inner_text() == "Hållbar kompetensförsörjning"
    # The region's root is the region itself, named once (first); "Måluppfyllelse" is its dashboard.
    assert crumbs.locator("a[href*='/dashboard/']", has_text="Region Norrbotten").count() == 0
    crumbs.get_by_role("link", name="Måluppfyllelse").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Måluppfyllelse – Region Norrbotten"
    assert _selected_period(page) == "2022-T2"
    assert page.locator("article.tile").count() == _perspectives_with_goals("norrbotten", 2022)[1]


def _tab_to(page, name, limit=80):
    """Press Tab until the focused element's text is `name`; every stop is recorded, and
    each must show where the focus is (the :focus-visible outline)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement;
            return {text: (el.innerText || el.getAttribute('aria-label') || '').trim(), tag: el.tagName,
                    visible: el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none'}; }""")
        stops.append(focused)
        if focused["text"] == name:
            return stops
    raise AssertionError(f"Tab never reached {name!r}: {[s['text'] for s in stops]}")


def _no_sideways_scroll(page, width=768):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways: {scroll_width} px > {width} px"


def test_dashboard_on_a_tablet_with_the_keyboard_only(browser, live_server, demo):
    """At 768 × 1024 (a tablet) the dashboard and a goal's drill-down fit the width (no
    sideways scrolling: wide tables scroll in their own region), and the keyboard alone gets
    a reader from the dashboard's goal links into a drill-down. Screenshots:
    test-artifacts/dashboard-768.png, dashboard-goal-768.png, dashboard-measure-768.png."""
    base = live_server.url
    page = browser.new_context(viewport={"width": 768, "height": 1024}).new_page()
    log_in(page, base, "politiker@norrbotten.demo")
    assert page.url == f"{base}/norrbotten/dashboard/"
    _no_sideways_scroll(page)
    check_accessibility(page, "dashboard-768")
    goals = [t.strip() for t in page.locator("article.tile h3 a").all_inner_texts()]
    assert "Hållbar kompetensförsörjning" in goals

    stops = _tab_to(page, "Hållbar kompetensförsörjning")  # from the top of the freshly loaded page
    reached = [s["text"] for s in stops if s["text"] in goals]
    assert reached == goals[: goals.index("Hållbar kompetensförsörjning") + 1], "each goal link, in reading order"
    assert all(s["visible"] for s in stops), [s["text"] for s in stops if not s["visible"]]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/mal/\d+/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Hållbar kompetensförsörjning"
    _no_sideways_scroll(page)
    check_accessibility(page, "dashboard-goal-768")

    # The period form by keyboard too: Tab to the period, pick Tertial 2 (delår) 2022, Enter on Visa.
    select = page.get_by_label("Period", exact=True)
    select.focus()
    select.select_option("2022-T2")
    page.keyboard.press("Tab")  # the comparison checkbox
    page.keyboard.press("Tab")  # Visa
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"period=2022-T2"))
    _no_sideways_scroll(page)
    check_accessibility(page, "dashboard-goal-2022-768")
    page.locator("article.measure-card").get_by_role("link", name="Sjukfrånvaro, regionens medarbetare").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/matt/\d+/"))
    page.locator("summary", has_text="Visa som tabell").focus()
    page.keyboard.press("Enter")  # opens the table alternative
    assert page.get_by_role("table", name=re.compile("^Sjukfrånvaro, regionens medarbetare – ")).is_visible()
    _no_sideways_scroll(page)
    check_accessibility(page, "dashboard-measure-768")


def test_manager_sees_the_division_dashboard_with_what_needs_attention(browser, live_server, demo):
    """chef@norrbotten.demo opens Måluppfyllelse: the dashboard for Division Regionstöd, with
    'Behöver uppmärksamhet' (red items, measures without recent values, overdue assignments)
    above the tiles, and no edit controls on the dashboard itself."""
    base = live_server.url
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, "chef@norrbotten.demo")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Måluppfyllelse").click()
    assert page.url == f"{base}/norrbotten/dashboard/"
    assert page.get_by_role("heading", level=1).inner_text() == "Måluppfyllelse – Division Regionstöd"
    assert page.locator(".dash-scope").inner_text().startswith("Division Regionstöd och enheterna under, ")
    attention = page.get_by_role("region", name="Behöver uppmärksamhet")
    assert attention.is_visible()
    assert re.search(r"\d+ (röd post|röda poster)", attention.inner_text())
    red = attention.locator("li", has=page.locator(".status-red"))
    assert red.count() >= 1
    assert all(STATUS_WORD.match(" ".join(t.split()[:2])) for t in red.locator(".status").all_inner_texts())
    assert attention.get_by_role("link", name="Till Min uppföljning").is_visible()
    assert page.locator("article.tile").count() >= 1
    _assert_read_only(page)
    check_accessibility(page, "dashboard-division")
    red_measure = red.get_by_role("link").first  # a red measure opens on its page, for that unit
    name = red_measure.inner_text()
    red_measure.click()
    assert name.endswith(page.get_by_role("heading", level=1).inner_text())
    _assert_read_only(page)
    page.go_back()
    page.get_by_role("link", name="Hållbar kompetensförsörjning", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hållbar kompetensförsörjning"
    assert "Division Regionstöd och enheterna under" in page.locator(".dash-scope").inner_text()
    _assert_read_only(page)
    check_accessibility(page, "dashboard-division-goal")


def test_internal_control_from_valuing_a_risk_to_a_result_and_the_politicians_heat_map(browser, live_server, demo):
    """chef@norrbotten.demo values a risk on the matrix with the keyboard alone, then records
    a control's result with a finding on Min uppföljning, which asks for an action before it
    saves; politiker@norrbotten.demo opens the division's heat map and reaches the risk from
    its cell. axe-core on every page."""
    from django.db.models import Q
    from django.utils import timezone
    from playwright.sync_api import expect

    from internal_control.models import ControlResult, Risk, RiskAction
    from regionplan import registry
    from regionplan.models import OrgUnit, Period, Region
    from regionplan.tenancy import region_scope

    region = Region.objects.get(slug="norrbotten")
    today = timezone.localdate()
    with region_scope(region):  # arrange: a control of the division's adopted plan owed now, not yet reported
        period = Period.current(region, today)
        division = OrgUnit.objects.get(code="DRS")
        owed = [
            t for t in registry.owed(period, Q(path__startswith=division.path), today) if t.kind == "Kontrollmoment"
        ]
        assert owed, "the demo has controls of the division's plan owed in the current period"
        row = owed[0].row
        ControlResult.objects.filter(control=row.control, occurrence=row.occurrence.code).delete()
        risk = Risk.objects.get(
            analysis__unit__code="DRS-ITMT", analysis__year=today.year, name__startswith="Personberoenden"
        )

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server.url, "chef@norrbotten.demo")
    page.locator("nav.main-nav").get_by_role("link", name="Intern kontroll").click()
    check_accessibility(page, "ic-index")
    page.goto(f"{live_server.url}/norrbotten/intern-kontroll/risk/{risk.pk}/andra/")
    check_accessibility(page, "ic-risk-form")
    gross = page.get_by_role("group", name="Brutto: utan åtgärder")
    start = gross.locator("input[type=radio]:checked")
    start.focus()
    for key in ["ArrowUp"] * 5 + ["ArrowRight"] * 5:  # to the top right: likeliest and worst
        page.keyboard.press(key)
    expect(page.locator(":focus")).to_have_attribute("value", "4-4")
    assert gross.locator("input[type=radio]:checked").get_attribute("value") == "4-4"
    net = page.get_by_role("group", name="Netto: med befintliga åtgärder")
    net.locator("input[type=radio]:checked").focus()
    for key in ["ArrowDown"] * 5 + ["ArrowLeft"] * 5 + ["ArrowUp", "ArrowRight"]:  # 2 × 2
        page.keyboard.press(key)
    assert net.locator("input[type=radio]:checked").get_attribute("value") == "2-2"
    asked = []  # leaving the form with the valuation unsent asks first
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.locator("nav.main-nav").get_by_role("link", name="Min uppföljning").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"] and "/andra/" in page.url
    page.get_by_role("button", name="Spara risken").click()
    expect(page.get_by_text("Sannolikhet 4 Sannolik × konsekvens 4 Allvarlig: Röd")).to_be_visible()
    check_accessibility(page, "ic-risk")

    page.goto(f"{live_server.url}/norrbotten/uppfoljning/?period={period.code}&visa={row.unit.pk}")
    article = page.locator(f"#row-{row.key}")
    expect(article).to_be_visible()
    check_accessibility(page, "ic-my-followup")
    article.get_by_label("Mindre brister").check()
    action_box = article.get_by_role("group", name="Åtgärd")
    expect(action_box).to_be_visible()  # asked for only now that there is a finding
    article.get_by_label("Utförd den").fill(today.isoformat())
    article.get_by_label("Iakttagelser").fill("Två av tio stickprov saknade attest.")
    article.get_by_role("button", name="Spara").click()
    article = page.locator(f"#row-{row.key}")
    expect(article.get_by_text("Ett resultat med brister kräver en åtgärd")).to_be_visible()
    assert article.get_by_label("Iakttagelser").input_value() == "Två av tio stickprov saknade attest."
    article.get_by_label(re.compile(r"^Åtgärd:?$")).fill("Påminn om attestordningen")
    article.get_by_label("eller ansvarig funktion").fill("Ekonomichef")
    article.get_by_label("Åtgärden klar senast").fill(f"{today.year + 1}-03-31")
    article.get_by_role("button", name="Spara").click()
    expect(page.locator(f"#row-{row.key} .saved")).to_be_focused()
    with region_scope(region):
        result = ControlResult.objects.get(control=row.control, occurrence=row.occurrence.code)
        assert (
            result.outcome == "minor" and RiskAction.objects.filter(result=result, owner_label="Ekonomichef").exists()
        )
        netto = (row.control.risk.net_likelihood, row.control.risk.net_impact)
    check_accessibility(page, "ic-my-followup-after-save")

    politician = browser.new_context(viewport={"width": 1024, "height": 1366}).new_page()
    log_in(politician, live_server.url, "politiker@norrbotten.demo")
    politician.get_by_role("link", name="Till riskkartan och kontrollerna").click()  # the region dashboard's block
    check_accessibility(politician, "ic-dashboard-reader")
    politician.locator(f"table.heatmap a[href*='&s={netto[0]}&k={netto[1]}']").first.click()
    expect(politician.get_by_role("heading", level=1)).to_contain_text("Risker i rutan")
    check_accessibility(politician, "ic-dashboard-cell")
    politician.get_by_role("link", name=re.compile(re.escape(row.control.risk.name))).first.click()
    expect(politician.get_by_role("heading", level=1)).to_contain_text(row.control.risk.name)
    check_accessibility(politician, "ic-dashboard-risk")
    politician.get_by_role("link", name="Öppna risken i intern kontroll").click()
    expect(politician.get_by_role("heading", level=1)).to_contain_text(row.control.risk.name)
    expect(politician.get_by_text("Två av tio stickprov saknade attest.")).to_be_visible()
    assert politician.get_by_role("link", name="Ändra risken").count() == 0
    check_accessibility(politician, "ic-risk-reader")


def test_sam_annual_followup_answered_with_htmx_sign_refused_and_the_sam_dashboard(browser, live_server, demo):
    """SAM's annual follow-up (issue 18): the manager answers a question of an area's follow-up
    in place (htmx), is refused the sign-off with the unanswered questions named, sees the
    division's roll-up of last year's demo follow-up; a politician opens the SAM dashboard
    and drills to a unit. axe-core on every page."""
    from django.utils import timezone
    from playwright.sync_api import expect

    from regionplan.models import OrgUnit, Region
    from regionplan.tenancy import region_scope

    year = timezone.localdate().year
    with region_scope(Region.objects.get(slug="norrbotten")):
        division = OrgUnit.objects.get(code="DRS")
        area = OrgUnit.objects.filter(parent=division).order_by("name").first()
    base = f"{live_server.url}/norrbotten/arbetsmiljo/arlig-uppfoljning"
    page = browser.new_page()
    log_in(page, live_server.url, "chef@norrbotten.demo")
    page.goto(f"{base}/{area.pk}/{year}/")
    check_accessibility(page, "we-annual")
    row = page.locator("tbody tr").first
    row.get_by_label("Delvis").check()
    row.get_by_label("Kommentar").fill("Policyn finns men är inte känd av alla.")
    row.get_by_role("button", name=re.compile("Spara svar")).click()
    expect(page.locator("tbody tr").first.get_by_text("Sparat.")).to_be_visible()
    expect(page.locator("tbody tr").first.get_by_text("Gul")).to_be_visible()
    page.get_by_role("button", name="Signera").click()
    expect(page.get_by_role("alert")).to_contain_text("Obesvarade")
    check_accessibility(page, "we-annual-refused")
    page.goto(f"{base}/{division.pk}/{year - 1}/")
    expect(page.get_by_text("Enheterna direkt under, var och en med sin egen uppföljning")).to_be_visible()
    expect(page.get_by_text("Signerad av")).to_be_visible()
    check_accessibility(page, "we-annual-division")
    page.get_by_role("link", name="Frågorna").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Frågor i årlig uppföljning av SAM")
    check_accessibility(page, "we-annual-questions")

    politician = browser.new_page()
    log_in(politician, live_server.url, "politiker@norrbotten.demo")
    politician.goto(f"{live_server.url}/norrbotten/arbetsmiljo/?enhet={division.pk}&ar={year - 1}")
    expect(politician.get_by_role("heading", level=1)).to_contain_text("Systematiskt arbetsmiljöarbete")
    check_accessibility(politician, "we-dashboard-reader")
    politician.get_by_role("link", name=area.name).first.click()
    expect(politician.get_by_role("heading", level=1)).to_contain_text(area.name)
    assert politician.get_by_role("button", name="Signera").count() == 0


def test_sam_incident_reported_serious_then_reported_to_the_authority_and_the_readers_statistics(
    browser, live_server, demo
):
    """SAM incidents (issue 18): the manager reports a serious incident (told on screen to
    report it to Arbetsmiljöverket), records the Authority's date and case number, and sees
    the statistics with the latest reports; a politician sees the statistics only. axe-core
    on every page."""
    from django.utils import timezone
    from playwright.sync_api import expect

    from regionplan.models import OrgUnit, Region
    from regionplan.tenancy import region_scope

    with region_scope(Region.objects.get(slug="norrbotten")):
        division = OrgUnit.objects.get(code="DRS")
        area = OrgUnit.objects.filter(parent=division).order_by("name").first()
    base = f"{live_server.url}/norrbotten/arbetsmiljo/handelser"
    page = browser.new_page()
    log_in(page, live_server.url, "chef@norrbotten.demo")
    page.goto(f"{base}/ny/")
    check_accessibility(page, "we-incident-new")
    page.get_by_label("Enhet").select_option(str(area.pk))
    page.get_by_label("Typ").select_option("skada")
    when = timezone.localtime() - timezone.timedelta(hours=2)
    page.get_by_label("När hände det").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Var (plats i ord)").fill("Lastkajen")
    page.get_by_label("Vad hände").fill("Ring 070-123 45 67 om detta.")
    page.get_by_label(re.compile("Allvarligt tillbud")).check()
    page.get_by_role("button", name="Rapportera").click()
    expect(page.get_by_role("alert").first).to_contain_text("inte rapporterad")
    check_accessibility(page, "we-incident-new-refused")
    page.get_by_label("Vad hände").fill("Fallande gods från pall, fotskada.")
    page.get_by_role("button", name="Rapportera").click()
    expect(page.get_by_text("Arbetsmiljöverket utan dröjsmål").first).to_be_visible()
    expect(page.get_by_text("Ej anmäld till Arbetsmiljöverket")).to_be_visible()
    check_accessibility(page, "we-incident")
    page.get_by_label("Anmäld till Arbetsmiljöverket").fill(timezone.localdate().isoformat())
    page.get_by_label("Arbetsmiljöverkets ärendenummer").fill("2026/099999")
    page.get_by_role("button", name="Spara utredningen").click()
    expect(page.get_by_text("Utredningen är sparad.")).to_be_visible()
    page.goto(f"{base}/?enhet={division.pk}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page, "we-incidents-manager")
    page.screenshot(path=str(Path(os.environ.get("SCREENSHOT_DIR", "/tmp")) / "we-incidents.png"), full_page=True)

    politician = browser.new_page()
    log_in(politician, live_server.url, "politiker@norrbotten.demo")
    politician.goto(f"{base}/?enhet={division.pk}")
    check_accessibility(politician, "we-incidents-reader")
    assert politician.get_by_text("Fallande gods").count() == 0


def test_sam_incident_investigated_into_an_action_a_safety_round_and_the_action_followed_up(browser, live_server, demo):
    """SAM (issue 18): the manager opens a demo incident, makes an action of it in the
    handlingsplan, performs a safety round with the skyddsombud (answers saved in place, a
    Nej turned into an action in one click, finishing refused until every question is
    answered), and finds both actions in the plan with its Excel export; axe-core on each page."""
    from django.utils import timezone
    from playwright.sync_api import expect

    from regionplan.models import OrgUnit, Region
    from regionplan.tenancy import region_scope
    from workenv.models import Incident

    with region_scope(Region.objects.get(slug="norrbotten")):
        division = OrgUnit.objects.get(code="DRS")
        incident = Incident.objects.filter(unit__path__startswith=division.path, serious=False).first()
    base = f"{live_server.url}/norrbotten/arbetsmiljo"
    page = browser.new_page()
    log_in(page, live_server.url, "chef@norrbotten.demo")
    page.goto(f"{base}/handelser/{incident.pk}/")
    page.get_by_role("link", name="Ny åtgärd i handlingsplanen").click()
    check_accessibility(page, "we-action-new")
    page.get_by_label(re.compile(r"^Åtgärd")).fill("Markera gångstråken på lagret med golvtejp")
    page.get_by_label("Klar senast").fill((timezone.localdate() + timezone.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Spara åtgärden").click()
    expect(page.get_by_text("Ange vem som ansvarar för åtgärden.")).to_be_visible()  # refused, typing kept
    expect(page.get_by_label(re.compile(r"^Åtgärd"))).to_have_value("Markera gångstråken på lagret med golvtejp")
    page.get_by_label("Ansvarig").select_option(index=1)
    page.get_by_role("button", name="Spara åtgärden").click()
    expect(page.get_by_text("Åtgärden är sparad.")).to_be_visible()

    page.goto(f"{base}/skyddsronder/enhet/{division.pk}/ny/")
    check_accessibility(page, "we-round-new")
    page.get_by_label("Checklista").select_option(label="Kontorsarbete")
    page.get_by_label("Skyddsombud").select_option(index=1)
    page.get_by_role("button", name="Skapa skyddsrond").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skyddsrond")
    check_accessibility(page, "we-round")
    rows = page.locator("tbody tr")
    first = rows.nth(0)
    first.get_by_label("Nej").check()
    first.get_by_label("Kommentar").fill("Skrivborden går inte att höja.")
    expect(first.get_by_text("Inte sparat")).to_be_visible()  # typed, not saved: leaving asks first
    first.get_by_role("button", name=re.compile("Spara svar")).click()
    expect(page.locator("tbody tr").nth(0).get_by_text("Sparat.")).to_be_visible()
    expect(page.locator("tbody tr").nth(0).get_by_text("Inte sparat")).to_be_hidden()
    page.get_by_role("button", name="Avsluta ronden").click()
    expect(page.get_by_role("alert").first).to_contain_text("Obesvarade")
    page.locator("tbody tr").nth(0).get_by_role("button", name=re.compile("Gör till åtgärd")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page, "we-round-finding")

    page.goto(f"{base}/handlingsplan/?enhet={division.pk}")
    expect(page.get_by_text("Markera gångstråken på lagret med golvtejp")).to_be_visible()
    expect(page.get_by_text("Skrivborden går inte att höja.").first).to_be_visible()
    check_accessibility(page, "we-action-plan")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exportera till Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.screenshot(path=str(Path(os.environ.get("SCREENSHOT_DIR", "/tmp")) / "we-action-plan.png"), full_page=True)
