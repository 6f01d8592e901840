"""Pages that show lists or trees run a fixed number of queries: pinned per view, and the
same when the region's data grows tenfold."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import (
    Assessment,
    DataSource,
    ImportJob,
    ImportJobError,
    MeasureValue,
    ValueChange,
)
from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from goals.services import ensure_plan, save_item
from regionplan import auditing
from regionplan.models import OrgUnit, Period, Role, RoleAssignment, User
from regionplan.orgtree import ensure_year
from regionplan.tenancy import region_scope
from tests.plans import YEAR, build_plans
from tests.querycount import check_baseline, count_queries

PAGES = [
    ("region_home", lambda w: {}, "admin"),
    ("region_home", lambda w: {}, "manager"),
    ("org_tree", lambda w: {}, "admin"),
    ("unit_detail", lambda w: {"pk": w.units["DIV"].pk}, "admin"),
    ("user_list", lambda w: {}, "admin"),
    ("audit_log", lambda w: {}, "admin"),  # the newest page of the change log, however long
    ("unit_children", lambda w: {"pk": w.units["DIV"].pk}, "reader"),
    ("calendar", lambda w: {}, "admin"),
    ("region_settings", lambda w: {}, "admin"),
    ("object_history", lambda w: {"model": "regionplan.orgunit", "pk": w.units["DIV"].pk}, "admin"),
    ("plan_index", lambda w: {}, "controller"),
    ("plan_detail", lambda w: _plan(w, "VO1"), "controller"),
    ("plan_detail", lambda w: _plan(w, "DIV"), "manager"),
    ("plan_export", lambda w: _plan(w, "VO1"), "reader"),
    ("plan_history", lambda w: _plan(w, "DIV"), "controller"),
    ("plan_settings", lambda w: {}, "controller"),
    ("my_followup", lambda w: _plan(w, "DIV") and {}, "manager"),
    ("followup_overview", lambda w: _plan(w, "DIV") and {}, "controller"),
    ("import_index", lambda w: {}, "controller"),
    ("import_job", lambda w: _job(w), "controller"),
    ("source_list", lambda w: _sources(w), "admin"),
    ("report_index", lambda w: _reports(w) and {}, "controller"),
    ("report_outline", lambda w: {"pk": _reports(w)["report"].pk}, "controller"),
    ("report_run", lambda w: {"pk": _reports(w)["run"].pk}, "controller"),
    ("section_edit", lambda w: {"pk": _reports(w)["report"].pk, "section_pk": _reports(w)["section"].pk}, "manager"),
    ("risk_categories", lambda w: _categories(w), "controller"),
    # Internal control: DIV's analysis (risks, controls, actions; VO1's below, the root's above).
    ("ic_index", lambda w: _ic(w) and {}, "controller"),
    ("ic_analysis", lambda w: _ic(w), "manager"),
    ("ic_analysis", lambda w: _ic(w, "VO1"), "reader"),
    ("ic_risk", lambda w: {"pk": _ic_first_risk(w)}, "manager"),
    ("ic_risk_edit", lambda w: {"pk": _ic_first_risk(w)}, "manager"),
    ("ic_analysis_history", lambda w: _ic(w), "controller"),
    # Min uppföljning of VO1 with its controls' results and actions beside the plan items.
    ("my_followup", lambda w: _ic_adopted(w) and {"?": f"period={YEAR}-T3&enhet={w.units['VO1'].pk}"}, "controller"),
    ("ic_result", lambda w: {"pk": _ic_adopted(w).pk, "occurrence": f"{YEAR}-T3"}, "manager"),
    # The internal-control dashboard of the region (the root's and VO1's adopted analyses,
    # DIV's draft that a reader does not see), a cell of its heat map and a risk's card.
    ("dashboard_ic", lambda w: _ic(w) and {"?": f"period={YEAR}-T2"}, "reader"),
    ("dashboard_ic", lambda w: _ic(w) and {"?": f"period={YEAR}-T2"}, "manager"),
    ("dashboard_ic_cell", lambda w: _ic(w) and {"?": f"period={YEAR}-T2&{_ic_cell(w)}"}, "reader"),
    ("dashboard_ic_risk", lambda w: {"pk": _ic_first_risk(w), "?": f"period={YEAR}-T2"}, "controller"),
    ("ic_analysis_export", lambda w: _ic_analysis(w), "reader"),
    ("ic_plan_export", lambda w: _ic_analysis(w), "reader"),
    ("impact_areas", lambda w: _internal_control(w), "controller"),
    ("risk_matrix", lambda w: _internal_control(w), "controller"),
    # Dashboards, for the latest assessed tertial (the default); "?" is the query string.
    ("dashboard", lambda w: _dashboard(w) and {}, "reader"),
    ("dashboard", lambda w: _dashboard(w) and {}, "manager"),  # with the attention list
    ("dashboard_goal", lambda w: {"pk": _dashboard(w)["goal"].pk}, "reader"),
    ("dashboard_measure", lambda w: {"pk": _dashboard(w)["measure"].pk}, "reader"),
    (
        "dashboard_compare",
        lambda w: {"pk": _dashboard(w)["measure"].pk, "?": f"typ={w.units['VO1'].kind_id}"},
        "controller",
    ),
    # SAM annual follow-up and dashboard (workenv): every unit under DIV has its SAM year (tests/workenv/test_annual_data.py)
    (
        "we_index",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w) and {"?": f"ar={YEAR}"},
        "controller",
    ),
    (
        "we_index",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"?": f"ar={YEAR}&enhet={w.units['DIV'].pk}"}
        ),
        "reader",
    ),
    (
        "we_annual",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"unit_pk": w.units["DIV"].pk, "year": YEAR}
        ),
        "manager",
    ),
    # SAM action plan and a risk assessment (every unit under DIV has an action: grow_sam)
    (
        "we_action_plan",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"?": f"enhet={w.units['DIV'].pk}&visa=alla"}
        ),
        "manager",
    ),
    (
        "we_action_plan",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w) and {},
        "reader",
    ),
    (
        "we_assessment",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"pk": __import__("tests.view_table", fromlist=["_"])._we_sam(w)["assessment"]}
        ),
        "manager",
    ),
    # SAM year: a unit's wheel and list with the units below, and the region's template
    (
        "we_year",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and __import__("tests.view_table", fromlist=["_"])._we_year(w)
            and {"unit_pk": w.units["DIV"].pk, "year": YEAR}
        ),
        "manager",
    ),
    (
        "we_year_template",
        lambda w: __import__("tests.view_table", fromlist=["_"])._we_year(w) and {},
        "reader",
    ),
    # SAM forms: an activity to mark done, an action to edit (its owners listed), a new round
    (
        "we_activity",
        lambda w: {"pk": __import__("tests.view_table", fromlist=["_"])._we_year(w)["activity"]},
        "manager",
    ),
    (
        "we_action_edit",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"pk": __import__("tests.view_table", fromlist=["_"])._we_sam(w)["action"]}
        ),
        "manager",
    ),
    (
        "we_round_new",
        lambda w: (
            __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w)
            and {"unit_pk": w.units["DIV"].pk}
        ),
        "manager",
    ),
    # SAM incidents: the statistics (and for a manager the latest reports) and one incident
    (
        "we_incidents",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"?": f"ar={YEAR}&enhet={w.units['DIV'].pk}"}
        ),
        "manager",
    ),
    (
        "we_incidents",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w) and {"?": f"ar={YEAR}"},
        "reader",
    ),
    (
        "we_incident",
        lambda w: (
            __import__("tests.workenv.test_annual_data", fromlist=["_"]).grow_sam(w)
            and {"pk": __import__("tests.view_table", fromlist=["_"])._we_incident(w)}
        ),
        "manager",
    ),
    # SAM checklists and safety rounds (tests/workenv/test_rounds_data.py; size: tests/workenv/test_rounds.py)
    (
        "we_checklists",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).checklist_kwargs(w) and {},
        "reader",
    ),
    (
        "we_checklist",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).checklist_kwargs(w),
        "controller",
    ),
    ("we_round", lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w), "manager"),
    (
        "we_rounds",
        lambda w: (
            __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w)
            and {"unit_pk": w.units["DIV"].pk}
        ),
        "reader",
    ),
]


def _job(world):
    from tests.view_table import _job as make_job

    return make_job(world)


def _sources(world):
    from tests.view_table import _source

    _source(world)
    return {}


def _categories(world, count: int = 3):
    """The region's first risk categories (a few; grow() adds more)."""
    from internal_control.models import RiskCategory

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for i in range(count):
            RiskCategory.objects.get_or_create(name=f"Kategori {i}", defaults={"order": i})
    return {}


