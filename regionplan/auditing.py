"""Writing the audit trail: every save and delete of a tenant model, with old and new values.

Signal handlers cover every tenant model automatically, so a new model cannot forget
its audit. Who acted comes from a context variable that the request middleware,
management commands and Celery tasks set with `acting_as()`.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from contextvars import ContextVar
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from regionplan.models import AuditEntry, Region
from regionplan.tenancy import TenantModel, bulk_created, links_cleared

_actor: ContextVar[tuple] = ContextVar("audit_actor", default=(None, "system"))
_paused: ContextVar[bool] = ContextVar("audit_paused", default=False)


@contextlib.contextmanager
def paused():
    """No audit entries in the block: only for deleting a whole region, whose trail goes with it."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@contextlib.contextmanager
def acting_as(user=None, label: str | None = None):
    """Attribute changes in the block to `user` (or to a label such as 'kommando import_units')."""
    token = _actor.set((user, label or (user.email if user else "system")))
    try:
        yield
    finally:
        _actor.reset(token)


def _display(field: models.Field, value) -> str | None:
    """A stored value as the text an administrator reads in the log."""
    if value is None:
        return None
    if field.name in getattr(field.model, "audit_without_content", ()):
        # A secret (a password inside a connection address) or free text that may hold
        # personal data (an incident's description) is logged as changed, never shown: the
        # audit trail must not become the place where it survives.
        return "••••••" if value else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "ja" if value else "nej"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _related_repr(field: models.ForeignKey, pk, instance=None) -> str | None:
    """Name a related object; uses the instance's cached object when it is the one meant."""
    if pk is None:
        return None
    obj = None
    if instance is not None and field.is_cached(instance):
        cached = field.get_cached_value(instance)
        obj = cached if cached is not None and cached.pk == pk else None
    if obj is None:
        obj = field.related_model._base_manager.filter(pk=pk).first()
    return f"{obj} [#{pk}]" if obj is not None else f"#{pk}"


def _audited_fields(instance):
    exclude = getattr(instance, "audit_exclude", set())
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.name == "region" or field.name in exclude or not field.editable:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        yield field


def diff(instance, created: bool) -> dict[str, list]:
    """The changed fields of a just-saved instance as ``{name: [old, new]}`` display text."""
    loaded = {} if created else getattr(instance, "_loaded_values", None)
    changes: dict[str, list] = {}
    for field in _audited_fields(instance):
        new = getattr(instance, field.attname)
        if loaded is None:
            old = None  # an update of an object that was not loaded from the database
        else:
            old = loaded.get(field.attname)
        if not created and loaded is not None and old == new:
            continue
        if isinstance(field, models.ForeignKey):
            changes[str(field.verbose_name)] = [_related_repr(field, old), _related_repr(field, new, instance)]
        else:
            changes[str(field.verbose_name)] = [_display(field, old), _display(field, new)]
    return changes


def record(instance, action: str, changes: dict) -> None:
    """Write one audit entry for `instance` in its region."""
    entry(instance, action, changes).save()


def record_created(instances) -> None:
    """Audit rows that were inserted with bulk_create (which sends no signals), in one insert."""
    instances = [i for i in instances if _is_audited(type(i))]
    if instances:
        AuditEntry.objects.bulk_create([entry(i, "create", diff(i, created=True)) for i in instances])


def entry(instance, action: str, changes: dict):
    """An unsaved audit entry for `instance`, attributed to the current actor."""
    user, label = _actor.get()
    return AuditEntry(
        # A region's own settings are its tenant data too; they are logged in the region itself.
        region_id=instance.pk if isinstance(instance, Region) else instance.region_id,
        actor=user if (user is not None and user.pk) else None,
        actor_label=label[:200],
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        changes=changes,
    )


def _is_audited(sender) -> bool:
    if _paused.get():
        return False
    if sender is Region:
        return True
    return issubclass(sender, TenantModel) and sender.audited and not sender._meta.abstract


def on_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    changes = diff(instance, created)
    if created or changes:
        record(instance, "create" if created else "update", changes)
    # The saved state is the new baseline for the next save of the same instance.
    instance._loaded_values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def on_delete(sender, instance, **kwargs):
    if not _is_audited(sender):
        return
    snapshot = {
        str(f.verbose_name): [_display(f, getattr(instance, f.attname)), None] for f in _audited_fields(instance)
    }
    record(instance, "delete", snapshot)


def connect():
    """Hook the audit trail to every model's save and delete (called from AppConfig.ready)."""
    post_save.connect(on_save, dispatch_uid="regionplan-audit-save")
    post_delete.connect(on_delete, dispatch_uid="regionplan-audit-delete")
    bulk_created.connect(_on_bulk_created, dispatch_uid="regionplan-audit-bulk-created")
    links_cleared.connect(_on_links_cleared, dispatch_uid="regionplan-audit-links-cleared")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="regionplan-audit-m2m")


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A tenant row's many-to-many links changed (a risk's impact areas, the goals it
    threatens): an update entry naming what was added or removed. Only from the owning
    side (`reverse` is False), so one change is one entry."""
    if reverse or action not in ("post_add", "post_remove", "pre_clear") or not _is_audited(type(instance)):
        return
    field = next(f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender)
    if action == "pre_clear":
        names = [str(obj) for obj in getattr(instance, field.name).all()]
        old, new = ", ".join(names), None
    else:
        names = [str(obj) for obj in model._base_manager.filter(pk__in=pk_set or ())]
        if not names:
            return
        old, new = (None, ", ".join(names)) if action == "post_add" else (", ".join(names), None)
    if old or new:
        record(instance, "update", {str(field.verbose_name): [old, new]})


def _on_bulk_created(sender, instances, **kwargs):
    record_created(instances)


def _on_links_cleared(sender, instances, fields, **kwargs):
    """A deletion cleared these rows' links to it (SET_NULL): one update entry per row, with
    the link it had, in one insert."""
    if not _is_audited(sender):
        return
    entries = []
    for instance in instances:
        changes = {
            str(f.verbose_name): [_related_repr(f, getattr(instance, f.attname)), None]
            for f in fields
            if getattr(instance, f.attname) is not None
        }
        if changes:
            entries.append(entry(instance, "update", changes))
    AuditEntry.objects.bulk_create(entries)
