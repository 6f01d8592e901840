"""Report assembly: everything a report shows, for a unit and its subtree in a period.

`Facts` loads the data in a fixed number of queries whatever the size of the subtree
(units, periods, items with their ancestors, adoptions, assessments, values of this year
and last, economy figures, settings), and the section builders turn it into `Table`s and
`Chart`s: plain data that the screen preview, the PDF and the Excel file all render, so
the three always agree.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.models import Assessment, EconomyFigure, FollowupSettings, MeasureValue
from goals.models import MeasureAdoption, PlanItem, PlanSettings
from goals.rules import Levels, format_target
from regionplan import registry
from regionplan.models import OrgUnit, Period
from regionplan.status import Status, roll_up
from regionplan.tables import NUMBER, PERCENT, STATUS, Column, Figure, Noted, Table
from reports import charts, rules, texts

ChartBlock = charts.TrendBlock  # a chart of the report, with its table alternative


@dataclass
class SectionContent:
    """One section as shown: heading, narrative text (safe HTML), tables, charts, a note."""

    key: str
    title: str
    anchor: str
    automatic: bool
    html: str = ""
    tables: list[Table] = field(default_factory=list)
    charts: list[ChartBlock] = field(default_factory=list)
    note: str = ""

    @property
    def blocks(self) -> list:
        """The tables and drawings in the order the section's builder gave them."""
        return self.order or [*self.tables, *self.charts]

    order: list = field(default_factory=list)


@dataclass
class ReportContent:
    """A whole report, ready to render."""

    region_name: str
    unit_name: str
    kind_name: str
    period: Period
    period_label: str
    document_date: datetime.date
    approved: bool
    sections: list[SectionContent]
    data_note: str

    @property
    def tables(self) -> list[Table]:
        tables = [table for section in self.sections for table in section.tables]
        tables += [block.table for section in self.sections for block in section.charts]
        return tables

    kind_tertial: int | None = None
    # The document's data, as the real report's header carries it (seed 003: DOKUMENT-ID,
    # VERSION, PUBLICERINGSDATUM = document_date, ANSVARIG, UPPRÄTTAD AV).
    document_id: str = ""
    version: str = ""
    responsible: str = ""
    author: str = ""

    @property
    def heading(self) -> str:
        """ "Delårsrapport 2022" when the kind fits the period, else "Tertialrapport Tertial 1 2023"."""
        if self.period.kind == "tertial" and self.period.number == self.kind_tertial:
            return f"{self.kind_name} {self.period.start.year}"
        return f"{self.kind_name} {self.period_label}"

    @property
    def title(self) -> str:
        return f"{self.heading} – {self.unit_name}"


@dataclass
class Line:
    """A followed item in the subtree: an item and the unit that follows it (the owner,
    or a unit that adopted the measure), with its assessment and values."""

    item: PlanItem
    unit: OrgUnit
    target: object
    status: str = Status.NOT_ASSESSED
    comment: str = ""
    values: dict = field(default_factory=dict)  # sex -> {period id: value}
    previous_values: dict = field(default_factory=dict)  # the same, on last year's item


