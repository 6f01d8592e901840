from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Periods' assessments, values and their imports (the follow-up issue builds it)."""

    name = "followup"
    verbose_name = _("Uppföljning")
