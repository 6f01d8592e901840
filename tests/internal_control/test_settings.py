"""The region's settings of internal control as a controller uses them: the risk matrix
(size, levels, colours, the versioning rule that keeps adopted valuations' meaning, bad
input refused in Swedish with nothing changed, every save audited), the impact areas
("Huvudpåverkan på") kept like the risk categories, and used entries of either list marked
inactive instead of deleted."""

import pytest
from django.urls import reverse

from internal_control import matrix as matrix_service
from internal_control.models import ImpactArea, Risk, RiskAnalysis, RiskCategory
from regionplan import auditing
from regionplan import riskmatrix as rm
from regionplan.models import AuditEntry, RiskMatrix
from regionplan.tenancy import region_scope


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def form_post(definition, base, step="save", wanted=None, **extra):
    """What the matrix page's form sends for `definition` (the shape it was shown with)."""
    rows, columns = rm.size(definition)
    likelihoods, impacts = wanted or (rows, columns)
    data = {
        "base": "" if base is None else base,
        "rows": rows,
        "columns": columns,
        "likelihoods": likelihoods,
        "impacts": impacts,
        "step": step,
    }
    for key, short in (("likelihood", "l"), ("impact", "i")):
        for n, level in enumerate(definition[key], start=1):
            data[f"{short}{n}_name"] = level["name"]
            data[f"{short}{n}_description"] = level.get("description", "")
    for lk, row in enumerate(definition["cells"], start=1):
        for im, value in enumerate(row, start=1):
            data[f"c{lk}_{im}"] = value
    data.update(extra)
    return data


def matrices(region):
    with region_scope(region):
        return list(RiskMatrix.objects.order_by("version").values_list("version", "definition"))


def make_matrix(world, definition=None, version=1, region=None):
    with region_scope(region or world.alfa), auditing.acting_as(label="test"):
        return RiskMatrix.objects.create(version=version, definition=definition or rm.default_definition())


