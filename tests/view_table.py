"""Every view of a region, who may use it, and how to call it.

test_permissions.py checks each row for every persona; test_url_coverage.py fails when a
region URL pattern has no row here, so a new view cannot ship without its negative tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from regionplan.models import Period, RoleAssignment
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
        job = ImportJob.objects.create(source_name="värden.csv", trigger=ImportJob.UPLOAD, status=ImportJob.DONE,
                                       rows_read=2, rows_accepted=1, rows_rejected=1, created=1, partial=True)
        ImportJobError.objects.create(job=job, row=3, column="Värde", message="”x” är inget tal.")
        ValueChange.objects.create(job=job, measure=items["measure"], unit=world.units["DIV"],
                                   period=Period.objects.get(code=f"{YEAR}-T3"), sex="total", kind="created",
                                   new_value=4)
    return {"pk": job.pk}


def _source(world):
    from followup.models import DataSource

    with region_scope(world.alfa):
        source, _ = DataSource.objects.get_or_create(name="Inkorg", defaults={"kind": DataSource.FOLDER, "folder": "saknas"})
    return {"pk": source.pk}


@dataclass
class ViewCase:
    name: str
    kwargs: Callable = lambda world: {}
    method: str = "get"
    allowed: set[str] = field(default_factory=set)
    ok_status: int = 200


VIEW_CASES = [
    ViewCase("region_home", allowed=ALL_MEMBERS),
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
    ViewCase("kind_create", method="post", allowed={"admin"}, ok_status=400),
    ViewCase("kind_edit", lambda w: {"pk": w.units["DIV"].kind_id}, allowed={"admin"}),
    ViewCase("kind_delete", lambda w: {"pk": w.units["DIV"].kind_id}, method="post", allowed={"admin"}, ok_status=302),
    ViewCase("object_history", lambda w: {"model": "regionplan.orgunit", "pk": w.units["DIV"].pk},
             allowed={"admin", "controller"}),
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
    ViewCase("report_save", lambda w: _row(w, "activity"), method="post", allowed=PLANNERS | {"manager"}, ok_status=400),
    ViewCase("followup_reopen", lambda w: {"period_code": f"{YEAR}-T3", "unit_pk": w.units["DIV"].pk}, method="post",
             allowed=PLANNERS, ok_status=302),
    ViewCase("followup_remind", lambda w: {"period_code": f"{YEAR}-T3", "unit_pk": w.units["DIV"].pk}, method="post",
             allowed=PLANNERS, ok_status=302),
    ViewCase("followup_history", lambda w: {"item_pk": build_plans(w)["activity"].pk, "unit_pk": w.units["DIV"].pk},
             allowed=SEES_DIV),
    ViewCase("import_index", allowed=PLANNERS),
    ViewCase("import_job", _job, allowed=PLANNERS),
    ViewCase("import_job_errors", _job, allowed=PLANNERS),
    ViewCase("source_list", allowed={"admin"}),
    ViewCase("source_create", allowed={"admin"}),
    ViewCase("source_edit", _source, allowed={"admin"}),
    ViewCase("source_run", _source, method="post", allowed={"admin"}, ok_status=302),
    ViewCase("source_delete", _source, method="post", allowed={"admin"}, ok_status=302),
]
