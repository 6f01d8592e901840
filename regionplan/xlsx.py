"""Writing Excel files, one way for every export (a plan, a report's tables, an import's
errors, a risk analysis): bold headers, group headings over them, numbers as numbers, text
that stays text, and statuses as their word on their colour (never colour alone).

Text that begins with "=" would be a formula in Excel: a target written "= 81", an error
message that quotes a person's cell. Such a cell is written as a string cell (openpyxl's
data type "s"), so Excel shows exactly the text and runs nothing; no apostrophe is added
for people to see.
"""

from __future__ import annotations

import io
import re

from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.cell_range import CellRange

from regionplan.status import look

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Style objects are made once and shared: openpyxl hashes every style it is given.
BOLD = Font(bold=True)
ON_COLOUR = Font(bold=True, color="FFFFFF")
WRAP = Alignment(vertical="top", wrap_text=True)
_FILLS: dict[str, PatternFill] = {}


def keep_text(cell):
    """Make a cell whose value is text starting with "=" a string, never a formula."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def fill(colour: str) -> PatternFill:
    """A solid fill in a colour such as "#1a7f37" (one object per colour)."""
    key = colour.lstrip("#").upper()
    if key not in _FILLS:
        _FILLS[key] = PatternFill("solid", fgColor=key)
    return _FILLS[key]


def cell(sheet, value, *, bold: bool = False, number_format: str | None = None, wrap: bool = False) -> WriteOnlyCell:
    """A cell of a write-only sheet: text kept as text, optionally bold, with a number
    format, or wrapped (a cell of several lines)."""
    made = keep_text(WriteOnlyCell(sheet, value=value))
    if bold:
        made.font = BOLD
    if number_format:
        made.number_format = number_format
    if wrap:
        made.alignment = WRAP
    return made


def status_cell(sheet, status, word=None) -> WriteOnlyCell:
    """A status as a cell: its word (or `word`, e.g. a control's "Mindre brister") in white
    bold on a fill in the status colour. The colours keep AA contrast with white, and the
    word is there for those who do not see the colour or print in grey."""
    shown = look(status)
    made = cell(sheet, str(shown.label if word is None else word))
    made.fill = fill(shown.colour)
    made.font = ON_COLOUR
    return made


def header(sheet, titles, *, wrap: bool = False) -> list:
    """A header row of bold cells."""
    return [cell(sheet, str(title), bold=True, wrap=wrap) for title in titles]


def merged_row(sheet, row: int, groups) -> list:
    """A row of headings each spanning columns: `groups` are (title, number of columns)
    pairs from column A on; a title is bold and merged across its columns, an empty title
    leaves its columns blank, and a group of no columns is left out. `row` is the row's
    number in the sheet (a write-only sheet does not count its rows). Serves a title over
    a whole table and group headings over a header ("Riskvärdering" over its columns)."""
    cells, column = [], 1
    for title, span in groups:
        if span < 1:
            continue
        cells.append(cell(sheet, str(title), bold=True) if title else None)
        cells.extend([None] * (span - 1))
        if title and span > 1:
            sheet.merged_cells.add(CellRange(min_col=column, min_row=row, max_col=column + span - 1, max_row=row))
        column += span
    return cells


def to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(content: bytes, filename: str) -> HttpResponse:
    """The workbook as a download."""
    answer = HttpResponse(content, content_type=CONTENT_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


SHEET_NAME_MAX = 31  # Excel's limit
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_TRAILING_BRACKET = re.compile(r"^(?P<head>.*\S)\s*(?P<tail>\([^()]{1,22}\))$")


def _shorten(text: str, room: int) -> str:
    """`text` in at most `room` characters, cut at a word where possible, with "…" when cut."""
    if len(text) <= room:
        return text
    cut = text[: room - 1]
    if " " in cut and len(cut.rsplit(" ", 1)[0]) >= room // 2:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;-–") + "…"


def _fit(title: str, room: int) -> str:
    """A title in `room` characters, keeping a short trailing bracket such as "(Mnkr)" or
    "(IT MT)": it often tells two sheets apart."""
    match = _TRAILING_BRACKET.match(title)
    if len(title) > room and match and len(match["tail"]) + 8 <= room:
        tail = match["tail"]
        return _shorten(match["head"], room - len(tail) - 1) + " " + tail
    return _shorten(title, room)


def sheet_names(titles) -> list[str]:
    """Unique, readable Excel sheet names for tables with these titles, in order: at most
    31 characters, none of []:*?/\\ (a slash becomes a space, "IT/MT" reads "IT MT"),
    no apostrophe at either end, not Excel's reserved "History"; a long title is cut at a
    word with "…", and a name already taken (Excel ignores case) gets " (2)", " (3)", …"""
    used, names = {"history"}, []
    for title in titles:
        base = " ".join(_SHEET_NAME_BAD.sub(" ", str(title)).split()).strip("'") or "Tabell"
        name, n = _fit(base, SHEET_NAME_MAX), 2
        while name.lower() in used:
            suffix = f" ({n})"
            name, n = _fit(base, SHEET_NAME_MAX - len(suffix)) + suffix, n + 1
        used.add(name.lower())
        names.append(name)
    return names
