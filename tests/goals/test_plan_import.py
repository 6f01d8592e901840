"""Import of plans from the Excel template: a clean file creates perspectives, plans and
items; a bad file is rejected as a whole, row by row and column by column, and changes
nothing; an exported plan can be imported again."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from goals.excel import COLUMNS, export_plan
from goals.models import MeasureAdoption, Perspective, Plan, PlanItem, PlanSettings
from goals.planimport import import_plan
from goals.rules import Op, Target
from goals.services import adopt_measure, adopt_plan, load_plan, save_item
from regionplan.models import AuditEntry
from regionplan.tabular import RowError
from regionplan.tenancy import region_scope
from tests.plans import build_plans

NAMES = [name for name, _width in COLUMNS]
YEAR = 2027  # a year without plans in the world fixture

D = Decimal


def xlsx_bytes(rows, columns=NAMES):
    """A workbook with the template's header (or some of its columns) and one row per dict."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(name, "") for name in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, columns=NAMES, encoding="utf-8-sig"):
    """The same as Swedish Excel saves it: semicolons, quoted where a cell holds one."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return buffer.getvalue().encode(encoding)


# One row of each kind, forming a cascade ROOT → NAMND → DIV → VO1 (rows 2..7 of the file).
PERSPECTIVE = {"Nivå": "Perspektiv", "Kod": "P1", "Namn": "Samhälle"}
GOAL = {
    "Nivå": "Strategiskt mål",
    "Kod": "MAL-10",
    "Namn": "God och jämlik hälsa",
    "Perspektiv": "Samhälle",
    "Organisation": "A-ROOT",
    "Beskrivning": "Fullmäktiges mål",
}
FACTOR = {
    "Nivå": "Framgångsfaktor",
    "Kod": "FF-10",
    "Namn": "Hållbar arbetsmiljö",
    "Förälder": "MAL-10",
    "Organisation": "A-NAMND",
}
MEASURE = {
    "Nivå": "Styrmått",
    "Kod": "MATT-10",
    "Namn": "Sjukfrånvaro",
    "Förälder": "FF-10",
    "Organisation": "A-DIV",
    "Måttenhet": "%",
    "Riktning": "Lägre är bättre",
    "Målvärde": "< 4,8",
    "Jämförelsetal": "2018: 5,6",
    "Källa": "Heroma",
    "Extern kod": "N00090",
    "Frekvens": "Månadsvis",
    "Könsuppdelat": "Ja",
    "Antaget av": "A-VO1; A-VO2 (< 4,5)",
}
ACTIVITY = {
    "Nivå": "Aktivitet",
    "Kod": "AKT-10",
    "Namn": "Friskvårdssatsning",
    "Förälder": "MATT-10",
    "Organisation": "A-VO1",
    "Ansvarig": "HR-chef",
    "Startdatum": "2027-02-01",
    "Slutdatum": "2027-06-30",
    "Klar": "Nej",
}
ASSIGNMENT = {
    "Nivå": "Uppdrag",
    "Kod": "UPP-10",
    "Namn": "Kompetensförsörjningsplan",
    "Förälder": "MAL-10",
    "Organisation": "A-DIV",
    "Givet av": "Regionstyrelsen",
    "Beslut": "RS 2026/12",
    "Beslutsdatum": "2026-11-20",
    "Slutdatum": "2027-12-31",
}
GOOD = [PERSPECTIVE, GOAL, FACTOR, MEASURE, ACTIVITY, ASSIGNMENT]
GOOD_SUMMARY = (
    "Importerade 1 strategiskt mål, 1 framgångsfaktor, 1 styrmått, 1 aktivitet, 1 uppdrag; "
    "4 nya planer och 1 nya perspektiv."
)


def counts():
    """Everything an import may write, counted in the current region."""
    return {
        "items": PlanItem.objects.count(),
        "plans": Plan.objects.count(),
        "perspectives": Perspective.objects.count(),
        "adoptions": MeasureAdoption.objects.count(),
    }


def where(result):
    return [(e.row, e.column) for e in result.errors]


# --- a clean file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, filename",
    [(xlsx_bytes, "plan.xlsx"), (csv_bytes, "plan.csv"), (lambda rows: csv_bytes(rows, encoding="cp1252"), "plan.csv")],
    ids=["xlsx", "csv-utf8", "csv-cp1252"],
)
def test_good_file_creates_perspectives_plans_and_items(world, make, filename):
    """A controller fills in the template for next year and uploads it: every row becomes
    an item in the right unit's (new, draft) plan, with its targets, baseline and adoptions."""
    with region_scope(world.alfa):
        result = import_plan(make(GOOD), filename, YEAR)
        assert result.ok, result.errors
        assert result.summary() == GOOD_SUMMARY
        assert result.created == {"goal": 1, "factor": 1, "measure": 1, "activity": 1, "assignment": 1}
        assert (result.plans_created, result.perspectives_created) == (4, 1)

        plans = Plan.objects.filter(year=YEAR)
        assert sorted((p.unit.code, p.state) for p in plans) == [
            ("A-DIV", "draft"),
            ("A-NAMND", "draft"),
            ("A-ROOT", "draft"),
            ("A-VO1", "draft"),
        ]
        assert list(Perspective.objects.values_list("name", flat=True)) == ["Samhälle"]

        items = {
            i.code: i for i in PlanItem.objects.filter(year=YEAR).select_related("plan__unit", "parent", "perspective")
        }
        assert {
            code: (i.level, i.plan.unit.code, i.parent.code if i.parent else None) for code, i in items.items()
        } == {
            "MAL-10": ("goal", "A-ROOT", None),
            "FF-10": ("factor", "A-NAMND", "MAL-10"),
            "MATT-10": ("measure", "A-DIV", "FF-10"),
            "AKT-10": ("activity", "A-VO1", "MATT-10"),
            "UPP-10": ("assignment", "A-DIV", "MAL-10"),
        }
        goal = items["MAL-10"]
        assert (goal.name, goal.description, goal.perspective.name) == (
            "God och jämlik hälsa",
            "Fullmäktiges mål",
            "Samhälle",
        )
        assert items["FF-10"].perspective is None

        measure = items["MATT-10"]
        assert (measure.target_operator, measure.target_value, measure.target_high) == (Op.LT, D("4.8"), None)
        assert (measure.baseline_year, measure.baseline_value) == (2018, D("5.6"))
        assert (measure.measure_unit, measure.direction, measure.frequency) == ("%", "lower", "month")
        assert measure.split_by_sex is True
        assert (measure.source, measure.external_code) == ("Heroma", "N00090")
        assert measure.target_text == "< 4,8 %"
        adoptions = {a.unit.code: a.target for a in measure.adoptions.select_related("unit")}
        assert adoptions == {"A-VO1": Target(), "A-VO2": Target(Op.LT, D("4.5"))}

        activity = items["AKT-10"]
        assert (activity.responsible, activity.start_date, activity.end_date, activity.finished) == (
            "HR-chef",
            datetime.date(2027, 2, 1),
            datetime.date(2027, 6, 30),
            False,
        )
        assert (activity.measure_unit, activity.target_operator) == ("", "")

        assignment = items["UPP-10"]
        assert (assignment.given_by, assignment.decision_ref, assignment.decision_date, assignment.end_date) == (
            "styrelse",
            "RS 2026/12",
            datetime.date(2026, 11, 20),
            datetime.date(2027, 12, 31),
        )
        # paths follow the parents, across plans
        assert activity.path.startswith(measure.path) and measure.path.startswith(goal.path)


