"""The rules of the goal hierarchy, as plain functions that tests call without a request.

- which level may sit under which (a measure under a success factor or a goal, ...);
- where an item may be placed: its parent must be owned by the same unit or one above it,
  and the assembly's goals are written only in the region-level plan;
- how a target is written and read ("< 4,8", "81", "4–6", "Öka", "Ja").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from goals.units import strip_unit, target_suffix
from regionplan.numbers import format_number, parse_number


class Levels:
    """The levels of the hierarchy, top first. Their names per region come from PlanSettings."""

    GOAL = "goal"
    FACTOR = "factor"
    MEASURE = "measure"
    ACTIVITY = "activity"
    ASSIGNMENT = "assignment"
    ALL = (GOAL, FACTOR, MEASURE, ACTIVITY, ASSIGNMENT)


# level -> the levels its parent may have; None means "no parent" (top of the tree).
ALLOWED_PARENTS: dict[str, frozenset] = {
    Levels.GOAL: frozenset({None}),
    Levels.FACTOR: frozenset({Levels.GOAL}),
    Levels.MEASURE: frozenset({Levels.FACTOR, Levels.GOAL}),
    Levels.ACTIVITY: frozenset({Levels.MEASURE, Levels.FACTOR}),
    Levels.ASSIGNMENT: frozenset({None, Levels.GOAL}),
}


def child_levels(parent_level: str | None) -> list[str]:
    """The levels that may be added under an item of `parent_level` (None: at the top)."""
    return [level for level in Levels.ALL if parent_level in ALLOWED_PARENTS[level]]


def level_errors(level: str, parent_level: str | None, label) -> list[str]:
    """Why an item of `level` may not sit under a parent of `parent_level` (None: at the top)."""
    if parent_level in ALLOWED_PARENTS[level]:
        return []
    if parent_level is None:
        parents = _(" eller ").join(label(p) for p in sorted(ALLOWED_PARENTS[level], key=Levels.ALL.index))
        return [
            _("En post på nivån %(level)s måste ligga under en post på nivån %(parents)s.")
            % {"level": label(level), "parents": parents}
        ]
    return [
        _("En post på nivån %(level)s kan inte ligga under en post på nivån %(parent)s.")
        % {"level": label(level), "parent": label(parent_level)}
    ]


def owner_errors(level: str, unit_is_root: bool, label) -> list[str]:
    """Why the unit may not own an item of `level`: the assembly's goals belong to the root."""
    if level == Levels.GOAL and not unit_is_root:
        return [_("%(level)s skrivs i regionens plan, på den översta enheten.") % {"level": label(level).capitalize()}]
    return []


def lineage_errors(parent_unit_path: str | None, unit_path: str) -> list[str]:
    """Why the parent's unit is no place to hang this unit's item: it must be the same unit
    or one above it."""
    if parent_unit_path is not None and not unit_path.startswith(parent_unit_path):
        return [_("Den överordnade posten tillhör en enhet som inte ligger över denna enhet.")]
    return []


def placement_errors(
    level: str, parent_level: str | None, parent_unit_path: str | None, unit_path: str, unit_is_root: bool, label
) -> list[str]:
    """Why an item of `level`, owned by the unit at `unit_path`, may not sit under a parent
    of `parent_level` owned by the unit at `parent_unit_path`. Empty when it may.

    `label(level)` names a level in the region's own words.
    """
    return (
        level_errors(level, parent_level, label)
        + owner_errors(level, unit_is_root, label)
        + lineage_errors(parent_unit_path, unit_path)
    )


# --- targets ----------------------------------------------------------------------------


class Op:
    """How a target compares an outcome: against a number, a range, the baseline or yes/no."""

    NONE = ""
    LT, LE, GT, GE, EQ = "lt", "le", "gt", "ge", "eq"
    RANGE = "range"
    INCREASE, DECREASE = "increase", "decrease"
    YES, NO = "yes", "no"
    NUMERIC = (LT, LE, GT, GE, EQ)


OPERATOR_CHOICES = [
    (Op.NONE, "—"),
    (Op.LT, "<"),
    (Op.LE, "≤"),
    (Op.GT, ">"),
    (Op.GE, "≥"),
    (Op.EQ, "="),
    (Op.RANGE, "intervall"),
    (Op.INCREASE, "Öka"),
    (Op.DECREASE, "Minska"),
    (Op.YES, "Ja"),
    (Op.NO, "Nej"),
]

