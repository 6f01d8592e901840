"""The reports' small rules, as tables: outcomes per period, Mnkr and change, the document
date (reports/rules.py); narrative texts from Markdown to safe HTML (reports/texts.py);
and the SVG trend charts (reports/charts.py)."""

from __future__ import annotations

import datetime
import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from reports import charts, rules, texts
from reports.charts import Chart, Series

D = Decimal
STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


# --- outcome_for ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FakePeriod:
    """Just what outcome_for reads of a Period."""

    pk: int
    start: datetime.date
    end: datetime.date
    kind: str


def _month(pk: int, year: int, month: int) -> FakePeriod:
    start = datetime.date(year, month, 1)
    end = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return FakePeriod(pk, start, end, "month")


# The 2022 calendar as the region has it: months, T1 (jan–apr) and T2, the delår (jan–aug),
# plus a month either side of the span.
MONTHS = {m: _month(m, 2022, m) for m in range(1, 13)}
DEC_2021 = _month(112, 2021, 12)
AUG_2021 = _month(108, 2021, 8)
T1 = FakePeriod(201, datetime.date(2022, 1, 1), datetime.date(2022, 4, 30), "tertial")
T2 = FakePeriod(202, datetime.date(2022, 1, 1), datetime.date(2022, 8, 31), "tertial")
ROLLING = FakePeriod(300, datetime.date(2021, 9, 1), datetime.date(2022, 8, 31), "year")  # ends inside, starts before
CALENDAR = [*MONTHS.values(), DEC_2021, AUG_2021, T1, T2, ROLLING]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param({T2.pk: D("6.8"), MONTHS[8].pk: D("7.4")}, D("6.8"), id="exact-period-wins"),
        pytest.param({T2.pk: D("0")}, D("0"), id="exact-zero-is-a-value"),
        pytest.param({MONTHS[8].pk: D("7.4")}, D("7.4"), id="august-is-the-T2-outcome"),
        pytest.param({m: D(m) for m in range(1, 9)}, D(8), id="latest-month-of-jan-aug"),
        pytest.param({MONTHS[7].pk: D("5.1"), T1.pk: D("4.0")}, D("5.1"), id="july-later-than-T1"),
        pytest.param({T1.pk: D("4.0"), MONTHS[2].pk: D("3.0")}, D("4.0"), id="T1-later-than-february"),
        pytest.param({MONTHS[7].pk: D("5.1"), MONTHS[9].pk: D("9.9")}, D("5.1"), id="september-outside-ignored"),
        pytest.param({MONTHS[3].pk: D("2"), DEC_2021.pk: D("9")}, D("2"), id="last-december-outside-ignored"),
        pytest.param({MONTHS[7].pk: D("5.1"), ROLLING.pk: D("9.9")}, D("5.1"), id="period-starting-before-ignored"),
        pytest.param({MONTHS[9].pk: D("9.9"), AUG_2021.pk: D("1.1")}, None, id="only-outside-span"),
        pytest.param({MONTHS[8].pk: D("0")}, D("0"), id="zero-inside-is-a-value"),
        pytest.param({}, None, id="no-values"),
    ],
)
def test_outcome_for(values, expected):
    assert rules.outcome_for(values, T2, CALENDAR) == expected


@pytest.mark.parametrize("seed", range(5))
def test_outcome_for_does_not_depend_on_the_order_of_periods(seed):
    values = {
        T1.pk: D("4.0"),
        MONTHS[4].pk: D("4.4"),
        MONTHS[6].pk: D("6.6"),
        MONTHS[8].pk: D("8.8"),
        MONTHS[10].pk: D("10.1"),
    }
    periods = CALENDAR[:]
    random.Random(seed).shuffle(periods)
    assert rules.outcome_for(values, T2, periods) == D("8.8")
    assert rules.outcome_for(values, T1, periods) == D("4.0")  # T1's own value beats April's


def test_outcome_for_a_period_without_candidates():
    assert rules.outcome_for({MONTHS[8].pk: D("7.4")}, T2, []) is None