def test_children_may_come_before_their_parents_in_the_file(world):
    """Rows can be in any order: the import writes parents before children."""
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(list(reversed(GOOD))), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        activity = PlanItem.objects.get(code="AKT-10")
        assert [
            a.code
            for a in PlanItem.objects.filter(pk__in=[int(i) for i in activity.path.strip("/").split("/")]).order_by(
                "depth"
            )
        ] == ["MAL-10", "FF-10", "MATT-10", "AKT-10"]


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers(world):
    """Empty lines between the rows do no harm, and an error further down is reported with
    the row number the user sees in Excel."""
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes([PERSPECTIVE, {}, GOAL, {}, {}, FACTOR]), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        assert result.created["factor"] == 1
        result = import_plan(
            xlsx_bytes([{}, {**MEASURE, "Kod": "MATT-11", "Förälder": "FF-10", "Målvärde": "mycket"}]),
            "plan.xlsx",
            YEAR,
        )
        assert where(result) == [(3, "Målvärde")]


def test_a_failure_while_writing_leaves_nothing_half_done(world, monkeypatch):
    """If the database refuses something after the items were written (here: the adoptions),
    the items, plans and perspectives of the file are rolled back as well."""

    def refuse(*args, **kwargs):
        raise RuntimeError("databasen svarar inte")

    with region_scope(world.alfa):
        before = counts()
        monkeypatch.setattr(MeasureAdoption.objects, "bulk_create", refuse)
        with pytest.raises(RuntimeError, match="databasen svarar inte"):
            import_plan(xlsx_bytes(GOOD), "plan.xlsx", YEAR)
        monkeypatch.undo()
        assert counts() == before


