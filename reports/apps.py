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
