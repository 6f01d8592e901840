from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkenvConfig(AppConfig):
    """Systematic work-environment management (SAM): the year, safety rounds, risk
    assessments, the action plan, incidents and the annual follow-up."""

    name = "workenv"
    verbose_name = _("Arbetsmiljö (SAM)")

    def ready(self):
        from regionplan import registry
        from regionplan.demo import register_seeder
        from workenv import owed
        from workenv.demo import seed_workenv

        register_seeder(seed_workenv)
        # the counts the dashboards read, kept on every change (workenv/tally.py)
        from workenv import tally

        tally.connect()
        registry.add_urls("arbetsmiljo/", "workenv.urls")
        registry.add_nav(registry.NavEntry(_("Arbetsmiljö"), "we_index", 67, current_prefix="arbetsmiljo/"))
        # What a unit owes in SAM stands on Min uppföljning beside the plan items, through the
        # same seam as internal control's controls (each part adds its provider in owed.py).
        for key, provider in owed.PROVIDERS:
            registry.add_owed(key, provider)
        # --- report sections and dashboard blocks (annual follow-up / dashboard part)
        from workenv import reporting

        reporting.register()
