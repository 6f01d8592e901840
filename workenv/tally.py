"""Counts of SAM kept per unit and its whole subtree (SamTally), so that a large region's
SAM dashboard and incident statistics read a few hundred counts instead of counting a year
of incidents, activities and actions on every page.

Each counted row (an incident, a unit's activity, an action) contributes one or two keys
(what, year, month) — `keys_of` — to its unit and every unit above it. On every save the
keys it had (as loaded) are taken away and the keys it has now are added; a delete takes
them away; a bulk insert adds them; a unit that moves takes its subtree's counts from its
old line and gives them to the new. Each change is one upsert that adds to the stored
count (INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n), atomic in PostgreSQL and
SQLite, inside the transaction of the change itself. `rebuild()` makes them again from the
rows (after a bulk load, or to check them: the tests compare the two)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from regionplan.models import OrgUnit, Region
from regionplan.models.organisation import path_ids, subtree_moved
from regionplan.tenancy import bulk_created
from workenv.models import Incident, SamTally, UnitActivity, WorkAction

INCIDENT = "incident:"  # + kind, per year and month it happened
UNREPORTED = "incident:unreported"  # serious and not yet reported to Arbetsmiljöverket (no month)
ACTIVITY_OPEN, ACTIVITY_DONE = "activity:open", "activity:done"  # per the activity's year and due month
ACTION_OPEN = "action:open"  # per deadline's year and month
ACTION_DONE = "action:done"  # per the year and month it was done

Key = tuple[str, int, int]


def incident_keys(kind: str, occurred_at: datetime.datetime, serious: bool, reported_on) -> list[Key]:
    """An incident counts in its kind's month (Swedish time), and while serious and not yet
    reported to Arbetsmiljöverket also as unreported."""
    local = timezone.localtime(occurred_at) if timezone.is_aware(occurred_at) else occurred_at
    keys = [(INCIDENT + kind, local.year, local.month)]
    if serious and reported_on is None:
        keys.append((UNREPORTED, 0, 0))
    return keys


def activity_keys(year: int, due_on: datetime.date, done_on) -> list[Key]:
    """An activity of a unit's year counts as open or done in the month it is due."""
    return [(ACTIVITY_DONE if done_on else ACTIVITY_OPEN, year, due_on.month)]


def action_keys(deadline: datetime.date, done_on) -> list[Key]:
    """An open action counts in its deadline's month (overdue once that has passed), a done
    one in the month it was done."""
    if done_on:
        return [(ACTION_DONE, done_on.year, done_on.month)]
    return [(ACTION_OPEN, deadline.year, deadline.month)]


# model → (the attributes its keys depend on, besides unit_id; the function of them)
COUNTED = {
    Incident: (("kind", "occurred_at", "serious", "authority_reported_on"), incident_keys),
    UnitActivity: (("year", "due_on", "done_on"), activity_keys),
    WorkAction: (("deadline", "done_on"), action_keys),
}


def keys_of(model, values: dict) -> tuple[int, list[Key]]:
    """The unit and the keys of a row given its values by attribute name."""
    fields, function = COUNTED[model]
    return values["unit_id"], function(*(values[f] for f in fields))


def _values(instance) -> dict:
    fields, _function = COUNTED[type(instance)]
    return {name: getattr(instance, name) for name in ("unit_id", *fields)}


def _as_loaded(instance) -> dict | None:
    """The row's values as stored before this save: as loaded, or read again when the
    instance was loaded without some of them (`only()`)."""
    fields, _function = COUNTED[type(instance)]
    needed = ("unit_id", *fields)
    loaded = getattr(instance, "_loaded_values", None) or {}
    if all(name in loaded for name in needed):
        return {name: loaded[name] for name in needed}
    return type(instance).objects.filter(pk=instance.pk).values(*needed).first()


# --- writing -------------------------------------------------------------------------------


def add(region_id: int, changes: Counter) -> None:
    """Add `changes` — (unit id, what, year, month) → n, n negative to take away — to the
    unit and every unit above it, in one query for the paths and one upsert."""
    changes = Counter({key: n for key, n in changes.items() if n})
    if not changes:
        return
    paths = dict(OrgUnit.objects.filter(pk__in={unit for unit, *_rest in changes}).values_list("pk", "path"))
    spread: Counter = Counter()
    for (unit, what, year, month), n in changes.items():
        for ancestor in path_ids(paths.get(unit, "")):
            spread[(ancestor, what, year, month)] += n
    upsert(region_id, spread)


