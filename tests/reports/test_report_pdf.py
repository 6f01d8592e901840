"""The report's PDF and Excel file, end to end, on the demo: Division Regionstöd's
delårsrapport 2022 (Region Norrbotten, unit DRS, period 2022-T2).

The demo is seeded once for the module (it takes seconds) and removed again afterwards;
every test runs in its own transaction on top of it and is rolled back. Rendering the
PDF takes seconds too, so the command's PDF and Excel file are made once for the module
and read by several tests; the other tests render only what they change.

The PDF is read back as text with poppler's pdftotext (-layout keeps a table row on one
line) and its structure (metadata, language, tags, bookmarks) with pypdf.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from followup.models import Assessment
from regionplan import auditing, demo
from regionplan.models import OrgUnit, Region, User
from regionplan.tenancy import all_regions, region_scope
from reports import catalogue, services
from reports.assembly import assemble
from reports.models import Report, ReportRun, ReportSection
from reports.rendering import render_pdf, render_xlsx, report_html

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"

REGION, UNIT, PERIOD, KIND = "norrbotten", "DRS", "2022-T2", "delarsrapport"
STATUS_WORDS = {"Grön", "Gul", "Röd", "Ej bedömd"}
STATUS_ICONS = "●▲■○"
MINUS = "\u2212"


# --- helpers ---------------------------------------------------------------------------------


def pdf_pages(path) -> list[str]:
    """The PDF's text per page (pdftotext -layout; pages are separated by form feeds)."""
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    pages = result.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdf_text_in_reading_order(path) -> str:
    """The PDF's text without -layout: a table cell's wrapped lines follow each other."""
    return subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_bytes_pages(data: bytes, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return pdf_pages(path)


def squash(text: str) -> str:
    """Whitespace (also the non-breaking space of Swedish numbers) as single spaces."""
    return re.sub(r"\s+", " ", text)


def normalise_data_note(text: str) -> str:
    """The time the data were last changed (in "Underlag: …, senast ändrat <when>") is
    the only thing two renderings of the same data may differ in."""
    return re.sub(r"senast ändrat \d{4}-\d{2}-\d{2} \d{2}:\d{2}", "senast ändrat <tid>", text)


def without_version(text: str) -> str:
    """A run's PDF carries its version (on the cover and in the running header), the
    command's, made outside a run, says it has none: the only other difference."""
    text = re.sub(
        r"(Version\s+)?Förhandsgranskning, ingen version|Version\s+\d+\.0|^\s*\d+\.0\s*$", "", text, flags=re.M
    )
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def outline_titles(reader) -> list[tuple[str, int]]:
    """Every bookmark as (title, 1-based page), depth first."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def the_report() -> Report:
    return Report.objects.select_related("kind", "unit", "period", "region").get(
        kind__key=KIND, unit__code=UNIT, period__code=PERIOD
    )


def section_titles(report: Report) -> list[str]:
    return list(ReportSection.objects.filter(report=report).order_by("order", "id").values_list("title", flat=True))


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo regions, seeded once for the module and removed when it is done (so that
    the other modules' tests see an empty database, as they expect)."""
    with django_db_blocker.unblock():
        with auditing.acting_as(label="test"):
            demo.seed(log=lambda *a: None)
        region = Region.objects.get(slug=REGION)
        yield region
        demo.reset()


@pytest.fixture(scope="module")
def command_output(demo_db, django_db_blocker, tmp_path_factory):
    """The render_report command's PDF and Excel file of the demo report, made once."""
    folder = tmp_path_factory.mktemp("render_report")
    pdf, xlsx = folder / "r.pdf", folder / "r.xlsx"
    out = io.StringIO()
    days = {timezone.localdate().isoformat()}
    with django_db_blocker.unblock():
        call_command(
            "render_report",
            "--region",
            REGION,
            "--unit",
            UNIT,
            "--period",
            PERIOD,
            "--kind",
            KIND,
            "--out",
            str(pdf),
            "--excel",
            str(xlsx),
            stdout=out,
        )
        with region_scope(demo_db):
            titles = section_titles(the_report())
    days.add(timezone.localdate().isoformat())  # (should it have run over midnight)
    return {"pdf": pdf, "xlsx": xlsx, "pages": pdf_pages(pdf), "titles": titles, "stdout": out.getvalue(), "days": days}


@pytest.fixture
def region(demo_db, db):
    """Each test in its own (rolled back) transaction, inside the demo region's scope."""
    with region_scope(demo_db):
        yield demo_db


@pytest.fixture
def controller(region) -> User:
    return User.objects.get(email=demo.demo_email("controller", REGION))


# --- the command's PDF -----------------------------------------------------------------------


def test_the_command_writes_the_pdf_and_says_how_many_pages(command_output):
    pages = command_output["pages"]
    assert command_output["pdf"].read_bytes().startswith(b"%PDF-")
    assert 8 <= len(pages) <= 60
    assert f"{len(pages)} sidor" in command_output["stdout"]
    assert "Delårsrapport" in command_output["stdout"] and "Division Regionstöd" in command_output["stdout"]


def test_cover_page(command_output):
    cover = command_output["pages"][0]
    for text in (
        "Region Norrbotten",
        "Division Regionstöd",
        "Delårsrapport 2022",
        "Tertial 2 (delår) 2022",
        "2022-01-01 – 2022-08-31",
        "Publiceringsdatum",
        "Utkast, ej fastställd",
        "UTKAST",
        "Underlag:",
    ):
        assert text in cover, text
    assert any(day in cover for day in command_output["days"])  # the document date
    # The data note says what the report was made from.
    assert re.search(r"Underlag: \d+ bedömningar och \d+ värden för perioden", cover)
    # No running header on the cover, and it is not the table of contents.
    assert "Region Norrbotten; Division Regionstöd" not in cover
    assert "Innehåll" not in cover


def test_table_of_contents_lists_every_section_with_the_page_it_starts_on(command_output):
    pages, titles = command_output["pages"], command_output["titles"]
    # The demo report has the delårsrapport's default sections.
    keys = next(keys for key, _name, _tertial, keys in catalogue.default_kinds() if key == KIND)
    assert titles == [catalogue.default_title(key) for key in keys]
    toc = pages[1]
    assert "Innehåll" in toc
    numbers = []
    for title in titles:
        match = re.search(re.escape(title) + r" ?\.{3,} ?(\d+)\s*$", toc, re.MULTILINE)
        assert match, f"{title!r} has no page number in the table of contents:\n{toc}"
        numbers.append(int(match.group(1)))
    assert numbers == sorted(numbers), numbers
    assert numbers[0] == 3 and numbers[-1] <= len(pages)
    for title, number in zip(titles, numbers, strict=True):
        # The heading is in the body, on the page the contents says.
        assert title in pages[number - 1], f"{title!r} is not on page {number}"
    body = "\n".join(pages[2:])
    for title in titles:
        assert title in body


def test_page_numbers_and_running_header(command_output):
    pages = command_output["pages"]
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} ({total})" in page, f"page {number}"
        if number > 1:
            assert "Region Norrbotten; Division Regionstöd" in page, f"page {number} has no running header"
            assert any(day in page for day in command_output["days"])  # the document date, top right
            assert "Delårsrapport 2022" in page  # the title in the footer
    assert "Sida 1 (" in pages[0] and f"Sida 2 ({total})" in pages[1]


