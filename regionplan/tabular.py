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
from decimal import Decimal

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


# An xlsx is a zip: refuse one that would unpack to far more than any real export.
XLSX_MAX_UNPACKED = 2 * 1024**3
XLSX_MAX_RATIO = 200  # the XML of a sheet packs 5-30 times; a zip bomb thousands of times
_SNIFF = 64 * 1024


def _open_binary(source) -> io.BufferedIOBase:
    """Bytes or a binary file (an upload, an open path) as a seekable stream at its start."""
    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    stream.seek(0)
    return stream


def _check_kind(head: bytes, name: str) -> None:
    """Refuse a file that is not what its name says, before a parser meets it."""
    is_zip = head.startswith(b"PK\x03\x04")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(_("Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller .csv."))
    if name.endswith(".xlsx") and not is_zip:
        raise TableError(_("Filen heter .xlsx men är ingen Excel-fil."))
    if not name.endswith(".xlsx") and (is_zip or b"\x00" in head):
        raise TableError(_("Filen heter .csv men är ingen textfil (är den en Excel-fil? Spara den då som .xlsx)."))


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the start of the file reads as such, else Windows-1252."""
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sample is still UTF-8.
        return "utf-8-sig" if exc.start >= len(head) - 3 else "cp1252"


def _csv_rows(stream) -> Iterator[list[str]]:
    head = stream.read(_SNIFF)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=_encoding(head), newline="")
    first_line = text.readline()
    text.seek(0)
    # Swedish Excel writes semicolons; other tools commas or tabs.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise TableError(_("Filen kunde inte läsas som text (UTF-8 eller Windows-1252).")) from exc
    except csv.Error as exc:
        raise TableError(_("Filen är ingen giltig csv-fil: %(error)s") % {"error": exc}) from exc


def _check_zip(stream) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise TableError(_("Filen är inte en giltig Excel-fil (xlsx).")) from exc
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if unpacked > XLSX_MAX_UNPACKED or (unpacked > 50 * 1024**2 and unpacked / packed > XLSX_MAX_RATIO):
        raise TableError(_("Filen packas upp till orimligt mycket data och läses inte."))
    stream.seek(0)


def _xlsx_rows(stream) -> Iterator[list]:
    from openpyxl import load_workbook

    _check_zip(stream)
    try:
        # read_only streams the sheet; data_only gives a formula's last computed value.
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(_("Filen är inte en giltig Excel-fil (xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            yield [_percent_text(cell) for cell in row]
    finally:
        workbook.close()


def _percent_text(cell):
    """A cell's value; a number shown as a percentage comes back as the text a person sees
    (0,074 formatted as % → "7.4 %"), so that the value rules read it as 7.4."""
    value = getattr(cell, "value", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (getattr(cell, "number_format", "") or ""):
        percent = (Decimal(repr(value)) * 100).normalize()
        return f"{percent:f} %"
    return value


def read_table(source, filename: str, max_rows: int = 100_000) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Open a csv/xlsx file (bytes or a binary file): returns its header and an iterator of
    (row number, {header: text}), read as the rows are consumed.

    Row numbers are those a person sees in Excel (the header is row 1). Entirely empty
    rows are skipped. Cell values come back stripped; numbers as their text.
    """
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv", ".txt")):
        raise TableError(_("Filtypen stöds inte: använd .xlsx eller .csv."))
    stream = _open_binary(source)
    head = stream.read(_SNIFF)
    stream.seek(0)
    _check_kind(head, name)
    rows = _xlsx_rows(stream) if name.endswith(".xlsx") else _csv_rows(stream)
    try:
        header_cells = next(rows)
    except StopIteration:
        raise TableError(_("Filen är tom.")) from None
    header = [_cell_text(c) for c in header_cells]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise TableError(_("Första raden ska vara en rubrikrad med kolumnnamn."))
    columns = [(i, h) for i, h in enumerate(header) if h]

    text_only = not name.endswith(".xlsx")  # csv cells are already text: only strip them

    def body():
        for index, cells in enumerate(rows, start=2):
            if index - 1 > max_rows:
                raise TableError(_("Filen har fler än %(max)s rader.") % {"max": max_rows})
            values = [c.strip() for c in cells] if text_only else [_cell_text(c) for c in cells]
            if not any(values):
                continue
            count = len(values)
            yield index, {h: (values[i] if i < count else "") for i, h in columns}

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
