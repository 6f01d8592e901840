"""The core's risk matrix rules (regionplan/riskmatrix.py), shared by internal control and
SAM, table by table for every size from 3×3 to 6×6 and the mixed ones."""

import itertools
import re

import pytest

from regionplan import riskmatrix as rm
from regionplan.status import look

SIZES = range(rm.MIN_SIZE, rm.MAX_SIZE + 1)
SHAPES = list(itertools.product(SIZES, SIZES))
G, Y, R, NONE = "green", "yellow", "red", "none"


def ids(shape):
    return f"{shape[0]}x{shape[1]}"


# --- default_cells and default_definition ---------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_default_cells_have_the_shape_rise_and_span_green_to_red(shape):
    rows, columns = shape
    cells = rm.default_cells(rows, columns)
    assert len(cells) == rows and all(len(row) == columns for row in cells)
    assert cells[0][0] == G and cells[-1][-1] == R  # the mildest and the worst corner
    severity = {G: 0, Y: 1, R: 2}
    for lk, im in itertools.product(range(rows), range(columns)):
        if lk:
            assert severity[cells[lk][im]] >= severity[cells[lk - 1][im]]
        if im:
            assert severity[cells[lk][im]] >= severity[cells[lk][im - 1]]


@pytest.mark.parametrize(
    "shape, expected",
    [
        # likelihood × impact as a share of the largest product: up to 1/3 green, up to 2/3 yellow
        ((3, 3), [[G, G, G], [G, Y, Y], [G, Y, R]]),
        ((4, 4), [[G, G, G, G], [G, G, Y, Y], [G, Y, Y, R], [G, Y, R, R]]),
        ((3, 6), [[G, G, G, G, G, G], [G, G, G, Y, Y, Y], [G, G, Y, Y, R, R]]),
    ],
    ids=["3x3", "4x4", "3x6"],
)
def test_default_cells_by_table(shape, expected):
    assert rm.default_cells(*shape) == expected


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_the_default_definition_is_valid_with_named_levels(shape):
    definition = rm.default_definition(*shape)
    assert rm.validate(definition) == []
    assert rm.size(definition) == shape
    assert all(level["name"] for level in definition["likelihood"] + definition["impact"])


def test_a_new_regions_matrix_is_4x4():
    assert rm.size(rm.default_definition()) == (4, 4)


# --- validate -------------------------------------------------------------------------------


def _with(definition, **changes):
    """A copy of the definition with levels or cells changed: cell=(l, i, value),
    likelihood_name=(n, name), likelihood=list, cells=list."""
    copy = {
        "likelihood": [dict(level) for level in definition["likelihood"]],
        "impact": [dict(level) for level in definition["impact"]],
        "cells": [list(row) for row in definition["cells"]],
    }
    if "cell" in changes:
        lk, im, value = changes.pop("cell")
        copy["cells"][lk - 1][im - 1] = value
    for axis in ("likelihood", "impact"):
        if f"{axis}_name" in changes:
            n, name = changes.pop(f"{axis}_name")
            copy[axis][n - 1]["name"] = name
    copy.update(changes)
    return copy


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_a_gap_in_the_thresholds_is_refused_for_every_size(shape):
    rows, columns = shape
    # The worst corner made green: milder than the cells below and left of it.
    errors = rm.validate(_with(rm.default_definition(*shape), cell=(rows, columns, G)))
    assert errors == [
        f"Rutan sannolikhet {rows}, konsekvens {columns} är mildare än en ruta med lägre sannolikhet "
        "eller konsekvens: färgerna får inte gå tillbaka."
    ]


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_a_missing_level_name_is_refused_for_every_size(shape):
    rows, columns = shape
    definition = _with(rm.default_definition(*shape), likelihood_name=(rows, "  "), impact_name=(1, ""))
    assert rm.validate(definition) == [
        f"Sannolikhet, nivå {rows} saknar namn.",
        "Konsekvens, nivå 1 saknar namn.",
    ]


