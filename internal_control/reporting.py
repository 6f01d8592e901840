"""The report section "Uppföljning av internkontroll" (registered with the core's registry
from internal_control.apps; reports know only the registry): for the report's unit and
period, the table of seed 003 (Mål/säkerställa, Vad kan gå fel, Konsekvens, Verksamhet,
Kontroll/mitigerande åtgärd with its results), the units under it counted, the heat map of
the subtree (netto) with its table, and the open actions. A board's report reads adopted and
closed analyses only. A fixed number of queries whatever the subtree's size: the unit's own
plan is listed, the units under it are counted in SQL (internal_control.queries)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from internal_control import queries
from internal_control.models import RiskAction, RiskAnalysis
from regionplan import registry, riskmatrix
from regionplan.models import OrgUnit
from regionplan.people import display_name
from regionplan.status import look
from regionplan.tables import NUMBER, STATUS, Column, Figure, Table

KEY = "internkontroll"
TITLE = gettext_lazy("Uppföljning av internkontroll")
EMPTY_NOTE = gettext_lazy("Enheten har ingen fastställd internkontrollplan för året.")
ORDER = 125  # after Återrapportering av uppdrag (120), before the charts and the appendix


def register() -> None:
    registry.add_report_section(registry.ReportSection(KEY, TITLE, True, ORDER, build=build, empty_note=EMPTY_NOTE))


def result_text(line: queries.ControlLine) -> str:
    """A control's cell: what is checked, then each result up to the period, as the real
    report writes it: what was checked and what it showed."""
    parts = [line.control.what]
    for result in line.results:
        if not result.outcome:
            continue
        said = " ".join(text for text in (result.checked.strip(), result.findings.strip()) if text)
        parts.append(f"{result.occurrence}: {result.get_outcome_display()}" + (f". {said}" if said else ""))
    return "\n".join(parts)


def plan_table(lines: list[queries.ControlLine], unit_name: str) -> Table:
    table = Table(
        KEY,
        _("Internkontrollplanens kontroller och resultat – %(unit)s") % {"unit": unit_name},
        [
            Column(_("Mål/säkerställa")),
            Column(_("Vad kan gå fel/undvika")),
            Column(_("Konsekvens")),
            Column(_("Verksamhet")),
            Column(_("Kontroll/mitigerande åtgärd och resultat")),
            Column(_("Resultat"), STATUS),
        ],
    )
    for line in lines:
        risk = line.control.risk
        table.rows.append(
            [risk.name, risk.description, risk.consequence, line.control.unit.name, result_text(line), line.status]
        )
    return table


def children_table(children: list[OrgUnit], per_child: dict[int, queries.Tally], period) -> Table:
    table = Table(
        "internkontroll-enheter",
        _("Kontroller och åtgärder %(period)s i enheterna under") % {"period": period},
        [
            Column(_("Enhet")),
            Column(_("Kontroller att göra"), NUMBER, 0),
            Column(_("Gjorda"), NUMBER, 0),
            Column(_("Med brister"), NUMBER, 0),
            Column(_("Försenade"), NUMBER, 0),
            Column(_("Öppna åtgärder"), NUMBER, 0),
            Column(_("Försenade åtgärder"), NUMBER, 0),
        ],
    )
    for child in children:
        tallied = per_child.get(child.pk)
        if tallied is None:
            continue
        table.rows.append(
            [
                child.name,
                tallied.due,
                tallied.done,
                tallied.deviations,
                tallied.overdue,
                tallied.actions_open,
                tallied.actions_overdue,
            ]
        )
    return table


def heat_table(heat: queries.HeatMap) -> Table:
    """The heat map's numbers: one row per likelihood level, a column per impact level, each
    cell its count; the title says how many are in each status (the drawing shows which)."""
    definition = heat.definition
    table = Table(
        "internkontroll-riskkarta",
        _("Antal risker per ruta (%(counts)s)") % {"counts": status_words(heat.by_status()) or _("inga värderade")},
        [Column(_("Sannolikhet"))]
        + [Column(f"{n} {name}", NUMBER, 0) for n, name in enumerate(riskmatrix.impact_names(definition), start=1)],
    )
    for row in heat.rows():
        table.rows.append([f"{row.likelihood} {row.name}"] + [cell.count for cell in row.cells])
    return table


def status_words(by_status: dict[str, int]) -> str:
    return ", ".join(f"{look(status).label} {n}" for status, n in by_status.items() if n)


def actions_table(lines: list[queries.ActionLine]) -> Table:
    table = Table(
        "internkontroll-atgarder",
        _("Öppna åtgärder"),
        [
            Column(_("Risk")),
            Column(_("Åtgärd")),
            Column(_("Ansvarig")),
            Column(_("Klart senast")),
            Column(_("Status")),
        ],
    )
    labels = dict(RiskAction.STATUS_CHOICES)
    for line in lines:
        action = line.action
        owner = display_name(action.owner) if action.owner else action.owner_label
        deadline = action.deadline.isoformat() if action.deadline else "–"
        table.rows.append(
            [
                action.risk.name,
                action.what,
                owner or "–",
                f"⚠ {deadline} ({_('försenad')})" if line.overdue else deadline,
                str(labels.get(line.status, line.status)),
            ]
        )
    return table


def build(facts) -> list:
    """The section's tables and heat map for the report's unit and period."""
    unit, period = facts.unit, facts.period
    today = timezone.localdate()
    shown = RiskAnalysis.objects.filter(state__in=queries.SHOWN)
    subtree = queries.in_subtree(unit, period.start.year, shown)
    own = subtree.filter(unit=unit)
    blocks: list = []
    lines = queries.control_lines(own, period.end)
    if lines:
        blocks.append(plan_table(lines, unit.name))
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    if children:
        _total, per_child = queries.tally(unit, subtree, period, today)
        table = children_table(children, per_child, period)
        if table.rows:
            blocks.append(table)
    for heat in queries.heatmaps(subtree, "net"):
        title = _("Riskkarta netto (med befintliga åtgärder), %(unit)s med enheterna under – %(matrix)s") % {
            "unit": unit.name,
            "matrix": heat.matrix,
        }
        blocks.append(
            Figure(
                KEY + "-karta",
                title,
                riskmatrix.heatmap_svg(heat.definition, heat.counts, title),
                heat_table(heat),
            )
        )
    actions = queries.open_actions(own, period, today)
    if actions:
        blocks.append(actions_table(actions))
    return blocks
