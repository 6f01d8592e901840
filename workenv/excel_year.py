"""The region's årshjul template to and from xlsx. Columns Aktivitet, Beskrivning, Från månad,
Klar senast månad, Används (header row); a month is its number or its Swedish name
("mars", "mar"), Används is Ja or Nej. An import adds the file's activities and updates
those of the same name; activities not in the file are kept (delete them on the page). A
bad file is refused whole with its row errors and nothing changes. Read with the core's
regionplan.tabular, written with regionplan.xlsx."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from regionplan import xlsx
from regionplan.periods import MONTH_NAMES_SV
from regionplan.tabular import ImportOutcome, RowError, TableError, fold, read_columns
from workenv import rules_year
from workenv.models import ActivityTemplate

COLUMNS = {"Aktivitet": True, "Beskrivning": False, "Från månad": True, "Klar senast månad": True, "Används": False}
MAX_ROWS = 200
_LIMITS = {"Aktivitet": 200, "Beskrivning": 500}
_YES, _NO = {"ja", "j", "yes", "1", "x", "true", "sant"}, {"nej", "n", "no", "0", "false", "falskt"}


def month_number(text: str) -> int | None:
    """A month from the file: 1–12, the Swedish name or its first three letters; None if not."""
    text = fold(text).rstrip(".")
    if text.isascii() and text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    for number, name in enumerate(MONTH_NAMES_SV, start=1):
        if text == name or (len(text) >= 3 and name.startswith(text)):
            return number
    return None


def export() -> bytes:
    """The region's template, active and not, with the months as names."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(xlsx.sheet_names([_("Årshjulet")])[0])
    sheet.append(xlsx.header(sheet, list(COLUMNS)))
    for t in ActivityTemplate.objects.order_by("due_month", "order", "name"):
        sheet.append(
            [
                xlsx.cell(sheet, t.name),
                xlsx.cell(sheet, t.description, wrap=True),
                xlsx.cell(sheet, MONTH_NAMES_SV[t.start_month - 1]),
                xlsx.cell(sheet, MONTH_NAMES_SV[t.due_month - 1]),
                xlsx.cell(sheet, "Ja" if t.active else "Nej"),
            ]
        )
    return xlsx.to_bytes(book)


@dataclass
class YearImport(ImportOutcome):
    """What an import of the template did."""

    added: int = 0
    updated: int = 0

    def applied(self) -> str:
        return _("Årshjulet är importerat: %(added)s nya och %(updated)s ändrade aktiviteter.") % {
            "added": self.added,
            "updated": self.updated,
        }


def _row(number: int, row: dict, by_name: dict) -> tuple[dict, list[RowError]]:
    """One row's values, or its errors (each named by row and column)."""
    values = {c: str(row.get(by_name[c]) or "").strip() if c in by_name else "" for c in COLUMNS}
    errors = []
    if not values["Aktivitet"]:
        errors.append(RowError(number, "Aktivitet", _("Värdet saknas.")))
    for column, limit in _LIMITS.items():
        if len(values[column]) > limit:
            errors.append(RowError(number, column, _("Högst %(n)s tecken.") % {"n": limit}))
    months = {}
    for column in ("Från månad", "Klar senast månad"):
        months[column] = month_number(values[column])
        if months[column] is None:
            errors.append(
                RowError(number, column, _("Ange månadens nummer (1–12) eller namn, till exempel 3 eller mars."))
            )
    problem = rules_year.months_problem(months["Från månad"], months["Klar senast månad"])
    if problem:
        errors.append(RowError(number, "Från månad", problem))
    active = fold(values["Används"])
    if active and active not in _YES | _NO:
        errors.append(RowError(number, "Används", _("Ange Ja eller Nej.")))
    parsed = {
        "name": values["Aktivitet"],
        "description": values["Beskrivning"],
        "start_month": months["Från månad"],
        "due_month": months["Klar senast månad"],
        "active": active not in _NO,
    }
    return parsed, errors


def parse(upload, filename: str) -> tuple[list[dict], list[RowError]]:
    """The file's activities, or every error found in it."""
    rows, by_name, errors = read_columns(upload, filename, COLUMNS, MAX_ROWS)
    if errors:
        return [], errors
    found, first_row = [], {}
    try:
        for number, row in rows:
            if not any(str(v or "").strip() for v in row.values()):
                continue
            parsed, problems = _row(number, row, by_name)
            errors += problems
            key = fold(parsed["name"])
            if key and key in first_row:
                errors.append(
                    RowError(
                        number, "Aktivitet", _("Samma aktivitet står redan på rad %(row)s.") % {"row": first_row[key]}
                    )
                )
            first_row.setdefault(key, number)
            found.append(parsed)
    except TableError as error:
        errors.append(RowError(None, None, str(error)))
    if not found and not errors:
        errors.append(RowError(None, None, _("Filen har inga aktiviteter.")))
    return found, errors


def import_template(upload, filename: str) -> YearImport:
    """Add or update the file's activities in the current region's template (by name, case
    and spaces folded); nothing changes if any row is bad. Each save is audited."""
    found, errors = parse(upload, filename)
    if errors:
        return YearImport(errors=errors)
    outcome = YearImport()
    existing = {fold(t.name): t for t in ActivityTemplate.objects.all()}
    order = max((t.order for t in existing.values()), default=0)
    with transaction.atomic():
        for values in found:
            template = existing.get(fold(values["name"]))
            if template is None:
                order += 10
                ActivityTemplate.objects.create(order=order, **values)
                outcome.added += 1
                continue
            # matched with case and spaces folded: the name keeps the region's spelling
            changed = {k: v for k, v in values.items() if k != "name" and getattr(template, k) != v}
            if changed:
                for key, value in changed.items():
                    setattr(template, key, value)
                template.save()
                outcome.updated += 1
    return outcome