def make_analysis(world, unit, matrix, state=RiskAnalysis.DRAFT, valuations=(), year=2026):
    """An analysis of `unit` with a risk per (likelihood, impact), valued brutto and netto alike."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        analysis = RiskAnalysis.objects.create(unit=world.units[unit], year=year, matrix=matrix, state=state)
        for n, (lk, im) in enumerate(valuations, start=1):
            Risk.objects.create(
                analysis=analysis,
                number=n,
                name=f"Risk {n}",
                gross_likelihood=lk,
                gross_impact=im,
                net_likelihood=lk,
                net_impact=im,
            )
    return analysis


def matrix_audit(region):
    with region_scope(region):
        return list(
            AuditEntry.objects.filter(content_type__model="riskmatrix")
            .order_by("at", "id")
            .values_list("action", "actor")
        )


# --- the matrix page ---------------------------------------------------------------------------


def test_a_region_without_a_matrix_sees_the_default_and_reading_writes_nothing(world):
    page = world.client("controller").get(url("risk_matrix")).content.decode()
    assert matrices(world.alfa) == []
    assert "Standardmatrisen 4 × 4 visas; när du sparar blir den version 1." in page
    assert 'name="l4_name" value="Sannolik"' in page and 'name="c4_4"' in page and 'name="c5_1"' not in page
    # The grid is laid out as the matrix is drawn: the highest likelihood first, each status in words.
    assert page.index('<th scope="row">4 Sannolik</th>') < page.index('<th scope="row">1 Osannolik</th>')
    assert page.index("id_c4_1") < page.index("id_c1_1")
    assert "● Grön" in page and "▲ Gul" in page and "■ Röd" in page
    assert "Ingen version är sparad ännu." in page


def test_the_first_save_writes_version_1_and_is_audited(world):
    client = world.client("controller")
    definition = rm.default_definition()
    definition["likelihood"][0]["description"] = "Inträffar nästan aldrig"
    response = client.post(url("risk_matrix"), form_post(definition, None), follow=True)
    assert matrices(world.alfa) == [(1, definition)]
    assert "Riskmatrisen är sparad som version 1." in response.content.decode()
    assert matrix_audit(world.alfa) == [("create", world.users["controller"].pk)]
    assert matrices(world.beta) == []


def test_a_version_only_drafts_use_is_edited_in_place_and_audited(world):
    matrix = make_matrix(world)
    draft = make_analysis(world, "DIV", matrix, valuations=[(2, 2)])
    changed = rm.default_definition()
    changed["impact"][3]["name"] = "Katastrofal"
    changed["cells"][3][1] = "red"  # raised: no gap
    response = world.client("controller").post(url("risk_matrix"), form_post(changed, matrix.pk), follow=True)
    assert matrices(world.alfa) == [(1, changed)]
    assert "Riskmatrisen version 1 är sparad." in response.content.decode()
    with region_scope(world.alfa):
        draft.refresh_from_db()
    assert draft.matrix_id == matrix.pk
    assert matrix_audit(world.alfa) == [("create", None), ("update", world.users["controller"].pk)]


@pytest.mark.parametrize("locked_state", [RiskAnalysis.ADOPTED, RiskAnalysis.CLOSED])
def test_an_adopted_year_keeps_its_version_and_statuses_while_drafts_move_to_the_new_one(world, locked_state):
    v1 = make_matrix(world)
    adopted = make_analysis(world, "DIV", v1, locked_state, valuations=[(4, 4), (4, 1), (1, 1)], year=2025)
    draft = make_analysis(world, "DIV", v1, valuations=[(4, 4), (3, 3), (None, None)])
    other_draft = make_analysis(world, "VO1", v1, valuations=[(1, 4)])
    with region_scope(world.alfa):
        before = [(r.net_status(), r.gross_status()) for r in Risk.objects.filter(analysis=adopted).order_by("number")]
    assert before == [("red", "red"), ("green", "green"), ("green", "green")]

    # The region goes to 3 × 3 with its own colours: a smaller matrix, greener at the bottom.
    smaller = rm.resize(rm.default_definition(), 3, 3)
    smaller["cells"] = [["green", "green", "yellow"], ["yellow", "yellow", "red"], ["yellow", "red", "red"]]
    response = world.client("controller").post(url("risk_matrix"), form_post(smaller, v1.pk), follow=True)
    text = response.content.decode()

    versions = matrices(world.alfa)
    assert versions == [(1, rm.default_definition()), (2, smaller)]  # version 1 untouched
    assert "Riskmatrisen är sparad som version 2. Fastställda och stängda riskanalyser behåller version 1." in text
    assert "2 riskanalyser i utkast använder nu version 2." in text
    # (4, 4) in the draft and (1, 4) in the other draft lie outside 3 × 3.
    assert "2 risker i utkast har en värdering utanför den nya matrisen och behöver värderas om." in text
    with region_scope(world.alfa):
        v2 = RiskMatrix.objects.get(version=2)
        for analysis in (adopted, draft, other_draft):
            analysis.refresh_from_db()
        assert adopted.matrix_id == v1.pk and adopted.state == locked_state
        assert draft.matrix_id == v2.pk and other_draft.matrix_id == v2.pk
        after = [(r.net_status(), r.gross_status()) for r in Risk.objects.filter(analysis=adopted).order_by("number")]
        moved = [
            (r.net_likelihood, r.net_impact, r.net_status())
            for r in Risk.objects.filter(analysis=draft).order_by("number")
        ]
    assert after == before
    # Valuations outside the smaller matrix are kept, and count as not valued.
    assert moved == [(4, 4, "none"), (3, 3, "red"), (None, None, "none")]
    controller = world.users["controller"].pk
    assert matrix_audit(world.alfa) == [("create", None), ("create", controller)]
    with region_scope(world.alfa):
        trail = AuditEntry.objects.filter(content_type__model="riskanalysis", object_id=draft.pk, actor=controller)
        assert list(trail.values_list("action", flat=True)) == ["update"]

    # Version 2 is used by drafts only: the next change edits it in place.
    page = world.client("controller").get(url("risk_matrix")).content.decode()
    assert "Ingen fastställd eller stängd riskanalys använder version 2: en ändring sparas i den." in page
    # The history: version, size and how many analyses use it (all / adopted or closed).
    assert '<td class="num">1</td><td>' in page and '<td>4 × 4</td><td class="num">1</td><td class="num">1</td>' in page
    assert '<td>3 × 3</td><td class="num">2</td><td class="num">0</td>' in page


def test_the_page_says_a_change_to_an_adopted_version_becomes_the_next_one(world):
    v1 = make_matrix(world)
    make_analysis(world, "DIV", v1, RiskAnalysis.ADOPTED)
    page = world.client("controller").get(url("risk_matrix")).content.decode()
    assert "en ändring sparas som version 2" in page


def test_saving_the_same_matrix_writes_nothing(world):
    v1 = make_matrix(world)
    make_analysis(world, "DIV", v1, RiskAnalysis.ADOPTED)
    response = world.client("controller").post(url("risk_matrix"), form_post(v1.definition, v1.pk), follow=True)
    assert "Riskmatrisen är oförändrad: inget är sparat." in response.content.decode()
    assert [v for v, _ in matrices(world.alfa)] == [1]
    assert matrix_audit(world.alfa) == [("create", None)]


def test_changing_the_size_is_a_step_that_keeps_names_and_saves_nothing(world):
    v1 = make_matrix(world)
    sent = rm.default_definition()
    sent["likelihood"][0] = {"name": "Nästan aldrig", "description": "En gång på tio år"}
    sent["impact"][3]["name"] = "Katastrofal"
    client = world.client("controller")
    response = client.post(url("risk_matrix"), form_post(sent, v1.pk, step="size", wanted=(5, 3)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Matrisen visas som 5 × 3. Inget är sparat ännu" in page
    assert 'name="l1_name" value="Nästan aldrig"' in page and 'value="En gång på tio år"' in page
    assert 'name="l4_name" value="Sannolik"' in page  # a level that remains keeps its (sent) name
    assert 'name="l5_name" value="Mycket hög"' in page  # a new level: the default name of a 5-level axis
    assert 'name="i4_name"' not in page and "Katastrofal" not in page
    assert 'name="c5_3"' in page and 'name="c1_4"' not in page
    assert f'name="base" value="{v1.pk}"' in page and 'name="rows" value="5"' in page
    assert matrices(world.alfa) == [(1, rm.default_definition())]
    # Changing the size in the select and pressing Spara does the same step first.
    response = client.post(url("risk_matrix"), form_post(sent, v1.pk, wanted=(3, 6)))
    assert response.status_code == 200 and 'name="c3_6"' in response.content.decode()
    assert matrices(world.alfa) == [(1, rm.default_definition())]
    # The proposal, saved as shown, is the new matrix.
    proposed = rm.resize(sent, 5, 3)
    client.post(url("risk_matrix"), form_post(proposed, v1.pk))
    assert matrices(world.alfa) == [(1, proposed)]


def _gap(definition):
    definition["cells"][3][3] = "green"
    return definition


def _unnamed(definition):
    definition["impact"][1]["name"] = "   "
    return definition


def _blue(definition):
    definition["cells"][1][2] = "blue"
    return definition


BAD = [
    (
        "a gap in the thresholds",
        lambda d, base, other: form_post(_gap(d), base),
        "Rutan sannolikhet 4, konsekvens 4 är mildare än en ruta med lägre sannolikhet eller konsekvens",
    ),
    ("a missing level name", lambda d, base, other: form_post(_unnamed(d), base), "Konsekvens, nivå 2 saknar namn."),
    ("size 7 saved", lambda d, base, other: form_post(d, base, wanted=(7, 4)), "Välj mellan 3 och 6 nivåer."),
    (
        "size 7 as a step",
        lambda d, base, other: form_post(d, base, step="size", wanted=(4, 7)),
        "Välj mellan 3 och 6 nivåer.",
    ),
    ("a cell that is not a status", lambda d, base, other: form_post(_blue(d), base), "Välj Grön, Gul eller Röd."),
    ("a missing cell", lambda d, base, other: form_post(d, base, c2_2=""), "Välj Grön, Gul eller Röd."),
    (
        "another region's version id",
        lambda d, base, other: form_post(d, other),
        "Riskmatrisen har ändrats sedan sidan visades, eller versionen finns inte.",
    ),
    (
        "an id that is no number",
        lambda d, base, other: form_post(d, "1 OR 1=1"),
        "Okänd version av riskmatrisen. Läs in sidan igen.",
    ),
    (
        "no version when the region has one",
        lambda d, base, other: form_post(d, None),
        "Riskmatrisen har ändrats sedan sidan visades",
    ),
    (
        "a forged shape",
        lambda d, base, other: form_post(d, base, rows="9"),
        "Formuläret stämmer inte med matrisens storlek. Läs in sidan igen.",
    ),
    ("a name too long", lambda d, base, other: form_post(d, base, l1_name="x" * 61), "som mest 60 tecken"),
]


@pytest.mark.parametrize("case, data, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_in_swedish_and_changes_nothing(world, case, data, message):
    v1 = make_matrix(world)
    draft = make_analysis(world, "DIV", v1, valuations=[(4, 4)])
    theirs = make_matrix(world, region=world.beta)
    changed = rm.default_definition()
    changed["likelihood"][2]["name"] = "Ändrad"
    response = world.client("controller").post(url("risk_matrix"), data(changed, v1.pk, theirs.pk))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Traceback" not in page
    assert matrices(world.alfa) == [(1, rm.default_definition())]
    assert matrices(world.beta) == [(1, rm.default_definition())]
    assert matrix_audit(world.alfa) == [("create", None)]
    with region_scope(world.alfa):
        draft.refresh_from_db()
    assert draft.matrix_id == v1.pk


def test_a_save_from_a_page_someone_else_saved_meanwhile_is_refused(world):
    v1 = make_matrix(world)
    client = world.client("controller")
    first = rm.default_definition()
    first["likelihood"][0]["name"] = "Först"
    make_analysis(world, "DIV", v1, RiskAnalysis.ADOPTED)
    client.post(url("risk_matrix"), form_post(first, v1.pk))  # becomes version 2
    second = rm.default_definition()
    second["likelihood"][0]["name"] = "Sen"
    response = client.post(url("risk_matrix"), form_post(second, v1.pk))  # still based on version 1
    assert response.status_code == 400
    assert [d["likelihood"][0]["name"] for _, d in matrices(world.alfa)] == ["Osannolik", "Först"]


def test_lost_valuation_q_agrees_with_the_core_rule(world):
    """The SQL twin of riskmatrix.lost_valuation, over every pair around a 4 × 3 matrix."""
    matrix = make_matrix(world)
    pairs = [(lk, im) for lk in (None, 0, 1, 3, 4, 5) for im in (None, 0, 1, 3, 4)]
    analysis = make_analysis(world, "DIV", matrix, valuations=pairs)
    definition = rm.default_definition(4, 3)
    with region_scope(world.alfa):
        found = set(
            Risk.objects.filter(analysis=analysis)
            .filter(matrix_service.lost_valuation_q(4, 3))
            .values_list("net_likelihood", "net_impact")
        )
    assert found == {p for p in pairs if rm.lost_valuation(definition, *p)}
    assert (5, 1) in found and (1, 4) in found and (None, 4) not in found


# --- the impact areas and the categories: one flow ----------------------------------------------------


def names(region, model=ImpactArea):
    with region_scope(region):
        return list(model.objects.order_by("order", "name").values_list("name", "active"))


def test_controller_keeps_the_impact_areas_and_each_step_is_audited(world):
    client = world.client("controller")
    response = client.post(url("impact_areas"), {"ny-name": "  Miljö ", "ny-order": "1", "ny-active": "on"})
    assert response.status_code == 302
    assert names(world.alfa) == [("Miljö", True)]
    with region_scope(world.alfa):
        area = ImpactArea.objects.get()
    page = client.get(url("impact_areas")).content.decode()
    assert "Miljö" in page and 'name="ny-order" value="2"' in page
    assert "5 standardområden saknas i listan:" in page and "Lägg till standardområdena" in page
    assert "Beskrivning" not in page  # the list has no descriptions

    response = client.post(url("impact_area_edit", pk=area.pk), {"name": "Miljö och klimat", "order": "1"})
    assert response.status_code == 302
    assert names(world.alfa) == [("Miljö och klimat", False)]
    response = client.post(url("impact_areas"), {"ny-name": "miljö OCH klimat", "ny-order": "2"})
    assert response.status_code == 400
    assert "Regionen har redan ett påverkansområde med det namnet." in response.content.decode()

    confirm = client.get(url("impact_area_delete", pk=area.pk)).content.decode()
    assert "Ingen risk använder den. Den tas bort ur listan" in confirm
    response = client.post(url("impact_area_delete", pk=area.pk), follow=True)
    assert "Påverkansområdet ”Miljö och klimat” är borttaget." in response.content.decode()
    assert names(world.alfa) == []
    with region_scope(world.alfa):
        actions = list(
            AuditEntry.objects.filter(content_type__model="impactarea", object_id=area.pk)
            .order_by("at", "id")
            .values_list("action", "actor")
        )
    controller = world.users["controller"].pk
    assert actions == [("create", controller), ("update", controller), ("delete", controller)]


def test_the_standard_impact_areas_are_added_after_the_regions_own_once(world):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        ImpactArea.objects.create(name="medarbetare", order=4)
    client = world.client("controller")
    response = client.post(url("impact_area_defaults"), follow=True)
    assert "4 standardområden är tillagda." in response.content.decode()
    with region_scope(world.alfa):
        rows = list(ImpactArea.objects.order_by("order").values_list("name", "order"))
    assert rows == [
        ("medarbetare", 4),
        ("Säkerhet patient/invånare", 5),
        ("Processeffektivitet", 6),
        ("Förtroende/rykte", 7),
        ("Hushållning resurser", 8),
    ]
    response = client.post(url("impact_area_defaults"), follow=True)
    assert "Regionen har redan alla standardområden." in response.content.decode()
    assert "Lägg till standardområdena" not in client.get(url("impact_areas")).content.decode()
    assert client.get(url("impact_area_defaults")).status_code == 405


@pytest.mark.parametrize(
    "model, list_name, delete_name, link, message",
    [
        (
            RiskCategory,
            "risk_categories",
            "risk_category_delete",
            "category",
            "Riskkategorin ”Finansiell” används av 2 risker och är därför inte borttagen: den är markerad som "
            "inaktiv och erbjuds inte i nya risker.",
        ),
        (
            ImpactArea,
            "impact_areas",
            "impact_area_delete",
            "impacts",
            "Påverkansområdet ”Finansiell” används av 2 risker och är därför inte borttaget: det är markerat som "
            "inaktivt och erbjuds inte i nya risker.",
        ),
    ],
    ids=["category", "impact area"],
)
def test_a_used_entry_is_marked_inactive_instead_of_deleted(world, model, list_name, delete_name, link, message):
    matrix = make_matrix(world)
    adopted = make_analysis(world, "DIV", matrix, RiskAnalysis.ADOPTED, valuations=[(1, 1), (2, 2), (3, 3)])
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        entry = model.objects.create(name="Finansiell", order=1)
        unused = model.objects.create(name="Oanvänd", order=2)
        risks = list(Risk.objects.filter(analysis=adopted).order_by("number"))[:2]
        for risk in risks:
            if link == "category":
                risk.category = entry
                risk.save()
            else:
                risk.impacts.add(entry)
    client = world.client("controller")
    listing = client.get(url(list_name)).content.decode()
    assert '<td class="num">2</td>' in listing and '<td class="num">0</td>' in listing  # risks using each
    confirm = client.get(url(delete_name, pk=entry.pk)).content.decode()
    assert "2 risker använder den, så den kan inte tas bort." in confirm and "Markera som inaktiv" in confirm

    response = client.post(url(delete_name, pk=entry.pk), follow=True)
    assert message in response.content.decode()
    assert names(world.alfa, model) == [("Finansiell", False), ("Oanvänd", True)]
    with region_scope(world.alfa):
        assert model.objects.filter(active=True).count() == 1  # what a new risk is offered
        if link == "category":
            assert [r.category_id for r in Risk.objects.filter(pk__in=[r.pk for r in risks])] == [entry.pk] * 2
        else:
            assert Risk.objects.filter(impacts=entry).count() == 2

    again = client.post(url(delete_name, pk=entry.pk), follow=True).content.decode()
    assert "används av risker och är redan markerad" in again or "används av risker och är redan markerat" in again
    assert "Den är redan markerad som inaktiv." in client.get(url(delete_name, pk=entry.pk)).content.decode()
    client.post(url(delete_name, pk=unused.pk))
    assert names(world.alfa, model) == [("Finansiell", False)]


def test_the_settings_pages_link_to_each_other(world):
    client = world.client("controller")
    pages = {
        name: client.get(url(name)).content.decode() for name in ("risk_matrix", "risk_categories", "impact_areas")
    }
    for name, page in pages.items():
        for other in pages:
            link = f'<a href="{url(other)}"' + (' aria-current="page"' if other == name else "") + ">"
            assert link in page, (name, other)


def test_another_regions_impact_area_is_invisible(world):
    with region_scope(world.beta), auditing.acting_as(label="test"):
        theirs = ImpactArea.objects.create(name="Miljö", order=1)
    client = world.client("controller")
    assert "Miljö" not in client.get(url("impact_areas")).content.decode()
    for name in ("impact_area_edit", "impact_area_delete"):
        assert client.get(url(name, pk=theirs.pk)).status_code == 404
        assert client.post(url(name, pk=theirs.pk)).status_code == 404
    assert names(world.beta) == [("Miljö", True)]
