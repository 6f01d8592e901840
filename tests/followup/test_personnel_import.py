"""The HR import (Väsentliga personalförhållanden): a clean file as csv and as xlsx, each
kind of bad input refused with its row and column and nothing written, a second run that
changes nothing, and files about persons (a personnummer column or value) refused and
deleted."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from followup.imports import personnel
from followup.models import ImportJob, PersonnelFigure
from regionplan.models import AuditEntry
from regionplan.tenancy import region_scope
from tests.followup.test_value_import import csv_bytes, errors_of, upload, xlsx_bytes  # noqa: F401 (fixture)

D = Decimal
HEADER = [
    "Organisation",
    "Månad",
    "Årsarbetare",
    "Bemanningsram",
    "Tillsvidare",
    "Visstid",
    "Pool",
    "Arbetad tid",
    "Extratid",
    "Sjukfrånvaro kvinnor",
    "Sjukfrånvaro män",
    "Sjukfrånvaro totalt",
]
GOOD = [
    ("A-DIV", "2025-01", "584,5", "605", "612", "50", "26", "82 830", "2 100", "8,6", "5,6", "7,9"),
    ("A-DIV", "2025-02-28", "579", "605", "613", "51", "26", "82 120,5", "2 350", "10,9 %", "7,4", "10,1"),
    ("A-VO1", "2025-02", "40", "", "41", "3", "", "", "", "6,0", "", ""),
]


def stored(world) -> dict:
    with region_scope(world.alfa):
        return {
            (f.unit.code, f.year, f.month): {name: getattr(f, name) for name in PersonnelFigure.FIGURES}
            for f in PersonnelFigure.objects.select_related("unit")
        }


def count(world) -> int:
    with region_scope(world.alfa):
        return PersonnelFigure.objects.count()


def test_a_clean_csv_file_is_read_with_swedish_numbers(world, upload):
    job = upload(csv_bytes(GOOD, header=HEADER), name="heroma.csv", kind=ImportJob.PERSONNEL)
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert job.message == "3 nya, 0 ändrade, 0 oförändrade rader."
    figures = stored(world)
    assert figures[("A-DIV", 2025, 1)] == {
        "annual_staff": D("584.5"),
        "staffing_frame": D("605"),
        "permanent": 612,
        "temporary": 50,
        "pool": 26,
        "worked_hours": D("82830"),
        "extra_hours": D("2100"),
        "sick_women": D("8.6"),
        "sick_men": D("5.6"),
        "sick_total": D("7.9"),
    }
    assert figures[("A-DIV", 2025, 2)]["sick_women"] == D("10.9")  # "10,9 %" and a date in the month
    assert figures[("A-DIV", 2025, 2)]["worked_hours"] == D("82120.5")
    assert figures[("A-VO1", 2025, 2)]["staffing_frame"] is None  # an empty cell is "not given"
    with region_scope(world.alfa):
        assert AuditEntry.objects.filter(content_type__model="personnelfigure").count() == 3


def test_the_same_file_as_xlsx_with_number_and_percent_cells_changes_nothing(world, upload):
    upload(csv_bytes(GOOD, header=HEADER), name="heroma.csv", kind=ImportJob.PERSONNEL)
    rows = [
        ("A-DIV", datetime.datetime(2025, 1, 31), 584.5, 605, 612, 50, 26, 82830, 2100, 0.086, 0.056, 0.079),
        ("A-DIV", "2025-02", 579, 605, 613, 51, 26, 82120.5, 2350, 0.109, 0.074, 0.101),
        ("A-VO1", "2025-02", 40, None, 41, 3, None, None, None, 0.06, None, None),
    ]
    percent = {(r, c): "0.0%" for r in range(3) for c in (9, 10, 11)}
    job = upload(xlsx_bytes(rows, header=HEADER, formats=percent), name="heroma.xlsx", kind=ImportJob.PERSONNEL)
    assert job.status == ImportJob.DONE, errors_of(world, job)
    assert job.message == "0 nya, 0 ändrade, 3 oförändrade rader."


def test_a_changed_figure_is_updated_and_a_missing_column_left_as_it_was(world, upload):
    upload(csv_bytes(GOOD, header=HEADER), kind=ImportJob.PERSONNEL)
    job = upload(
        csv_bytes([("A-DIV", "2025-01", "7,0")], header=["Organisation", "Period", "Sjukfrånvaro män"]),
        kind=ImportJob.PERSONNEL,
    )
    assert job.message == "0 nya, 1 ändrade, 0 oförändrade rader."
    figure = stored(world)[("A-DIV", 2025, 1)]
    assert figure["sick_men"] == D("7.0") and figure["sick_women"] == D("8.6")


BAD_ROWS = [
    # (cells changed in GOOD[0], the column named, the message begins)
    ({0: "A-NOPE"}, "Organisation", "Enheten A-NOPE finns inte"),
    ({0: ""}, "Organisation", "Organisation saknas."),
    ({1: "2025-T1"}, "Månad", "”2025-T1” är ingen månad"),
    ({1: "2025-13"}, "Månad", "”2025-13” är ingen månad"),
    ({1: ""}, "Månad", "Månad saknas."),
    ({1: "2099-01"}, "Månad", "Månaden 2099-01 har inte börjat."),
    ({2: "många"}, "Årsarbetare", "”många” är inget tal."),
    ({2: "-3"}, "Årsarbetare", "Får inte vara negativt."),
    ({4: "612,5"}, "Tillsvidare", "Ska vara ett helt antal anställda."),
    ({9: "130"}, "Sjukfrånvaro kvinnor", "En andel i procent är högst 100."),
    ({7: "1e12"}, "Arbetad tid", "Talet är för stort."),
    ({4: "10", 5: "5", 6: "26"}, "Pool", "26 i poolen men bara 15"),
    ({i: "" for i in range(2, 12)}, "", "Raden har inga personaluppgifter."),
]


@pytest.mark.parametrize("changes, column, message", BAD_ROWS)
def test_each_bad_cell_rejects_the_whole_file_with_its_row_and_column(world, upload, changes, column, message):
    bad = list(GOOD[0])
    for index, text in changes.items():
        bad[index] = text
    job = upload(csv_bytes([GOOD[1], GOOD[2], bad], header=HEADER), kind=ImportJob.PERSONNEL)
    assert job.status == ImportJob.REJECTED
    assert job.message == "Avvisad: 1 fel på 1 rad. Inget ändrades."
    [(row, named, text)] = errors_of(world, job)
    assert (row, named) == (4, column) and text.startswith(message), text
    assert count(world) == 0


def test_a_repeated_unit_and_month_names_the_first_row(world, upload):
    job = upload(csv_bytes([GOOD[0], GOOD[2], ("A-DIV", "2025-01-15", "1")], header=HEADER), kind=ImportJob.PERSONNEL)
    assert errors_of(world, job) == [(4, "", "Samma organisation och månad som rad 2.")]
    assert count(world) == 0


@pytest.mark.parametrize(
    "header, column, message",
    [
        (["Organisation", "Årsarbetare"], "Månad", "Kolumnen saknas i rubrikraden."),
        (["Månad", "Årsarbetare"], "Organisation", "Kolumnen saknas i rubrikraden."),
        (["Organisation", "Månad", "Antal"], "", "Minst en av kolumnerna Årsarbetare"),
    ],
)
def test_a_file_without_the_needed_columns_is_refused(world, upload, header, column, message):
    job = upload(csv_bytes([("A-DIV", "2025-01", "1")], header=header), kind=ImportJob.PERSONNEL)
    assert job.status == ImportJob.REJECTED
    [(row, named, text)] = errors_of(world, job)
    assert (row, named) == (1, column) and text.startswith(message)
    assert count(world) == 0


def test_a_unit_outside_the_managers_scope_is_refused(world, upload):
    job = upload(
        csv_bytes([("A-OTHER", "2025-01", "3")], header=["Organisation", "Månad", "Årsarbetare"]),
        kind=ImportJob.PERSONNEL,
        persona="manager",
    )
    assert errors_of(world, job) == [(2, "Organisation", "Du får inte läsa in värden för enheten A-OTHER.")]
    assert count(world) == 0


def test_partial_keeps_the_good_rows(world, upload):
    bad = ("A-DIV", "2025-03", "x")
    job = upload(csv_bytes([GOOD[0], bad], header=HEADER), kind=ImportJob.PERSONNEL, partial=True)
    assert job.status == ImportJob.DONE
    assert job.message == "1 nya, 0 ändrade, 0 oförändrade rader. 1 rad hoppades över på grund av fel."
    assert set(stored(world)) == {("A-DIV", 2025, 1)}


PERSONAL_FILES = [
    # (header, row, the places named)
    (["Personnummer", *HEADER], ("19850709-9805", *GOOD[0]), [(1, "Personnummer"), (2, "Personnummer")]),
    (["Anst.nr", *HEADER], ("4711", *GOOD[0]), [(1, "Anst.nr")]),
    (["Kommentar", *HEADER], ("gäller 850709-9805", *GOOD[0]), [(2, "Kommentar")]),
    (HEADER, ("198507099805", *GOOD[0][1:]), [(2, "Organisation")]),
    (["Id", *HEADER], ("850769-9802", *GOOD[0]), [(2, "Id")]),  # a coordination number (day + 60)
]


@pytest.mark.parametrize("header, row, places", PERSONAL_FILES)
def test_a_file_about_persons_is_refused_even_partial_and_deleted(world, upload, header, row, places):
    job = upload(csv_bytes([row], header=header), kind=ImportJob.PERSONNEL, partial=True)
    assert job.status == ImportJob.REJECTED
    found = errors_of(world, job)  # the file's own error first, then by row
    assert found[0] == (None, "", "Filen innehåller uppgifter om enskilda personer och har tagits bort.")
    assert [(r, c) for r, c, _m in found[1:]] == places
    assert all("summor per enhet och månad" in m for _r, _c, m in found[1:])
    assert not any("9805" in m or "9802" in m for _r, _c, m in found)  # the number itself is not kept
    with region_scope(world.alfa):
        job.refresh_from_db()
        assert not job.file  # nor the file
    assert count(world) == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("19850709-9805", True),
        ("850709-9805", True),
        ("850709+9805", True),
        ("8507099805", True),
        ("850769-9802", True),  # samordningsnummer
        ("850709-9806", False),  # wrong check digit
        ("851309-9805", False),  # no month 13
        ("82 830", False),
        ("605", False),
        ("2022-08-31", False),
        ("12345678901", False),
        ("", False),
    ],
)
def test_what_looks_like_a_personal_number(text, expected):
    assert personnel.looks_like_personal_number(text) is expected


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("7,4", personnel.PERCENT, (D("7.40"), None)),
        ("7,4 %", personnel.PERCENT, (D("7.40"), None)),
        ("", personnel.PERCENT, (None, None)),
        ("100,1", personnel.PERCENT, (None, "En andel i procent är högst 100.")),
        ("1 234,56", personnel.DECIMAL, (D("1234.6"), None)),
        ("12", personnel.WHOLE, (12, None)),
        ("12,0", personnel.WHOLE, (12, None)),
        ("−1", personnel.WHOLE, (None, "Får inte vara negativt.")),
    ],
)
def test_parse_figure(text, kind, expected):
    assert personnel.parse_figure(text, kind) == expected
