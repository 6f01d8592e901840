"""Dashboards: the region dashboard, a goal's drill-down, a measure's page and units compared.

Part one (TestDemo) reads the demo (Region Norrbotten) and checks the figures on the pages
against counts made here, independently, from the Assessment and MeasureValue rows. The
demo is seeded once for the class inside a transaction that is rolled back after it; every
test runs in its own savepoint on top of it.

Part two uses the small `world` (tests/conftest.py) with the plans of tests/plans.py for
2026 and the same plans for 2025 (linked through `copied_from`, as "Kopiera till nästa
år" links them), followed up in 2025-T2, 2026-T1 and 2026-T2: narrowing to a unit,
period and compare modes, the manager's attention list, which comments a reader sees,
refusals, bad parameters, stable URLs across years, the one-page PDF and escaping.
"""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db.models import Exists, OuterRef
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from followup.models import Assessment, FollowupSettings, MeasureValue
from goals.models import PlanItem
from goals.rules import Levels, Op, Target
from goals.services import ensure_plan, save_item
from regionplan import auditing, demo
from regionplan.models import OrgUnit, Period, User
from regionplan.status import Status, roll_up
from regionplan.tenancy import region_scope
from reports import dashboards as dashboard
from reports.models import ReaderSettings
from tests.conftest import demo_seeded_once
from tests.plans import YEAR, build_plans

G, Y, R, N = Status.GREEN, Status.YELLOW, Status.RED, Status.NOT_ASSESSED
D = Decimal


# --- reading the pages -----------------------------------------------------------------------

WORDS = {"grön": G, "gröna": G, "gul": Y, "gula": Y, "röd": R, "röda": R, "ej bedömd": N, "ej bedömda": N}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def counts_in(ul_html: str) -> Counter:
    """A `_dash_counts.html` list as {status: n} (zero counts left out)."""
    found = Counter()
    for n, word in re.findall(r"(\d+) (ej bedömda|ej bedömd|gröna|grön|gula|gul|röda|röd)\b", text_of(ul_html)):
        found[WORDS[word]] += int(n)
    return +found


@dataclass
class Tile:
    status: str
    factors: Counter
    measures: Counter
    trend: str | None
    html: str
    before_measures: Counter | None = None  # compare mode: the same period last year


def tiles_of(html: str) -> dict[int, Tile]:
    """The goal tiles of a region dashboard by goal id, as the screen shows them."""
    tiles = {}
    tile = r'<article class="tile tile-(\w+)"[^>]*aria-labelledby="goal-(\d+)"[^>]*>(.*?)</article>'
    for status, pk, body in re.findall(tile, html, re.S):
        lists = re.findall(r'<ul class="dash-counts"[^>]*>(.*?)</ul>', body, re.S)
        assert len(lists) in (2, 3), body
        trend = re.search(r'class="trend trend-(\w+)"', body)
        tiles[int(pk)] = Tile(
            status,
            counts_in(lists[0]),
            counts_in(lists[1]),
            trend.group(1) if trend else None,
            body,
            counts_in(lists[2]) if len(lists) == 3 else None,
        )
    return tiles


def card_of(html: str, code: str) -> str:
    """The measure card of the drill-down that shows the measure with this code."""
    cards = re.findall(r'<article class="measure-card".*?</article>', html, re.S)
    found = [c for c in cards if f"{code} ·" in c]
    assert len(found) == 1, f"{code} is not on the page"
    return found[0]


def table_rows(html: str) -> list[list[str]]:
    """The body rows of the first table in `html`, cell texts."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        [text_of(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def pdf_pages(data: bytes) -> list[str]:
    """The PDF's text per page (pypdf; a table cell's text may wrap onto several lines)."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# =============================================================================================
# Part one: the demo
# =============================================================================================

THIS_YEAR = timezone.localdate().year
DEMO_PERIODS = [
    f"{THIS_YEAR}-T2",
    "2022-T2",
]  # this year's delår (the demo follows the current year) and the seeds' year


@pytest.fixture(scope="class")
def demo_region(django_db_setup, django_db_blocker):
    """The demo regions, seeded once for TestDemo and rolled back after it."""
    with demo_seeded_once(django_db_blocker) as region:
        yield region


@pytest.fixture
def norrbotten(demo_region, db):
    with region_scope(demo_region):
        yield demo_region


def demo_client(login: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=demo.demo_email(login, "norrbotten")))
    return client


def demo_url(name: str, query: str, **kwargs) -> str:
    return f"{reverse(name, kwargs={'region_slug': 'norrbotten', **kwargs})}?{query}"


def statuses_below(goal: PlanItem, period: Period, level: str) -> Counter:
    """The colours of the goal's success factors or measures across the organisation,
    straight from the assessments (found by the item's path)."""
    return +Counter(
        Assessment.objects.filter(period=period, item__level=level, item__path__startswith=goal.path).values_list(
            "status", flat=True
        )
    )


def rank(status):
    return {G: 3, Y: 2, R: 1}[status]


def expected_status(goal: PlanItem, period: Period, root: OrgUnit) -> str:
    """The region's own assessment of the goal, else the roll-up of everything below it."""
    own = Assessment.objects.filter(item=goal, unit=root, period=period).values_list("status", flat=True).first()
    if own and own != N:
        return own
    below = Assessment.objects.filter(
        period=period, item__path__startswith=goal.path, item__level__in=[Levels.FACTOR, Levels.MEASURE]
    )
    return roll_up(below.values_list("status", "item__critical"), FollowupSettings.current().rollup_rule).status


