"""The report's Väsentliga personalförhållanden (the Medarbetare part of a delårsrapport, see
shared/seeds/003): årsarbetare against the staffing frame, employees by form of employment,
worked and extra time, and sick leave per month by sex with its chart, for the report's unit
and period against the same months last year. Built from the HR figures that
followup's personnel import reads (`PersonnelFigure`), in one query.

The rules are plain functions (tested table-driven in tests/reports/test_personnel.py):
which rows count when both a unit and units under it have figures (`topmost`), how rows of
several units combine into one month (`combine`), and the period's figures (`period_figures`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.models import PersonnelFigure
from regionplan import registry
from regionplan.numbers import format_number
from regionplan.periods import MONTH_NAMES_SV
from regionplan.tables import NUMBER, Column, Table
from reports import charts

KEY = "personal"
TITLE = gettext_lazy("Väsentliga personalförhållanden")
EMPTY_NOTE = gettext_lazy("Inga personaluppgifter är inlästa för periodens månader.")
ORDER = 65  # after the narrative Medarbetare (60), before Ekonomi (70)

ADDITIVE = ("annual_staff", "staffing_frame", "permanent", "temporary", "pool", "worked_hours", "extra_hours")
SICK = ("sick_women", "sick_men", "sick_total")
ONE = Decimal("0.1")


def register() -> None:
    """Register the section in the core's registry (reports.apps.ready calls this)."""
    registry.add_report_section(registry.ReportSection(KEY, TITLE, True, ORDER, build=build, empty_note=EMPTY_NOTE))


def month_label(month: int) -> str:
    """``jan``, ``feb``, … as the real report's tables and charts name the months."""
    return _(MONTH_NAMES_SV[month - 1])[:3]


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(ONE, rounding=ROUND_HALF_UP)


def topmost(rows: list[dict], paths: dict[int, str]) -> list[dict]:
    """The rows that count: a unit's row is left out when a unit above it (within the
    report's subtree) has a row for the same month, since the HR system's figures of a unit
    include those of the units under it (no month is counted twice)."""
    having = defaultdict(set)  # (year, month) -> paths with a row
    for row in rows:
        having[(row["year"], row["month"])].add(paths[row["unit_id"]])
    kept = []
    for row in rows:
        path = paths[row["unit_id"]]
        others = having[(row["year"], row["month"])] - {path}
        if not any(path.startswith(other) for other in others):
            kept.append(row)
    return kept


def combine(rows: list[dict]) -> dict[str, Decimal | None]:
    """One month's figures from the rows of several units: counts and hours add up; sick
    leave is the mean weighted by each unit's årsarbetare (a unit without them, or without
    the percentage, leaves the combined figure out: it would be a guess)."""
    result: dict[str, Decimal | None] = {}
    for field in ADDITIVE:
        present = [Decimal(r[field]) for r in rows if r.get(field) is not None]
        result[field] = sum(present, Decimal(0)) if present else None
    for field in SICK:
        if len(rows) == 1:
            value = rows[0].get(field)
            result[field] = None if value is None else Decimal(value)
            continue
        weights = [(r.get(field), r.get("annual_staff")) for r in rows]
        if any(v is None or w is None for v, w in weights) or not sum(Decimal(w) for _v, w in weights):
            result[field] = None
            continue
        total = sum(Decimal(w) for _v, w in weights)
        result[field] = sum(Decimal(v) * Decimal(w) for v, w in weights) / total
    return result


def period_figures(months: dict[int, dict]) -> dict[str, Decimal | None]:
    """The period's figures from its months: hours summed, everything else (årsarbetare,
    the frame, employees, sick leave) the mean of the months that have it."""
    result = {}
    for field in (*ADDITIVE, *SICK):
        present = [m[field] for m in months.values() if m.get(field) is not None]
        if not present:
            result[field] = None
        elif field in ("worked_hours", "extra_hours"):
            result[field] = sum(present, Decimal(0))
        else:
            result[field] = sum(present, Decimal(0)) / len(present)
    return result


def _difference(a, b):
    return None if a is None or b is None else a - b


def build(facts) -> list:
    """The section's tables and charts for the report's unit and period (a period within one
    calendar year: its months, against the same months the year before)."""
    period = facts.period
    year = period.start.year
    months = list(range(period.start.month, period.end.month + 1)) if period.end.year == year else []
    paths = {pk: unit.path for pk, unit in facts.units.items()}
    rows = list(
        PersonnelFigure.objects.filter(unit_id__in=list(paths), year__in=[year - 1, year], month__in=months).values(
            "unit_id", "year", "month", *PersonnelFigure.FIGURES
        )
    )
    by_month: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in topmost(rows, paths):
        by_month[(row["year"], row["month"])].append(row)
    now = {m: combine(by_month[(year, m)]) for m in months if (year, m) in by_month}
    before = {m: combine(by_month[(year - 1, m)]) for m in months if (year - 1, m) in by_month}
    if not now and not before:
        return [Table(KEY, str(TITLE), [Column(_("Uppgift"))])]
    return [
        _summary(period, year, period_figures(now), period_figures(before)),
        *_monthly(year, months, now, before),
    ]


