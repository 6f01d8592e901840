"""Reading uploaded tables (xlsx or csv) row by row, as the HR and finance systems export them.

Shared by every import: the organisation tree now, measure values and economy later.
Rows stream from the file (openpyxl's read-only mode, csv's reader), so a large file is
never held in memory as a whole.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class TableError(ValueError):
    """The file as a whole cannot be read: wrong format, no header, too big."""


@dataclass(frozen=True)
class RowError:
    """One problem in one place of an uploaded file."""

    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(_("rad %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("kolumn %(column)s") % {"column": self.column})
        if not where:
            return self.message
        text = ", ".join(where)
        return f"{text[0].upper()}{text[1:]}: {self.message}"  # not capitalize(): it lowercases the column


@dataclass
class ImportOutcome:
    """What an import did, or the errors for which it did nothing. Subclasses count what
    they changed and say it in `applied()`."""

    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if not self.ok:
            return _("Filen avvisades: %(n)s fel. Inget ändrades.") % {"n": len(self.errors)}
        return self.applied()

    def applied(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("Filen kunde inte läsas som text (UTF-8 eller Windows-1252)."))


def _csv_rows(raw: bytes) -> Iterator[list[str]]:
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    # Swedish Excel writes semicolons; other tools commas or tabs.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _xlsx_rows(raw: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(_("Filen är inte en giltig Excel-fil (xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def read_table(raw: bytes, filename: str, max_rows: int = 100_000) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Open a csv/xlsx file: returns its header and an iterator of (row number, {header: text}).

    Row numbers are those a person sees in Excel (the header is row 1). Entirely empty
    rows are skipped. Cell values come back stripped; numbers as their text.
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(raw)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(raw)
    else:
        raise TableError(_("Filtypen stöds inte: använd .xlsx eller .csv."))
    try:
        header_cells = next(rows)
    except StopIteration:
        raise TableError(_("Filen är tom.")) from None
    header = [_cell_text(c) for c in header_cells]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise TableError(_("Första raden ska vara en rubrikrad med kolumnnamn."))

    def body():
        for index, cells in enumerate(rows, start=2):
            if index - 1 > max_rows:
                raise TableError(_("Filen har fler än %(max)s rader.") % {"max": max_rows})
            values = [_cell_text(c) for c in cells]
            if not any(values):
                continue
            yield index, {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}

    return header, body()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def match_columns(header: list[str], wanted: dict[str, bool]) -> tuple[dict[str, str], list[RowError]]:
    """Map wanted column names (case-insensitive) to the file's header.

    `wanted` maps each name to whether it is required. Returns the mapping and errors.
    """
    by_lower = {h.strip().lower(): h for h in header if h}
    mapping, errors = {}, []
    for name, required in wanted.items():
        found = by_lower.get(name.lower())
        if found is not None:
            mapping[name] = found
        elif required:
            errors.append(RowError(1, name, _("Kolumnen saknas i rubrikraden.")))
    return mapping, errors
