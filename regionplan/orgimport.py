"""Import of a region's organisation tree from the HR system's file (xlsx or csv).

Columns: `Kod`, `Namn`, `Förälder` (the parent's code; empty for a root), `Typ` (a unit
kind of the region). Units are matched on code: new codes are created, known ones are
renamed, re-kinded or moved. Units missing from the file are left as they are.

The file is validated completely first; any error rejects the whole file and nothing
changes. Only a clean file is applied, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from regionplan.models import OrgUnit, OrgUnitKind
from regionplan.models.organisation import MAX_DEPTH
from regionplan.tabular import (
    ImportOutcome,
    RowError,
    TableError,
    match_columns,
    read_table,
)

COLUMNS = {"Kod": True, "Namn": True, "Förälder": True, "Typ": True}
MAX_ROWS = 20_000


@dataclass
class ImportRow:
    row: int
    code: str
    name: str
    parent_code: str
    kind: OrgUnitKind


@dataclass
class ImportResult(ImportOutcome):
    """What an import did, or why it did nothing."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    not_in_file: int = 0

    def applied(self) -> str:
        return _(
            "%(created)s nya enheter, %(updated)s ändrade (varav %(moved)s flyttade), %(unchanged)s oförändrade; "
            "%(missing)s befintliga enheter fanns inte i filen och lämnades orörda."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "moved": self.moved,
            "unchanged": self.unchanged,
            "missing": self.not_in_file,
        }


def import_units(raw: bytes, filename: str) -> ImportResult:
    """Validate and, if clean, apply an organisation file in the current region."""
    result = ImportResult()
    try:
        header, rows = read_table(raw, filename, max_rows=MAX_ROWS)
        columns, errors = match_columns(header, COLUMNS)
        if errors:
            result.errors = errors
            return result
        parsed, codes_in_file = _parse(rows, columns, result.errors)
    except TableError as exc:
        result.errors = [RowError(None, None, str(exc))]
        return result
    # Report every missing parent at once, and the slower tree checks only for an otherwise clean file.
    _check_parents(parsed, codes_in_file, result.errors)
    if not result.errors:
        _check_tree(parsed, result.errors)
    if result.errors:
        result.errors.sort(key=lambda e: e.row or 0)
        return result
    _apply(parsed, result)
    return result


def _parse(rows, columns, errors) -> tuple[dict[str, ImportRow], set[str]]:
    """Check each row on its own; returns the good rows by code, and every code in the file."""
    kinds = {k.name.lower(): k for k in OrgUnitKind.objects.all()}
    parsed: dict[str, ImportRow] = {}
    codes_in_file: set[str] = set()
    for number, values in rows:
        code = values.get(columns["Kod"], "")
        name = values.get(columns["Namn"], "")
        parent_code = values.get(columns["Förälder"], "")
        kind_name = values.get(columns["Typ"], "")
        if not code:
            errors.append(RowError(number, "Kod", _("Kod saknas.")))
        elif len(code) > 50:
            errors.append(RowError(number, "Kod", _("Koden är längre än 50 tecken.")))
        elif code in parsed:
            errors.append(
                RowError(
                    number,
                    "Kod",
                    _("Koden %(code)s finns redan på rad %(row)s.") % {"code": code, "row": parsed[code].row},
                )
            )
        if not name:
            errors.append(RowError(number, "Namn", _("Namn saknas.")))
        elif len(name) > 200:
            errors.append(RowError(number, "Namn", _("Namnet är längre än 200 tecken.")))
        kind = kinds.get(kind_name.lower())
        if kind is None:
            known = ", ".join(k.name for k in kinds.values())
            errors.append(
                RowError(
                    number,
                    "Typ",
                    _("Okänd typ ”%(kind)s”. Regionens typer: %(known)s.") % {"kind": kind_name, "known": known},
                )
            )
        if parent_code and parent_code == code:
            errors.append(RowError(number, "Förälder", _("En enhet kan inte vara sin egen förälder.")))
        codes_in_file.add(code)
        if code and code not in parsed and kind is not None:
            parsed[code] = ImportRow(number, code, name, parent_code, kind)
    if not parsed and not errors:
        errors.append(RowError(None, None, _("Filen innehåller inga enheter.")))
    return parsed, codes_in_file


def _check_parents(parsed: dict[str, ImportRow], codes_in_file: set[str], errors) -> None:
    """Every parent must exist, in the file (even on a row with other errors) or in the region."""
    wanted = {item.parent_code for item in parsed.values() if item.parent_code} - codes_in_file
    existing = set(OrgUnit.objects.filter(code__in=wanted).values_list("code", flat=True)) if wanted else set()
    for item in parsed.values():
        if item.parent_code in wanted and item.parent_code not in existing:
            errors.append(
                RowError(
                    item.row,
                    "Förälder",
                    _("Föräldern %(code)s finns varken i filen eller i regionen.") % {"code": item.parent_code},
                )
            )