class TestDemo:
    """Region Norrbotten's dashboards (the demo is seeded for this class only, so the small
    world's tests below run on an empty database as the other modules do)."""

    @pytest.mark.parametrize("code", DEMO_PERIODS)
    def test_demo_dashboard_counts_match_the_assessments(self, norrbotten, code):
        period = Period.objects.get(code=code)
        goals = list(PlanItem.objects.filter(level=Levels.GOAL, year=period.start.year))
        assert len(goals) == 5
        response = demo_client("politiker").get(demo_url("dashboard", f"period={code}"))
        assert response.status_code == 200
        tiles = tiles_of(response.content.decode())
        assert set(tiles) == {g.pk for g in goals}  # every goal of the year, and only those
        total = 0
        for goal in goals:
            tile = tiles[goal.pk]
            assert tile.factors == statuses_below(goal, period, Levels.FACTOR), goal.code
            assert tile.measures == statuses_below(goal, period, Levels.MEASURE), goal.code
            total += sum(tile.factors.values()) + sum(tile.measures.values())
        assert total > 40  # the demo is followed up in this period

    @pytest.mark.parametrize("code", DEMO_PERIODS)
    def test_demo_dashboard_trend_against_the_previous_tertial(self, norrbotten, code):
        period = Period.objects.get(code=code)
        before = Period.objects.filter(kind="tertial", end__lt=period.end).order_by("-end").first()
        assert before.code == f"{period.start.year}-T1"
        root = OrgUnit.objects.get(parent=None)
        goals = list(PlanItem.objects.filter(level=Levels.GOAL, year=period.start.year).order_by("order"))
        # The demo's region assesses its goals alike in every period; make it move: one goal
        # better, one worse, and one without the region's own assessment (rolled up instead).
        Assessment.objects.update_or_create(item=goals[0], unit=root, period=before, defaults={"status": R})
        Assessment.objects.update_or_create(item=goals[0], unit=root, period=period, defaults={"status": G})
        Assessment.objects.update_or_create(item=goals[1], unit=root, period=before, defaults={"status": G})
        Assessment.objects.update_or_create(item=goals[1], unit=root, period=period, defaults={"status": R})
        Assessment.objects.filter(item=goals[2], unit=root, period__in=[before, period]).delete()
        html = demo_client("politiker").get(demo_url("dashboard", f"period={code}")).content.decode()
        assert f"trend sedan {before}" in html
        tiles = tiles_of(html)
        trends = {}
        for goal in goals:
            now, then = expected_status(goal, period, root), expected_status(goal, before, root)
            assert tiles[goal.pk].status == now, goal.code
            expected = (
                None
                if N in (now, then)
                else ("better" if rank(now) > rank(then) else "worse" if rank(now) < rank(then) else "same")
            )
            assert tiles[goal.pk].trend == expected, goal.code
            trends[goal.code] = expected
        assert trends[goals[0].code] == "better" and trends[goals[1].code] == "worse"
        assert "Bedömt av Region Norrbotten" not in tiles[goals[2].pk].html
        assert "Sammanvägt:" in tiles[goals[2].pk].html

    def test_demo_drill_down_lists_sick_leave_with_the_sexes_of_august(self, norrbotten):
        goal = PlanItem.objects.get(code="SM-MA1", year=2022)
        assert goal.name == "Hållbar kompetensförsörjning"
        response = demo_client("politiker").get(demo_url("dashboard_goal", "period=2022-T2", pk=goal.pk))
        assert response.status_code == 200
        html = response.content.decode()
        card = card_of(html, "M-SJUK")
        assert "Sjukfrånvaro, regionens medarbetare" in card
        # The chart's table alternative: kvinnor 7,4, män 4,9 in August 2022.
        table = re.search(r"<table.*?</table>", card, re.S).group(0)
        assert [text_of(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table)] == ["Period", "Kvinnor", "Män", "Totalt"]
        rows = {row[0]: row[1:] for row in table_rows(table)}
        assert rows["Augusti 2022"] == ["7,4", "4,9", "6,8"]
        line = next(m for m in response.context["drill"].measures if m.item.code == "M-SJUK")
        assert ["Augusti 2022", D("7.4"), D("4.9"), D("6.8")] in line.chart.table.rows
        # The card's colours are the assessments of M-SJUK across the region.
        sjuk = line.item
        expected = +Counter(
            Assessment.objects.filter(item=sjuk, period__code="2022-T2").values_list("status", flat=True)
        )
        assert counts_in(re.search(r'<ul class="dash-counts".*?</ul>', card, re.S).group(0)) == expected

    def test_demo_drill_down_shows_the_regions_analysis_of_the_goal(self, norrbotten):
        """The region's own comment on Hållbar kompetensförsörjning, 2022-T2 (seed 003's analysis):
        Norrbotten lets its politicians read the comments before approval."""
        goal = PlanItem.objects.get(code="SM-MA1", year=2022)
        own = Assessment.objects.get(item=goal, unit__parent=None, period__code="2022-T2")
        response = demo_client("politiker").get(demo_url("dashboard_goal", "period=2022-T2", pk=goal.pk))
        assert response.context["drill"].comment == own.comment
        summary = re.search(r'<section class="dash-summary".*?</section>', response.content.decode(), re.S).group(0)
        assert "Analys från Region Norrbotten" in summary
        assert "Måluppfyllelsen i perspektivet väntas vara delvis uppnådd vid årets slut." in text_of(summary)

    def test_demo_politician_lands_on_the_latest_finished_tertial(self, norrbotten):
        today = timezone.localdate()
        followed = Period.objects.filter(kind="tertial").filter(
            Exists(Assessment.objects.filter(period=OuterRef("pk")))
        )
        finished = followed.filter(deadline__lt=today).order_by("-end").first()
        latest = followed.order_by("-end").first()
        assert latest.deadline >= today  # the demo's open tertial, half reported
        politician = demo_client("politiker").get(demo_url("dashboard", ""))
        assert politician.context["period"] == finished
        assert demo_client("controller").get(demo_url("dashboard", "")).context["period"] == latest
        # The list offers the followed periods only: 2022's and this year's, not the whole calendar.
        options = re.findall(r'<option value="([^"]+)"', politician.content.decode())
        assert {code[:4] for code in options} == {"2022", str(THIS_YEAR)}
        assert len(options) == Period.objects.filter(Exists(Assessment.objects.filter(period=OuterRef("pk")))).count()
        assert len(options) < Period.objects.count() / 2

    def test_demo_measure_page_shows_the_delar_outcome_by_sex(self, norrbotten):
        sjuk = PlanItem.objects.get(code="M-SJUK", year=2022)
        response = demo_client("politiker").get(demo_url("dashboard_measure", "period=2022-T2", pk=sjuk.pk))
        assert response.status_code == 200
        page = response.context["page"]
        assert (page.women, page.men) == (D("7.4"), D("4.9"))
        outcome = re.search(
            r"<dt>Utfall Tertial 2 \(delår\) 2022</dt>\s*<dd>(.*?)</dd>", response.content.decode(), re.S
        )
        assert "Kvinnor 7,4, män 4,9" in text_of(outcome.group(1))
        assert page.follower_total == 1 + sjuk.adoptions.count()  # the division and the units that adopted it

    @pytest.mark.parametrize("code", ["SM-SA1", "SM-ME1", "SM-VE1", "SM-MA1", "SM-EK1"])
    def test_demo_drill_down_pdf_is_one_page(self, norrbotten, code):
        """The year's full follow-up (T3) has the most measures on each drill-down; SM-VE1's
        (5 factors, 9 measure cards with charts) is the longest page of the demo."""
        goal = PlanItem.objects.get(code=code, year=2022)
        response = demo_client("controller").get(demo_url("dashboard_goal", "period=2022-T3&format=pdf", pk=goal.pk))
        assert response["Content-Type"] == "application/pdf"
        assert len(pdf_pages(response.content)) == 1


# =============================================================================================
# Part two: the small world
# =============================================================================================

T2, T1, LAST_T2 = f"{YEAR}-T2", f"{YEAR}-T1", f"{YEAR - 1}-T2"


@dataclass
class Dash:
    world: object
    items: dict  # this year's (build_plans), with "measure2" owned by OTHER and the extra assignments
    old: dict  # last year's
    periods: dict

    def unit(self, key):
        return self.world.units[key]

    def client(self, persona):
        return self.world.client(persona)


def url(name, query="", **kwargs):
    return f"{reverse(name, kwargs={'region_slug': 'alfa', **kwargs})}" + (f"?{query}" if query else "")


COMMENTS = {
    "factor": "Faktorn halkar efter i nämnden.",
    "div": "Hög sjukfrånvaro i divisionen.",
    "vo1": "Område ett är på väg.",
    "other": "Annan division klarar målet.",
}