def test_sex_split_table_in_swedish_number_format(command_output):
    text = "\n".join(command_output["pages"])
    assert "Könsuppdelade styrmått, utfall Tertial 2 (delår) 2022" in text
    assert re.search(r"Utfall kvinnor\s+Utfall män\s+Utfall totalt", text)
    # followup.demo.SEED_VALUES: sick leave 2022-T2 women 7,4, men 4,9, total 6,8 against < 4,8 %.
    row = re.search(r"^\s*Sjukfrånvaro, regionens medarbetare\s+<\s4,8\s+(\S+)\s+(\S+)\s+(\S+)\s+%", text, re.MULTILINE)
    assert row, text
    assert row.groups() == ("7,4", "4,9", "6,8")
    assert "7.4" not in text and "4.9" not in text


def test_economy_tables_use_the_unicode_minus(command_output):
    text = "\n".join(command_output["pages"])
    # followup.demo: the division's outcome −2, period budget 9, deviation −11, forecast −30 (Mnkr, seed 003).
    totals = [line for line in text.splitlines() if re.match(r"\s*Totalt\s", line) and f"{MINUS}30,0" in line]
    assert totals, text
    assert squash(totals[0]).split() == ["Totalt", f"{MINUS}2", "9", f"{MINUS}11", f"{MINUS}30,0"]
    assert re.search(r"Sjukresor\s+−4\s+1\s+−6\s+−8,5", text)
    # The cost development: thousands separated by a (non-breaking) space, a percentage with its sign.
    cost_total = re.search(r"^\s*Totalt\s+−1\s061\s+−1\s045\s+−16\s+1,5 %", text, re.MULTILINE)
    assert cost_total, text
    assert re.search(r"Personal\s+−247\s+−259\s+12\s+−4,7 %", text)
    assert re.search(r"Nettokostnadsutveckling\s+−265\s+−246\s+−20\s+8,0 %", text)
    # No number is written with a hyphen-minus anywhere in the tables.
    assert not re.search(r"(?<![\w-])-\d+,\d", text)


