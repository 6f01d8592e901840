"""Charts drawn on the server as SVG: the same drawing on screen and in the PDF.

A measure's trend over periods against its target, one line per sex where the measure is
split. Lines differ by dash pattern and marker shape as well as colour, so a grey print or
a colour-blind reader can tell them apart; the title names the chart for screen readers,
and every chart has a table of the same numbers next to it (the table alternative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.models import MeasureValue
from goals.models import PlanItem
from goals.rules import Op, format_target
from goals.units import format_value
from regionplan.numbers import format_number
from regionplan.tables import NUMBER, Column, Table

WIDTH, HEIGHT = 460, 200
SMALL_WIDTH, SMALL_HEIGHT = 340, 170
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 14, 44

# (colour, dash pattern, marker) per series; distinct without colour.
STYLES = {
    "total": ("#1f4e79", "", "circle"),
    "women": ("#9a3412", "6 3", "square"),
    "men": ("#166534", "2 3", "triangle"),
}
TARGET_COLOUR = "#57606a"


@dataclass
class Series:
    """One line: its key (total/women/men), legend label and a value per x position (None = no value)."""

    key: str
    label: str
    values: list[Decimal | None]


@dataclass
class Chart:
    """A trend chart's data: x labels, series and the target line (if the target is a number)."""

    title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    target: Decimal | None = None
    target_label: str = ""
    unit: str = ""

    @property
    def has_values(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)


SEX_LABELS = {
    MeasureValue.WOMEN: gettext_lazy("Kvinnor"),
    MeasureValue.MEN: gettext_lazy("Män"),
    MeasureValue.TOTAL: gettext_lazy("Totalt"),
}


@dataclass
class TrendBlock:
    """A measure's trend chart, drawn, with the table of the same numbers (the table alternative)."""

    chart: Chart
    svg: str
    table: Table
    print_table = False  # the PDF draws the chart; the screen offers its table

    @property
    def caption(self) -> str:
        return f"{self.chart.title} ({self.chart.unit})" if self.chart.unit else self.chart.title


LINE, MARKERS = "line", "markers"


def chart_kind(direction: str, measure_unit: str, target_operator: str) -> str:
    """How a measure's trend is drawn: a line where its values are numbers on a scale, a
    marker per period (Ja / Nej) for a yes/no measure, whose 1 and 0 are no scale to draw a
    line between. A measure is yes/no by its direction, its unit or its target."""
    yes_no = (
        direction == PlanItem.YESNO
        or (measure_unit or "").strip().lower() == "ja/nej"
        or target_operator in (Op.YES, Op.NO)
    )
    return MARKERS if yes_no else LINE


def yes_no_label(value) -> str:
    """A yes/no measure's value as a word: 1 is Ja, 0 is Nej, nothing is empty."""
    if value is None:
        return ""
    return str(_("Ja")) if value else str(_("Nej"))


def measure_trend(key, title, measure, target, periods, value, period_label=None, small=False) -> TrendBlock | None:
    """The trend of `measure` over `periods`: one series per sex where the measure is split
    (a series without values left out), starting at the first period with a value, the target
    as a line where it is a number. `value(sex, period)` gives a point; None when no period
    has a value. The table names a period by `period_label(period)`, its code by default.
    The report and the dashboards draw their trends with this."""
    sexes = [MeasureValue.WOMEN, MeasureValue.MEN, MeasureValue.TOTAL] if measure.split_by_sex else [MeasureValue.TOTAL]
    series = [Series(sex, str(SEX_LABELS[sex]), [value(sex, p) for p in periods]) for sex in sexes]
    series = [s for s in series if any(v is not None for v in s.values)]
    points = [i for i in range(len(periods)) if any(s.values[i] is not None for s in series)]
    if not points:
        return None
    first = points[0]
    periods = periods[first:]
    for s in series:
        s.values = s.values[first:]
    kind = chart_kind(measure.direction, measure.measure_unit, target.operator if target else "")
    if kind == MARKERS:
        chart = Chart(title, [p.code for p in periods], series, None, "", "")
        if target and target.operator:
            chart.target_label = _("Mål %(target)s") % {"target": format_target(target, measure.measure_unit)}
        table = Table(key, title, [Column(_("Period"))] + [Column(s.label) for s in series])
        label = period_label or (lambda p: p.code)
        table.rows = [[label(p)] + [yes_no_label(s.values[i]) for s in series] for i, p in enumerate(periods)]
        return TrendBlock(chart, markers_svg(chart, small=small), table)
    chart = Chart(
        title,
        [p.code for p in periods],
        series,
        target.value if target and target.value is not None else None,
        _("Mål %(target)s") % {"target": format_target(target, measure.measure_unit)},
        measure.measure_unit,
    )
    table = Table(key, title, [Column(_("Period"))] + [Column(s.label, NUMBER) for s in series])
    label = period_label or (lambda p: p.code)
    table.rows = [[label(p)] + [s.values[i] for s in series] for i, p in enumerate(periods)]
    return TrendBlock(chart, trend_svg(chart, small=small), table)


