"""A measure's unit is the region's own text (goals/units.py): the formatting rules, the
spellings, the refusals, and the plan form and plan import that accept such a unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from goals import units
from goals.models import PlanItem
from goals.planimport import import_plan
from goals.rules import Op, Target, format_target, parse_baseline, parse_target
from regionplan.numbers import NBSP
from regionplan.tenancy import region_scope
from tests.goals.test_plan_import import FACTOR, GOAL, MEASURE, PERSPECTIVE, YEAR, xlsx_bytes
from tests.plans import YEAR as PLAN_YEAR
from tests.plans import build_plans

D = Decimal


def sv(text: str) -> str:
    """An expected text, "_" standing for the non-breaking space between thousands."""
    return text.replace("_", NBSP)


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (D("1234.5"), "sekunder", "1_234,5 sekunder"),
        (D("12"), "%", "12 %"),
        (D("7.40"), "%", "7,4 %"),
        (D("1234567"), "kr", "1_234_567 kr"),  # money as before: Swedish number, its unit
        (D("12.5"), "Mnkr", "12,5 Mnkr"),
        (D("-3.2"), "Mnkr", "−3,2 Mnkr"),
        (D("1"), "ja/nej", "Ja"),
        (D("0"), "ja/nej", "Nej"),
        (D("2.5"), "ton", "2,5 ton"),
        (D("850"), "kWh", "850 kWh"),
        (D("12345"), "kr/invånare", "12_345 kr/invånare"),
        (D("3.1"), "per 1 000 invånare", "3,1 per 1 000 invånare"),
        (D("42"), "", "42"),
        (None, "sekunder", ""),
    ],
)
def test_a_value_is_shown_with_its_unit_in_swedish(value, unit, expected):
    assert units.format_value(value, unit) == sv(expected)


@pytest.mark.parametrize(
    "written, stored",
    [
        ("sekunder", "sekunder"),
        ("  Sekunder ", "sekunder"),  # a suggested unit in its usual spelling
        ("procent", "%"),
        ("Procent", "%"),
        ("kronor", "kr"),
        ("mkr", "Mnkr"),
        ("MNKR", "Mnkr"),
        ("Ja / Nej", "ja/nej"),
        ("KWH", "kWh"),
        ("per  1 000\u00a0invånare", "per 1 000 invånare"),
        ("väntande patienter", "väntande patienter"),  # the region's own words, as written
        ("", ""),
    ],
)
def test_a_unit_is_stored_in_its_usual_spelling(written, stored):
    assert units.normalise_unit(written) == stored


@pytest.mark.parametrize(
    "unit, fragment",
    [
        ("sekunder", None),
        ("ton", None),
        ("per 1 000 invånare", None),
        ("", None),
        ("12", "är ett tal, ingen måttenhet"),
        ("4,5", "är ett tal, ingen måttenhet"),
        ("x" * 41, "högst 40 tecken"),
    ],
)
def test_what_is_no_unit(unit, fragment):
    problem = units.unit_error(unit)
    assert (problem is None) if fragment is None else (fragment in problem)


@pytest.mark.parametrize(
    "unit, percent, money, yesno",
    [
        ("%", True, False, False),
        ("andel (%)", True, False, False),
        ("kr", False, True, False),
        ("Mnkr", False, True, False),
        ("kr/invånare", False, False, False),
        ("ja/nej", False, False, True),
        ("sekunder", False, False, False),
    ],
)
def test_the_special_units(unit, percent, money, yesno):
    assert (units.is_percent(unit), units.is_money(unit), units.is_yesno(unit)) == (percent, money, yesno)


@pytest.mark.parametrize(
    "text, direction, unit, target, shown",
    [
        ("< 30 sekunder", "lower", "sekunder", Target(Op.LT, D("30")), "< 30 sekunder"),
        ("≤ 2 per 1 000 invånare", "lower", "per 1 000 invånare", Target(Op.LE, D("2")), "≤ 2 per 1 000 invånare"),
        ("1 200 ton", "lower", "ton", Target(Op.LE, D("1200")), "≤ 1_200 ton"),
        ("4–6 timmar", "", "timmar", Target(Op.RANGE, D("4"), D("6")), "4–6 timmar"),
        ("< 4,8 %", "lower", "%", Target(Op.LT, D("4.8")), "< 4,8 %"),
        ("Ja", "yesno", "ja/nej", Target(Op.YES), "Ja"),
        ("Öka", "higher", "poäng", Target(Op.INCREASE), "Öka"),
    ],
)
def test_a_target_may_carry_the_measures_own_unit(text, direction, unit, target, shown):
    parsed = parse_target(text, direction, unit)
    assert parsed == target
    assert format_target(parsed, unit) == sv(shown)


def test_a_baseline_may_carry_the_measures_own_unit():
    assert parse_baseline("2018: 41,5 sekunder", "sekunder") == (2018, D("41.5"))
    with pytest.raises(ValueError, match="inget jämförelsetal"):
        parse_baseline("2018: 41,5 minuter", "sekunder")


# --- the plan import ----------------------------------------------------------------------


def test_a_plan_with_units_such_as_sekunder_and_ton_is_imported(world):
    """The plan that was refused: measures in seconds and tonnes, a per-capita figure."""
    rows = [
        PERSPECTIVE,
        GOAL,
        FACTOR,
        {**MEASURE, "Kod": "MATT-S", "Måttenhet": "sekunder", "Målvärde": "< 30 sekunder", "Jämförelsetal": "2024: 41"},
        {**MEASURE, "Kod": "MATT-T", "Måttenhet": "Ton", "Målvärde": "1 200", "Jämförelsetal": "", "Antaget av": ""},
        {
            **MEASURE,
            "Kod": "MATT-P",
            "Måttenhet": "per 1 000 invånare",
            "Målvärde": "≤ 2 per 1 000 invånare",
            "Antaget av": "A-VO1 (≤ 1,5 per 1 000 invånare)",
        },
        {**MEASURE, "Kod": "MATT-K", "Måttenhet": "procent", "Antaget av": ""},
    ]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert not result.errors, result.errors
        found = {i.code: i for i in PlanItem.objects.filter(year=YEAR, level="measure")}
        assert {code: i.measure_unit for code, i in found.items()} == {
            "MATT-S": "sekunder",
            "MATT-T": "ton",
            "MATT-P": "per 1 000 invånare",
            "MATT-K": "%",
        }
        assert found["MATT-S"].target_text == "< 30 sekunder"
        assert (found["MATT-S"].baseline_year, found["MATT-S"].baseline_value) == (2024, D("41"))
        assert found["MATT-T"].target_text == sv("≤ 1_200 ton")
        assert found["MATT-P"].target_text == sv("≤ 2 per 1 000 invånare")
        [adoption] = found["MATT-P"].adoptions.all()
        assert adoption.target == Target(Op.LE, D("1.5"))


def test_a_bad_unit_in_a_plan_is_named_by_row_and_column_and_nothing_is_written(world):
    rows = [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Måttenhet": "sekunder " * 6}]
    with region_scope(world.alfa):
        before = PlanItem.objects.count()
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert [(e.row, e.column) for e in result.errors] == [(5, "Måttenhet")]
        assert "högst 40 tecken" in result.errors[0].message
        assert PlanItem.objects.count() == before


# --- the plan form ------------------------------------------------------------------------


def _create_url(world, plans):
    return (
        reverse(
            "item_create",
            kwargs={"region_slug": "alfa", "unit_pk": world.units["DIV"].pk, "year": PLAN_YEAR, "level": "measure"},
        )
        + f"?under={plans['factor'].pk}"
    )


def test_the_plan_form_suggests_units_and_accepts_the_regions_own(world):
    plans = build_plans(world)
    client = world.client("controller")
    page = client.get(_create_url(world, plans)).content.decode()
    assert 'list="id_measure_unit-forslag"' in page and '<datalist id="id_measure_unit-forslag">' in page
    for suggested in ("sekunder", "ton", "kr/invånare", "per 1 000 invånare", "ja/nej"):
        assert f'<option value="{suggested}">' in page
    response = client.post(
        _create_url(world, plans),
        {
            "name": "Svarstid 1177",
            "measure_unit": "Sekunder",
            "direction": "lower",
            "frequency": "month",
            "target_text": "< 30 sekunder",
            "baseline_text": "2024: 41",
        },
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        item = PlanItem.objects.get(name="Svarstid 1177")
        assert (item.measure_unit, item.target_text) == ("sekunder", "< 30 sekunder")


def test_the_plan_form_refuses_a_number_for_a_unit_and_writes_nothing(world):
    plans = build_plans(world)
    response = world.client("controller").post(
        _create_url(world, plans),
        {"name": "Svarstid", "measure_unit": "30", "direction": "lower", "frequency": "month", "target_text": "< 30"},
    )
    assert response.status_code == 400
    assert "”30” är ett tal, ingen måttenhet" in response.content.decode()
    with region_scope(world.alfa):
        assert not PlanItem.objects.filter(name="Svarstid").exists()
