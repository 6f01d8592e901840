"""Incident counts into the goal model: a measure whose source (PlanItem.source) names the
incident reports, e.g. "Antal rapporterade tillbud", gets for each unit that follows it
(the owner and the adopters) and each period of its year the count of incidents of those
kinds in the unit and its subtree. The counts go through followup's value pipeline
(`pipeline.import_values`) as `RawValue` rows, exactly as a file or Kolada import does,
so the change log (`ValueChange`), the import policy and the audit trail are the same.

followup does not know about workenv (imports point down): this module produces the rows
and starts the job itself."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from followup.imports import pipeline
from followup.models import ImportJob, Origin
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from regionplan.models import OrgUnit, Period
from workenv.models import Incident

ALL = [k for k, _label in Incident.KIND_CHOICES]

# The source names a measure may give (compared without case), and the kinds each counts.
SOURCES: dict[str, list[str]] = {
    "antal rapporterade tillbud": [Incident.NEAR_MISS],
    "antal rapporterade arbetsskador": [Incident.INJURY],
    "antal rapporterade riskobservationer": [Incident.OBSERVATION],
    "antal rapporterade hot och våld": [Incident.THREAT],
    "antal rapporterade händelser": ALL,
}
SOURCE_NAME = "Incidentrapporter (SAM)"


def kinds_of(source: str) -> list[str] | None:
    """The incident kinds a measure's source names, or None if it names none of them."""
    return SOURCES.get((source or "").strip().lower())


def months_in(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    """The (year, month) pairs a period covers (periods are whole months)."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def counting_measures(year: int) -> int:
    """How many measures of `year` name the incident reports as their source (one query)."""
    sources = (
        PlanItem.objects.filter(level=Levels.MEASURE, year=year).exclude(source="").values_list("source", flat=True)
    )
    return sum(1 for source in sources if kinds_of(source))


def incident_rows(year: int) -> list[pipeline.RawValue]:
    """The value rows for every incident-count measure of `year`: a handful of queries
    whatever the number of measures, units and periods (counts grouped by unit, kind and
    month in SQL; the subtree sums in Python over the units' paths)."""
    measures = [
        (pk, code, unit_id, kinds_of(source))
        for pk, code, unit_id, source in PlanItem.objects.filter(level=Levels.MEASURE, year=year)
        .exclude(source="")
        .values_list("pk", "code", "plan__unit_id", "source")
        if kinds_of(source)
    ]
    if not measures:
        return []
    followers: dict[int, set[int]] = {pk: {unit_id} for pk, _c, unit_id, _k in measures}
    for measure_id, unit_id in MeasureAdoption.objects.filter(measure_id__in=followers).values_list(
        "measure_id", "unit_id"
    ):
        followers[measure_id].add(unit_id)
    units = {pk: (code, path) for pk, code, path in OrgUnit.objects.values_list("pk", "code", "path")}
    periods = [
        (code, months_in(start, end))
        for code, start, end in Period.objects.filter(start__year=year).values_list("code", "start", "end")
    ]
    # Counts per (unit path, kind, (year, month)); a unit's count is the sum over paths under it.
    counted: dict[str, dict[tuple[str, tuple[int, int]], int]] = defaultdict(dict)
    for path, kind, month, n in (
        Incident.objects.filter(occurred_at__year=year)
        .annotate(month=TruncMonth("occurred_at"))
        .values_list("unit__path", "kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    ):
        month = timezone.localtime(month) if isinstance(month, datetime.datetime) else month
        counted[path][(kind, (month.year, month.month))] = n
    rows, number = [], 0
    for _pk, code, _owner, kinds in measures:
        for unit_id in sorted(followers[_pk]):
            if unit_id not in units:
                continue
            unit_code, unit_path = units[unit_id]
            below = [c for path, c in counted.items() if path.startswith(unit_path)]
            for period_code, months in periods:
                n = sum(c.get((k, m), 0) for c in below for k in kinds for m in months)
                number += 1
                rows.append(pipeline.RawValue(number, code, unit_code, period_code, "", str(n)))
    return rows


def import_incident_counts(year: int, user=None, trigger: str = ImportJob.COMMAND) -> ImportJob | None:
    """Write the incident counts of `year` into their measures through the value pipeline
    (inside the region's scope). Returns the finished job, or None when no measure of the
    year names the incident reports as its source (no empty job in the import log)."""
    rows = incident_rows(year)
    if not rows:
        return None
    job = ImportJob.objects.create(
        kind=ImportJob.VALUES, source_name=SOURCE_NAME, trigger=trigger, started_by=user, partial=True
    )
    job.status, job.started_at = ImportJob.RUNNING, timezone.now()
    job.save()
    return pipeline.import_values(job, rows, Origin.INCIDENTS)


def years_to_count(today: datetime.date) -> list[int]:
    """The years whose counts the nightly run refreshes: this year, and in January the
    last one too (December's incidents are reported into the new year)."""
    return [today.year - 1, today.year] if today.month == 1 else [today.year]
