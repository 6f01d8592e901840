"""What changes the SAM year: the region's standard template and a unit's year made from it."""

from __future__ import annotations

from regionplan.models import OrgUnit
from workenv import rules_year
from workenv.models import STANDARD_ACTIVITIES, ActivityTemplate, UnitActivity


def add_standard_activities() -> int:
    """The STANDARD_ACTIVITIES missing (by name) in the current region; how many were added."""
    have = set(ActivityTemplate.objects.values_list("name", flat=True))
    made = 0
    for order, (name, text, start, due) in enumerate(STANDARD_ACTIVITIES, start=1):
        if name not in have:
            ActivityTemplate.objects.create(name=name, description=text, start_month=start, due_month=due, order=order)
            made += 1
    return made


def make_year(unit: OrgUnit, year: int) -> int:
    """The unit's activities of the year from the active template (those it lacks, by
    name); how many were made."""
    have = set(UnitActivity.objects.filter(unit=unit, year=year).values_list("name", flat=True))
    made = 0
    for template in ActivityTemplate.objects.filter(active=True):
        if template.name in have:
            continue
        starts_on, due_on = rules_year.dates(year, template.start_month, template.due_month)
        UnitActivity.objects.create(
            unit=unit, year=year, template=template, name=template.name, starts_on=starts_on, due_on=due_on
        )
        made += 1
    return made