def test_statuses_are_words_not_only_colours(command_output):
    text = "\n".join(command_output["pages"])
    icons = [m.start() for m in re.finditer(f"[{STATUS_ICONS}]", text)]
    assert len(icons) > 20
    pairs = re.findall(f"([{STATUS_ICONS}]) +(Grön|Gul|Röd|Ej bedömd)", text)
    assert len(pairs) == len(icons), "a status icon without its word"
    icon_of = {"Grön": "●", "Gul": "▲", "Röd": "■", "Ej bedömd": "○"}
    assert all(icon_of[word] == icon for icon, word in pairs)
    assert {word for _icon, word in pairs} == STATUS_WORDS


def test_pdf_metadata_language_tags_and_bookmarks(command_output):
    from pypdf import PdfReader

    reader = PdfReader(str(command_output["pdf"]))
    pages = command_output["pages"]
    assert len(reader.pages) == len(pages)
    assert reader.metadata.title == "Delårsrapport 2022 – Division Regionstöd"
    assert reader.metadata.author == "Johan Nilsson, Maria Lindqvist"  # who write the sections
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject, equal to True)
    assert "/StructTreeRoot" in root and root["/StructTreeRoot"].get("/K")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject, equal to True)
    bookmarks = outline_titles(reader)
    titles = command_output["titles"]
    marked = dict(bookmarks)
    for title in titles:
        assert title in marked, f"no bookmark for {title!r}"
        assert title in pages[marked[title] - 1], f"the bookmark of {title!r} points to the wrong page"
    assert "Innehåll" not in marked  # the contents' own heading is no bookmark


# --- the background run ----------------------------------------------------------------------


def test_run_in_the_background_makes_the_same_pdf_as_the_command(region, controller, command_output, tmp_path):
    """The Celery task (in process) makes the same PDF as the command. The command's PDF
    is the module's (made once, from the seeded data, which every test leaves as it
    found it), so both are made from the same data; only the data note's time may differ."""
    report = the_report()
    run = services.start_run(report, controller, inline=True)
    run.refresh_from_db()
    assert run.status == ReportRun.DONE, run.message
    assert run.progress == 100 and run.step == "" and run.finished_at and not run.message
    assert run.pages == len(command_output["pages"])
    in_subtree = Assessment.objects.filter(period__code=PERIOD, unit__path__startswith=report.unit.path).count()
    assert run.data_note.startswith(f"{in_subtree} bedömningar och ")
    assert Path(run.pdf.path).is_file() and Path(run.xlsx.path).is_file()
    assert run.pdf.name.endswith(".pdf") and f"v{run.pk}" in run.pdf.name
    run_pages = pdf_pages(run.pdf.path)
    assert [without_version(normalise_data_note(page)) for page in run_pages] == [
        without_version(normalise_data_note(page)) for page in command_output["pages"]
    ]
    assert "Version 1.0" in run_pages[1] and "Version" not in command_output["pages"][1]  # the running header

    # A redelivered task leaves a finished run alone.
    from reports.tasks import render_report_run

    before = Path(run.pdf.path).read_bytes()
    assert render_report_run.delay(run.pk).get() == "skipped"
    run.refresh_from_db()
    assert Path(run.pdf.path).read_bytes() == before
    assert ReportRun.objects.filter(report=report).count() == 1


