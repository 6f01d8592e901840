"""Tables as every app hands them to reports and dashboards: the same rows on screen, in
the PDF and in the Excel file. A report section an app registers (regionplan.registry)
returns these, so apps need nothing from reports to fill one."""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT, NUMBER, STATUS, PERCENT = "text", "number", "status", "percent"


@dataclass
class Column:
    """A table column: header, kind of value (text, number, status, percent), decimals,
    and `group`: a repeated value is shown only on the first row of its group."""

    header: str
    kind: str = TEXT
    decimals: int | None = None
    group: bool = False


@dataclass(frozen=True)
class Noted:
    """A text cell with a small note under it: what a person wrote, and a machine's note
    beside it (e.g. how a status was rolled up), which is shown smaller, never as the text."""

    text: str
    note: str = ""

    def __str__(self) -> str:
        """The plain form (Excel, search): the text, with the note in brackets after it."""
        if self.text and self.note:
            return f"{self.text} ({self.note})"
        return self.text or self.note


@dataclass
class Table:
    """A table of a report: the same rows on screen, in the PDF and in the Excel file."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    after_total: list[list] = field(default_factory=list)  # rows under the total, e.g. the net cost

    def shown_rows(self) -> list[list[tuple]]:
        """Rows as (value, column) pairs for HTML, with a group column's repeats blanked."""
        shown, previous = [], None
        for row in self.rows:
            cells = []
            for i, (value, column) in enumerate(zip(row, self.columns, strict=True)):
                repeated = (
                    column.group
                    and previous is not None
                    and all(previous[j] == row[j] for j in range(i + 1) if self.columns[j].group)
                )
                cells.append(("" if repeated else value, column))
            shown.append(cells)
            previous = row
        return shown

    def shown_total(self) -> list[tuple] | None:
        return list(zip(self.total, self.columns, strict=True)) if self.total else None

    def footer_rows(self) -> list[list[tuple]]:
        """The total and the rows under it, as (value, column) pairs."""
        rows = ([self.total] if self.total else []) + self.after_total
        return [list(zip(row, self.columns, strict=True)) for row in rows]


@dataclass
class Figure:
    """A drawing (SVG) with its numbers as a table, as an app hands it to reports and
    dashboards (a heat map): the drawing in the PDF and on screen, the table beside it in
    print and on screen, and the table as a sheet in Excel."""

    key: str
    title: str
    svg: str
    table: Table
    print_table: bool = True  # the numbers are printed under the drawing

    @property
    def caption(self) -> str:
        return self.title