# --- same period last year, Mnkr, difference, change, sums ----------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2022-T2", "2021-T2"),
        ("2022-08", "2021-08"),
        ("2022", "2021"),
        ("2023-T1", "2022-T1"),
        ("2000-12", "1999-12"),
    ],
)
def test_same_period_last_year(code, expected):
    assert rules.same_period_last_year(code) == expected


@pytest.mark.parametrize(
    ("kronor", "expected"),
    [
        (None, None),
        (D("-5000000"), "-5.0"),
        (D("-7500000.00"), "-7.5"),
        (D("0"), "0.0"),
        (2_000_000, "2.0"),
        (D("1234567"), "1.2"),
        (D("1250000"), "1.3"),  # half up, not half even
        (D("-1250000"), "-1.3"),  # half away from zero
        (D("1350000"), "1.4"),
        (D("49999.99"), "0.0"),
        (D("50000"), "0.1"),
        (D("-1061000000"), "-1061.0"),
    ],
)
def test_mnkr(kronor, expected):
    result = rules.mnkr(kronor)
    if expected is None:
        assert result is None
    else:
        assert isinstance(result, Decimal)
        assert str(result) == expected  # one decimal, always


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D("-5.0"), D("2.0"), D("-7.0")),
        (D("20.0"), D("2.0"), D("18.0")),
        (D("-247.0"), D("-259.0"), D("12.0")),
        (D("0"), D("0"), D("0")),
        (None, D("1"), None),
        (D("1"), None, None),
        (None, None, None),
    ],
)
def test_difference(a, b, expected):
    assert rules.difference(a, b) == expected
    if expected is not None:
        assert isinstance(rules.difference(a, b), Decimal)


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (D("-247"), D("-259"), D("-4.6")),  # a smaller cost: its size fell (seed 003: Personal −4,7 %)
        (D("-94"), D("-84"), D("11.9")),  # a bigger cost: its size rose (Sjukresor +12,4 %)
        (D("-4"), D("-5"), D("-20.0")),
        (D("-1061"), D("-1045"), D("1.5")),  # the total (seed 003: +1,5 %)
        (D("-265"), D("-246"), D("7.7")),  # the net cost (seed 003, unrounded: +8,0 %)
        (D("-0.36"), D("-0.127"), D("183.5")),  # Läkemedel: tiny amounts, a large change
        (D("-10"), D("10"), D("0.0")),  # the same size with the other sign: no change in size
        (D("110"), D("100"), D("10.0")),
        (D("90"), D("100"), D("-10.0")),
        (D("100.05"), D("100"), D("0.1")),  # 0,05 % rounds half up
        (D("5"), D("5"), D("0.0")),
        (D("0"), D("0"), None),
        (D("10"), D("0"), None),
        (D("5"), None, None),
        (None, D("5"), None),
    ],
)
def test_change_percent(now, before, expected):
    result = rules.change_percent(now, before)
    assert result == expected
    if expected is not None:
        assert result.as_tuple().exponent == -1


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([None, None], None),
        ([D("1"), None, D("2")], D("3")),
        ([D("0")], D("0")),
        ([D("-2.5"), D("2.5")], D("0")),
        ((v for v in [D("-5.0"), D("20.0"), D("-16.0")]), D("-1.0")),  # any iterable
    ],
)
def test_sum_or_none(values, expected):
    result = rules.sum_or_none(values)
    assert result == expected
    if expected is not None:
        assert isinstance(result, Decimal)


TODAY = datetime.date(2022, 10, 3)


@pytest.mark.parametrize(
    ("approved_at", "expected"),
    [
        (None, TODAY),
        (datetime.datetime(2022, 9, 15, 10, 0, tzinfo=STOCKHOLM), datetime.date(2022, 9, 15)),
        (datetime.datetime(2022, 9, 15, 10, 0, tzinfo=UTC), datetime.date(2022, 9, 15)),
        (datetime.datetime(2022, 12, 31, 23, 59), datetime.date(2022, 12, 31)),
    ],
)
def test_document_date(approved_at, expected):
    assert rules.document_date(approved_at, TODAY) == expected