def _ic(world, unit="DIV"):
    """Internal control around DIV: the root's analysis above it (adopted), DIV's (a draft
    with risks, impact areas, controls and actions) and VO1's below it (adopted)."""
    from internal_control.models import RiskAnalysis
    from tests.internal_control.factory import make_analysis

    make_analysis(world, unit="ROOT", state=RiskAnalysis.ADOPTED)
    make_analysis(world, unit="VO1", state=RiskAnalysis.ADOPTED)
    analysis = make_analysis(world, risks=2)
    grow_ic(world, 1)
    analysis = analysis if unit == "DIV" else make_analysis(world, unit=unit, state=RiskAnalysis.ADOPTED)
    return {"unit_pk": analysis.unit_id, "year": analysis.year}


def _ic_adopted(world):
    """An adopted plan's control (DIV's, done by VO1) with a T3 result and an action, and
    the plans beside it; grow_ic adds more of them."""
    from internal_control.models import ControlResult, RiskAction, RiskAnalysis
    from tests.internal_control.factory import first_control

    build_plans(world)
    control = first_control(world, state=RiskAnalysis.ADOPTED, unit="NAMND")
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        world._ic_grow_adopted = RiskAnalysis.objects.get(pk=control.risk.analysis_id)
        if not ControlResult.objects.filter(control=control).exists():
            result = ControlResult.objects.create(
                control=control,
                occurrence=f"{YEAR}-T3",
                due_on=datetime.date(YEAR, 12, 31),
                outcome="minor",
                findings="x",
            )
            RiskAction.objects.create(risk=control.risk, result=result, what="Åtgärd", owner_label="Chef")
    return control


