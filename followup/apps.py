from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Assessments and values per period, deadlines, reopening and reminders."""

    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self):
        from followup.demo import seed_followup, seed_imports, seed_personnel
        from regionplan.demo import register_seeder

        register_seeder(seed_followup)  # after the plans (goals is installed first)
        register_seeder(seed_imports)
        register_seeder(seed_personnel)

        from followup.imports import jobs
        from followup.models import ImportJob
        from regionplan.background import register_job

        register_job(
            ImportJob, "followup.tasks.run_import_job", lambda job, message: jobs.fail(job, message, job.source)
        )

        from regionplan import registry

        registry.add_urls("uppfoljning/", "followup.urls")
        for entry in (
            registry.NavEntry(_("Min uppföljning"), "my_followup", 30, action="report", current=("my_followup",)),
            registry.NavEntry(
                _("Uppföljningsöversikt"), "followup_overview", 40, action="plan", current=("followup_overview",)
            ),
            registry.NavEntry(_("Import"), "import_index", 50, action="plan", current_prefix="uppfoljning/import/"),
        ):
            registry.add_nav(entry)