@pytest.mark.parametrize(
    "change, expected",
    [
        # sizes outside 3–6, on either axis
        ({"likelihood": [{"name": "A"}, {"name": "B"}]}, ["Sannolikhet ska ha mellan 3 och 6 nivåer."]),
        ({"impact": [{"name": str(n)} for n in range(7)]}, ["Konsekvens ska ha mellan 3 och 6 nivåer."]),
        ({"impact": "fyra"}, ["Konsekvens ska ha mellan 3 och 6 nivåer."]),
        (
            {"likelihood": None, "impact": []},
            [f"{a} ska ha mellan 3 och 6 nivåer." for a in ("Sannolikhet", "Konsekvens")],
        ),
        # a level that is not a level
        (
            {"likelihood": ["Låg", {"name": "Medel"}, {"name": "Hög"}, {"name": "X"}]},
            ["Sannolikhet, nivå 1 saknar namn."],
        ),
        # cells of the wrong shape
        ({"cells": [[G] * 4] * 3}, ["Matrisen ska ha 4 × 4 rutor."]),
        ({"cells": [[G] * 3] * 4}, ["Matrisen ska ha 4 × 4 rutor."]),
        ({"cells": None}, ["Matrisen ska ha 4 × 4 rutor."]),
        # a cell that is not Grön, Gul or Röd ("none" is a status but not a cell's)
        ({"cell": (2, 3, "blue")}, ["Rutan sannolikhet 2, konsekvens 3 ska vara Grön, Gul eller Röd."]),
        ({"cell": (1, 1, NONE)}, ["Rutan sannolikhet 1, konsekvens 1 ska vara Grön, Gul eller Röd."]),
        # a gap inside the matrix: red below a yellow
        (
            {"cell": (1, 2, R)},
            [
                "Rutan sannolikhet 1, konsekvens 3 är mildare än en ruta med lägre sannolikhet eller konsekvens: "
                "färgerna får inte gå tillbaka.",
                "Rutan sannolikhet 2, konsekvens 2 är mildare än en ruta med lägre sannolikhet eller konsekvens: "
                "färgerna får inte gå tillbaka.",
            ],
        ),
        # all one colour is allowed (no gap), and so is a raised colour
        ({"cells": [[Y] * 4] * 4}, []),
        ({"cell": (1, 1, Y), "cells": [[Y] * 4] * 4}, []),
        ({"cell": (1, 4, Y)}, []),
    ],
)
def test_validate_by_table(change, expected):
    assert rm.validate(_with(rm.default_definition(4, 4), **change)) == expected


# --- cell_status, cell_label, in_matrix ---------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_cell_status_inside_is_the_cell_and_outside_is_not_assessed(shape):
    rows, columns = shape
    definition = rm.default_definition(*shape)
    for lk, im in itertools.product(range(1, rows + 1), range(1, columns + 1)):
        assert rm.cell_status(definition, lk, im) == definition["cells"][lk - 1][im - 1]
    for lk, im in [(0, 1), (1, 0), (rows + 1, 1), (1, columns + 1), (None, 1), (1, None), (None, None), ("1", 1)]:
        assert rm.cell_status(definition, lk, im) == NONE
        assert not rm.in_matrix(definition, lk, im)


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_cell_label_names_both_levels_and_the_status_in_words(shape):
    rows, columns = shape
    definition = rm.default_definition(*shape)
    top, right = definition["likelihood"][-1]["name"], definition["impact"][-1]["name"]
    assert rm.cell_label(definition, rows, columns) == f"Sannolikhet {rows} {top} × konsekvens {columns} {right}: Röd"
    first = (
        f"Sannolikhet 1 {definition['likelihood'][0]['name']} × konsekvens 1 {definition['impact'][0]['name']}: Grön"
    )
    assert rm.cell_label(definition, 1, 1) == first
    assert rm.cell_label(definition, rows + 1, 1) == "Ej värderad"
    assert rm.cell_label(definition, None, None) == "Ej värderad"


