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
    with region_scope(world.alfa):
        assert Period.objects.count() > 10 * 3
    assert measure(world, name, kwargs, persona) == small, "query count grew with the data"