class Facts:
    """The data of a report, loaded once in a fixed number of queries."""

    def __init__(self, unit: OrgUnit, period: Period):
        self.unit, self.period = unit, period
        year = self.year = period.start.year
        in_subtree = Q(unit__path__startswith=unit.path)
        self.units = {u.pk: u for u in OrgUnit.objects.filter(path__startswith=unit.path).order_by("path")}
        self.periods = list(
            Period.objects.filter(start__year__gte=year - 1, end__lte=period.end).order_by("end", "kind")
        )
        self.periods_by_id = {p.pk: p for p in self.periods}
        previous_code = rules.same_period_last_year(period.code)
        self.previous_period = next((p for p in self.periods if p.code == previous_code), None)
        self.settings = FollowupSettings.current()
        self.labels = PlanSettings.current()
        own = list(
            PlanItem.objects.filter(year=year, plan__unit__path__startswith=unit.path)
            .select_related("perspective", "plan__unit")
            .order_by("path")
        )
        adoptions = list(
            MeasureAdoption.objects.filter(measure__year=year, unit__path__startswith=unit.path).select_related(
                "measure__perspective", "measure__plan__unit"
            )
        )
        items = {item.pk: item for item in own}
        items.update({a.measure_id: a.measure for a in adoptions})
        above = {int(pk) for item in items.values() for pk in item.path.strip("/").split("/")} - set(items)
        items.update({item.pk: item for item in PlanItem.objects.filter(pk__in=above).select_related("perspective")})
        self.items = items
        self.lines = [Line(item, self.units[item.plan.unit_id], item.target) for item in own]
        self.lines += [Line(a.measure, self.units[a.unit_id], a.effective_target()) for a in adoptions]
        self.lines.sort(key=lambda line: (line.item.path, line.unit.path))
        by_key = {(line.item.pk, line.unit.pk): line for line in self.lines}
        # The period's assessments in the subtree.
        self.assessments = list(
            Assessment.objects.filter(in_subtree, period=period, item__year=year).values_list(
                "item_id", "unit_id", "status", "comment"
            )
        )
        self.own = {}  # (item, unit) -> (status, comment)
        self.below = defaultdict(list)  # item id -> [(status, critical, level)] of the items under it
        for item_id, unit_id, status, comment in self.assessments:
            self.own[(item_id, unit_id)] = (status, comment)
            line = by_key.get((item_id, unit_id))
            if line:
                line.status, line.comment = status, comment
            item = items.get(item_id)
            if item is None or item.finished:
                continue
            for pk in item.path.strip("/").split("/")[:-1]:
                self.below[int(pk)].append((status, item.critical, item.level))
        # Values of this year's measures and of the items they were copied from (last year).
        measures = [line for line in self.lines if line.item.level == Levels.MEASURE]
        last_year = {line.item.copied_from_id: line.item.pk for line in measures if line.item.copied_from_id}
        measure_ids = {line.item.pk for line in measures} | set(last_year)
        values = (
            MeasureValue.objects.filter(in_subtree, period__in=[p.pk for p in self.periods])
            .filter(measure__year__gte=year - 1)
            .values_list("measure_id", "unit_id", "period_id", "sex", "value")
        )
        for measure_id, unit_id, period_id, sex, value in values:
            if measure_id not in measure_ids:
                continue
            if measure_id in last_year:
                line = by_key.get((last_year[measure_id], unit_id))
                if line:
                    line.previous_values.setdefault(sex, {})[period_id] = value
            line = by_key.get((measure_id, unit_id))
            if line:
                line.values.setdefault(sex, {})[period_id] = value
        periods = [period.pk] + ([self.previous_period.pk] if self.previous_period else [])
        self.economy = list(
            EconomyFigure.objects.filter(in_subtree, period_id__in=periods)
            .order_by("pk")  # the finance file's order of lines
            .values_list("unit_id", "period_id", "kind", "line", "budget", "outcome", "forecast", "outcome_earlier")
        )
        stamp = Assessment.objects.filter(in_subtree, period=period).aggregate(
            count=Count("id"), latest=Max("updated_at")
        )
        value_stamp = MeasureValue.objects.filter(in_subtree, period=period).aggregate(
            count=Count("id"), latest=Max("updated_at")
        )
        self.stamp = (
            stamp["count"],
            value_stamp["count"],
            max(filter(None, [stamp["latest"], value_stamp["latest"]]), default=None),
        )

    # --- helpers -----------------------------------------------------------------------

    def label(self, level: str, plural: bool = False) -> str:
        return self.labels.label(level, plural).capitalize()

    def unit_suffix(self, line: Line) -> str:
        return "" if line.unit.pk == self.unit.pk else f" ({line.unit.name})"

    def rolled(self, item: PlanItem, levels: tuple[str, ...]) -> tuple[str, str]:
        """An item's status for the report's unit: the unit's own assessment of it if it
        made one, otherwise the roll-up of the subtree's assessments of the items under it
        (with the counts as the comment)."""
        status, comment, note = self.assessed(item, levels)
        return status, comment or note

    def assessed(self, item: PlanItem, levels: tuple[str, ...]) -> tuple[str, str, str]:
        """(status, comment, note): the report's unit's own status and comment on the item
        where it made one; otherwise the roll-up of the items under it, with the comment the
        unit wrote (if any) and the roll-up's explanation as the note ("0 röda, 0 gula,
        1 grön av 1 → Grön"), never in place of what a person wrote."""
        own = self.own.get((item.pk, self.unit.pk))
        if own and own[0] != Status.NOT_ASSESSED:
            return own[0], own[1], ""
        below = [(status, critical) for status, critical, level in self.below.get(item.pk, ()) if level in levels]
        result = roll_up(below, self.settings.rollup_rule)
        return result.status, (own[1] if own else ""), (result.explanation() if result.total else "")

    def outcome(self, line: Line, sex: str = MeasureValue.TOTAL, previous: bool = False) -> Decimal | None:
        if previous:
            if self.previous_period is None:
                return None
            return rules.outcome_for(line.previous_values.get(sex, {}), self.previous_period, self.periods)
        return rules.outcome_for(line.values.get(sex, {}), self.period, self.periods)

    def data_note(self) -> str:
        assessments, values, latest = self.stamp
        text = _("%(a)s bedömningar och %(v)s värden för perioden") % {"a": assessments, "v": values}
        if latest:
            from django.utils import timezone
            from django.utils.formats import date_format

            text += ", " + _("senast ändrat %(when)s") % {"when": date_format(timezone.localtime(latest), "Y-m-d H:i")}
        return text


