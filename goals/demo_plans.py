"""Goal hierarchies for the two demo regions, as plain data.

Region Norrbotten (NORRBOTTEN) follows Division Regionstöd's delårsrapport augusti 2022
(shared/seeds/003): the five perspectives, the strategic goals and success factors in its
summary table, the könsuppdelade styrmått (sick leave < 4,8 %, HME, MAU indices), the
activities described per verksamhetsområde and the assignments in "Återrapportering av
uppdrag". Region Västernorrland (VASTERNORRLAND) follows Regionledningsförvaltningen's
verksamhetsplan 2020 with balanserat styrkort (shared/seeds/002): the four perspectives,
their inriktningsmål and strategiska områden, the mått with källa, jämförelsetal, målnivå
and uppföljning, the projects in bilaga 17 and the regiondirektör's prioriterade områden.
Where a seed is silent (Norrbotten's goals in Samhälle and Medborgare, some measures,
units, people and dates) the values are plausible fills. Outcomes are left out on purpose.

Dates are month-day; the year is added when seeding. Unit codes are those of
regionplan.demo.NORRBOTTEN_UNITS and VASTERNORRLAND_UNITS.

The data itself is goals/demo_plans.json (a data file, not code): edit it there.
"""

from __future__ import annotations

import json
from pathlib import Path

_DATA = json.loads(Path(__file__).with_name("demo_plans.json").read_text(encoding="utf-8"))
NORRBOTTEN: dict = _DATA["norrbotten"]
VASTERNORRLAND: dict = _DATA["vasternorrland"]
