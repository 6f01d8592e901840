"""Safety rounds: a new round (date not in the future), answers saved with htmx and refused
outside Ja/Nej/Ej aktuellt, the skyddsombud taking part, finishing refused while questions are
unanswered, and each Nej becoming an action or a risk in one step."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regionplan import auditing
from regionplan.models import Role
from regionplan.tenancy import region_scope
from tests.conftest import grant
from workenv.defaults import create_default_checklists
from workenv.models import Checklist, ChecklistQuestion, RoundAnswer, SafetyRound, WorkAction, WorkRisk

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def make_round(world, unit="VO1"):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        create_default_checklists(world.alfa)
        checklist = Checklist.objects.get(name="Kontorsarbete")
        safety_round = SafetyRound.objects.create(
            unit=world.units[unit],
            checklist=checklist,
            performed_on=datetime.date(2026, 4, 15),
            manager=world.users["manager"],
        )
        questions = list(ChecklistQuestion.objects.filter(checklist=checklist).order_by("order", "pk"))
    return safety_round, questions


def answer(client, safety_round, question, value, comment="", **extra):
    prefix = f"q{question.pk}"
    return client.post(
        url("we_round_answer", pk=safety_round.pk, question_pk=question.pk),
        {f"{prefix}-answer": value, f"{prefix}-comment": comment},
        **extra,
    )


@pytest.mark.django_db
def test_new_round_date_not_in_future(world):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        create_default_checklists(world.alfa)
        checklist = Checklist.objects.get(name="Vårdlokaler")
    client = world.client("manager")
    new = url("we_round_new", unit_pk=world.units["VO1"].pk)
    assert client.get(new).status_code == 200
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    data = {"checklist": checklist.pk, "performed_on": future, "manager": world.users["manager"].pk}
    bad = client.post(new, data)
    assert bad.status_code == 400
    assert "Datumet får inte ligga i framtiden." in bad.content.decode()
    with region_scope(world.alfa):
        assert not SafetyRound.objects.exists()
    data["performed_on"] = timezone.localdate().isoformat()
    assert client.post(new, data).status_code == 302
    with region_scope(world.alfa):
        assert SafetyRound.objects.get().unit == world.units["VO1"]
    assert world.client("reader").post(new, data).status_code == 403


@pytest.mark.django_db
def test_answer_outside_choices_refused(world):
    safety_round, questions = make_round(world)
    client = world.client("manager")
    for value in ("kanske", "", "yes"):
        response = answer(client, safety_round, questions[0], value, **HTMX)
        assert response.status_code in (400, 422)
        assert "Ja, Nej eller Ej aktuellt" in response.content.decode()
    with region_scope(world.alfa):
        assert not RoundAnswer.objects.exists()
    ok = answer(client, safety_round, questions[0], "ja", "Bra", **HTMX)
    assert ok.status_code == 200 and "Sparat." in ok.content.decode()
    page = client.get(url("we_round", pk=safety_round.pk)).content.decode()
    assert f"1 av {len(questions)} besvarade" in page


@pytest.mark.django_db
def test_safety_rep_answers_reader_cannot(world):
    safety_round, questions = make_round(world)
    rep = grant(world.alfa, "ombud@alfa.test", Role.SAFETY_REP, world.units["DIV"], subtree=True)
    from django.test import Client

    client = Client()
    client.force_login(rep)
    assert client.get(url("we_round", pk=safety_round.pk)).status_code == 200
    assert answer(client, safety_round, questions[0], "nej").status_code == 302
    assert answer(world.client("reader"), safety_round, questions[1], "ja").status_code == 403
    assert answer(world.client("manager_out"), safety_round, questions[1], "ja").status_code in (403, 404)
    assert world.client("outsider").get(url("we_round", pk=safety_round.pk)).status_code == 404


@pytest.mark.django_db
def test_finish_refused_until_all_answered_and_nej_become_actions(world):
    safety_round, questions = make_round(world)
    client = world.client("manager")
    for q in questions[:-1]:
        answer(client, safety_round, q, "ja")
    refused = client.post(url("we_round", pk=safety_round.pk), {"finish": "1"})
    assert refused.status_code == 400
    assert questions[-1].text in refused.content.decode()
    answer(client, safety_round, questions[-1], "nej", "Trasig lampa")
    answer(client, safety_round, questions[0], "nej", "Trångt")
    with region_scope(world.alfa):
        noes = list(RoundAnswer.objects.filter(answer="nej").order_by("pk"))
    finding = url("we_round_finding", pk=safety_round.pk, answer_pk=noes[0].pk)
    assert world.client("reader").post(finding, {"choice": "action"}).status_code == 403
    assert client.post(finding, {"choice": "action"}).status_code == 302
    assert client.post(finding, {"choice": "action"}).status_code == 302  # already done: no second action
    risk = client.post(url("we_round_finding", pk=safety_round.pk, answer_pk=noes[1].pk), {"choice": "risk"})
    assert risk.status_code == 302
    with region_scope(world.alfa):
        action = WorkAction.objects.get()
        assert action.source == WorkAction.ROUND and action.safety_round == safety_round
        assert action.deadline == datetime.date(2026, 5, 15)
        assert action.owner == world.users["manager"]
        assert action.why.startswith("Skyddsrond 2026-04-15:")
        assert RoundAnswer.objects.get(pk=noes[0].pk).action == action
        work_risk = WorkRisk.objects.get()
        assert work_risk.assessment.safety_round == safety_round
        assert RoundAnswer.objects.get(pk=noes[1].pk).risk == work_risk
    page = client.get(url("we_round", pk=safety_round.pk)).content.decode()
    assert "Åtgärd i handlingsplanen" in page and "Risk att bedöma" in page
    assert client.post(url("we_round", pk=safety_round.pk), {"finish": "1"}).status_code == 302
    with region_scope(world.alfa):
        assert SafetyRound.objects.get().completed_on is not None
    listing = world.client("reader").get(url("we_rounds", unit_pk=world.units["DIV"].pk)).content.decode()
    assert f"{len(questions)} av {len(questions)}" in listing and "Kontorsarbete" in listing


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_answers_or_rounds(world):
    from tests.querycount import count_queries
    from tests.workenv.test_rounds_data import build_round

    def measure(client, address):
        client.get(address)
        queries, response = count_queries(lambda: client.get(address))
        assert response.status_code == 200
        return queries

    client = world.client("manager")
    few = build_round(world, "VO1", answered=2)
    many = build_round(world, "VO2")
    assert measure(client, url("we_round", pk=few.pk)) == measure(client, url("we_round", pk=many.pk))
    listing = url("we_rounds", unit_pk=world.units["DIV"].pk)
    before = measure(client, listing)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for day in range(1, 6):
            SafetyRound.objects.create(
                unit=world.units["VO1"],
                checklist=few.checklist,
                performed_on=datetime.date(2026, 3, day),
                manager=world.users["manager"],
            )
    assert measure(client, listing) == before