@pytest.fixture
def dash(world) -> Dash:
    items = build_plans(world)
    old = build_plans(world, year=YEAR - 1)
    units = world.units
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        # This year's items are last year's, carried over (as copy_to_next_year links them).
        for key in ("goal", "factor", "measure", "activity", "assignment"):
            PlanItem.objects.filter(pk=items[key].pk).update(copied_from=old[key])
            items[key].refresh_from_db()
        other_plan = ensure_plan(units["OTHER"], YEAR)
        measure2 = PlanItem(
            plan=other_plan,
            level=Levels.MEASURE,
            parent=items["factor"],
            code="MATT-2",
            name="Väntetid",
            measure_unit="dagar",
            direction="lower",
            frequency="tertial",
        )
        measure2.target = Target(Op.LT, D("30"))
        items["measure2"] = save_item(measure2)
        div_plan = items["plans"]["DIV"]

        def assignment(code, plan, end, **fields):
            return save_item(
                PlanItem(
                    plan=plan,
                    level=Levels.ASSIGNMENT,
                    parent=items["goal"],
                    code=code,
                    name=f"Uppdrag {code}",
                    end_date=end,
                    **fields,
                )
            )

        items["overdue"] = assignment("UPP-2", div_plan, datetime.date(YEAR, 3, 31))
        items["done"] = assignment("UPP-3", div_plan, datetime.date(YEAR, 4, 30), finished=True)
        items["reported_done"] = assignment("UPP-4", div_plan, datetime.date(YEAR, 2, 28))
        items["overdue_other"] = assignment("UPP-5", other_plan, datetime.date(YEAR, 3, 31))
        periods = {p.code: p for p in Period.objects.all()}

        def assess(item, unit, code, status, comment="", **fields):
            Assessment.objects.create(
                item=item, unit=units[unit], period=periods[code], status=status, comment=comment, **fields
            )

        # 2026-T2: the factor yellow, the measure red at DIV and yellow at VO1, MATT-2 green at OTHER.
        assess(items["factor"], "NAMND", T2, Y, COMMENTS["factor"])
        assess(items["measure"], "DIV", T2, R, COMMENTS["div"])
        assess(items["measure"], "VO1", T2, Y, COMMENTS["vo1"])
        assess(items["measure2"], "OTHER", T2, G, COMMENTS["other"])
        assess(items["activity"], "DIV", T2, G, "Pågår.")
        assess(items["overdue_other"], "OTHER", T2, R, "Försenat.")
        assess(items["reported_done"], "DIV", T1, G, "Klart.", finished=True)
        # 2026-T1: everything green.
        assess(items["factor"], "NAMND", T1, G)
        assess(items["measure"], "DIV", T1, G)
        assess(items["measure"], "VO1", T1, G)
        assess(items["measure2"], "OTHER", T1, G)
        # 2025-T2, on last year's items: red.
        assess(old["factor"], "NAMND", LAST_T2, R)
        assess(old["measure"], "DIV", LAST_T2, R)
        assess(old["measure"], "VO1", LAST_T2, R)

        def value(item, unit, code, v, sex=MeasureValue.TOTAL):
            MeasureValue.objects.create(measure=item, unit=units[unit], period=periods[code], sex=sex, value=D(v))

        value(items["measure"], "DIV", T2, "6.1")
        value(items["measure"], "DIV", T2, "7.0", MeasureValue.WOMEN)
        value(items["measure"], "DIV", T2, "5.0", MeasureValue.MEN)
        value(items["measure"], "DIV", T1, "5.0")
        value(old["measure"], "DIV", LAST_T2, "6.5")
        value(items["measure"], "VO1", T1, "4.5")  # and nothing since: stale by the delår
        value(items["measure2"], "OTHER", T2, "20")
    return Dash(world, items, old, periods)


def test_reader_lands_on_the_dashboard(dash):
    response = dash.client("reader").get(url("region_home"))
    assert response.status_code == 302 and response["Location"] == url("dashboard")
    assert dash.client("controller").get(url("region_home")).status_code == 200
    assert dash.client("reader").get(url("dashboard")).status_code == 200


def test_default_scope_is_the_top_unit_and_the_latest_assessed_tertial(dash):
    for persona, unit in [("reader", "ROOT"), ("controller", "ROOT"), ("manager", "DIV"), ("manager_out", "OTHER")]:
        response = dash.client(persona).get(url("dashboard"))
        assert response.status_code == 200
        assert response.context["unit"] == dash.unit(unit), persona
        assert response.context["period"].code == T2, persona


# --- the period a reader lands on, and the period list ------------------------------------------

T3 = f"{YEAR}-T3"