_SYMBOLS = {"<": Op.LT, "<=": Op.LE, "≤": Op.LE, ">": Op.GT, ">=": Op.GE, "≥": Op.GE, "=": Op.EQ}
_SYMBOL_TEXT = {Op.LT: "<", Op.LE: "≤", Op.GT: ">", Op.GE: "≥"}
_WORDS = {
    "öka": Op.INCREASE,
    "ökning": Op.INCREASE,
    "minska": Op.DECREASE,
    "minskning": Op.DECREASE,
    "ja": Op.YES,
    "nej": Op.NO,
}
_NUMBER = r"[-−]?\s*\d[\d\s ]*(?:[.,]\d+)?"
_RANGE = re.compile(rf"^({_NUMBER})\s*(?:–|—|-|till)\s*({_NUMBER})$")
_COMPARED = re.compile(rf"^(<=|>=|≤|≥|<|>|=)?\s*({_NUMBER})$")
_UNIT_SUFFIX = re.compile(r"\s*(%|kr|mnkr|antal|index|dagar)\s*$", re.IGNORECASE)


# What a target or baseline column holds (18 digits, 4 of them decimals).
LARGEST = Decimal("1e14")


def _number(text: str) -> Decimal:
    value = parse_number(text)
    if value is None:
        raise ValueError(_("”%(text)s” är inget tal.") % {"text": text})
    if abs(value) >= LARGEST:
        raise ValueError(_("%(text)s är för stort: högst 14 siffror före decimaltecknet.") % {"text": text.strip()})
    return value


@dataclass(frozen=True)
class Target:
    """A parsed target: an operator and one or two numbers."""

    operator: str = Op.NONE
    value: Decimal | None = None
    high: Decimal | None = None

    def __bool__(self):
        return self.operator != Op.NONE


def parse_target(text: str, direction: str = "", unit: str = "") -> Target:
    """Read a target as controllers write it. Raises ValueError with a Swedish message.

    "< 4,8" and "≤ 4,8" compare; a bare number takes its comparison from the direction
    (≥ when higher is better, ≤ when lower is better, = otherwise); "4–6" is a range;
    "Öka"/"Minska" compare with the baseline; "Ja"/"Nej" for yes/no measures. A trailing
    unit ("5 %", "81 index", or the measure's own `unit`: "< 30 sekunder") is allowed.
    """
    text = (text or "").strip()
    if not text:
        return Target()
    word = _WORDS.get(text.lower().rstrip("."))
    if word:
        return Target(word)
    bare = _UNIT_SUFFIX.sub("", strip_unit(text, unit)).strip()
    if match := _RANGE.match(bare):
        low, high = _number(match.group(1)), _number(match.group(2))
        if low > high:
            raise ValueError(_("Intervallets första tal måste vara mindre än det andra."))
        return Target(Op.RANGE, low, high)
    if match := _COMPARED.match(bare):
        value = _number(match.group(2))
        if match.group(1):
            return Target(_SYMBOLS[match.group(1)], value)
        implied = {"higher": Op.GE, "lower": Op.LE}.get(direction, Op.EQ)
        return Target(implied, value)
    raise ValueError(
        _("”%(text)s” är inget målvärde. Skriv t.ex. ”< 4,8”, ”81”, ”4–6”, ”Öka”, ”Minska”, ”Ja” eller ”Nej”.")
        % {"text": text}
    )


def format_target(target: Target, unit: str = "", explicit: bool = False) -> str:
    """A target as a Swedish reader expects it: "< 4,8 %", "4–6 dagar", "Öka".

    `explicit` writes "= 81" for an exact target, where a bare "81" would be read back
    by the measure's direction (as ≥ or ≤): for files that are imported again.
    """
    suffix = target_suffix(unit)
    op = target.operator
    if op == Op.NONE:
        return ""
    if op == Op.INCREASE:
        return "Öka"
    if op == Op.DECREASE:
        return "Minska"
    if op in (Op.YES, Op.NO):
        return "Ja" if op == Op.YES else "Nej"
    if op == Op.RANGE:
        return f"{format_number(target.value)}–{format_number(target.high)}{suffix}"
    if op == Op.EQ:
        return f"{'= ' if explicit else ''}{format_number(target.value)}{suffix}"
    return f"{_SYMBOL_TEXT[op]} {format_number(target.value)}{suffix}"


_BASELINE = re.compile(rf"^(?:(\d{{4}})\s*[:]\s*({_NUMBER})|({_NUMBER})\s*\((\d{{4}})\))$")


def parse_baseline(text: str, unit: str = "") -> tuple[int | None, Decimal | None]:
    """Read a baseline written as "2018: 5,6", "5,6 (2018)" or just "5,6", with the measure's
    `unit` after it or not. Raises ValueError."""
    text = _UNIT_SUFFIX.sub("", strip_unit(text, unit)).strip()
    if not text:
        return None, None
    if match := _BASELINE.match(text):
        if match.group(1):
            return int(match.group(1)), _number(match.group(2))
        return int(match.group(4)), _number(match.group(3))
    if parse_number(text) is None:
        raise ValueError(_("”%(text)s” är inget jämförelsetal. Skriv t.ex. ”2018: 5,6” eller ”5,6”.") % {"text": text})
    return None, _number(text)


def format_baseline(year: int | None, value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{year}: {format_number(value)}" if year else format_number(value)
