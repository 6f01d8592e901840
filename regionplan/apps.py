from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionplanConfig(AppConfig):
    """The core app: tenancy, organisation, roles, calendar, status vocabulary, audit."""

    name = "regionplan"
    verbose_name = _("Kärnan")

    def ready(self):
        from regionplan import auditing, permissions  # noqa: F401 - permissions installs restrict()'s rule

        auditing.connect()
