"""Internal control in Excel: a unit's risk analysis in the layout of seed 002's Bilaga 16,
both ways, and the internal-control plan with its results (export only).

The layout is written here once — the columns in their order and groups (`groups`), a risk
as a row (`risk_row`) and a row read back (`_Reader`) — so that the export and the import
cannot drift apart: an exported analysis imported into an empty one exports the same cells.

One row per risk. Several actions of a risk (its Handlingsplan) are lines in the same four
cells, line i of each belonging together; an empty part of a line is written "–" so that
the lines stay aligned. The status columns (Brutto status, Netto status) are derived from
the levels and only written: the import ignores them.

The import checks the whole file first: every error is listed by row and column and
nothing is written. A clean file is applied in one transaction, each row through save()
(so the audit trail has every change): a known Nr updates that risk, a new Nr creates one,
and risks that are not in the file are left as they are. A column that is not in the file
leaves its field as it is; list entries (categories, impact areas) are never created.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from internal_control.models import (
    Control,
    ControlResult,
    ImpactArea,
    Risk,
    RiskAction,
    RiskAnalysis,
    RiskCategory,
)
from internal_control.rules import occurrences, outcome_status
from regionplan import riskmatrix, xlsx
from regionplan.models import RiskMatrix, RoleAssignment, User
from regionplan.params import parse_int
from regionplan.people import display_name, remember
from regionplan.periods import MONTH_NAMES_SV
from regionplan.tabular import ImportOutcome, RowError, TableError, find_table, fold

MAX_ROWS = 2_000  # risks in one analysis: far more than any unit keeps

# --- the layout ---------------------------------------------------------------------------

NR, NAME, DESCRIPTION, CATEGORY = "Nr", "Benämning", "Beskrivning", "Kategori"
MEASURES, DOCUMENTS = "Befintliga åtgärder", "Styrande dokument"
GROSS_L, GROSS_I, GROSS_S = "Brutto sannolikhet", "Brutto konsekvens", "Brutto status"
NET_L, NET_I, NET_S = "Netto sannolikhet", "Netto konsekvens", "Netto status"
TARGET_L, TARGET_I = "Mål sannolikhet", "Mål konsekvens"
ACTION, ACTION_OWNER, ACTION_STATUS, ACTION_DEADLINE = "Åtgärd", "Ansvarig", "Status", "Klart senast"
CONSEQUENCE, OWNER, IN_PLAN, CHANGE = "Konsekvens", "Riskägare", "I internkontrollplanen", "Förändring"

VALUATION = [GROSS_L, GROSS_I, GROSS_S, NET_L, NET_I, NET_S, TARGET_L, TARGET_I]
ACTION_COLUMNS = [ACTION, ACTION_OWNER, ACTION_STATUS, ACTION_DEADLINE]
FIXED_COLUMNS = [
    NR,
    NAME,
    DESCRIPTION,
    CATEGORY,
    MEASURES,
    DOCUMENTS,
    *VALUATION,
    *ACTION_COLUMNS,
    CONSEQUENCE,
    OWNER,
    IN_PLAN,
    CHANGE,
]
# A level column: the risk's field and the axis of the matrix it counts on.
LEVELS = {
    GROSS_L: ("gross_likelihood", "likelihood"),
    GROSS_I: ("gross_impact", "impact"),
    NET_L: ("net_likelihood", "likelihood"),
    NET_I: ("net_impact", "impact"),
    TARGET_L: ("target_likelihood", "likelihood"),
    TARGET_I: ("target_impact", "impact"),
}
# A status column and the risk's levels it shows (written, never read).
STATUSES = {GROSS_S: ("gross_likelihood", "gross_impact"), NET_S: ("net_likelihood", "net_impact")}
TEXTS = {
    DESCRIPTION: "description",
    MEASURES: "existing_measures",
    DOCUMENTS: "governing_documents",
    CONSEQUENCE: "consequence",
}
WIDTHS = {NR: 5, NAME: 28, DESCRIPTION: 36, CATEGORY: 16, MEASURES: 36, DOCUMENTS: 22, ACTION: 36}
WIDTHS |= {ACTION_OWNER: 24, ACTION_STATUS: 10, ACTION_DEADLINE: 12, CONSEQUENCE: 30, OWNER: 24, IN_PLAN: 12}
WIDTHS |= dict.fromkeys(VALUATION, 11) | {CHANGE: 11}
AREA_WIDTH = 11
MARK = "X"
EMPTY_PART = "–"  # an empty part of one line among several, so that the lines stay aligned

YES, NO = "Ja", "Nej"
BOOLEANS = {"ja": True, "j": True, "x": True, "1": True, "nej": False, "n": False, "0": False, "": False}
MARKS = {"x": True, "ja": True, "1": True, "": False, "nej": False, "0": False}


def groups(areas) -> list[tuple[str, list[str]]]:
    """The layout's group headings and their columns, in order; the impact areas as the
    columns of "Huvudpåverkan på"."""
    return [
        ("Riskidentitet", [NR, NAME, DESCRIPTION, CATEGORY]),
        ("Huvudpåverkan på", [area.name for area in areas]),
        ("Hanteringen idag", [MEASURES, DOCUMENTS]),
        ("Riskvärdering", VALUATION),
        ("Handlingsplan", ACTION_COLUMNS),
        ("", [CONSEQUENCE, OWNER, IN_PLAN, CHANGE]),
    ]


def _flat(text: str) -> str:
    """One line: a part of a multi-line cell cannot hold line breaks of its own."""
    return " ".join(str(text).split())


def _joined(parts: list[str]) -> str:
    """The parts of the lines of a cell: one part as it is, several one per line, an empty one "–"."""
    if len(parts) == 1:
        return parts[0]
    return "\n".join(part or EMPTY_PART for part in parts)


def action_owner_text(action) -> str:
    """An action's Ansvarig as the file holds it: the person's e-mail, or the function named."""
    return action.owner.email if action.owner_id else action.owner_label


def risk_row(risk, areas, actions, definition: dict) -> dict:
    """A risk as the layout's row, {column: value}: numbers as numbers, the impact areas as
    X, the status columns as the status of the cell (or None when not valued)."""
    row = {
        NR: risk.number,
        NAME: risk.name,
        CATEGORY: risk.category.name if risk.category_id else "",
        OWNER: risk.owner.email if risk.owner_id else "",
        IN_PLAN: YES if risk.in_plan else NO,
        CHANGE: risk.get_change_display() if risk.change else "",
    }
    row |= {column: getattr(risk, name) for column, name in TEXTS.items()}
    row |= {column: getattr(risk, name) for column, (name, _axis) in LEVELS.items()}
    for column, (likelihood, impact) in STATUSES.items():
        levels = getattr(risk, likelihood), getattr(risk, impact)
        row[column] = riskmatrix.cell_status(definition, *levels) if riskmatrix.in_matrix(definition, *levels) else None
    marked = {area.pk for area in risk.impacts.all()}
    row |= {area.name: MARK if area.pk in marked else "" for area in areas}
    row[ACTION] = _joined([_flat(a.what) for a in actions])
    row[ACTION_OWNER] = _joined([_flat(action_owner_text(a)) for a in actions])
    row[ACTION_STATUS] = _joined([str(a.get_status_display()) for a in actions])
    row[ACTION_DEADLINE] = _joined([a.deadline.isoformat() if a.deadline else "" for a in actions])
    return row


def _plan_actions():
    """A risk's Handlingsplan: its actions that are not about a control result, in a fixed
    order (undated last on every database)."""
    return (
        RiskAction.objects.filter(result__isnull=True)
        .select_related("owner")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )


def _analysis_title(analysis) -> str:
    return _("Riskanalys %(year)s – %(unit)s (%(code)s) – %(state)s – %(matrix)s") % {
        "year": analysis.year,
        "unit": analysis.unit.name,
        "code": analysis.unit.code,
        "state": analysis.get_state_display(),
        "matrix": analysis.matrix,
    }


def export_analysis(analysis: RiskAnalysis) -> bytes:
    """The analysis as one sheet in the layout: a title row (unit, year, state, matrix
    version), the group headings, the header and a row per risk. The impact columns are
    the region's areas in use plus any retired one a risk of the analysis has. A fixed
    number of queries whatever the number of risks."""
    risks = list(
        Risk.objects.filter(analysis=analysis)
        .select_related("category", "owner")
        .prefetch_related("impacts", Prefetch("actions", queryset=_plan_actions(), to_attr="plan_actions"))
        .order_by("number")
    )
    used = {area.pk for risk in risks for area in risk.impacts.all()}
    areas = list(ImpactArea.objects.filter(Q(active=True) | Q(pk__in=used)))
    layout = groups(areas)
    names = [name for _title, columns in layout for name in columns]
    definition = analysis.matrix.definition

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(xlsx.sheet_names([_("Riskanalys")])[0])
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, AREA_WIDTH)
    sheet.freeze_panes = "C4"
    sheet.append(xlsx.merged_row(sheet, 1, [(_analysis_title(analysis), len(names))]))
    sheet.append(xlsx.merged_row(sheet, 2, [(title, len(columns)) for title, columns in layout]))
    sheet.append(xlsx.header(sheet, names, wrap=True))
    for risk in risks:
        row = risk_row(risk, areas, risk.plan_actions, definition)
        sheet.append([_write(sheet, name, row[name]) for name in names])
    return xlsx.to_bytes(workbook)


def _write(sheet, name, value):
    if name in STATUSES:
        return xlsx.status_cell(sheet, value) if value else None
    return xlsx.cell(sheet, value, wrap=isinstance(value, str) and "\n" in value)


# --- reading values -----------------------------------------------------------------------

_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES_SV, start=1)}
_MONTHS |= {name[:3]: number for name, number in list(_MONTHS.items())} | {"sept": 9}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t][0-9:.]+)?")
_NUMERIC = re.compile(r"(\d{1,2})[./](\d{1,2})(?:[./]|\s)\s*(\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s*([a-zåäö]+)\.?\s+(\d{4})")


def parse_date(text: str) -> datetime.date | None:
    """A date as people write it in a Swedish file: 2025-06-30 (also with a time, as
    Excel's date cells read), 30/6 2025, 30.6.2025, 30 juni 2025, 30 jun. 2025; None
    when it is none (31 februari too)."""
    text = " ".join(str(text).split()).casefold()
    try:
        if match := _ISO.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
        elif match := _NUMERIC.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
        elif (match := _WORDS.fullmatch(text)) and match[2] in _MONTHS:
            day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
        else:
            return None
        return datetime.date(year, month, day)
    except ValueError:
        return None


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def looks_like_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(text))


def lines(text: str) -> list[str]:
    """The lines of a cell, each stripped, "–" read as empty; none for an empty cell."""
    if not text:
        return []
    return ["" if part.strip() in ("–", "-") else part.strip() for part in text.replace("\r\n", "\n").split("\n")]


def one_of(words) -> str:
    """ "Planerad, Pågår eller Klar"."""
    words = [str(w) for w in words]
    return (
        words[0]
        if len(words) == 1
        else _("%(some)s eller %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}
    )


def members_by_email(emails) -> dict[str, User]:
    """The region's people with a role, by lower-case e-mail, among `emails` (one query)."""
    wanted = {e.lower() for e in emails}
    if not wanted:
        return {}
    found = User.objects.annotate(folded=Lower("email")).filter(
        folded__in=wanted, pk__in=RoleAssignment.objects.values("user_id")
    )
    return {user.email.lower(): user for user in found}


# --- the import ---------------------------------------------------------------------------

UNCHANGED = object()  # a value whose column is not in the file: the field is left as it is


@dataclass
class ActionLine:
    """One line of a risk's Handlingsplan cells."""

    what: str
    owner: object = UNCHANGED  # a User or None
    owner_label: object = UNCHANGED
    status: object = UNCHANGED
    deadline: object = UNCHANGED


@dataclass
class RiskRow:
    """One risk as read from the file: the fields its columns give (only those), its impact
    areas ({area pk: marked} for the areas that are columns) and its actions (None when the
    file has no Åtgärd column)."""

    row: int
    number: int
    fields: dict
    impacts: dict
    actions: list[ActionLine] | None


@dataclass
class AnalysisImport(ImportOutcome):
    """What an import of a risk analysis did, or the errors for which it did nothing."""

    created: int = 0
    updated: int = 0
    left: list[str] = field(default_factory=list)  # the analysis' risks that the file did not have
    actions_created: int = 0
    actions_updated: int = 0
    actions_left: int = 0
    analysis_created: bool = False

    def applied(self) -> str:
        parts = [
            ngettext("%(n)s ny risk", "%(n)s nya risker", self.created) % {"n": self.created},
            ngettext("%(n)s uppdaterad", "%(n)s uppdaterade", self.updated) % {"n": self.updated},
            ngettext("%(n)s ny åtgärd", "%(n)s nya åtgärder", self.actions_created) % {"n": self.actions_created},
            ngettext("%(n)s åtgärd uppdaterad", "%(n)s åtgärder uppdaterade", self.actions_updated)
            % {"n": self.actions_updated},
        ]
        text = _("Importerat: %(parts)s.") % {"parts": ", ".join(parts)}
        if self.analysis_created:
            text = _("Riskanalysen är skapad som utkast.") + " " + text
        if self.left:
            text += " " + _("Risker som inte fanns i filen är orörda: %(risks)s.") % {"risks": "; ".join(self.left)}
        if self.actions_left:
            text += " " + ngettext(
                "%(n)s åtgärd som inte fanns i filen är orörd.",
                "%(n)s åtgärder som inte fanns i filen är orörda.",
                self.actions_left,
            ) % {"n": self.actions_left}
        return text


def locked_message(analysis) -> str:
    return _("Riskanalysen för %(year)s är %(state)s och kan inte ändras genom import.") % {
        "year": analysis.year,
        "state": analysis.get_state_display().lower(),
    }


def import_analysis(raw: bytes, filename: str, unit, year: int) -> AnalysisImport:
    """Check a file in the layout against the unit's analysis of the year (or, when it has
    none, the region's current matrix) and, when it is clean, apply it; a draft analysis
    is created on `RiskMatrix.for_valuation()` when the unit has none for the year."""
    result = AnalysisImport()
    analysis = RiskAnalysis.objects.select_related("matrix").filter(unit=unit, year=year).first()
    if analysis is not None and analysis.locked:
        result.errors = [RowError(None, None, locked_message(analysis))]
        return result
    definition = (analysis.matrix if analysis else RiskMatrix.current()).definition
    try:
        header_row, header, rows = find_table(raw, filename, (NR, NAME), max_rows=MAX_ROWS)
        reader = _Reader(header_row, header, definition, result.errors)
        parsed = reader.parse(rows)
    except TableError as exc:
        result.errors = [RowError(None, None, str(exc))]
        return result
    if result.errors:
        result.errors.sort(key=lambda e: e.row or 0)
        return result
    _apply(parsed, unit, year, result)
    return result


class _Reader:
    """Reads the header and each row on its own, collecting every error."""

    def __init__(self, header_row: int, header: list[str], definition: dict, errors: list[RowError]):
        self.definition, self.errors = definition, errors
        self.size = dict(zip(("likelihood", "impact"), riskmatrix.size(definition), strict=True))
        self.categories = list(RiskCategory.objects.all())
        self.category_by_name = {fold(c.name): c for c in self.categories}
        areas = list(ImpactArea.objects.all())
        area_by_name = {fold(a.name): a for a in areas}
        fixed = {fold(name): name for name in FIXED_COLUMNS}
        self.columns: dict[str, str] = {}  # a layout column -> its header in the file
        self.areas: list[tuple[str, ImpactArea]] = []
        seen: set[str] = set()
        for title in header:
            key = fold(title)
            if not key:
                continue
            if key in seen:
                self.error(header_row, title, _("Kolumnen finns två gånger i rubrikraden."))
            elif key in fixed:
                self.columns[fixed[key]] = title
            elif key in area_by_name:
                self.areas.append((title, area_by_name[key]))
            else:
                self.error(
                    header_row,
                    title,
                    _("Okänd kolumn. Kolumnerna under Huvudpåverkan på är regionens påverkansområden: %(areas)s.")
                    % {"areas": ", ".join(a.name for a in areas if a.active) or _("(inga)")},
                )
            seen.add(key)

    def error(self, row, column, message):
        self.errors.append(RowError(row, column, message))

    def cell(self, values: dict, column: str) -> str | None:
        """The text of a layout column in a row; None when the file has no such column."""
        title = self.columns.get(column)
        return None if title is None else values.get(title, "").strip()

    def parse(self, rows) -> list[RiskRow]:
        read = list(rows)
        emails = set()
        for _number, values in read:
            owner = self.cell(values, OWNER)
            emails |= {owner} if owner else set()
            emails |= {part for part in lines(self.cell(values, ACTION_OWNER) or "") if looks_like_email(part)}
        self.members = members_by_email(emails)
        parsed, seen = [], {}
        for number, values in read:
            row = self.parse_row(number, values, seen)
            if row is not None:
                parsed.append(row)
        if not read:
            self.error(None, None, _("Filen innehåller inga risker."))
        return parsed

    def parse_row(self, row: int, values: dict, seen: dict) -> RiskRow | None:
        cell = lambda column: self.cell(values, column)  # noqa: E731
        number = parse_int(cell(NR))
        if not cell(NR):
            self.error(row, NR, _("Nr saknas."))
        elif number is None or not 1 <= number <= 32767:
            self.error(row, NR, _("Nr ska vara ett heltal från 1, inte ”%(value)s”.") % {"value": cell(NR)[:40]})
            number = None
        elif number in seen:
            self.error(row, NR, _("Nr %(nr)s finns redan på rad %(row)s.") % {"nr": number, "row": seen[number]})
            number = None
        else:
            seen[number] = row
        fields = {}
        name = cell(NAME)
        if not name:
            self.error(row, NAME, _("Benämning saknas."))
        elif len(name) > 200:
            self.error(row, NAME, _("Benämningen är längre än 200 tecken."))
        fields["name"] = name
        for column, attribute in TEXTS.items():
            if (text := cell(column)) is not None:
                fields[attribute] = text
        if (text := cell(CATEGORY)) is not None:
            fields["category"] = self.category(row, text)
        for column, (attribute, axis) in LEVELS.items():
            if (text := cell(column)) is not None:
                fields[attribute] = self.level(row, column, text, axis)
        if (text := cell(OWNER)) is not None:
            fields["owner"] = self.owner(row, text)
        if (text := cell(IN_PLAN)) is not None:
            fields["in_plan"] = self.boolean(row, IN_PLAN, text)
        if (text := cell(CHANGE)) is not None:
            fields["change"] = self.change(row, text)
        impacts = {area.pk: self.mark(row, title, values.get(title, "").strip()) for title, area in self.areas}
        actions = self.actions(row, values)
        return RiskRow(row, number, fields, impacts, actions) if number else None

    def category(self, row, text):
        if not text:
            return None
        found = self.category_by_name.get(fold(text))
        if found is None:
            self.error(
                row,
                CATEGORY,
                _("Okänd kategori ”%(value)s”. Regionens kategorier: %(names)s.")
                % {"value": text[:100], "names": ", ".join(c.name for c in self.categories) or _("(inga)")},
            )
        return found

    def level(self, row, column, text, axis) -> int | None:
        if not text:
            return None
        number, top = parse_int(text), self.size[axis]
        if number is None or not 1 <= number <= top:
            self.error(
                row,
                column,
                _(
                    "Ange en nivå från 1 till %(top)s (analysens riskmatris är %(rows)s × %(columns)s), inte ”%(value)s”."
                )
                % {"top": top, "rows": self.size["likelihood"], "columns": self.size["impact"], "value": text[:40]},
            )
            return None
        return number

    def owner(self, row, text):
        if not text:
            return None
        user = self.members.get(text.lower())
        if user is None:
            self.error(
                row,
                OWNER,
                _("Ingen med e-postadressen ”%(value)s” har en roll i regionen. Skriv riskägarens e-postadress.")
                % {"value": text[:100]},
            )
        return user

    def boolean(self, row, column, text) -> bool:
        value = BOOLEANS.get(text.casefold())
        if value is None:
            self.error(row, column, _("Skriv Ja eller Nej, inte ”%(value)s”.") % {"value": text[:40]})
            return False
        return value

    def mark(self, row, column, text) -> bool:
        value = MARKS.get(text.casefold())
        if value is None:
            self.error(row, column, _("Skriv X eller lämna tomt, inte ”%(value)s”.") % {"value": text[:40]})
            return False
        return value

    def change(self, row, text) -> str:
        if not text:
            return ""
        choices = {fold(label): key for key, label in Risk.CHANGE_CHOICES}
        value = choices.get(fold(text))
        if value is None:
            self.error(
                row,
                CHANGE,
                _("Okänd förändring ”%(value)s”. Skriv %(choices)s eller lämna tomt.")
                % {"value": text[:40], "choices": one_of(label for _key, label in Risk.CHANGE_CHOICES)},
            )
        return value or ""

    def actions(self, row, values) -> list[ActionLine] | None:
        """The Handlingsplan's lines: line i of each action column is one action."""
        if ACTION not in self.columns:
            return None
        cells = {column: lines(self.cell(values, column) or "") for column in ACTION_COLUMNS}
        count = max(len(parts) for parts in cells.values())
        found = []
        for index in range(count):
            part = {column: parts[index] if index < len(parts) else "" for column, parts in cells.items()}
            if not any(part.values()):
                continue
            where = (_("Rad %(n)s i cellen: ") % {"n": index + 1}) if count > 1 else ""
            if not part[ACTION]:
                self.error(row, ACTION, where + _("Åtgärd saknas, men raden har ansvarig, status eller datum."))
                continue
            line = ActionLine(part[ACTION])
            if ACTION_OWNER in self.columns:
                line.owner, line.owner_label = self.action_owner(row, where, part[ACTION_OWNER])
            if ACTION_STATUS in self.columns:
                line.status = self.action_status(row, where, part[ACTION_STATUS])
            if ACTION_DEADLINE in self.columns:
                line.deadline = self.deadline(row, where, part[ACTION_DEADLINE])
            found.append(line)
        return found

    def action_owner(self, row, where, text):
        if looks_like_email(text):
            user = self.members.get(text.lower())
            if user is None:
                self.error(
                    row,
                    ACTION_OWNER,
                    where + _("Ingen med e-postadressen ”%(value)s” har en roll i regionen.") % {"value": text[:100]},
                )
            return user, ""
        if len(text) > 200:
            self.error(row, ACTION_OWNER, where + _("Ansvarig är längre än 200 tecken."))
        return None, text[:200]

    def action_status(self, row, where, text) -> str:
        if not text:
            return RiskAction.PLANNED
        choices = {fold(label): key for key, label in RiskAction.STATUS_CHOICES}
        value = choices.get(fold(text))
        if value is None:
            self.error(
                row,
                ACTION_STATUS,
                where
                + _("Okänd status ”%(value)s”. Skriv %(choices)s.")
                % {"value": text[:40], "choices": one_of(label for _key, label in RiskAction.STATUS_CHOICES)},
            )
        return value or RiskAction.PLANNED

    def deadline(self, row, where, text):
        if not text:
            return None
        value = parse_date(text)
        if value is None:
            self.error(
                row,
                ACTION_DEADLINE,
                where
                + _("”%(value)s” är inget datum. Skriv ÅÅÅÅ-MM-DD eller t.ex. 30 juni 2025.") % {"value": text[:40]},
            )
        return value


@transaction.atomic
def _apply(rows: list[RiskRow], unit, year: int, result: AnalysisImport) -> None:
    """Write a checked file, every row through save() (the audit trail), in one transaction."""
    analysis = RiskAnalysis.objects.select_for_update().filter(unit=unit, year=year).first()
    if analysis is None:
        analysis = RiskAnalysis.objects.create(unit=unit, year=year, matrix=RiskMatrix.for_valuation())
        result.analysis_created = True
    elif analysis.locked:  # adopted while the file was being read
        result.errors = [RowError(None, None, locked_message(analysis))]
        return
    existing = {
        risk.number: risk
        for risk in Risk.objects.filter(analysis=analysis).prefetch_related(
            "impacts", Prefetch("actions", queryset=_plan_actions(), to_attr="plan_actions")
        )
    }
    in_file = set()
    for row in rows:
        in_file.add(row.number)
        risk = existing.get(row.number)
        new = risk is None
        if new:
            risk = Risk(analysis=analysis, number=row.number)
        for name, value in row.fields.items():
            setattr(risk, name, value)
        risk.save()
        result.created += new
        result.updated += not new
        if row.impacts:
            had = set() if new else {area.pk for area in risk.impacts.all()}
            wanted = (had - set(row.impacts)) | {pk for pk, marked in row.impacts.items() if marked}
            if wanted != had:
                risk.impacts.set(wanted)
        if row.actions is not None:
            _apply_actions(risk, [] if new else list(risk.plan_actions), row.actions, result)
    result.left = [str(risk) for number, risk in sorted(existing.items()) if number not in in_file]


def _apply_actions(risk, pool: list[RiskAction], actions: list[ActionLine], result: AnalysisImport) -> None:
    """A line updates the risk's action of the same text (case and spaces folded), or is a
    new action; actions of the risk the file does not name are left as they are."""
    today = timezone.localdate()
    for line in actions:
        action = next((a for a in pool if fold(a.what) == fold(line.what)), None)
        if action is None:
            action = RiskAction(risk=risk, what=line.what)
            result.actions_created += 1
        else:
            pool.remove(action)
            result.actions_updated += 1
        if line.owner is not UNCHANGED:
            action.owner, action.owner_label = line.owner, line.owner_label
        if line.deadline is not UNCHANGED:
            action.deadline = line.deadline
        if line.status is not UNCHANGED:
            action.status = line.status
            if action.status != RiskAction.DONE:
                action.done_on = None
            elif action.done_on is None:
                action.done_on = today
        action.save()
    result.actions_left += len(pool)


# --- the internal-control plan and its results ------------------------------------------------

PLAN_COLUMNS = [
    ("Nr", 5),
    ("Risk", 28),
    ("Kontrollmoment", 36),
    ("Metod", 28),
    ("Stickprov", 14),
    ("Frekvens", 14),
    ("Ansvarig", 22),
    ("Verksamhet", 22),
    ("När", 12),
]
RESULT_COLUMNS = [
    ("Nr", 5),
    ("Kontrollmoment", 36),
    ("Tillfälle", 12),
    ("Senast", 12),
    ("Resultat", 18),
    ("Status", 10),
    ("Utförd den", 12),
    ("Vad som kontrollerades", 36),
    ("Iakttagelser", 36),
    ("Åtgärd", 36),
    ("Ansvarig", 22),
    ("Klart senast", 12),
    ("Åtgärdsstatus", 12),
]
DATE_FORMAT = "yyyy-mm-dd"


def _date(sheet, value):
    return xlsx.cell(sheet, value, number_format=DATE_FORMAT) if value else None


def _start(sheet, columns, title: str) -> None:
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.append(xlsx.merged_row(sheet, 1, [(title, len(columns))]))
    sheet.append(xlsx.header(sheet, [name for name, _width in columns], wrap=True))


def export_plan(analysis: RiskAnalysis) -> bytes:
    """The internal-control plan (a row per control of the risks in the plan) and its
    results (a row per recorded occurrence, with its actions as lines), each on its own
    sheet; a result shows its outcome in words on its status colour. A fixed number of
    queries whatever the size."""
    controls = list(
        Control.objects.filter(risk__analysis=analysis, risk__in_plan=True)
        .select_related("risk", "responsible", "unit")
        .order_by("risk__number", "order", "pk")
    )
    results = list(
        ControlResult.objects.filter(control__risk__analysis=analysis, control__risk__in_plan=True)
        .prefetch_related(Prefetch("actions", queryset=RiskAction.objects.select_related("owner").order_by("pk")))
        .order_by("due_on", "pk")
    )
    by_control = {c.pk: c for c in controls}
    order = {c.pk: index for index, c in enumerate(controls)}
    results.sort(key=lambda r: (order[r.control_id], r.due_on, r.pk))
    remember([c.responsible for c in controls] + [a.owner for r in results for a in r.actions.all()])

    workbook = Workbook(write_only=True)
    plan_name, results_name = xlsx.sheet_names([_("Internkontrollplan"), _("Resultat")])
    sheet = workbook.create_sheet(plan_name)
    _start(sheet, PLAN_COLUMNS, _("Internkontrollplan %(year)s – %(unit)s – %(state)s") % _about(analysis))
    for control in controls:
        sheet.append(
            [
                control.risk.number,
                xlsx.cell(sheet, control.risk.name),
                xlsx.cell(sheet, control.what, wrap=True),
                xlsx.cell(sheet, control.method, wrap=True),
                xlsx.cell(sheet, control.sample),
                str(control.get_frequency_display()),
                xlsx.cell(sheet, display_name(control.responsible) if control.responsible_id else ""),
                xlsx.cell(sheet, control.unit.name),
                _date(sheet, control.due_on),
            ]
        )

    sheet = workbook.create_sheet(results_name)
    _start(sheet, RESULT_COLUMNS, _("Uppföljning av internkontroll %(year)s – %(unit)s") % _about(analysis))
    labels = {}
    for result in results:
        control = by_control[result.control_id]
        if control.pk not in labels:
            labels[control.pk] = {
                o.code: o.label for o in occurrences(control.frequency, analysis.year, control.due_on)
            }
        actions = list(result.actions.all())
        owners = [_flat(display_name(a.owner) if a.owner_id else a.owner_label) for a in actions]
        sheet.append(
            [
                control.risk.number,
                xlsx.cell(sheet, control.what, wrap=True),
                xlsx.cell(sheet, labels[control.pk].get(result.occurrence, result.occurrence)),
                _date(sheet, result.due_on),
                xlsx.status_cell(sheet, outcome_status(result.outcome), result.get_outcome_display())
                if result.outcome
                else None,
                xlsx.status_cell(sheet, outcome_status(result.outcome)),
                _date(sheet, result.performed_on),
                xlsx.cell(sheet, result.checked, wrap=True),
                xlsx.cell(sheet, result.findings, wrap=True),
                xlsx.cell(sheet, _joined([_flat(a.what) for a in actions]), wrap=True),
                xlsx.cell(sheet, _joined(owners), wrap=True),
                xlsx.cell(sheet, _joined([a.deadline.isoformat() if a.deadline else "" for a in actions]), wrap=True),
                xlsx.cell(sheet, _joined([str(a.get_status_display()) for a in actions]), wrap=True),
            ]
        )
    return xlsx.to_bytes(workbook)


def _about(analysis) -> dict:
    return {"year": analysis.year, "unit": analysis.unit.name, "state": analysis.get_state_display()}
