from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalControlConfig(AppConfig):
    """Internal control: the region's risk categories (the risk analysis and the
    internal-control plan come next)."""

    name = "internal_control"
    verbose_name = _("Intern kontroll")

    def ready(self):
        from internal_control.demo import seed_internal_control
        from regionplan import registry
        from regionplan.demo import register_seeder

        register_seeder(seed_internal_control)
        registry.add_urls("intern-kontroll/", "internal_control.urls")
        registry.add_nav(
            registry.NavEntry(
                _("Intern kontroll"),
                "risk_categories",
                65,
                action="plan",
                whole_region=True,
                current_prefix="intern-kontroll/",
            )
        )
