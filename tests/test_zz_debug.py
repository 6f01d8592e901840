from regionplan.tenancy import region_scope
from tests.view_table import make_report
from reports.models import Report

def test_dbg(world):
    r = make_report(world, approved=True)
    with region_scope(world.alfa):
        r2 = Report.objects.get(pk=r.pk)
        print("DBG", r2.state, r2.approved_by_id, r2.approved_run_id, world.users["controller"].pk)
