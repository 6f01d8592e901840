"""The audit trail: one row per change to tenant data."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel


class AuditEntry(TenantModel):
    """Who changed what, when, from which value to which.

    `changes` maps each changed field to ``[old, new]`` as display text. The object is
    named by content type and id rather than a foreign key so the entry outlives it.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("skapad")
        UPDATE = "update", _("ändrad")
        DELETE = "delete", _("borttagen")

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("av"),
    )
    actor_label = models.CharField(_("av"), max_length=200, blank=True)
    action = models.CharField(_("händelse"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    object_repr = models.CharField(_("objekt"), max_length=300)
    changes = models.JSONField(_("ändringar"), default=dict)

    audited = False  # the trail does not audit itself

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("ändringslogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["region", "content_type", "object_id", "at"], name="audit_object")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
