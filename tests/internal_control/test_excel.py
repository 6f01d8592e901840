"""Internal control in Excel: the risk analysis out and in in the layout of seed 002's Bilaga
16 (an exported analysis imported into an empty one exports the same cells), a broken file
refused whole with every error by row and column and nothing written, the refusals (an
adopted analysis, a reader and a draft), and the plan with its results out."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from internal_control.excel import (
    ACTION,
    ACTION_DEADLINE,
    ACTION_OWNER,
    ACTION_STATUS,
    CATEGORY,
    GROSS_L,
    GROSS_S,
    NAME,
    NET_S,
    NR,
    OWNER,
    TARGET_I,
    lines,
    parse_date,
)
from internal_control.models import (
    Control,
    ControlResult,
    ImpactArea,
    Risk,
    RiskAction,
    RiskAnalysis,
    RiskCategory,
)
from regionplan import auditing
from regionplan.models import AuditEntry, RiskMatrix
from regionplan.status import look
from regionplan.tabular import TableError, find_table
from regionplan.tenancy import region_scope
from tests.plans import YEAR

# --- rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-06-30", datetime.date(2025, 6, 30)),
        ("2025-06-30 00:00:00", datetime.date(2025, 6, 30)),  # an Excel date cell, read as text
        ("2025-6-3", datetime.date(2025, 6, 3)),
        ("30/6 2025", datetime.date(2025, 6, 30)),
        ("30/6/2025", datetime.date(2025, 6, 30)),
        ("30.6.2025", datetime.date(2025, 6, 30)),
        ("30 juni 2025", datetime.date(2025, 6, 30)),
        ("30 Juni 2025", datetime.date(2025, 6, 30)),
        ("1 jan. 2026", datetime.date(2026, 1, 1)),
        ("15 sept 2025", datetime.date(2025, 9, 15)),
        ("31 februari 2025", None),
        ("2025-13-01", None),
        ("30 juno 2025", None),
        ("snart", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("Utbilda", ["Utbilda"]),
        ("Utbilda\nFölj upp", ["Utbilda", "Följ upp"]),
        ("a\r\n–\n b ", ["a", "", "b"]),  # "–" keeps an empty part's place
        ("-\nx", ["", "x"]),
    ],
)
def test_lines(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, header_row, first",
    [
        ("Nr;Benämning\n1;A\n", 1, 2),
        ("Riskanalys 2026;;\nRiskidentitet;;\n nr ;BENÄMNING;X\n\n1;A;x\n", 3, 5),  # folded, a blank row skipped
    ],
)
def test_the_header_row_is_found_by_its_names(text, header_row, first):
    found_row, header, rows = find_table(text.encode(), "risker.csv", ("Nr", "Benämning"))
    assert found_row == header_row and header[:2] in (["Nr", "Benämning"], ["nr", "BENÄMNING"])
    number, values = next(rows)
    assert number == first and "A" in values.values()


def test_a_header_row_that_is_not_near_the_top_is_not_found():
    text = "titel\n" * 10 + "Nr;Benämning\n1;A\n"
    with pytest.raises(TableError, match="ingen av de första 10 raderna har kolumnerna Nr, Benämning"):
        find_table(text.encode(), "risker.csv", ("Nr", "Benämning"))


# --- test data ----------------------------------------------------------------------------------


def url(name, unit, year=YEAR):
    return reverse(name, kwargs={"region_slug": "alfa", "unit_pk": unit.pk, "year": year})


def build_analysis(world, unit="DIV", year=YEAR, state=RiskAnalysis.DRAFT) -> RiskAnalysis:
    """An analysis of DIV in region alfa as seed 002 has them: risks with categories (one
    retired), impact areas (one retired), brutto/netto/target valuations, owners and
    several actions each; and one of them in the plan with controls, results and actions."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        categories = {
            name: RiskCategory.objects.create(name=name, order=i)
            for i, name in enumerate(["Efterlevnad regelverk", "Förtroende", "Finansiell"])
        }
        categories["Ordning och reda"] = RiskCategory.objects.create(name="Ordning och reda", order=9, active=False)
        areas = {
            name: ImpactArea.objects.create(name=name, order=i)
            for i, name in enumerate(["Säkerhet patient/invånare", "Processeffektivitet", "Förtroende/rykte"])
        }
        areas["Miljö"] = ImpactArea.objects.create(name="Miljö", order=8, active=False)
        ImpactArea.objects.create(name="Gammalt område", order=9, active=False)  # retired and unused: no column
        analysis = RiskAnalysis.objects.create(
            unit=world.units[unit], year=year, matrix=RiskMatrix.for_valuation(), state=state
        )
        gdpr = Risk.objects.create(
            analysis=analysis,
            number=1,
            name="Utökat lagkrav GDPR",
            description="Risk för bristande efterlevnad av lagkrav.\nRisk för stora kostnader.",
            category=categories["Efterlevnad regelverk"],
            existing_measures="Dataskyddsorganisationen är bemannad.",
            governing_documents="GDPR, dataskyddsförordning",
            owner=world.users["manager"],
            consequence="Sanktionsavgifter",
            gross_likelihood=4,
            gross_impact=4,
            net_likelihood=3,
            net_impact=2,
            target_likelihood=1,
            target_impact=2,
            in_plan=True,
            change=Risk.NEW,
        )
        gdpr.impacts.set([areas["Säkerhet patient/invånare"], areas["Förtroende/rykte"]])
        RiskAction.objects.create(
            risk=gdpr,
            what="Utveckla rutinerna",
            owner=world.users["manager"],
            deadline=datetime.date(year, 6, 30),
            status=RiskAction.ONGOING,
        )
        RiskAction.objects.create(
            risk=gdpr, what="Se över resurserna\noch bemanningen", owner_label="Ekonomidirektör"
        )  # no deadline, no owner, two lines of its own
        RiskAction.objects.create(
            risk=gdpr,
            what="Granska avtalen",
            deadline=datetime.date(year, 3, 31),
            status=RiskAction.DONE,
            done_on=datetime.date(year, 3, 1),
        )
        bribes = Risk.objects.create(
            analysis=analysis,
            number=2,
            name="=Korruption, mutor och jäv",  # text that would be a formula stays text
            category=categories["Ordning och reda"],
            gross_likelihood=2,
            gross_impact=4,
            change=Risk.KEPT,
        )
        bribes.impacts.set([areas["Miljö"], areas["Processeffektivitet"]])
        Risk.objects.create(analysis=analysis, number=11, name="Fakturagranskning")
    return analysis


