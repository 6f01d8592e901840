"""The organisation tree of a region, stored as a materialised path.

`path` is the chain of ids from the root down to the unit itself, e.g. ``/12/40/41/``.
"This unit and everything under it" is then one indexed ``path LIKE '/12/40/%'`` query,
and "all ancestors" is one ``id IN (...)`` query read off the path, whatever the depth,
on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel

MAX_DEPTH = 12


# Sent when a unit moves with its subtree (its path and those below rewritten in one UPDATE,
# which sends no post_save): what apps keep per line of units (SAM's counts) follows it.
subtree_moved = Signal()  # sender: OrgUnit; unit, old_path, new_path


def path_ids(path: str) -> list[int]:
    """The ids in a materialised path, root first: ``/1/5/9/`` -> [1, 5, 9]."""
    return [int(part) for part in path.strip("/").split("/") if part]


class OrgUnit(TenantModel):
    """An organisational unit (nämnd, förvaltning, division, verksamhetsområde, enhet).

    The code is the HR system's stable code. A unit is never deleted once used; it is
    closed (`valid_to`) so that its history stays readable.
    """

    code = models.CharField(_("kod"), max_length=50)
    name = models.CharField(_("namn"), max_length=200)
    # The id other systems use for the unit (Kolada's region or unit id, the data
    # warehouse's cost centre), so imports can name it either way.
    external_code = models.CharField(
        _("extern kod"),
        max_length=100,
        blank=True,
        help_text=_("Id i andra system, t.ex. Koladas id 0025 för Region Norrbotten."),
    )
    kind = models.ForeignKey("regionplan.OrgUnitKind", on_delete=models.RESTRICT, verbose_name=_("typ"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad enhet"),
    )
    path = models.CharField(max_length=MAX_DEPTH * 21, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("giltig från"), default=datetime.date.today)
    valid_to = models.DateField(_("giltig till"), null=True, blank=True)

    # Derived columns that change with a move; the move itself is audited as `parent`.
    audit_exclude = {"path", "depth"}

    class Meta:
        verbose_name = _("organisatorisk enhet")
        verbose_name_plural = _("organisatoriska enheter")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="orgunit_unique_code")]
        indexes = [models.Index(fields=["region", "parent"], name="orgunit_region_parent")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    scope_path = ""  # access to a unit is governed by the roles on it: itself

    # --- reading the tree ---------------------------------------------------------------
    def subtree(self):
        """This unit and all units under it (one query)."""
        return OrgUnit.objects.filter(path__startswith=self.path)

    def descendants(self):
        """All units under this one, not itself (one query)."""
        return self.subtree().exclude(pk=self.pk)

    def ancestors(self):
        """The units above this one, root first (one query)."""
        ids = path_ids(self.path)[:-1]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")

    def is_active(self, on: datetime.date | None = None) -> bool:
        """Whether the unit exists on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def is_ancestor_of(self, other: OrgUnit) -> bool:
        return other.path.startswith(self.path) and other.pk != self.pk

    # --- writing ------------------------------------------------------------------------
    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Slutdatum kan inte vara före startdatum.")})
        if self.parent_id and self.pk and (self.parent_id == self.pk or self.parent.path.startswith(self.path)):
            raise ValidationError({"parent": _("En enhet kan inte flyttas in under sig själv.")})

    def save(self, *args, **kwargs):
        """Save, keeping `path` and `depth` right; a new parent moves the whole subtree.

        The stored rows of the unit and its new parent are read (and locked, on
        PostgreSQL) first: an instance in memory may hold a path that an earlier move
        rewrote, and two concurrent moves must not build a cycle between them.
        """
        self.claim_region()
        with transaction.atomic():
            ids = [i for i in (self.pk, self.parent_id) if i]
            stored = (
                {
                    pk: (path, depth)
                    for pk, path, depth in OrgUnit.objects.select_for_update()
                    .filter(pk__in=ids)
                    .order_by("pk")
                    .values_list("pk", "path", "depth")
                }
                if ids
                else {}
            )
            if self.parent_id and self.parent_id not in stored:
                raise ValidationError({"parent": _("Den överordnade enheten finns inte i regionen.")})
            if self.parent_id is None and OrgUnit.objects.filter(parent__isnull=True).exclude(pk=self.pk).exists():
                raise ValidationError({"parent": _("Regionen har redan en rotenhet; välj en överordnad enhet.")})
            parent_path = stored[self.parent_id][0] if self.parent_id else "/"
            depth = parent_path.count("/") - 1
            if depth >= MAX_DEPTH:
                raise ValidationError(
                    _("Organisationsträdet får vara högst %(max)s nivåer djupt.") % {"max": MAX_DEPTH}
                )
            if self.pk is None:
                super().save(*args, **kwargs)
                self.path = f"{parent_path}{self.pk}/"
                self.depth = depth
                OrgUnit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                return
            old_path, self.depth = stored[self.pk]
            self.path = old_path  # write back what is stored, never a stale copy
            new_path = f"{parent_path}{self.pk}/"
            if new_path != old_path and parent_path.startswith(old_path):
                raise ValidationError({"parent": _("En enhet kan inte flyttas in under sig själv.")})
            super().save(*args, **kwargs)
            if new_path != old_path:
                self._move_subtree(old_path, new_path)

    def _move_subtree(self, old_path: str, new_path: str):
        """Rewrite the path of the unit and everything under it in one UPDATE."""
        depth_change = new_path.count("/") - old_path.count("/")
        deepest = OrgUnit.objects.filter(path__startswith=old_path).aggregate(m=models.Max("depth"))["m"] or 0
        if deepest + depth_change >= MAX_DEPTH:
            raise ValidationError(_("Organisationsträdet får vara högst %(max)s nivåer djupt.") % {"max": MAX_DEPTH})
        OrgUnit.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", Length(Value(old_path)) + 1), output_field=models.CharField()),
            depth=F("depth") + depth_change,
        )
        self.path = new_path
        self.depth += depth_change
        subtree_moved.send(sender=OrgUnit, unit=self, old_path=old_path, new_path=new_path)