def test_the_cover_and_the_pdfs_metadata_carry_the_document_data(region, controller):
    """As the real report's header (seed 003: DOKUMENT-ID, VERSION, PUBLICERINGSDATUM,
    ANSVARIG, UPPRÄTTAD AV): on the cover (pdftotext) and in the PDF's info (pypdf); the
    second run of a report is version 2.0."""
    from pypdf import PdfReader

    report = the_report()
    services.start_run(report, controller, inline=True)
    run = services.start_run(report, controller, inline=True)
    run.refresh_from_db()
    assert run.status == ReportRun.DONE, run.message
    info = PdfReader(run.pdf.path).metadata
    today = timezone.localdate().isoformat()
    assert info["/dokumentid"] == "DELARSRAPPORT-DRS-2022-T2"
    assert info["/version"] == "2.0"
    assert info["/publiceringsdatum"] == today
    # The demo's chef of Division Regionstöd, and who write its sections in their order (reports/demo.py).
    assert info["/ansvarig"] == "Maria Lindqvist"
    assert info["/upprattadav"] == "Johan Nilsson, Maria Lindqvist"
    assert info.author == "Johan Nilsson, Maria Lindqvist"
    assert info["/Keywords"] == "DELARSRAPPORT-DRS-2022-T2"
    cover = squash(pdf_pages(run.pdf.path)[0])
    for label, value in [
        ("Dokument-id", "DELARSRAPPORT-DRS-2022-T2"),
        ("Version", "2.0"),
        ("Publiceringsdatum", today),
        ("Ansvarig", "Maria Lindqvist"),
        ("Upprättad av", "Johan Nilsson, Maria Lindqvist"),
    ]:
        assert re.search(rf"{label}\s+{re.escape(value)}", cover), (label, cover)
    header = pdf_pages(run.pdf.path)[2].splitlines()[0]
    assert "DELARSRAPPORT-DRS-2022-T2" in header and "Version 2.0" in header and today in header


