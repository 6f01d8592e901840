"""Apps plug into the core (regionplan/registry.py): the menu, URLs, the reader's landing
page and the start page's links come from what the apps registered, not from the core."""

import re

import pytest
from django.urls import reverse

from regionplan import registry


def menu(world, persona, path="/alfa/"):
    html = world.client(persona).get(path, follow=True).content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>")]
    return re.findall(r'<a href="[^"]+"( aria-current="page")?>([^<]+)</a>', nav)


def labels(entries):
    return [label for _current, label in entries]


def test_the_menu_comes_from_the_registry_in_order_and_by_permission(world):
    assert labels(menu(world, "admin")) == [
        "Översikt",
        "Måluppfyllelse",
        "Min uppföljning",
        "Uppföljningsöversikt",
        "Import",
        "Rapporter",
        "Intern kontroll",
        "Arbetsmiljö",
        "Planer",
        "Organisation",
        "Kalender",
        "Användare och roller",
        "Ändringslogg",
        "Inställningar",
    ]
    assert labels(menu(world, "manager")) == [
        "Översikt",
        "Måluppfyllelse",
        "Min uppföljning",
        "Rapporter",
        "Intern kontroll",
        "Arbetsmiljö",
        "Planer",
        "Organisation",
        "Kalender",
    ]
    assert labels(menu(world, "reader")) == [
        "Översikt",
        "Måluppfyllelse",
        "Rapporter",
        "Intern kontroll",
        "Arbetsmiljö",
        "Planer",
        "Organisation",
        "Kalender",
    ]


def test_the_current_page_is_marked(world):
    current = [label for mark, label in menu(world, "controller", reverse("import_index", args=["alfa"])) if mark]
    assert current == ["Import"]
    current = [label for mark, label in menu(world, "controller", reverse("plan_index", args=["alfa"])) if mark]
    assert current == ["Planer"]


def test_an_app_added_later_needs_no_edit_of_the_core(world, monkeypatch):
    monkeypatch.setattr(registry, "_nav", dict(registry._nav))
    registry.add_nav(registry.NavEntry("Provapp", "calendar", 95))
    assert "Provapp" in labels(menu(world, "reader"))


def test_a_reader_lands_where_the_dashboards_said(world):
    assert registry.reader_landing() == "dashboard"
    response = world.client("reader").get("/alfa/")
    assert response.status_code == 302 and response["Location"] == reverse("dashboard", args=["alfa"])


def test_the_start_page_links_each_role_to_what_apps_offer(world):
    html = world.client("manager").get("/alfa/").content.decode()
    year = __import__("django.utils.timezone", fromlist=["x"]).localdate().year
    assert reverse("plan_detail", args=["alfa", world.units["DIV"].pk, year]) in html


def test_an_apps_report_section_is_offered_and_built_without_the_report_knowing_it(world, monkeypatch):
    """An app registers an automatic section with its builder; the report kind's form offers
    it, and assembling a report with it builds its table from the report's unit and period."""
    from regionplan.tables import Column, Table
    from reports.assembly import assemble
    from tests.view_table import make_report

    def build(data):
        table = Table("provapp", "Provappens tabell", [Column("Enhet"), Column("Period")])
        table.rows = [[data.unit.name, data.period.code]]
        return [table]

    monkeypatch.setattr(registry, "_sections", dict(registry._sections))
    registry.add_report_section(registry.ReportSection("provapp", "Provappens avsnitt", True, 115, build=build))
    form = world.client("controller").get(reverse("report_kind_edit", args=["alfa", "delarsrapport"])).content.decode()
    assert "Provappens avsnitt" in form
    report = make_report(world)
    from regionplan.tenancy import region_scope
    from reports.models import ReportSection

    with region_scope(world.alfa):
        section = ReportSection(report=report, key="provapp", title="Provappens avsnitt", order=99, automatic=True)
        content = assemble(report, report.period.end, sections=[section])
    [shown] = content.sections
    assert [t.rows for t in shown.tables] == [[[report.unit.name, report.period.code]]]


@pytest.fixture
def an_app_owes(monkeypatch, world):
    """A later app (internal control, say) registers what DIV owes in every period: one
    control done, one past due, without any follow-up page knowing the app."""
    from regionplan.models import OrgUnit

    monkeypatch.setattr(registry, "_owed", dict(registry._owed))

    def provider(period, units_q, today):
        units = {u.code: u for u in OrgUnit.objects.filter(units_q, code__in=["A-DIV"])}
        if "A-DIV" not in units:
            return []
        div = units["A-DIV"]
        return [
            registry.Owed(div, "Attestkontroll", "Kontroll", "/alfa/kalender/", due=period.deadline, done=True),
            registry.Owed(div, "Avtalstrohet", "Kontroll", "/alfa/kalender/", due=period.deadline, overdue=True),
        ]

    registry.add_owed("provapp", provider)


def test_what_an_app_says_a_unit_owes_shows_on_every_follow_up_page(world, an_app_owes, mailoutbox):
    from followup.tasks import send_reminder_digests
    from regionplan.models import Period
    from regionplan.tenancy import region_scope
    from tests.plans import YEAR, build_plans

    build_plans(world)
    period = f"{YEAR}-T3"
    mine = world.client("manager").get(reverse("my_followup", args=["alfa"]) + f"?period={period}").content.decode()
    assert "Annat att rapportera" in mine and "Attestkontroll" in mine and "Avtalstrohet" in mine
    overview = world.client("controller").get(reverse("followup_overview", args=["alfa"]) + f"?period={period}")
    row = overview.content.decode().split("Division Stöd A</a>")[1].split("</tr>")[0]
    assert "1 av 5" in row  # the division's three plan rows (none reported) and the app's two things, one done
    with region_scope(world.alfa):
        period_pk = Period.objects.get(code=period).pk
    send_reminder_digests(world.alfa.pk, period_pk)
    [digest] = [m for m in mailoutbox if "chef@alfa.test" in m.to]
    assert "Avtalstrohet" in digest.body and "Attestkontroll" not in digest.body
    dashboard = world.client("manager").get(reverse("dashboard", args=["alfa"]) + f"?period={period}").content.decode()
    assert "Avtalstrohet" in dashboard.split("Behöver uppmärksamhet")[1]


def test_an_apps_dashboard_block_is_shown_with_what_it_built(world, monkeypatch, tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "provapp").mkdir(parents=True)
    (template_dir / "provapp" / "_block.html").write_text('<section id="provapp">{{ data.text }}</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    monkeypatch.setattr(registry, "_blocks", dict(registry._blocks))
    registry.add_dashboard_block(
        registry.DashboardBlock(
            "provapp", "provapp/_block.html", 10, lambda scope: {"text": f"Block för {scope.unit.name}"}
        )
    )
    html = world.client("reader").get(reverse("dashboard", args=["alfa"])).content.decode()
    assert '<section id="provapp">Block för Enhet Rot A</section>' in html