def add_controls(world, analysis):
    """Risk 1's controls (two), two results with findings and one without, and actions."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        gdpr = Risk.objects.get(analysis=analysis, number=1)
        tertial = Control.objects.create(
            risk=gdpr,
            what="Stickprov av registerförteckningen",
            method="Granskning",
            sample="10 st",
            frequency=Control.TERTIAL,
            responsible=world.users["manager"],
            unit=world.units["VO1"],
            order=1,
        )
        once = Control.objects.create(
            risk=gdpr,
            what="Genomgång av avtal",
            frequency=Control.ONCE,
            due_on=datetime.date(YEAR, 9, 30),
            unit=world.units["DIV"],
            order=2,
        )
        Control.objects.create(  # a risk outside the plan: its control is not in the plan's file
            risk=Risk.objects.get(analysis=analysis, number=2),
            what="Utanför planen",
            unit=world.units["DIV"],
        )
        t1 = ControlResult.objects.create(
            control=tertial,
            occurrence=f"{YEAR}-T1",
            due_on=datetime.date(YEAR, 4, 30),
            outcome=ControlResult.MINOR,
            checked="Tio behandlingar",
            findings="Två saknade rättslig grund",
            performed_on=datetime.date(YEAR, 4, 20),
        )
        ControlResult.objects.create(
            control=tertial, occurrence=f"{YEAR}-T2", due_on=datetime.date(YEAR, 8, 31), outcome=ControlResult.OK
        )
        ControlResult.objects.create(
            control=once, occurrence=f"{YEAR}", due_on=datetime.date(YEAR, 9, 30), outcome=ControlResult.MAJOR
        )
        RiskAction.objects.create(
            risk=gdpr, result=t1, what="Komplettera grunderna", owner=world.users["manager"], status=RiskAction.DONE
        )
        RiskAction.objects.create(
            risk=gdpr, result=t1, what="Utbilda", owner_label="Dataskyddsombud", deadline=datetime.date(YEAR, 10, 1)
        )


def cells(content: bytes, sheet=0) -> list[list]:
    workbook = load_workbook(io.BytesIO(content))
    return [[c.value for c in row] for row in workbook.worksheets[sheet].iter_rows()]


def fills(content: bytes, sheet=0) -> dict[str, str]:
    """Cell coordinate → its fill colour, for the filled cells."""
    workbook = load_workbook(io.BytesIO(content))
    return {
        c.coordinate: "#" + c.fill.fgColor.rgb[-6:].lower()
        for row in workbook.worksheets[sheet].iter_rows()
        for c in row
        if c.fill is not None and c.fill.fill_type == "solid"
    }


def column_of(content: bytes, name: str) -> int:
    return cells(content)[2].index(name)


def upload(content: bytes, name="riskanalys.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return {"file": file}


def counts(world) -> dict:
    with region_scope(world.alfa):
        return {
            "analyses": RiskAnalysis.objects.count(),
            "risks": Risk.objects.count(),
            "actions": RiskAction.objects.count(),
            "links": sum(r.impacts.count() for r in Risk.objects.all()),
            "audit": AuditEntry.objects.count(),
        }


# --- the analysis out ------------------------------------------------------------------------


def test_the_export_is_laid_out_as_bilaga_16(world):
    analysis = build_analysis(world)
    response = world.client("manager").get(url("ic_analysis_export", world.units["DIV"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="riskanalys-A-DIV-{YEAR}.xlsx"'
    content = response.content
    rows = cells(content)
    title, group, header = rows[0], rows[1], rows[2]
    assert "Division Stöd A" in title[0] and str(YEAR) in title[0] and "Utkast" in title[0]
    assert f"version {analysis.matrix.version}" in title[0] and "4×4" in title[0]
    # The impact areas in use and the retired one a risk has; not the retired unused one.
    assert header == [
        "Nr",
        "Benämning",
        "Beskrivning",
        "Kategori",
        "Säkerhet patient/invånare",
        "Processeffektivitet",
        "Förtroende/rykte",
        "Miljö",
        "Befintliga åtgärder",
        "Styrande dokument",
        "Brutto sannolikhet",
        "Brutto konsekvens",
        "Brutto status",
        "Netto sannolikhet",
        "Netto konsekvens",
        "Netto status",
        "Mål sannolikhet",
        "Mål konsekvens",
        "Åtgärd",
        "Ansvarig",
        "Status",
        "Klart senast",
        "Konsekvens",
        "Riskägare",
        "I internkontrollplanen",
        "Förändring",
    ]
    groups = {header[i]: g for i, g in enumerate(group) if g}
    assert groups == {
        "Nr": "Riskidentitet",
        "Säkerhet patient/invånare": "Huvudpåverkan på",
        "Befintliga åtgärder": "Hanteringen idag",
        "Brutto sannolikhet": "Riskvärdering",
        "Åtgärd": "Handlingsplan",
    }
    merged = {str(r) for r in load_workbook(io.BytesIO(content)).active.merged_cells.ranges}
    assert {"A1:Z1", "A2:D2", "E2:H2", "I2:J2", "K2:R2", "S2:V2"} <= merged

    gdpr, bribes, invoices = (dict(zip(header, row, strict=True)) for row in rows[3:])
    assert [gdpr["Nr"], bribes["Nr"], invoices["Nr"]] == [1, 2, 11]
    assert gdpr["Kategori"] == "Efterlevnad regelverk" and bribes["Kategori"] == "Ordning och reda"
    assert [gdpr[a] for a in ("Säkerhet patient/invånare", "Processeffektivitet", "Förtroende/rykte", "Miljö")] == [
        "X",
        None,
        "X",
        None,
    ]
    assert bribes["Miljö"] == "X"
    # The status cells carry the word and the status colour: 4×4 is Röd, 3×2 Gul on the default matrix.
    assert (gdpr["Brutto sannolikhet"], gdpr["Brutto konsekvens"], gdpr["Brutto status"]) == (4, 4, "Röd")
    assert (gdpr["Netto sannolikhet"], gdpr["Netto konsekvens"], gdpr["Netto status"]) == (3, 2, "Gul")
    assert invoices["Brutto status"] is None and invoices["Netto status"] is None
    painted = fills(content)
    assert painted["M4"] == look("red").colour
    assert painted["P4"] == look("yellow").colour
    assert "M6" not in painted
    # Actions as lines of the same cells, undated last; an action's own line break flattened.
    assert gdpr["Åtgärd"] == "Granska avtalen\nUtveckla rutinerna\nSe över resurserna och bemanningen"
    assert gdpr["Ansvarig"] == "–\nchef@alfa.test\nEkonomidirektör"
    assert gdpr["Status"] == "Klar\nPågår\nPlanerad"
    assert gdpr["Klart senast"] == f"{YEAR}-03-31\n{YEAR}-06-30\n–"
    assert invoices["Åtgärd"] is None
    assert gdpr["Riskägare"] == "chef@alfa.test"
    assert (gdpr["I internkontrollplanen"], bribes["I internkontrollplanen"]) == ("Ja", "Nej")
    assert (gdpr["Förändring"], bribes["Förändring"], invoices["Förändring"]) == ("Ny", "Kvarstår", None)
    # Text beginning with "=" is a string cell, not a formula.
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B5"].value == "=Korruption, mutor och jäv" and sheet["B5"].data_type == "s"


def test_round_trip_gives_the_same_cells(world):
    """The headline: DIV's analysis exported, imported into VO1's empty analysis of the same
    year, and exported again gives the same cell values (all but the title row) and the
    same status fills; the imported risks have the same fields."""
    build_analysis(world)
    client = world.client("controller")
    first = client.get(url("ic_analysis_export", world.units["DIV"])).content
    response = client.post(url("ic_analysis_import", world.units["VO1"]), upload(first))
    assert response.status_code == 302, response.content.decode()[:2000]
    second = client.get(url("ic_analysis_export", world.units["VO1"])).content
    assert cells(first)[1:] == cells(second)[1:]
    assert fills(first) == fills(second)
    assert cells(first)[0] != cells(second)[0]  # the title names the unit

    with region_scope(world.alfa):
        vo1 = RiskAnalysis.objects.get(unit=world.units["VO1"], year=YEAR)
        assert vo1.state == RiskAnalysis.DRAFT and vo1.matrix == RiskMatrix.current()
        fields = ["number", "name", "description", "category__name", "owner__email", "in_plan", "change"]
        fields += [f"{k}_{a}" for k in ("gross", "net", "target") for a in ("likelihood", "impact")]
        div_rows = list(Risk.objects.filter(analysis__unit=world.units["DIV"]).order_by("number").values(*fields))
        vo1_rows = list(Risk.objects.filter(analysis=vo1).order_by("number").values(*fields))
        assert vo1_rows == div_rows
        actions = {
            a.what: (a.owner_id, a.owner_label, a.deadline, a.status, a.done_on is not None)
            for a in RiskAction.objects.filter(risk__analysis=vo1)
        }
        assert actions == {
            "Utveckla rutinerna": (world.users["manager"].pk, "", datetime.date(YEAR, 6, 30), "ongoing", False),
            "Se över resurserna och bemanningen": (None, "Ekonomidirektör", None, "planned", False),
            "Granska avtalen": (None, "", datetime.date(YEAR, 3, 31), "done", True),
        }


def test_a_file_without_title_and_group_rows_and_with_a_new_risk_updates_by_nr(world):
    """The header row is found by its names; a known Nr updates its risk, a new Nr creates
    one, a risk not in the file stays (the page says so), and an action of the same text
    is updated rather than duplicated."""
    build_analysis(world)
    client = world.client("manager")
    rows = cells(client.get(url("ic_analysis_export", world.units["DIV"])).content)[2:]
    header = rows[0]
    gdpr = dict(zip(header, rows[1], strict=True))
    gdpr[NAME] = "Utökat lagkrav GDPR (ändrad)"
    gdpr["Säkerhet patient/invånare"] = None
    gdpr["Processeffektivitet"] = "x"
    gdpr[ACTION] = "utveckla  RUTINERNA\nNy åtgärd"
    gdpr[ACTION_OWNER] = "Controller@alfa.test\n"
    gdpr[ACTION_STATUS] = "Klar"
    gdpr[ACTION_DEADLINE] = "–\n30 juni 2026"  # "–" keeps line 1's place: a cell's text is stripped
    new = {h: None for h in header} | {NR: 12, NAME: "Ny risk", CATEGORY: "finansiell", GROSS_L: 2, TARGET_I: "1"}
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    sheet.append([gdpr[h] for h in header])
    sheet.append([new[h] for h in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(url("ic_analysis_import", world.units["DIV"]), upload(buffer.getvalue()), follow=True)
    page = response.content.decode()
    assert "1 ny risk, 1 uppdaterad, 1 ny åtgärd, 1 åtgärd uppdaterad" in page
    assert "Risker som inte fanns i filen är orörda: 2. =Korruption, mutor och jäv; 11. Fakturagranskning." in page
    assert "2 åtgärder som inte fanns i filen är orörda." in page
    with region_scope(world.alfa):
        risk = Risk.objects.get(analysis__unit=world.units["DIV"], number=1)
        assert risk.name == "Utökat lagkrav GDPR (ändrad)"
        assert sorted(a.name for a in risk.impacts.all()) == ["Förtroende/rykte", "Processeffektivitet"]
        action = RiskAction.objects.get(risk=risk, what="Utveckla rutinerna")
        assert (action.owner, action.status, action.deadline) == (world.users["controller"], "done", None)
        assert action.done_on == timezone.localdate()
        added = RiskAction.objects.get(risk=risk, what="Ny åtgärd")
        assert (added.owner, added.status, added.deadline) == (None, "planned", datetime.date(2026, 6, 30))
        assert RiskAction.objects.filter(risk=risk).count() == 4
        created = Risk.objects.get(analysis__unit=world.units["DIV"], number=12)
        assert (created.category.name, created.gross_likelihood, created.target_impact) == ("Finansiell", 2, 1)
        assert Risk.objects.filter(analysis__unit=world.units["DIV"]).count() == 4
        # Every write is in the audit trail: the update, the links, the new risk, the actions.
        changed = AuditEntry.objects.filter(content_type__model="risk", object_id=risk.pk, action="update")
        assert {k for e in changed for k in e.changes} >= {"benämning", "huvudpåverkan på"}
        assert AuditEntry.objects.filter(content_type__model="risk", object_id=created.pk, action="create").exists()
        assert AuditEntry.objects.filter(content_type__model="riskaction", object_id=added.pk).exists()


def test_a_csv_with_only_the_columns_it_names_leaves_the_rest(world):
    """A csv with Nr, Benämning and Netto sannolikhet: the other fields stay as they are."""
    build_analysis(world)
    content = "Nr;Benämning;Netto sannolikhet\n1;GDPR;1\n".encode()
    response = world.client("manager").post(
        url("ic_analysis_import", world.units["DIV"]), upload(content, "risker.csv")
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        risk = Risk.objects.get(analysis__unit=world.units["DIV"], number=1)
        assert (risk.name, risk.net_likelihood, risk.net_impact) == ("GDPR", 1, 2)
        assert risk.category.name == "Efterlevnad regelverk" and risk.impacts.count() == 2
        assert RiskAction.objects.filter(risk=risk).count() == 3


# --- a broken file --------------------------------------------------------------------------------


def broken_file(content: bytes) -> bytes:
    """The export with one fault per cell: an unknown category, likelihood 7 on a 4×4, a
    bad date on the second line of an action cell, an unknown owner, a duplicate Nr, a
    missing Benämning and an unknown impact column."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [c.value for c in sheet[3]]
    col = {name: header.index(name) + 1 for name in header}
    sheet.cell(4, col[CATEGORY], "Påhittad kategori")
    sheet.cell(4, col[GROSS_L], 7)
    sheet.cell(4, col[ACTION_DEADLINE], f"{YEAR}-03-31\n31 februari {YEAR}\n–")
    sheet.cell(5, col[OWNER], "okand@alfa.test")
    sheet.cell(5, col[ACTION], "Åtgärda")
    sheet.cell(5, col[ACTION_STATUS], "Nästan klar")
    sheet.cell(6, col[NR], 1)
    sheet.cell(6, col[NAME]).value = None
    sheet.cell(3, col["Miljö"], "Klimat")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPECTED_ERRORS = [
    (3, "Klimat", "Okänd kolumn"),
    (4, "Kategori", "Okänd kategori ”Påhittad kategori”. Regionens kategorier: Efterlevnad regelverk, Förtroende"),
    (4, "Brutto sannolikhet", "Ange en nivå från 1 till 4 (analysens riskmatris är 4 × 4), inte ”7”."),
    (4, "Klart senast", "Rad 2 i cellen: ”31 februari"),
    (5, "Riskägare", "Ingen med e-postadressen ”okand@alfa.test” har en roll i regionen."),
    (5, "Status", "Okänd status ”Nästan klar”. Skriv Planerad, Pågår eller Klar."),
    (6, "Nr", "Nr 1 finns redan på rad 4."),
    (6, "Benämning", "Benämning saknas."),
]