# --- section builders ------------------------------------------------------------------------


def goal_fulfilment(facts: Facts) -> list[Table]:
    """Per perspective: strategic goal, its assessment, success factors with theirs and the comments."""
    goals = sorted(
        (i for i in facts.items.values() if i.level == Levels.GOAL),
        key=lambda g: (g.perspective.order if g.perspective else 999, g.path),
    )
    factors = defaultdict(list)
    for item in sorted(facts.items.values(), key=lambda i: i.path):
        if item.level == Levels.FACTOR:
            factors[item.parent_id].append(item)
    table = Table(
        "maluppfyllelse",
        _("Sammanfattande måluppfyllelse i perspektiv"),
        [
            Column(_("Perspektiv"), group=True),
            Column(facts.label(Levels.GOAL), group=True),
            Column(_("Bedömning"), STATUS, group=True),
            Column(facts.label(Levels.FACTOR)),
            Column(_("Bedömning"), STATUS),
            Column(_("Kommentar")),
        ],
    )
    for goal in goals:
        goal_status, goal_comment, goal_note = facts.assessed(goal, (Levels.FACTOR, Levels.MEASURE))
        perspective = goal.perspective.name if goal.perspective else _("Övrigt")
        for factor in factors.get(goal.pk) or [None]:
            if factor is None:
                table.rows.append([perspective, goal.name, goal_status, "", "", Noted(goal_comment, goal_note)])
                continue
            status, comment, note = facts.assessed(factor, (Levels.MEASURE,))
            table.rows.append([perspective, goal.name, goal_status, factor.name, status, Noted(comment, note)])
    return [table]