def test_document_date_is_the_local_day_of_approval():
    """Regression: it was approved_at.date(), the UTC day of the stored timestamp."""
    # What Report.approved_at holds after approve(): timezone.now(), read back in UTC.
    approved_at = datetime.datetime(2022, 9, 16, 0, 30, tzinfo=STOCKHOLM).astimezone(UTC)
    assert rules.document_date(approved_at, TODAY) == datetime.date(2022, 9, 16)


# --- texts: Markdown to safe HTML ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param("# Rubrik", ["<h3>Rubrik</h3>"], ["<h1", "<h2"], id="h1-is-h3"),
        pytest.param(
            "Text med **fetstil** och *kursiv*.", ["<strong>fetstil</strong>", "<em>kursiv</em>"], [], id="bold-italic"
        ),
        pytest.param(
            "- ett\n- två\n\n1. först\n2. sedan",
            ["<ul>", "<li>ett</li>", "<li>två</li>", "<ol>", "<li>först</li>"],
            [],
            id="lists",
        ),
        pytest.param(
            "[Regionen](https://www.norrbotten.se/?a=1&b=2)",
            ['<a href="https://www.norrbotten.se/?a=1&amp;b=2" rel="noopener noreferrer">Regionen</a>'],
            [],
            id="https-link",
        ),
        pytest.param(
            "[Mejla oss](mailto:ekonomi@norrbotten.se)",
            ['<a href="mailto:ekonomi@norrbotten.se" rel="noopener noreferrer">Mejla oss</a>'],
            [],
            id="mailto-link",
        ),
        pytest.param("> Citat ur beslutet", ["<blockquote>", "Citat ur beslutet"], [], id="blockquote"),
        pytest.param(
            "<script>alert(1)</script>", ["&lt;script&gt;alert(1)&lt;/script&gt;"], ["<script"], id="script-as-text"
        ),
        pytest.param("[klicka](javascript:alert(1))", [], ["<a", "href"], id="javascript-link-not-a-link"),
        pytest.param("[klicka](JaVaScRiPt:alert(1))", [], ["<a", "href"], id="javascript-mixed-case"),
        pytest.param("[klicka](data:text/html;base64,PHNjcmlwdD4=)", [], ["<a", "href"], id="data-link"),
        pytest.param("<javascript:alert(1)>", [], ["<a", "href"], id="javascript-autolink"),
        pytest.param('<img src=x onerror="alert(1)">', ["&lt;img"], ["<img"], id="raw-img"),
        pytest.param('<iframe src="https://evil.example"></iframe>', ["&lt;iframe"], ["<iframe"], id="raw-iframe"),
        pytest.param('<a href="javascript:alert(1)">klick</a>', ["&lt;a href="], ["<a "], id="raw-a-javascript"),
        pytest.param(
            "<b>fet</b> <div onclick=x>", ["&lt;b&gt;fet&lt;/b&gt;", "&lt;div"], ["<b>", "<div"], id="raw-html-any"
        ),
        pytest.param("![bild](https://evil.example/x.png)", [], ["<img"], id="markdown-image-off"),
        pytest.param(
            "Resultat & prognos < budget, \"citat\" och 'apostrof'",
            ["&amp; prognos &lt; budget", '"citat"'],
            ["& prognos", "< budget"],
            id="ampersand-lt-quotes",
        ),
        pytest.param("Sjukfrånvaro ÅÄÖ åäö 😀 7,4\u00a0%", ["Sjukfrånvaro ÅÄÖ åäö 😀 7,4"], [], id="odd-characters"),
    ],
)
def test_to_html(text, present, absent):
    html = texts.to_html(text)
    for fragment in present:
        assert fragment in html
    for fragment in absent:
        assert fragment not in html
    for tag, attrs in elements(html):
        assert tag in texts.ALLOWED_TAGS
        assert set(attrs) <= ({"href", "rel"} if tag == "a" else set())
        if tag == "a":
            assert attrs["href"].split(":")[0] in ("https", "http", "mailto")
            assert attrs["rel"] == "noopener noreferrer"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    """The real elements of the HTML (escaped markup is text, not an element)."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def test_to_html_keeps_nbsp_and_emoji_safely():
    html = texts.to_html("7,4\u00a0% 😀")
    assert "😀" in html
    assert "\u00a0" in html or "&nbsp;" in html
    assert texts.to_plain("7,4\u00a0% 😀") == "7,4\u00a0% 😀"


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \t\n "])
def test_to_html_empty(text):
    assert texts.to_html(text) == ""
    assert texts.to_plain(text) == ""


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        pytest.param("# Rubrik", "h3", id="h1"),
        pytest.param("## Rubrik", "h3", id="h2"),  # regression: was h4 (level + 2)
        pytest.param("### Rubrik", "h4", id="h3"),  # regression: was h5
        pytest.param("#### Rubrik", "h5", id="h4"),
        pytest.param("###### Rubrik", "h5", id="h6-clamped"),
    ],
)
def test_headings_sit_under_the_sections_h2(text, tag):
    assert texts.to_html(text).strip() == f"<{tag}>Rubrik</{tag}>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Fet** text", "Fet text"),
        ("# Rubrik\n\nBrödtext", "Rubrik\nBrödtext"),
        ("A & B < C", "A & B < C"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # plain text, for Excel: not escaped
        ("\"citat\" och 'apostrof'", "\"citat\" och 'apostrof'"),
        ("[Länk](https://www.norrbotten.se)", "Länk"),
        ("ÅÄÖ 😀", "ÅÄÖ 😀"),
    ],
)
def test_to_plain(text, expected):
    assert texts.to_plain(text) == expected


# --- charts -----------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def sick_leave_chart(**changes) -> Chart:
    chart = Chart(
        title="M-SJUK Sjukfrånvaro, regionens medarbetare",
        labels=["2022-05", "2022-06", "2022-07", "2022-08"],
        series=[
            Series("women", "Kvinnor", [D("4.1"), D("5.1"), D("5.6"), D("7.4")]),
            Series("men", "Män", [D("3.1"), None, D("4.3"), D("4.9")]),
            Series("total", "Totalt", [None, None, None, D("6.8")]),
        ],
        target=D("4.8"),
        target_label="Mål < 4,8 %",
        unit="%",
    )
    for key, value in changes.items():
        setattr(chart, key, value)
    return chart


@pytest.mark.parametrize(
    "chart",
    [
        pytest.param(Chart("Tomt", ["2022-T1"], []), id="no-series"),
        pytest.param(Chart("Tomt", ["2022-T1", "2022-T2"], [Series("total", "Totalt", [None, None])]), id="all-none"),
        pytest.param(Chart("Tomt", [], [Series("total", "Totalt", [])]), id="no-labels"),
        # Regression: the target used to count as a value, drawing a chart with no data.
        pytest.param(
            Chart("Tomt", ["2022-T1"], [Series("total", "Totalt", [None])], target=D("5"), target_label="Mål 5"),
            id="only-a-target",
        ),
    ],
)
def test_trend_svg_without_values_is_empty(chart):
    assert charts.trend_svg(chart) == ""


def test_trend_svg_is_well_formed_with_an_accessible_title():
    root = parse(charts.trend_svg(sick_leave_chart()))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "M-SJUK Sjukfrånvaro, regionens medarbetare"
    assert root.find(f"{SVG}title").text == "M-SJUK Sjukfrånvaro, regionens medarbetare"
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"


def test_trend_svg_escapes_the_title_and_labels():
    title = "Mått <script>alert(\"x\")</script> & 'annat'"
    chart = sick_leave_chart(title=title, labels=["<b>1</b>", "2 & 3", '"4"', "5"], target_label="Mål <5>")
    svg = charts.trend_svg(chart)
    assert "<script" not in svg and "<b>" not in svg
    root = parse(svg)  # would raise on a stray & or <
    assert root.find(f"{SVG}title").text == title
    assert root.get("aria-label") == title
    shown = [t.text for t in root.iter(f"{SVG}text")]
    assert "<b>1</b>" in shown and "2 & 3" in shown and '"4"' in shown and "Mål <5>" in shown


def test_trend_svg_draws_a_line_per_series_with_two_points_or_more():
    chart = sick_leave_chart()  # women: 4 points, men: 3, total: 1
    root = parse(charts.trend_svg(chart))
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 2
    assert [len(line.get("points").split()) for line in lines] == [4, 3]
    # Lines differ by colour and dash pattern, not colour alone.
    assert len({line.get("stroke") for line in lines}) == 2
    assert len({line.get("stroke-dasharray") for line in lines}) == 2


def test_trend_svg_markers_differ_by_sex():
    root = parse(charts.trend_svg(sick_leave_chart()))
    # One marker per value plus one in the legend, each sex its own shape.
    assert len(list(root.iter(f"{SVG}rect"))) == 4 + 1  # kvinnor: squares
    assert len(list(root.iter(f"{SVG}path"))) == 3 + 1  # män: triangles
    assert len(list(root.iter(f"{SVG}circle"))) == 1 + 1  # totalt: circles
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Kvinnor", "Män", "Totalt", "Mål < 4,8 %"} <= set(legend)


def _target_lines(root):
    return [line for line in root.iter(f"{SVG}line") if line.get("stroke") == charts.TARGET_COLOUR]


def test_trend_svg_target_line():
    root = parse(charts.trend_svg(sick_leave_chart()))
    target, legend = _target_lines(root)
    assert target.get("stroke-dasharray") and legend.get("stroke-dasharray") == target.get("stroke-dasharray")
    assert float(target.get("x1")) == charts.LEFT and float(target.get("x2")) == charts.WIDTH - charts.RIGHT
    y = float(target.get("y1"))
    assert charts.TOP <= y <= charts.HEIGHT - charts.BOTTOM
    # 4,8 lies between the women's 4,1 (first point) and 7,4 (last point) on screen: y grows downwards.
    women = [tuple(map(float, p.split(","))) for p in next(root.iter(f"{SVG}polyline")).get("points").split()]
    assert women[-1][1] < y < women[0][1]

    without = parse(charts.trend_svg(sick_leave_chart(target=None, target_label="")))
    assert _target_lines(without) == []


def test_trend_svg_points_stay_inside_the_plot_with_negative_values():
    chart = Chart(
        "Budgetavvikelse",
        ["2022-T1", "2022-T2", "2022-T3"],
        [Series("total", "Totalt", [D("-11"), D("-2"), D("3.5")])],
        target=D("0"),
        target_label="Mål ≥ 0",
    )
    root = parse(charts.trend_svg(chart))
    points = [tuple(map(float, p.split(","))) for p in next(root.iter(f"{SVG}polyline")).get("points").split()]
    assert len(points) == 3
    for x, y in points:
        assert charts.LEFT <= x <= charts.WIDTH - charts.RIGHT
        assert charts.TOP - 0.05 <= y <= charts.HEIGHT - charts.BOTTOM + 0.05
    assert points[0][1] > points[1][1] > points[2][1]  # −11 lowest on screen


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (0.0, 7.4),
        (0.0, 0.0),
        (3.7, 3.7),
        (-259.0, 0.0),
        (-11.0, 3.5),
        (0.0, 136.0),
        (0.0, 0.05),
        (-0.5, 99.5),
        (0.0, 1_061_000_000.0),
        (-1061.0, -1044.0),
    ],
)
def test_nice_range_includes_the_data(low, high):
    bottom, top, step = charts._nice_range(low, high)
    assert step > 0
    assert bottom <= low and top >= high and bottom < top
    intervals = (top - bottom) / step
    assert abs(intervals - round(intervals)) < 1e-6 and 1 <= round(intervals) <= 8
    assert abs(bottom / step - round(bottom / step)) < 1e-6  # ticks on whole steps


@dataclass(frozen=True)
class _P:
    code: str
    kind: str


_AXIS = [_P("2026-03", "month"), _P("2026-04", "month"), _P("2026-T1", "tertial"), _P("2026-05", "month")]


@pytest.mark.parametrize(
    "monthly, codes",
    [
        (True, ["2026-03", "2026-04", "2026-05"]),  # values by month, whatever the region reports on
        (False, ["2026-T1"]),
    ],
)
def test_a_trend_is_drawn_by_month_where_the_measure_has_monthly_values(monthly, codes):
    assert [p.code for p in rules.trend_periods(_AXIS, monthly)] == codes