def test_a_file_with_only_some_columns_is_enough(world):
    """The optional columns may be left out of the header altogether."""
    columns = ["Nivå", "Kod", "Namn", "Förälder", "Perspektiv", "Organisation"]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes([PERSPECTIVE, GOAL, FACTOR], columns), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        assert (
            result.summary() == "Importerade 1 strategiskt mål, 1 framgångsfaktor; 2 nya planer och 1 nya perspektiv."
        )
        assert PlanItem.objects.get(code="MAL-10").description == ""


def test_header_names_are_case_insensitive(world):
    """A header typed "NIVÅ", "kod", ... is recognised."""
    columns = ["NIVÅ", "kod", "namn", "FÖRÄLDER", "perspektiv", "organisation"]
    rows = [
        dict(
            zip(
                columns,
                (
                    r["Nivå"],
                    r["Kod"],
                    r["Namn"],
                    r.get("Förälder", ""),
                    r.get("Perspektiv", ""),
                    r.get("Organisation", ""),
                ),
                strict=True,
            )
        )
        for r in (PERSPECTIVE, GOAL)
    ]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows, columns), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        assert PlanItem.objects.get(code="MAL-10").perspective.name == "Samhälle"


@pytest.mark.parametrize(
    "levels",
    [
        ("PERSPEKTIV", "MÅL", "framgångsfaktor", "STYRMÅTT", "aktivitet", "UPPDRAG"),
        ("perspektiv", "inriktningsmål", "Strategiskt område", "Mätetal", "Aktiviteter", "uppdrag"),
        ("Perspektiv", "Strategiska mål", "Framgångsfaktorer", "Nyckeltal", "AKTIVITET", "Uppdrag"),
    ],
)
def test_level_names_are_case_insensitive_and_synonyms_work(world, levels):
    """Whatever case and common name the region's old documents use, the level is understood."""
    rows = [{**row, "Nivå": level} for row, level in zip(GOOD, levels, strict=True)]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        assert dict(PlanItem.objects.values_list("code", "level")) == {
            "MAL-10": "goal",
            "FF-10": "factor",
            "MATT-10": "measure",
            "AKT-10": "activity",
            "UPP-10": "assignment",
        }


def test_region_own_level_names_are_understood_and_used_in_the_summary(world):
    """A region that calls its goals "inriktningsmål" and its factors "fokusområden" can
    write those words in Nivå, and the summary speaks the same way."""
    rows = [PERSPECTIVE, {**GOAL, "Nivå": "Inriktningsmål"}, {**FACTOR, "Nivå": "Fokusområde"}]
    with region_scope(world.alfa):
        before = counts()
        refused = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert where(refused) == [(4, "Nivå")] and "Fokusområde" in refused.errors[0].message
        assert counts() == before

        PlanSettings.objects.create(
            labels={"goal": ["inriktningsmål", "inriktningsmål"], "factor": ["fokusområde", "fokusområden"]}
        )
        result = import_plan(xlsx_bytes(rows + [{**FACTOR, "Kod": "FF-11", "Nivå": "FOKUSOMRÅDEN"}]), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        assert result.summary() == "Importerade 1 inriktningsmål, 2 fokusområden; 2 nya planer och 1 nya perspektiv."
        assert sorted(PlanItem.objects.values_list("code", "level")) == [
            ("FF-10", "factor"),
            ("FF-11", "factor"),
            ("MAL-10", "goal"),
        ]


@pytest.mark.parametrize("target, baseline", [("< 4.8", "2018: 5.6"), ("< 4,8", "2018: 5,6"), ("<4,8 %", "5,6 (2018)")])
def test_decimal_point_and_comma_are_both_accepted(world, target, baseline):
    """Numbers typed with a decimal point (English Excel) read the same as with a comma."""
    rows = [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Målvärde": target, "Jämförelsetal": baseline}]
    with region_scope(world.alfa):
        assert import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR).ok
        measure = PlanItem.objects.get(code="MATT-10")
        assert (measure.target, measure.baseline_year, measure.baseline_value) == (
            Target(Op.LT, D("4.8")),
            2018,
            D("5.6"),
        )


def test_numbers_typed_as_numbers_in_excel(world):
    """A target typed as a number cell (4.8) takes its comparison from the direction;
    a baseline typed as a number has no year."""
    rows = [
        PERSPECTIVE,
        GOAL,
        FACTOR,
        {**MEASURE, "Målvärde": 4.8, "Jämförelsetal": 5.6},
        {**MEASURE, "Kod": "MATT-11", "Riktning": "Högre är bättre", "Målvärde": 81, "Antaget av": ""},
    ]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert result.ok, result.errors
        lower, higher = PlanItem.objects.get(code="MATT-10"), PlanItem.objects.get(code="MATT-11")
        assert (lower.target, lower.baseline_year, lower.baseline_value) == (Target(Op.LE, D("4.8")), None, D("5.6"))
        assert (higher.target, higher.direction) == (Target(Op.GE, D("81")), "higher")


def test_same_code_may_be_used_in_another_year_and_parents_from_existing_plans(world):
    """Codes are unique per year: next year's plan may reuse MAL-1, and a file may hang new
    items under items already in the year's plans."""
    build_plans(world)
    rows = [{"Nivå": "Mål", "Kod": "MAL-1", "Namn": "Nytt mål", "Perspektiv": "Medarbetare", "Organisation": "A-ROOT"}]
    with region_scope(world.alfa):
        assert import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR).ok
        under_existing = [
            {**FACTOR, "Kod": "FF-2", "Förälder": "MAL-1"},
            {**ACTIVITY, "Kod": "AKT-2", "Förälder": "MATT-1"},
        ]
        result = import_plan(xlsx_bytes(under_existing), "plan.xlsx", 2026)
        assert result.ok, result.errors
        assert result.summary() == "Importerade 1 framgångsfaktor, 1 aktivitet; 1 nya planer och 0 nya perspektiv."
        factor = PlanItem.objects.get(code="FF-2")
        assert (factor.parent.code, factor.parent.year, factor.plan.unit.code) == ("MAL-1", 2026, "A-NAMND")
        assert PlanItem.objects.get(code="AKT-2").parent.code == "MATT-1"


