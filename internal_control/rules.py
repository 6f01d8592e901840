"""Rules of internal control as plain functions (tested table-driven in tests/internal_control/)."""

from __future__ import annotations


def missing_standard(existing: list[str], standard: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The standard categories a region does not have yet (names compared without case or
    extra spaces), in the standard's order."""
    have = {" ".join(name.split()).casefold() for name in existing}
    return [(name, text) for name, text in standard if name.casefold() not in have]