def _nice_range(low: float, high: float) -> tuple[float, float, float]:
    """Axis bounds and step that read well (0, 2, 4, …)."""
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), raw)
    bottom = (low // step) * step
    top = -((-high) // step) * step
    return bottom, top, step


def _ticks(low: float, high: float, step: float):
    """The axis ticks from low to high: (value, its Swedish label, escaped)."""
    tick = low
    while tick <= high + step / 1000:
        yield tick, escape(format_number(round(tick, 4)))
        tick += step


def _svg_open(width: int, height: int, title: str, css_class: str) -> list[str]:
    """The opening of a chart's SVG: its size, role="img" and its (escaped) title for screen readers."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{title}" class="{css_class}"><title>{title}</title>',
        '<g font-family="DejaVu Sans, Arial, sans-serif" font-size="10" fill="#24292f">',
    ]


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y + 3.5:.1f}L{x - 4.5:.1f} {y + 3.5:.1f}Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def trend_svg(chart: Chart, small: bool = False) -> str:
    """The chart as an SVG element (a string of escaped markup, safe to include as is);
    `small` draws it for a dashboard card (same drawing, narrower)."""
    width, height = (SMALL_WIDTH, SMALL_HEIGHT) if small else (WIDTH, HEIGHT)
    if not chart.has_values or not chart.labels:
        return ""
    numbers = [float(v) for s in chart.series for v in s.values if v is not None]
    if chart.target is not None:
        numbers.append(float(chart.target))
    title = escape(chart.title)
    if not numbers or not chart.labels:
        return ""
    low, high, step = _nice_range(min(0.0, min(numbers)), max(numbers))
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    count = len(chart.labels)

    def x_at(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / count)

    def y_at(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    parts = _svg_open(width, height, title, "chart")
    for tick, label in _ticks(low, high, step):
        y = y_at(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de" stroke-width="0.6"/>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{y + 3.5:.1f}" text-anchor="end">{label}</text>')
    # As many labels as fit without overlapping (≈6 px per character at font size 10).
    longest = max(len(label) for label in chart.labels)
    fitting = max(2, int(plot_w // (6 * longest + 8)))
    every = max(1, -(-count // fitting))
    for i, label in enumerate(chart.labels):
        if i % every == 0:
            parts.append(
                f'<text x="{x_at(i):.1f}" y="{height - BOTTOM + 14}" text-anchor="middle">{escape(label)}</text>'
            )
    if chart.target is not None:
        y = y_at(float(chart.target))
        parts.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="10 4"/>'
        )
    legend_x = LEFT
    for series in chart.series:
        colour, dash, shape = STYLES.get(series.key, STYLES["total"])
        points = [(x_at(i), y_at(float(v))) for i, v in enumerate(series.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        parts.extend(_marker(shape, x, y, colour) for x, y in points)
        parts.append(_marker(shape, legend_x + 4, height - 12, colour))
        parts.append(f'<text x="{legend_x + 12}" y="{height - 8}">{escape(series.label)}</text>')
        legend_x += 14 + 7 * len(series.label) + 14
    if chart.target is not None:
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 18}" y1="{height - 12}" y2="{height - 12}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="10 4"/>'
        )
        parts.append(f'<text x="{legend_x + 22}" y="{height - 8}">{escape(chart.target_label)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def markers_svg(chart: Chart, small: bool = False) -> str:
    """A yes/no measure over periods: per period and series a marker with its word, filled
    for Ja, hollow for Nej, a dash where nothing was reported; no line and no scale."""
    width = SMALL_WIDTH if small else WIDTH
    if not chart.has_values or not chart.labels:
        return ""
    row_h, top = 34, TOP + 4
    height = top + row_h * len(chart.series) + 40
    count = len(chart.labels)
    left = LEFT + 18
    plot_w = width - left - RIGHT

    def x_at(i: int) -> float:
        return left + plot_w * (i + 0.5) / count

    parts = _svg_open(width, height, escape(chart.title), "chart marker-chart")
    longest = max(len(label) for label in chart.labels)
    every = max(1, -(-count // max(2, int(plot_w // (6 * longest + 8)))))
    for r, series in enumerate(chart.series):
        colour = STYLES.get(series.key, STYLES["total"])[0]
        y = top + row_h * r + 10
        if len(chart.series) > 1:
            parts.append(f'<text x="{LEFT - 6}" y="{y + 3.5:.1f}" text-anchor="end">{escape(series.label)}</text>')
        for i, value in enumerate(series.values):
            x = x_at(i)
            if value is None:
                parts.append(f'<text x="{x:.1f}" y="{y + 3.5:.1f}" text-anchor="middle">–</text>')
                continue
            fill = colour if value else "#ffffff"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
            )
            if i % every == 0 or count <= 8:
                parts.append(
                    f'<text x="{x:.1f}" y="{y + 17:.1f}" text-anchor="middle" font-size="8">'
                    f"{escape(yes_no_label(value))}</text>"
                )
    axis_y = top + row_h * len(chart.series) + 4
    for i, label in enumerate(chart.labels):
        if i % every == 0:
            parts.append(f'<text x="{x_at(i):.1f}" y="{axis_y + 10}" text-anchor="middle">{escape(label)}</text>')
    colour = STYLES["total"][0]
    parts.append(f'<circle cx="{LEFT + 4}" cy="{height - 12}" r="4" fill="{colour}" stroke="{colour}"/>')
    parts.append(f'<text x="{LEFT + 12}" y="{height - 8}">{escape(str(_("Ja")))}</text>')
    parts.append(
        f'<circle cx="{LEFT + 44}" cy="{height - 12}" r="4" fill="#ffffff" stroke="{colour}" stroke-width="1.5"/>'
    )
    parts.append(f'<text x="{LEFT + 52}" y="{height - 8}">{escape(str(_("Nej")))}</text>')
    if chart.target_label:
        parts.append(f'<text x="{LEFT + 92}" y="{height - 8}">{escape(chart.target_label)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 18, 6, 190


def bar_svg(
    title: str,
    bars: list[tuple[str, Decimal | None]],
    target: Decimal | None = None,
    target_label: str = "",
    unit: str = "",
) -> str:
    """Horizontal bars, one per unit in the given order, with the target as a dashed
    vertical line; each bar carries its value as text, so no reading depends on colour."""
    shown = [(label, value) for label, value in bars if value is not None]
    if not shown:
        return ""
    numbers = [float(v) for _l, v in shown] + ([float(target)] if target is not None else [])
    low, high, step = _nice_range(min(0.0, min(numbers)), max(numbers))
    plot_left, plot_right = LABEL_WIDTH + 8, WIDTH + 160 - 50
    width = WIDTH + 160
    height = TOP + len(shown) * (BAR_HEIGHT + BAR_GAP) + 40

    def x_at(v: float) -> float:
        return plot_left + (plot_right - plot_left) * (v - low) / (high - low)

    safe_title = escape(title)
    parts = _svg_open(width, height, safe_title, "chart bar-chart")
    axis_y = TOP + len(shown) * (BAR_HEIGHT + BAR_GAP)
    for tick, tick_label in _ticks(low, high, step):
        x = x_at(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 4}" y2="{axis_y:.1f}" stroke="#d0d7de" stroke-width="0.6"/>'
        )
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 12:.1f}" text-anchor="middle">{tick_label}</text>')
    zero = x_at(max(low, 0.0))
    for i, (label, value) in enumerate(shown):
        y = TOP + i * (BAR_HEIGHT + BAR_GAP)
        end = x_at(float(value))
        left, right = min(zero, end), max(zero, end)
        name = label if len(label) <= 32 else label[:31] + "…"
        parts.append(f'<text x="{LABEL_WIDTH}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{escape(name)}</text>')
        parts.append(
            f'<rect x="{left:.1f}" y="{y}" width="{max(right - left, 1):.1f}" height="{BAR_HEIGHT}" '
            f'fill="{STYLES["total"][0]}"/>'
        )
        parts.append(f'<text x="{right + 4:.1f}" y="{y + BAR_HEIGHT - 5}">{escape(format_value(value, unit))}</text>')
    if target is not None:
        x = x_at(float(target))
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 8}" y2="{axis_y:.1f}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="10 4"/>'
        )
        parts.append(f'<text x="{plot_left}" y="{height - 8}">- - {escape(target_label)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)
