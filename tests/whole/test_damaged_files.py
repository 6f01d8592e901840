"""Damaged and unusual files, from read_table up through every import (issue 14, part 5).

What is promised (regionplan/tabular.py): whatever goes wrong while a file is read —
at its opening or halfway through its rows — reaches the caller as a `TableError` with a
Swedish message saying what is wrong and after which row; every import turns it into the
file's one error and writes nothing. No NUL character reaches a caller (PostgreSQL refuses
it in text). A csv in UTF-16 with its byte-order mark (Excel's "Unicode text") is read.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from followup.imports import sources
from followup.models import ImportJob
from goals.planimport import import_plan
from regionplan.models import OrgUnit
from regionplan.orgimport import import_units
from regionplan.tabular import TableError, read_table
from regionplan.tenancy import region_scope
from tests.followup.test_value_import import (  # noqa: F401 - plans and upload are fixtures
    ECONOMY,
    ECONOMY_HEADER,
    GOOD,
    GOOD_VALUES,
    HEADER,
    counts,
    errors_of,
    plans,
    stored,
    upload,
)
from tests.goals.test_plan_import import GOOD as PLAN_ROWS
from tests.goals.test_plan_import import NAMES as PLAN_COLUMNS
from tests.goals.test_plan_import import YEAR as PLAN_YEAR
from tests.goals.test_plan_import import counts as plan_counts

SHEET = "xl/worksheets/sheet1.xml"
FILLER = [(f"MATT-{i}", "A-DIV", "2026-T1", "T", str(i), f"rad {i + 2}") for i in range(300)]


# --- Building damaged files ------------------------------------------------------------------


def workbook(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, member: str, change=lambda content: content, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook again, with one member's content changed (and its CRC made to fit)."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == member else content)
    return buffer.getvalue()


def patch_directory(data: bytes, member: str, offset: int, value: int) -> bytes:
    """Overwrite a 32-bit field of a member's central-directory entry (16: CRC-32, 24: size)."""
    out = bytearray(data)
    start = data.index(b"PK\x01\x02")
    while start != -1:
        length = struct.unpack_from("<H", out, start + 28)[0]
        if out[start + 46 : start + 46 + length] == member.encode():
            struct.pack_into("<I", out, start + offset, value)
        start = data.find(b"PK\x01\x02", start + 1)
    return bytes(out)


