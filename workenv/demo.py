"""SAM demo data (issue 18): Division Regionstöd and its areas in Norrbotten. Each part of
SAM keeps its own seeding function; this calls them in order (idempotent: what exists is
kept)."""

from __future__ import annotations

# (module, function) of each part's seeder, called with (region, spec, units, today, log).
PARTS: list[tuple[str, str]] = []


def seed_workenv(region, spec: dict, units: dict, log) -> None:
    """The region's SAM lists (templates, checklists, questionnaire) and, for Norrbotten,
    the demo year."""
    from importlib import import_module

    from django.utils import timezone

    today = timezone.localdate()
    for module, function in PARTS:
        getattr(import_module(module), function)(region, spec, units, today, log)


# --- incidents (before the action plan, whose demo actions come from some of them)
PARTS.insert(0, ("workenv.demo_incidents", "seed"))

# --- the action plan and a risk assessment ahead of a change (after the incidents it links)
PARTS.insert(PARTS.index(("workenv.demo_incidents", "seed")) + 1, ("workenv.demo_actions", "seed"))

# --- checklists and safety rounds (first: the checklists every region needs)
PARTS.insert(0, ("workenv.demo_rounds", "seed"))

# --- the year (årshjul)
PARTS.append(("workenv.demo_year", "seed"))

# --- the annual follow-up (last: it rolls up what the other parts seeded)
PARTS.append(("workenv.demo_annual", "seed"))
