"""Which measures are drawn as lines (reports.charts.chart_kind): a yes/no measure never
is; it gets a marker per period, and its table says Ja / Nej."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from goals.rules import Op, Target
from reports import charts


@pytest.mark.parametrize(
    ("direction", "unit", "operator", "expected"),
    [
        ("higher", "%", Op.GE, charts.LINE),
        ("lower", "dagar", Op.LT, charts.LINE),
        ("follow", "antal", Op.NONE, charts.LINE),
        ("", "Mnkr", Op.RANGE, charts.LINE),
        ("higher", "index", Op.INCREASE, charts.LINE),
        ("yesno", "", Op.NONE, charts.MARKERS),  # by its direction
        ("", "ja/nej", Op.NONE, charts.MARKERS),  # by its unit
        ("", " Ja/Nej ", Op.NONE, charts.MARKERS),
        ("higher", "", Op.YES, charts.MARKERS),  # by its target
        ("", "antal", Op.NO, charts.MARKERS),
    ],
)
def test_chart_kind(direction, unit, operator, expected):
    assert charts.chart_kind(direction, unit, operator) == expected


@pytest.mark.parametrize(("value", "word"), [(Decimal(1), "Ja"), (Decimal(0), "Nej"), (None, "")])
def test_yes_no_label(value, word):
    assert charts.yes_no_label(value) == word


def _periods(n):
    return [SimpleNamespace(code=f"2022-{m:02d}", start=datetime.date(2022, m, 1), pk=m) for m in range(1, n + 1)]


def test_a_yes_no_trend_has_markers_and_words_not_a_line():
    measure = SimpleNamespace(split_by_sex=False, direction="yesno", measure_unit="ja/nej")
    values = {1: Decimal(1), 2: Decimal(0), 4: Decimal(1)}
    block = charts.measure_trend(
        "d", "Kontroll genomförd", measure, Target(Op.YES), _periods(4), lambda sex, p: values.get(p.pk)
    )
    assert "<polyline" not in block.svg and block.svg.count("<circle") == 3 + 2  # 3 values, 2 in the legend
    assert 'fill="#ffffff"' in block.svg  # Nej is hollow
    assert [row[1] for row in block.table.rows] == ["Ja", "Nej", "", "Ja"]
    assert block.table.columns[1].kind == "text"


def test_a_numeric_trend_is_still_a_line():
    measure = SimpleNamespace(split_by_sex=False, direction="lower", measure_unit="%")
    values = {1: Decimal("6.1"), 2: Decimal("7.4")}
    block = charts.measure_trend(
        "d", "Sjukfrånvaro", measure, Target(Op.LT, Decimal("4.8")), _periods(2), lambda sex, p: values.get(p.pk)
    )
    assert "<polyline" in block.svg
    assert [row[1] for row in block.table.rows] == [Decimal("6.1"), Decimal("7.4")]
