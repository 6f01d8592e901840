"""Every view of a region, who may use it, and how to call it.

test_permissions.py checks each row for every persona; test_url_coverage.py fails when a
region URL pattern has no row here, so a new view cannot ship without its negative tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from regionplan import auditing
from regionplan.models import Period, RoleAssignment
from regionplan.orgtree import ensure_year
from regionplan.tenancy import region_scope
from tests.plans import YEAR, build_plans

ALL_MEMBERS = {"admin", "controller", "manager", "manager_out", "reader"}


def _period(world):
    with region_scope(world.alfa):
        return Period.objects.order_by("pk").first().pk


def _role_on_div(world):
    with region_scope(world.alfa):
        return RoleAssignment.objects.get(unit=world.units["DIV"]).pk


def _plan(world, unit="DIV"):
    build_plans(world)
    return {"unit_pk": world.units[unit].pk, "year": YEAR}


def _item(name):
    return lambda world: {"pk": build_plans(world)[name].pk}


PLANNERS = {"admin", "controller"}


def _row(world, name, unit="DIV"):
    return {"period_code": f"{YEAR}-T3", "item_pk": build_plans(world)[name].pk, "unit_pk": world.units[unit].pk}


SEES_DIV = ALL_MEMBERS - {"manager_out"}


def _job(world):
    """A finished import job of region alfa with one error and one change."""
    from followup.models import ImportJob, ImportJobError, ValueChange

    items = build_plans(world)
    with region_scope(world.alfa):
        job = ImportJob.objects.create(
            source_name="värden.csv",
            trigger=ImportJob.UPLOAD,
            status=ImportJob.DONE,
            rows_read=2,
            rows_accepted=1,
            rows_rejected=1,
            created=1,
            partial=True,
        )
        ImportJobError.objects.create(job=job, row=3, column="Värde", message="”x” är inget tal.")
        ValueChange.objects.create(
            job=job,
            measure=items["measure"],
            unit=world.units["DIV"],
            period=Period.objects.get(code=f"{YEAR}-T3"),
            sex="total",
            kind="created",
            new_value=4,
        )
    return {"pk": job.pk}


def _source(world):
    from followup.models import DataSource

    with region_scope(world.alfa):
        source, _ = DataSource.objects.get_or_create(
            name="Inkorg", defaults={"kind": DataSource.FOLDER, "folder": "saknas"}
        )
    return {"pk": source.pk}


def _category(world):
    from internal_control.models import RiskCategory

    with region_scope(world.alfa):
        category, _ = RiskCategory.objects.get_or_create(name="Finansiell")
    return {"pk": category.pk}


REPORTS_DIV = {"admin", "controller", "manager"}
# The draft analysis is DIV's, the adopted one VO2's (under DIV: the same personas may read,
# report and plan there), so that both exist in one world, as the fuzzing pass builds them.
IC_UNIT = {"draft": "DIV", "adopted": "VO2"}


def _ic_analysis(state="draft"):
    def kwargs(world):
        from tests.internal_control.factory import make_analysis

        analysis = make_analysis(world, unit=IC_UNIT[state], state=state)
        return {"unit_pk": analysis.unit_id, "year": analysis.year}

    return kwargs


def _ic_risk(state="draft", key="pk"):
    def kwargs(world):
        from tests.internal_control.factory import first_risk

        return {key: first_risk(world, unit=IC_UNIT[state], state=state).pk}

    return kwargs


def _ic_control(state="draft"):
    def kwargs(world):
        from tests.internal_control.factory import first_control

        return {"pk": first_control(world, unit=IC_UNIT[state], state=state).pk}

    return kwargs


def _ic_result(world):
    """An adopted plan's (VO2's) control done by VO1, its T2 result with findings, evidence and an
    action (made once per world)."""
    import datetime

    from internal_control.models import ControlResult, Evidence, RiskAction
    from tests.internal_control.factory import first_control

    if not hasattr(world, "_ic_result"):
        control = first_control(world, unit=IC_UNIT["adopted"], state="adopted")
        with region_scope(world.alfa), auditing.acting_as(label="test"):
            result = ControlResult.objects.create(
                control=control,
                occurrence=f"{YEAR}-T2",
                due_on=datetime.date(YEAR, 8, 31),
                outcome="minor",
                findings="x",
            )
            evidence = Evidence(result=result, name="stickprov.pdf", content_type="application/pdf", size=9, sha256="0")
            evidence.file.save("stickprov.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
            evidence.save()
            action = RiskAction.objects.create(risk=control.risk, result=result, what="Åtgärd", owner_label="Chef")
        world._ic_result = {"control": control, "result": result, "evidence": evidence, "action": action}
    return world._ic_result


def _ic_occurrence(code="T2"):
    return lambda w: {"pk": _ic_result(w)["control"].pk, "occurrence": f"{YEAR}-{code}"}


def _analysis(world, state="draft"):
    """DIV's risk analysis of YEAR in a state (draft: read by those with REPORT on DIV;
    adopted: by all who see DIV), with one risk."""
    from internal_control.models import Risk, RiskAnalysis
    from regionplan.models import RiskMatrix

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        analysis, created = RiskAnalysis.objects.get_or_create(
            unit=world.units["DIV"], year=YEAR, defaults={"matrix": RiskMatrix.for_valuation(), "state": state}
        )
        if created:
            Risk.objects.create(analysis=analysis, number=1, name="Fakturagranskning", in_plan=True)
    return {"unit_pk": world.units["DIV"].pk, "year": YEAR}


def _impact_area(world):
    from internal_control.models import ImpactArea

    with region_scope(world.alfa):
        area, _ = ImpactArea.objects.get_or_create(name="Medarbetare")
    return {"pk": area.pk}


REPORT_PERIOD = f"{YEAR}-T2"  # the delårsrapport's tertial
REPORTERS = PLANNERS | {"manager"}  # REPORT on DIV: they read its drafts


def make_report(
    world, unit="DIV", *, kind="delarsrapport", period_code=REPORT_PERIOD, approved=False, writer="controller"
):
    """The region alfa's report of `kind` for the unit (a key of world.units or an OrgUnit)
    and YEAR's period, opened as a controller would (with the kind's sections), its
    narrative sections given to `writer` (None: nobody yet); approved: with a finished
    approved version. Opening it again returns the same report."""
    from reports import services
    from reports.models import Report

    build_plans(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        ensure_year(world.alfa, YEAR)
        period = Period.objects.get(code=period_code)
        unit = world.units[unit] if isinstance(unit, str) else unit
        report, created = services.open_report(services.kind_by_key(kind), unit, period)
        if created and writer:
            services.assign_writers(
                report, {pk: world.users[writer] for pk in report.sections.values_list("pk", flat=True)}
            )
        if approved and not report.approved:
            report.approved_run = make_run(world, report)
            report.state, report.approved_at = Report.APPROVED, timezone.now()
            report.approved_by = world.users["controller"]
            report.save()
    return report


def make_run(world, report, status=None):
    """A finished version of the report with small PDF and Excel files (no rendering)."""
    from reports.models import ReportRun

    with region_scope(world.alfa), auditing.acting_as(label="test"):
        run = ReportRun(
            report=report,
            requested_by=world.users["controller"],
            status=status or ReportRun.DONE,
            progress=100,
            pages=1,
            data_note="Testdata",
            finished_at=timezone.now(),
        )
        if run.status == ReportRun.DONE:
            run.pdf.save(f"test-{report.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
            run.xlsx.save(f"test-{report.pk}.xlsx", ContentFile(b"PK test"), save=False)
        run.save()
    return run


def _report(world, approved=False):
    return {"pk": make_report(world, approved=approved).pk}


def _section(world, key="sammanfattning", assignee=None, approved=False):
    """A narrative section of DIV's report, optionally assigned to a persona."""
    report = make_report(world, approved=approved)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        section = report.sections.get(key=key)
        if assignee:
            section.assignee = world.users[assignee]
            section.save()
    return {"pk": report.pk, "section_pk": section.pk}


