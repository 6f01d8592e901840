"""A unit's risk analysis and internal-control plan in the browser's forms: risks valued on
the matrix, bad input refused at the field with nothing written, the plan's states, lifting a
risk and copying the year (tests/internal_control/factory.py builds the data)."""

import datetime

import pytest
from django.urls import reverse

from goals.models import PlanItem
from goals.services import ensure_plan, save_item
from internal_control import rules
from internal_control.models import Control, Risk, RiskAnalysis
from regionplan import auditing
from regionplan.models import AuditEntry, RiskMatrix
from regionplan.tenancy import region_scope
from tests.internal_control.factory import first_control, first_risk, make_analysis
from tests.plans import YEAR, build_plans


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def risk_data(**changes):
    data = {
        "number": "2",
        "name": "Korruption, mutor och jäv",
        "description": "Risk för otillbörlig påverkan",
        "gross": "4-4",
        "net": "3-4",
        "target": "",
        "in_plan": "net",
        "change": "new",
    }
    data.update(changes)
    return data


def counts(world):
    with region_scope(world.alfa):
        return Risk.objects.count(), Control.objects.count(), AuditEntry.objects.count()


@pytest.mark.parametrize(
    "gross, net, ok",
    [
        ((4, 4), (3, 4), True),
        ((4, 4), (4, 4), True),
        ((2, 3), (3, 3), False),  # likelier with the measures than without
        ((3, 2), (3, 3), False),  # worse impact with the measures
        ((None, None), (4, 4), True),  # brutto not valued yet
        ((4, 4), (None, None), True),
    ],
)
def test_netto_is_never_above_brutto(gross, net, ok):
    assert rules.netto_not_above_brutto(gross, net) is ok


def test_a_manager_values_a_new_risk_on_the_matrix_and_it_goes_into_the_plan_by_its_netto(world):
    analysis = make_analysis(world)
    client = world.client("manager")
    page = client.get(url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR)).content.decode()
    assert 'name="gross" value="4-4"' in page and "Sannolikhet 4 Sannolik × konsekvens 4 Allvarlig: Röd" in page
    response = client.post(url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR), risk_data())
    assert response.status_code == 302
    with region_scope(world.alfa):
        risk = Risk.objects.get(analysis=analysis, number=2)
        net_status = risk.net_status()
    assert (risk.gross_likelihood, risk.gross_impact, risk.net_likelihood, risk.net_impact) == (4, 4, 3, 4)
    assert risk.in_plan  # netto 3×4 is red on the default matrix
    assert net_status == "red"
    page = client.get(response["Location"]).content.decode()
    assert "Sannolikhet 3 Möjlig × konsekvens 4 Allvarlig: Röd" in page


def test_a_green_netto_stays_out_of_the_plan_unless_chosen(world):
    analysis = make_analysis(world)
    client = world.client("manager")
    client.post(url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR), risk_data(gross="2-2", net="1-1"))
    client.post(
        url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR),
        risk_data(number="3", gross="2-2", net="1-1", in_plan="yes"),
    )
    with region_scope(world.alfa):
        assert list(Risk.objects.filter(number__in=[2, 3]).order_by("number").values_list("in_plan", flat=True)) == [
            False,
            True,
        ]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"gross": "5-1"}, "gross", "Välj en ruta i matrisen (sannolikhet 1–4, konsekvens 1–4)"),
        ({"net": "0-3"}, "net", "Välj en ruta i matrisen"),
        ({"gross": "abc"}, "gross", "Välj en ruta i matrisen"),
        ({"gross": "2-2", "net": "3-3"}, "net", "Nettovärdet kan inte vara högre än bruttovärdet"),
        ({"number": "1"}, "number", "Analysen har redan en risk med nummer 1."),
        ({"name": ""}, "name", "Detta fält måste fyllas i."),
    ],
)
def test_bad_input_is_explained_at_the_field_and_nothing_is_written(world, changes, field, message):
    analysis = make_analysis(world)
    before = counts(world)
    response = world.client("manager").post(
        url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR), risk_data(**changes)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and f'id="id_{field}_error"' in page
    assert "Risken är inte sparad" in page
    assert counts(world) == before


def test_a_matrix_of_another_size_values_on_its_own_cells(world):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        matrix = RiskMatrix.objects.create(
            version=7, definition=__import__("regionplan.riskmatrix", fromlist=["x"]).default_definition(5, 3)
        )
        analysis = RiskAnalysis.objects.create(unit=world.units["VO1"], year=YEAR, matrix=matrix)
    client = world.client("manager")
    ok = client.post(
        url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR), risk_data(number="1", gross="5-3", net="4-2")
    )
    assert ok.status_code == 302
    refused = client.post(
        url("ic_risk_new", unit_pk=analysis.unit_id, year=YEAR), risk_data(number="2", gross="3-4", net="")
    )
    assert refused.status_code == 400 and "konsekvens 1–3" in refused.content.decode()


