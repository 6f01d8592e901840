from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalControlConfig(AppConfig):
    """Internal control: each unit's yearly risk analysis on the region's matrix, the
    internal-control plan with its controls, their results and the actions."""

    name = "internal_control"
    verbose_name = _("Intern kontroll")

    def ready(self):
        from internal_control.demo import seed_internal_control
        from internal_control.owed import owed as owed_by_units
        from internal_control.reporting import register as register_report_section
        from regionplan import registry
        from regionplan.demo import register_seeder

        register_seeder(seed_internal_control)
        # Each due control and open action stands on Min uppföljning beside the plan items.
        registry.add_owed("internal_control", owed_by_units)
        register_report_section()
        registry.add_urls("intern-kontroll/", "internal_control.urls")
        registry.add_nav(registry.NavEntry(_("Intern kontroll"), "ic_index", 65, current_prefix="intern-kontroll/"))
