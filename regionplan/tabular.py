"""Reading uploaded tables (xlsx or csv) row by row, as the HR and finance systems export them.

Shared by every import: the organisation tree now, measure values and economy later.
Rows stream from the file (openpyxl's read-only mode, csv's reader), so a large file is
never held in memory as a whole. Whatever goes wrong while reading, at the opening or
halfway through, reaches the caller as a `TableError` whose Swedish message says what is
wrong and where: a damaged file is the uploader's problem to fix, never a crash.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import errors as expat

from django.utils.translation import gettext as _

from regionplan.numbers import format_number

log = logging.getLogger(__name__)


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
    if name.endswith(".xlsx"):
        if not is_zip:
            raise TableError(_("Filen heter .xlsx men är ingen Excel-fil."))
        return
    if is_zip:
        raise TableError(_("Filen heter .csv men är ingen textfil (är den en Excel-fil? Spara den då som .xlsx)."))
    # Text never holds NUL; UTF-16 has NUL bytes, but then its byte-order mark says so.
    if "\x00" in head.decode(_encoding(head), errors="replace"):
        raise TableError(
            _(
                "Filen är ingen textfil som går att läsa: den innehåller NUL-tecken (byte 0). "
                "Spara den som CSV (UTF-8) eller som Excel-fil (.xlsx)."
            )
        )


# Excel's "Unicode text" is UTF-16 with a byte-order mark; the "utf-16" codec reads the
# mark and drops it. (A UTF-32 mark starts like UTF-16's and then reads as NUL: refused.)
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}


def _encoding(head: bytes) -> str:
    """The encoding a byte-order mark names; else UTF-8 when the start of the file reads
    as such, else Windows-1252."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        # A multi-byte character cut by the end of the sample is still UTF-8.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < _SNIFF)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"


def _csv_rows(stream, encoding: str) -> Iterator[list[str]]:
    # surrogateescape: a byte that is not text becomes a lone surrogate in its row, which
    # _check_text reports with the row's number (a strict decoder fails a whole chunk of
    # 8 kB ahead of the rows). Bad UTF-16 cannot be escaped and fails with its chunk.
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    first_line = text.readline()
    text.seek(0)
    # Swedish Excel writes semicolons; other tools commas or tabs.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    yield from csv.reader(text, delimiter=delimiter)


def _csv_problem(exc: Exception, where: str, encoding: str) -> str:
    """What a reading error of a csv file means, for the person who uploaded it."""
    if isinstance(exc, UnicodeDecodeError):
        return _(
            "Filen kunde inte läsas som text %(where)s: den har bytes som inte är %(encoding)s. "
            "Spara den på nytt som CSV (UTF-8)."
        ) % {"where": where, "encoding": _ENCODING_NAMES[encoding]}
    if isinstance(exc, csv.Error) and "field limit" in str(exc):
        return _(
            "Filen är ingen giltig csv-fil %(where)s: en cell är längre än %(limit)s tecken "
            "(ett citattecken som inte stängs?)."
        ) % {"where": where, "limit": format_number(csv.field_size_limit())}
    if isinstance(exc, csv.Error):
        return _("Filen är ingen giltig csv-fil %(where)s: %(error)s") % {"where": where, "error": exc}
    log.warning("unexpected error reading a csv file", exc_info=exc)
    return _("Filen kunde inte läsas %(where)s.") % {"where": where}


# What zipfile raises for a member whose bytes do not unpack (bad CRC, wrong size, garbled).
_DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError)
# expat's errors for XML that stops short, and for a character XML does not allow.
_CUT_OFF = {
    expat.codes[e] for e in (expat.XML_ERROR_NO_ELEMENTS, expat.XML_ERROR_UNCLOSED_TOKEN, expat.XML_ERROR_PARTIAL_CHAR)
}
_BAD_CHARACTER = {expat.codes[e] for e in (expat.XML_ERROR_BAD_CHAR_REF, expat.XML_ERROR_INVALID_TOKEN)}


