from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports, PDF and Excel output and dashboards: read-only over everything else."""

    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self):
        from regionplan.demo import register_seeder
        from reports.demo import seed_dashboard, seed_report

        register_seeder(seed_report)
        register_seeder(seed_dashboard)

        from regionplan.background import register_job
        from reports.models import ReportRun
        from reports.services import fail_run

        register_job(ReportRun, "reports.tasks.render_report_run", fail_run)

        from regionplan import registry
        from reports import catalogue, personnel
        from reports.dashboards import internal_control as ic_dashboard

        catalogue.register()
        personnel.register()
        ic_dashboard.register()
        registry.add_urls("rapporter/", "reports.urls")
        registry.add_urls("dashboard/", "reports.dashboards.urls")
        registry.add_nav(registry.NavEntry(_("Måluppfyllelse"), "dashboard", 20, current_prefix="dashboard/"))
        registry.add_nav(registry.NavEntry(_("Rapporter"), "report_index", 60, current_prefix="rapporter/"))
        registry.set_reader_landing("dashboard")
