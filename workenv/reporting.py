"""The report section "Systematiskt arbetsmiljöarbete" (registered with the core's registry
from workenv.apps; reports know only the registry). Being automatic, it is in every new
region's årsrapport (and delårsrapport) by the report catalogue's defaults and can be chosen
for other kinds. For the report's unit and the year of its period: the annual follow-up's
roll-up of the units below (red first) and the unit's own result, incidents per kind
(counts under 5 as "< 5": a report is read by many), and the action plan's status. A fixed
number of queries (workenv.queries)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regionplan import registry
from regionplan.tables import NUMBER, STATUS, TEXT, Column, Table
from workenv import queries, rules_annual
from workenv.models import Incident

KEY = "workenv"
TITLE = gettext_lazy("Systematiskt arbetsmiljöarbete")
EMPTY_NOTE = gettext_lazy("Enheten har inga uppgifter om arbetsmiljöarbetet för året.")
ORDER = 127  # after Uppföljning av internkontroll (125), before the charts and the appendix


def register() -> None:
    registry.add_report_section(registry.ReportSection(KEY, TITLE, True, ORDER, build=build, empty_note=EMPTY_NOTE))


def rollup_table(roll: rules_annual.RollUp, title: str) -> Table:
    table = Table(
        KEY + "-arlig",
        title,
        [
            Column(_("Fråga")),
            Column(_("Status"), STATUS),
            Column(_("Ja"), NUMBER, 0),
            Column(_("Delvis"), NUMBER, 0),
            Column(_("Nej"), NUMBER, 0),
            Column(_("Ej besvarad"), NUMBER, 0),
            Column(_("Ej påbörjad"), NUMBER, 0),
        ],
    )
    for t in roll.tallies:
        table.rows.append([t.question.text, t.status, t.yes, t.partly, t.no, t.unanswered, t.not_started])
    return table


def incidents_table(figures: queries.Dashboard, year: int) -> Table:
    table = Table(
        KEY + "-handelser",
        _("Tillbud och skador %(year)s per typ") % {"year": year},
        [Column(_("Typ")), Column(_("Antal"), TEXT)],
    )
    for kind, label in Incident.KIND_CHOICES:
        n = sum(count for (k, _month), count in figures.incidents.items() if k == kind)
        table.rows.append([str(label), str(rules_annual.suppress_small(n, True))])
    table.rows.append([_("Allvarliga, inte anmälda till Arbetsmiljöverket"), str(figures.total.serious_unreported)])
    return table


def actions_table(figures: queries.Dashboard, year: int) -> Table:
    table = Table(
        KEY + "-atgarder",
        _("Handlingsplanernas åtgärder"),
        [Column(_("Åtgärder")), Column(_("Antal"), NUMBER, 0)],
    )
    table.rows.append([_("Öppna"), figures.total.actions_open])
    table.rows.append([_("Försenade"), figures.total.actions_overdue])
    table.rows.append([_("Genomförda %(year)s") % {"year": year}, figures.total.actions_done])
    return table


def build(facts) -> list:
    """The section's tables for the report's unit and the year of its period."""
    unit, year = facts.unit, facts.period.start.year
    today = timezone.localdate()
    questions = queries.active_questions()
    blocks: list = []
    own = queries.unit_results([unit], year, len(questions))[0]
    direct, subtree, children = queries.annual_rollup(unit, year, questions)
    if children and subtree.started:
        blocks.append(
            rollup_table(
                subtree,
                _("Årlig uppföljning av SAM %(year)s – enheterna under %(unit)s (%(signed)s av %(units)s signerade)")
                % {"year": year, "unit": unit.name, "signed": subtree.signed, "units": subtree.units},
            )
        )
    if own.followup is not None:
        table = Table(
            KEY + "-egen",
            _("Årlig uppföljning av SAM %(year)s – %(unit)s") % {"year": year, "unit": unit.name},
            [Column(_("Enhet")), Column(_("Status"), STATUS), Column(_("Signerad"))],
        )
        signed = own.followup.signed_on.isoformat() if own.followup.signed_on else _("Nej")
        table.rows.append([unit.name, own.status, signed])
        blocks.append(table)
    figures = queries.dashboard(unit, year, today)
    if figures.incidents or figures.total.serious_unreported:
        blocks.append(incidents_table(figures, year))
    if figures.total.actions_open or figures.total.actions_done:
        blocks.append(actions_table(figures, year))
    return blocks
