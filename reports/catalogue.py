"""The sections a report can have, and the default report kinds.

A section is automatic (its tables and charts come from the data when the report is made)
or narrative (someone writes it). The defaults follow a Swedish region's delårsrapport
(shared/seeds/003): Sammanfattning, Styrning och uppföljning, Uppföljning av jämställdhet,
Verksamhet, Medarbetare, Ekonomi with its analysis, forecast and measures, Investeringar,
Återrapportering av uppdrag and the appendix of all success factors and measures.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from regionplan import registry
from reports.assembly import BUILDERS, EMPTY_NOTES

# The report's own sections: (key, default title, automatic). Automatic ones are built by
# reports.assembly's builder of the same name (BUILDERS). They are registered, like any
# app's sections, in regionplan.registry (reports.apps.ready calls `register`), and apps
# add theirs there (internal control's follow-up, SAM's annual follow-up).
OWN_SECTIONS = [
    ("sammanfattning", _("Sammanfattning"), False),
    ("maluppfyllelse", _("Styrning och uppföljning: måluppfyllelse per perspektiv"), True),
    ("styrning", _("Analys av måluppfyllelsen"), False),
    ("jamstalldhet", _("Uppföljning av jämställdhet"), True),
    ("verksamhet", _("Verksamhet"), False),
    ("medarbetare", _("Medarbetare"), False),
    ("ekonomi", _("Ekonomi: utfall, budget och kostnadsutveckling"), True),
    ("ekonomi_analys", _("Ekonomisk analys"), False),
    ("arsprognos", _("Årsprognos och riskanalys"), False),
    ("ekonomi_i_balans", _("Åtgärder för ekonomi i balans"), False),
    ("investeringar", _("Investeringar"), True),
    ("uppdrag", _("Återrapportering av uppdrag"), True),
    ("diagram", _("Styrmåttens utveckling"), True),
    ("bilaga", _("Bilaga: framgångsfaktorer och styrmått"), True),
]
OWN_TEXT_PREFIX = "text-"  # a narrative section a region added under its own title

_TERTIAL = [
    "sammanfattning",
    "maluppfyllelse",
    "verksamhet",
    "medarbetare",
    "ekonomi",
    "ekonomi_analys",
    "arsprognos",
    "uppdrag",
    "bilaga",
]


def register() -> None:
    """Register the report's own sections, with their builders, in the core's registry."""
    for order, (key, title, automatic) in enumerate(OWN_SECTIONS, start=1):
        registry.add_report_section(
            registry.ReportSection(
                key, title, automatic, order * 10, build=BUILDERS.get(key), empty_note=EMPTY_NOTES.get(key, "")
            )
        )


def sections() -> list:
    """Every section a report kind can hold: the report's own and the apps' (registry order)."""
    return registry.report_sections()


def by_key() -> dict:
    return {section.key: section for section in sections()}


def default_kinds() -> list:
    """(key, name, tertial, section keys): tertial 1, delår (tertial 2) and the year (tertial 3).
    The delår holds every section there is; the year all but the forecast's."""
    every = [section.key for section in sections()]
    return [
        ("tertialrapport", _("Tertialrapport"), 1, _TERTIAL),
        ("delarsrapport", _("Delårsrapport"), 2, every),
        ("arsrapport", _("Årsrapport"), 3, [key for key in every if key not in ("arsprognos", "ekonomi_i_balans")]),
    ]


def is_automatic(key: str) -> bool:
    section = by_key().get(key)
    return bool(section and section.automatic)


def default_title(key: str) -> str:
    section = by_key().get(key)
    return str(section.title) if section else ""


def section_list(keys: list[str]) -> list[dict]:
    """The stored form of a kind's sections: [{"key", "title"}] with the default titles."""
    known = by_key()
    return [{"key": key, "title": str(known[key].title)} for key in keys if key in known]
