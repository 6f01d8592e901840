import io, datetime
import pytest
from openpyxl import Workbook
from goals.excel import COLUMNS, export_plan
from goals.planimport import import_plan
from goals.models import *
from goals.services import load_plan, adopt_plan
from regionplan.tenancy import region_scope
from tests.plans import build_plans

NAMES = [n for n, _ in COLUMNS]
def xlsx(rows, header=NAMES):
    wb = Workbook(); ws = wb.active
    ws.append(header)
    for r in rows: ws.append([r.get(h, "") for h in header])
    b = io.BytesIO(); wb.save(b); return b.getvalue()

P = {"Nivå": "Perspektiv", "Kod": "P1", "Namn": "Samhälle"}
G = {"Nivå": "Mål", "Kod": "G1", "Namn": "Goal", "Perspektiv": "Samhälle", "Organisation": "A-ROOT"}
F = {"Nivå": "Framgångsfaktor", "Kod": "F1", "Namn": "Factor", "Förälder": "G1", "Organisation": "A-NAMND"}
M = {"Nivå": "Mått", "Kod": "M1", "Namn": "Measure", "Förälder": "F1", "Organisation": "A-DIV", "Måttenhet": "%", "Riktning": "Lägre är bättre", "Målvärde": "< 4,8", "Frekvens": "Månadsvis"}
A = {"Nivå": "Aktivitet", "Kod": "AK1", "Namn": "Act", "Förälder": "M1", "Organisation": "A-VO1"}

def test_probe(world):
    with region_scope(world.alfa):
        for extra in [{"Målvärde": 4.8, "Jämförelsetal": 5.6}, {"Antaget av": "A-VO1 (81); A-VO2 (4,5–6)", "Riktning": "Högre är bättre", "Målvärde": "80"}]:
            try:
                res = import_plan(xlsx([P, G, F, {**M, **extra}]), "p.xlsx", 2026)
                print(extra, res.errors, res.summary())
                for i in PlanItem.objects.filter(level="measure"): print(i.target, i.baseline_value, i.baseline_year, list(a.target for a in i.adoptions.all()))
            except Exception as e:
                print(extra, "CRASH", type(e), e)
            PlanItem.objects.all().delete()
    assert 0
