"""The sections a report can have, and the default report kinds.

A section is automatic (its tables and charts come from the data when the report is made)
or narrative (someone writes it). The defaults follow a Swedish region's delårsrapport
(shared/seeds/003): Sammanfattning, Styrning och uppföljning, Uppföljning av jämställdhet,
Verksamhet, Medarbetare, Ekonomi with its analysis, forecast and measures, Investeringar,
Återrapportering av uppdrag and the appendix of all success factors and measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionSpec:
    """A section in the catalogue: its key, default title and whether the data fills it."""

    key: str
    title: object
    automatic: bool


SECTIONS = [
    SectionSpec("sammanfattning", _("Sammanfattning"), False),
    SectionSpec("maluppfyllelse", _("Styrning och uppföljning: måluppfyllelse per perspektiv"), True),
    SectionSpec("styrning", _("Analys av måluppfyllelsen"), False),
    SectionSpec("jamstalldhet", _("Uppföljning av jämställdhet"), True),
    SectionSpec("verksamhet", _("Verksamhet"), False),
    SectionSpec("medarbetare", _("Medarbetare"), False),
    SectionSpec("ekonomi", _("Ekonomi: utfall, budget och kostnadsutveckling"), True),
    SectionSpec("ekonomi_analys", _("Ekonomisk analys"), False),
    SectionSpec("arsprognos", _("Årsprognos och riskanalys"), False),
    SectionSpec("ekonomi_i_balans", _("Åtgärder för ekonomi i balans"), False),
    SectionSpec("investeringar", _("Investeringar"), True),
    SectionSpec("uppdrag", _("Återrapportering av uppdrag"), True),
    SectionSpec("diagram", _("Styrmåttens utveckling"), True),
    SectionSpec("bilaga", _("Bilaga: framgångsfaktorer och styrmått"), True),
]
BY_KEY = {spec.key: spec for spec in SECTIONS}
OWN_TEXT_PREFIX = "text-"  # a narrative section a region added under its own title

_ALL = [spec.key for spec in SECTIONS]
_NO_FORECAST = [key for key in _ALL if key not in ("arsprognos", "ekonomi_i_balans")]
_TERTIAL = ["sammanfattning", "maluppfyllelse", "verksamhet", "medarbetare", "ekonomi", "ekonomi_analys",
            "arsprognos", "uppdrag", "bilaga"]

# (key, name, tertial, sections): tertial 1, delår (tertial 2) and the year (tertial 3).
DEFAULT_KINDS = [
    ("tertialrapport", _("Tertialrapport"), 1, _TERTIAL),
    ("delarsrapport", _("Delårsrapport"), 2, _ALL),
    ("arsrapport", _("Årsrapport"), 3, _NO_FORECAST),
]


def is_automatic(key: str) -> bool:
    spec = BY_KEY.get(key)
    return bool(spec and spec.automatic)


def default_title(key: str) -> str:
    spec = BY_KEY.get(key)
    return str(spec.title) if spec else ""


def section_list(keys: list[str]) -> list[dict]:
    """The stored form of a kind's sections: [{"key", "title"}] with the default titles."""
    return [{"key": key, "title": default_title(key)} for key in keys if key in BY_KEY]