def _summary(period, year: int, now: dict, before: dict) -> Table:
    """The period against the same period last year, as the real report's text gives it."""
    table = Table(
        KEY,
        _("Personalförhållanden %(period)s jämfört med samma period %(year)s") % {"period": period, "year": year - 1},
        [
            Column(_("Uppgift")),
            Column(str(year), NUMBER, 1),
            Column(str(year - 1), NUMBER, 1),
            Column(_("Förändring"), NUMBER, 1),
        ],
    )
    lines = [
        (_("Årsarbetare (arbetad tid), snitt per månad"), "annual_staff"),
        (_("Bemanningsram (årsarbetare)"), "staffing_frame"),
        (_("Tillsvidareanställda, snitt"), "permanent"),
        (_("Visstidsanställda, snitt"), "temporary"),
        (_("varav i poolen, snitt"), "pool"),
        (_("Arbetad tid (timmar)"), "worked_hours"),
        (_("Extratid (timmar)"), "extra_hours"),
        (_("Sjukfrånvaro kvinnor (%)"), "sick_women"),
        (_("Sjukfrånvaro män (%)"), "sick_men"),
        (_("Sjukfrånvaro totalt (%)"), "sick_total"),
    ]
    for label, field in lines:
        a, b = _round(now.get(field)), _round(before.get(field))
        if a is None and b is None:
            continue
        table.rows.append([label, a, b, _difference(a, b)])
        if field == "staffing_frame":
            staff = _round(now.get("annual_staff")), _round(before.get("annual_staff"))
            table.rows.append(
                [_("Årsarbetare mot bemanningsram"), _difference(staff[0], a), _difference(staff[1], b), None]
            )
    return table


def _monthly(year: int, months: list[int], now: dict, before: dict) -> list:
    """Per month: årsarbetare and employees (with their chart against the frame), and sick
    leave by sex (with its chart)."""
    staff = Table(
        "personal-manad",
        _("Årsarbetare (året före: %(before)s), bemanningsram och anställda per månad %(year)s")
        % {"year": year, "before": year - 1},
        [
            Column(_("Månad")),
            Column(_("Årsarbetare"), NUMBER, 0),
            Column(_("Året före"), NUMBER, 0),
            Column(_("Bemanningsram"), NUMBER, 0),
            Column(_("Tillsvidare"), NUMBER, 0),
            Column(_("Visstid"), NUMBER, 0),
            Column(_("Pool"), NUMBER, 0),
            Column(_("Extratid (h)"), NUMBER, 0),
        ],
    )
    sick = Table(
        "personal-sjukfranvaro",
        _("Sjukfrånvaro per månad och kön %(year)s (%%)") % {"year": year},
        [
            Column(_("Månad")),
            Column(_("Kvinnor"), NUMBER, 1),
            Column(_("Män"), NUMBER, 1),
            Column(_("Totalt"), NUMBER, 1),
            Column(_("Totalt %(year)s") % {"year": year - 1}, NUMBER, 1),
        ],
    )
    empty: dict = {}
    for month in months:
        a, b = now.get(month, empty), before.get(month, empty)
        if not a and not b:
            continue
        label = month_label(month)
        staff.rows.append(
            [label, _round(a.get("annual_staff")), _round(b.get("annual_staff")), _round(a.get("staffing_frame"))]
            + [a.get(field) for field in ("permanent", "temporary", "pool", "extra_hours")]
        )
        sick.rows.append([label, *(_round(a.get(field)) for field in SICK), _round(b.get("sick_total"))])
    labels = [row[0] for row in sick.rows]
    blocks: list = [staff, sick]
    sick_chart = charts.Chart(
        _("Sjukfrånvaro per månad och kön %(year)s") % {"year": year},
        labels,
        [
            charts.Series("women", _("Kvinnor"), [row[1] for row in sick.rows]),
            charts.Series("men", _("Män"), [row[2] for row in sick.rows]),
            charts.Series("total", _("Totalt"), [row[3] for row in sick.rows]),
        ],
        unit="%",
    )
    sick_chart.series = [s for s in sick_chart.series if any(v is not None for v in s.values)]
    if sick_chart.has_values:
        blocks.append(charts.TrendBlock(sick_chart, charts.trend_svg(sick_chart), sick))
    frame = [row[3] for row in staff.rows if row[3] is not None]
    staff_chart = charts.Chart(
        _("Arbetad tid omvandlat till årsarbetare per månad"),
        labels,
        [
            # The style keys only pick colour, dash and marker; the legend names the years.
            charts.Series("total", str(year), [row[1] for row in staff.rows]),
            charts.Series("men", str(year - 1), [row[2] for row in staff.rows]),
        ],
        target=_round(sum(frame) / len(frame)) if frame else None,
        unit=_("årsarbetare"),
    )
    if staff_chart.target is not None:
        staff_chart.target_label = _("Bemanningsram %(frame)s") % {"frame": format_number(staff_chart.target)}
    staff_chart.series = [s for s in staff_chart.series if any(v is not None for v in s.values)]
    if staff_chart.has_values:
        blocks.append(charts.TrendBlock(staff_chart, charts.trend_svg(staff_chart), staff))
    return blocks
