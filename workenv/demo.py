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