# --- counts, status_counts, grid, heat map ----------------------------------------------------------


def test_counts_gathers_pairs_and_puts_unvalued_ones_together():
    found = rm.counts([(1, 1), (1, 1), (3, 2), (None, 2), (2, None), (None, None)])
    assert found == {(1, 1): 2, (3, 2): 1, (None, None): 3}


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_status_counts_per_status_with_values_outside_as_not_assessed(shape):
    rows, columns = shape
    definition = rm.default_definition(*shape)
    pairs = [(1, 1)] * 2 + [(rows, columns)] * 3 + [(None, None), (rows + 1, 1), (1, columns + 1)]
    totals = rm.status_counts(definition, rm.counts(pairs))
    assert totals == {G: 2, Y: 0, R: 3, NONE: 3}
    assert sum(totals.values()) == len(pairs)


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_grid_draws_the_highest_likelihood_first_and_impacts_left_to_right(shape):
    rows, columns = shape
    definition = rm.default_definition(*shape)
    grid = rm.grid(definition, rm.counts([(rows, 1), (1, columns), (1, columns)]))
    assert [row[0].likelihood for row in grid] == list(range(rows, 0, -1))
    assert all([cell.impact for cell in row] == list(range(1, columns + 1)) for row in grid)
    assert grid[0][0].count == 1 and grid[-1][-1].count == 2
    assert sum(cell.count for row in grid for cell in row) == 3
    assert grid[-1][0].status == G and grid[0][-1].status == R
    assert grid[0][-1].label == rm.cell_label(definition, rows, columns)


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_heatmap_svg_shows_each_count_and_level_and_escapes_the_title(shape):
    rows, columns = shape
    definition = rm.default_definition(*shape)
    pairs = [(lk, im) for lk in range(1, rows + 1) for im in range(1, columns + 1) for _ in range(lk * 10 + im)]
    svg = rm.heatmap_svg(definition, rm.counts(pairs), 'Värmekarta <script>alert("x")</script> & co')
    texts = re.findall(r">([^<>]*)</text>", svg)
    for lk in range(1, rows + 1):
        for im in range(1, columns + 1):
            assert str(lk * 10 + im) in texts
    assert texts.count(f"{look(R).icon} {look(R).label}") == sum(row.count(R) for row in definition["cells"])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg
    assert 'role="img"' in svg
    assert svg.count("<rect") == rows * columns


def test_heatmap_svg_leaves_empty_cells_blank():
    svg = rm.heatmap_svg(rm.default_definition(3, 3), rm.counts([]), "Tom")
    assert re.findall(r'text-anchor="middle" fill="#1f2328">([^<]*)</text>', svg)[:9] == [""] * 9


# --- resize, plan_save, lost_valuation -------------------------------------------------------------


def _named(shape):
    """A definition with the user's own names and descriptions and an own (valid) colouring."""
    rows, columns = shape
    return {
        "likelihood": [{"name": f"S{n}", "description": f"s{n}"} for n in range(1, rows + 1)],
        "impact": [{"name": f"K{n}", "description": f"k{n}"} for n in range(1, columns + 1)],
        "cells": [[Y if lk + im < rows + columns else R for im in range(columns)] for lk in range(rows)],
    }


@pytest.mark.parametrize("old", SHAPES, ids=ids)
@pytest.mark.parametrize("new", SHAPES, ids=ids)
def test_resize_keeps_remaining_names_fills_new_ones_and_recolours_unless_the_size_is_the_same(old, new):
    resized = rm.resize(_named(old), *new)
    fresh = rm.default_definition(*new)
    assert rm.size(resized) == new
    for axis, count, short in (("likelihood", 0, "S"), ("impact", 1, "K")):
        for n, level in enumerate(resized[axis], start=1):
            if n <= old[count]:
                assert level == {"name": f"{short}{n}", "description": f"{short.lower()}{n}"}
            else:
                assert level == fresh[axis][n - 1]
    assert resized["cells"] == (_named(old)["cells"] if new == old else fresh["cells"])
    assert rm.validate(resized) == []


