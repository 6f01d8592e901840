from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalControlConfig(AppConfig):
    """Risk analysis and internal-control plans (a later issue builds it)."""

    name = "internal_control"
    verbose_name = _("Intern kontroll")