def _ic_cell(world) -> str:
    """The query string of the heat map's cell that holds the factory's risks (netto 3×3)."""
    from regionplan.models import RiskMatrix

    with region_scope(world.alfa):
        return f"varde=netto&matris={RiskMatrix.objects.order_by('version').first().pk}&s=3&k=3"


def _ic_first_risk(world):
    from tests.internal_control.factory import first_risk

    _ic(world)
    return first_risk(world).pk


def grow_ic(world, factor: int):
    """More risks in DIV's analysis (each with impact areas, a goal it threatens, two controls
    with results, an action with updates), more analyses above and below it."""
    from internal_control.models import (
        ActionUpdate,
        Control,
        ControlResult,
        ImpactArea,
        Risk,
        RiskAction,
        RiskAnalysis,
    )
    from regionplan.models import RiskMatrix

    analysis = getattr(world, "_ic_grow_adopted", None) or getattr(world, "_ic_DIV_2026_draft", None)
    if analysis is None:
        return
    items = build_plans(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        areas = [ImpactArea.objects.get_or_create(name=f"Område {i}")[0] for i in range(2 * factor)]
        period = Period.objects.filter(year__year=YEAR).order_by("end").first()
        start = Risk.objects.filter(analysis=analysis).count()
        for number in range(start + 1, start + 1 + 3 * factor):
            risk = Risk.objects.create(
                analysis=analysis,
                number=number,
                name=f"Risk {number}",
                gross_likelihood=2,
                gross_impact=3,
                net_likelihood=2,
                net_impact=2,
                in_plan=True,
                owner=world.users["controller"],
            )
            risk.impacts.set(areas)
            risk.threatens.set([items["goal"]])
            for order in range(2):
                control = Control.objects.create(
                    risk=risk, what=f"Kontroll {order}", unit=world.units["VO1"], order=order, frequency=Control.TERTIAL
                )
                result = ControlResult.objects.create(
                    control=control, occurrence=f"{YEAR}-T1", due_on=datetime.date(YEAR, 4, 30), outcome="minor"
                )
            action = RiskAction.objects.create(
                risk=risk, result=result, what="Åtgärd", owner_label="Ekonomichef", deadline=datetime.date(YEAR, 6, 1)
            )
            ActionUpdate.objects.create(action=action, period=period, status="ongoing")
        for unit in OrgUnit.objects.filter(path__startswith=world.units["DIV"].path).exclude(
            pk__in=RiskAnalysis.objects.filter(year=YEAR).values("unit")
        )[: 3 * factor]:
            RiskAnalysis.objects.create(unit=unit, year=YEAR, matrix=RiskMatrix.for_valuation(), state="adopted")


def _ic_analysis(world):
    """DIV's adopted risk analysis with a few risks, actions, controls and results (made once
    per world; grow_internal_control adds more)."""
    if not hasattr(world, "_ic_analysis"):
        from internal_control.models import RiskAnalysis
        from regionplan.models import RiskMatrix

        with region_scope(world.alfa), auditing.acting_as(label="test"):
            world._ic_analysis = RiskAnalysis.objects.create(
                unit=world.units["DIV"], year=YEAR, matrix=RiskMatrix.for_valuation(), state=RiskAnalysis.ADOPTED
            )
        grow_internal_control(world, 1)
    return {"unit_pk": world.units["DIV"].pk, "year": YEAR}


def grow_internal_control(world, factor: int):
    """Three risks per factor in DIV's analysis, each with impact areas, an owner, two
    actions, a control at a unit below and a result with an action of its own."""
    from internal_control.models import Control, ControlResult, ImpactArea, Risk, RiskAction, RiskCategory

    analysis = world._ic_analysis if hasattr(world, "_ic_analysis") else None
    if analysis is None:
        return
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        start = Risk.objects.filter(analysis=analysis).count() + 1
        category, _ = RiskCategory.objects.get_or_create(name="Finansiell")
        areas = [ImpactArea.objects.get_or_create(name=name)[0] for name in ("Förtroende/rykte", "Medarbetare")]
        people = list(User.objects.filter(role_assignments__isnull=False).distinct().order_by("pk")[:5])
        for n in range(start, start + 3 * factor):
            owner = people[n % len(people)]
            risk = Risk.objects.create(
                analysis=analysis,
                number=n,
                name=f"Risk {n}",
                category=category,
                owner=owner,
                gross_likelihood=1 + n % 4,
                gross_impact=1 + (n + 1) % 4,
                in_plan=True,
            )
            risk.impacts.set(areas[: 1 + n % 2])
            RiskAction.objects.create(risk=risk, what=f"Åtgärd {n}", owner=owner)
            RiskAction.objects.create(risk=risk, what=f"Åtgärd {n}b", owner_label="Ekonomidirektör")
            control = Control.objects.create(
                risk=risk, what=f"Kontroll {n}", frequency=Control.TERTIAL, responsible=owner, unit=world.units["VO1"]
            )
            result = ControlResult.objects.create(
                control=control,
                occurrence=f"{YEAR}-T1",
                due_on=datetime.date(YEAR, 4, 30),
                outcome=("ok", "minor", "major")[n % 3],
            )
            RiskAction.objects.create(risk=risk, result=result, what="Följ upp", owner=owner)


def _impact_areas(world, count: int = 3):
    """The region's first impact areas (a few; grow() adds more)."""
    from internal_control.models import ImpactArea

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for i in range(count):
            ImpactArea.objects.get_or_create(name=f"Område {i}", defaults={"order": i})
    return {}


def _internal_control(world, factor: int = 1):
    """The region's risk matrix in `factor` versions of different sizes, an analysis per
    version for each of `factor` units (older versions adopted, the newest's drafts), each
    with risks in a category and impact areas, whose uses the lists count."""
    from internal_control.models import ImpactArea, Risk, RiskAnalysis, RiskCategory
    from regionplan import riskmatrix
    from regionplan.models import RiskMatrix

    _categories(world, 3 * factor)
    _impact_areas(world, 3 * factor)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        categories, areas = list(RiskCategory.objects.all()), list(ImpactArea.objects.all())
        units = list(OrgUnit.objects.order_by("pk")[:factor])
        for version in range(1, factor + 1):
            matrix, _ = RiskMatrix.objects.get_or_create(
                version=version, defaults={"definition": riskmatrix.default_definition(3 + version % 4, 4)}
            )
            state = RiskAnalysis.DRAFT if version == factor else RiskAnalysis.ADOPTED
            for unit in units:
                analysis, created = RiskAnalysis.objects.get_or_create(
                    unit=unit, year=2000 + version, defaults={"matrix": matrix, "state": state}
                )
                for n in range(2 if created else 0):
                    risk = Risk.objects.create(
                        analysis=analysis,
                        number=n + 1,
                        name=f"Risk {n}",
                        category=categories[(version + n) % len(categories)],
                        net_likelihood=n + 1,
                        net_impact=n + 2,
                    )
                    risk.impacts.add(*areas[n : n + 2])
    return {}


def _reports(world):
    """DIV's delårsrapport with a finished version, its "Verksamhet" the chef's to write,
    and VO1's text in it to pull up (made once per world)."""
    from reports import services
    from tests.view_table import make_report, make_run

    if not hasattr(world, "_reports"):
        report = make_report(world)
        vo1 = make_report(world, "VO1")
        with region_scope(world.alfa), auditing.acting_as(label="test"):
            mine = report.sections.get(key="verksamhet")
            services.assign_writers(report, {mine.pk: world.users["manager"]})
            below = vo1.sections.get(key="verksamhet")
            services.save_section(below, "VO1:s text.", True, below.version, world.users["controller"])
        world._reports = {"report": report, "run": make_run(world, report), "section": mine}
    return world._reports


def grow_reports(world, factor: int):
    """More reports, sections, writers, texts and versions: a report for each unit below
    DIV (with texts to pull up), versions of DIV's report by different people, and
    sections of the region's own in it."""
    from reports import services
    from reports.models import ReportSection
    from tests.view_table import make_report, make_run

    base = _reports(world)
    report = base["report"]
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        children = list(OrgUnit.objects.filter(parent=world.units["DIV"]).exclude(pk__in=[world.units["VO1"].pk]))
        managers = list(User.objects.filter(email__startswith="grow").order_by("pk")[:factor])
    for unit in children[:factor]:
        below = make_report(world, unit)
        with region_scope(world.alfa), auditing.acting_as(label="test"):
            s = below.sections.get(key="verksamhet")
            services.save_section(s, f"Text från {unit.name}.", True, s.version, world.users["controller"])
    for kind in ("tertialrapport", "arsrapport"):
        for code in ("DIV", "VO1", "VO2"):
            make_report(world, code, kind=kind)
    for i in range(factor):
        run = make_run(world, report)
        with region_scope(world.alfa), auditing.acting_as(label="test"):
            if managers:
                run.requested_by = managers[i % len(managers)]
                run.save()
            ReportSection.objects.create(
                report=report,
                key=f"text-egen-{i}",
                title=f"Eget avsnitt {i}",
                order=100 + i,
                text=f"Text {i}",
                done=bool(i % 2),
                assignee=managers[i % len(managers)] if managers else world.users["controller"],
            )


DASH_PERIODS = (f"{YEAR}-T2", f"{YEAR}-T3")  # T3 is the default; T2 what its trend compares with


def _dashboard(world):
    """The plans of tests/plans.py for this year and last, linked through copied_from, and
    their follow-up in T2 and T3: every level assessed (red ones with comments), MATT-1 with
    values at DIV and VO1, an approved report (so a reader's comment rule has something to
    read), an overdue assignment and a stale measure (made once per world)."""
    from tests.view_table import make_report

    if hasattr(world, "_dashboard"):
        return world._dashboard
    items = build_plans(world)
    old = build_plans(world, year=YEAR - 1)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for key in ("goal", "factor", "measure", "activity", "assignment"):
            PlanItem.objects.filter(pk=items[key].pk).update(copied_from=old[key])
            items[key].refresh_from_db()
        periods = {p.code: p for p in Period.objects.filter(code__in=DASH_PERIODS + (f"{YEAR - 1}-T3",))}
        for code in DASH_PERIODS:
            period = periods[code]
            for item, unit, status in [
                (items["goal"], "ROOT", "yellow"),
                (items["factor"], "NAMND", "yellow"),
                (items["measure"], "DIV", "red"),
                (items["measure"], "VO1", "yellow"),
                (items["activity"], "DIV", "green"),
                (items["assignment"], "DIV", "red"),
            ]:
                Assessment.objects.create(
                    item=item, unit=world.units[unit], period=period, status=status, comment=f"{item.code} vid {unit}"
                )
            for unit, value in (("DIV", "6.1"), ("VO1", "4.2")):
                for sex in ("total", "women", "men"):
                    MeasureValue.objects.create(
                        measure=items["measure"], unit=world.units[unit], period=period, sex=sex, value=value
                    )
        Assessment.objects.create(
            item=old["measure"], unit=world.units["DIV"], period=periods[f"{YEAR - 1}-T3"], status="red"
        )
        MeasureValue.objects.create(
            measure=old["measure"], unit=world.units["DIV"], period=periods[f"{YEAR - 1}-T3"], value="7.0"
        )
        save_item(
            PlanItem(
                plan=items["plans"]["DIV"],
                level=Levels.ASSIGNMENT,
                parent=items["goal"],
                code="SEN-0",
                name="Sent uppdrag",
                end_date=datetime.date(YEAR, 3, 31),
            )
        )
    make_report(world, "VO1", kind="arsrapport", period_code=f"{YEAR}-T3", approved=True)
    world._dashboard = items
    return items


def grow_dashboard(world, factor: int):
    """What the dashboards read, across many units and periods: MATT-1 adopted by every
    unit under DIV, each assessed (every colour, with comments) and valued in T2 and T3 and
    last year; more goals in more perspectives, each with factors and measures assessed
    at the units; overdue assignments and stale measures at the units; approved reports."""
    from goals.models import Perspective
    from tests.view_table import make_report

    items = _dashboard(world)
    old = build_plans(world, year=YEAR - 1)
    statuses = ["red", "yellow", "green", "none"]
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        units = list(
            OrgUnit.objects.filter(path__startswith=world.units["DIV"].path)
            .exclude(pk__in=[world.units[k].pk for k in ("DIV", "VO1")])
            .order_by("pk")
        )
        periods = list(Period.objects.filter(code__in=DASH_PERIODS + (f"{YEAR}-T1", f"{YEAR - 1}-T3")).order_by("end"))
        this_year = [p for p in periods if p.start.year == YEAR]
        last_t3 = next(p for p in periods if p.start.year == YEAR - 1)
        adoptions, assessments, values = [], [], []
        for i, unit in enumerate(units):
            adoptions.append(MeasureAdoption(measure=items["measure"], unit=unit))
            adoptions.append(MeasureAdoption(measure=old["measure"], unit=unit))
            for j, period in enumerate(this_year):
                status = statuses[(i + j) % 4]
                assessments.append(
                    Assessment(
                        item=items["measure"],
                        unit=unit,
                        period=period,
                        status=status,
                        comment=f"Kommentar {i} {period.code}",
                    )
                )
                if i % 5:  # a fifth of the units have no value: stale, and missing in the comparison
                    for sex in ("total", "women", "men"):
                        values.append(
                            MeasureValue(
                                measure=items["measure"], unit=unit, period=period, sex=sex, value=Decimal(i) / 10
                            )
                        )
            assessments.append(Assessment(item=old["measure"], unit=unit, period=last_t3, status=statuses[i % 4]))
            values.append(MeasureValue(measure=old["measure"], unit=unit, period=last_t3, value=Decimal(i)))
        MeasureAdoption.objects.bulk_create(adoptions)
        # More goals, each with factors and measures owned by DIV and assessed at many units.
        plans = items["plans"]
        for g in range(factor):
            perspective, _ = Perspective.objects.get_or_create(
                name=f"Perspektiv {g % 4}", defaults={"order": 10 + g % 4}
            )
            goal = save_item(PlanItem(plan=plans["ROOT"], level=Levels.GOAL, name=f"Mål {g}", perspective=perspective))
            for f in range(2):
                ff = save_item(PlanItem(plan=plans["NAMND"], level=Levels.FACTOR, parent=goal, name=f"FF {g}.{f}"))
                measure = save_item(
                    PlanItem(
                        plan=plans["DIV"],
                        level=Levels.MEASURE,
                        parent=ff,
                        name=f"Mått {g}.{f}",
                        measure_unit="%",
                        direction="lower",
                        frequency="tertial",
                        split_by_sex=True,
                        critical=bool(f),
                    )
                )
                for k, unit in enumerate(units[:factor]):
                    MeasureAdoption.objects.create(measure=measure, unit=unit)
                    for period in this_year:
                        assessments.append(
                            Assessment(
                                item=measure,
                                unit=unit,
                                period=period,
                                status=statuses[(g + f + k) % 4],
                                comment=f"Mått {g}.{f}",
                            )
                        )
                        values.append(MeasureValue(measure=measure, unit=unit, period=period, value=Decimal(k)))
                for period in this_year:
                    assessments.append(
                        Assessment(
                            item=ff,
                            unit=world.units["NAMND"],
                            period=period,
                            status=statuses[(g + f) % 4],
                            comment="FF",
                        )
                    )
            for period in this_year:
                assessments.append(
                    Assessment(item=goal, unit=world.units["ROOT"], period=period, status=statuses[g % 4])
                )
            # Factors and measures under MAL-1 too, for its drill-down: more than a page of measures.
            ff = save_item(
                PlanItem(plan=plans["NAMND"], level=Levels.FACTOR, parent=items["goal"], name=f"Extra FF {g}")
            )
            for m in range(2):
                measure = save_item(
                    PlanItem(
                        plan=plans["DIV"],
                        level=Levels.MEASURE,
                        parent=ff,
                        name=f"Extra mått {g}.{m}",
                        measure_unit="antal",
                        direction="higher",
                        frequency="month",
                    )
                )
                for k, unit in enumerate(units[:factor]):
                    MeasureAdoption.objects.create(measure=measure, unit=unit)
                    assessments.append(
                        Assessment(
                            item=measure,
                            unit=unit,
                            period=this_year[-1],
                            status=statuses[(g + m + k) % 4],
                            comment=f"Extra {g}.{m}",
                        )
                    )
            # Overdue assignments across the units.
            for k, unit in enumerate(units[:factor]):
                save_item(
                    PlanItem(
                        plan=ensure_plan(unit, YEAR),
                        level=Levels.ASSIGNMENT,
                        parent=items["goal"],
                        name=f"Uppdrag {g}.{k}",
                        end_date=datetime.date(YEAR, 2, 1 + k % 27),
                    )
                )
        Assessment.objects.bulk_create(assessments)
        MeasureValue.objects.bulk_create(values)
    for unit in units[:factor]:
        make_report(world, unit, kind="arsrapport", period_code=f"{YEAR}-T3", approved=bool(units.index(unit) % 2))


def _plan(world, unit):
    build_plans(world)
    return {"unit_pk": world.units[unit].pk, "year": YEAR}


def grow_plans(world, factor: int):
    """More of every level: factors under the goal, measures with adoptions, activities,
    assignments, in the plans of NAMND, DIV and VO1."""
    items = build_plans(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        vo1_plan = ensure_plan(world.units["VO1"], YEAR)
        for i in range(factor):
            factor_item = save_item(
                PlanItem(plan=items["plans"]["NAMND"], level=Levels.FACTOR, parent=items["goal"], name=f"FF {i}")
            )
            measure = save_item(
                PlanItem(
                    plan=items["plans"]["DIV"],
                    level=Levels.MEASURE,
                    parent=factor_item,
                    name=f"Mått {i}",
                    measure_unit="%",
                    direction="higher",
                    frequency="year",
                )
            )
            MeasureAdoption.objects.create(measure=measure, unit=world.units["VO1"])
            save_item(PlanItem(plan=vo1_plan, level=Levels.ACTIVITY, parent=measure, name=f"Aktivitet {i}"))
            save_item(
                PlanItem(plan=items["plans"]["DIV"], level=Levels.ASSIGNMENT, parent=items["goal"], name=f"Uppdrag {i}")
            )
            # and a change after the fact, for the history
            measure.name = f"Mått {i} (ändrat)"
            save_item(measure)
            # follow-up of the period: values and assessments
            period = Period.objects.get(code=f"{YEAR}-T3")
            MeasureValue.objects.create(measure=measure, unit=world.units["DIV"], period=period, value=i)
            Assessment.objects.create(item=measure, unit=world.units["DIV"], period=period, status="red")
            # imports: jobs with errors and changes, and data sources with their runs
            job = ImportJob.objects.create(
                source_name=f"fil {i}.csv",
                trigger=ImportJob.UPLOAD,
                status=ImportJob.DONE,
                started_by=User.objects.get(email="controller@alfa.test"),
            )
            ImportJobError.objects.create(job=job, row=i, column="Värde", message="fel")
            ValueChange.objects.create(
                job=job,
                measure=measure,
                unit=world.units["DIV"],
                period=period,
                sex="total",
                kind="created",
                new_value=i,
            )
            source = DataSource.objects.create(name=f"Källa {i}", kind=DataSource.KOLADA, kpis="N1", kolada_ids="0025")
            ImportJob.objects.create(
                source=source, source_name=source.name, trigger=ImportJob.SCHEDULE, status=ImportJob.FAILED
            )


def grow(world, factor: int):
    """Multiply the region's data: units under DIV, their roles, years of periods, audit rows."""
    with region_scope(world.alfa):
        div = OrgUnit.objects.get(pk=world.units["DIV"].pk)
        kind = world.units["VO1"].kind
        existing = OrgUnit.objects.count()
        for i in range(existing * (factor - 1)):
            unit = OrgUnit(code=f"GROW-{i}", name=f"Enhet {i}", kind=kind, parent=div if i % 3 else world.units["VO1"])
            unit.save()
            user = User.objects.create_user(email=f"grow{i}@alfa.test")
            RoleAssignment.objects.create(user=user, role=Role.MANAGER, unit=unit)
        for year in range(2010, 2010 + factor):
            ensure_year(world.alfa, year)
        _categories(world, 3 * factor)
    _internal_control(world, factor)
    with region_scope(world.alfa):
        # History grows too: rename DIV repeatedly.
        for i in range(factor):
            div.name = f"Division Stöd v{i}"
            div.save()


def measure(world, name, kwargs, persona):
    client = world.client(persona)
    kwargs = kwargs(world)
    query = kwargs.pop("?", "")
    url = reverse(name, kwargs={"region_slug": "alfa", **kwargs}) + (f"?{query}" if query else "")
    client.get(url)  # warm caches (content types, sessions) as a real user's second visit would
    queries, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    return queries


@pytest.mark.parametrize("name, kwargs, persona", PAGES, ids=[f"{p[0]}-{p[2]}" for p in PAGES])
def test_query_count_is_pinned_and_independent_of_size(world, name, kwargs, persona):
    small = measure(world, name, kwargs, persona)
    check_baseline(f"{name}[{persona}]", small)
    grow(world, 10)
    grow_plans(world, 10)
    grow_reports(world, 10)
    grow_dashboard(world, 10)
    grow_ic(world, 10)
    grow_internal_control(world, 10)
    with region_scope(world.alfa):
        assert Period.objects.count() > 10 * 3
    assert measure(world, name, kwargs, persona) == small, "query count grew with the data"