def upsert(region_id: int, counts: Counter, batch: int = 2000) -> None:
    """Add each count to its stored cell (made when missing), sorted so that two writers
    lock the cells in the same order."""
    rows = sorted((key, n) for key, n in counts.items() if n)
    table = SamTally._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(part))
            params = [p for (unit, what, year, month), n in part for p in (region_id, unit, what, year, month, n)]
            cursor.execute(
                f"INSERT INTO {table} (region_id, unit_id, what, year, month, n) VALUES {values} "  # noqa: S608 - fixed names
                f"ON CONFLICT (unit_id, what, year, month) DO UPDATE SET n = {table}.n + excluded.n",
                params,
            )


def _changes(model, before: dict | None, after: dict | None) -> Counter:
    changes: Counter = Counter()
    for values, sign in ((before, -1), (after, 1)):
        if values is not None:
            unit, keys = keys_of(model, values)
            for key in keys:
                changes[(unit, *key)] += sign
    return changes


def _before_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    instance._tally_before = _as_loaded(instance) if instance.pk and not instance._state.adding else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_tally_before", None)
    add(instance.region_id, _changes(sender, before, _values(instance)))


def _after_delete(sender, instance, origin=None, **kwargs):
    """Take the row's keys away. When it goes because its region goes, nothing: the counts
    go with the region. When it goes with a unit deleted above it (`origin`), only the units
    above that one keep counts; the deleted units' own go with them."""
    if isinstance(origin, Region) or getattr(origin, "model", None) is Region:
        return
    loaded = getattr(instance, "_loaded_values", None) or {}
    fields, _function = COUNTED[sender]
    before = {n: loaded[n] for n in ("unit_id", *fields)} if all(n in loaded for n in ("unit_id", *fields)) else None
    changes = _changes(sender, before or _values(instance), None)
    if isinstance(origin, OrgUnit):
        above = path_ids(origin.path)[:-1]
        upsert(instance.region_id, Counter({(a, *key[1:]): n for key, n in changes.items() for a in above}))
        return
    add(instance.region_id, changes)


def _after_bulk(sender, instances, **kwargs):
    if sender not in COUNTED or not instances:
        return
    changes: Counter = Counter()
    for instance in instances:
        unit, keys = keys_of(sender, _values(instance))
        for key in keys:
            changes[(unit, *key)] += 1
    add(instances[0].region_id, changes)


def _after_move(sender, unit, old_path: str, new_path: str, **kwargs):
    """The moved unit's counts (its whole subtree's) leave the units above it that it left
    and join those it came under."""
    old_line, new_line = set(path_ids(old_path)[:-1]), set(path_ids(new_path)[:-1])
    counts: Counter = Counter()
    for what, year, month, n in SamTally.objects.filter(unit=unit).values_list("what", "year", "month", "n"):
        for ancestor in old_line - new_line:
            counts[(ancestor, what, year, month)] -= n
        for ancestor in new_line - old_line:
            counts[(ancestor, what, year, month)] += n
    upsert(unit.region_id, counts)


def connect() -> None:
    """Keep the counts (from workenv.apps)."""
    for model in COUNTED:
        uid = f"workenv.tally.{model.__name__}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
    bulk_created.connect(_after_bulk, dispatch_uid="workenv.tally.bulk")
    subtree_moved.connect(_after_move, dispatch_uid="workenv.tally.move")


# --- making them again -----------------------------------------------------------------------


def counted_rows() -> Iterable[tuple[int, list[Key]]]:
    """Every counted row of the current region as (unit id, keys), streamed."""
    for model, (fields, function) in COUNTED.items():
        for row in model.objects.values_list("unit_id", *fields).order_by().iterator(chunk_size=5000):
            yield row[0], function(*row[1:])


def computed() -> Counter:
    """The counts as they should be, from the rows: (unit, what, year, month) → n."""
    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    counts: Counter = Counter()
    for unit, keys in counted_rows():
        line = path_ids(paths[unit])
        for key in keys:
            for ancestor in line:
                counts[(ancestor, *key)] += 1
    return counts


def stored() -> Counter:
    """The counts as kept (zeros left out)."""
    return Counter(
        {
            (unit, what, year, month): n
            for unit, what, year, month, n in SamTally.objects.exclude(n=0).values_list(
                "unit_id", "what", "year", "month", "n"
            )
        }
    )


def rebuild(region) -> int:
    """Make the current region's counts again from its rows; how many cells."""
    SamTally.objects.all().delete()
    counts = computed()
    upsert(region.pk, counts)
    return len(counts)
