"""The incident statistics as xlsx (regionplan.xlsx): the counts per kind and month and per
unit and kind exactly as the user sees them on the page (a reader's "< 5" and hidden totals
included), and no free text: what happened stays with the unit's managers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from regionplan import xlsx
from regionplan.periods import month_short
from workenv.queries import MONTHS, IncidentStatistics

HIDDEN_TOTAL = "–"


def _count(sheet, value):
    """A count as a number, "< 5" as text, a hidden total as a dash."""
    if value is None:
        return xlsx.cell(sheet, HIDDEN_TOTAL)
    return xlsx.cell(sheet, value, number_format="0" if isinstance(value, int) else None)


def export(stats: IncidentStatistics, unit, year: int) -> bytes:
    """Two sheets: per kind and month, per unit and kind; each with its totals."""
    book = Workbook(write_only=True)
    by_month, by_unit = xlsx.sheet_names(
        [_("Per månad %(year)s") % {"year": year}, _("Per enhet %(year)s") % {"year": year}]
    )
    sheet = book.create_sheet(by_month)
    sheet.append(
        [xlsx.cell(sheet, _("Tillbud och skador %(year)s: %(unit)s") % {"year": year, "unit": unit.name}, bold=True)]
    )
    sheet.append(xlsx.header(sheet, [_("Typ"), *[month_short(m) for m in MONTHS], _("Totalt")]))
    for row in stats.month_table:
        sheet.append(
            [
                xlsx.cell(sheet, str(row["label"])),
                *[_count(sheet, n) for n in row["cells"]],
                _count(sheet, row["total"]),
            ]
        )
    sheet.append(
        [
            xlsx.cell(sheet, _("Totalt"), bold=True),
            *[_count(sheet, n) for n in stats.month_totals],
            _count(sheet, stats.total),
        ]
    )
    sheet = book.create_sheet(by_unit)
    sheet.append(xlsx.header(sheet, [_("Enhet"), *[str(label) for label in stats.kind_labels], _("Totalt")]))
    for row in stats.unit_table:
        sheet.append(
            [xlsx.cell(sheet, row["name"]), *[_count(sheet, n) for n in row["cells"]], _count(sheet, row["total"])]
        )
    sheet.append(
        [
            xlsx.cell(sheet, _("Totalt"), bold=True),
            *[_count(sheet, n) for n in stats.kind_totals],
            _count(sheet, stats.unit_total),
        ]
    )
    return xlsx.to_bytes(book)