def sex_split(facts: Facts) -> list[Table]:
    """The measures split by sex: Styrmått | Mål | Utfall kvinnor | Utfall män | Utfall totalt."""
    table = Table(
        "jamstalldhet",
        _("Könsuppdelade styrmått, utfall %(period)s") % {"period": facts.period},
        [
            Column(_("Styrmått")),
            Column(_("Mål")),
            Column(_("Utfall kvinnor"), NUMBER),
            Column(_("Utfall män"), NUMBER),
            Column(_("Utfall totalt"), NUMBER),
            Column(_("Enhet")),
        ],
    )
    for line in facts.lines:
        if line.item.level == Levels.MEASURE and line.item.split_by_sex:
            table.rows.append(
                [
                    line.item.name + facts.unit_suffix(line),
                    format_target(line.target, line.item.measure_unit),
                    facts.outcome(line, MeasureValue.WOMEN),
                    facts.outcome(line, MeasureValue.MEN),
                    facts.outcome(line),
                    line.item.measure_unit,
                ]
            )
    return [table]


def previous_outcome(facts: Facts, line: Line, previous_code: str) -> Decimal | Noted:
    """A measure's outcome in the same period last year (on the item it was copied from),
    or, where there is none, the reason as a short note in the cell: the period is not in
    the calendar, the measure is new this year (not copied from last year's plan), or no
    value was reported."""
    if facts.previous_period is None:
        return Noted("", _("%(period)s saknas") % {"period": previous_code})
    if not line.item.copied_from_id:
        return Noted("", _("Nytt %(year)s") % {"year": facts.year})
    value = facts.outcome(line, previous=True)
    if value is None:
        return Noted("", _("Inget värde"))
    return value


def appendix(facts: Facts) -> list[Table]:
    """All success factors and measures: target, outcome, last year's outcome, status."""
    previous = rules.same_period_last_year(facts.period.code)
    table = Table(
        "bilaga",
        _("Framgångsfaktorer och styrmått"),
        [
            Column(_("Kod")),
            Column(_("Namn")),
            Column(_("Enhet")),
            Column(_("Mål")),
            Column(_("Utfall %(period)s") % {"period": facts.period.code}, NUMBER),
            Column(_("Utfall %(period)s") % {"period": previous}, NUMBER),
            Column(_("Bedömning"), STATUS),
        ],
    )
    for line in facts.lines:
        if line.item.level == Levels.FACTOR:
            status, _comment = (
                facts.rolled(line.item, (Levels.MEASURE,)) if line.unit.pk == facts.unit.pk else (line.status, "")
            )
            table.rows.append([line.item.code, line.item.name, line.unit.name, "", None, None, status])
        elif line.item.level == Levels.MEASURE:
            target = format_target(line.target, line.item.measure_unit)
            table.rows.append(
                [
                    line.item.code,
                    line.item.name,
                    line.unit.name,
                    target,
                    facts.outcome(line),
                    previous_outcome(facts, line, previous),
                    line.status,
                ]
            )
    return [table]


def assignments(facts: Facts) -> list[Table]:
    """Assignments with their report-back texts and status (those not started yet are left out)."""
    given_by = dict(PlanItem.GIVEN_BY_CHOICES)
    table = Table(
        "uppdrag",
        _("Återrapportering av uppdrag"),
        [
            Column(_("Uppdrag")),
            Column(_("Givet av")),
            Column(_("Enhet")),
            Column(_("Bedömning"), STATUS),
            Column(_("Återrapportering")),
            Column(_("Klart")),
        ],
    )
    for line in facts.lines:
        item = line.item
        if item.level != Levels.ASSIGNMENT or (item.start_date and item.start_date > facts.period.end):
            continue
        table.rows.append(
            [
                item.name,
                str(given_by.get(item.given_by, "")),
                line.unit.name,
                line.status,
                line.comment,
                _("Ja") if item.finished else _("Nej"),
            ]
        )
    return [table]


