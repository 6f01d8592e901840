"""A small cascaded plan in region alfa, for 2026: the region's goal, the board's success
factor, the division's measure (adopted by VO1), its activity, and an assignment.

ROOT  MAL-1  goal (perspective Medarbetare)
NAMND   FF-1   factor
DIV       MATT-1 measure, adopted by VO1
DIV         AKT-1  activity
DIV     UPP-1  assignment serving MAL-1
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from goals.models import MeasureAdoption, Perspective, PlanItem
from goals.rules import Levels, Op, Target
from goals.services import ensure_plan, save_item
from regionplan import auditing
from regionplan.tenancy import region_scope

YEAR = 2026


def build_plans(world, region=None, units=None, year=YEAR) -> dict:
    """Create the plans once per world (region alfa unless told) and return their items by name."""
    region, units = region or world.alfa, units or world.units
    key = f"_plans_{region.slug}_{year}"
    if hasattr(world, key):
        return getattr(world, key)
    with region_scope(region), auditing.acting_as(label="test"):
        perspective, _ = Perspective.objects.get_or_create(name="Medarbetare", defaults={"order": 1})
        Perspective.objects.get_or_create(name="Ekonomi", defaults={"order": 2})
        plans = {code: ensure_plan(units[code], year) for code in ("ROOT", "NAMND", "DIV")}
        goal = save_item(
            PlanItem(
                plan=plans["ROOT"],
                level=Levels.GOAL,
                code="MAL-1",
                name="Hållbar kompetensförsörjning",
                perspective=perspective,
            )
        )
        factor = save_item(
            PlanItem(plan=plans["NAMND"], level=Levels.FACTOR, parent=goal, code="FF-1", name="Hållbar arbetsmiljö")
        )
        measure = PlanItem(
            plan=plans["DIV"],
            level=Levels.MEASURE,
            parent=factor,
            code="MATT-1",
            name="Sjukfrånvaro",
            measure_unit="%",
            direction="lower",
            frequency="month",
            split_by_sex=True,
            baseline_year=2018,
            baseline_value=Decimal("5.6"),
            source="Heroma",
        )
        measure.target = Target(Op.LT, Decimal("4.8"))
        save_item(measure)
        activity = save_item(
            PlanItem(
                plan=plans["DIV"],
                level=Levels.ACTIVITY,
                parent=measure,
                code="AKT-1",
                name="Friskvårdssatsning",
                responsible="HR-chef",
                start_date=datetime.date(year, 1, 1),
                end_date=datetime.date(year, 12, 31),
            )
        )
        assignment = save_item(
            PlanItem(
                plan=plans["DIV"],
                level=Levels.ASSIGNMENT,
                parent=goal,
                code="UPP-1",
                name="Kompetensförsörjningsplan",
                given_by="rd",
                decision_ref="RD 2025/1",
                end_date=datetime.date(year, 12, 31),
            )
        )
        adoption = MeasureAdoption.objects.create(measure=measure, unit=units["VO1"])
    result = {
        "plans": plans,
        "goal": goal,
        "factor": factor,
        "measure": measure,
        "activity": activity,
        "assignment": assignment,
        "adoption": adoption,
        "perspective": perspective,
    }
    setattr(world, key, result)
    return result
