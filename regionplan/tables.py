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


@dataclass
class Table:
    """A table of a report: the same rows on screen, in the PDF and in the Excel file."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None

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