def test_an_adopted_analysis_refuses_changes_to_risks_and_controls(world):
    risk = first_risk(world, state=RiskAnalysis.ADOPTED)
    control = first_control(world, state=RiskAnalysis.ADOPTED)
    client = world.client("controller")
    before = counts(world)
    attempts = [
        lambda: client.post(url("ic_risk_edit", pk=risk.pk), risk_data(number="1")),
        lambda: client.get(url("ic_risk_new", unit_pk=world.units["DIV"].pk, year=YEAR)),
        lambda: client.post(url("ic_risk_delete", pk=risk.pk)),
        lambda: client.post(url("ic_control_edit", pk=control.pk), {"what": "Annat"}),
        lambda: client.post(url("ic_control_new", risk_pk=risk.pk), {"what": "Nytt"}),
    ]
    for attempt in attempts:
        response = attempt()
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "är fastställd: risker, värderingar och kontrollmoment kan inte ändras" in page
    assert counts(world) == before


def test_adoption_needs_a_control_for_every_risk_in_the_plan_then_locks_and_is_in_the_trail(world):
    analysis = make_analysis(world, controls=0)
    client = world.client("controller")
    data = {"adopted_on": f"{YEAR}-01-20", "decision_ref": "RS § 12", "diary_number": "RS 2026/41"}
    refused = client.post(url("ic_analysis_adopt", unit_pk=analysis.unit_id, year=YEAR), data)
    assert refused.status_code == 400
    assert "Risk 1 är vald till internkontrollplanen men har inget kontrollmoment." in refused.content.decode()
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        Control.objects.create(
            risk=Risk.objects.get(analysis=analysis, number=1), what="Stickprov", unit=world.units["DIV"]
        )
    assert client.post(url("ic_analysis_adopt", unit_pk=analysis.unit_id, year=YEAR), data).status_code == 302
    with region_scope(world.alfa):
        analysis.refresh_from_db()
        entry = AuditEntry.objects.filter(content_type__model="riskanalysis", object_id=analysis.pk).latest("at")
    assert analysis.state == RiskAnalysis.ADOPTED and analysis.adopted_on == datetime.date(YEAR, 1, 20)
    assert entry.changes["status"] == ["Utkast", "Fastställd"]
    history = client.get(url("ic_analysis_history", unit_pk=analysis.unit_id, year=YEAR)).content.decode()
    assert "Fastställd" in history and "RS § 12" in history


def test_a_reader_sees_adopted_analyses_only(world):
    draft = make_analysis(world)
    reader = world.client("reader")
    page = reader.get(url("ic_analysis", unit_pk=draft.unit_id, year=YEAR)).content.decode()
    assert "Fakturagranskning 1" not in page and "har ingen riskanalys" in page
    assert "Fakturagranskning 1" not in reader.get(url("ic_index") + f"?ar={YEAR}").content.decode()
    adopted = make_analysis(world, unit="VO1", state=RiskAnalysis.ADOPTED)
    page = reader.get(url("ic_analysis", unit_pk=adopted.unit_id, year=YEAR)).content.decode()
    assert "Fakturagranskning 1" in page and "Ny risk" not in page


def test_a_lower_unit_sees_the_risks_above_read_only_and_lifts_its_own(world):
    above = make_analysis(world, state=RiskAnalysis.ADOPTED)  # DIV's
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        own = RiskAnalysis.objects.create(unit=world.units["VO1"], year=YEAR, matrix=RiskMatrix.for_valuation())
        risk = Risk.objects.create(
            analysis=own, number=1, name="Brister i storstäd", gross_likelihood=3, gross_impact=3
        )
        # VO2's analysis, a draft, to which VO1's risk is lifted
    client = world.client("manager")
    page = client.get(url("ic_analysis", unit_pk=own.unit_id, year=YEAR)).content.decode()
    assert "Risker i enheterna ovanför" in page and "Fakturagranskning 1" in page
    # lifting to an adopted analysis is refused with why, and changes nothing
    response = client.post(url("ic_risk_lift", pk=risk.pk))
    assert "har redan fastställt sin riskanalys" in client.get(response["Location"]).content.decode()
    with region_scope(world.alfa):
        assert not Risk.objects.filter(lifted_from=risk).exists()
        above.state = RiskAnalysis.DRAFT
        with auditing.acting_as(label="test"):
            above.save()
    client.post(url("ic_risk_lift", pk=risk.pk))
    with region_scope(world.alfa):
        lifted = Risk.objects.get(lifted_from=risk)
    assert lifted.analysis_id == above.pk and lifted.number == 2 and lifted.change == Risk.NEW
    assert (lifted.gross_likelihood, lifted.gross_impact) == (3, 3)
    page = client.get(url("ic_risk", pk=risk.pk)).content.decode()
    assert (
        "lyft till Division Stöd A som risk 2" in page and "Lyft till" not in page.split("<dl")[0].split("lyft till")[0]
    )


