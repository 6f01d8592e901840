"""Internal-control data for tests, built with the ORM in region alfa of the `world` fixture."""

from __future__ import annotations

from internal_control.models import Control, Risk, RiskAnalysis
from regionplan import auditing
from regionplan.models import RiskMatrix
from regionplan.tenancy import region_scope
from tests.plans import YEAR


def make_analysis(world, unit="DIV", year=YEAR, state=RiskAnalysis.DRAFT, risks=1, controls=1) -> RiskAnalysis:
    """DIV's analysis of the year (once per world, unit, year and state) with `risks` risks,
    the first valued brutto 4×4, netto 3×3 and in the plan with `controls` controls done by VO1."""
    key = f"_ic_{unit}_{year}_{state}"
    if hasattr(world, key):
        return getattr(world, key)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        analysis = RiskAnalysis.objects.create(
            unit=world.units[unit], year=year, matrix=RiskMatrix.for_valuation(), state=state
        )
        for number in range(1, risks + 1):
            risk = Risk.objects.create(
                analysis=analysis,
                number=number,
                name=f"Fakturagranskning {number}",
                gross_likelihood=4,
                gross_impact=4,
                net_likelihood=3,
                net_impact=3,
                in_plan=number == 1,
                owner=world.users["manager"],
            )
            if number == 1:
                for order in range(controls):
                    Control.objects.create(
                        risk=risk,
                        what=f"Stickprov av fakturor {order + 1}",
                        frequency=Control.TERTIAL,
                        unit=world.units["VO1"],
                        responsible=world.users["manager"],
                        order=order,
                    )
    setattr(world, key, analysis)
    return analysis


def first_risk(world, **kwargs) -> Risk:
    analysis = make_analysis(world, **kwargs)
    with region_scope(world.alfa):
        return Risk.objects.filter(analysis=analysis).order_by("number").first()


def first_control(world, **kwargs) -> Control:
    risk = first_risk(world, **kwargs)
    with region_scope(world.alfa):
        return Control.objects.filter(risk=risk).order_by("order").first()
