"""Roles: what a user may do, granted on an organisational unit (and optionally below it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel


class Role(models.TextChoices):
    """The roles. The values are ASCII so that they are safe in URLs and commands. A
    skyddsombud (the employees' safety representative) reads the unit and takes part in its
    safety rounds and work-environment risk assessments; it is not a manager's power."""

    ADMINISTRATOR = "administrator", _("administratör")
    CONTROLLER = "controller", _("controller")
    MANAGER = "chef", _("chef")
    READER = "lasare", _("läsare")
    SAFETY_REP = "skyddsombud", _("skyddsombud")


def parse_role(text: str) -> str | None:
    """Read a role name as an operator types it: Swedish or ASCII, any case."""
    wanted = text.strip().lower()
    aliases = {
        "administratör": Role.ADMINISTRATOR,
        "läsare": Role.READER,
        "manager": Role.MANAGER,
        "reader": Role.READER,
    }
    if wanted in aliases:
        return aliases[wanted].value
    return wanted if wanted in Role.values else None


class RoleAssignment(TenantModel):
    """One role for one user on one unit, and on the whole subtree below it if `include_subtree`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("användare")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "regionplan.OrgUnit", on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("enhet")
    )
    include_subtree = models.BooleanField(_("gäller även underliggande enheter"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(fields=["region", "user", "role", "unit"], name="roleassignment_unique"),
        ]
        indexes = [models.Index(fields=["region", "user"], name="roleassignment_region_user")]

    def __str__(self):
        scope = _("med underliggande") if self.include_subtree else _("endast enheten")
        return f"{self.get_role_display()} – {self.unit.name} ({scope})"

    scope_path = "unit__"  # the unit whose roles govern access to this assignment