def _check_tree(parsed: dict[str, ImportRow], errors) -> None:
    """The region's units with the file applied must form one tree: one root, no cycle,
    at most MAX_DEPTH levels (counting existing units that move along with a parent)."""
    final_parent = dict(OrgUnit.objects.values_list("code", "parent__code"))
    final_parent.update({code: item.parent_code or None for code, item in parsed.items()})

    roots = sorted(code for code, parent in final_parent.items() if parent is None)
    if len(roots) > 1:
        for code in roots:
            if code in parsed:
                others = ", ".join(c for c in roots if c != code)
                errors.append(
                    RowError(
                        parsed[code].row,
                        "Förälder",
                        _(
                            "Regionen kan bara ha en rotenhet, men även %(others)s saknar överordnad enhet. Ange Förälder."
                        )
                        % {"others": others},
                    )
                )

    depth: dict[str, int] = {}
    reported_rows: set[int] = set()
    for start in final_parent:
        chain, code = [], start
        while code is not None and code not in depth:
            if code in chain:
                cycle = chain[chain.index(code) :] + [code]
                row = next((parsed[c].row for c in cycle if c in parsed), None)
                if row not in reported_rows:
                    reported_rows.add(row)
                    errors.append(
                        RowError(
                            row,
                            "Förälder",
                            _("Föräldrarna bildar en slinga: %(cycle)s.") % {"cycle": " → ".join(cycle)},
                        )
                    )
                for c in chain:
                    depth[c] = -1  # part of (or under) a cycle: no depth
                break
            chain.append(code)
            code = final_parent.get(code)
        else:
            base = depth[code] if code is not None else -1
            for offset, c in enumerate(reversed(chain), start=1):
                depth[c] = base + offset if base >= 0 or code is None else -1
    for code, level in depth.items():
        if level >= MAX_DEPTH:
            # Blame the nearest unit the file places or moves.
            blamed = code
            while blamed is not None and blamed not in parsed:
                blamed = final_parent.get(blamed)
            row = parsed[blamed].row if blamed else None
            if row not in reported_rows:
                reported_rows.add(row)
                errors.append(
                    RowError(
                        row,
                        "Förälder",
                        _("Trädet blir för djupt här: högst %(max)s nivåer är tillåtna.") % {"max": MAX_DEPTH},
                    )
                )


@transaction.atomic
def _apply(parsed: dict[str, ImportRow], result: ImportResult) -> None:
    """Create the new units in bulk, level by level, then update or move the known ones."""
    units = {u.code: u for u in OrgUnit.objects.select_related("kind")}
    result.not_in_file = len(set(units) - set(parsed))
    new_codes = [code for code in parsed if code not in units]
    _create_new(parsed, new_codes, units)
    result.created = len(new_codes)

    done: set[str] = set(new_codes)

    def update(code: str):
        """Update a known unit after its parent, so that a move sees the parent's final place."""
        if code in done or code not in parsed:
            return
        done.add(code)
        item = parsed[code]
        if item.parent_code:
            update(item.parent_code)
        parent = units.get(item.parent_code) if item.parent_code else None
        unit = units[code]
        moved = unit.parent_id != (parent.pk if parent else None)
        if moved or unit.name != item.name or unit.kind_id != item.kind.pk:
            unit.name, unit.kind, unit.parent = item.name, item.kind, parent
            unit.save()  # reads the stored paths itself, and moves the subtree
            result.updated += 1
            result.moved += int(moved)
        else:
            result.unchanged += 1

    for code in parsed:
        update(code)


def _create_new(parsed: dict[str, ImportRow], new_codes: list[str], units: dict[str, OrgUnit]) -> None:
    """Insert the new units with a few statements per tree level; paths are set in SQL."""
    placed = set(units)
    remaining = list(new_codes)
    while remaining:
        # A level: new units whose parent is a root, a known unit or already created.
        level = [c for c in remaining if not parsed[c].parent_code or parsed[c].parent_code in placed]
        assert level, "cycles are rejected before _apply"
        created = [
            OrgUnit(
                code=c,
                name=parsed[c].name,
                kind=parsed[c].kind,
                parent=units.get(parsed[c].parent_code) if parsed[c].parent_code else None,
            )
            for c in level
        ]
        OrgUnit.objects.bulk_create(created, batch_size=500)
        for start in range(0, len(created), 1000):
            _set_paths([u.pk for u in created[start : start + 1000]])
        for unit in created:
            units[unit.code] = unit
        placed.update(level)  # bulk_create wrote their audit rows; the paths are derived
        remaining = [c for c in remaining if c not in placed]


def _set_paths(ids: list[int]) -> None:
    """path = parent's path + own id, in two UPDATEs (roots, and units with a parent)."""
    own = Concat(Cast("pk", models.CharField()), Value("/"))
    parent = OrgUnit.objects.filter(pk=OuterRef("parent_id"))
    OrgUnit.objects.filter(pk__in=ids, parent__isnull=True).update(
        path=Concat(Value("/"), own, output_field=models.CharField()), depth=0
    )
    OrgUnit.objects.filter(pk__in=ids, parent__isnull=False).update(
        path=Concat(Subquery(parent.values("path")[:1]), own, output_field=models.CharField()),
        depth=Subquery(parent.values("depth")[:1]) + 1,
    )
