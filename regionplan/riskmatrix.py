"""The risk matrix: likelihood (sannolikhet) × impact (konsekvens), and the rules on it.

Internal control's risk analyses and SAM's risk assessments both value risks on the
region's matrix, so the matrix lives here, one floor below both apps. A matrix is a plain
definition (a dict, stored as JSON by `regionplan.models.RiskMatrix`):

    {"likelihood": [{"name": "Osannolik", "description": "…"}, …],   # level 1 first
     "impact":     [{"name": "Försumbar", "description": "…"}, …],
     "cells":      [["green", "green", "yellow"], …]}                # cells[likelihood-1][impact-1]

Every cell holds one of the core's statuses (Grön / Gul / Röd, `regionplan.status`), so a
risk's value is shown with the same icon, word and colour as a goal's status. The functions
here take and return plain values and are tested table by table (tests/core/test_riskmatrix.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from regionplan.status import Status, look

MIN_SIZE, MAX_SIZE = 3, 6
CELL_STATUSES = (Status.GREEN.value, Status.YELLOW.value, Status.RED.value)
_SEVERITY = {Status.GREEN.value: 0, Status.YELLOW.value: 1, Status.RED.value: 2}

_LIKELIHOOD_NAMES = {
    3: ["Låg", "Medel", "Hög"],
    4: ["Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"],
    5: ["Mycket låg", "Låg", "Medel", "Hög", "Mycket hög"],
    6: ["Sällsynt", "Mycket låg", "Låg", "Medel", "Hög", "Mycket hög"],
}
_IMPACT_NAMES = {
    3: ["Lindrig", "Kännbar", "Allvarlig"],
    4: ["Försumbar", "Lindrig", "Kännbar", "Allvarlig"],
    5: ["Försumbar", "Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"],
    6: ["Obetydlig", "Försumbar", "Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"],
}


def default_cells(likelihoods: int, impacts: int) -> list[list[str]]:
    """The usual colouring of a matrix of the given size: the product of the two levels,
    scaled to 0–1, is green up to a third, yellow up to two thirds, red above."""
    top = likelihoods * impacts
    cells = []
    for lk in range(1, likelihoods + 1):
        row = []
        for im in range(1, impacts + 1):
            share = lk * im / top
            row.append(
                Status.GREEN.value if share <= 1 / 3 else Status.YELLOW.value if share <= 2 / 3 else Status.RED.value
            )
        cells.append(row)
    return cells


def default_definition(likelihoods: int = 4, impacts: int = 4) -> dict:
    """A new region's matrix (4×4 unless told): named levels and the usual colouring."""
    return {
        "likelihood": [{"name": n, "description": ""} for n in _LIKELIHOOD_NAMES[likelihoods]],
        "impact": [{"name": n, "description": ""} for n in _IMPACT_NAMES[impacts]],
        "cells": default_cells(likelihoods, impacts),
    }


def validate(definition: dict) -> list[str]:
    """What is wrong with a matrix definition, in Swedish; empty when it is usable.

    Both axes have 3–6 named levels; every cell is Grön, Gul or Röd; and the colours never
    step back: a cell is at least as severe as every cell with lower or equal likelihood and
    impact (otherwise the thresholds have a gap, and a likelier, worse risk would look
    milder than a smaller one)."""
    errors: list[str] = []
    axes = {}
    for key, label in (("likelihood", _("Sannolikhet")), ("impact", _("Konsekvens"))):
        levels = definition.get(key)
        if not isinstance(levels, list) or not MIN_SIZE <= len(levels) <= MAX_SIZE:
            errors.append(
                _("%(axis)s ska ha mellan %(min)s och %(max)s nivåer.")
                % {"axis": label, "min": MIN_SIZE, "max": MAX_SIZE}
            )
            continue
        axes[key] = len(levels)
        for number, level in enumerate(levels, start=1):
            if not isinstance(level, dict) or not str(level.get("name", "")).strip():
                errors.append(_("%(axis)s, nivå %(n)s saknar namn.") % {"axis": label, "n": number})
    if errors:
        return errors
    cells = definition.get("cells")
    rows, columns = axes["likelihood"], axes["impact"]
    if (
        not isinstance(cells, list)
        or len(cells) != rows
        or any(not isinstance(r, list) or len(r) != columns for r in cells)
    ):
        return [_("Matrisen ska ha %(rows)s × %(columns)s rutor.") % {"rows": rows, "columns": columns}]
    for lk, row in enumerate(cells, start=1):
        for im, value in enumerate(row, start=1):
            if value not in CELL_STATUSES:
                errors.append(
                    _("Rutan sannolikhet %(l)s, konsekvens %(i)s ska vara Grön, Gul eller Röd.") % {"l": lk, "i": im}
                )
    if errors:
        return errors
    for lk in range(rows):
        for im in range(columns):
            here = _SEVERITY[cells[lk][im]]
            below = [_SEVERITY[cells[lk - 1][im]]] if lk else []
            left = [_SEVERITY[cells[lk][im - 1]]] if im else []
            if any(here < other for other in below + left):
                errors.append(
                    _(
                        "Rutan sannolikhet %(l)s, konsekvens %(i)s är mildare än en ruta med lägre sannolikhet "
                        "eller konsekvens: färgerna får inte gå tillbaka."
                    )
                    % {"l": lk + 1, "i": im + 1}
                )
    return errors


