"""Apps plug into the core (regionplan/registry.py): the menu, URLs, the reader's landing
page and the start page's links come from what the apps registered, not from the core."""

import re

from django.urls import reverse

from regionplan import registry


def menu(world, persona, path="/alfa/"):
    html = world.client(persona).get(path, follow=True).content.decode()
    nav = html[html.index('class="main-nav"'):html.index("</nav>")]
    return re.findall(r'<a href="[^"]+"( aria-current="page")?>([^<]+)</a>', nav)


def labels(entries):
    return [label for _current, label in entries]


def test_the_menu_comes_from_the_registry_in_order_and_by_permission(world):
    assert labels(menu(world, "admin")) == ["Översikt", "Måluppfyllelse", "Min uppföljning", "Uppföljningsöversikt",
                                           "Import", "Rapporter", "Planer", "Organisation", "Kalender",
                                           "Användare och roller", "Inställningar"]
    assert labels(menu(world, "manager")) == ["Översikt", "Måluppfyllelse", "Min uppföljning", "Rapporter", "Planer",
                                             "Organisation", "Kalender"]
    assert labels(menu(world, "reader")) == ["Översikt", "Måluppfyllelse", "Rapporter", "Planer", "Organisation",
                                            "Kalender"]


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