def _run(world, approved=False):
    """A finished version of DIV's report: a draft version, or the approved one."""
    report = make_report(world, approved=approved)
    return {"pk": report.approved_run_id if approved else make_run(world, report).pk}


@dataclass
class ViewCase:
    name: str
    kwargs: Callable = lambda world: {}
    method: str = "get"
    allowed: set[str] = field(default_factory=set)
    ok_status: int = 200
    redirected: set[str] = field(default_factory=set)  # allowed, but sent on elsewhere (302)


VIEW_CASES = [
    ViewCase("region_home", allowed=ALL_MEMBERS, redirected={"reader"}),  # a reader lands on the dashboard
    ViewCase("org_tree", allowed=ALL_MEMBERS),
    ViewCase("unit_detail", lambda w: {"pk": w.units["DIV"].pk}, allowed=ALL_MEMBERS - {"manager_out"}),
    ViewCase("unit_children", lambda w: {"pk": w.units["DIV"].pk}, allowed=ALL_MEMBERS),
    ViewCase("unit_create", allowed={"admin"}),
    ViewCase("unit_import", allowed={"admin"}),
    ViewCase("unit_edit", lambda w: {"pk": w.units["DIV"].pk}, allowed={"admin"}),
    ViewCase("unit_move", lambda w: {"pk": w.units["DIV"].pk}, allowed={"admin"}),
    ViewCase("unit_close", lambda w: {"pk": w.units["DIV"].pk}, allowed={"admin"}),
    ViewCase("unit_reopen", lambda w: {"pk": w.units["DIV"].pk}, method="post", allowed={"admin"}, ok_status=302),
    ViewCase("user_list", allowed={"admin"}),
    ViewCase("role_grant", allowed={"admin"}),
    ViewCase("role_revoke", lambda w: {"pk": _role_on_div(w)}, method="post", allowed={"admin"}, ok_status=302),
    ViewCase("calendar", allowed=ALL_MEMBERS),
    ViewCase("period_edit", lambda w: {"pk": _period(w)}, allowed={"admin"}),
    ViewCase("region_settings", allowed={"admin"}),
    # the region's change log: those who audit the whole region (administrator, controller)
    ViewCase("audit_log", allowed=PLANNERS),
    ViewCase("kind_create", method="post", allowed={"admin"}, ok_status=400),
    ViewCase("kind_edit", lambda w: {"pk": w.units["DIV"].kind_id}, allowed={"admin"}),
    ViewCase("kind_delete", lambda w: {"pk": w.units["DIV"].kind_id}, method="post", allowed={"admin"}, ok_status=302),
    ViewCase(
        "object_history",
        lambda w: {"model": "regionplan.orgunit", "pk": w.units["DIV"].pk},
        allowed={"admin", "controller"},
    ),
    ViewCase("plan_index", allowed=ALL_MEMBERS),
    ViewCase("plan_detail", _plan, allowed=SEES_DIV),
    ViewCase("plan_create", lambda w: _plan(w, "VO1"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("plan_adopt", _plan, allowed=PLANNERS),
    ViewCase("plan_close", _plan, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("plan_reopen", _plan, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("plan_copy", _plan, allowed=PLANNERS),
    ViewCase("plan_history", _plan, allowed=PLANNERS),
    ViewCase("plan_export", _plan, allowed=SEES_DIV),
    ViewCase("plan_import", allowed=PLANNERS),
    ViewCase("plan_settings", allowed=PLANNERS),
    ViewCase("perspective_create", method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("perspective_edit", _item("perspective"), method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("perspective_delete", _item("perspective"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("item_create", lambda w: {**_plan(w), "level": "assignment"}, allowed=PLANNERS),
    ViewCase("item_edit", _item("measure"), allowed=PLANNERS),
    ViewCase("item_move", _item("measure"), allowed=PLANNERS),
    ViewCase("item_reorder", _item("measure"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("item_delete", _item("activity"), allowed=PLANNERS),
    ViewCase("adoption_create", _item("measure"), allowed=PLANNERS),
    ViewCase("adoption_delete", _item("adoption"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("my_followup", allowed=ALL_MEMBERS - {"reader"}),
    ViewCase("followup_overview", allowed=PLANNERS),
    ViewCase("followup_settings", allowed=PLANNERS),
    ViewCase(
        "report_save", lambda w: _row(w, "activity"), method="post", allowed=PLANNERS | {"manager"}, ok_status=400
    ),
    ViewCase(
        "followup_reopen",
        lambda w: {"period_code": f"{YEAR}-T3", "unit_pk": w.units["DIV"].pk},
        method="post",
        allowed=PLANNERS,
        ok_status=302,
    ),
    ViewCase(
        "followup_remind",
        lambda w: {"period_code": f"{YEAR}-T3", "unit_pk": w.units["DIV"].pk},
        method="post",
        allowed=PLANNERS,
        ok_status=302,
    ),
    ViewCase(
        "followup_history",
        lambda w: {"item_pk": build_plans(w)["activity"].pk, "unit_pk": w.units["DIV"].pk},
        allowed=SEES_DIV,
    ),
    ViewCase("import_index", allowed=PLANNERS),
    ViewCase("import_job", _job, allowed=PLANNERS),
    ViewCase("import_job_errors", _job, allowed=PLANNERS),
    ViewCase("source_list", allowed={"admin"}),
    ViewCase("source_create", allowed={"admin"}),
    ViewCase("source_edit", _source, allowed={"admin"}),
    ViewCase("source_run", _source, method="post", allowed={"admin"}, ok_status=302),
    ViewCase("source_delete", _source, method="post", allowed={"admin"}, ok_status=302),
    # Reports of DIV. A draft is read by those with REPORT on DIV and by its assigned
    # writers; an approved report (outline, the approved version and its files) by all who
    # see DIV, but the preview (today's data) stays with the reporters.
    ViewCase("report_index", allowed=ALL_MEMBERS),
    ViewCase("report_index", method="post", allowed=PLANNERS, ok_status=400),  # opening needs PLAN
    ViewCase("report_outline", _report, allowed=REPORTERS),
    ViewCase("report_outline", lambda w: _report(w, approved=True), allowed=SEES_DIV),
    ViewCase("report_outline", _report, method="post", allowed=PLANNERS, ok_status=302),  # assigning writers
    ViewCase("report_preview", _report, allowed=REPORTERS),
    ViewCase("report_preview", lambda w: _report(w, approved=True), allowed=REPORTERS),
    ViewCase("section_edit", _section, allowed=REPORTERS),
    ViewCase("section_edit", lambda w: _section(w, assignee="manager_out"), allowed=REPORTERS | {"manager_out"}),
    ViewCase("section_edit", _section, method="post", allowed=PLANNERS, ok_status=400),
    ViewCase(
        "section_edit", lambda w: _section(w, assignee="manager"), method="post", allowed=REPORTERS, ok_status=400
    ),
    ViewCase("section_pull", _section, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase(
        "section_pull", lambda w: _section(w, assignee="manager"), method="post", allowed=REPORTERS, ok_status=302
    ),
    ViewCase("report_generate", _report, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("report_approve", _report, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("report_run", _run, allowed=REPORTERS),
    ViewCase("report_run", lambda w: _run(w, approved=True), allowed=SEES_DIV),
    ViewCase("run_pdf", _run, allowed=REPORTERS),
    ViewCase("run_pdf", lambda w: _run(w, approved=True), allowed=SEES_DIV),
    ViewCase("run_xlsx", _run, allowed=REPORTERS),
    ViewCase("run_xlsx", lambda w: _run(w, approved=True), allowed=SEES_DIV),
    ViewCase("report_kinds", allowed=PLANNERS),
    ViewCase("report_kinds", method="post", allowed=PLANNERS, ok_status=302),  # what readers see
    ViewCase("report_kind_edit", lambda w: {"key": "delarsrapport"}, allowed=PLANNERS),
    ViewCase("report_kind_edit", lambda w: {"key": "delarsrapport"}, method="post", allowed=PLANNERS, ok_status=400),
    # Internal control: the region's risk categories are the whole region's controllers'.
    ViewCase("risk_categories", allowed=PLANNERS),
    ViewCase("risk_categories", method="post", allowed=PLANNERS, ok_status=400),  # an empty form
    ViewCase("risk_category_edit", _category, allowed=PLANNERS),
    ViewCase("risk_category_delete", _category, allowed=PLANNERS),  # the confirmation step
    ViewCase("risk_category_delete", _category, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("risk_category_defaults", method="post", allowed=PLANNERS, ok_status=302),
    # Internal control: reading needs VIEW on the unit, and a draft REPORT there; keeping a
    # draft's risks and controls REPORT; adopting, closing and copying PLAN on the unit;
    # reopening PLAN over the whole region; the history AUDIT.
    ViewCase("ic_index", allowed=ALL_MEMBERS),
    # --- SAM (workenv): the start page; each part adds its rows in its own section below.
    ViewCase("we_index", allowed=ALL_MEMBERS),
    # --- SAM incidents: anyone with a role reports; the investigation is REPORT on the unit (VO1)
    ViewCase("we_incidents", allowed=ALL_MEMBERS),
    ViewCase("we_incident_new", allowed=ALL_MEMBERS),
    ViewCase("we_incident_new", method="post", allowed=ALL_MEMBERS, ok_status=400),
    ViewCase("we_incident", lambda w: {"pk": _we_incident(w)}, allowed=REPORTS_DIV),
    ViewCase("we_incident", lambda w: {"pk": _we_incident(w)}, method="post", allowed=REPORTS_DIV, ok_status=302),
    # the incident counts into the measures now: controllers of the whole region
    ViewCase("we_incident_counts", method="post", allowed=PLANNERS, ok_status=302),
    # --- SAM action plan and risk assessments
    ViewCase("we_action_plan", allowed=ALL_MEMBERS),
    ViewCase("we_action_new", allowed=ALL_MEMBERS - {"reader"}),
    ViewCase("we_action_new", method="post", allowed=ALL_MEMBERS - {"reader"}, ok_status=400),
    ViewCase("we_assessments", allowed=ALL_MEMBERS),
    ViewCase("we_assessment_new", allowed=ALL_MEMBERS - {"reader"}),
    # one action and one assessment with a risk, of VO1: reading VIEW, keeping REPORT
    ViewCase("we_action_edit", lambda w: {"pk": _we_sam(w)["action"]}, allowed=REPORTS_DIV),
    ViewCase(
        "we_action_edit", lambda w: {"pk": _we_sam(w)["action"]}, method="post", allowed=REPORTS_DIV, ok_status=400
    ),
    ViewCase(
        "we_action_followup",
        lambda w: {"pk": _we_sam(w)["action"], "period_code": f"{YEAR}-T3"},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    ViewCase("we_assessment", lambda w: {"pk": _we_sam(w)["assessment"]}, allowed=SEES_DIV),
    ViewCase("we_assessment_edit", lambda w: {"pk": _we_sam(w)["assessment"]}, allowed=REPORTS_DIV),
    ViewCase(
        "we_assessment_edit",
        lambda w: {"pk": _we_sam(w)["assessment"]},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    ViewCase("we_assessment_risk_new", lambda w: {"pk": _we_sam(w)["assessment"]}, allowed=REPORTS_DIV),
    ViewCase(
        "we_assessment_risk_new",
        lambda w: {"pk": _we_sam(w)["assessment"]},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    ViewCase("we_assessment_risk_edit", lambda w: {"pk": _we_sam(w)["risk"]}, allowed=REPORTS_DIV),
    ViewCase(
        "we_assessment_risk_delete",
        lambda w: {"pk": _we_sam(w)["risk"]},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    # --- SAM checklists and safety rounds
    # (helpers in tests/workenv/test_rounds_data.py.) Checklists: read by all, kept by PLANNERS over the
    # region; a round of DIV: VIEW to read, REPORT to start, answer (empty answer: 400), finish and turn a Nej.
    ViewCase("we_checklists", allowed=ALL_MEMBERS),
    ViewCase("we_checklists", method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("we_checklist_defaults", method="post", allowed=PLANNERS, ok_status=302),
    ViewCase(
        "we_checklist",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).checklist_kwargs(w),
        allowed=ALL_MEMBERS,
    ),
    ViewCase(
        "we_checklist_import",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).checklist_kwargs(w),
        method="post",
        allowed=PLANNERS,
        ok_status=400,
    ),
    ViewCase("we_rounds", lambda w: {"unit_pk": w.units["DIV"].pk}, allowed=SEES_DIV),
    ViewCase("we_round_new", lambda w: {"unit_pk": w.units["DIV"].pk}, allowed=REPORTS_DIV),
    ViewCase(
        "we_round_new", lambda w: {"unit_pk": w.units["DIV"].pk}, method="post", allowed=REPORTS_DIV, ok_status=400
    ),
    ViewCase(
        "we_round",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w),
        allowed=SEES_DIV,
    ),
    ViewCase(
        "we_round",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w),
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    ViewCase(
        "we_round_answer",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w, question=True),
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    ViewCase(
        "we_round_finding",
        lambda w: __import__("tests.workenv.test_rounds_data", fromlist=["_"]).round_kwargs(w, finding=True),
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    # --- SAM year (årshjul)
    # the region's template: read by all, kept by controllers of the whole region; a unit's
    # year: VIEW to read, REPORT to make it and mark activities done
    ViewCase("we_year_template", allowed=ALL_MEMBERS),
    ViewCase("we_year_template", method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("we_year_template_defaults", method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("we_year_template_import", method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("we_year_template_edit", lambda w: {"pk": _we_year(w)["template"]}, allowed=PLANNERS),
    ViewCase(
        "we_year_template_edit",
        lambda w: {"pk": _we_year(w)["template"]},
        method="post",
        allowed=PLANNERS,
        ok_status=400,
    ),
    ViewCase(
        "we_year_template_delete",
        lambda w: {"pk": _we_year(w)["template"]},
        method="post",
        allowed=PLANNERS,
        ok_status=302,
    ),
    ViewCase("we_year", lambda w: {"unit_pk": w.units["VO1"].pk, "year": YEAR}, allowed=SEES_DIV),
    ViewCase(
        "we_year_create",
        lambda w: {"unit_pk": w.units["VO1"].pk, "year": YEAR},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    ViewCase("we_activity", lambda w: {"pk": _we_year(w)["activity"]}, allowed=REPORTS_DIV),
    ViewCase(
        "we_activity", lambda w: {"pk": _we_year(w)["activity"]}, method="post", allowed=REPORTS_DIV, ok_status=400
    ),
    # --- SAM annual follow-up, dashboard and Excel
    # (helpers in tests/workenv/test_annual_data.py; __import__ as this section may not add imports at the top)
    # The questionnaire: read by all, kept by controllers over the region (PLAN); a unit's
    # follow-up: VIEW to read and export, REPORT to answer, write the summary and sign.
    ViewCase("we_annual_questions", allowed=ALL_MEMBERS),
    ViewCase("we_annual_questions", method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("we_annual_question_defaults", method="post", allowed=PLANNERS, ok_status=302),
    ViewCase(
        "we_annual_question_edit",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).question_kwargs(w),
        allowed=PLANNERS,
    ),
    ViewCase(
        "we_annual_question_edit",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).question_kwargs(w),
        method="post",
        allowed=PLANNERS,
        ok_status=400,
    ),
    ViewCase(
        "we_annual",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).annual_kwargs(w),
        allowed=SEES_DIV,
    ),
    ViewCase(
        "we_annual",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).annual_kwargs(w),
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    ViewCase(
        "we_annual_answer",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).annual_kwargs(w, question=True),
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    ViewCase(
        "we_annual_sign",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).annual_kwargs(w),
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    ViewCase(
        "we_annual_export",
        lambda w: __import__("tests.workenv.test_annual_data", fromlist=["_"]).annual_kwargs(w),
        allowed=SEES_DIV,
    ),
    ViewCase("ic_analysis", lambda w: {"unit_pk": w.units["DIV"].pk, "year": YEAR}, allowed=SEES_DIV),
    ViewCase("ic_analysis", _ic_analysis(), allowed=SEES_DIV),
    ViewCase(
        "ic_analysis_create",
        lambda w: {"unit_pk": w.units["DIV"].pk, "year": YEAR},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    ViewCase("ic_analysis_adopt", _ic_analysis(), allowed=PLANNERS),
    ViewCase("ic_analysis_adopt", _ic_analysis(), method="post", allowed=PLANNERS, ok_status=400),
    ViewCase("ic_analysis_close", _ic_analysis("adopted"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("ic_analysis_reopen", _ic_analysis("adopted"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("ic_analysis_copy", _ic_analysis("adopted"), method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("ic_analysis_history", _ic_analysis(), allowed=PLANNERS),
    ViewCase("ic_risk_new", _ic_analysis(), allowed=REPORTS_DIV),
    ViewCase("ic_risk_new", _ic_analysis(), method="post", allowed=REPORTS_DIV, ok_status=400),
    ViewCase("ic_risk", _ic_risk(), allowed=REPORTS_DIV),
    ViewCase("ic_risk", _ic_risk("adopted"), allowed=SEES_DIV),
    ViewCase("ic_risk_edit", _ic_risk(), allowed=REPORTS_DIV),
    ViewCase("ic_risk_edit", _ic_risk(), method="post", allowed=REPORTS_DIV, ok_status=400),
    ViewCase("ic_risk_delete", _ic_risk(), allowed=REPORTS_DIV),
    ViewCase("ic_risk_delete", _ic_risk(), method="post", allowed=REPORTS_DIV, ok_status=302),
    ViewCase("ic_risk_lift", _ic_risk(), method="post", allowed=REPORTS_DIV, ok_status=302),
    ViewCase("ic_control_new", _ic_risk(key="risk_pk"), allowed=REPORTS_DIV),
    ViewCase("ic_control_edit", _ic_control(), allowed=REPORTS_DIV),
    ViewCase("ic_control_edit", _ic_control(), method="post", allowed=REPORTS_DIV, ok_status=400),
    ViewCase("ic_control_delete", _ic_control(), allowed=REPORTS_DIV),
    ViewCase("ic_control_delete", _ic_control(), method="post", allowed=REPORTS_DIV, ok_status=302),
    # A control's results and actions: reading VIEW on the control's unit (VO1), reporting REPORT.
    ViewCase("ic_result", _ic_occurrence(), allowed=SEES_DIV),
    ViewCase("ic_result_save", _ic_occurrence("T3"), method="post", allowed=REPORTS_DIV, ok_status=400),
    ViewCase("ic_evidence_upload", _ic_occurrence(), method="post", allowed=REPORTS_DIV, ok_status=400),
    ViewCase("ic_evidence", lambda w: {"pk": _ic_result(w)["evidence"].pk}, allowed=SEES_DIV),
    ViewCase(
        "ic_evidence_delete",
        lambda w: {"pk": _ic_result(w)["evidence"].pk},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=302,
    ),
    ViewCase("ic_action_new", _ic_risk("adopted", key="risk_pk"), allowed=REPORTS_DIV),
    ViewCase("ic_action_new", _ic_risk("adopted", key="risk_pk"), method="post", allowed=REPORTS_DIV, ok_status=400),
    ViewCase("ic_action_edit", lambda w: {"pk": _ic_result(w)["action"].pk}, allowed=REPORTS_DIV),
    ViewCase(
        "ic_action_followup",
        lambda w: {"pk": _ic_result(w)["action"].pk, "period_code": f"{YEAR}-T3"},
        method="post",
        allowed=REPORTS_DIV,
        ok_status=400,
    ),
    # Internal control in Excel: a draft is exported by those with REPORT on DIV, an adopted
    # analysis by all who see DIV; the import needs REPORT (an empty upload is a form error).
    ViewCase("ic_analysis_export", _analysis, allowed=REPORTERS),
    ViewCase("ic_analysis_export", lambda w: _analysis(w, "adopted"), allowed=SEES_DIV),
    ViewCase("ic_plan_export", _analysis, allowed=REPORTERS),
    ViewCase("ic_plan_export", lambda w: _analysis(w, "adopted"), allowed=SEES_DIV),
    ViewCase("ic_analysis_import", _analysis, allowed=REPORTERS),
    ViewCase("ic_analysis_import", _analysis, method="post", allowed=REPORTERS, ok_status=400),
    # Internal control's settings: impact areas and the risk matrix, as the categories.
    ViewCase("impact_areas", allowed=PLANNERS),
    ViewCase("impact_areas", method="post", allowed=PLANNERS, ok_status=400),  # an empty form
    ViewCase("impact_area_edit", _impact_area, allowed=PLANNERS),
    ViewCase("impact_area_delete", _impact_area, allowed=PLANNERS),  # the confirmation step
    ViewCase("impact_area_delete", _impact_area, method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("impact_area_defaults", method="post", allowed=PLANNERS, ok_status=302),
    ViewCase("risk_matrix", allowed=PLANNERS),
    ViewCase("risk_matrix", method="post", allowed=PLANNERS, ok_status=400),  # an empty form
    # Dashboards: VIEW on the scope, which without ?enhet= is the user's top unit (the
    # region for admin, controller and reader; DIV for manager; OTHER for manager_out).
    # MATT-1 is DIV's measure: OTHER neither follows it nor lies above it.
    ViewCase("dashboard", allowed=ALL_MEMBERS),
    ViewCase("dashboard_goal", _item("goal"), allowed=ALL_MEMBERS),
    ViewCase("dashboard_measure", _item("measure"), allowed=SEES_DIV),
    ViewCase("dashboard_compare", _item("measure"), allowed=SEES_DIV),
    # The internal-control dashboard: the user's top unit; a cell without its parameters goes
    # back to the heat map; a risk card needs VIEW on the risk's unit (VO2's adopted analysis).
    ViewCase("dashboard_ic", allowed=ALL_MEMBERS),
    ViewCase("dashboard_ic_cell", allowed=ALL_MEMBERS, ok_status=302),
    ViewCase("dashboard_ic_risk", _ic_risk("adopted"), allowed=SEES_DIV),
]


def _we_incident(world):
    """An incident of VO1 in region alfa (made once per world)."""
    from workenv.models import Incident

    with region_scope(world.alfa):
        incident = Incident.objects.filter(unit=world.units["VO1"]).first()
        if incident is None:
            incident = Incident.objects.create(
                unit=world.units["VO1"],
                kind="tillbud",
                occurred_at=timezone.now(),
                place="Korridoren",
                description="Halkade på vått golv.",
            )
        return incident.pk


def _we_sam(world):
    """An action and a risk assessment with one risk, of VO1 in region alfa."""
    import datetime

    from regionplan.models import RiskMatrix
    from workenv.models import RiskAssessment, WorkAction, WorkRisk

    with region_scope(world.alfa):
        action = WorkAction.objects.filter(unit=world.units["VO1"]).first() or WorkAction.objects.create(
            unit=world.units["VO1"],
            what="Byt belysning i korridoren",
            source=WorkAction.OTHER,
            owner=world.users["manager"],
            deadline=datetime.date(YEAR, 10, 1),
        )
        assessment = RiskAssessment.objects.filter(unit=world.units["VO1"]).first()
        if assessment is None:
            assessment = RiskAssessment.objects.create(
                unit=world.units["VO1"],
                title="Inför flytt",
                reason=RiskAssessment.CHANGE,
                change_kind=RiskAssessment.PREMISES,
                matrix=RiskMatrix.for_valuation(),
                assessed_on=datetime.date(YEAR, 3, 1),
            )
        risk = WorkRisk.objects.filter(assessment=assessment).first() or WorkRisk.objects.create(
            assessment=assessment, number=1, hazard="Tunga lyft vid flytten", likelihood=2, impact=2
        )
        return {"action": action.pk, "assessment": assessment.pk, "risk": risk.pk}


def _we_year(world):
    """The region's standard SAM year and VO1's year made from it."""
    from workenv.models import ActivityTemplate, UnitActivity
    from workenv.services_year import add_standard_activities, make_year

    with region_scope(world.alfa):
        add_standard_activities()
        make_year(world.units["VO1"], YEAR)
        return {
            "template": ActivityTemplate.objects.order_by("pk").first().pk,
            "activity": UnitActivity.objects.filter(unit=world.units["VO1"]).order_by("pk").first().pk,
        }