def economy(facts: Facts) -> list[Table]:
    """Outcome against the period budget per area with the full-year forecast, and the cost
    development against the same period last year, in whole Mnkr as the delårsrapport
    prints them (seed 003). Sums and differences are taken in kronor and then rounded, so a
    total is the rounded sum, not the sum of rounded rows; a change in percent is the
    change in the size of the cost (rules.change_percent). The net cost (a cost line named
    as in EconomyFigure.NET_COST_LINES) is its own row under the total."""
    period_id = facts.period.pk
    previous_id = facts.previous_period.pk if facts.previous_period else None
    areas = {u.pk: u for u in facts.units.values() if u.parent_id == facts.unit.pk}

    def area_of(unit_id: int) -> int:
        path = facts.units[unit_id].path
        return next((pk for pk, area in areas.items() if path.startswith(area.path)), facts.unit.pk)

    sums = defaultdict(lambda: [[], [], []])
    costs = defaultdict(lambda: [[], []])
    for unit_id, fig_period, kind, line, budget, outcome, forecast, _earlier in facts.economy:
        if kind == EconomyFigure.OPERATIONS and fig_period == period_id:
            bucket = sums[area_of(unit_id)]
            bucket[0].append(outcome)
            bucket[1].append(budget)
            bucket[2].append(forecast)
        elif kind == EconomyFigure.COSTS:
            costs[line][0 if fig_period == period_id else 1].append(outcome)
    result = Table(
        "ekonomi",
        _("Utfall mot periodbudget per område och årsprognos (Mnkr)"),
        [
            Column(_("Område")),
            Column(_("Utfall"), NUMBER, 0),
            Column(_("Periodbudget"), NUMBER, 0),
            Column(_("Budgetavvikelse"), NUMBER, 0),
            Column(_("Årsprognos"), NUMBER, 1),  # the seed's text gives halves: −7,5, −8,5
        ],
    )

    def money_row(name, outcome, budget, forecast):
        return [
            name,
            rules.mnkr(outcome),
            rules.mnkr(budget),
            rules.mnkr(rules.difference(outcome, budget)),
            rules.mnkr(forecast),
        ]

    order = [facts.unit.pk] + sorted(areas, key=lambda pk: areas[pk].name)
    totals = [[], [], []]
    for pk in order:
        if pk not in sums:
            continue
        outcome, budget, forecast = (rules.sum_or_none(values) for values in sums[pk])
        name = facts.units[pk].name if pk != facts.unit.pk else _("%(unit)s (egen nivå)") % {"unit": facts.unit.name}
        result.rows.append(money_row(name, outcome, budget, forecast))
        for total, value in zip(totals, (outcome, budget, forecast), strict=True):
            total.append(value)
    if result.rows:
        result.total = money_row(_("Totalt"), *(rules.sum_or_none(t) for t in totals))
    year = facts.period.start.year
    development = Table(
        "kostnadsutveckling",
        _("Kostnadsutveckling jämfört med samma period föregående år (Mnkr)"),
        [
            Column(_("Kostnadsslag")),
            Column(_("Utfall %(year)s") % {"year": year}, NUMBER, 0),
            Column(_("Utfall %(year)s") % {"year": year - 1}, NUMBER, 0),
            Column(_("Förändring"), NUMBER, 0),
            Column(_("Förändring (%)"), PERCENT, 1),
        ],
    )

    def cost_row(name, now, before):
        return [
            name,
            rules.mnkr(now),
            rules.mnkr(before),
            rules.mnkr(rules.difference(now, before)),
            rules.change_percent(now, before),
        ]

    now_total, before_total, net = [], [], []
    for line, (now, before) in costs.items():
        now_sum, before_sum = rules.sum_or_none(now), rules.sum_or_none(before)
        if line.strip().lower() in EconomyFigure.NET_COST_LINES:
            net.append(cost_row(_("Nettokostnadsutveckling"), now_sum, before_sum))
            continue
        development.rows.append(cost_row(line, now_sum, before_sum))
        now_total.append(now_sum)
        before_total.append(before_sum)
    if development.rows:
        development.total = cost_row(_("Totalt"), rules.sum_or_none(now_total), rules.sum_or_none(before_total))
    development.after_total = net
    return [result, development] if previous_id or development.rows else [result]