@pytest.mark.parametrize("target", ["DIV", "VO1"])  # into the draft itself, and into a unit with no analysis
def test_a_broken_file_is_refused_whole_with_each_error_by_row_and_column(world, target):
    build_analysis(world)
    client = world.client("controller")
    content = broken_file(client.get(url("ic_analysis_export", world.units["DIV"])).content)
    before = counts(world)
    response = client.post(url("ic_analysis_import", world.units[target]), upload(content))
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(row, column) for row, column, _m in EXPECTED_ERRORS]
    for error, (_row, _column, message) in zip(errors, EXPECTED_ERRORS, strict=True):
        assert message in error.message
    page = response.content.decode()
    assert f"Filen avvisades: {len(EXPECTED_ERRORS)} fel. Inget ändrades." in page
    assert "<td>Brutto sannolikhet</td>" in page
    assert counts(world) == before


@pytest.mark.parametrize(
    "name, content, settings_max, message",
    [
        ("risker.pdf", b"%PDF-1.7", None, "Filtypen stöds inte"),
        ("risker.xlsx", b"Nr;Benamning\n1;x\n", None, "Filen heter .xlsx men är ingen Excel-fil."),
        ("risker.csv", b"Nr;Benamning\n1;x\n", 8, "Filen är för stor"),
        ("risker.csv", "Titel\nBenämning;Kategori\nx;y\n".encode(), None, "Rubrikraden hittades inte"),
        ("risker.csv", "Nr;Benämning\n".encode(), None, "Filen innehåller inga risker."),
    ],
)
def test_files_that_are_not_a_risk_analysis_are_refused(world, settings, name, content, settings_max, message):
    build_analysis(world)
    if settings_max:
        settings.UPLOAD_MAX_BYTES = settings_max
    before = counts(world)
    response = world.client("controller").post(url("ic_analysis_import", world.units["VO1"]), upload(content, name))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts(world) == before


