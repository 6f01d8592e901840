"""Import of plans from the template (goals.excel.COLUMNS), for regions that come from Word
and Excel, and for plans edited in an exported workbook.

The whole file is checked first: levels, codes, parents, org units, perspectives, numbers,
dates, required cells, the placement rules and the state of the plans written to. Any
error rejects the file with a list of every problem by row and column, and nothing is
written. A clean file is applied in one transaction: missing perspectives and plans are
created, then the items, parents before children.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from goals import units
from goals.excel import COLUMNS, PERSPECTIVE_LEVEL
from goals.models import (
    LEVEL_CHOICES,
    MeasureAdoption,
    Perspective,
    Plan,
    PlanItem,
    PlanSettings,
)
from goals.rules import (
    Levels,
    Op,
    Target,
    level_errors,
    lineage_errors,
    owner_errors,
    parse_baseline,
    parse_target,
)
from goals.services import ensure_plan
from regionplan.models import OrgUnit
from regionplan.tabular import (
    ImportOutcome,
    RowError,
    TableError,
    match_columns,
    read_table,
)

REQUIRED = {"Nivå", "Kod", "Namn", "Förälder", "Organisation"}
MAX_ROWS = 20_000
RANK = {level: rank for rank, level in enumerate(Levels.ALL)}

# Names each level goes by besides the region's own labels.
STANDARD_NAMES = {
    Levels.GOAL: [
        "mål",
        "strategiskt mål",
        "strategiska mål",
        "inriktningsmål",
        "fullmäktiges mål",
        "resultatmål",
        "goal",
        "strategic goal",
    ],
    Levels.FACTOR: [
        "framgångsfaktor",
        "framgångsfaktorer",
        "strategiskt område",
        "strategiska områden",
        "success factor",
    ],
    Levels.MEASURE: ["mått", "styrmått", "mätetal", "indikator", "nyckeltal", "measure"],
    Levels.ACTIVITY: ["aktivitet", "aktiviteter", "activity"],
    Levels.ASSIGNMENT: ["uppdrag", "assignment"],
}


def _choices_by_text(choices, extra=None) -> dict[str, str]:
    mapping = {str(label).lower(): key for key, label in choices}
    mapping.update({key.lower(): key for key, _label in choices})
    mapping.update(extra or {})
    return mapping


DIRECTIONS = _choices_by_text(
    PlanItem.DIRECTION_CHOICES, {"högre": "higher", "lägre": "lower", "följs": "follow", "ja/nej": "yesno"}
)
FREQUENCIES = _choices_by_text(
    PlanItem.FREQUENCY_CHOICES,
    {"månad": "month", "tertial": "tertial", "delår": "delar", "år": "year", "helår": "year", "årsvis": "year"},
)
GIVERS = _choices_by_text(
    PlanItem.GIVEN_BY_CHOICES,
    {"fullmäktige": "fullmaktige", "styrelse": "styrelse", "nämnd": "namnd", "regiondirektör": "rd", "rd": "rd"},
)
BOOLEANS = {
    "ja": True,
    "j": True,
    "x": True,
    "1": True,
    "true": True,
    "nej": False,
    "n": False,
    "0": False,
    "false": False,
    "": False,
}


def valid_unit(unit: str) -> str:
    """The unit a target may be written with, or "" for a bad one (its own error is told)."""
    return "" if units.unit_error(unit) else unit


@dataclass
class Row:
    number: int
    level: str  # a Levels value, or PERSPECTIVE_LEVEL
    code: str
    name: str
    parent_code: str
    unit: OrgUnit | None
    perspective_name: str
    fields: dict = field(default_factory=dict)
    adopted_by: list[tuple[OrgUnit, Target]] = field(default_factory=list)


@dataclass
class PlanImportResult(ImportOutcome):
    """What a plan import did, or why it did nothing."""

    created: dict[str, int] = field(default_factory=dict)
    plans_created: int = 0
    perspectives_created: int = 0

    def applied(self) -> str:
        settings = PlanSettings.current()
        parts = [f"{n} {settings.label(level, plural=n != 1)}" for level, n in self.created.items() if n]
        return _("Importerade %(items)s; %(plans)s nya planer och %(perspectives)s nya perspektiv.") % {
            "items": ", ".join(parts) or _("inga poster"),
            "plans": self.plans_created,
            "perspectives": self.perspectives_created,
        }


def import_plan(raw: bytes, filename: str, year: int, may_plan=lambda unit: True) -> PlanImportResult:
    """Validate and, if clean, apply a plan file for `year` in the current region.

    `may_plan(unit)` says whether the importing user may write that unit's plan.
    """
    result = PlanImportResult()
    try:
        header, rows = read_table(raw, filename, max_rows=MAX_ROWS)
        columns, errors = match_columns(header, {name: name in REQUIRED for name, _width in COLUMNS})
        if errors:
            result.errors = errors
            return result
        parser = _Parser(columns, year, may_plan, result.errors)
        parsed = parser.parse(rows)
    except TableError as exc:
        result.errors = [RowError(None, None, str(exc))]
        return result
    # Also with errors in cells: the user gets every problem in one go.
    _check_references(parsed, year, result.errors, codes_in_file=parser.codes)
    if result.errors:
        result.errors.sort(key=lambda e: e.row or 0)
        return result
    _apply(parsed, year, result)
    return result


class _Parser:
    """Reads each row on its own and collects its errors."""

    def __init__(self, columns, year, may_plan, errors):
        self.columns, self.year, self.may_plan, self.errors = columns, year, may_plan, errors
        settings = PlanSettings.current()
        self.levels = {PERSPECTIVE_LEVEL.lower(): PERSPECTIVE_LEVEL}
        for level, label in LEVEL_CHOICES:
            for name in [str(label), settings.label(level), settings.label(level, True), *STANDARD_NAMES[level]]:
                self.levels.setdefault(name.lower(), level)
        self.units = {u.code: u for u in OrgUnit.objects.all()}
        self.allowed: dict[int, bool] = {}

    def cell(self, values, name) -> str:
        column = self.columns.get(name)
        return values.get(column, "").strip() if column else ""

    def error(self, number, column, message):
        self.errors.append(RowError(number, column, message))

    def parse(self, rows) -> list[Row]:
        parsed, seen = [], {}
        for number, values in rows:
            row = self.parse_row(number, values, seen)
            if row:
                parsed.append(row)
        self.codes = set(seen)
        if not parsed and not self.errors:
            self.error(None, None, _("Filen innehåller inga poster."))
        return parsed

    def parse_row(self, number, values, seen) -> Row | None:
        cell = lambda name: self.cell(values, name)  # noqa: E731
        level_text, code, name = cell("Nivå"), cell("Kod"), cell("Namn")
        level = self.levels.get(level_text.lower())
        if level is None:
            self.error(
                number,
                "Nivå",
                _("Okänd nivå ”%(level)s”. Använd Perspektiv, Mål, Framgångsfaktor, Mått, Aktivitet eller Uppdrag.")
                % {"level": level_text},
            )
        if not code:
            self.error(number, "Kod", _("Kod saknas."))
        elif len(code) > 30:
            self.error(number, "Kod", _("Koden är längre än 30 tecken."))
        elif code in seen:
            self.error(
                number, "Kod", _("Koden %(code)s finns redan på rad %(row)s.") % {"code": code, "row": seen[code]}
            )
            return None  # the first row with the code is the one its children refer to
        else:
            seen[code] = number
        if not name:
            self.error(number, "Namn", _("Namn saknas."))
        elif len(name) > 300:
            self.error(number, "Namn", _("Namnet är längre än 300 tecken."))
        if level == PERSPECTIVE_LEVEL:
            return Row(number, level, code, name, "", None, name)
        unit = self.unit(number, cell("Organisation"))
        fields = {"description": cell("Beskrivning"), "responsible": cell("Ansvarig")[:200]}
        if level == Levels.MEASURE:
            self.measure_fields(number, cell, fields)
        if level in (Levels.ACTIVITY, Levels.ASSIGNMENT):
            fields["start_date"] = self.date(number, "Startdatum", cell("Startdatum"))
            fields["end_date"] = self.date(number, "Slutdatum", cell("Slutdatum"))
            fields["finished"] = self.boolean(number, "Klar", cell("Klar"))
            if fields["start_date"] and fields["end_date"] and fields["end_date"] < fields["start_date"]:
                self.error(number, "Slutdatum", _("Slutdatum är före startdatum."))
        if level == Levels.ASSIGNMENT:
            fields["given_by"] = self.choice(number, "Givet av", cell("Givet av"), GIVERS)
            fields["decision_ref"] = cell("Beslut")[:100]
            fields["decision_date"] = self.date(number, "Beslutsdatum", cell("Beslutsdatum"))
        row = Row(number, level, code, name, cell("Förälder"), unit, cell("Perspektiv"), fields)
        if level == Levels.MEASURE and unit:
            row.adopted_by = self.adoptions(
                number,
                cell("Antaget av"),
                unit,
                fields.get("direction", ""),
                valid_unit(fields.get("measure_unit", "")),
            )
        return row if level and unit else None

    def unit(self, number, code) -> OrgUnit | None:
        if not code:
            self.error(number, "Organisation", _("Organisation saknas: ange den ägande enhetens kod."))
            return None
        unit = self.units.get(code)
        if unit is None:
            self.error(number, "Organisation", _("Enheten %(code)s finns inte i regionen.") % {"code": code})
            return None
        if unit.pk not in self.allowed:
            self.allowed[unit.pk] = self.may_plan(unit)
        if not self.allowed[unit.pk]:
            self.error(number, "Organisation", _("Du får inte ändra planen för %(unit)s.") % {"unit": unit.name})
        return unit

    def measure_fields(self, number, cell, fields):
        # The region's own unit, as written (sekunder, ton, per 1 000 invånare); the special
        # ones in their usual spelling (goals.units).
        unit = fields["measure_unit"] = units.normalise_unit(cell("Måttenhet"))
        if not unit:
            self.error(
                number,
                "Måttenhet",
                _("Måttenhet saknas. Skriv måttets enhet, t.ex. %(examples)s.")
                % {"examples": ", ".join(units.SUGGESTED[:3] + ["sekunder", "ton", "ja/nej"])},
            )
        elif problem := units.unit_error(unit):
            self.error(number, "Måttenhet", problem)
            unit = ""  # a bad unit is not stripped off the targets: only its own error is told
        fields["direction"] = self.choice(number, "Riktning", cell("Riktning"), DIRECTIONS, required=True)
        fields["frequency"] = self.choice(number, "Frekvens", cell("Frekvens"), FREQUENCIES, required=True)
        try:
            fields["target"] = parse_target(cell("Målvärde"), fields["direction"] or "", unit)
        except ValueError as error:
            self.error(number, "Målvärde", str(error))
        try:
            fields["baseline_year"], fields["baseline_value"] = parse_baseline(cell("Jämförelsetal"), unit)
        except ValueError as error:
            self.error(number, "Jämförelsetal", str(error))
        fields["source"] = cell("Källa")[:200]
        fields["external_code"] = cell("Extern kod")[:100]
        fields["split_by_sex"] = self.boolean(number, "Könsuppdelat", cell("Könsuppdelat"))
        fields["critical"] = self.boolean(number, "Kritiskt", cell("Kritiskt"))

    def choice(self, number, column, text, mapping, required=False) -> str:
        if not text:
            if required:
                self.error(number, column, _("%(column)s saknas.") % {"column": column})
            return ""
        value = mapping.get(text.lower())
        if value is None:
            known = sorted({k for k in mapping if not k.isascii() or " " in k or "/" in k} or mapping)
            self.error(
                number,
                column,
                _("Okänt värde ”%(value)s”. Använd t.ex. %(known)s.") % {"value": text, "known": ", ".join(known[:6])},
            )
            return ""
        return value

    def boolean(self, number, column, text) -> bool:
        value = BOOLEANS.get(text.lower())
        if value is None:
            self.error(number, column, _("Skriv Ja eller Nej, inte ”%(value)s”.") % {"value": text})
            return False
        return value

    def date(self, number, column, text):
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text[:10])
        except ValueError:
            self.error(number, column, _("”%(value)s” är inget datum. Skriv ÅÅÅÅ-MM-DD.") % {"value": text})
            return None

    def adoptions(self, number, text, owner, direction, measure_unit="") -> list[tuple[OrgUnit, Target]]:
        """ "VO1; VO2 (< 4,5)" -> [(VO1, no target), (VO2, < 4,5)]."""
        found = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            code, _sep, rest = part.partition("(")
            unit = self.units.get(code.strip())
            if unit is None:
                self.error(number, "Antaget av", _("Enheten %(code)s finns inte i regionen.") % {"code": code.strip()})
                continue
            if unit.pk not in self.allowed:
                self.allowed[unit.pk] = self.may_plan(unit)
            if not self.allowed[unit.pk]:
                self.error(number, "Antaget av", _("Du får inte ändra planen för %(unit)s.") % {"unit": unit.name})
                continue
            if not unit.path.startswith(owner.path) or unit.pk == owner.pk:
                self.error(
                    number,
                    "Antaget av",
                    _("%(unit)s ligger inte under %(owner)s och kan inte anta måttet.")
                    % {"unit": unit.name, "owner": owner.name},
                )
                continue
            if any(unit == other for other, _target in found):
                self.error(number, "Antaget av", _("%(code)s står två gånger.") % {"code": unit.code})
                continue
            try:
                target = parse_target(rest.rstrip(")").strip(), direction, measure_unit)
            except ValueError as error:
                self.error(number, "Antaget av", str(error))
                continue
            found.append((unit, target))
        return found


def _check_references(rows: list[Row], year: int, errors, codes_in_file: set[str] = frozenset()) -> None:
    """Codes free in the year, parents found and allowed, perspectives known, plans writable.

    A parent whose own row was rejected is not reported again on its children."""
    settings = PlanSettings.current()
    codes = [r.code for r in rows if r.level != PERSPECTIVE_LEVEL]
    taken = set(PlanItem.objects.filter(year=year, code__in=codes).values_list("code", flat=True))
    by_code = {r.code: r for r in rows}
    wanted = {r.parent_code for r in rows if r.parent_code and r.parent_code not in by_code}
    existing = {i.code: i for i in PlanItem.objects.filter(year=year, code__in=wanted).select_related("plan__unit")}
    perspectives = {p.name.lower() for p in Perspective.objects.all()} | {
        r.name.lower() for r in rows if r.level == PERSPECTIVE_LEVEL
    }
    plans = {p.unit_id: p for p in Plan.objects.filter(year=year, unit_id__in={r.unit.pk for r in rows if r.unit})}
    for row in rows:
        if row.level == PERSPECTIVE_LEVEL:
            continue
        if row.code in taken:
            errors.append(
                RowError(
                    row.number, "Kod", _("Koden %(code)s används redan %(year)s.") % {"code": row.code, "year": year}
                )
            )
        parent_level, parent_unit_path = None, None
        if row.parent_code:
            parent_row, parent_item = by_code.get(row.parent_code), existing.get(row.parent_code)
            if parent_row and parent_row.level == PERSPECTIVE_LEVEL:
                row.perspective_name = row.perspective_name or parent_row.name
            elif parent_row:
                parent_level, parent_unit_path = parent_row.level, parent_row.unit.path
            elif parent_item:
                parent_level, parent_unit_path = parent_item.level, parent_item.plan.unit.path
            elif row.parent_code in codes_in_file:
                continue  # its row has its own errors
            else:
                errors.append(
                    RowError(
                        row.number,
                        "Förälder",
                        _("Föräldern %(code)s finns varken i filen eller i planerna för %(year)s.")
                        % {"code": row.parent_code, "year": year},
                    )
                )
                continue
        for message in level_errors(row.level, parent_level, settings.label) + lineage_errors(
            parent_unit_path, row.unit.path
        ):
            errors.append(RowError(row.number, "Förälder", message))
        for message in owner_errors(row.level, row.unit.parent_id is None, settings.label):
            errors.append(RowError(row.number, "Organisation", message))
        if row.level == Levels.GOAL:
            if not row.perspective_name:
                errors.append(RowError(row.number, "Perspektiv", _("Perspektiv saknas.")))
            elif row.perspective_name.lower() not in perspectives:
                errors.append(
                    RowError(
                        row.number,
                        "Perspektiv",
                        _("Perspektivet ”%(name)s” finns inte. Lägg till en rad med Nivå Perspektiv.")
                        % {"name": row.perspective_name},
                    )
                )
        plan = plans.get(row.unit.pk)
        if plan and not plan.allows_edit(row.level, settings):
            errors.append(
                RowError(
                    row.number,
                    "Organisation",
                    _("Planen för %(plan)s är %(state)s och kan inte ändras.")
                    % {"plan": plan, "state": plan.get_state_display().lower()},
                )
            )


@transaction.atomic
def _apply(rows: list[Row], year: int, result: PlanImportResult) -> None:
    perspectives = {p.name.lower(): p for p in Perspective.objects.all()}
    next_order = max((p.order for p in perspectives.values()), default=0) + 1
    for row in rows:
        if row.level == PERSPECTIVE_LEVEL and row.name.lower() not in perspectives:
            perspectives[row.name.lower()] = Perspective.objects.create(name=row.name, order=next_order)
            next_order += 1
            result.perspectives_created += 1
    plans = {}
    for unit in {r.unit.pk: r.unit for r in rows if r.unit}.values():
        existed = Plan.objects.filter(unit=unit, year=year).exists()
        plans[unit.pk] = ensure_plan(unit, year)
        result.plans_created += not existed
    items = {
        i.code: i for i in PlanItem.objects.filter(year=year, code__in={r.parent_code for r in rows if r.parent_code})
    }
    result.created = dict.fromkeys(Levels.ALL, 0)
    ordered = sorted((r for r in rows if r.level != PERSPECTIVE_LEVEL), key=lambda r: (RANK[r.level], r.number))
    adoptions = []
    for order, row in enumerate(ordered, start=1):
        fields = dict(row.fields)
        target = fields.pop("target", Target())
        item = PlanItem(
            plan=plans[row.unit.pk],
            level=row.level,
            code=row.code,
            name=row.name,
            order=order,
            parent=items.get(row.parent_code) if row.parent_code else None,
            perspective=perspectives.get(row.perspective_name.lower()) if row.level == Levels.GOAL else None,
            **fields,
        )
        item.target = target
        item.save()
        items[row.code] = item
        result.created[row.level] += 1
        adoptions += [
            MeasureAdoption(
                measure=item, unit=unit, target_operator=t.operator or Op.NONE, target_value=t.value, target_high=t.high
            )
            for unit, t in row.adopted_by
        ]
    MeasureAdoption.objects.bulk_create(adoptions)
