"""restrict(roles, action) on every tenant queryset: only rows on units the roles allow
the action on (by the model's scope_path), region-wide models only with a role over the
whole region; and the report and job rules that the views ask, without a request."""

import pytest

from followup.imports import jobs
from followup.models import ImportJob
from goals.models import Plan, PlanItem
from regionplan.models import OrgUnit, Period, RoleAssignment
from regionplan.permissions import Action, roles_of
from regionplan.tenancy import region_scope
from reports import rules
from tests.plans import build_plans
from tests.view_table import make_report

CASES = [
    # persona, model, action, the codes or count expected
    ("admin", OrgUnit, Action.ADMINISTER, {"A-ROOT", "A-NAMND", "A-DIV", "A-VO1", "A-VO2", "A-OTHER"}),
    ("manager", OrgUnit, Action.REPORT, {"A-DIV", "A-VO1", "A-VO2"}),
    ("manager_out", OrgUnit, Action.REPORT, {"A-OTHER"}),
    ("reader", OrgUnit, Action.REPORT, set()),
    ("manager", Plan, Action.VIEW, {"A-DIV"}),
    ("manager_out", Plan, Action.VIEW, set()),
    ("reader", Plan, Action.VIEW, {"A-ROOT", "A-NAMND", "A-DIV"}),
]


def codes(queryset):
    model = queryset.model
    if model is OrgUnit:
        return set(queryset.values_list("code", flat=True))
    return set(queryset.values_list("unit__code", flat=True))


@pytest.mark.parametrize("persona, model, action, expected", CASES)
def test_restrict_keeps_what_the_roles_allow(world, persona, model, action, expected):
    build_plans(world)
    with region_scope(world.alfa):
        roles = roles_of(world.users[persona])
        assert codes(model.objects.restrict(roles, action)) == expected


def test_restrict_follows_the_scope_path_through_the_plan(world):
    build_plans(world)
    with region_scope(world.alfa):
        roles = roles_of(world.users["manager_out"])
        assert not PlanItem.objects.restrict(roles, Action.VIEW).exists()
        roles = roles_of(world.users["manager"])
        assert set(PlanItem.objects.restrict(roles, Action.VIEW).values_list("code", flat=True)) >= {"MATT-1", "AKT-1"}


def test_a_region_wide_model_needs_the_action_over_the_whole_region(world):
    with region_scope(world.alfa):
        assert (
            Period.objects.restrict(roles_of(world.users["admin"]), Action.ADMINISTER).count() == Period.objects.count()
        )
        assert not Period.objects.restrict(roles_of(world.users["manager"]), Action.VIEW).exists()


def test_roles_of_brings_the_regions_name_for_the_user(world):
    with region_scope(world.alfa):
        [role] = roles_of(world.users["manager"])
        assert isinstance(role, RoleAssignment) and role.member_name is None  # the conftest gave no name


def test_report_rules_without_a_request(world):
    report = make_report(world, writer="manager_out")
    with region_scope(world.alfa):
        report.refresh_from_db()
        roles = {p: roles_of(world.users[p]) for p in ("controller", "manager", "manager_out", "reader")}
        section = report.sections.filter(automatic=False).first()
        assert rules.may_manage(roles["controller"], report) and not rules.may_manage(roles["manager"], report)
        assert rules.may_read(roles["manager"], world.users["manager"], report)
        assert not rules.may_read(roles["reader"], world.users["reader"], report)  # a draft
        assert rules.may_read(roles["manager_out"], world.users["manager_out"], report)  # its writer
        assert rules.may_write(roles["manager_out"], world.users["manager_out"], report, section)
        assert not rules.may_write(roles["manager"], world.users["manager"], report, section)
        assert report in rules.readable_reports(roles["manager_out"], world.users["manager_out"])
        assert report not in rules.readable_reports(roles["reader"], world.users["reader"])


def test_job_rules_without_a_request(world):
    with region_scope(world.alfa):
        job = ImportJob.objects.create(source_name="x.csv", trigger=ImportJob.UPLOAD, started_by=world.users["manager"])
        assert jobs.may_see_job(roles_of(world.users["manager"]), world.users["manager"], job)
        assert jobs.may_see_job(roles_of(world.users["controller"]), world.users["controller"], job)
        assert not jobs.may_see_job(roles_of(world.users["manager_out"]), world.users["manager_out"], job)