def third_tertial_open(dash, monkeypatch):
    """Today is 1 October: T2's last reporting day has passed, T3 is open and the division
    has begun reporting on it."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(YEAR, 10, 1))
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        period = Period.objects.get(code=T3)
        assert period.deadline > datetime.date(YEAR, 10, 1) > dash.periods[T2].deadline
        Assessment.objects.create(item=dash.items["measure"], unit=dash.unit("DIV"), period=period, status=G)


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("reader", T2),  # the finished follow-up, not the half-reported T3
        ("controller", T3),  # who reports works in the open period
        ("admin", T3),
        ("manager", T3),
    ],
)
@pytest.mark.parametrize("name", ["dashboard", "dashboard_goal"])
def test_a_reader_lands_on_the_latest_finished_period(dash, monkeypatch, persona, expected, name):
    third_tertial_open(dash, monkeypatch)
    response = dash.client(persona).get(url(name, **page_kwargs(dash, name)))
    assert response.status_code == 200
    assert response.context["period"].code == expected


def test_a_reader_may_still_choose_the_open_period(dash, monkeypatch):
    third_tertial_open(dash, monkeypatch)
    response = dash.client("reader").get(url("dashboard", f"period={T3}"))
    assert response.context["period"].code == T3
    response = dash.client("reader").get(url("dashboard", "period=2026-T9"))
    assert response.context["period"].code == T2
    assert "Dashboarden visar i stället Tertial 2 (delår) 2026." in response.content.decode()


def period_options(html: str) -> list[tuple[str, list[str]]]:
    """The period <select> as (year label, [option codes]) per <optgroup>, in page order."""
    select = re.search(r'<select id="dash-period" name="period">(.*?)</select>', html, re.S).group(1)
    return [
        (label, re.findall(r'<option value="([^"]+)"', body))
        for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    ]


def test_the_period_list_holds_the_assessed_periods_grouped_by_year(dash):
    response = dash.client("reader").get(url("dashboard"))
    html = response.content.decode()
    assert period_options(html) == [(str(YEAR), [T1, T2]), (str(YEAR - 1), [LAST_T2])]
    assert f'<option value="{T2}" selected>' in html
    assert '<label for="dash-period">Period</label>' in html  # the select has its label
    # A period without assessments, asked for, is listed (and said to have none) so the list shows the page's period.
    html = dash.client("reader").get(url("dashboard", f"period={T3}")).content.decode()
    assert period_options(html) == [(str(YEAR), [T1, T2, T3]), (str(YEAR - 1), [LAST_T2])]
    assert f'<option value="{T3}" selected>Tertial 3 (helår) {YEAR} – inga bedömningar</option>' in html


GOAL_COMMENT = 'Delvis uppnått: <b>bemanningen</b> & "rekryteringen" släpar.\nÅtgärder tas fram.'
GOAL_COMMENT_HTML = "<p>Delvis uppnått: &lt;b&gt;bemanningen&lt;/b&gt; &amp; &quot;rekryteringen&quot; släpar.<br>Åtgärder tas fram.</p>"


def goal_analysis(dash, unit="ROOT", comment=GOAL_COMMENT):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        Assessment.objects.create(
            item=dash.items["goal"], unit=dash.unit(unit), period=dash.periods[T2], status=Y, comment=comment
        )


def goal_summary(dash, persona, query=f"period={T2}") -> str:
    response = dash.client(persona).get(url("dashboard_goal", query, pk=dash.items["goal"].pk))
    assert response.status_code == 200
    return re.search(r'<section class="dash-summary".*?</section>', response.content.decode(), re.S).group(0)


@pytest.mark.parametrize("persona", ["controller", "admin"])
def test_the_units_analysis_of_the_goal_is_on_the_drill_down_escaped(dash, persona):
    goal_analysis(dash)
    summary = goal_summary(dash, persona)
    assert "Bedömt av Enhet Rot A" in summary
    assert "Analys från Enhet Rot A" in summary
    assert GOAL_COMMENT_HTML in summary  # the user's text as text, its line break kept
    assert "<b>bemanningen" not in summary


def test_a_reader_reads_the_goal_analysis_when_comments_are_shown(dash):
    goal_analysis(dash)
    summary = goal_summary(dash, "reader")
    assert "bemanningen" not in summary and "Analys från" not in summary
    assert HIDDEN_NOTE in summary  # the colour is shown, the comment waits for the approved report
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        settings = ReaderSettings.current()
        settings.readers_see_drafts = True
        settings.save()
    summary = goal_summary(dash, "reader")
    assert GOAL_COMMENT_HTML in summary and HIDDEN_NOTE not in summary


def test_the_goal_analysis_is_the_scope_units_own(dash):
    goal_analysis(dash, "DIV", "Divisionens egen analys.")
    assert "Divisionens egen analys." not in goal_summary(dash, "controller")  # the region has written none
    summary = goal_summary(dash, "controller", f"period={T2}&enhet={dash.unit('DIV').pk}")
    assert "Analys från Division Stöd A" in summary and "Divisionens egen analys." in summary


def tiles_for(dash, persona, query):
    response = dash.client(persona).get(url("dashboard", query))
    assert response.status_code == 200
    return tiles_of(response.content.decode()), response


def test_narrowing_to_a_unit_counts_only_its_subtree(dash):
    goal = dash.items["goal"].pk
    tiles, _r = tiles_for(dash, "controller", f"period={T2}")
    assert tiles[goal].factors == {Y: 1}
    assert tiles[goal].measures == {R: 1, Y: 1, G: 1}
    assert tiles[goal].status == Y  # nobody assessed the goal: rolled up from 1 red, 2 yellow, 1 green
    tiles, response = tiles_for(dash, "controller", f"period={T2}&enhet={dash.unit('DIV').pk}")
    assert response.context["unit"] == dash.unit("DIV")
    assert "Division Stöd A och enheterna under" in response.content.decode()
    assert tiles[goal].factors == {}  # the factor is assessed by the board, above the division
    assert tiles[goal].measures == {R: 1, Y: 1}
    tiles, _r = tiles_for(dash, "controller", f"period={T2}&enhet={dash.unit('OTHER').pk}")
    assert tiles[goal].measures == {G: 1}
    assert tiles[goal].status == G
    tiles, _r = tiles_for(dash, "controller", f"period={T2}&enhet={dash.unit('VO2').pk}")
    assert (tiles[goal].factors, tiles[goal].measures, tiles[goal].status) == ({}, {}, N)


def test_the_units_own_assessment_of_the_goal_wins(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        Assessment.objects.create(item=dash.items["goal"], unit=dash.unit("DIV"), period=dash.periods[T2], status=G)
    tiles, _r = tiles_for(dash, "controller", f"period={T2}&enhet={dash.unit('DIV').pk}")
    assert tiles[dash.items["goal"].pk].status == G
    assert "Bedömt av Division Stöd A" in tiles[dash.items["goal"].pk].html
    tiles, _r = tiles_for(dash, "controller", f"period={T2}")  # the region has not assessed it: rolled up
    assert tiles[dash.items["goal"].pk].status == Y


def test_the_regions_roll_up_rule_and_critical_measures_decide_the_tile(dash):
    goal = dash.items["goal"].pk
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        settings = FollowupSettings.current()
        settings.rollup_rule = "worst"
        settings.save()
    tiles, _r = tiles_for(dash, "reader", f"period={T2}")
    assert tiles[goal].status == R  # the worst colour: MATT-1 is red at DIV
    assert "Sammanvägt: 1 röd, 2 gula, 1 grön av 4 → Röd" in text_of(tiles[goal].html)
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        settings.rollup_rule = "majority"
        settings.save()
        measure2 = PlanItem.objects.get(pk=dash.items["measure2"].pk)
        measure2.critical = True
        measure2.save()
        assessment = Assessment.objects.get(item=measure2, period=dash.periods[T2])
        assessment.status = R
        assessment.save()
    tiles, _r = tiles_for(dash, "reader", f"period={T2}")
    assert tiles[goal].measures == {R: 2, Y: 1}
    assert tiles[goal].status == R  # a critical red decides under the majority rule
    assert "(1 kritisk röd)" in text_of(tiles[goal].html)


def test_period_mode_trends_against_the_previous_tertial(dash):
    goal = dash.items["goal"].pk
    tiles, response = tiles_for(dash, "reader", f"period={T2}")
    assert response.context["scope"].against.code == T1
    assert "trend sedan Tertial 1 2026" in response.content.decode()
    assert tiles[goal].trend == "worse"  # all green in T1
    tiles, response = tiles_for(dash, "reader", f"period={T1}")
    assert response.context["scope"].against.code == f"{YEAR - 1}-T3"  # T1 against last year's T3
    assert tiles[goal].status == G and tiles[goal].measures == {G: 3}
    assert tiles[goal].trend is None  # 2025-T3 has no assessments
    assert "Ingen trend" in tiles[goal].html


def test_compare_mode_trends_against_the_same_period_last_year(dash):
    goal = dash.items["goal"].pk
    tiles, response = tiles_for(dash, "reader", f"period={T2}&jamfor=1")
    scope = response.context["scope"]
    assert scope.compare and scope.against.code == LAST_T2
    assert "jämfört med Tertial 2 (delår) 2025" in response.content.decode()
    # Last year's goal, factor and measure counted as this year's through copied_from: all red then.
    assert tiles[goal].trend == "better"
    assert "Tertial 2 (delår) 2025:" in tiles[goal].html
    assert tiles[goal].before_measures == Counter({R: 2})  # last year's measures, shown beside this year's
    # The drill-down compares item by item.
    response = dash.client("reader").get(url("dashboard_goal", f"period={T2}&jamfor=1", pk=goal))
    drill = response.context["drill"]
    factor = next(f for f in drill.factors if f.item.pk == dash.items["factor"].pk)
    measure = next(m for m in drill.measures if m.item.pk == dash.items["measure"].pk)
    # A factor's line compares the measures under it: 2 red last year, 1 red, 1 yellow, 1 green now.
    assert (factor.before.red, factor.before.assessed) == (2, 2)
    assert (factor.measures.red, factor.measures.yellow, factor.measures.green) == (1, 1, 1)
    assert (measure.before.red, measure.before.assessed, measure.counts.red, measure.counts.yellow) == (2, 2, 1, 1)
    new = next(m for m in drill.measures if m.item.pk == dash.items["measure2"].pk)
    assert new.before is not None and new.before.assessed == 0  # new this year: nothing to compare with
    # Without last year in the calendar there is nothing to compare with.
    tiles, response = tiles_for(dash, "reader", f"period={LAST_T2}&jamfor=1")
    assert response.context["scope"].against is None
    assert "jämfört med" not in response.content.decode()
    assert tiles[dash.old["goal"].pk].status == R


def test_scope_compares_with_the_previous_period_or_the_same_period_last_year(dash):
    with region_scope(dash.world.alfa):
        periods = dashboard.load_periods()
        t2 = next(p for p in periods if p.code == T2)
        assert dashboard.make_scope(dash.unit("DIV"), t2, periods, False).against.code == T1
        assert dashboard.make_scope(dash.unit("DIV"), t2, periods, True).against.code == LAST_T2
        assert {p.code for p in periods if p.assessed} == {T1, T2, LAST_T2}
        assert dashboard.default_period(periods, dash.world.alfa, datetime.date(YEAR, 12, 1)).code == T2


def test_manager_sees_what_needs_attention(dash):
    response = dash.client("manager").get(url("dashboard", f"period={T2}"))
    attention = response.context["attention"]
    # Red in the period, inside the division only (not OTHER's red assignment).
    assert [(a.item.code, a.unit.code) for a in attention.red] == [("MATT-1", "A-DIV")]
    assert attention.red_total == 1
    # VO1 follows MATT-1 but has had no value since T1; the division reported in T2.
    assert [(s["code"], s["unit_id"], s["last"]) for s in attention.stale] == [
        ("MATT-1", dash.unit("VO1").pk, datetime.date(YEAR, 4, 30))
    ]
    # UPP-2 is past its end date; UPP-3 is finished, UPP-4 reported finished, UPP-1 ends in December, UPP-5 is OTHER's.
    assert [u.code for u in attention.overdue] == ["UPP-2"] and attention.overdue_total == 1
    html = response.content.decode()
    assert "Behöver uppmärksamhet" in html
    for text in (
        "1 röd post",
        "1 mått utan aktuellt värde",
        "1 uppdrag efter slutdatum",
        "UPP-2 Uppdrag UPP-2",
        "senaste värdet 2026-04-30",
        "slutdatum 2026-03-31",
    ):
        assert text in html, text
    assert "UPP-5" not in html and "UPP-3" not in html
    # The controller, for the whole region, also sees OTHER's.
    attention = dash.client("controller").get(url("dashboard", f"period={T2}")).context["attention"]
    assert attention.red_total == 2 and {u.code for u in attention.overdue} == {"UPP-2", "UPP-5"}
    # A reader reports for nothing: no list.
    html = dash.client("reader").get(url("dashboard", f"period={T2}")).content.decode()
    assert "Behöver uppmärksamhet" not in html


def test_attention_list_is_capped_with_the_total(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        plan = dash.items["plans"]["DIV"]
        for i in range(dashboard.ATTENTION_SHOWN + 5):
            save_item(
                PlanItem(
                    plan=plan,
                    level=Levels.ASSIGNMENT,
                    parent=dash.items["goal"],
                    code=f"SEN-{i:02d}",
                    name=f"Sent {i}",
                    end_date=datetime.date(YEAR, 5, 1),
                )
            )
    response = dash.client("manager").get(url("dashboard", f"period={T2}"))
    attention = response.context["attention"]
    assert attention.overdue_total == dashboard.ATTENTION_SHOWN + 6
    assert len(attention.overdue) == dashboard.ATTENTION_SHOWN
    assert attention.overdue[0].code == "UPP-2"  # the earliest end date first
    assert f"Visar {dashboard.ATTENTION_SHOWN} av {dashboard.ATTENTION_SHOWN + 6}." in response.content.decode()


# --- comments ---------------------------------------------------------------------------------


def comment_pages(dash, persona):
    """The drill-down and the measure page of the period, as one text."""
    client = dash.client(persona)
    goal = client.get(url("dashboard_goal", f"period={T2}", pk=dash.items["goal"].pk))
    measure = client.get(url("dashboard_measure", f"period={T2}", pk=dash.items["measure"].pk))
    assert goal.status_code == measure.status_code == 200
    return goal.content.decode() + measure.content.decode()


HIDDEN_NOTE = "Kommentarerna visas när periodens rapport för enheten är fastställd."


def test_reader_sees_no_comments_before_the_report_is_approved(dash):
    html = comment_pages(dash, "reader")
    for text in COMMENTS.values():
        assert text not in html
    assert HIDDEN_NOTE in html
    # The colours are there all the same.
    assert "Område Ett A" in html and "status-red" in html


@pytest.mark.parametrize("persona", ["controller", "admin", "manager"])
def test_those_who_report_see_the_comments(dash, persona):
    html = comment_pages(dash, persona)
    assert COMMENTS["div"] in html and COMMENTS["vo1"] in html
    if persona != "manager":  # the manager's scope is the division: the board's factor is not in it
        assert COMMENTS["factor"] in html
    assert HIDDEN_NOTE not in html


def test_reader_sees_the_comments_when_the_region_allows_it(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        settings = ReaderSettings.current()
        settings.readers_see_drafts = True
        settings.save()
    html = comment_pages(dash, "reader")
    for key in ("factor", "div", "vo1"):
        assert COMMENTS[key] in html
    assert HIDDEN_NOTE not in html


def test_an_approved_report_shows_the_comments_of_its_unit_and_below(dash):
    from tests.view_table import make_report

    make_report(dash.world, "DIV", approved=True)
    html = comment_pages(dash, "reader")
    assert COMMENTS["div"] in html and COMMENTS["vo1"] in html
    assert COMMENTS["factor"] not in html  # the board is above the division
    assert HIDDEN_NOTE in html
    make_report(dash.world, "ROOT", approved=True)
    html = comment_pages(dash, "reader")
    assert COMMENTS["factor"] in html and HIDDEN_NOTE not in html


@pytest.mark.parametrize(
    "report",
    [
        dict(approved=False),  # a draft
        dict(approved=True, kind="tertialrapport", period_code=T1),  # another period's
        dict(approved=True, unit="VO2"),  # another unit's
    ],
)
def test_other_reports_do_not_show_the_comments(dash, report):
    from tests.view_table import make_report

    report = dict(report)
    make_report(dash.world, report.pop("unit", "DIV"), **report)
    html = comment_pages(dash, "reader")
    assert COMMENTS["div"] not in html and COMMENTS["vo1"] not in html


# --- refusals and bad parameters --------------------------------------------------------------

DASHBOARD_PAGES = ["dashboard", "dashboard_goal", "dashboard_measure", "dashboard_compare"]


def page_kwargs(dash, name):
    if name == "dashboard":
        return {}
    return {"pk": dash.items["goal" if name == "dashboard_goal" else "measure"].pk}


@pytest.mark.parametrize("name", DASHBOARD_PAGES)
def test_a_unit_outside_the_users_scope_is_refused(dash, name):
    kwargs = page_kwargs(dash, name)
    div, root = dash.unit("DIV").pk, dash.unit("ROOT").pk
    assert dash.client("manager_out").get(url(name, f"enhet={div}", **kwargs)).status_code == 403
    assert dash.client("manager").get(url(name, f"enhet={root}", **kwargs)).status_code == 403
    assert dash.client("manager").get(url(name, f"enhet={div}", **kwargs)).status_code == 200
    assert dash.client("outsider").get(url(name, f"enhet={div}", **kwargs)).status_code == 404
    assert dash.client("outsider").get(url(name, **kwargs)).status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "%20", "999999", "0"])
@pytest.mark.parametrize("name", DASHBOARD_PAGES)
def test_a_unit_that_is_no_unit_is_404(dash, name, value):
    assert dash.client("controller").get(url(name, f"enhet={value}", **page_kwargs(dash, name))).status_code == 404


def test_another_regions_unit_is_404(dash):
    response = dash.client("controller").get(url("dashboard", f"enhet={dash.world.beta_units['DIV'].pk}"))
    assert response.status_code == 404


def test_a_measure_the_scope_does_not_follow_is_refused(dash):
    """MATT-2 is OTHER's: not in the division's red thread."""
    measure2 = dash.items["measure2"].pk
    for name in ("dashboard_measure", "dashboard_compare"):
        assert dash.client("manager").get(url(name, f"period={T2}", pk=measure2)).status_code == 403
        assert dash.client("manager_out").get(url(name, f"period={T2}", pk=measure2)).status_code == 200


@pytest.mark.parametrize("name", DASHBOARD_PAGES)
@pytest.mark.parametrize("code", ["2026-T9", "1999-T1", "<script>x</script>", "x" * 300])
def test_a_bad_period_says_so_in_swedish_and_shows_the_default(dash, name, code):
    response = dash.client("reader").get(url(name, "", **page_kwargs(dash, name)), {"period": code})
    assert response.status_code == 200
    assert response.context["period"].code == T2
    html = response.content.decode()
    assert f"Perioden ”{code[:20]}” finns inte i regionens kalender" in html.replace("&lt;", "<").replace("&gt;", ">")
    assert "<script>x" not in html


@pytest.mark.parametrize("name", ["dashboard_goal", "dashboard_measure", "dashboard_compare"])
def test_an_item_that_is_not_of_its_kind_is_404(dash, name):
    wrong = dash.items["factor"].pk
    assert dash.client("controller").get(url(name, f"period={T2}", pk=wrong)).status_code == 404
    assert dash.client("controller").get(url(name, f"period={T2}", pk=999999)).status_code == 404


@pytest.mark.parametrize(
    "name, key",
    [
        ("dashboard", None),
        ("dashboard_goal", "goal"),
        ("dashboard_measure", "measure"),
        ("dashboard_compare", "measure"),
    ],
)
def test_dashboards_are_read_only(dash, name, key):
    """A POST changes nothing and is refused, for every role (here the controller's)."""
    kwargs = {"pk": dash.items[key].pk} if key else {}
    assert dash.client("controller").post(url(name, f"period={T2}", **kwargs)).status_code == 405


# --- stable URLs across years -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, key", [("dashboard_goal", "goal"), ("dashboard_measure", "measure"), ("dashboard_compare", "measure")]
)
def test_an_item_of_another_year_redirects_to_the_same_code_in_the_chosen_year(dash, name, key):
    old, new = dash.old[key].pk, dash.items[key].pk
    query = f"period={T2}&enhet={dash.unit('DIV').pk}&jamfor=1"
    response = dash.client("controller").get(url(name, query, pk=old))
    assert response.status_code == 302
    assert response["Location"] == url(name, query, pk=new)
    # and back: this year's item for last year's period
    response = dash.client("controller").get(url(name, f"period={LAST_T2}", pk=new))
    assert response["Location"] == url(name, f"period={LAST_T2}", pk=old)
    assert dash.client("controller").get(response["Location"]).status_code == 200


