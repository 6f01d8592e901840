"""Excel sheet names (regionplan.xlsx.sheet_names): unique whatever the case, at most 31
characters, none of the characters Excel refuses, and still readable when cut."""

from __future__ import annotations

import re

import pytest

from regionplan.xlsx import sheet_names

LONG_UNIT = "M-SJUK Sjukfrånvaro, regionens medarbetare"


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["Bilaga"], ["Bilaga"]),
        (["Framgångsfaktorer och styrmått"], ["Framgångsfaktorer och styrmått"]),  # 30: kept whole
        # Long Swedish titles are cut at a word, with "…", keeping the unit in brackets.
        (
            ["Kostnadsutveckling jämfört med samma period föregående år (Mnkr)"],
            ["Kostnadsutveckling… (Mnkr)"],
        ),
        (["Utfall mot periodbudget per område och årsprognos (Mnkr)"], ["Utfall mot periodbudget… (Mnkr)"]),
        (["Könsuppdelade styrmått, utfall Tertial 2 (delår) 2022"], ["Könsuppdelade styrmått…"]),
        # The same measure for several units: the unit tells the sheets apart.
        (
            [f"{LONG_UNIT} (IT/MT)", f"{LONG_UNIT} (Fastigheter)", f"{LONG_UNIT} (Facility Management)", LONG_UNIT],
            [
                "M-SJUK Sjukfrånvaro… (IT MT)",
                "M-SJUK Sjukfrånv… (Fastigheter)",
                "M-SJUK… (Facility Management)",
                "M-SJUK Sjukfrånvaro…",
            ],
        ),
        # Collisions, as Excel compares them (case-insensitive), and after cutting.
        (["Bilaga", "bilaga", "BILAGA"], ["Bilaga", "bilaga (2)", "BILAGA (3)"]),
        (["a" * 40, "a" * 40], ["a" * 30 + "…", "a" * 26 + "… (2)"]),
        (
            ["Investeringar per typ och beslutsår 2022", "Investeringar per typ och beslutsår 2021"],
            ["Investeringar per typ och…", "Investeringar per typ och… (2)"],
        ),
        # What Excel refuses: []:*?/\ , an apostrophe at the ends, "History", an empty name.
        (["Mål: [del]*?/\\ 1"], ["Mål del 1"]),
        (["'Citat'"], ["Citat"]),
        (["History"], ["History (2)"]),
        (["", "   "], ["Tabell", "Tabell (2)"]),
    ],
)
def test_sheet_names(titles, expected):
    names = sheet_names(titles)
    assert names == expected
    assert all(0 < len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert not any(re.search(r"[\[\]:*?/\\]", name) for name in names)


def test_many_equal_titles_stay_unique_and_short():
    names = sheet_names(["Styrmåttens utveckling för divisionen och dess områden"] * 12)
    assert len(set(names)) == 12 and all(len(name) <= 31 for name in names)
    assert names[11].endswith("(12)")
