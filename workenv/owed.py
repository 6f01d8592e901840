"""What SAM asks of a unit in a period, for Min uppföljning, the overview, the reminder
digest and the attention list (regionplan.registry.add_owed). Each part of SAM writes its
provider in its own module — `provider(period, units_q, today)` → list of registry.Owed in a
fixed number of queries — and lists it here."""

from __future__ import annotations

PROVIDERS: list[tuple[str, object]] = []

# --- the action plan (handlingsplan): each open action, followed up each period
from workenv import owed_actions  # noqa: E402

PROVIDERS.append(("we_actions", owed_actions.owed))

# --- incidents: a serious one not yet reported to Arbetsmiljöverket
from workenv import owed_incidents  # noqa: E402

PROVIDERS.append(("we_incidents", owed_incidents.owed))

# --- the year (årshjul): the activities due in the period, and the overdue ones
from workenv import owed_year  # noqa: E402

PROVIDERS.append(("we_year", owed_year.owed))