def size(definition: dict) -> tuple[int, int]:
    """(number of likelihood levels, number of impact levels)."""
    return len(definition["likelihood"]), len(definition["impact"])


def in_matrix(definition: dict, likelihood: int | None, impact: int | None) -> bool:
    """Whether (likelihood, impact) is a cell of the matrix (levels count from 1)."""
    rows, columns = size(definition)
    return (
        isinstance(likelihood, int) and isinstance(impact, int) and 1 <= likelihood <= rows and 1 <= impact <= columns
    )


def cell_status(definition: dict, likelihood: int | None, impact: int | None) -> str:
    """The status of a cell; 'Ej bedömd' when the risk is not valued (or the value is not in
    this matrix, as after a resize: it is never guessed)."""
    if not in_matrix(definition, likelihood, impact):
        return Status.NOT_ASSESSED.value
    return definition["cells"][likelihood - 1][impact - 1]


def cell_label(definition: dict, likelihood: int | None, impact: int | None) -> str:
    """A value in words, so that colour is never the only signal: "Sannolikhet 3 Möjlig ×
    konsekvens 4 Allvarlig: Röd"."""
    if not in_matrix(definition, likelihood, impact):
        return _("Ej värderad")
    return _("Sannolikhet %(l)s %(ln)s × konsekvens %(i)s %(in)s: %(status)s") % {
        "l": likelihood,
        "ln": definition["likelihood"][likelihood - 1]["name"],
        "i": impact,
        "in": definition["impact"][impact - 1]["name"],
        "status": look(cell_status(definition, likelihood, impact)).label,
    }


def counts(pairs: Iterable[tuple[int | None, int | None]]) -> Counter:
    """How many risks lie in each cell: {(likelihood, impact): n}; unvalued ones under (None, None)."""
    found: Counter = Counter()
    for likelihood, impact in pairs:
        key = (likelihood, impact) if likelihood and impact else (None, None)
        found[key] += 1
    return found


def status_counts(definition: dict, cell_counts: Counter) -> dict[str, int]:
    """The counts of a heat map per status: {"red": n, "yellow": n, "green": n, "none": n}."""
    totals = {s: 0 for s in (*CELL_STATUSES, Status.NOT_ASSESSED.value)}
    for (likelihood, impact), n in cell_counts.items():
        totals[cell_status(definition, likelihood, impact)] += n
    return totals


@dataclass(frozen=True)
class Cell:
    """A cell of a heat map as a page or the PDF shows it."""

    likelihood: int
    impact: int
    status: str
    count: int
    label: str


def grid(definition: dict, cell_counts: Counter) -> list[list[Cell]]:
    """The heat map's rows, highest likelihood first (as matrices are drawn), each a list of
    cells in impact order."""
    rows, columns = size(definition)
    return [
        [
            Cell(lk, im, cell_status(definition, lk, im), cell_counts.get((lk, im), 0), cell_label(definition, lk, im))
            for im in range(1, columns + 1)
        ]
        for lk in range(rows, 0, -1)
    ]


def heatmap_svg(definition: dict, cell_counts: Counter, title: str, cell_size: int = 50) -> str:
    """The heat map as SVG: a square per cell in its status colour with the status icon and
    the count, the level numbers on both axes. For the PDF and the dashboards; pages show a
    table beside it (the SVG is `role="img"` with a title)."""
    rows, columns = size(definition)
    left, top = 28, 8
    width, height = left + columns * cell_size + 8, top + rows * cell_size + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for y, row in enumerate(grid(definition, cell_counts)):
        for x, cell in enumerate(row):
            shown = look(cell.status)
            px, py = left + x * cell_size, top + y * cell_size
            parts.append(
                f'<rect x="{px}" y="{py}" width="{cell_size - 2}" height="{cell_size - 2}" fill="{shown.colour}" '
                f'fill-opacity="0.25" stroke="{shown.colour}"/>'
                # The status in icon and word, so that a printed map never rests on colour.
                f'<text x="{px + 4}" y="{py + 13}" font-size="9" fill="{shown.colour}">{shown.icon} {escape(shown.label)}</text>'
                f'<text x="{px + cell_size / 2 - 1}" y="{py + cell_size / 2 + 8}" font-size="15" '
                f'text-anchor="middle" fill="#1f2328">{cell.count or ""}</text>'
            )
    for lk in range(1, rows + 1):
        py = top + (rows - lk) * cell_size + cell_size / 2 + 4
        parts.append(f'<text x="{left - 8}" y="{py}" font-size="11" text-anchor="end" fill="#1f2328">{lk}</text>')
    for im in range(1, columns + 1):
        px = left + (im - 1) * cell_size + cell_size / 2 - 1
        parts.append(
            f'<text x="{px}" y="{top + rows * cell_size + 13}" font-size="11" text-anchor="middle" fill="#1f2328">{im}</text>'
        )
    parts.append(
        f'<text x="{left + columns * cell_size / 2}" y="{height - 3}" font-size="10" text-anchor="middle" '
        f'fill="#57606a">{escape(_("Konsekvens →"))}</text></svg>'
    )
    return "".join(parts)


