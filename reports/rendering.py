"""A report's content as HTML (screen and PDF share the body), as a tagged PDF
(WeasyPrint, PDF/UA-1) and as an Excel file with one sheet per table.

The PDF: a cover page, a table of contents with page numbers (CSS `target-counter`),
bookmarks from the headings, a running header with the unit and the document date,
"Sida N (M)" in the footer, table headers repeated on every page and rows never cut.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from regionplan import xlsx
from regionplan.status import look
from regionplan.tables import NUMBER, PERCENT, STATUS
from reports.assembly import ReportContent

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
# The report's document data (pdf.html's <meta> DokumentId, Version, …) in the PDF's info
# (WeasyPrint keeps a custom name's letters and digits, lower-cased: /dokumentid, /version, …).
REPORT_PDF_OPTIONS = {**PDF_OPTIONS, "custom_metadata": True}


@dataclass
class Rendered:
    """The outputs of one rendering, with where the time went (for the benchmark)."""

    pdf: bytes = b""
    pages: int = 0
    html_seconds: float = 0.0
    layout_seconds: float = 0.0
    write_seconds: float = 0.0
    timings: dict = field(default_factory=dict)


def report_html(content: ReportContent) -> str:
    """The standalone HTML document the PDF is made from (lang="sv", a title)."""
    return render_to_string("reports/pdf.html", {"content": content, "lang": translation.get_language() or "sv"})


def render_pdf(content: ReportContent, progress=None) -> Rendered:
    """The report as a tagged PDF. `progress(percent, step)` is told as the phases pass."""
    from weasyprint import HTML

    result = Rendered()
    started = time.perf_counter()
    html = report_html(content)
    result.html_seconds = time.perf_counter() - started
    if progress:
        progress(35, "layout")
    started = time.perf_counter()
    document = HTML(string=html, base_url=".").render(**REPORT_PDF_OPTIONS)
    result.layout_seconds = time.perf_counter() - started
    result.pages = len(document.pages)
    if progress:
        progress(80, "write")
    started = time.perf_counter()
    result.pdf = document.write_pdf(**REPORT_PDF_OPTIONS)
    result.write_seconds = time.perf_counter() - started
    return result


def render_xlsx(content: ReportContent) -> bytes:
    """Every table of the report on its own sheet: Swedish headers, numbers as numbers
    (the number format shows them with the reader's decimal comma), statuses as words."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    tables = content.tables
    for table, name in zip(tables, xlsx.sheet_names(table.title for table in tables), strict=True):
        sheet = workbook.create_sheet(name)
        widths = [max(10, min(60, len(c.header) + 2)) for c in table.columns]
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A3"
        sheet.append([xlsx.cell(sheet, table.title)])
        sheet.append(xlsx.header(sheet, (column.header for column in table.columns)))
        for row in table.rows + ([table.total] if table.total else []) + table.after_total:
            cells = []
            for value, column in zip(row, table.columns, strict=True):
                if column.kind == STATUS:
                    cells.append(str(look(value).label) if value else "")
                elif column.kind in (NUMBER, PERCENT) and isinstance(value, Decimal):
                    decimals = column.decimals if column.decimals is not None else 2
                    zeros = "0" * decimals
                    if column.kind == PERCENT:
                        number_format = f"0.{zeros}%" if decimals else "0%"
                    else:
                        # Without fixed decimals, "General": 54 stays "54", 7.4 reads "7,4" in Swedish Excel.
                        if column.decimals is None:
                            number_format = "General"
                        else:
                            number_format = f"#,##0.{zeros}" if decimals else "#,##0"
                    cells.append(
                        xlsx.cell(
                            sheet,
                            float(value) if column.kind == NUMBER else float(value) / 100,
                            number_format=number_format,
                        )
                    )
                else:
                    cells.append(xlsx.cell(sheet, "" if value is None else str(value)))
            sheet.append(cells)
    if not tables:
        sheet = workbook.create_sheet("Rapport")
        sheet.append([xlsx.cell(sheet, content.title)])
    return xlsx.to_bytes(workbook)


# --- dashboards as one page ----------------------------------------------------------------

ZOOMS = (1.0, 0.8, 0.64, 0.5, 0.4, 0.32)  # tried in turn until the dashboard fits one page
A4_LANDSCAPE_MM = (297, 210)


def dashboard_css() -> str:
    """The screen's stylesheet and the print additions, inlined into the PDF's HTML so that
    the PDF looks like the screen and needs no file or network access."""
    from django.contrib.staticfiles import finders

    parts = []
    for name in ("css/app.css", "css/dashboard-print.css"):
        found = finders.find(name)
        if found:
            with open(found, encoding="utf-8") as handle:
                parts.append(handle.read())
    return "\n".join(parts)


def one_page_pdf(html: str) -> bytes:
    """A dashboard as a tagged PDF on one A4 landscape page: laid out on a page 1/zoom
    times larger and written at `zoom`, trying smaller zooms until it fits. (WeasyPrint
    cannot shrink content to fit by itself.) What does not fit at the smallest zoom
    runs onto more pages rather than being cut."""
    from weasyprint import CSS, HTML

    source = HTML(string=html, base_url=".")
    document, zoom = None, ZOOMS[-1]
    for zoom in ZOOMS:
        width, height = (mm / zoom for mm in A4_LANDSCAPE_MM)
        page = CSS(string=f"@page {{ size: {width:.1f}mm {height:.1f}mm; margin: {10 / zoom:.1f}mm; }}")
        document = source.render(stylesheets=[page], **PDF_OPTIONS)
        if len(document.pages) == 1:
            break
    return document.write_pdf(zoom=zoom, **PDF_OPTIONS)
