"""Tenancy: every tenant-owned row belongs to one region, and queries fail closed.

A tenant model's default manager scopes every query to the *current region*, a context
variable that the region middleware, management commands and Celery tasks set with
`region_scope(region)`. A query built with no current region does not fall back to
"all regions": evaluating it raises `TenantScopeError`, in development, tests and
production alike. Code that really must cross regions (the platform's own maintenance)
says so with `all_regions()`.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.db import models
from django.dispatch import Signal

_current_region_id: ContextVar[int | None] = ContextVar("current_region_id", default=None)
_all_regions: ContextVar[bool] = ContextVar("all_regions", default=False)
_scope_memo: ContextVar[dict | None] = ContextVar("scope_memo", default=None)

# Sent after rows are inserted with bulk_create (which sends no post_save): the audit trail
# (regionplan/auditing.py) records them. A signal, so that tenancy needs nothing above it.
bulk_created = Signal()  # sender: the model; instances: the inserted rows
# Sent after a deletion elsewhere cleared links to the deleted row (on_delete=SET_NULL, a bulk
# UPDATE that sends no post_save): the audit trail records each row whose link was cleared.
links_cleared = Signal()  # sender: the model; instances: the rows as before; fields: the cleared fields

# How restrict() narrows a queryset: set by regionplan.permissions, which knows the roles
# (it sits above this module, so it hands its rule down instead of being imported here).
_restriction = None


def restrict_with(rule) -> None:
    """Install the rule `restrict()` uses: rule(model, roles, action) -> Q."""
    global _restriction
    _restriction = rule


class TenantScopeError(RuntimeError):
    """A query on a tenant model ran without a region scope."""


def current_region_id() -> int | None:
    """The id of the region the current request, command or task works in."""
    return _current_region_id.get()


@contextlib.contextmanager
def region_scope(region):
    """Run the block with `region` (a Region or its id) as the current region."""
    region_id = region if isinstance(region, int) else region.pk
    if region_id is None:
        raise TenantScopeError("region_scope() needs a saved region.")
    token = _current_region_id.set(region_id)
    memo = _scope_memo.set({})
    try:
        yield
    finally:
        _scope_memo.reset(memo)
        _current_region_id.reset(token)


def scope_memo() -> dict:
    """A dict that lives as long as the current region scope (a request, a task): for
    lookups a page repeats, such as the names of the people it shows. Outside a scope,
    a fresh dict each time (nothing is remembered across regions)."""
    memo = _scope_memo.get()
    return memo if memo is not None else {}


@contextlib.contextmanager
def all_regions():
    """Let tenant queries in the block see every region: platform maintenance only."""
    token = _all_regions.set(True)
    try:
        yield
    finally:
        _all_regions.reset(token)


def _refuse(queryset, what):
    raise TenantScopeError(
        f"Unscoped {what} on tenant model {queryset.model.__name__}: wrap it in "
        "region_scope(region) (or all_regions() for platform maintenance)."
    )


def _guarded(name: str, what: str):
    """A QuerySet method that first refuses to run without a region scope."""
    plain = getattr(models.QuerySet, name)

    def method(self, *args, **kwargs):
        self._guard(what)
        return plain(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = plain.__doc__
    return method


class TenantQuerySet(models.QuerySet):
    """A queryset that refuses to touch the database unless it is scoped to a region.

    Building the queryset is always allowed (forms and related fields build querysets
    at import time); reading or writing through it is what needs the scope.
    """

    _unscoped = False

    def _clone(self):
        clone = super()._clone()
        clone._unscoped = self._unscoped
        return clone

    def _guard(self, what: str):
        if self._unscoped:
            _refuse(self, what)

    iterator = _guarded("iterator", "read")
    aiterator = _guarded("aiterator", "read")
    in_bulk = _guarded("in_bulk", "read")
    aggregate = _guarded("aggregate", "aggregate")
    delete = _guarded("delete", "delete")
    explain = _guarded("explain", "explain")
    # Used as a subquery (`pk__in=TenantModel.objects...`): it must be scoped too.
    resolve_expression = _guarded("resolve_expression", "subquery")

    def _fetch_all(self):
        if self._result_cache is None:
            self._guard("read")
        super()._fetch_all()

    def count(self):
        if self._result_cache is None:
            self._guard("count")
        return super().count()

    def exists(self):
        if self._result_cache is None:
            self._guard("exists")
        return super().exists()

    def _refuse_unaudited(self, fields):
        """Only derived columns may change without save(): anything else must reach the audit trail."""
        unaudited = set(fields) - set(getattr(self.model, "audit_exclude", ()))
        if unaudited and self.model.audited:
            raise TenantScopeError(
                f"Bulk write of {', '.join(sorted(unaudited))} on {self.model.__name__} would bypass the audit "
                "trail: save() each object, or list derived columns in audit_exclude."
            )

    def restrict(self, roles, action):
        """Only the rows on units where `roles` allow `action` (NetBox's RestrictedQuerySet):
        the model's `scope_path` leads to the unit; a region-wide model needs the action over
        the whole region. The rule itself is regionplan.permissions' (`restrict_with`)."""
        if _restriction is None:
            raise TenantScopeError("restrict() before regionplan.permissions was loaded")
        return self.filter(_restriction(self.model, roles, action))

    def _cleared_links(self, fields) -> list:
        """The foreign keys a bulk write only clears, when every one of them is declared
        on_delete=SET_NULL: that is Django's deletion collector clearing the links to a
        deleted row (a user who is removed, last year's item), which the trail records per
        row through `links_cleared` instead of refusing."""
        found = []
        for name, value in fields.items():
            field = self.model._meta.get_field(name)
            if value is not None or not field.is_relation or field.remote_field.on_delete is not models.SET_NULL:
                return []
            found.append(field)
        return found

    def update(self, **kwargs):
        self._guard("update")
        cleared = self._cleared_links(kwargs) if self.model.audited else []
        audited = [f for f in cleared if f.name not in getattr(self.model, "audit_exclude", ())]
        if not audited:
            self._refuse_unaudited(kwargs)
            return super().update(**kwargs)
        linked = models.Q()
        for field in audited:
            linked |= models.Q(**{f"{field.attname}__isnull": False})
        before = list(self.filter(linked))
        count = super().update(**kwargs)
        if before:
            links_cleared.send(sender=self.model, instances=before, fields=audited)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        """Insert in bulk, in the current region; `bulk_created` lets the audit trail record
        the rows (Django sends no post_save for them)."""
        self._guard("insert")
        objs = list(objs)
        for obj in objs:
            obj.claim_region()
        created = super().bulk_create(objs, *args, **kwargs)
        bulk_created.send(sender=self.model, instances=created)
        return created

    def bulk_update(self, objs, fields, batch_size=None):
        self._guard("update")
        self._refuse_unaudited(fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    """Default manager of tenant models: scoped to the current region, or refusing."""

    def raw(self, *args, **kwargs):
        # Raw SQL cannot be scoped for you: only platform maintenance may use it.
        if not _all_regions.get():
            raise TenantScopeError(f"raw() on tenant model {self.model.__name__} is allowed only inside all_regions().")
        return super().raw(*args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if _all_regions.get():
            return queryset
        region_id = _current_region_id.get()
        if region_id is None:
            queryset._unscoped = True
            return queryset
        return queryset.filter(region_id=region_id)


class LoadedValuesMixin(models.Model):
    """Keep each row's values as loaded, so the audit trail can tell old from new without a query."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance


class TenantModel(LoadedValuesMixin, models.Model):
    """Base for every tenant-owned model: a region foreign key and the scoped manager.

    Saving a new row without a region takes the current region, so code inside a
    region scope cannot create a row that belongs to nobody or to another region.
    """

    region = models.ForeignKey("regionplan.Region", on_delete=models.CASCADE, related_name="+", editable=False)

    objects = TenantManager()

    # Every change is written to the audit trail (regionplan/auditing.py); only the
    # audit trail itself says False.
    audited = True
    # Fields whose old and new values the trail records as "changed" without their content
    # (regionplan/auditing.py): secrets, and free text that may hold personal data.
    audit_without_content: set[str] = set()
    # The lookup from a row to the organisational unit whose roles govern access to it:
    # "" for a unit itself, "unit__" or "plan__unit__" and so on; None for what belongs to
    # the whole region (the calendar, settings), which takes a role over the whole region.
    scope_path: str | None = None

    class Meta:
        abstract = True
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        self.claim_region()
        super().save(*args, **kwargs)

    def scope_unit(self):
        """The unit whose roles govern access to this row (see `scope_path`), or None."""
        if self.scope_path is None:
            return None
        obj = self
        for name in filter(None, self.scope_path.split("__")):
            obj = getattr(obj, name)
        return obj

    def claim_region(self):
        """Give a new row the current region; refuse to write a row of another region."""
        region_id = _current_region_id.get()
        if self.region_id is None:
            if region_id is None:
                raise TenantScopeError(f"{type(self).__name__} saved without a region and outside region_scope().")
            self.region_id = region_id
        elif region_id is not None and self.region_id != region_id and not _all_regions.get():
            raise TenantScopeError(f"{type(self).__name__} of region {self.region_id} saved inside region {region_id}.")


class OnePerRegionMixin:
    """For a region's settings row: `current()` is the region's row, or an unsaved one
    with the defaults when it has none (reading a page never writes)."""

    @classmethod
    def current(cls):
        return cls.objects.first() or cls()