@dataclass(frozen=True)
class HeatRow:
    """A row of a heat map as a table shows it: the likelihood level, its name, its cells."""

    likelihood: int
    name: str
    cells: list[Cell]


def heat_rows(definition: dict, cell_counts: Counter) -> list[HeatRow]:
    """The heat map's rows with the likelihood levels' names, highest first (for tables that
    name both axes; `impact_names` gives the columns)."""
    rows, _columns = size(definition)
    return [
        HeatRow(lk, definition["likelihood"][lk - 1]["name"], cells)
        for lk, cells in zip(range(rows, 0, -1), grid(definition, cell_counts), strict=True)
    ]


def impact_names(definition: dict) -> list[str]:
    return [level["name"] for level in definition["impact"]]


# --- changing a region's matrix (internal control's settings page; SAM's too) ----------------


def resize(definition: dict, likelihoods: int, impacts: int) -> dict:
    """The definition at a new size, as the matrix form's "Ändra storlek" proposes it.

    Level n stays level n: the levels that remain keep their names and descriptions, new
    levels take the default names of the new size. The cells keep the user's colours only
    when they still fit (the same size, every cell a status); otherwise they are the usual
    colouring of the new size: on another scale the old colours would not mean the same,
    and the user adjusts the proposal before saving. `definition` may be what a form sent
    (levels missing or broken are replaced by the defaults)."""
    if not (MIN_SIZE <= likelihoods <= MAX_SIZE and MIN_SIZE <= impacts <= MAX_SIZE):
        raise ValueError(f"size {likelihoods}×{impacts} outside {MIN_SIZE}–{MAX_SIZE}")
    fresh = default_definition(likelihoods, impacts)
    result = {}
    for key, count in (("likelihood", likelihoods), ("impact", impacts)):
        old = definition.get(key)
        old = old if isinstance(old, list) else []
        levels = []
        for n in range(count):
            level = old[n] if n < len(old) and isinstance(old[n], dict) else fresh[key][n]
            levels.append({"name": str(level.get("name", "")), "description": str(level.get("description", ""))})
        result[key] = levels
    cells = definition.get("cells")
    fits = (
        isinstance(cells, list)
        and len(cells) == likelihoods
        and all(isinstance(row, list) and len(row) == impacts for row in cells)
        and all(value in CELL_STATUSES for row in cells for value in row)
    )
    result["cells"] = [list(row) for row in cells] if fits else fresh["cells"]
    return result


UNCHANGED, CREATE, EDIT, NEW_VERSION = "unchanged", "create", "edit", "new_version"


@dataclass(frozen=True)
class SavePlan:
    """What saving a changed matrix does: `action` is UNCHANGED (nothing to write), CREATE
    (the region's first matrix), EDIT (the newest version in place) or NEW_VERSION; `version`
    is the version that holds the definition afterwards."""

    action: str
    version: int


def plan_save(newest: dict | None, newest_version: int | None, proposed: dict, newest_in_use: bool) -> SavePlan:
    """Which version a save writes. A region without a matrix writes version 1 (also when it
    keeps the default it was shown). The same definition writes nothing. A version that an
    adopted or closed valuation uses (`newest_in_use`) is never edited: the change becomes
    the next version, so those valuations keep their meaning. Otherwise the newest version
    is edited in place (only drafts use it, and they are valued on the newest anyway)."""
    if newest is None or newest_version is None:
        return SavePlan(CREATE, 1)
    if proposed == newest:
        return SavePlan(UNCHANGED, newest_version)
    if newest_in_use:
        return SavePlan(NEW_VERSION, newest_version + 1)
    return SavePlan(EDIT, newest_version)


def lost_valuation(definition: dict, likelihood: int | None, impact: int | None) -> bool:
    """Whether a valuation (both levels given) is not a cell of this matrix, as after a
    draft moves to a smaller matrix: it is kept as it was, counts as not valued
    (`cell_status` gives Ej bedömd) and must be valued again."""
    return likelihood is not None and impact is not None and not in_matrix(definition, likelihood, impact)


def marked_grid(definition: dict, likelihood, impact) -> list[list[tuple[Cell, bool]]]:
    """The matrix with one risk's cell marked, highest likelihood first: rows of (cell, is it
    the risk's), for the small matrix beside a valuation in words."""
    return [
        [(cell, cell.likelihood == likelihood and cell.impact == impact) for cell in line]
        for line in grid(definition, Counter())
    ]