def test_a_pdf_with_a_bad_period_leaves_no_message_for_the_next_page(dash):
    client = dash.client("reader")
    response = client.get(url("dashboard", "period=2026-T9&format=pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert len(pdf_pages(response.content)) == 1
    assert "finns inte i regionens kalender" not in client.get(url("dashboard", f"period={T2}")).content.decode()


def test_an_item_missing_in_the_chosen_year_goes_back_to_the_dashboard(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        gone = save_item(
            PlanItem(
                plan=dash.old["plans"]["ROOT"],
                level=Levels.GOAL,
                code="MAL-9",
                name="Nedlagt mål",
                perspective=dash.items["perspective"],
            )
        )
    response = dash.client("reader").get(url("dashboard_goal", f"period={T2}", pk=gone.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("dashboard", f"period={T2}")
    assert "”Nedlagt mål” finns inte i planen för 2026." in response.content.decode()


def test_a_pdf_of_an_item_missing_in_the_chosen_year_leaves_no_message_either(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        gone = save_item(
            PlanItem(
                plan=dash.old["plans"]["ROOT"],
                level=Levels.GOAL,
                code="MAL-9",
                name="Nedlagt mål",
                perspective=dash.items["perspective"],
            )
        )
    client = dash.client("reader")
    response = client.get(url("dashboard_goal", f"period={T2}&format=pdf", pk=gone.pk), follow=True)
    assert response["Content-Type"] == "application/pdf"
    assert "Nedlagt mål" not in client.get(url("dashboard", f"period={T2}")).content.decode()


# --- drill-down, measure and comparison -------------------------------------------------------


def test_drill_down_lists_factors_and_measures_worst_first(dash):
    response = dash.client("controller").get(url("dashboard_goal", f"period={T2}", pk=dash.items["goal"].pk))
    drill = response.context["drill"]
    assert [f.item.code for f in drill.factors] == ["FF-1"]
    factor = drill.factors[0]
    assert (factor.counts.yellow, factor.measures.red, factor.measures.yellow, factor.measures.green) == (1, 1, 1, 1)
    assert [m.item.code for m in drill.measures] == ["MATT-1", "MATT-2"]  # red before green
    matt1 = drill.measures[0]
    assert [(n.unit.code, n.status) for n in matt1.named] == [("A-DIV", R), ("A-VO1", Y)]
    assert matt1.follow.unit == dash.unit("DIV") and matt1.value == D("6.1")
    assert drill.status == Y
    # Narrowed to the division: only what the division follows.
    response = dash.client("controller").get(
        url("dashboard_goal", f"period={T2}&enhet={dash.unit('DIV').pk}", pk=dash.items["goal"].pk)
    )
    assert [m.item.code for m in response.context["drill"].measures] == ["MATT-1"]


def test_a_factors_own_assessment_wins_over_the_roll_up_inside_the_scope(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        assessment = Assessment.objects.get(item=dash.items["factor"], unit=dash.unit("NAMND"), period=dash.periods[T2])
        assessment.status = G
        assessment.save()

    def factor_line(persona):
        drill = (
            dash.client(persona).get(url("dashboard_goal", f"period={T2}", pk=dash.items["goal"].pk)).context["drill"]
        )
        return next(f for f in drill.factors if f.item.pk == dash.items["factor"].pk)

    line = factor_line("reader")  # the board owns the factor and lies inside the region
    assert (line.status, line.explanation) == (G, "Bedömt av Styrelsen A")
    line = factor_line("manager")  # the board is above the division: the division's measures decide
    assert line.status == Y and line.explanation.startswith("Sammanvägt: 1 röd, 1 gul, 0 gröna av 2")


def test_drill_down_lists_the_factors_of_the_units_red_thread(dash):
    """The factors owned above the unit (its red thread) and below it; not another division's."""
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        for unit, code in (("OTHER", "FF-ANNAN"), ("VO1", "FF-OMR")):
            save_item(
                PlanItem(
                    plan=ensure_plan(dash.unit(unit), YEAR),
                    level=Levels.FACTOR,
                    parent=dash.items["goal"],
                    code=code,
                    name=f"Faktor {code}",
                )
            )

    def factors(persona, query=""):
        response = dash.client(persona).get(url("dashboard_goal", f"period={T2}{query}", pk=dash.items["goal"].pk))
        return {f.item.code for f in response.context["drill"].factors}

    assert factors("controller") == {"FF-1", "FF-ANNAN", "FF-OMR"}
    assert factors("manager") == {"FF-1", "FF-OMR"}
    assert factors("manager_out") == {"FF-1", "FF-ANNAN"}
    assert factors("controller", f"&enhet={dash.unit('VO2').pk}") == {"FF-1"}
    html = dash.client("manager").get(url("dashboard_goal", f"period={T2}", pk=dash.items["goal"].pk)).content.decode()
    assert "Faktor FF-ANNAN" not in html  # a plan the manager may not read


def test_measure_page_lists_the_followers_worst_first(dash):
    response = dash.client("controller").get(url("dashboard_measure", f"period={T2}", pk=dash.items["measure"].pk))
    page = response.context["page"]
    assert [(f.unit.code, f.status, f.value, f.own) for f in page.followers] == [
        ("A-DIV", R, D("6.1"), True),
        ("A-VO1", Y, D("4.5"), False),
    ]
    assert (page.women, page.men, page.total) == (D("7.0"), D("5.0"), D("6.1"))
    assert (page.counts.red, page.counts.yellow) == (1, 1)
    assert "Kvinnor 7, män 5, totalt 6,1 %" in text_of(response.content.decode())
    # From VO1's point of view the chart is VO1's.
    response = dash.client("controller").get(
        url("dashboard_measure", f"period={T2}&enhet={dash.unit('VO1').pk}", pk=dash.items["measure"].pk)
    )
    assert response.context["page"].follow.unit == dash.unit("VO1")
    assert [f.unit.code for f in response.context["page"].followers] == ["A-VO1"]


def test_comparison_ranks_units_best_first(dash):
    vo_kind = dash.unit("VO1").kind_id
    response = dash.client("controller").get(
        url("dashboard_compare", f"period={T2}&typ={vo_kind}", pk=dash.items["measure"].pk)
    )
    comparison = response.context["comparison"]
    assert comparison.kind.pk == vo_kind
    assert [(r.unit.code, r.value) for r in comparison.rows] == [("A-VO1", D("4.5"))]
    assert [u.code for u in comparison.missing] == ["A-VO2"]
    # The division level: lower is better for sick leave.
    response = dash.client("controller").get(url("dashboard_compare", f"period={T2}", pk=dash.items["measure"].pk))
    comparison = response.context["comparison"]
    assert comparison.kind.name == "Division" and not comparison.best_high
    assert [r.unit.code for r in comparison.rows] == ["A-DIV"]
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        MeasureValue.objects.create(
            measure=dash.items["measure"], unit=dash.unit("OTHER"), period=dash.periods[T2], value=D("3.2")
        )
    comparison = (
        dash.client("controller")
        .get(url("dashboard_compare", f"period={T2}", pk=dash.items["measure"].pk))
        .context["comparison"]
    )
    assert [(r.unit.code, r.value) for r in comparison.rows] == [("A-OTHER", D("3.2")), ("A-DIV", D("6.1"))]
    assert comparison.table.rows[0][:3] == [1, "Division Annan A", D("3.2")]


def many_units(dash, n, parent="DIV"):
    """n new units under the parent (verksamhetsområden), in code order."""
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        kind = dash.unit("VO1").kind
        units = []
        for i in range(n):
            unit = OrgUnit(code=f"A-N{i:02d}", name=f"Enhet {i:02d}", kind=kind, parent=dash.unit(parent))
            unit.save()
            units.append(unit)
    return units


def test_measure_page_pages_the_followers_worst_first_each_once(dash):
    from goals.models import MeasureAdoption

    units = many_units(dash, 30)
    cycle = [R, Y, G, N, None]  # None: not assessed at all
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        for i, unit in enumerate(units):
            MeasureAdoption.objects.create(measure=dash.items["measure"], unit=unit)
            if cycle[i % 5]:
                Assessment.objects.create(
                    item=dash.items["measure"], unit=unit, period=dash.periods[T2], status=cycle[i % 5]
                )
    seen = []
    for page in (1, 2):
        response = dash.client("controller").get(
            url("dashboard_measure", f"period={T2}&sida={page}", pk=dash.items["measure"].pk)
        )
        result = response.context["page"]
        assert (result.page, result.pages, result.follower_total) == (page, 2, 32)
        seen += [(f.unit.code, f.status, f.own) for f in result.followers]
    assert len(seen) == 32 and len({code for code, _s, _o in seen}) == 32  # everyone once
    assert seen[0] == ("A-DIV", R, True)  # the owner first
    order = {R: 0, Y: 1, G: 2, N: 3}
    ranks = [order[status] for _code, status, _own in seen[1:]]
    assert ranks == sorted(ranks)  # then the adopters, worst first across the pages
    assert (
        dash.client("controller")
        .get(url("dashboard_measure", f"period={T2}&sida=9", pk=dash.items["measure"].pk))
        .context["page"]
        .page
        == 2
    )


def test_comparison_pages_rank_every_unit_once(dash):
    units = many_units(dash, dashboard.COMPARE_PER_PAGE + 5)
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        for i, unit in enumerate(units):
            MeasureValue.objects.create(
                measure=dash.items["measure"], unit=unit, period=dash.periods[T2], value=D(100 - i) / 10
            )
    rows = []
    for page in (1, 2):
        comparison = (
            dash.client("controller")
            .get(
                url("dashboard_compare", f"period={T2}&typ={units[0].kind_id}&sida={page}", pk=dash.items["measure"].pk)
            )
            .context["comparison"]
        )
        assert (comparison.page, comparison.pages, comparison.with_value) == (page, 2, len(units) + 1)
        rows += comparison.table.rows
    assert [row[0] for row in rows] == list(range(1, len(units) + 2))  # places 1…n, once each
    values = [row[2] for row in rows]
    assert values == sorted(values)  # lower is better: lowest first
    # VO1's value is from T1, which lies inside T2 (tertials run from 1 January): it stands for T2.
    assert (rows[0][1], rows[0][2]) == ("Område Ett A", D("4.5"))
    assert (rows[1][1], rows[-1][1]) == ("Enhet 44", "Enhet 00")


def test_drill_down_pages_the_measures_worst_first_each_once(dash):
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        for i in range(dashboard.MEASURES_PER_PAGE * 2 + 3):
            measure = save_item(
                PlanItem(
                    plan=dash.items["plans"]["DIV"],
                    level=Levels.MEASURE,
                    parent=dash.items["factor"],
                    code=f"EXTRA-{i:02d}",
                    name=f"Mått {i:02d}",
                    frequency="tertial",
                )
            )
            for unit, status in (("DIV", [R, Y, G, N][i % 4]), ("VO1", [G, R][i % 2])):
                Assessment.objects.create(item=measure, unit=dash.unit(unit), period=dash.periods[T2], status=status)
    seen = []
    for page in (1, 2, 3):
        drill = (
            dash.client("reader")
            .get(url("dashboard_goal", f"period={T2}&sida={page}", pk=dash.items["goal"].pk))
            .context["drill"]
        )
        assert (drill.page, drill.pages, drill.measure_total) == (page, 3, dashboard.MEASURES_PER_PAGE * 2 + 5)
        seen += [(m.item.code, m.counts.red, m.counts.yellow, m.counts.green) for m in drill.measures]
    assert len({code for code, *_c in seen}) == len(seen) == dashboard.MEASURES_PER_PAGE * 2 + 5
    keys = [(-r, -y, -g) for _code, r, y, g in seen]
    assert keys == sorted(keys)  # worst first across the pages
    # Narrowed to the factor: the same measures (all of them are under FF-1).
    drill = (
        dash.client("reader")
        .get(url("dashboard_goal", f"period={T2}&ff={dash.items['factor'].pk}", pk=dash.items["goal"].pk))
        .context["drill"]
    )
    assert drill.factor == dash.items["factor"] and drill.measure_total == dashboard.MEASURES_PER_PAGE * 2 + 5


# --- the PDF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DASHBOARD_PAGES)
def test_pdf_is_one_page(dash, name):
    response = dash.client("controller").get(url(name, f"period={T2}&format=pdf", **page_kwargs(dash, name)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF-")
    pages = pdf_pages(response.content)
    assert len(pages) == 1
    text = re.sub(r"\s+", " ", pages[0])
    assert "Region Alfa" in text and "Tertial 2 (delår) 2026" in text
    if name == "dashboard_goal":
        assert COMMENTS["div"] in text  # the controller's PDF has the comments


def test_a_drill_down_too_long_for_one_page_runs_on_and_loses_nothing(dash):
    """reports.rendering.one_page_pdf shrinks the page down to a smallest zoom; what does
    not fit then runs onto another page rather than being cut."""
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        for i in range(25):
            factor = save_item(
                PlanItem(
                    plan=dash.items["plans"]["NAMND"],
                    level=Levels.FACTOR,
                    parent=dash.items["goal"],
                    code=f"FF-L{i:02d}",
                    name=f"Framgångsfaktor L{i:02d}",
                )
            )
            Assessment.objects.create(
                item=factor,
                unit=dash.unit("NAMND"),
                period=dash.periods[T2],
                status=R,
                comment="Inte uppnått: hög frånvaro och vakanser, handlingsplan tas fram. " * 3,
            )
    response = dash.client("controller").get(url("dashboard_goal", f"period={T2}&format=pdf", pk=dash.items["goal"].pk))
    text = re.sub(r"\s+", " ", " ".join(pdf_pages(response.content)))
    for i in range(25):
        assert f"Framgångsfaktor L{i:02d}" in text


def test_pdf_of_a_reader_leaves_hidden_comments_out(dash):
    for name in ("dashboard_goal", "dashboard_measure"):
        response = dash.client("reader").get(url(name, f"period={T2}&format=pdf", **page_kwargs(dash, name)))
        assert response["Content-Type"] == "application/pdf"
        pages = pdf_pages(response.content)
        assert len(pages) == 1
        text = re.sub(r"\s+", " ", pages[0])
        for comment in COMMENTS.values():
            assert comment not in text
        assert "Sjukfrånvaro" in text


# --- user text is escaped ---------------------------------------------------------------------

UNIT_NAME = 'Område <script>alert("enhet")</script>'
COMMENT = '<script>alert("kommentar")</script> <img src=x onerror=alert(1)>'
MEASURE_NAME = "Sjukfrånvaro <svg onload=alert(2)>"


def hostile_text(dash) -> OrgUnit:
    """VO1 renamed to a script, and its comment on MATT-1 one too."""
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        vo1 = OrgUnit.objects.get(pk=dash.unit("VO1").pk)
        vo1.name = UNIT_NAME
        vo1.save()
        assessment = Assessment.objects.get(item=dash.items["measure"], unit=vo1, period=dash.periods[T2])
        assessment.comment = COMMENT
        assessment.save()
    return vo1


@pytest.mark.parametrize(
    "persona, name, query",
    [
        ("manager", "dashboard", "period={T2}"),  # VO1 in the attention list and among the units
        ("controller", "dashboard", "period={T2}&enhet={VO1}"),
        ("controller", "dashboard_goal", "period={T2}"),  # VO1 named with its comment, the chart titled
        ("controller", "dashboard_goal", "period={T2}&enhet={VO1}"),
        ("controller", "dashboard_measure", "period={T2}"),  # VO1 with its comment among the followers
        ("controller", "dashboard_measure", "period={T2}&enhet={VO1}"),  # VO1's chart
        ("controller", "dashboard_compare", "period={T2}&typ={VO}"),  # VO1's bar
        ("reader", "dashboard_goal", "period={T2}"),
    ],
)
def test_user_text_is_escaped(dash, persona, name, query):
    vo1 = hostile_text(dash)
    with region_scope(dash.world.alfa), auditing.acting_as(label="test"):
        measure = PlanItem.objects.get(pk=dash.items["measure"].pk)
        measure.name = MEASURE_NAME
        measure.save()
        settings = ReaderSettings.current()
        settings.readers_see_drafts = True
        settings.save()
    query = query.format(T2=T2, VO1=vo1.pk, VO=vo1.kind_id)
    response = dash.client(persona).get(url(name, query, **page_kwargs(dash, name)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(" in html  # the text is there, as text
    for raw in ("<script>alert(", "<img src=x", "<svg onload"):
        assert raw not in html, raw
    # Also inside the SVG charts (drawn as strings on the server).
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        assert "<script" not in svg


@pytest.mark.parametrize("name", DASHBOARD_PAGES)
def test_the_query_string_is_escaped(dash, name):
    """Parameters are carried over into the period form and the PDF link."""
    hostile = '"><script>alert(3)</script>'
    response = dash.client("controller").get(
        url(name, "", **page_kwargs(dash, name)),
        {"period": T2, "ff": hostile, "typ": hostile, "sida": hostile, hostile: "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(3)" not in html
    assert "&quot;&gt;&lt;script&gt;alert(3)" in html  # as a hidden field's value, escaped


def test_the_print_html_escapes_user_text(dash, monkeypatch):
    """The PDF is made from this HTML; nothing the users wrote becomes markup in it."""
    import reports.rendering as rendering

    hostile_text(dash)
    captured = {}
    original = rendering.one_page_pdf

    def capture(html):
        captured["html"] = html
        return original(html)

    monkeypatch.setattr(rendering, "one_page_pdf", capture)
    response = dash.client("controller").get(url("dashboard_goal", f"period={T2}&format=pdf", pk=dash.items["goal"].pk))
    assert response["Content-Type"] == "application/pdf"
    assert "&lt;script&gt;alert(" in captured["html"]
    assert "<script>alert(" not in captured["html"] and "<img src=x" not in captured["html"]


def test_a_role_without_the_subtree_sees_only_the_units_own_rows(dash):
    """A chef on DIV alone (no subtree) sees DIV's own follow-up, not VO1's (which VO1's own
    dashboard refuses them), and gets no units below to narrow down to."""
    from regionplan.models import Role
    from tests.conftest import grant

    with auditing.acting_as(label="test"):
        alone = grant(dash.world.alfa, "chef-ensam@alfa.test", Role.MANAGER, dash.unit("DIV"), subtree=False)
    client = Client()
    client.force_login(alone)
    measure = dash.items["measure"].pk
    full = dash.client("manager").get(url("dashboard_measure", f"period={T2}", pk=measure)).context["page"]
    assert {f.unit.code for f in full.followers} >= {"A-DIV", "A-VO1"}  # with the subtree: VO1 adopts MATT-1
    response = client.get(url("dashboard_measure", f"period={T2}", pk=measure))
    assert response.status_code == 200
    page = response.context["page"]
    assert [f.unit.code for f in page.followers] == ["A-DIV"] and page.follower_total == 1
    goal = client.get(url("dashboard_goal", f"period={T2}", pk=dash.items["goal"].pk))
    assert "A-VO1" not in {n.unit.code for line in goal.context["drill"].measures for n in line.named}
    assert goal.context["children"] == []
    assert client.get(url("dashboard", f"period={T2}&enhet={dash.unit('VO1').pk}")).status_code == 403
