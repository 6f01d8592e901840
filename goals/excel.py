"""A plan as an xlsx workbook: readable and printable, and in the import template's shape so
that an exported plan can be edited in Excel and imported again (see goals.planimport)."""

from __future__ import annotations

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from goals.models import PlanItem
from goals.rules import Levels, format_target
from regionplan import xlsx
from regionplan.numbers import format_number

# The template's columns, in order, with a print width. Shared with the import.
COLUMNS = [
    ("Nivå", 18),
    ("Kod", 12),
    ("Namn", 48),
    ("Förälder", 12),
    ("Perspektiv", 14),
    ("Organisation", 14),
    ("Beskrivning", 40),
    ("Måttenhet", 10),
    ("Riktning", 16),
    ("Målvärde", 12),
    ("Jämförelsetal", 13),
    ("Källa", 16),
    ("Extern kod", 12),
    ("Frekvens", 11),
    ("Könsuppdelat", 12),
    ("Ansvarig", 20),
    ("Startdatum", 12),
    ("Slutdatum", 12),
    ("Klar", 6),
    ("Givet av", 16),
    ("Beslut", 16),
    ("Beslutsdatum", 13),
    ("Antaget av", 24),
    ("Kritiskt", 9),
]
PERSPECTIVE_LEVEL = "Perspektiv"


def yes_no(value: bool) -> str:
    return "Ja" if value else "Nej"


def adoption_text(adoptions) -> str:
    """ "VO1; VO2 (< 4,5)": the adopting units, with a unit's own target in brackets."""
    parts = []
    for adoption in adoptions:
        own = format_target(adoption.target, explicit=True)
        parts.append(f"{adoption.unit.code} ({own})" if own else adoption.unit.code)
    return "; ".join(parts)


def item_row(item: PlanItem, label: str, parent_code: str, adoptions=()) -> list:
    """One item as a row of the template."""
    measure = item.level == Levels.MEASURE
    return [
        label,
        item.code,
        item.name,
        parent_code,
        item.perspective.name if item.perspective_id else "",
        item.plan.unit.code,
        item.description,
        item.measure_unit if measure else "",
        item.get_direction_display() if measure and item.direction else "",
        format_target(item.target, explicit=True) if measure else "",
        item.baseline_text if measure else "",
        item.source,
        item.external_code,
        item.get_frequency_display() if item.frequency else "",
        yes_no(item.split_by_sex) if measure else "",
        item.responsible,
        item.start_date,
        item.end_date,
        yes_no(item.finished) if item.level in (Levels.ACTIVITY, Levels.ASSIGNMENT) else "",
        item.get_given_by_display() if item.given_by else "",
        item.decision_ref,
        item.decision_date,
        adoption_text(adoptions) if measure else "",
        yes_no(item.critical) if measure else "",
    ]


def export_plan(view) -> bytes:
    """The workbook of a PlanView: the plan sheet first (the import reads the first sheet),
    then a sheet about the plan."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append([name for name, _width in COLUMNS])
    codes = {node.item.pk: node.item.code for node in view.nodes()}
    for order, (perspective, _goals) in enumerate(view.sections, start=1):
        if perspective is None:
            continue
        sheet.append([PERSPECTIVE_LEVEL, f"P{order}", perspective.name] + [""] * (len(COLUMNS) - 3))
    depth_of_row = [0] * (sheet.max_row + 1)
    for node in view.nodes():
        item = node.item
        sheet.append(
            item_row(item, view.settings.label(item.level).capitalize(), codes.get(item.parent_id, ""), node.adopted_by)
        )
        depth_of_row.append(item.depth + 1)
    _style(sheet, depth_of_row, f"{view.unit.name} – plan {view.year}")

    about = workbook.create_sheet("Om planen")
    plan = view.plan
    for key, value in [
        ("Enhet", f"{view.unit.name} ({view.unit.code})"),
        ("År", view.year),
        ("Status", plan.get_state_display() if plan else "Ingen egen plan"),
        ("Fastställd", plan.adopted_on if plan and plan.adopted_on else ""),
        ("Beslut", plan.decision_ref if plan else ""),
        ("Ärver från", " → ".join(u.name for u in view.owners[:-1])),
        ("Antal poster", format_number(sum(view.counts.values()))),
        ("Exporterad", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]:
        about.append([key, value])
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 60
    for row in about.iter_rows():
        row[0].font = BOLD
        for cell in row:
            xlsx.keep_text(cell)  # the decision and the unit's name are a person's text
    return xlsx.to_bytes(workbook)


TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
INDENTED = [Alignment(vertical="top", wrap_text=True, indent=depth) for depth in range(16)]
BOLD = Font(bold=True)
DATE_COLUMNS = {17, 18, 22}
WRAPPED_COLUMNS = {3, 7}


def _style(sheet, depth_of_row: list[int], title: str) -> None:
    """Bold frozen header, filters, widths, indented names and a landscape A4 print.

    The style objects are made once and shared: openpyxl hashes every style it is
    given, and fresh objects per cell made a 900-row export take most of a second.
    """
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for cell in sheet[1]:
        cell.font = BOLD
        cell.fill = header_fill
        cell.alignment = WRAP
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        number = row[0].row
        depth = depth_of_row[number] if number < len(depth_of_row) else 0
        for cell in row:
            if cell.value in (None, ""):
                continue
            xlsx.keep_text(cell)  # "= 81" is a target, and user text must not run
            cell.alignment = WRAP if cell.column in WRAPPED_COLUMNS else TOP
            if cell.column in DATE_COLUMNS:
                cell.number_format = "yyyy-mm-dd"
        row[2].alignment = INDENTED[min(depth, len(INDENTED) - 1)]
        if row[0].value == PERSPECTIVE_LEVEL or depth == 1:
            row[2].font = BOLD
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = title
    sheet.oddFooter.right.text = "Sida &P av &N"
