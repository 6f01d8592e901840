"""Import of the organisation tree: a clean file applies, a bad file is rejected row by row and changes nothing."""

import io

import pytest
from openpyxl import Workbook

from regionplan.models import AuditEntry, OrgUnit
from regionplan.orgimport import import_units
from regionplan.tenancy import region_scope


def csv_bytes(rows, sep=";", encoding="utf-8-sig"):
    return "\n".join(sep.join(r) for r in rows).encode(encoding)


def xlsx_bytes(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HEADER = ["Kod", "Namn", "Förälder", "Typ"]
GOOD = [
    HEADER,
    ["R", "Region Test", "", "Region"],
    ["N", "Regionstyrelsen", "R", "Nämnd"],
    ["D1", "Division Ett", "N", "Division"],
    ["E1", "Enhet Ett", "D1", "Enhet"],
]


@pytest.fixture
def empty(world):
    """A new region with no units yet, as `create_region` leaves it before the first import."""
    from regionplan.orgtree import create_region

    return create_region("gamma", "Region Gamma", years=[2026])


def snapshot():
    return sorted(OrgUnit.objects.values_list("code", "name", "parent__code", "kind__name", "path"))


@pytest.mark.parametrize(
    "make", [lambda r: csv_bytes(r), lambda r: csv_bytes(r, sep=",", encoding="cp1252"), xlsx_bytes]
)
def test_good_file_creates_the_tree(empty, make):
    filename = "org.xlsx" if make is xlsx_bytes else "org.csv"
    with region_scope(empty):
        result = import_units(make(GOOD), filename)
        assert result.ok, result.errors
        assert result.created == 4
        e1 = OrgUnit.objects.get(code="E1")
        assert [a.code for a in e1.ancestors()] == ["R", "N", "D1"]
        assert AuditEntry.objects.filter(object_id=e1.pk, action="create").exists()


def test_reimport_renames_moves_and_leaves_missing_units(empty):
    with region_scope(empty):
        assert import_units(csv_bytes(GOOD), "org.csv").ok
        changed = [
            HEADER,
            ["R", "Region Test", "", "Region"],
            ["N", "Regionstyrelsen", "R", "Nämnd"],
            ["D2", "Division Två", "N", "Division"],
            ["E1", "Enhet Ett (nytt namn)", "D2", "Enhet"],
        ]
        result = import_units(csv_bytes(changed), "org.csv")
        assert result.ok
        assert (result.created, result.updated, result.moved) == (1, 1, 1)
        e1 = OrgUnit.objects.get(code="E1")
        assert e1.name == "Enhet Ett (nytt namn)" and e1.parent.code == "D2"
        assert e1.path.startswith(OrgUnit.objects.get(code="D2").path)
        assert OrgUnit.objects.filter(code="D1").exists()


def test_child_listed_before_parent_and_parent_moved_in_same_file(empty):
    with region_scope(empty):
        assert import_units(csv_bytes(GOOD), "org.csv").ok
        rows = [
            HEADER,
            ["E1", "Enhet Ett", "D1", "Enhet"],
            ["D2", "Division Två", "N", "Division"],
            ["D1", "Division Ett", "D2", "Division"],
        ]
        assert import_units(csv_bytes(rows), "org.csv").ok
        e1 = OrgUnit.objects.get(code="E1")
        assert [a.code for a in e1.ancestors()] == ["R", "N", "D2", "D1"]


@pytest.mark.parametrize(
    "rows, row, column, fragment",
    [
        ([["Kod", "Namn", "Typ"], ["X", "X", "Enhet"]], 1, "Förälder", "saknas"),
        ([HEADER, ["", "Utan kod", "", "Region"]], 2, "Kod", "Kod saknas"),
        ([HEADER, ["X", "", "", "Region"]], 2, "Namn", "Namn saknas"),
        ([HEADER, ["X", "X", "", "Region"], ["X", "Y", "", "Region"]], 3, "Kod", "finns redan på rad 2"),
        ([HEADER, ["X", "X", "NOPE", "Enhet"]], 2, "Förälder", "NOPE"),
        ([HEADER, ["X", "X", "", "Landsting"]], 2, "Typ", "Okänd typ"),
        ([HEADER, ["X", "X", "Y", "Enhet"], ["Y", "Y", "X", "Enhet"]], 2, "Förälder", "slinga"),
        ([HEADER, ["X", "Andra roten", "", "Region"]], 2, "Förälder", "bara ha en rotenhet"),
        ([HEADER, ["X", "X", "X", "Enhet"]], 2, "Förälder", "sin egen"),
    ],
)
def test_bad_file_is_rejected_with_row_and_column_and_changes_nothing(world, rows, row, column, fragment):
    with region_scope(world.alfa):
        before = snapshot()
        audit_before = AuditEntry.objects.count()
        result = import_units(csv_bytes(rows), "org.csv")
        assert not result.ok
        match = [e for e in result.errors if e.row == row and e.column == column and fragment in e.message]
        assert match, result.errors
        assert snapshot() == before
        assert AuditEntry.objects.count() == audit_before


def test_one_bad_row_among_good_ones_changes_nothing(world):
    with region_scope(world.alfa):
        before = snapshot()
        rows = GOOD + [["E2", "Enhet Två", "SAKNAS", "Enhet"]]
        result = import_units(csv_bytes(rows), "org.csv")
        assert not result.ok
        assert [(e.row, e.column) for e in result.errors] == [(6, "Förälder")]
        assert snapshot() == before


@pytest.mark.parametrize(
    "raw, filename, fragment",
    [
        (b"not a zip", "org.xlsx", "heter .xlsx men är ingen Excel-fil"),
        (b"PK\x03\x04broken zip", "org.xlsx", "inte en giltig Excel-fil"),
        (b"\xd0\xcf\x11\xe0old excel", "org.xlsx", "gamla Excel-formatet"),
        (b"", "org.csv", "tom"),
        (b"Kod;Namn", "org.pdf", "Filtypen"),
        (b"\xff\xfe\x00\x00garbage", "org.csv", "ingen textfil"),
        (b"\xfe\xffKod;Namn", "org.csv", "Kolumnen saknas"),
    ],
)
def test_unreadable_files_get_a_clear_message(world, raw, filename, fragment):
    with region_scope(world.alfa):
        result = import_units(raw, filename)
    assert not result.ok
    assert fragment in str(result.errors[0])


def test_all_row_errors_are_reported_at_once(world):
    rows = [HEADER, ["X", "X", "A-DIV", "Landsting"], ["Y", "Y", "FINNS-EJ", "Enhet"], ["Z", "", "X", "Enhet"]]
    with region_scope(world.alfa):
        result = import_units(csv_bytes(rows), "org.csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, "Typ"), (3, "Förälder"), (4, "Namn")]


def test_import_queries_grow_with_tree_levels_and_batches_not_rows(world):
    from tests.querycount import count_queries

    def flat_tree(prefix, n):
        return [HEADER, [f"{prefix}", "Område", "A-DIV", "Verksamhetsområde"]] + [
            [f"{prefix}-{i}", f"Enhet {i}", prefix, "Enhet"] for i in range(n)
        ]

    with region_scope(world.alfa):
        small, result = count_queries(lambda: import_units(csv_bytes(flat_tree("S", 40)), "org.csv"))
        assert result.created == 41
        large, result = count_queries(lambda: import_units(csv_bytes(flat_tree("L", 400)), "org.csv"))
        assert result.created == 401
        assert (
            OrgUnit.objects.get(code="L-399").path
            == f"{OrgUnit.objects.get(code='L').path}{OrgUnit.objects.get(code='L-399').pk}/"
        )
    # Ten times the rows costs only extra insert batches (SQLite caps a batch at ~120 rows).
    assert large - small <= 400 // 50, (small, large)


def test_move_and_rename_below_it_in_one_file_keeps_paths_right(world):
    """A unit changed after its ancestor moved must not write back a stale path."""
    rows = [
        HEADER,
        ["A-DIV", "Division Stöd A", "A-OTHER", "Division"],
        ["A-VO1", "Område Ett (nytt)", "A-DIV", "Verksamhetsområde"],
    ]
    with region_scope(world.alfa):
        assert import_units(csv_bytes(rows), "org.csv").ok
        div = OrgUnit.objects.get(code="A-DIV")
        vo1 = OrgUnit.objects.get(code="A-VO1")
        assert vo1.path == f"{div.path}{vo1.pk}/" and vo1.depth == div.depth + 1
        assert div.subtree().filter(code="A-VO2").exists()


def test_too_deep_tree_is_rejected_before_anything_changes(world):
    from regionplan.models.organisation import MAX_DEPTH

    chain = [HEADER] + [[f"D{i}", f"Nivå {i}", f"D{i - 1}" if i else "A-DIV", "Enhet"] for i in range(MAX_DEPTH)]
    with region_scope(world.alfa):
        before = snapshot()
        result = import_units(csv_bytes(chain), "org.csv")
        assert not result.ok
        assert any("för djupt" in e.message for e in result.errors)
        assert snapshot() == before
        # Moving an existing subtree under a deep branch counts its existing children too.
        ok_chain = [HEADER] + [
            [f"D{i}", f"Nivå {i}", f"D{i - 1}" if i else "A-OTHER", "Enhet"] for i in range(MAX_DEPTH - 4)
        ]
        assert import_units(csv_bytes(ok_chain), "org.csv").ok
        before = snapshot()
        move = [HEADER, ["A-DIV", "Division Stöd A", f"D{MAX_DEPTH - 5}", "Division"]]
        result = import_units(csv_bytes(move), "org.csv")
        assert not result.ok and "för djupt" in result.errors[0].message and result.errors[0].row == 2
        assert snapshot() == before
