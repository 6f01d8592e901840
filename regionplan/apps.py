from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionplanConfig(AppConfig):
    """The core app: tenancy, organisation, roles, calendar, status vocabulary, audit."""

    name = "regionplan"
    verbose_name = _("Kärnan")

    def ready(self):
        from regionplan import auditing, checks, permissions  # noqa: F401 - permissions installs restrict()'s rule; checks registers
        from regionplan.registry import NavEntry, add_nav

        auditing.connect()
        for entry in (
            NavEntry(_("Översikt"), "region_home", 10, current=("region_home",)),
            NavEntry(_("Organisation"), "org_tree", 80, current=("org_tree",)),
            NavEntry(_("Kalender"), "calendar", 90, current=("calendar",)),
            NavEntry(_("Användare och roller"), "user_list", 100, action="administer", current=("user_list",)),
            NavEntry(_("Ändringslogg"), "audit_log", 105, action="audit", whole_region=True, current=("audit_log",)),
            NavEntry(
                _("Inställningar"),
                "region_settings",
                110,
                action="administer",
                whole_region=True,
                current=("region_settings",),
            ),
        ):
            add_nav(entry)