def investments(facts: Facts) -> list[Table]:
    """Investments per type as the delårsrapport shows them (seed 003): the year's plan
    (ram), the outcome split by when the investment was decided (before the year, during
    it), the sum of the outcome and the full-year forecast, with a total, in whole Mnkr.
    Where the finance file gives no split, the split cells stay empty and the sum is shown."""
    by_type = defaultdict(lambda: [[], [], [], []])
    for _unit, fig_period, kind, line, budget, outcome, forecast, earlier in facts.economy:
        if kind == EconomyFigure.INVESTMENTS and fig_period == facts.period.pk:
            for bucket, value in zip(by_type[line], (budget, earlier, outcome, forecast), strict=True):
                bucket.append(value)
    year = facts.period.start.year
    table = Table(
        "investeringar",
        _("Investeringar per typ (Mnkr)"),
        [
            Column(_("Typ av investering")),
            Column(_("Planerat %(year)s (ram)") % {"year": year}, NUMBER, 0),
            Column(_("Utfall, beslut före %(year)s") % {"year": year}, NUMBER, 0),
            Column(_("Utfall, beslut %(year)s") % {"year": year}, NUMBER, 0),
            Column(_("Summa utfall %(year)s") % {"year": year}, NUMBER, 0),  # as seed 003's headers
            Column(_("Beräknad årsprognos"), NUMBER, 0),
        ],
    )
    sums = [[], [], [], []]

    def row(name, planned, earlier, outcome, forecast):
        during = rules.difference(outcome, earlier)
        return [name] + [rules.mnkr(v) for v in (planned, earlier, during, outcome, forecast)]

    for line, values in by_type.items():  # in the finance file's order
        planned, earlier, outcome, forecast = (rules.sum_or_none(v) for v in values)
        table.rows.append(row(line, planned, earlier, outcome, forecast))
        for bucket, value in zip(sums, (planned, earlier, outcome, forecast), strict=True):
            bucket.append(value)
    if table.rows:
        planned, earlier, outcome, forecast = (rules.sum_or_none(v) for v in sums)
        # The split of the total only when every type has it: a partial split would not add up.
        if any(v is None for v in sums[1]):
            earlier = None
        table.total = row(_("Totalt"), planned, earlier, outcome, forecast)
    return [table]


SEX_LABELS = charts.SEX_LABELS  # where the report's tables name the sexes


def trend_charts(facts: Facts) -> list[ChartBlock]:
    """Each measure's trend over the periods of this year and last, against its target."""
    blocks = []
    for line in facts.lines:
        if line.item.level != Levels.MEASURE or not (line.values or line.previous_values):
            continue
        valued = {
            pk for source in (line.values, line.previous_values) for by_period in source.values() for pk in by_period
        }
        monthly = any(facts.periods_by_id[pk].kind == "month" for pk in valued if pk in facts.periods_by_id)
        periods = rules.trend_periods(facts.periods, monthly)

        def value(sex, p):
            source = line.values if p.start.year == facts.year else line.previous_values  # noqa: B023 (called within the loop)
            return source.get(sex, {}).get(p.pk)

        title = f"{line.item.code} {line.item.name}{facts.unit_suffix(line)}"
        block = charts.measure_trend(f"diagram-{line.item.code}", title, line.item, line.target, periods, value)
        if block:
            blocks.append(block)
    return blocks


# The report's own automatic sections (reports.catalogue registers them): each gives its
# tables or charts from the report's Facts.
BUILDERS = {
    "maluppfyllelse": goal_fulfilment,
    "jamstalldhet": sex_split,
    "ekonomi": economy,
    "investeringar": investments,
    "uppdrag": assignments,
    "diagram": trend_charts,
    "bilaga": appendix,
}

