"""The one status vocabulary: Grön / Gul / Röd / Ej bedömd.

Goals follow-up, internal control, SAM and reports all use these four, with the same
label, icon shape and colour, so that colour is never the only signal and auditors see
the same traffic lights everywhere; and the same roll-up of many statuses into one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    GREEN = "green", _("Grön")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Röd")
    NOT_ASSESSED = "none", _("Ej bedömd")


@dataclass(frozen=True)
class StatusLook:
    """How a status is shown: a word, an icon with its own shape, and colours with AA contrast."""

    label: str
    icon: str  # a distinct shape per status, so that grey print and colour blindness still tell them apart
    css_class: str
    colour: str


STATUS_LOOK = {
    Status.GREEN: StatusLook(Status.GREEN.label, "●", "status-green", "#1a7f37"),
    Status.YELLOW: StatusLook(Status.YELLOW.label, "▲", "status-yellow", "#9a6700"),
    Status.RED: StatusLook(Status.RED.label, "■", "status-red", "#c62828"),
    Status.NOT_ASSESSED: StatusLook(Status.NOT_ASSESSED.label, "○", "status-none", "#57606a"),
}


def look(status: str | Status | None) -> StatusLook:
    """The look of a status value; anything unknown or empty is 'Ej bedömd'."""
    try:
        return STATUS_LOOK[Status(status)]
    except ValueError:
        return STATUS_LOOK[Status.NOT_ASSESSED]


def css_rules() -> str:
    """The colour rules of the status classes, from STATUS_LOOK: the PDF's stylesheet
    includes them, and a test holds static/css/app.css to the same colours."""
    return " ".join(f".{item.css_class} {{ color: {item.colour}; }}" for item in STATUS_LOOK.values())


# --- roll-up ------------------------------------------------------------------------------

MAJORITY, WORST = "majority", "worst"
ROLLUP_RULES = [
    (MAJORITY, "Röd om något kritiskt är rött eller en majoritet är röd; grön om allt är grönt; annars gul"),
    (WORST, "Sämsta färgen bestämmer"),
]


@dataclass(frozen=True)
class RollUp:
    """The counts below a higher item and the status they suggest."""

    green: int
    yellow: int
    red: int
    not_assessed: int
    status: Status
    critical_red: int = 0

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red + self.not_assessed

    def explanation(self) -> str:
        """E.g. "3 röda, 5 gula, 4 gröna av 12 → Gul"."""
        parts = [
            ngettext("%(n)s röd", "%(n)s röda", self.red) % {"n": self.red},
            ngettext("%(n)s gul", "%(n)s gula", self.yellow) % {"n": self.yellow},
            ngettext("%(n)s grön", "%(n)s gröna", self.green) % {"n": self.green},
        ]
        text = gettext("%(counts)s av %(total)s → %(status)s") % {
            "counts": ", ".join(parts),
            "total": self.total,
            "status": self.status.label,
        }
        if self.critical_red:
            text += " " + ngettext("(%(n)s kritisk röd)", "(%(n)s kritiska röda)", self.critical_red) % {
                "n": self.critical_red
            }
        return text


def roll_up(statuses, rule: str = MAJORITY) -> RollUp:
    """Suggest a status from the items below: `statuses` are (status, critical) pairs of the
    items that count (closed and not applicable items are left out by the caller).

    majority (default): Röd if a critical item is red or more than half of the assessed
    are red; Grön if every assessed item is green; otherwise Gul. worst: the worst colour.
    Nothing assessed: Ej bedömd.
    """
    counts = {status: 0 for status in Status}
    critical_red = 0
    for status, critical in statuses:
        status = Status(status or Status.NOT_ASSESSED)
        counts[status] += 1
        critical_red += status == Status.RED and bool(critical)
    return roll_up_counts(counts, critical_red, rule)


def roll_up_counts(counts: dict, critical_red: int = 0, rule: str = MAJORITY) -> RollUp:
    """The same rule as `roll_up`, from counts per status (as an SQL aggregate gives them):
    `counts` maps Status (or its value) to a number; missing statuses count 0."""
    counts = {Status(k): v for k, v in counts.items()}
    green, yellow, red, none = (
        counts.get(s, 0) for s in (Status.GREEN, Status.YELLOW, Status.RED, Status.NOT_ASSESSED)
    )
    assessed = green + yellow + red
    if not assessed:
        result = Status.NOT_ASSESSED
    elif rule == WORST:
        result = Status.RED if red else Status.YELLOW if yellow else Status.GREEN
    elif critical_red or red * 2 > assessed:
        result = Status.RED
    elif green == assessed:
        result = Status.GREEN
    else:
        result = Status.YELLOW
    return RollUp(green, yellow, red, none, result, critical_red)