def test_a_failing_render_fails_the_run_with_a_swedish_message(region, controller, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Traceback (most recent call last): weasyprint exploded at /srv/secret.py")

    monkeypatch.setattr("reports.services.render_pdf", broken)
    report = the_report()
    run = services.start_run(report, controller, inline=True)
    run.refresh_from_db()
    assert run.status == ReportRun.FAILED
    assert run.finished and run.finished_at is not None
    assert "Rapporten kunde inte skapas" in run.message
    for leak in ("Traceback", "RuntimeError", "weasyprint", "secret", 'File "'):
        assert leak not in run.message
    assert not run.pdf and not run.xlsx and run.pages is None
    assert Report.objects.get(pk=report.pk).state == Report.DRAFT


# --- escaping --------------------------------------------------------------------------------

NASTY_TEXT = (
    'Före <script>alert("x")</script> efter.\n\nDetta är <b>fet</b> och & < > " tecken.\n\nÅÄÖ\u00a0åäö 🙂 slut.\n'
)
NASTY_UNIT = "Sjuk<script>alert(2)</script>resor"
NASTY_COMMENT = "Klart <script>alert(3)</script> & <i>snart</i>"
NASTY_TITLE = 'Sammanfattning & "<översikt>"'


def test_texts_names_and_comments_are_escaped_in_the_html_and_the_pdf(region, controller, tmp_path):
    report = the_report()
    section = ReportSection.objects.get(report=report, key="sammanfattning")
    section.title = NASTY_TITLE
    section.save()
    section.refresh_from_db()
    services.save_section(section, NASTY_TEXT, False, section.version, controller)
    sjukresor = OrgUnit.objects.get(code="DRS-SJR")
    sjukresor.name = NASTY_UNIT
    sjukresor.save()
    commented = list(Assessment.objects.filter(unit=sjukresor, period__code=PERIOD))
    assert commented
    for assessment in commented:
        assessment.comment = NASTY_COMMENT
        assessment.save()

    content = assemble(the_report(), timezone.localdate())
    html = report_html(content)
    assert not re.search(r"<\s*script", html, re.IGNORECASE)
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html
    assert "&amp; &lt; &gt;" in html
    assert "Sjuk&lt;script&gt;alert(2)&lt;/script&gt;resor" in html  # in table cells, the economy's areas
    assert "Klart &lt;script&gt;alert(3)&lt;/script&gt; &amp; &lt;i&gt;snart&lt;/i&gt;" in html  # a comment
    assert "Sammanfattning &amp; &quot;&lt;översikt&gt;&quot;" in html  # heading and contents
    assert "ÅÄÖ&nbsp;åäö 🙂 slut." in html  # the no-break space kept, as an entity

    rendered = render_pdf(content)
    pages = pdf_bytes_pages(rendered.pdf, tmp_path, "nasty.pdf")
    text = "\n".join(pages)
    flat = squash(text)
    assert 'Före <script>alert("x")</script> efter.' in flat
    assert 'Detta är <b>fet</b> och & < > " tecken.' in flat
    assert "ÅÄÖ åäö" in flat and "slut." in flat
    # Table cells wrap inside their column: compare without the whitespace.
    cells = re.sub(r"\s+", "", pdf_text_in_reading_order(tmp_path / "nasty.pdf"))
    assert cells.count(NASTY_UNIT) >= 3  # the economy's area, the assignment's and the appendix's unit
    assert "Klart<script>alert(3)</script>&<i>snart</i>" in cells
    # The odd title is a heading, an entry in the contents (with its page) and a bookmark.
    assert re.search(re.escape(NASTY_TITLE) + r" ?\.{3,} ?\d+", pages[1])
    from io import BytesIO

    from pypdf import PdfReader

    assert NASTY_TITLE in dict(outline_titles(PdfReader(BytesIO(rendered.pdf))))


# --- Excel -----------------------------------------------------------------------------------


def _row(sheet, first: str):
    for row in sheet.iter_rows():
        if row[0].value == first:
            return row
    raise AssertionError(f"no row {first!r} in {sheet.title!r}")


def test_excel_has_one_sheet_per_table_with_swedish_headers_and_real_numbers(command_output, region):
    from openpyxl import load_workbook

    content = assemble(the_report(), timezone.localdate())
    workbook = load_workbook(command_output["xlsx"])
    sheets = workbook.worksheets
    assert len(sheets) == len(content.tables)
    names = [sheet.title for sheet in sheets]
    assert all(0 < len(name) <= 31 for name in names), names
    assert len({name.lower() for name in names}) == len(names), names
    assert not any(re.search(r"[\[\]:*?/\\]", name) for name in names)
    # Row 1 is the table's title, row 2 its Swedish header.
    assert [sheet["A1"].value for sheet in sheets] == [table.title for table in content.tables]
    for sheet, table in zip(sheets, content.tables, strict=True):
        assert [cell.value for cell in sheet[2]] == [column.header for column in table.columns]
        assert all(cell.font.b for cell in sheet[2])

    economy = next(s for s in sheets if s["A1"].value.startswith("Utfall mot periodbudget"))
    assert [c.value for c in economy[2]] == ["Område", "Utfall", "Periodbudget", "Budgetavvikelse", "Årsprognos"]
    total = [c.value for c in _row(economy, "Totalt")]
    assert total == ["Totalt", -2.2, 8.9, -11.1, -30.0]
    assert all(type(v) in (int, float) for v in total[1:])
    assert [c.value for c in _row(economy, "Sjukresor")] == ["Sjukresor", -4.4, 1.4, -5.8, -8.5]
    assert _row(economy, "Totalt")[1].number_format == "#,##0"  # whole Mnkr shown, as the seed prints
    assert _row(economy, "Totalt")[4].number_format == "#,##0.0"

    sex = next(s for s in sheets if s["A1"].value.startswith("Könsuppdelade styrmått"))
    sick = [c.value for c in _row(sex, "Sjukfrånvaro, regionens medarbetare")]
    assert sick[2:5] == [7.4, 4.9, 6.8] and all(isinstance(v, float) for v in sick[2:5])

    costs = next(s for s in sheets if s["A1"].value.startswith("Kostnadsutveckling"))
    header = [c.value for c in costs[2]]
    change = header.index("Förändring (%)")
    personal = _row(costs, "Personal")[change]
    assert personal.value == pytest.approx(-0.047) and isinstance(personal.value, float)  # fell 4,7 % (seed 003)
    assert "%" in personal.number_format
    assert _row(costs, "Totalt")[change].value == pytest.approx(0.015)  # the costs rose 1,5 % (seed 003)
    assert _row(costs, "Totalt")[1].value == -1060.8  # shown "-1 061" by its number format, as seed 003 prints
    assert _row(costs, "Totalt")[1].number_format == "#,##0"

    # Statuses are words in every status column, never the stored codes or icons.
    status_cells = 0
    for sheet, table in zip(sheets, content.tables, strict=True):
        for index, column in enumerate(table.columns):
            if column.kind != "status":
                continue
            for row in sheet.iter_rows(min_row=3):
                value = row[index].value
                assert value in STATUS_WORDS or value in (None, ""), (sheet.title, value)
                status_cells += value in STATUS_WORDS
    assert status_cells > 20
    appendix = next(s for s in sheets if s["A1"].value == "Framgångsfaktorer och styrmått")
    assert {c.value for c in appendix["G"][2:]} >= {"Grön", "Gul", "Röd", "Ej bedömd"}


def test_excel_text_starting_with_equals_is_text_not_a_formula(region):
    from io import BytesIO

    from openpyxl import load_workbook

    formula = '=HYPERLINK("https://example.invalid/","Klicka här")'
    assignments = list(Assessment.objects.filter(unit__code="DRS-SJR", period__code=PERIOD, item__level="assignment"))
    assert assignments
    for assessment in assignments:
        assessment.comment = formula
        assessment.save()
    workbook = load_workbook(BytesIO(render_xlsx(assemble(the_report(), timezone.localdate()))))
    sheet = next(s for s in workbook.worksheets if s["A1"].value == "Återrapportering av uppdrag")
    cells = [row[4] for row in sheet.iter_rows(min_row=3) if row[2].value == "Sjukresor"]
    assert cells
    for cell in cells:
        assert cell.value == formula
        assert cell.data_type == "s"


# --- approval --------------------------------------------------------------------------------


def test_approval_makes_the_approved_version_and_freezes_the_report(
    region, controller, tmp_path, django_capture_on_commit_callbacks
):
    report = the_report()
    section = ReportSection.objects.get(report=report, key="sammanfattning")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.approve(report, controller)
    report.refresh_from_db()
    run.refresh_from_db()
    assert report.state == Report.APPROVED and report.approved
    assert report.approved_run_id == run.pk and report.approved_by == controller and report.approved_at
    assert run.status == ReportRun.DONE, run.message
    pages = pdf_pages(run.pdf.path)
    cover = pages[0]
    assert "Fastställd" in cover
    assert "UTKAST" not in "\n".join(pages) and "Utkast" not in cover
    assert run.pages == len(pages)

    with pytest.raises(ValidationError):
        services.save_section(section, "Ändrad efter fastställandet.", True, section.version, controller)
    with pytest.raises(ValidationError):
        services.start_run(report, controller, inline=True)
    with pytest.raises(ValidationError):
        services.approve(report, controller)
    with pytest.raises(ValidationError):
        services.assign_writers(report, {section.pk: None})
    section.refresh_from_db()
    assert "tillitsbaserat ledarskap" in section.text and section.assignee is not None
    assert ReportRun.objects.filter(report=report).count() == 1


def test_document_date_of_an_approval_is_the_day_in_sweden(region):
    report = the_report()
    # 22:30 UTC on 30 September 2022 is 00:30 on 1 October in Stockholm (CEST, UTC+2).
    approved_at = datetime.datetime(2022, 9, 30, 22, 30, tzinfo=datetime.UTC)
    report.state, report.approved_at = Report.APPROVED, approved_at
    report.save()
    content = assemble(the_report(), datetime.date(2022, 10, 5))
    assert content.document_date == datetime.date(2022, 10, 1)
    assert "2022-10-01" in report_html(content)


def test_deleting_a_section_writer_sets_the_section_free(region, controller):
    """A user's removal clears them as a writer (the SET_NULL is a bulk write, which the
    audit guard lets through as a cleared link, see tests/core/test_audit.py): demo.reset()
    and seed_demo --reset depend on it."""
    section = ReportSection.objects.get(report=the_report(), key="sammanfattning")
    assert section.assignee == controller
    with all_regions(), auditing.paused():
        User.objects.filter(pk=controller.pk).delete()
    section.refresh_from_db()
    assert section.assignee is None


def test_the_delarsrapport_follows_up_internal_control_as_seed_003_does(command_output):
    """Uppföljning av internkontroll, filled from the demo's data: seed 003's five rows
    (Mål/säkerställa … Kontroll/mitigerande åtgärd with its results up to August), the
    heat map of the division drawn with icon and word per cell and its table, the open
    actions; and the same tables in the Excel file."""
    from openpyxl import load_workbook

    text = "\n".join(command_output["pages"])
    section = text[text.index("Uppföljning av internkontroll\n", text.index("Återrapportering av uppdrag\n", 2000)) :]
    for name in ("Säkra lokaler", "Resurstillgång", "Patientsäkerhet", "IT-säkerhet", "MT-säkerhet"):
        assert name in section
    for words in ("Mål/", "Vad kan gå", "Konsekvens", "Verksamhet", "Kontroll/mitigerande"):
        assert words in section
    assert "2022-T2: Väsentliga brister" in section and "eftersläpning av underhåll" in section
    assert "2022-T3" not in section  # nothing after the period
    assert "Riskkarta netto" in section and "Antal risker per ruta" in section
    assert "■ Röd" in section and "Konsekvens →" in section  # the drawing's own words
    assert "Öppna åtgärder" in section and "MT-chefen" in section
    sheets = load_workbook(command_output["xlsx"]).sheetnames
    assert any(name.startswith("Internkontrollplanens") for name in sheets)
    assert any(name.startswith("Antal risker") for name in sheets)
