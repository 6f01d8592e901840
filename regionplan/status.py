"""The one status vocabulary: Grön / Gul / Röd / Ej bedömd.

Goals follow-up, internal control, SAM and reports all use these four, with the same
label, icon shape and colour, so that colour is never the only signal and auditors see
the same traffic lights everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
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