EMPTY_NOTES = {
    "jamstalldhet": gettext_lazy("Enheten har inga könsuppdelade styrmått för året."),
    "ekonomi": gettext_lazy("Inga ekonomiska uppgifter är inlästa för perioden."),
    "investeringar": gettext_lazy("Inga investeringar är inlästa för perioden."),
    "uppdrag": gettext_lazy("Inga uppdrag att återrapportera för perioden."),
    "diagram": gettext_lazy("Inga värden att visa för perioden."),
    "bilaga": gettext_lazy("Inga framgångsfaktorer eller styrmått för året."),
    "maluppfyllelse": gettext_lazy("Inga mål för året."),
}


def document_id(kind_key: str, unit_code: str, period_code: str) -> str:
    """A report's document id: its kind, unit and period, which name one report of a region
    (e.g. "DELARSRAPPORT-DRS-2022-T2")."""
    return "-".join(part.upper() for part in (kind_key, unit_code, period_code) if part)


def document_people(report, sections) -> tuple[str, str]:
    """(responsible, author) of a report: the unit's managers (chef on the unit itself) and
    the people who write its sections, by the region's names for them; two queries."""
    from regionplan.models import Role, User
    from regionplan.models.users import display_name, with_names
    from regionplan.permissions import holdings

    managers = []
    for assignment in holdings([Role.MANAGER]):
        if assignment.unit_id == report.unit_id and assignment.user.is_active and assignment.user not in managers:
            managers.append(assignment.user)
    writer_ids = list(dict.fromkeys(s.assignee_id for s in sections if s.assignee_id))  # in section order
    found = {u.pk: u for u in User.objects.filter(pk__in=writer_ids)} if writer_ids else {}
    writers = [found[pk] for pk in writer_ids if pk in found]
    named = with_names([SimpleNamespace(user=u) for u in managers + writers])
    names = [display_name(row.user) for row in named]
    return ", ".join(names[: len(managers)]), ", ".join(names[len(managers) :])


def assemble(
    report, today: datetime.date, sections=None, approved: bool | None = None, version: str = ""
) -> ReportContent:
    """The report's content: its sections in order, automatic ones filled from the data.
    `version`: the number of the run being made (the preview has none).

    `sections`: the report's ReportSection rows, if the caller already has them;
    `approved`: whether this is the approved version (default: whether the report is)."""
    sections = list(report.sections.all()) if sections is None else sections
    responsible, author = document_people(report, sections)
    facts = Facts(report.unit, report.period)
    registered = {spec.key: spec for spec in registry.report_sections()}
    shown = []
    for section in sections:
        content = SectionContent(
            section.key,
            section.title,
            f"avsnitt-{section.pk or section.key}",
            section.automatic,
            html=texts.to_html(section.text),
        )
        spec = registered.get(section.key)
        if section.automatic and spec is not None:
            built = list(spec.build(facts)) if spec.build else []
            content.charts = [block for block in built if isinstance(block, (ChartBlock, Figure))]
            content.tables = [t for t in built if isinstance(t, Table) and (t.rows or t.key == section.key)]
            content.order = [b for b in built if b in content.charts or any(b is t for t in content.tables)]
            if not content.charts and not any(t.rows for t in content.tables):
                content.tables, content.order, content.note = [], [], str(spec.empty_note)
        shown.append(content)
    return ReportContent(
        region_name=report.region.name,
        unit_name=report.unit.name,
        kind_name=report.kind.name,
        period=report.period,
        period_label=str(report.period),
        document_date=rules.document_date(report.approved_at, today),
        approved=report.approved if approved is None else approved,
        sections=shown,
        data_note=facts.data_note(),
        kind_tertial=report.kind.tertial,
        document_id=document_id(report.kind.key, report.unit.code, report.period.code),
        version=version,
        responsible=responsible,
        author=author,
    )