@pytest.mark.parametrize("state", [RiskAnalysis.ADOPTED, RiskAnalysis.CLOSED])
def test_an_adopted_or_closed_analysis_is_not_changed_by_import(world, state):
    analysis = build_analysis(world, state=state)
    client = world.client("controller")
    content = client.get(url("ic_analysis_export", world.units["DIV"])).content
    page = client.get(url("ic_analysis_import", world.units["DIV"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Riskanalysen för {YEAR} är {analysis.get_state_display().lower()} och kan inte ändras" in text
    assert 'type="file"' not in text
    before = counts(world)
    response = client.post(url("ic_analysis_import", world.units["DIV"]), upload(content))
    assert response.status_code == 409
    assert counts(world) == before


def test_an_analysis_adopted_while_the_file_is_read_is_not_changed(world, monkeypatch):
    """The state is checked again under a row lock before anything is written."""
    from internal_control import excel

    analysis = build_analysis(world)
    client = world.client("controller")
    content = client.get(url("ic_analysis_export", world.units["DIV"])).content
    real_find = excel.find_table

    def adopt_then_read(*args, **kwargs):
        with auditing.acting_as(label="test"):
            adopted = RiskAnalysis.objects.get(pk=analysis.pk)
            adopted.state = RiskAnalysis.ADOPTED
            adopted.save()
        return real_find(*args, **kwargs)

    monkeypatch.setattr(excel, "find_table", adopt_then_read)
    before = counts(world)
    response = client.post(url("ic_analysis_import", world.units["DIV"]), upload(content))
    assert response.status_code == 400
    assert "är fastställd och kan inte ändras" in response.content.decode()
    assert counts(world) == before | {"audit": before["audit"] + 1}  # the adoption's entry, nothing more


# --- who may ------------------------------------------------------------------------------------


def test_a_reader_exports_only_adopted_analyses_and_plans(world):
    analysis = build_analysis(world)
    reader = world.client("reader")
    for name in ("ic_analysis_export", "ic_plan_export"):
        assert reader.get(url(name, world.units["DIV"])).status_code == 403
        assert world.client("manager").get(url(name, world.units["DIV"])).status_code == 200
        assert reader.get(url(name, world.units["VO1"])).status_code == 404  # VO1 has none
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        analysis.state = RiskAnalysis.ADOPTED
        analysis.save()
    for name in ("ic_analysis_export", "ic_plan_export"):
        assert reader.get(url(name, world.units["DIV"])).status_code == 200
        assert world.client("manager_out").get(url(name, world.units["DIV"])).status_code == 403
    assert reader.get(url("ic_analysis_import", world.units["DIV"])).status_code == 403


def test_another_regions_unit_and_an_impossible_year_are_404(world):
    build_analysis(world)
    client = world.client("controller")
    for name in ("ic_analysis_export", "ic_plan_export", "ic_analysis_import"):
        assert client.get(url(name, world.beta_units["DIV"])).status_code == 404
        assert client.get(url(name, world.units["DIV"], year=1999)).status_code == 404


# --- the plan and its results ---------------------------------------------------------------------


def test_the_plan_and_its_results_export_with_status_words_and_colours(world):
    analysis = build_analysis(world, state=RiskAnalysis.ADOPTED)
    add_controls(world, analysis)
    response = world.client("reader").get(url("ic_plan_export", world.units["DIV"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="internkontrollplan-A-DIV-{YEAR}.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Internkontrollplan", "Resultat"]

    plan = cells(response.content, 0)
    assert "Internkontrollplan" in plan[0][0] and "Fastställd" in plan[0][0]
    assert plan[1] == [
        "Nr",
        "Risk",
        "Kontrollmoment",
        "Metod",
        "Stickprov",
        "Frekvens",
        "Ansvarig",
        "Verksamhet",
        "När",
    ]
    assert [row[:8] for row in plan[2:]] == [
        [
            1,
            "Utökat lagkrav GDPR",
            "Stickprov av registerförteckningen",
            "Granskning",
            "10 st",
            "Varje tertial",
            "chef@alfa.test",
            "Område Ett A",
        ],
        [1, "Utökat lagkrav GDPR", "Genomgång av avtal", None, None, "En gång", None, "Division Stöd A"],
    ]
    assert plan[3][8] == datetime.datetime(YEAR, 9, 30)

    results = cells(response.content, 1)
    header = results[1]
    assert header[:6] == ["Nr", "Kontrollmoment", "Tillfälle", "Senast", "Resultat", "Status"]
    rows = [dict(zip(header, row, strict=True)) for row in results[2:]]
    assert [(r["Kontrollmoment"], r["Tillfälle"], r["Resultat"], r["Status"]) for r in rows] == [
        ("Stickprov av registerförteckningen", f"T1 {YEAR}", "Mindre brister", "Gul"),
        ("Stickprov av registerförteckningen", f"T2 {YEAR}", "Utan anmärkning", "Grön"),
        ("Genomgång av avtal", str(YEAR), "Väsentliga brister", "Röd"),
    ]
    first = rows[0]
    assert (first["Vad som kontrollerades"], first["Iakttagelser"]) == (
        "Tio behandlingar",
        "Två saknade rättslig grund",
    )
    assert first["Utförd den"] == datetime.datetime(YEAR, 4, 20)
    assert first["Åtgärd"] == "Komplettera grunderna\nUtbilda"
    assert first["Ansvarig"] == "chef@alfa.test\nDataskyddsombud"
    assert first["Klart senast"] == f"–\n{YEAR}-10-01"
    assert first["Åtgärdsstatus"] == "Klar\nPlanerad"
    assert rows[1]["Åtgärd"] is None
    painted = fills(response.content, 1)
    colour = lambda status: look(status).colour  # noqa: E731
    assert (painted["E3"], painted["F3"]) == (colour("yellow"), colour("yellow"))
    assert (painted["E4"], painted["E5"]) == (colour("green"), colour("red"))


def test_the_exports_use_a_fixed_number_of_queries(world):
    """Whatever the number of risks, actions and results (checked at two sizes)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analysis = build_analysis(world)
    add_controls(world, analysis)
    client = world.client("controller")

    def measure():
        found = []
        for name in ("ic_analysis_export", "ic_plan_export"):
            client.get(url(name, world.units["DIV"]))
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url(name, world.units["DIV"])).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    small = measure()
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        control = Control.objects.filter(risk__analysis=analysis).first()
        for n in range(20, 40):
            risk = Risk.objects.create(
                analysis=analysis, number=n, name=f"Risk {n}", in_plan=True, owner=world.users["reader"]
            )
            risk.impacts.set(ImpactArea.objects.all()[:2])
            RiskAction.objects.create(risk=risk, what=f"Åtgärd {n}", owner=world.users["controller"])
            extra = Control.objects.create(
                risk=risk, what=f"Kontroll {n}", unit=world.units["VO2"], responsible=world.users["admin"]
            )
            result = ControlResult.objects.create(
                control=extra, occurrence=str(YEAR), due_on=datetime.date(YEAR, 12, 31), outcome="ok"
            )
            RiskAction.objects.create(risk=risk, result=result, what="Följ upp", owner=world.users["reader"])
        assert control is not None
    assert measure() == small