def test_copy_to_next_year_carries_risks_valuations_links_and_controls_not_results(world):
    items = build_plans(world)
    analysis = make_analysis(world, state=RiskAnalysis.ADOPTED)
    goal = items["goal"]
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        risk = Risk.objects.get(analysis=analysis, number=1)
        risk.threatens.add(goal)
        ended = Risk.objects.create(analysis=analysis, number=9, name="Avslutad risk", change=Risk.ENDED)
        next_goal = save_item(
            PlanItem(
                plan=ensure_plan(goal.plan.unit, YEAR + 1),
                level=goal.level,
                code=goal.code,
                name=goal.name,
                perspective=goal.perspective,
                copied_from=goal,
            )
        )
    client = world.client("controller")
    response = client.post(url("ic_analysis_copy", unit_pk=analysis.unit_id, year=YEAR))
    assert response["Location"] == url("ic_analysis", unit_pk=analysis.unit_id, year=YEAR + 1)
    assert "1 risker och 1 kontrollmoment är kopierade till 2027" in client.get(response["Location"]).content.decode()
    with region_scope(world.alfa):
        copy = Risk.objects.get(analysis__year=YEAR + 1, number=1)
        assert copy.copied_from_id == risk.pk and copy.change == Risk.KEPT and copy.analysis.state == RiskAnalysis.DRAFT
        assert (copy.net_likelihood, copy.net_impact) == (3, 3)
        assert list(copy.threatens.all()) == [next_goal]
        assert copy.controls.count() == 1 and not copy.controls.first().results.exists()
        assert not Risk.objects.filter(analysis__year=YEAR + 1, name=ended.name).exists()
    again = client.post(url("ic_analysis_copy", unit_pk=analysis.unit_id, year=YEAR))
    assert "har redan en riskanalys med risker för 2027" in client.get(again["Location"]).content.decode()


def test_reopening_needs_the_whole_region_and_moves_the_draft_to_the_newest_matrix(world):
    analysis = make_analysis(world, state=RiskAnalysis.ADOPTED)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        newer = RiskMatrix.objects.create(version=analysis.matrix.version + 1)
    assert (
        world.client("manager").post(url("ic_analysis_reopen", unit_pk=analysis.unit_id, year=YEAR)).status_code == 403
    )
    world.client("controller").post(url("ic_analysis_reopen", unit_pk=analysis.unit_id, year=YEAR))
    with region_scope(world.alfa):
        analysis.refresh_from_db()
    assert analysis.state == RiskAnalysis.DRAFT and analysis.matrix_id == newer.pk


def test_a_control_needs_its_date_in_the_year_and_its_responsible_from_its_unit(world):
    risk = first_risk(world)
    client = world.client("manager")
    data = {"what": "Stickprov av fakturor", "frequency": "once", "unit": world.units["VO1"].pk, "order": 0}
    page = client.post(url("ic_control_new", risk_pk=risk.pk), data).content.decode()
    assert "Ange när en kontroll som görs en gång ska vara gjord." in page
    page = client.post(url("ic_control_new", risk_pk=risk.pk), {**data, "due_on": f"{YEAR + 1}-03-01"}).content.decode()
    assert f"Datumet ska ligga i analysens år, {YEAR}." in page
    page = client.post(
        url("ic_control_new", risk_pk=risk.pk), {**data, "due_on": f"{YEAR}-03-01", "unit": world.units["OTHER"].pk}
    ).content.decode()
    assert "Välj ett giltigt alternativ" in page  # a unit outside the analysis' subtree
    page = client.post(
        url("ic_control_new", risk_pk=risk.pk),
        {**data, "due_on": f"{YEAR}-03-01", "responsible": world.users["manager_out"].pk},
    ).content.decode()
    assert "Välj ett giltigt alternativ" in page  # not someone who reports for VO1
    ok = client.post(
        url("ic_control_new", risk_pk=risk.pk),
        {**data, "due_on": f"{YEAR}-03-01", "responsible": world.users["manager"].pk},
    )
    assert ok.status_code == 302


def test_a_heat_map_cell_lists_exactly_its_risks(world):
    analysis = make_analysis(world, risks=3)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        third = Risk.objects.get(analysis=analysis, number=3)
        third.net_likelihood, third.net_impact = 1, 1
        third.save()
    client = world.client("manager")
    base = url("ic_analysis", unit_pk=analysis.unit_id, year=YEAR)
    page = client.get(base).content.decode()
    assert f'href="{base}?varde=net&amp;s=3&amp;k=3"' in page
    cell = client.get(base + "?varde=net&s=3&k=3").content.decode()
    table = cell[cell.index('id="risks-heading"') : cell.index('id="plan-heading"')]
    assert "Fakturagranskning 1" in table and "Fakturagranskning 2" in table and "Fakturagranskning 3" not in table
    assert "Visar riskerna vars nettovärde är Sannolikhet 3 Möjlig × konsekvens 3 Kännbar: Gul." in table
    outside = client.get(base + "?varde=net&s=9&k=1").content.decode()
    assert "Fakturagranskning 3" in outside  # a cell that is not in the matrix shows them all
