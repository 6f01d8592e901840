"""Writing Excel files, one way for every export (a plan, a report's tables, an import's
errors): bold headers, numbers as numbers, and text that stays text.

Text that begins with "=" would be a formula in Excel: a target written "= 81", an error
message that quotes a person's cell. Such a cell is written as a string cell (openpyxl's
data type "s"), so Excel shows exactly the text and runs nothing; no apostrophe is added
for people to see.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)  # one style object, shared: openpyxl hashes every style it is given


def keep_text(cell):
    """Make a cell whose value is text starting with "=" a string, never a formula."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def cell(sheet, value, *, bold: bool = False, number_format: str | None = None) -> WriteOnlyCell:
    """A cell of a write-only sheet: text kept as text, optionally bold or with a number format."""
    made = keep_text(WriteOnlyCell(sheet, value=value))
    if bold:
        made.font = BOLD
    if number_format:
        made.number_format = number_format
    return made


def header(sheet, titles) -> list:
    """A header row of bold cells."""
    return [cell(sheet, str(title), bold=True) for title in titles]


def to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(content: bytes, filename: str) -> HttpResponse:
    """The workbook as a download."""
    answer = HttpResponse(content, content_type=CONTENT_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
