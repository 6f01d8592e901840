"""The action plan as xlsx (regionplan.xlsx): one row per action as on the page, with its
unit, source, owner, deadline, status (the core's look), whether it is late, when done and
whether its effect was checked."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook

from regionplan import xlsx
from regionplan.people import display_name
from regionplan.status import Status
from workenv import rules_actions

DATE = "yyyy-mm-dd"


def export(actions: list, today: datetime.date, title: str) -> bytes:
    """`actions` (with unit and owner loaded) in one sheet named by `title`."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(xlsx.sheet_names([title])[0])
    sheet.append(
        xlsx.header(
            sheet,
            [
                _("Enhet"),
                _("Åtgärd"),
                _("Varför"),
                _("Källa"),
                _("Ansvarig"),
                _("Klar senast"),
                _("Status"),
                _("Försenad"),
                _("Genomförd"),
                _("Effekt kontrollerad"),
                _("Effekt"),
            ],
        )
    )
    labels = dict(Status.choices)
    for a in actions:
        late = rules_actions.is_overdue(a.deadline, a.done_on, today)
        sheet.append(
            [
                xlsx.cell(sheet, a.unit.name),
                xlsx.cell(sheet, a.what, wrap=True),
                xlsx.cell(sheet, a.why, wrap=True),
                xlsx.cell(sheet, str(a.get_source_display())),
                xlsx.cell(sheet, display_name(a.owner)),
                xlsx.cell(sheet, a.deadline, number_format=DATE),
                xlsx.status_cell(sheet, a.status, labels.get(a.status)),
                xlsx.cell(sheet, _("Ja") if late else ""),
                xlsx.cell(sheet, a.done_on, number_format=DATE),
                xlsx.cell(sheet, a.effect_checked_on, number_format=DATE),
                xlsx.cell(sheet, a.effect_note, wrap=True),
            ]
        )
    return xlsx.to_bytes(book)
