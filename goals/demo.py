"""The demo regions' plans (goals.demo_plans), for 2022, the year of the seed documents,
and for the current year, so that a manager who logs in today has items to follow up.

2022 is adopted and closed; the current year is adopted, with activities still editable.
Next year is left empty, for a controller to try "Kopiera till nästa år".
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from goals.demo_plans import NORRBOTTEN, VASTERNORRLAND
from goals.models import MeasureAdoption, Perspective, Plan, PlanItem, PlanSettings
from goals.rules import Levels, parse_baseline, parse_target
from goals.services import ensure_plan

PLANS_BY_SLUG = {"norrbotten": NORRBOTTEN, "vasternorrland": VASTERNORRLAND}


def seed_plans(region, spec: dict, units: dict, log) -> None:
    """Perspectives, level names and the plans of both demo years. Idempotent."""
    data = PLANS_BY_SLUG.get(spec["slug"])
    if data is None:
        return
    for order, name in enumerate(data["perspectives"]):
        Perspective.objects.get_or_create(name=name, defaults={"order": order})
    if not PlanSettings.objects.exists():
        PlanSettings.objects.create(labels={level: list(names) for level, names in data["labels"].items()})
    perspectives = {p.name: p for p in Perspective.objects.all()}
    this_year = timezone.localdate().year
    for year in sorted({2022, this_year}):
        if PlanItem.objects.filter(year=year).exists():
            continue
        count = _seed_year(data, year, units, perspectives)
        for plan in Plan.objects.filter(year=year):
            plan.state, plan.adopted_on = Plan.ADOPTED, datetime.date(year - 1, 11, 24)
            plan.decision_ref = (
                f"RF {year - 1}-11-24 § 112"
                if plan.unit.parent_id is None
                else f"{plan.unit.code} {year - 1}/{plan.unit.pk}"
            )
            if year < this_year:
                plan.state = Plan.CLOSED
            plan.save()
        log(f"  Planer {year}: {count} poster.")


def _seed_year(data: dict, year: int, units: dict, perspectives: dict) -> int:
    order = iter(range(1, 100_000))
    count = 0

    def add(level, spec, parent=None, **fields):
        nonlocal count
        item = PlanItem(
            plan=ensure_plan(units[spec["unit"]], year),
            level=level,
            parent=parent,
            code=spec["code"],
            name=spec.get("name") or spec.get("title"),
            description=spec.get("description", ""),
            responsible=spec.get("responsible", ""),
            order=next(order),
            **fields,
        )
        if level == Levels.MEASURE:
            item.target = parse_target(spec["target"], spec["direction"])
            if spec.get("baseline"):
                item.baseline_year, item.baseline_value = spec["baseline"][0], parse_baseline(spec["baseline"][1])[1]
        item.save()
        count += 1
        return item

    def day(month_day: str) -> datetime.date | None:
        return datetime.date.fromisoformat(f"{year}-{month_day}") if month_day else None

    goals = {}
    for goal in data["goals"]:
        goal_item = goals[goal["code"]] = add(Levels.GOAL, goal, perspective=perspectives[goal["perspective"]])
        for factor in goal["factors"]:
            factor_item = add(Levels.FACTOR, factor, goal_item)
            for measure in factor["measures"]:
                if measure.get("from_year", year) > year:  # a measure the region took up later
                    continue
                measure_item = add(
                    Levels.MEASURE,
                    measure,
                    factor_item,
                    measure_unit=measure["measure_unit"],
                    direction=measure["direction"],
                    source=measure["source"],
                    external_code=measure["external_code"],
                    frequency=measure["frequency"],
                    split_by_sex=measure["split_by_sex"],
                )
                MeasureAdoption.objects.bulk_create(
                    [MeasureAdoption(measure=measure_item, unit=units[code]) for code in measure["adopted_by"]]
                )
                for activity in measure["activities"]:
                    add(
                        Levels.ACTIVITY,
                        activity,
                        measure_item,
                        start_date=day(activity["start"]),
                        end_date=day(activity["end"]),
                    )
    for assignment in data["assignments"]:
        add(
            Levels.ASSIGNMENT,
            assignment,
            goals.get(assignment.get("goal")),
            given_by=assignment["given_by"],
            decision_ref=assignment["decision_ref"],
            decision_date=day(assignment["decision_date"]),
            end_date=day(assignment["deadline"]),
        )
    return count