# --- bad files ----------------------------------------------------------------------------

BAD = {
    "unknown level": ([PERSPECTIVE, GOAL, {**FACTOR, "Nivå": "Delmål"}], 4, "Nivå", "Okänd nivå ”Delmål”"),
    "missing code": ([PERSPECTIVE, {**GOAL, "Kod": ""}], 3, "Kod", "Kod saknas"),
    "code too long": ([PERSPECTIVE, {**GOAL, "Kod": "K" * 31}], 3, "Kod", "längre än 30 tecken"),
    "missing parent code": (
        [PERSPECTIVE, GOAL, {**FACTOR, "Förälder": "MAL-99"}],
        4,
        "Förälder",
        "Föräldern MAL-99 finns varken i filen eller i planerna för 2027",
    ),
    "unknown org unit": (
        [PERSPECTIVE, {**GOAL, "Organisation": "A-NOPE"}],
        3,
        "Organisation",
        "Enheten A-NOPE finns inte i regionen",
    ),
    "no org unit": ([PERSPECTIVE, GOAL, {**FACTOR, "Organisation": ""}], 4, "Organisation", "Organisation saknas"),
    "duplicate code": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Kod": "FF-10"}],
        5,
        "Kod",
        "Koden FF-10 finns redan på rad 4",
    ),
    "target not a number": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Målvärde": "mycket"}],
        5,
        "Målvärde",
        "”mycket” är inget målvärde",
    ),
    "reversed range": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Målvärde": "6–4"}],
        5,
        "Målvärde",
        "Intervallets första tal",
    ),
    "bad baseline": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Jämförelsetal": "ca fem"}],
        5,
        "Jämförelsetal",
        "”ca fem” är inget jämförelsetal",
    ),
    "empty name": ([PERSPECTIVE, {**GOAL, "Namn": ""}], 3, "Namn", "Namn saknas"),
    "measure without unit": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Måttenhet": ""}],
        5,
        "Måttenhet",
        "Måttenhet saknas",
    ),
    "measure unit too long": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Måttenhet": "antal patienter som väntat längre än nittio dagar"}],
        5,
        "Måttenhet",
        "högst 40 tecken",
    ),
    "a number for a measure unit": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Måttenhet": "12"}],
        5,
        "Måttenhet",
        "”12” är ett tal, ingen måttenhet",
    ),
    "measure without direction": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Riktning": ""}],
        5,
        "Riktning",
        "Riktning saknas",
    ),
    "unknown frequency": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Frekvens": "Ibland"}],
        5,
        "Frekvens",
        "Okänt värde ”Ibland”",
    ),
    "bad yes/no": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Könsuppdelat": "kanske"}],
        5,
        "Könsuppdelat",
        "Skriv Ja eller Nej, inte ”kanske”",
    ),
    "adopted by a unit not below": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Antaget av": "A-VO1; A-OTHER"}],
        5,
        "Antaget av",
        "Division Annan A ligger inte under Division Stöd A",
    ),
    "adopted by an unknown unit": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Antaget av": "A-VO9"}],
        5,
        "Antaget av",
        "Enheten A-VO9 finns inte i regionen",
    ),
    "adoption with a bad target": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Antaget av": "A-VO2 (lite)"}],
        5,
        "Antaget av",
        "”lite” är inget målvärde",
    ),
    "bad date": (
        [PERSPECTIVE, GOAL, FACTOR, MEASURE, {**ACTIVITY, "Startdatum": "1 februari"}],
        6,
        "Startdatum",
        "”1 februari” är inget datum",
    ),
    "end before start": (
        [PERSPECTIVE, GOAL, FACTOR, MEASURE, {**ACTIVITY, "Slutdatum": "2027-01-15"}],
        6,
        "Slutdatum",
        "Slutdatum är före startdatum",
    ),
    "unknown giver": ([PERSPECTIVE, GOAL, {**ASSIGNMENT, "Givet av": "Kungen"}], 4, "Givet av", "Okänt värde ”Kungen”"),
    "child under a sibling unit's parent": (
        [PERSPECTIVE, GOAL, FACTOR, MEASURE, {**ACTIVITY, "Organisation": "A-OTHER"}],
        6,
        "Förälder",
        "tillhör en enhet som inte ligger över denna enhet",
    ),
    "parent from a unit below": (
        [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Organisation": "A-ROOT", "Antaget av": ""}],
        5,
        "Förälder",
        "tillhör en enhet som inte ligger över denna enhet",
    ),
    "activity directly under a goal": (
        [PERSPECTIVE, GOAL, {**ACTIVITY, "Förälder": "MAL-10"}],
        4,
        "Förälder",
        "En post på nivån aktivitet kan inte ligga under en post på nivån strategiskt mål",
    ),
    "measure without parent": (
        [{**MEASURE, "Förälder": "", "Antaget av": ""}],
        2,
        "Förälder",
        "En post på nivån styrmått måste ligga under en post på nivån strategiskt mål eller framgångsfaktor",
    ),
    "unknown perspective": (
        [PERSPECTIVE, {**GOAL, "Perspektiv": "Okänt"}],
        3,
        "Perspektiv",
        "Perspektivet ”Okänt” finns inte",
    ),
    "goal without perspective": ([{**GOAL, "Perspektiv": ""}], 2, "Perspektiv", "Perspektiv saknas"),
}