@pytest.mark.parametrize(
    "sent, expected_cells",
    [
        # the same size with the user's colours, even a gap (validation says so at the save)
        ({"cells": [[R, G, G], [G, G, G], [G, G, G]]}, [[R, G, G], [G, G, G], [G, G, G]]),
        # a cell that is no status, a missing row: the default colouring
        ({"cells": [[G, G, "x"], [G, G, G], [G, G, G]]}, rm.default_cells(3, 3)),
        ({"cells": [[G, G, G], [G, G, G]]}, rm.default_cells(3, 3)),
        ({}, rm.default_cells(3, 3)),
    ],
)
def test_resize_keeps_the_users_colours_only_when_they_fit(sent, expected_cells):
    definition = {"likelihood": [{"name": "A"}] * 3, "impact": [{"name": "B"}] * 3, **sent}
    assert rm.resize(definition, 3, 3)["cells"] == expected_cells


def test_resize_mends_what_a_form_did_not_send():
    resized = rm.resize({"likelihood": [{"name": "Egen"}, "trasig"], "impact": None}, 4, 3)
    assert [level["name"] for level in resized["likelihood"]] == ["Egen", "Mindre sannolik", "Möjlig", "Sannolik"]
    assert resized["likelihood"][0]["description"] == ""
    assert resized["impact"] == rm.default_definition(4, 3)["impact"]


@pytest.mark.parametrize("size", [(2, 4), (4, 7), (0, 0)])
def test_resize_refuses_a_size_outside_the_bounds(size):
    with pytest.raises(ValueError):
        rm.resize(rm.default_definition(), *size)


FOUR, FIVE = rm.default_definition(4, 4), rm.default_definition(5, 5)


@pytest.mark.parametrize(
    "newest, version, proposed, in_use, expected",
    [
        (None, None, FOUR, False, rm.SavePlan(rm.CREATE, 1)),  # no matrix yet: the default shown becomes v1
        (None, None, FIVE, False, rm.SavePlan(rm.CREATE, 1)),
        (FOUR, 1, FOUR, False, rm.SavePlan(rm.UNCHANGED, 1)),
        (FOUR, 3, FOUR, True, rm.SavePlan(rm.UNCHANGED, 3)),  # nothing changed: no new version either
        (FOUR, 1, FIVE, False, rm.SavePlan(rm.EDIT, 1)),  # only drafts use it: edited in place
        (FOUR, 1, FIVE, True, rm.SavePlan(rm.NEW_VERSION, 2)),  # an adopted analysis uses it: never edited
        (FIVE, 7, _with(FIVE, likelihood_name=(1, "Ny")), True, rm.SavePlan(rm.NEW_VERSION, 8)),
        (FIVE, 7, _with(FIVE, cell=(5, 1, R)), False, rm.SavePlan(rm.EDIT, 7)),
    ],
)
def test_plan_save_by_table(newest, version, proposed, in_use, expected):
    assert rm.plan_save(newest, version, proposed, in_use) == expected


@pytest.mark.parametrize("shape", SHAPES, ids=ids)
def test_lost_valuation_is_a_full_valuation_outside_the_matrix(shape):
    rows, columns = shape
    definition = rm.default_definition(*shape)
    assert not rm.lost_valuation(definition, rows, columns)
    assert not rm.lost_valuation(definition, 1, 1)
    assert rm.lost_valuation(definition, rows + 1, 1)
    assert rm.lost_valuation(definition, 1, columns + 1)
    assert rm.lost_valuation(definition, 0, 1)
    assert not rm.lost_valuation(definition, None, columns + 1)  # not valued: nothing to lose
    assert not rm.lost_valuation(definition, None, None)
