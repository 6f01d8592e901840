"""A checklist to and from xlsx. Columns Område, Fråga, Föreskrift, Hjälptext (header row).
An import replaces the checklist's questions; a bad file is refused whole with its row
errors and nothing changes. Read with the core's regionplan.tabular, written with regionplan.xlsx."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from regionplan import xlsx
from regionplan.tabular import RowError, TableError, read_columns
from workenv.models import ChecklistQuestion, SafetyRound

COLUMNS = {"Område": True, "Fråga": True, "Föreskrift": True, "Hjälptext": True}
MAX_ROWS = 500
_LIMITS = {"Område": 100, "Fråga": 500, "Föreskrift": 100}


def export(checklist) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(xlsx.sheet_names([checklist.name])[0])
    sheet.append(xlsx.header(sheet, list(COLUMNS)))
    for q in ChecklistQuestion.objects.filter(checklist=checklist).order_by("order", "pk"):
        sheet.append(
            [
                xlsx.cell(sheet, q.area),
                xlsx.cell(sheet, q.text, wrap=True),
                xlsx.cell(sheet, q.reference),
                xlsx.cell(sheet, q.help_text, wrap=True),
            ]
        )
    return xlsx.to_bytes(book)


def parse(upload, filename: str) -> tuple[list[dict], list[RowError]]:
    """The file's questions, or the errors (unknown or missing columns, empty or too long cells)."""
    rows, by_name, errors = read_columns(upload, filename, COLUMNS, MAX_ROWS)
    if errors:
        return [], errors
    found = []
    try:
        for number, row in rows:
            values = {c: (row.get(by_name[c]) or "").strip() for c in COLUMNS}
            for column in ("Område", "Fråga"):
                if not values[column]:
                    errors.append(RowError(number, column, _("Värdet saknas.")))
            for column, limit in _LIMITS.items():
                if len(values[column]) > limit:
                    errors.append(RowError(number, column, _("Högst %(n)s tecken.") % {"n": limit}))
            found.append(values)
    except TableError as error:
        errors.append(RowError(None, None, str(error)))
    if not found and not errors:
        errors.append(RowError(None, None, _("Filen har inga frågor.")))
    return found, errors


def import_questions(checklist, upload, filename: str) -> tuple[int, list[RowError]]:
    """Replace the checklist's questions with the file's; nothing changes if any row is bad.
    A checklist already used in a round keeps its questions (the answers refer to them): the
    import is refused with a message to import into a new checklist instead."""
    if SafetyRound.objects.filter(checklist=checklist).exists():
        return 0, [
            RowError(
                None, None, _("Checklistan används i skyddsronder. Skapa en ny checklista och importera till den.")
            )
        ]
    found, errors = parse(upload, filename)
    if errors:
        return 0, errors
    with transaction.atomic():
        ChecklistQuestion.objects.filter(checklist=checklist).delete()
        ChecklistQuestion.objects.bulk_create(
            ChecklistQuestion(
                region=checklist.region,
                checklist=checklist,
                area=v["Område"],
                text=v["Fråga"],
                reference=v["Föreskrift"],
                help_text=v["Hjälptext"],
                order=i,
            )
            for i, v in enumerate(found, start=1)
        )
    return len(found), []
