from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    """Plans, strategic goals, success factors, measures, activities and assignments."""

    name = "goals"
    verbose_name = _("Mål och planer")

    def ready(self):
        from goals.demo import seed_plans
        from regionplan import registry
        from regionplan.demo import register_seeder

        register_seeder(seed_plans)
        registry.add_urls("planer/", "goals.urls")
        registry.add_nav(registry.NavEntry(_("Planer"), "plan_index", 70, current_prefix="planer/"))
        registry.add_unit_link(registry.UnitLink(lambda year: _("Plan %(year)s") % {"year": year}, "plan_detail"))