def _check_zip(stream) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
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
    except (*_DAMAGED_ZIP, ParseError) as exc:  # a part cut off or garbled; openpyxl reads the sheet's start here too
        raise TableError(
            _("Excel-filen är skadad och går inte att öppna. Spara eller hämta den på nytt och försök igen.")
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds for a zip that is no workbook (KeyError, ...)
        raise TableError(_("Filen är inte en giltig Excel-fil (xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            yield [_percent_text(cell) for cell in row]
    finally:
        workbook.close()


def _xlsx_problem(exc: Exception, where: str) -> str:
    """What a reading error inside a workbook means, for the person who uploaded it."""
    if isinstance(exc, ParseError) and exc.code in _CUT_OFF:
        problem = _("bladet tar slut mitt i, som om filen inte sparats eller överförts helt.")
    elif isinstance(exc, ParseError) and exc.code in _BAD_CHARACTER:
        problem = _("bladet innehåller ett otillåtet tecken.")
    elif isinstance(exc, ParseError):
        problem = _("bladet är ingen giltig XML.")
    elif isinstance(exc, _DAMAGED_ZIP):
        problem = _("bladet går inte att packa upp (fel kontrollsumma eller storlek).")
    else:  # e.g. a number cell holding text: openpyxl's ValueError
        log.warning("unexpected error reading an xlsx file", exc_info=exc)
        problem = _("bladet följer inte Excel-formatet.")
    return _("Excel-filen är skadad %(where)s: %(problem)s Spara eller hämta den på nytt och försök igen.") % {
        "where": where,
        "problem": problem,
    }


def _guarded(rows: Iterator[list], explain) -> Iterator[list]:
    """The reader's rows; any error raised while reading one becomes a TableError with
    `explain(error, where)`, so that no caller meets an exception it does not know. The
    parsers raise many kinds (ParseError, zlib.error, BadZipFile, UnicodeDecodeError, ...),
    and each of them here means that the file is damaged."""
    read = 0
    try:
        for cells in rows:
            read += 1
            yield cells  # an error in the caller's own loop stays the caller's: it does not pass through here
    except TableError:
        raise
    except Exception as exc:
        where = _("efter rad %(row)s") % {"row": read} if read else _("redan på rad 1")
        raise TableError(explain(exc, where)) from exc


# A NUL, and the lone surrogates that surrogateescape makes of bytes that are not text.
_NOT_TEXT = re.compile("[\x00\udc80-\udcff]")


def _check_text(values: list[str], row: int, encoding: str | None) -> None:
    """Refuse a row holding a NUL (PostgreSQL refuses it in text) or a byte that is not text."""
    joined = "".join(values)
    if joined.isascii() and "\x00" not in joined:  # the common row, cheaply: isascii() is O(1)
        return
    found = _NOT_TEXT.search(joined)
    if found is None:
        return
    if found.group() == "\x00":
        raise TableError(
            _(
                "Rad %(row)s innehåller ett NUL-tecken (byte 0), som inte hör hemma i text: "
                "filen är skadad eller sparad i fel format."
            )
            % {"row": row}
        )
    raise TableError(
        _(
            "Rad %(row)s kunde inte läsas som text: filen börjar som %(encoding)s, men raden har bytes "
            "som inte är det. Spara filen på nytt som CSV (UTF-8)."
        )
        % {"row": row, "encoding": _ENCODING_NAMES.get(encoding, "UTF-8")}
    )  # a sheet's XML is UTF-8


def _percent_text(cell):
    """A cell's value; a number shown as a percentage comes back as the text a person sees
    (0,074 formatted as % → "7.4 %"), so that the value rules read it as 7.4."""
    value = getattr(cell, "value", None)
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        percent = (Decimal(repr(value)) * 100).normalize()
        return f"{percent:f} %"
    return value


def read_table(source, filename: str, max_rows: int = 100_000) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Open a csv/xlsx file (bytes or a binary file): returns its header and an iterator of
    (row number, {header: text}), read as the rows are consumed.

    Row numbers are those a person sees in Excel (the header is row 1). Entirely empty
    rows are skipped. Cell values come back stripped; numbers as their text.
    """
    _row, header, rows = _open_table(source, filename, max_rows)
    return header, rows


HEADER_SEARCH_ROWS = 10  # a title and group headings above the header take a few rows, not more


def fold(text: str) -> str:
    """A name as it is compared: case and runs of spaces do not matter."""
    return " ".join(str(text).split()).casefold()


def find_table(
    source, filename: str, header_with, max_rows: int = 100_000
) -> tuple[int, list[str], Iterator[tuple[int, dict]]]:
    """As `read_table`, for a file whose header row may follow a title row or a row of
    group headings (a workbook laid out for people): the header is the first of the first
    HEADER_SEARCH_ROWS rows that holds every name in `header_with` (case and spaces
    folded). Returns the header's row number, the header and the rows below it, numbered
    as Excel shows them."""
    return _open_table(source, filename, max_rows, tuple(header_with))


def _open_table(source, filename: str, max_rows: int, header_with: tuple[str, ...] = ()):
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv", ".txt")):
        raise TableError(_("Filtypen stöds inte: använd .xlsx eller .csv."))
    stream = _open_binary(source)
    head = stream.read(_SNIFF)
    stream.seek(0)
    _check_kind(head, name)
    if name.endswith(".xlsx"):
        encoding = None
        rows = _guarded(_xlsx_rows(stream), _xlsx_problem)
    else:
        encoding = _encoding(head)
        rows = _guarded(_csv_rows(stream, encoding), lambda exc, where: _csv_problem(exc, where, encoding))
    header_row, wanted = 0, {fold(w) for w in header_with}
    while True:
        try:
            header_cells = next(rows)
        except StopIteration:
            if header_row and wanted:
                raise _header_not_found(header_with, header_row) from None
            raise TableError(_("Filen är tom.")) from None
        header_row += 1
        header = [_cell_text(c) for c in header_cells]
        _check_text(header, header_row, encoding)
        if not wanted or wanted <= {fold(h) for h in header}:
            break
        if header_row >= HEADER_SEARCH_ROWS:
            raise _header_not_found(header_with, header_row)
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise TableError(_("Första raden ska vara en rubrikrad med kolumnnamn."))
    columns = [(i, h) for i, h in enumerate(header) if h]

    text_only = not name.endswith(".xlsx")  # csv cells are already text: only strip them

    def body():
        for index, cells in enumerate(rows, start=header_row + 1):
            if index - header_row > max_rows:
                raise TableError(_("Filen har fler än %(max)s rader.") % {"max": max_rows})
            values = [c.strip() for c in cells] if text_only else [_cell_text(c) for c in cells]
            _check_text(values, index, encoding)
            if not any(values):
                continue
            count = len(values)
            yield index, {h: (values[i] if i < count else "") for i, h in columns}

    return header_row, header, body()


def _header_not_found(header_with, searched: int) -> TableError:
    return TableError(
        _("Rubrikraden hittades inte: ingen av de första %(n)s raderna har kolumnerna %(columns)s.")
        % {"n": searched, "columns": ", ".join(header_with)}
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def match_columns(
    header: list[str], wanted: dict[str, bool], *, refuse_unknown: bool = False
) -> tuple[dict[str, str], list[RowError]]:
    """Map wanted column names (case-insensitive) to the file's header.

    `wanted` maps each name to whether it is required. Returns the mapping and errors; with
    `refuse_unknown`, a header cell that is none of them is an error too (a misspelt column
    would otherwise be read as an empty one).
    """
    by_lower = {h.strip().lower(): h for h in header if h}
    mapping, errors = {}, []
    if refuse_unknown:
        allowed = {name.lower() for name in wanted}
        errors += [
            RowError(1, h, _("Okänd kolumn. Tillåtna kolumner: %(names)s.") % {"names": ", ".join(wanted)})
            for lower, h in by_lower.items()
            if lower not in allowed
        ]
    for name, required in wanted.items():
        found = by_lower.get(name.lower())
        if found is not None:
            mapping[name] = found
        elif required:
            errors.append(RowError(1, name, _("Kolumnen saknas i rubrikraden.")))
    return mapping, errors


def read_columns(source, filename: str, columns: dict[str, bool], max_rows: int):
    """Open a file whose header must name exactly `columns` (name → required): its rows
    and the mapping of each column to the file's header, or the errors (a file that cannot
    be read, an unknown or a missing column) with no rows."""
    try:
        header, rows = read_table(source, filename, max_rows=max_rows)
    except TableError as error:
        return None, {}, [RowError(None, None, str(error))]
    by_name, errors = match_columns(header, columns, refuse_unknown=True)
    return (None if errors else rows), by_name, errors
