"""The internal-control demo: the seed documents' risks where they belong (seed 002's eleven
risks in Västernorrland's RLF, seed 003's plan 2022 in Norrbotten's Division Regionstöd with
its T1 and T2 results and actions), the current year's analyses with something for the chef
to report, every result on an occurrence its control makes, no text reused across risks,
no person named, and a second seeding that adds nothing. The demo is seeded once for the
module (and rolled back after it), as in tests/whole/test_demo_data.py."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest
from django.utils import timezone

from internal_control import demo as ic_demo
from internal_control.demo import Valuation, occurrence_state, overdue_deadline, valuation_from_colours
from internal_control.models import (
    ActionUpdate,
    Control,
    ControlResult,
    ImpactArea,
    Risk,
    RiskAction,
    RiskAnalysis,
    RiskCategory,
)
from internal_control.rules import action_overdue, occurrences, window
from regionplan import demo, riskmatrix
from regionplan.models import Period, Region, RiskMatrix, User
from regionplan.permissions import Action, has_permission, roles_of
from regionplan.status import Status
from regionplan.tenancy import region_scope
from tests.conftest import demo_seeded_once

# --- the rules of the demo (no database) -------------------------------------------------------


@pytest.mark.parametrize(
    "effectiveness, impact, likelihood, expected",
    [
        ("Röd", "Röd", "Röd", Valuation(4, 4, 4, 4)),  # measures without effect: netto = brutto
        ("Gul", "Röd", "Gul", Valuation(3, 4, 2, 4)),
        ("Röd", "Röd", "Gul", Valuation(3, 4, 3, 4)),
        ("Gul", "Gul", "Gul", Valuation(3, 3, 2, 3)),
        ("Grön", "Röd", "Röd", Valuation(4, 4, 2, 4)),  # good measures lower the likelihood by two
        ("Grön", "Gul", "Grön", Valuation(2, 3, 1, 3)),  # never below 1
        ("Grön", "Grön", "Grön", Valuation(2, 2, 1, 2)),
        (None, "Röd", "Gul", Valuation(3, 4, 3, 4)),  # measures not rated: no credit
    ],
)
def test_valuation_from_the_seeds_colours(effectiveness, impact, likelihood, expected):
    assert valuation_from_colours(effectiveness, impact, likelihood) == expected


COLOUR_STATUS = {"Röd": Status.RED.value, "Gul": Status.YELLOW.value, "Grön": Status.GREEN.value}
SEVERITY = {Status.GREEN.value: 0, Status.YELLOW.value: 1, Status.RED.value: 2}


@pytest.mark.parametrize("spec", ic_demo.RLF_RISKS, ids=lambda spec: str(spec.number))
def test_the_valuations_agree_with_the_seeds_colours(spec):
    """On the default 4×4 matrix, brutto is the worse of the seed's Påverkan and
    Sannolikhet colours, and netto is never worse than brutto."""
    definition = riskmatrix.default_definition()
    _effectiveness, impact, likelihood = spec.colours
    v = valuation_from_colours(*spec.colours)
    gross = riskmatrix.cell_status(definition, v.gross_likelihood, v.gross_impact)
    net = riskmatrix.cell_status(definition, v.net_likelihood, v.net_impact)
    assert gross == max(COLOUR_STATUS[impact], COLOUR_STATUS[likelihood], key=SEVERITY.get)
    assert SEVERITY[net] <= SEVERITY[gross]


D = datetime.date


@pytest.mark.parametrize(
    "found, today, expected",
    [
        (D(2026, 4, 30), D(2026, 12, 5), D(2026, 6, 30)),  # two months after the finding
        (D(2026, 4, 30), D(2026, 6, 1), D(2026, 5, 25)),  # but always passed by today
        (None, D(2026, 1, 3), D(2025, 12, 27)),  # nothing found yet: a week ago
    ],
)
def test_overdue_deadline(found, today, expected):
    assert overdue_deadline(found, today) == expected
    assert action_overdue("ongoing", expected, today)


@pytest.mark.parametrize(
    "due, expected",
    [(D(2026, 8, 31), "closed"), (D(2026, 9, 1), "open"), (D(2026, 12, 31), "open"), (D(2027, 1, 31), "future")],
)
def test_occurrence_state(due, expected):
    assert occurrence_state(due, (D(2026, 9, 1), D(2026, 12, 31))) == expected


# --- the seeded demo ------------------------------------------------------------------------

SLUGS = ["norrbotten", "vasternorrland"]
THIS_YEAR = timezone.localdate().year


@pytest.fixture(scope="module")
def demo_regions(django_db_setup, django_db_blocker):
    with demo_seeded_once(django_db_blocker):
        with django_db_blocker.unblock():
            regions = {slug: Region.objects.get(slug=slug) for slug in SLUGS}
        yield regions


@pytest.fixture
def norrbotten(demo_regions, db):
    with region_scope(demo_regions["norrbotten"]):
        yield demo_regions["norrbotten"]


@pytest.fixture
def vasternorrland(demo_regions, db):
    with region_scope(demo_regions["vasternorrland"]):
        yield demo_regions["vasternorrland"]


@pytest.fixture(params=SLUGS)
def region(request, demo_regions, db):
    with region_scope(demo_regions[request.param]):
        yield demo_regions[request.param]


def user(login, region):
    return User.objects.get(email=demo.demo_email(login, region.slug))


def open_window(region):
    current = Period.current(region, timezone.localdate())
    return window(current.kind, current.start.year, current.number)


RLF_NAMES = [
    (1, "Utökat lagkrav GDPR, EU-direktiv som ersätter PUL", "Efterlevnad regelverk"),
    (2, "Korruption, mutor och jäv", "Förtroende"),
    (3, "Systemförvaltning", "Verksamhet"),
    (4, "Informations- och IT-säkerhet", "Efterlevnad regelverk"),
    (5, "Verkställighet av politiska beslut", "Efterlevnad regelverk"),
    (6, "Uppföljning Länshälsan", "Verksamhet"),
    (7, "Utbetalningar av arvode", "Efterlevnad regelverk"),
    (8, "Utbetalning av ersättning till privata vårdgivare", "Finansiell"),
    (9, "Organisationsförändring inom RLF, Fastighet och service bildades som nytt område 2019-07-01", "Verksamhet"),
    (10, "Organisationsförändring, Folkhälsans enhet flyttas till RU", "Verksamhet"),
    (11, "Fakturagranskning", "Efterlevnad regelverk"),
]


def test_each_region_has_its_matrix_impact_areas_and_categories(region):
    matrix = RiskMatrix.current()
    assert matrix.pk is not None and matrix.size == (4, 4)
    assert list(ImpactArea.objects.values_list("name", flat=True)) == [
        "Säkerhet patient/invånare",
        "Processeffektivitet",
        "Förtroende/rykte",
        "Medarbetare",
        "Hushållning resurser",
    ]
    categories = set(RiskCategory.objects.values_list("name", flat=True))
    used = set(Risk.objects.values_list("category__name", flat=True))
    assert None not in used and used <= categories
    if region.slug == "vasternorrland":
        assert {"Efterlevnad regelverk", "Förtroende", "Verksamhet", "Finansiell"} <= categories
    else:
        assert categories == {"Säkra lokaler", "Resurstillgång", "Patientsäkerhet", "IT-säkerhet", "MT-säkerhet"}


def test_rlf_has_the_eleven_risks_of_seed_002_adopted_this_year(vasternorrland):
    analysis = RiskAnalysis.objects.get(unit__code="RLF", year=THIS_YEAR)
    assert analysis.state == RiskAnalysis.ADOPTED
    assert analysis.adopted_on.year == THIS_YEAR and analysis.adopted_on.month == 1
    assert analysis.decision_ref.startswith("RS §") and analysis.diary_number
    risks = list(analysis.risks.select_related("category").order_by("number"))
    assert [(r.number, r.name, r.category.name) for r in risks] == RLF_NAMES
    by_number = {r.number: r for r in risks}
    assert "visselblåsarfunktion är införd" in by_number[2].existing_measures
    assert by_number[1].governing_documents == "GDPR, dataskyddsförordning"
    assert by_number[8].description == "Felaktig ersättning"
    # the seed's colours on the matrix: 1 Röd Röd Röd, 2 Gul Röd Gul, 11 Gul Gul Gul
    assert (by_number[1].gross_status(), by_number[1].net_status()) == ("red", "red")
    assert (by_number[2].gross_status(), by_number[2].net_status()) == ("red", "yellow")
    assert (by_number[11].gross_status(), by_number[11].net_status()) == ("yellow", "yellow")
    flags = {r.number: r.impacts.count() for r in risks}
    assert flags == {1: 4, 2: 3, 3: 4, 4: 3, 5: 2, 6: 4, 7: 3, 8: 3, 9: 3, 10: 3, 11: 1}  # the seed's X per row
    handlingsplan = RiskAction.objects.filter(risk__analysis=analysis, result=None)
    assert handlingsplan.count() == 11
    assert set(handlingsplan.values_list("status", flat=True)) == {RiskAction.ONGOING, RiskAction.PLANNED}
    assert all(a.owner_label or a.owner_id for a in handlingsplan)
    assert handlingsplan.get(risk__number=11).what == "Stickprovskontroll av fakturor."


def test_rlf_plan_has_controls_on_the_yellow_and_red_risks_by_people_who_report_for_them(vasternorrland):
    analysis = RiskAnalysis.objects.get(unit__code="RLF", year=THIS_YEAR)
    for risk in analysis.risks.all():
        assert risk.in_plan == (risk.net_status() in ("red", "yellow"))
        if risk.in_plan:
            assert 1 <= risk.controls.count() <= 2, risk
    controls = list(Control.objects.filter(risk__analysis=analysis).select_related("unit", "responsible"))
    assert {c.frequency for c in controls} >= {Control.MONTHLY, Control.TERTIAL}
    assert any(c.what == "Stickprovskontroll av fakturor" for c in controls)
    for control in controls:
        assert control.unit.path.startswith(analysis.unit.path)
        assert has_permission(roles_of(control.responsible), Action.REPORT, control.unit), control
    chef = user("chef", vasternorrland)
    assert any(c.responsible == chef and c.unit.code.startswith("RLF-FOS") for c in controls)


DRS_2022 = [
    ("Säkra lokaler", "Patient- och medarbetarskada", "DRS-FAST", ControlResult.OK, ControlResult.OK),
    ("Resurstillgång", "Patientskada", "DRS-IOF", ControlResult.OK, ControlResult.OK),
    ("Patientsäkerhet", "Patientskada", "DRS-FM", ControlResult.MINOR, ControlResult.MINOR),
    ("IT-säkerhet", "Patient- och medarbetarskada", "DRS-ITMT", ControlResult.OK, ControlResult.MINOR),
    ("MT-säkerhet", "Patient- och medarbetarskada", "DRS-ITMT", ControlResult.OK, ControlResult.MAJOR),
]


def test_drs_2022_has_the_five_rows_of_seed_003_with_t1_and_t2(norrbotten):
    analysis = RiskAnalysis.objects.get(unit__code="DRS", year=2022)
    assert analysis.state in (RiskAnalysis.ADOPTED, RiskAnalysis.CLOSED)
    assert analysis.adopted_on.year == 2022 and analysis.adopted_on.month <= 3
    risks = list(analysis.risks.order_by("number"))
    assert [r.name for r in risks] == [row[0] for row in DRS_2022]
    assert risks[0].description == "Katastrof, krig, brand, pandemi, etc. (bristande säkerhet lokaler)"
    for risk, (name, consequence, unit, t1, t2) in zip(risks, DRS_2022, strict=True):
        assert risk.in_plan and risk.consequence == consequence and risk.category.name == name
        control = risk.controls.get()
        assert control.unit.code == unit and control.frequency == Control.TERTIAL
        outcomes = dict(control.results.values_list("occurrence", "outcome"))
        assert outcomes == {"2022-T1": t1, "2022-T2": t2}, name
        assert risk.threatens.exists() and set(risk.threatens.values_list("year", flat=True)) == {2022}
    findings = ControlResult.objects.filter(control__risk__analysis=analysis, occurrence="2022-T2")
    text = {r.control.risk.name: r.findings for r in findings}
    assert "ibland genas" in text["IT-säkerhet"] and "eftersläpning av underhåll" in text["MT-säkerhet"]
    patient_t1 = ControlResult.objects.get(control__risk=risks[2], occurrence="2022-T1")
    assert "brister avseende främst storstäd" in patient_t1.findings


def test_drs_2022_findings_have_the_seeds_actions_followed_up_in_t2(norrbotten):
    actions = RiskAction.objects.filter(risk__analysis__unit__code="DRS", risk__analysis__year=2022)
    whats = {a.result.control.risk.name: [] for a in actions}
    for a in actions:
        whats[a.result.control.risk.name].append(a.what)
    assert any("storstäd" in w for w in whats["Patientsäkerhet"])
    assert any("pilottest inom infrastruktur" in w for w in whats["IT-säkerhet"])
    assert any("MT-chefen ska få ett utpekat ansvar" in w for w in whats["MT-säkerhet"])
    for action in actions:
        assert action.result.has_findings and not action.owner_id and action.owner_label
        assert action.updates.filter(period__code="2022-T2").exists(), action.what


def test_every_result_is_an_occurrence_its_control_makes(region):
    results = ControlResult.objects.select_related("control__risk__analysis")
    if region.slug == "norrbotten":
        assert results.filter(occurrence__startswith="2022-").count() == 10  # whatever the day
    for result in results:
        control = result.control
        made = {o.code: o.due for o in occurrences(control.frequency, control.risk.analysis.year, control.due_on)}
        assert made.get(result.occurrence) == result.due_on, (control, result.occurrence)


def test_every_result_with_findings_has_an_action(region):
    """Its own, or one still open from an earlier occurrence of the same control."""
    for result in ControlResult.objects.filter(outcome__in=[ControlResult.MINOR, ControlResult.MAJOR]):
        earlier = RiskAction.objects.filter(result__control=result.control, result__due_on__lte=result.due_on)
        assert earlier.exists(), result


def test_closed_occurrences_are_reported_and_the_open_period_is_half_done(region):
    start, end = open_window(region)
    for analysis in RiskAnalysis.objects.filter(year=THIS_YEAR).exclude(state=RiskAnalysis.DRAFT):
        in_open, reported_in_open = 0, 0
        for control in Control.objects.filter(risk__analysis=analysis):
            reported = set(control.results.values_list("occurrence", flat=True))
            for o in occurrences(control.frequency, THIS_YEAR, control.due_on):
                if o.due < start:
                    assert o.code in reported, (control, o.code)
                elif o.due > end:
                    assert o.code not in reported
                else:
                    in_open += 1
                    reported_in_open += o.code in reported
        if in_open:
            assert 0 < reported_in_open < in_open, analysis


def test_drs_this_year_carries_2022_on_with_something_for_the_chef(norrbotten):
    analysis = RiskAnalysis.objects.get(unit__code="DRS", year=THIS_YEAR)
    assert analysis.state == RiskAnalysis.ADOPTED
    risks = list(analysis.risks.select_related("copied_from__analysis"))
    assert len(risks) == 5
    for risk in risks:
        assert risk.copied_from.analysis.year == 2022 and risk.copied_from.name == risk.name
        assert risk.change in (Risk.KEPT, Risk.CHANGED)
        assert set(risk.threatens.values_list("year", flat=True)) == {THIS_YEAR}
    today = timezone.localdate()
    actions = RiskAction.objects.filter(risk__analysis=analysis)
    assert any(action_overdue(a.status, a.deadline, today) for a in actions)
    assert actions.filter(status=RiskAction.DONE).exists()
    # a control of the chef's due in the open period without a result: a row on Min uppföljning
    # (in early January the open period is still last year's T3, which this year's plan owes nothing)
    chef = user("chef", norrbotten)
    start, end = open_window(norrbotten)
    if start.year < THIS_YEAR:
        return
    owed = [
        (control, o.code)
        for control in Control.objects.filter(risk__analysis=analysis, responsible=chef)
        for o in occurrences(control.frequency, THIS_YEAR, control.due_on)
        if start <= o.due <= end and not control.results.filter(occurrence=o.code).exists()
    ]
    assert owed


def test_it_mt_has_its_own_draft_under_the_divisions_analysis(norrbotten):
    draft = RiskAnalysis.objects.get(unit__code="DRS-ITMT", year=THIS_YEAR)
    assert draft.state == RiskAnalysis.DRAFT
    assert draft.unit.parent.code == "DRS"
    assert [r.name for r in draft.risks.all()] == ["Personberoenden inom IT/MT-stöd"]


def lineage(risk_id, parents):
    while parents.get(risk_id):
        risk_id = parents[risk_id]
    return risk_id


def test_no_demo_text_is_reused_on_unrelated_risks(region):
    """A text of some length (the seed's short column values, "Fysisk skada", may repeat)
    belongs to one risk and its copies from last year."""
    parents = dict(Risk.objects.values_list("pk", "copied_from_id"))
    texts = defaultdict(set)

    def add(rows):
        for risk_id, *values in rows:
            for value in values:
                if value and len(value) >= 40:
                    texts[value.strip()].add(lineage(risk_id, parents))

    add(Risk.objects.values_list("pk", "description", "existing_measures", "governing_documents", "consequence"))
    add(Control.objects.values_list("risk_id", "what", "method"))
    add(ControlResult.objects.values_list("control__risk_id", "checked", "findings"))
    add(RiskAction.objects.values_list("risk_id", "what"))
    add(ActionUpdate.objects.values_list("action__risk_id", "comment"))
    assert len(texts) > 30
    shared = {text[:60]: len(risks) for text, risks in texts.items() if len(risks) > 1}
    assert shared == {}


def test_no_person_is_named_in_the_texts(region):
    spec = next(s for s in demo.DEMO_REGIONS if s["slug"] == region.slug)
    names = [n for n in spec["people"].values()] + [n.split()[-1] for n in spec["people"].values()]
    rows = [
        *Risk.objects.values_list("name", "description", "existing_measures", "consequence"),
        *Control.objects.values_list("what", "method"),
        *ControlResult.objects.values_list("checked", "findings"),
        *RiskAction.objects.values_list("what", "owner_label"),
        *ActionUpdate.objects.values_list("comment", flat=False),
    ]
    named = [text for row in rows for text in row if any(name in text for name in names)]
    assert named == []


MODELS = [RiskCategory, ImpactArea, RiskMatrix, RiskAnalysis, Risk, Control, ControlResult, RiskAction, ActionUpdate]


def test_seeding_twice_adds_nothing(demo_regions, db):
    def counts():
        found = {}
        for slug, region in demo_regions.items():
            with region_scope(region):
                found[slug] = {m.__name__: m.objects.count() for m in MODELS}
                found[slug]["links"] = sum(r.impacts.count() + r.threatens.count() for r in Risk.objects.all())
        return found

    before = counts()
    assert before["norrbotten"]["RiskAnalysis"] == 3 and before["vasternorrland"]["RiskAnalysis"] == 1
    demo.seed(log=lambda *args: None)
    assert counts() == before