def cut_sheet(rows=FILLER) -> bytes:
    """The sheet's XML cut off halfway, as by an interrupted transfer or save."""
    return rezip(workbook(rows), SHEET, lambda xml: xml[: len(xml) // 2])


def bad_character(reference: bytes) -> bytes:
    """A character reference XML does not allow, in the Värde cell of Excel row 4."""
    return rezip(workbook(FILLER), SHEET, lambda xml: xml.replace(b"<t>2</t>", b"<t>2" + reference + b"</t>", 1))


def bad_crc() -> bytes:
    """A stored (uncompressed) sheet whose CRC in the zip's directory is wrong: every row
    reads, the check at the end of the member fails."""
    data = rezip(workbook(FILLER), SHEET, compression=zipfile.ZIP_STORED)
    crc = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).CRC
    return patch_directory(data, SHEET, 16, crc ^ 0xFFFF)


def wrong_size() -> bytes:
    """The sheet declared half as big as it is: reading stops there with a bad CRC."""
    data = workbook(FILLER)
    size = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size
    return patch_directory(data, SHEET, 24, size // 2)


def garble(at: float) -> bytes:
    """The sheet's compressed bytes from `at` (a fraction) on replaced by 0xFF: unpacking
    fails there (zlib.error, or garbage XML, or at the latest the CRC at the end)."""
    data = workbook(FILLER)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    cut = int(info.compress_size * at)
    return data[: start + cut] + b"\xff" * (info.compress_size - cut) + data[start + info.compress_size :]


def cut_workbook_part() -> bytes:
    """workbook.xml, read when the file is opened, cut off."""
    return rezip(workbook(GOOD), "xl/workbook.xml", lambda xml: xml[: len(xml) // 2])


def text_file(rows, header=HEADER, delimiter=";", encoding="utf-8-sig", newline="\r\n") -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return (newline.join(lines) + newline).encode(encoding)


def nul_after_the_sniffed_start() -> bytes:
    """A NUL byte in a comment on row 4, after 70 kB: the first 64 kB look like text."""
    rows = [GOOD[0], (*GOOD[1][:5], "x" * 70_000), (*GOOD[2][:5], "Bra\x00"), GOOD[3]]
    return text_file(rows)


# (name, filename, file, fragments of the message): the file opens, a row fails.
DAMAGED = [
    ("xlsx-cut-off", "v.xlsx", cut_sheet, ["Excel-filen är skadad", "tar slut mitt i", "efter rad "]),
    (
        "xlsx-character-1",
        "v.xlsx",
        lambda: bad_character(b"&#1;"),
        ["Excel-filen är skadad", "otillåtet tecken", "efter rad 3"],
    ),
    ("xlsx-character-FFFF", "v.xlsx", lambda: bad_character(b"&#xFFFF;"), ["otillåtet tecken", "efter rad 3"]),
    # A bad CRC shows when the member has been read to its end: the rows of the last chunk
    # read (16 kB) are not yielded by then, so the row named is an earlier one.
    ("xlsx-bad-crc", "v.xlsx", bad_crc, ["Excel-filen är skadad efter rad ", "packa upp"]),
    ("xlsx-wrong-size", "v.xlsx", wrong_size, ["Excel-filen är skadad efter rad ", "packa upp"]),
    ("xlsx-garbled-at-the-end", "v.xlsx", lambda: garble(0.9), ["Excel-filen är skadad efter rad "]),
    ("csv-nul-after-64-kB", "v.csv", nul_after_the_sniffed_start, ["Rad 4", "NUL-tecken"]),
    (
        "csv-utf-8-then-windows-1252",
        "v.csv",
        lambda: text_file([(*GOOD[0][:5], "x" * 70_000)]) + b"MATT-2;A-DIV;2026-T1;;1;h\xf6g\r\n",
        ["Rad 3 kunde inte läsas som text", "UTF-8"],
    ),
    (
        "csv-byte-that-is-no-character",
        "v.csv",
        lambda: text_file(GOOD, encoding="cp1252") + b"\x81\x8d\r\n" * 3,
        ["Rad 6 kunde inte läsas som text", "Windows-1252"],
    ),
    # Bad UTF-16 fails with the chunk of the file it is in, here the last one.
    (
        "csv-utf-16-odd-byte-at-the-end",
        "v.csv",
        lambda: text_file(GOOD, delimiter="\t", encoding="utf-16") + b"\x00",
        ["kunde inte läsas som text efter rad 5", "UTF-16"],
    ),
    (
        "csv-unclosed-quote",
        "v.csv",
        lambda: text_file(GOOD[:2]) + b'MATT-2;A-DIV;"2026-T1\r\n' + b"x" * 140_000,
        ["ingen giltig csv-fil", "efter rad 3", "citattecken"],
    ),
]


@pytest.mark.parametrize("name, filename, make, fragments", DAMAGED, ids=[case[0] for case in DAMAGED])
def test_a_row_that_cannot_be_read_is_a_table_error_saying_what_and_where(name, filename, make, fragments):
    _header, rows = read_table(make(), filename)  # it opens: the damage is further in
    with pytest.raises(TableError) as caught:
        list(rows)
    assert all(fragment in str(caught.value) for fragment in fragments), caught.value


def test_rows_before_the_damage_are_read_as_usual():
    """The error comes where the damage is, not at the opening: earlier rows are intact."""
    _header, rows = read_table(bad_character(b"&#1;"), "v.xlsx")
    seen = []
    with pytest.raises(TableError):
        for number, cells in rows:
            seen.append((number, cells["Kommentar"]))
    assert seen == [(2, "rad 2"), (3, "rad 3")]


# (name, filename, file, fragment): refused when opened.
REFUSED = [
    ("xlsx-part-read-at-opening-cut-off", "v.xlsx", cut_workbook_part, "skadad och går inte att öppna"),
    # openpyxl reads the start of the sheet when it opens the workbook.
    ("xlsx-garbled-from-the-start", "v.xlsx", lambda: garble(0), "skadad och går inte att öppna"),
    ("nul-without-bom", "v.csv", lambda: text_file(GOOD, encoding="utf-16-le"), "ingen textfil"),
    ("nul-in-the-header", "v.csv", lambda: text_file(GOOD, header=[*HEADER[:5], "Komm\x00entar"]), "NUL-tecken"),
    ("utf-16-bom-then-nul", "v.csv", lambda: b"\xff\xfe" + "Mått;\x00Värde\r\n".encode("utf-16-le"), "ingen textfil"),
]


@pytest.mark.parametrize("name, filename, make, fragment", REFUSED, ids=[case[0] for case in REFUSED])
def test_a_file_that_cannot_be_opened_is_a_table_error(name, filename, make, fragment):
    with pytest.raises(TableError) as caught:
        _header, rows = read_table(make(), filename)
        list(rows)
    assert fragment in str(caught.value)


def test_nul_bytes_without_a_bom_are_not_called_an_excel_file():
    with pytest.raises(TableError) as caught:
        read_table(text_file(GOOD, encoding="utf-16-le"), "v.csv")
    assert "NUL-tecken" in str(caught.value) and "Excel-fil?" not in str(caught.value)


# --- UTF-16 with a byte-order mark --------------------------------------------------------------

UNICODE_TEXT = [
    ("utf-16-le-tabs", lambda rows: text_file(rows, delimiter="\t", encoding="utf-16")),  # the BOM, then LE
    ("utf-16-be-tabs", lambda rows: b"\xfe\xff" + text_file(rows, delimiter="\t", encoding="utf-16-be")),
    ("utf-16-le-semicolons", lambda rows: b"\xff\xfe" + text_file(rows, encoding="utf-16-le")),
]


@pytest.mark.parametrize("name, make", UNICODE_TEXT, ids=[case[0] for case in UNICODE_TEXT])
def test_a_utf16_file_with_a_bom_is_read_as_text(name, make):
    rows = [("MATT-1", "A-DIV", "2026-T1", "K", "7,4", "Höjd från förra året – åtgärd")]
    for filename in ("v.csv", "v.txt"):
        header, body = read_table(make(rows), filename)
        assert header == HEADER
        assert list(body) == [(2, dict(zip(HEADER, rows[0], strict=True)))]


def test_a_long_utf16_file_reads_past_the_sniffed_start():
    rows = [(f"MATT-{i}", "A-DIV", "2026-T1", "", str(i), "å" * 100) for i in range(1000)]
    _header, body = read_table(text_file(rows, delimiter="\t", encoding="utf-16"), "v.csv")
    numbers = [number for number, _cells in body]
    assert numbers == list(range(2, 1002))


# --- Through the imports: one error for the file, nothing written --------------------------------

ORG_HEADER = ["Kod", "Namn", "Förälder", "Typ"]
ORG_ROWS = [(f"E{i}", f"Enhet {i}", "A-DIV", "Enhet") for i in range(300)]


def org_snapshot():
    return sorted(OrgUnit.objects.values_list("code", "name", "parent__code"))


ORG_FILES = [
    (
        "xlsx-cut-off",
        "org.xlsx",
        lambda: rezip(workbook(ORG_ROWS, ORG_HEADER), SHEET, lambda x: x[: len(x) // 2]),
        "tar slut mitt i",
    ),
    (
        "xlsx-bad-crc",
        "org.xlsx",
        lambda: patch_directory(
            rezip(workbook(ORG_ROWS, ORG_HEADER), SHEET, compression=zipfile.ZIP_STORED), SHEET, 16, 0
        ),
        "packa upp",
    ),
    (
        "csv-nul",
        "org.csv",
        lambda: text_file(
            ORG_ROWS[:1] + [("X" * 70_000, "Namn", "A-DIV", "Enhet"), ("E\x00", "Noll", "A-DIV", "Enhet")], ORG_HEADER
        ),
        "Rad 4",
    ),
]


@pytest.mark.parametrize("name, filename, make, fragment", ORG_FILES, ids=[case[0] for case in ORG_FILES])
def test_a_damaged_organisation_file_is_one_error_and_changes_nothing(world, name, filename, make, fragment):
    with region_scope(world.alfa):
        before = org_snapshot()
        result = import_units(make(), filename)
        assert [(e.row, e.column) for e in result.errors] == [(None, None)], result.errors
        assert fragment in result.errors[0].message
        assert result.summary() == "Filen avvisades: 1 fel. Inget ändrades."
        assert org_snapshot() == before


def test_the_unit_import_command_names_the_damage(world, tmp_path):
    path = tmp_path / "org.xlsx"
    path.write_bytes(ORG_FILES[0][2]())
    err = io.StringIO()
    with pytest.raises(CommandError, match="Filen avvisades: 1 fel. Inget ändrades."):
        call_command("import_units", "--region", "alfa", str(path), stdout=io.StringIO(), stderr=err)
    assert "Excel-filen är skadad efter rad " in err.getvalue() and "tar slut mitt i" in err.getvalue()


def test_a_utf16_organisation_file_is_imported(world):
    with region_scope(world.alfa):
        result = import_units(text_file(ORG_ROWS[:2], ORG_HEADER, delimiter="\t", encoding="utf-16"), "org.txt")
        assert result.ok, result.errors
        assert result.created == 2 and OrgUnit.objects.get(code="E1").parent.code == "A-DIV"


def plan_file(rows=PLAN_ROWS, encoding=None) -> bytes:
    cells = [[row.get(name, "") for name in PLAN_COLUMNS] for row in rows]
    if encoding:
        return text_file(cells, PLAN_COLUMNS, delimiter="\t", encoding=encoding)
    return workbook(cells, PLAN_COLUMNS)


PLAN_FILES = [
    (
        "xlsx-cut-off",
        "plan.xlsx",
        lambda: rezip(plan_file(PLAN_ROWS * 40), SHEET, lambda x: x[: len(x) // 2]),
        "tar slut mitt i",
    ),
    (
        "xlsx-character",
        "plan.xlsx",
        lambda: rezip(plan_file(), SHEET, lambda x: x.replace(b"Friskv", b"&#1;Friskv")),
        "otillåtet tecken",
    ),
    (
        "csv-nul",
        "plan.csv",
        lambda: plan_file([*PLAN_ROWS[:-1], {**PLAN_ROWS[-1], "Beskrivning": "x" * 70_000 + "\x00"}], "utf-8-sig"),
        "Rad 7",
    ),
]


@pytest.mark.parametrize("name, filename, make, fragment", PLAN_FILES, ids=[case[0] for case in PLAN_FILES])
def test_a_damaged_plan_file_is_one_error_and_writes_nothing(world, name, filename, make, fragment):
    with region_scope(world.alfa):
        before = plan_counts()
        result = import_plan(make(), filename, PLAN_YEAR)
        assert [(e.row, e.column) for e in result.errors] == [(None, None)], result.errors
        assert fragment in result.errors[0].message
        assert plan_counts() == before


def test_a_utf16_plan_file_is_imported(world):
    with region_scope(world.alfa):
        result = import_plan(plan_file(encoding="utf-16"), "plan.txt", PLAN_YEAR)
        assert result.ok, result.errors
        assert plan_counts()["items"] == 5


# The value and economy imports run as jobs (the `upload` fixture: the page's way, through
# the task): a damaged file is "Filen avvisades" with the reason, not the worker's
# "Ett oväntat fel avbröt jobbet".
VALUE_FILES = [
    ("xlsx-cut-off", "varden.xlsx", lambda: cut_sheet(GOOD + FILLER), "tar slut mitt i"),
    ("xlsx-character", "varden.xlsx", lambda: bad_character(b"&#xFFFF;"), "otillåtet tecken"),
    ("xlsx-bad-crc", "varden.xlsx", bad_crc, "packa upp"),
    ("xlsx-wrong-size", "varden.xlsx", wrong_size, "packa upp"),
    ("csv-nul-in-a-comment", "varden.csv", nul_after_the_sniffed_start, "NUL-tecken"),
]


@pytest.mark.parametrize("name, filename, make, fragment", VALUE_FILES, ids=[case[0] for case in VALUE_FILES])
def test_a_damaged_values_file_is_rejected_with_its_reason(world, plans, upload, name, filename, make, fragment):
    job = upload(make(), name=filename)
    assert (job.status, job.message) == (ImportJob.REJECTED, "Filen avvisades. Inget ändrades.")
    [(row, column, message)] = errors_of(world, job)
    assert (row, column) == (None, "") and fragment in message
    assert counts(world.alfa) == {"values": 0, "changes": 0, "economy": 0}


@pytest.mark.parametrize("name, filename, make, fragment", VALUE_FILES, ids=[case[0] for case in VALUE_FILES])
def test_file_values_raises_file_rejected_for_a_damaged_file(name, filename, make, fragment):
    with pytest.raises(sources.FileRejected) as caught:
        list(sources.file_values(io.BytesIO(make()), filename))
    assert fragment in str(caught.value)


def test_a_utf16_values_file_is_imported(world, plans, upload):
    job = upload(text_file(GOOD, delimiter="\t", encoding="utf-16"), name="varden.txt")
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert stored(world.alfa) == GOOD_VALUES


ECONOMY_FILES = [
    (
        "xlsx-cut-off",
        "ekonomi.xlsx",
        lambda: rezip(workbook(ECONOMY * 100, ECONOMY_HEADER), SHEET, lambda x: x[: len(x) // 2]),
        "tar slut mitt i",
    ),
    (
        "csv-nul",
        "ekonomi.csv",
        lambda: text_file(
            [
                ECONOMY[0],
                (*ECONOMY[1][:2], "Övrigt" + "x" * 70_000, "1", "", ""),
                (*ECONOMY[2][:2], "Pers\x00onal", "1", "", ""),
            ],
            ECONOMY_HEADER,
        ),
        "Rad 4",
    ),
]


@pytest.mark.parametrize("name, filename, make, fragment", ECONOMY_FILES, ids=[case[0] for case in ECONOMY_FILES])
def test_a_damaged_economy_file_is_rejected_with_its_reason(world, upload, name, filename, make, fragment):
    job = upload(make(), name=filename, kind=ImportJob.ECONOMY)
    assert (job.status, job.message) == (ImportJob.REJECTED, "Filen avvisades. Inget ändrades.")
    [(row, _column, message)] = errors_of(world, job)
    assert row is None and fragment in message
    assert counts(world.alfa)["economy"] == 0


# --- A value that rounds to nothing -------------------------------------------------------------


def test_a_value_that_would_be_stored_as_zero_is_a_row_error(world, plans, upload):
    job = upload(text_file([GOOD[0], ("MATT-2", "A-DIV", "2026-T1", "", "0,00000001", "")]))
    assert job.status == ImportJob.REJECTED
    assert errors_of(world, job) == [
        (3, "Värde", "Värdet 0,00000001 blir 0 när det avrundas till fyra decimaler; ange det i en större enhet.")
    ]
    assert counts(world.alfa)["values"] == 0
