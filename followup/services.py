"""What a manager owes for a period, and saving it.

`load_followup` builds "Min uppföljning" (and the controller's overview counts) in a fixed
number of queries: the items of the units in scope, the measures they adopted, and the
period's assessments and values, whatever their number. `save_report` writes one row:
the assessment with its version check and the measure's values.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import (
    Assessment,
    FollowupSettings,
    MeasureValue,
    Origin,
    ReminderDigest,
    Reopening,
)
from followup.rules import Suggestion, due_in, entry_open, is_stale, suggest
from goals.models import MeasureAdoption, PlanItem, PlanSettings
from goals.rules import Levels, format_target
from regionplan.models import OrgUnit, Period, Role
from regionplan.people import remember
from regionplan.permissions import holders_by_unit
from regionplan.status import RollUp, Status, roll_up

SEXES_SPLIT = [MeasureValue.WOMEN, MeasureValue.MEN, MeasureValue.TOTAL]


@dataclass
class Row:
    """One thing a unit owes for the period: an item (its own, or a measure it adopted)."""

    item: PlanItem
    unit: OrgUnit
    assessment: Assessment | None = None
    values: dict[str, Decimal] = field(default_factory=dict)  # sex -> value
    suggestion: Suggestion | None = None
    rollup: RollUp | None = None
    stale: bool = False
    open: bool = True
    target: object = None  # the target that applies to this unit
    reference: Decimal | None = None  # what "Öka"/"Minska" compare with
    value_origin: MeasureValue | None = None  # where the value came from, and when
    save_url: str = ""  # where its form posts (set by the view, which knows the region and period)

    @property
    def key(self) -> str:
        return f"{self.item.pk}-{self.unit.pk}"

    @property
    def label(self) -> str:
        """What the row is called in its messages ("MATT-1 är inte sparad")."""
        return self.item.code or self.item.name

    @property
    def last_saved(self) -> Assessment | None:
        return self.assessment if self.reported else None

    @property
    def reported(self) -> bool:
        return self.assessment is not None and self.assessment.is_reported

    @property
    def sexes(self) -> list[str]:
        return SEXES_SPLIT if self.item.split_by_sex else [MeasureValue.TOTAL]

    @property
    def target_text(self) -> str:
        return format_target(self.target, self.item.measure_unit) if self.target is not None else ""

    @property
    def main_value(self) -> Decimal | None:
        return self.values.get(MeasureValue.TOTAL)


def rows_rollup(rows: list[Row], rule: str) -> RollUp:
    """The suggestion for a group of rows (a perspective, a unit): their own assessments."""
    return roll_up(
        [
            (row.assessment.status if row.assessment else None, row.item.critical)
            for row in rows
            if not row.item.finished
        ],
        rule,
    )


@dataclass
class Section:
    """A perspective of a unit's rows, with its summary; `anchor` is its id on the page
    (the same on the page and in a save's answer, which replaces the summary in place)."""

    name: str
    rows: list[Row]
    rollup: RollUp | None = None
    anchor: str = ""


@dataclass
class UnitGroup:
    unit: OrgUnit
    perspectives: list[Section]
    rollup: RollUp | None = None

    @property
    def rows(self):
        return [row for section in self.perspectives for row in section.rows]

    @property
    def done(self) -> int:
        return sum(row.reported for row in self.rows)

    @property
    def anchor(self) -> str:
        """The id of the unit's summary on the page."""
        return f"unit-{self.unit.pk}"


@dataclass
class FollowupView:
    period: Period
    groups: list[UnitGroup]
    settings: FollowupSettings
    labels: dict

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    @property
    def done(self) -> int:
        return sum(row.reported for row in self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)


def _reference_period(period: Period) -> Period | None:
    """The same period last year, for "Öka"/"Minska"."""
    code = period.code.replace(str(period.start.year), str(period.start.year - 1), 1)
    return Period.objects.filter(code=code).first()


def load_followup(period: Period, unit_filter: Q, today: datetime.date | None = None) -> FollowupView:
    """Everything owed in `period` by the units `unit_filter` (a Q on OrgUnit) selects."""
    today = today or timezone.localdate()
    settings = FollowupSettings.current()
    year = period.start.year
    kinds = list(period.region.period_kinds)
    units = {u.pk: u for u in OrgUnit.objects.filter(unit_filter).order_by("path")}
    own_items = (
        PlanItem.objects.filter(year=year, plan__unit_id__in=list(units)).select_related("plan__unit").order_by("path")
    )
    rows = [Row(item, units[item.plan.unit_id]) for item in own_items]
    adoptions = MeasureAdoption.objects.filter(measure__year=year, unit_id__in=list(units)).select_related(
        "measure__plan__unit"
    )
    targets = {}
    for adoption in adoptions:
        rows.append(Row(adoption.measure, units[adoption.unit_id]))
        targets[(adoption.measure_id, adoption.unit_id)] = adoption.effective_target()
    rows = [row for row in rows if due_in(row.item.level, row.item.frequency, period.kind, period.number, kinds)]
    goals = {g.pk: g for g in PlanItem.objects.filter(year=year, level=Levels.GOAL).select_related("perspective")}
    assessments = {
        (a.item_id, a.unit_id): a
        for a in Assessment.objects.filter(period=period, unit_id__in=list(units)).select_related("updated_by")
    }
    values, value_rows = defaultdict(dict), {}
    for v in MeasureValue.objects.filter(period=period, unit_id__in=list(units)).select_related("job"):
        values[(v.measure_id, v.unit_id)][v.sex] = v.value
        if v.sex == MeasureValue.TOTAL or (v.measure_id, v.unit_id) not in value_rows:
            value_rows[(v.measure_id, v.unit_id)] = v
    reference = _reference_period(period)
    previous = {}
    if reference:
        previous = {
            (v.measure_id, v.unit_id): v.value
            for v in MeasureValue.objects.filter(period=reference, unit_id__in=list(units), sex=MeasureValue.TOTAL)
        }
    last_values = {
        (r["measure_id"], r["unit_id"]): r["last"]
        for r in MeasureValue.objects.filter(unit_id__in=list(units))
        .values("measure_id", "unit_id")
        .annotate(last=Max("period__end"))
    }
    reopened = defaultdict(lambda: None)
    for reopening in Reopening.objects.filter(period=period, unit_id__in=list(units), until__gte=today):
        key = (reopening.item_id, reopening.unit_id)
        reopened[key] = max(filter(None, [reopened[key], reopening.until]))
    # Roll-up: the period's assessments of every item below the rows' items, in one query.
    below = defaultdict(list)
    for child_status, parent_id, critical in (
        Assessment.objects.filter(period=period, item__year=year)
        .exclude(item__finished=True)
        .values_list("status", "item__parent_id", "item__critical")
    ):
        below[parent_id].append((child_status, critical))
    # An activity or assignment finished earlier is no longer owed; in the period it was
    # finished in, it still shows, as reported.
    rows = [row for row in rows if not row.item.finished or (row.item.pk, row.unit.pk) in assessments]
    for row in rows:
        key = (row.item.pk, row.unit.pk)
        row.assessment = assessments.get(key)
        row.values = values.get(key, {})
        row.value_origin = value_rows.get(key)
        row.open = entry_open(period.deadline, today, reopened[(None, row.unit.pk)] or reopened[key])
        if row.item.level == Levels.MEASURE:
            row.target = targets.get(key, row.item.target)
            row.reference = previous.get(key, row.item.baseline_value)
            row.suggestion = suggest(
                row.target,
                row.main_value,
                row.reference,
                settings.tolerance,
                follow_only=row.item.direction == PlanItem.FOLLOW,
            )
            row.stale = is_stale(row.item.frequency, last_values.get(key), datetime.date(year, 1, 1), today)
        elif below.get(row.item.pk):
            row.rollup = roll_up(below[row.item.pk], settings.rollup_rule)
    groups = []
    for unit_id, unit in units.items():
        unit_rows = [row for row in rows if row.unit.pk == unit_id]
        if not unit_rows:
            continue
        by_perspective = defaultdict(list)
        for row in unit_rows:
            goal = goals.get(int(row.item.path.strip("/").split("/")[0]))
            by_perspective[goal.perspective.name if goal and goal.perspective else _("Uppdrag och övrigt")].append(row)
        sections = [
            Section(name, section_rows, rows_rollup(section_rows, settings.rollup_rule), f"persp-{unit_id}-{number}")
            for number, (name, section_rows) in enumerate(by_perspective.items(), start=1)
        ]
        groups.append(UnitGroup(unit, sections, rows_rollup(unit_rows, settings.rollup_rule)))
    return FollowupView(period, groups, settings, PlanSettings.current().level_names())


SEARCH_SHOWN = 15  # rows a search shows at most, so a short word cannot bring back the whole page


@dataclass
class PageRows:
    """What one page of "Min uppföljning" shows: the groups with only the chosen rows (their
    summaries still of all their rows), the unit shown (None for a search over all units),
    and how many rows matched before the search's cap."""

    groups: list[UnitGroup]
    unit: OrgUnit | None
    matches: int


def row_matches(row: Row, words: list[str]) -> bool:
    """Whether every word of a search is in the row's item code or name (case-insensitive)."""
    text = f"{row.item.code} {row.item.name}".casefold()
    return all(word in text for word in words)


def choose_rows(
    view: FollowupView, unit_pk: int | None = None, only_open: bool = False, query: str = "", limit: int = SEARCH_SHOWN
) -> PageRows:
    """The rows of one page: a search's matches in every unit (at most `limit`), or else the
    rows of one unit (`unit_pk`, or the first); `only_open` keeps the rows not yet reported.

    The page is split by unit so that a manager of many units gets one unit's rows at a
    time (the jump list leads to the others), and the first screen stays small."""
    words = query.casefold().split()
    if words:
        candidates = view.groups
    else:
        candidates = [g for g in view.groups if g.unit.pk == unit_pk] or view.groups[:1]
    groups, matches, shown = [], 0, 0
    for group in candidates:
        sections = []
        for section in group.perspectives:
            rows = [
                row
                for row in section.rows
                if (not only_open or not row.reported) and (not words or row_matches(row, words))
            ]
            matches += len(rows)
            if words:
                rows = rows[: max(0, limit - shown)]
            shown += len(rows)
            if rows:
                sections.append(Section(section.name, rows, section.rollup, section.anchor))
        if sections or not words:
            groups.append(UnitGroup(group.unit, sections, group.rollup))
    return PageRows(groups, None if words else (candidates[0].unit if candidates else None), matches)


def my_units_q(roles) -> Q:
    """The units whose follow-up is "mine": those of my manager (chef) roles, with their
    subtrees where the role has one; without a manager role, the units my roles sit on.
    (A controller of the whole region reports unit by unit, from the overview.)"""
    managing = [a for a in roles if a.role == Role.MANAGER]
    q = Q(pk__in=[])
    for a in managing or roles:
        q |= Q(path__startswith=a.unit.path) if managing and a.include_subtree else Q(pk=a.unit_id)
    return q


def progress(period: Period, unit_filter: Q) -> tuple[int, int]:
    """(done, owed) for the units `unit_filter` selects: the same rules as load_followup,
    reading only the columns that decide them (four small queries)."""
    kinds = list(period.region.period_kinds)
    year = period.start.year
    unit_ids = list(OrgUnit.objects.filter(unit_filter).values_list("pk", flat=True))
    reported = set(
        Assessment.objects.filter(period=period, unit_id__in=unit_ids)
        .exclude(status=Status.NOT_ASSESSED)
        .values_list("item_id", "unit_id")
    )
    assessed = set(Assessment.objects.filter(period=period, unit_id__in=unit_ids).values_list("item_id", "unit_id"))
    rows = [
        (pk, unit, level, frequency, finished)
        for pk, unit, level, frequency, finished in PlanItem.objects.filter(
            year=year, plan__unit_id__in=unit_ids
        ).values_list("pk", "plan__unit_id", "level", "frequency", "finished")
    ]
    rows += list(
        MeasureAdoption.objects.filter(measure__year=year, unit_id__in=unit_ids).values_list(
            "measure_id", "unit_id", "measure__level", "measure__frequency", "measure__finished"
        )
    )
    owed = [
        (pk, unit)
        for pk, unit, level, frequency, finished in rows
        if due_in(level, frequency, period.kind, period.number, kinds) and (not finished or (pk, unit) in assessed)
    ]
    return sum(key in reported for key in owed), len(owed)


def load_row(period: Period, item: PlanItem, unit: OrgUnit, today: datetime.date | None = None) -> Row:
    """One row, as after a save (the same rules as the page, for one item)."""
    return load_row_in_place(period, item, unit, today)[0]


def load_row_in_place(
    period: Period, item: PlanItem, unit: OrgUnit, today: datetime.date | None = None
) -> tuple[Row, UnitGroup, Section]:
    """One row with its unit and perspective (whose summaries a save changes)."""
    view = load_followup(period, Q(pk=unit.pk), today)
    for group in view.groups:
        for section in group.perspectives:
            for row in section.rows:
                if row.item.pk == item.pk:
                    return row, group, section
    raise ValidationError(_("Posten följs inte upp för %(unit)s i %(period)s.") % {"unit": unit.name, "period": period})


def managers_by_unit(units: list[OrgUnit]) -> dict[int, list]:
    """The managers (chef) answerable for each unit: a role on it, or on a unit above it
    with the subtree (one query)."""
    result = holders_by_unit(units, [Role.MANAGER], active_only=False)
    remember(user for users in result.values() for user in users)  # the region's names for them, in one query
    return result


def last_reminded(period: Period) -> dict[int, datetime.datetime]:
    """When each manager was last sent a reminder of the period, by user id (one query)."""
    rows = ReminderDigest.objects.filter(period=period).values("user_id").annotate(last=Max("sent_at"))
    return {row["user_id"]: row["last"] for row in rows}


class Conflict(Exception):
    """Someone else saved the assessment since this form was read."""

    def __init__(self, current: Assessment):
        super().__init__("conflict")
        self.current = current


@transaction.atomic
def save_report(row: Row, period: Period, data: dict, version: int, user) -> Assessment:
    """Save a row: status, comment, activity/assignment fields and the measure's values.

    `version` is the assessment version the form was read at; a newer one in the database
    means someone else saved in between, and nothing is written (Conflict).
    """
    if not row.open:
        raise ValidationError(
            _("Sista rapportdag för %(period)s har passerat. Be en controller att öppna igen.") % {"period": period}
        )
    assessment = Assessment.objects.select_for_update().filter(
        item=row.item, unit=row.unit, period=period
    ).first() or Assessment(item=row.item, unit=row.unit, period=period)
    if assessment.pk and assessment.version != version:
        raise Conflict(assessment)
    for name in ("status", "comment", "overrule_reason", "percent_complete", "finished"):
        if name in data:
            setattr(assessment, name, data[name])
    assessment.version += 1
    assessment.updated_by = user
    try:
        with transaction.atomic():  # a savepoint: two first saves of the same row race on the insert
            assessment.save()
    except IntegrityError:
        raise Conflict(Assessment.objects.get(item=row.item, unit=row.unit, period=period)) from None
    # The values after the assessment: a refused save has written nothing.
    for sex, value in data.get("values", {}).items():
        existing = MeasureValue.objects.filter(measure=row.item, unit=row.unit, period=period, sex=sex).first()
        if value is None:
            if existing:
                existing.delete()
        elif existing is None:
            MeasureValue.objects.create(measure=row.item, unit=row.unit, period=period, sex=sex, value=value)
        elif existing.value != value:
            # A value typed over an imported one becomes the manager's own.
            existing.value, existing.origin, existing.job, existing.updated_at = (
                value,
                Origin.MANUAL,
                None,
                timezone.now(),
            )
            existing.save()
    if row.item.level in (Levels.ACTIVITY, Levels.ASSIGNMENT) and row.item.finished != assessment.finished:
        # Finished is a fact about the item: later periods and next year's copy skip it.
        row.item.finished = assessment.finished
        row.item.save()
    return assessment
