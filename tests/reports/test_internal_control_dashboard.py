"""The internal-control dashboard (reports/dashboards/internal_control.py): heat maps of the
scope, a cell's risks, a risk's card and the region dashboard's block; readers see adopted
and closed analyses only."""

import re

from django.urls import reverse

from internal_control.models import Risk, RiskAnalysis
from regionplan import auditing
from regionplan.tenancy import region_scope
from tests.internal_control.factory import first_risk, make_analysis
from tests.plans import YEAR

PERIOD = f"?period={YEAR}-T2"


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def page(world, persona, name="dashboard_ic", query=PERIOD, **kwargs):
    response = world.client(persona).get(url(name, **kwargs) + query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def counted(html) -> int:
    """The heat map's total, from its caption."""
    return int(re.search(r"(\d+) risker?, antal per ruta", html).group(1))


def test_readers_see_adopted_analyses_and_reporters_drafts_too(world):
    make_analysis(world, unit="VO1", state=RiskAnalysis.ADOPTED, risks=2)
    make_analysis(world, unit="DIV", risks=3)  # a draft
    assert counted(page(world, "reader")) == 2
    assert counted(page(world, "controller")) == 5
    assert counted(page(world, "manager")) == 5  # the manager reports for DIV and below


def test_a_cells_link_lists_exactly_the_risks_in_it(world):
    analysis = make_analysis(world, unit="VO1", state=RiskAnalysis.ADOPTED, risks=3)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        other = Risk.objects.get(analysis=analysis, number=3)
        other.net_likelihood, other.net_impact = 1, 2
        other.save()
    html = page(world, "reader")
    links = re.findall(r'href="(/alfa/dashboard/intern-kontroll/ruta/[^"]+)"', html)
    assert len(links) == 2
    cell = next(link for link in links if "s=3&amp;k=3" in link).replace("&amp;", "&")
    listed = world.client("reader").get(cell).content.decode()
    assert "Fakturagranskning 1" in listed and "Fakturagranskning 2" in listed
    assert "Fakturagranskning 3" not in listed
    assert "2 risker i rutan" in listed


def test_a_risk_card_is_read_only_and_fails_closed(world):
    adopted = first_risk(world, unit="VO2", state=RiskAnalysis.ADOPTED)
    draft = first_risk(world, unit="DIV")
    html = page(world, "reader", "dashboard_ic_risk", pk=adopted.pk)
    assert "Fakturagranskning 1" in html and "Sannolikhet 3 Möjlig × konsekvens 3 Kännbar: Gul" in html
    assert '<form method="post"' not in html
    assert world.client("reader").get(url("dashboard_ic_risk", pk=draft.pk)).status_code == 403
    assert world.client("manager_out").get(url("dashboard_ic_risk", pk=adopted.pk)).status_code == 403
    assert world.client("outsider").get(url("dashboard_ic_risk", pk=adopted.pk)).status_code == 404


def test_the_region_dashboard_has_a_block_leading_to_the_heat_map(world):
    make_analysis(world, unit="VO1", state=RiskAnalysis.ADOPTED, risks=2)
    html = page(world, "reader", "dashboard")
    block = html[html.index('id="ic-block-heading"') :]
    assert "Intern kontroll" in block and "2 risker" in block
    assert url("dashboard_ic") in block


def test_a_cell_that_is_not_there_goes_back_to_the_heat_map(world):
    response = world.client("reader").get(url("dashboard_ic_cell") + PERIOD + "&matris=999999&s=9&k=9")
    assert response.status_code == 302 and response["Location"].startswith(url("dashboard_ic"))
