from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    """Plans, strategic goals, success factors, measures, activities and assignments."""

    name = "goals"
    verbose_name = _("Mål och planer")

    def ready(self):
        from goals.demo import seed_plans
        from regionplan.demo import register_seeder

        register_seeder(seed_plans)