@pytest.mark.parametrize("rows, row, column, fragment", BAD.values(), ids=BAD.keys())
def test_bad_file_is_rejected_at_the_right_row_and_column_and_writes_nothing(world, rows, row, column, fragment):
    """One mistake anywhere and the whole file is refused: the user sees the row and column
    to fix and a Swedish explanation, and not a single item, plan or perspective is created."""
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert not result.ok
        assert where(result) == [(row, column)], result.errors
        assert fragment in result.errors[0].message, result.errors[0].message
        assert result.summary() == "Filen avvisades: 1 fel. Inget ändrades."
        assert counts() == before


def test_goal_outside_the_root_unit_is_rejected_and_writes_nothing(world):
    """The assembly's goals belong to the region's own plan: a goal owned by a division is refused."""
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(xlsx_bytes([PERSPECTIVE, {**GOAL, "Organisation": "A-DIV"}]), "plan.xlsx", YEAR)
        assert [e.row for e in result.errors] == [3]
        assert result.errors[0].message == "Strategiskt mål skrivs i regionens plan, på den översta enheten."
        assert counts() == before


def test_goal_outside_the_root_unit_points_at_the_organisation_cell(world):
    """The user is sent to the cell that is wrong: the goal's Organisation, not its (empty) Förälder."""
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes([PERSPECTIVE, {**GOAL, "Organisation": "A-DIV"}]), "plan.xlsx", YEAR)
    assert where(result) == [(3, "Organisation")]


def test_code_already_used_that_year_is_rejected(world):
    """A file cannot create a second MAL-1 in 2026: codes are unique per region and year."""
    build_plans(world)
    rows = [{"Nivå": "Mål", "Kod": "MAL-1", "Namn": "Dubblett", "Perspektiv": "Medarbetare", "Organisation": "A-ROOT"}]
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", 2026)
        assert where(result) == [(2, "Kod")]
        assert result.errors[0].message == "Koden MAL-1 används redan 2026."
        assert counts() == before
        assert PlanItem.objects.get(code="MAL-1", year=2026).name == "Hållbar kompetensförsörjning"


