"""What a region calls the people it shows: its own name for each account (`Member`), never
the name another region gave an account they share.

Inside a region scope the names are remembered for the scope (a request), so a page that
shows the same people many times asks once per person, and a page that shows many asks
once for all of them (`remember`). Outside any region (the person's own e-mails) the
account's own name is used.
"""

from __future__ import annotations

from regionplan.tenancy import current_region_id, scope_memo


def _names() -> dict[int, str]:
    return scope_memo().setdefault("people", {})


def remember(users) -> None:
    """Load the region's names of these users (or user ids) in one query."""
    from regionplan.models import Member

    if current_region_id() is None:
        return
    names = _names()
    wanted = {getattr(u, "pk", u) for u in users if u is not None} - set(names)
    wanted.discard(None)
    if not wanted:
        return
    names.update(dict.fromkeys(wanted, ""))
    names.update(Member.objects.filter(user_id__in=wanted).values_list("user_id", "full_name"))


def know(user, name: str) -> None:
    """Remember a name already read with another query (the middleware's, for the header)."""
    if current_region_id() is not None and user is not None:
        _names()[user.pk] = name


def region_name(user) -> str:
    """The name the current region gave the person, or "" (none given, or outside a region)."""
    if user is None or user.pk is None:
        return ""
    if current_region_id() is None:
        return user.full_name
    names = _names()
    if user.pk not in names:
        remember([user])
    return names.get(user.pk, "")


def display_name(user) -> str:
    """The person as the current region shows them: its name for them, else their e-mail."""
    if user is None:
        return "–"
    return region_name(user) or user.email


def with_names(rows, attribute: str = "user") -> list:
    """The rows (role assignments, audit entries…) as a list, with the region's names of
    their `attribute` users loaded in one query."""
    rows = list(rows)
    remember(getattr(row, attribute) for row in rows)
    return rows
