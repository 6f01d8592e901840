from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkenvConfig(AppConfig):
    """Systematic work-environment management (a later issue builds it)."""

    name = "workenv"
    verbose_name = _("Arbetsmiljö (SAM)")