@pytest.mark.parametrize("missing", ["Nivå", "Kod", "Namn", "Förälder", "Organisation"])
def test_missing_required_column_is_reported_on_the_header_row(world, missing):
    """A template whose header lacks a required column is refused on row 1, naming the column."""
    columns = [name for name in NAMES if name != missing]
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(xlsx_bytes([PERSPECTIVE, GOAL], columns), "plan.xlsx", YEAR)
        assert where(result) == [(1, missing)]
        assert result.errors[0].message == "Kolumnen saknas i rubrikraden."
        assert counts() == before


@pytest.mark.parametrize(
    "raw, filename, fragment",
    [
        (b"PK\x03\x04 not really a workbook", "plan.xlsx", "Filen är inte en giltig Excel-fil (xlsx)."),
        (b"%PDF-1.4", "plan.pdf", "Filtypen stöds inte: använd .xlsx eller .csv."),
        (b"", "plan.csv", "Filen är tom."),
        (xlsx_bytes([]), "plan.xlsx", "Filen innehåller inga poster."),
    ],
)
def test_a_file_that_is_not_a_plan_gets_one_clear_message(world, raw, filename, fragment):
    """Uploading the wrong file gives one message about the file as a whole, and changes nothing."""
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(raw, filename, YEAR)
        assert [(e.row, e.column, e.message) for e in result.errors] == [(None, None, fragment)]
        assert counts() == before


def test_adopted_plan_takes_only_the_levels_the_region_allows(world):
    """Once the division's plan is adopted, a file may still add activities to it (the
    default), but not measures; with nothing editable after adoption, not activities either."""
    items = build_plans(world)
    with region_scope(world.alfa):
        adopt_plan(items["plans"]["DIV"], datetime.date(2026, 1, 20), "DS 2026/3")
        before = counts()
        measure = {**MEASURE, "Kod": "MATT-9", "Förälder": "FF-1", "Antaget av": ""}
        result = import_plan(xlsx_bytes([measure]), "plan.xlsx", 2026)
        assert where(result) == [(2, "Organisation")]
        assert result.errors[0].message == "Planen för Division Stöd A 2026 är fastställd och kan inte ändras."
        assert counts() == before

        activity = {
            **ACTIVITY,
            "Kod": "AKT-9",
            "Förälder": "MATT-1",
            "Organisation": "A-DIV",
            "Startdatum": "2026-03-01",
            "Slutdatum": "2026-09-30",
        }
        result = import_plan(xlsx_bytes([activity]), "plan.xlsx", 2026)
        assert result.ok, result.errors
        added = PlanItem.objects.get(code="AKT-9")
        assert (added.plan.pk, added.plan.state, added.parent.code) == (items["plans"]["DIV"].pk, "adopted", "MATT-1")

        PlanSettings.objects.create(editable_after_adoption=[])
        result = import_plan(xlsx_bytes([{**activity, "Kod": "AKT-8"}]), "plan.xlsx", 2026)
        assert where(result) == [(2, "Organisation")]
        assert not PlanItem.objects.filter(code="AKT-8").exists()


def test_every_row_error_is_reported_at_once_sorted_by_row(world):
    """A file with many mistakes lists all of them, in file order, so they can be fixed in one go."""
    rows = [
        {**PERSPECTIVE, "Kod": ""},
        {**GOAL, "Nivå": "Vision", "Namn": ""},
        {**FACTOR, "Organisation": "A-NOPE"},
        {**MEASURE, "Måttenhet": "4,5", "Målvärde": "mycket"},
        {**ACTIVITY, "Slutdatum": "snart"},
    ]
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert where(result) == [
            (2, "Kod"),
            (3, "Nivå"),
            (3, "Namn"),
            (4, "Organisation"),
            (5, "Måttenhet"),
            (5, "Målvärde"),
            (6, "Slutdatum"),
        ]
        assert result.summary() == "Filen avvisades: 7 fel. Inget ändrades."
        assert counts() == before


def test_every_reference_error_is_reported_at_once(world):
    """Wrong parents, perspectives and placements in several rows are all listed together."""
    rows = [
        PERSPECTIVE,
        {**GOAL, "Perspektiv": "Okänt"},
        {**FACTOR, "Förälder": "MAL-99"},
        {**MEASURE, "Förälder": "MAL-10", "Antaget av": ""},
        {**ACTIVITY, "Organisation": "A-OTHER"},
    ]
    with region_scope(world.alfa):
        before = counts()
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert where(result) == [(3, "Perspektiv"), (4, "Förälder"), (6, "Förälder")]
        assert counts() == before


def test_cell_errors_and_reference_errors_are_reported_together(world):
    """A bad target on one row does not hide an unknown parent on another: the user gets the
    whole list the first time, as the import promises ("a list of every problem")."""
    rows = [
        PERSPECTIVE,
        {**GOAL, "Perspektiv": "Okänt"},
        {**FACTOR, "Förälder": "MAL-99"},
        {**MEASURE, "Målvärde": "mycket"},
    ]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
    assert where(result) == [(3, "Perspektiv"), (4, "Förälder"), (5, "Målvärde")]


def test_unit_listed_twice_as_adopting_is_a_row_error(world):
    """Writing the same unit twice in Antaget av is reported on the row, not a server error."""
    rows = [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Antaget av": "A-VO1; A-VO1 (< 4)"}]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert where(result) == [(5, "Antaget av")]
        assert counts()["items"] == 0


def test_target_too_large_for_the_database_is_a_row_error(world):
    """An absurd target (a typo with many zeros) is refused on its row instead of breaking the plan."""
    rows = [PERSPECTIVE, GOAL, FACTOR, {**MEASURE, "Målvärde": "< 1 000 000 000 000 000"}]
    with region_scope(world.alfa):
        result = import_plan(xlsx_bytes(rows), "plan.xlsx", YEAR)
        assert where(result) == [(5, "Målvärde")]


def test_units_the_user_may_not_plan_are_refused(world):
    """A manager who may not write the region's plan cannot smuggle in a goal through a file."""
    asked = []

    def may_plan(unit):
        asked.append(unit.code)
        return unit.code != "A-ROOT"

    with region_scope(world.alfa):
        before = counts()
        result = import_plan(
            xlsx_bytes([PERSPECTIVE, GOAL, FACTOR, {**GOAL, "Kod": "MAL-11"}]), "plan.xlsx", YEAR, may_plan=may_plan
        )
        assert where(result) == [(3, "Organisation"), (5, "Organisation")]
        assert result.errors[0].message == "Du får inte ändra planen för Enhet Rot A."
        assert sorted(asked) == ["A-NAMND", "A-ROOT"]  # asked once per unit
        assert counts() == before


# --- export and import again ----------------------------------------------------------------


def _snapshot(unit, year):
    """Per code, everything the template carries about an item of a unit's plan view."""
    view = load_plan(unit, year)
    out = {}
    for node in view.nodes():
        item = node.item
        out[item.code] = {
            "level": item.level,
            "name": item.name,
            "parent": item.parent.code if item.parent_id else None,
            "owner": item.plan.unit.code,
            "perspective": item.perspective.name if item.perspective_id else None,
            "target": (item.target_operator, item.target_value, item.target_high),
            "baseline": (item.baseline_year, item.baseline_value),
            "measure_unit": item.measure_unit,
            "direction": item.direction,
            "frequency": item.frequency,
            "split_by_sex": item.split_by_sex,
            "responsible": item.responsible,
            "source": item.source,
            "dates": (item.start_date, item.end_date),
            "given_by": item.given_by,
            "decision_ref": item.decision_ref,
            "finished": item.finished,
            "adoptions": sorted(
                (a.unit.code, a.target_operator, a.target_value, a.target_high) for a in node.adopted_by
            ),
        }
    return out


def test_exported_plan_imports_into_the_next_year_unchanged(world):
    """A controller exports the division's plan, and imports the workbook as next year's
    plan: every item comes back with the same place, owner, target, baseline and adoptions."""
    items = build_plans(world)
    with region_scope(world.alfa):
        adopt_measure(items["measure"], world.units["VO2"], Target(Op.LT, D("4.5")))
        div = world.units["DIV"]
        before = _snapshot(div, 2026)
        raw = export_plan(load_plan(div, 2026))
        result = import_plan(raw, "plan.xlsx", YEAR)
        assert result.ok, result.errors
        assert result.summary() == (
            "Importerade 1 strategiskt mål, 1 framgångsfaktor, 1 styrmått, 1 aktivitet, 1 uppdrag; "
            "3 nya planer och 0 nya perspektiv."
        )
        after = _snapshot(div, YEAR)
    assert set(after) == {"MAL-1", "FF-1", "MATT-1", "AKT-1", "UPP-1"}
    assert after == before
    assert after["MATT-1"]["target"] == (Op.LT, D("4.8"), None)
    assert after["MATT-1"]["adoptions"] == [("A-VO1", "", None, None), ("A-VO2", Op.LT, D("4.5"), None)]
    assert after["UPP-1"]["parent"] == "MAL-1" and after["MAL-1"]["perspective"] == "Medarbetare"


def test_equal_target_survives_export_and_import(world):
    """A measure where higher is better but whose target is exactly 81 still says "= 81"
    after its plan is exported and imported as next year's plan."""
    items = build_plans(world)
    with region_scope(world.alfa):
        measure = items["measure"]
        measure.direction = "higher"
        measure.target = Target(Op.EQ, D("81"))
        save_item(measure)
        raw = export_plan(load_plan(world.units["DIV"], 2026))
        assert import_plan(raw, "plan.xlsx", YEAR).ok
        assert PlanItem.objects.get(code="MATT-1", year=YEAR).target == Target(Op.EQ, D("81"))


def test_another_regions_export_is_refused_without_writing_anything(world):
    """Region beta cannot import alfa's workbook: alfa's unit codes do not exist in beta,
    each row says so, and beta is left untouched."""
    build_plans(world)
    with region_scope(world.alfa):
        raw = export_plan(load_plan(world.units["DIV"], 2026))
        alfa_before = counts()
    with region_scope(world.beta):
        before = counts()
        result = import_plan(raw, "plan.xlsx", YEAR)
        assert not result.ok
        assert [(e.row, e.column, e.message) for e in result.errors] == [
            (4, "Organisation", "Enheten A-ROOT finns inte i regionen."),
            (5, "Organisation", "Enheten A-NAMND finns inte i regionen."),
            (6, "Organisation", "Enheten A-DIV finns inte i regionen."),
            (7, "Organisation", "Enheten A-DIV finns inte i regionen."),
            (8, "Organisation", "Enheten A-DIV finns inte i regionen."),
        ]
        assert counts() == before == {"items": 0, "plans": 0, "perspectives": 0, "adoptions": 0}
    with region_scope(world.alfa):
        assert counts() == alfa_before


# --- the management command -------------------------------------------------------------------


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    finally:
        run.err = err.getvalue()
    return out.getvalue()


def test_command_imports_a_good_file(world, tmp_path):
    """An operator imports a region's plans from the command line and sees what was created."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx_bytes(GOOD))
    out = run("import_plan", "--region", "alfa", "--year", str(YEAR), str(path))
    assert out.strip() == f"Region Alfa {YEAR}: {GOOD_SUMMARY}"
    with region_scope(world.alfa):
        assert PlanItem.objects.filter(year=YEAR).count() == 5
        goal = PlanItem.objects.get(code="MAL-10")
        entry = AuditEntry.objects.get(content_type__model="planitem", object_id=goal.pk, action="create")
        assert entry.actor_label == "kommando import_plan"
    with region_scope(world.beta):
        assert PlanItem.objects.count() == 0


def test_command_rejects_a_bad_file_and_lists_the_rows(world, tmp_path):
    """A bad file stops the command with an error; each problem is printed with its row."""
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes([PERSPECTIVE, GOAL, {**FACTOR, "Nivå": "Delmål"}, {**MEASURE, "Målvärde": "mycket"}]))
    with pytest.raises(CommandError, match="Filen avvisades: 2 fel. Inget ändrades."):
        run("import_plan", "--region", "alfa", "--year", str(YEAR), str(path))
    lines = run.err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Rad 4, kolumn ") and "Okänd nivå ”Delmål”" in lines[0]
    assert lines[1].startswith("Rad 5, kolumn ") and "”mycket” är inget målvärde" in lines[1]
    with region_scope(world.alfa):
        assert counts() == {"items": 0, "plans": 0, "perspectives": 0, "adoptions": 0}


def test_row_errors_keep_the_column_name_as_in_the_header():
    """The printed error names the column exactly as it is written in the file's header."""
    assert str(RowError(4, "Nivå", "Okänd nivå.")) == "Rad 4, kolumn Nivå: Okänd nivå."


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--region", "finnsinte", "--year", "2027"], "Regionen 'finnsinte' finns inte"),
        (["--region", "alfa", "--year", "1999"], "Året 1999 är orimligt"),
    ],
)
def test_command_bad_arguments(world, tmp_path, args, fragment):
    """An unknown region or an unlikely year stops the command before the file is read."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx_bytes(GOOD))
    with pytest.raises(CommandError, match=fragment):
        run("import_plan", *args, str(path))
    with region_scope(world.alfa):
        assert counts()["items"] == 0


def test_command_missing_file(world):
    """A mistyped path says the file does not exist."""
    with pytest.raises(CommandError, match="Filen /nope/plan.xlsx finns inte."):
        run("import_plan", "--region", "alfa", "--year", "2027", "/nope/plan.xlsx")
