"""The annual follow-up of SAM: the questionnaire, answering with htmx, the sign-off refused
while questions are unanswered, read only once signed, the roll-up two levels up checked
against the answers, and the Excel export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regionplan import auditing
from regionplan.tenancy import region_scope
from tests.plans import YEAR
from workenv import queries
from workenv.models import AnnualAnswer, AnnualFollowup, AnnualQuestion

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def questions(world) -> list:
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        queries.add_standard_questions()
        return list(AnnualQuestion.objects.order_by("order", "pk"))


def answer_url(world, unit, question):
    return url("we_annual_answer", unit_pk=world.units[unit].pk, year=YEAR, question_pk=question.pk)


def post_answer(client, world, unit, question, answer, comment="", **extra):
    prefix = f"q{question.pk}"
    return client.post(
        answer_url(world, unit, question), {f"{prefix}-answer": answer, f"{prefix}-comment": comment}, **extra
    )


def write(world, unit, answers, signed=False):
    """A unit's follow-up with `answers` (question → answer) written by the ORM."""
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        followup = AnnualFollowup.objects.create(
            unit=world.units[unit], year=YEAR, signed_on=f"{YEAR}-12-01" if signed else None
        )
        for question, answer in answers.items():
            AnnualAnswer.objects.create(followup=followup, question=question, answer=answer)
    return followup


@pytest.mark.django_db
def test_defaults_added_once_by_controller(world):
    client = world.client("controller")
    assert client.post(url("we_annual_question_defaults")).status_code == 302
    assert client.post(url("we_annual_question_defaults")).status_code == 302
    with region_scope(world.alfa):
        assert AnnualQuestion.objects.count() == 8
    assert world.client("manager").post(url("we_annual_question_defaults")).status_code == 403
    assert (
        "Det finns en skriftlig arbetsmiljöpolicy"
        in world.client("reader").get(url("we_annual_questions")).content.decode()
    )


@pytest.mark.django_db
def test_question_add_and_edit(world):
    client = world.client("controller")
    bad = client.post(url("we_annual_questions"), {"new-text": "", "new-order": "1", "new-active": "on"})
    assert bad.status_code == 400
    ok = client.post(
        url("we_annual_questions"), {"new-text": "Finns en rutin för hot?", "new-order": "1", "new-active": "on"}
    )
    assert ok.status_code == 302
    with region_scope(world.alfa):
        question = AnnualQuestion.objects.get(text="Finns en rutin för hot?")
    edit = url("we_annual_question_edit", pk=question.pk)
    assert client.post(edit, {"text": "Finns en rutin för hot och våld?", "order": "2"}).status_code == 302
    with region_scope(world.alfa):
        question.refresh_from_db()
    assert question.text == "Finns en rutin för hot och våld?" and not question.active
    assert world.client("manager").post(edit, {"text": "x", "order": "1"}).status_code == 403


@pytest.mark.django_db
def test_answer_with_htmx_and_bad_answer_refused(world):
    q = questions(world)
    client = world.client("manager")
    response = post_answer(client, world, "VO1", q[0], "delvis", "Delvis klart", **HTMX)
    assert response.status_code == 200
    assert "Gul" in response.content.decode()
    response = post_answer(client, world, "VO1", q[0], "kanske", **HTMX)
    assert response.status_code == 422
    assert "Svaret måste vara Ja, Delvis eller Nej." in response.content.decode()
    assert post_answer(client, world, "VO1", q[1], "kanske").status_code == 400
    with region_scope(world.alfa):
        saved = AnnualAnswer.objects.filter(followup__unit=world.units["VO1"])
        assert [(a.question_id, a.answer, a.comment) for a in saved] == [(q[0].pk, "delvis", "Delvis klart")]
    # a personal number in the comment is refused at the field
    assert post_answer(client, world, "VO1", q[2], "ja", "Se 19121212-1212").status_code == 400
    # readers and other managers may not answer; another region's unit is a 404
    assert post_answer(world.client("reader"), world, "VO1", q[0], "ja").status_code == 403
    assert post_answer(world.client("manager_out"), world, "VO1", q[0], "ja").status_code == 403
    other = reverse(
        "we_annual_answer",
        kwargs={"region_slug": "alfa", "unit_pk": world.beta_units["VO1"].pk, "year": YEAR, "question_pk": q[0].pk},
    )
    assert world.client("manager").post(other, {}).status_code == 404


@pytest.mark.django_db
def test_sign_refused_naming_unanswered_then_signed_and_read_only(world):
    q = questions(world)
    client = world.client("manager")
    for question in q[:-2]:
        post_answer(client, world, "VO1", question, "ja")
    sign = url("we_annual_sign", unit_pk=world.units["VO1"].pk, year=YEAR)
    refused = client.post(sign)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert q[-1].text in page and q[-2].text in page
    with region_scope(world.alfa):
        assert AnnualFollowup.objects.get(unit=world.units["VO1"]).signed_on is None
    for question in q[-2:]:
        post_answer(client, world, "VO1", question, "nej", "Saknas")
    assert client.post(sign).status_code == 302
    with region_scope(world.alfa):
        followup = AnnualFollowup.objects.get(unit=world.units["VO1"])
    assert followup.signed_on is not None and followup.signed_by == world.users["manager"]
    # read only: a new answer is not saved, and the page shows who signed
    post_answer(client, world, "VO1", q[0], "nej")
    with region_scope(world.alfa):
        assert AnnualAnswer.objects.get(followup=followup, question=q[0]).answer == "ja"
    page = client.get(url("we_annual", unit_pk=world.units["VO1"].pk, year=YEAR)).content.decode()
    assert "Signerad av" in page and "Spara svar" not in page
    # the manager cannot reopen; the controller can
    assert client.post(sign, {"reopen": "1"}).status_code == 403
    assert world.client("controller").post(sign, {"reopen": "1"}).status_code == 302
    with region_scope(world.alfa):
        followup.refresh_from_db()
    assert followup.signed_on is None


@pytest.mark.django_db
def test_roll_up_two_levels_counts_match_answers(world):
    q = questions(world)
    write(world, "VO1", {q[0]: "ja", q[1]: "nej", q[2]: "delvis"}, signed=True)
    write(world, "VO2", {q[0]: "nej", q[1]: "nej"})
    write(world, "DIV", {question: "ja" for question in q}, signed=True)
    with region_scope(world.alfa):
        live = queries.active_questions()
        direct, subtree, children = queries.annual_rollup(world.units["DIV"], YEAR, live)
        by = {t.question.pk: (t.yes, t.partly, t.no, t.unanswered, t.not_started) for t in direct.tallies}
        assert by[q[0].pk] == (1, 0, 1, 0, 0)
        assert by[q[1].pk] == (0, 0, 2, 0, 0)
        assert by[q[2].pk] == (0, 1, 0, 1, 0)
        assert by[q[3].pk] == (0, 0, 0, 2, 0)
        assert direct.tallies[0].question == q[1]  # most Nej first
        assert (direct.units, direct.started, direct.signed) == (2, 2, 1)
        # two levels up: NAMND's children are DIV (all Ja) and OTHER (not started)
        direct, subtree, children = queries.annual_rollup(world.units["NAMND"], YEAR, live)
        by = {t.question.pk: (t.yes, t.partly, t.no, t.unanswered, t.not_started) for t in direct.tallies}
        assert by[q[1].pk] == (1, 0, 0, 0, 1)
        assert (direct.units, direct.started, direct.signed) == (2, 1, 1)
        # and the whole subtree under NAMND: DIV, VO1, VO2, OTHER
        by = {t.question.pk: (t.yes, t.partly, t.no, t.unanswered, t.not_started) for t in subtree.tallies}
        assert by[q[0].pk] == (2, 0, 1, 0, 1)
        assert by[q[1].pk] == (1, 0, 2, 0, 1)
        assert by[q[2].pk] == (1, 1, 0, 1, 1)
        assert (subtree.units, subtree.started, subtree.signed) == (4, 3, 2)
        assert subtree.tallies[0].question == q[1]
    page = world.client("reader").get(url("we_annual", unit_pk=world.units["DIV"].pk, year=YEAR)).content.decode()
    assert "Enheterna direkt under" in page and "Område Ett A" in page


@pytest.mark.django_db
def test_export(world):
    q = questions(world)
    write(world, "VO1", {q[0]: "nej"}, signed=True)
    response = world.client("reader").get(url("we_annual_export", unit_pk=world.units["DIV"].pk, year=YEAR))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Enhet", "Kod", "Fråga", "Svar", "Kommentar", "Signerad"]
    assert ["Område Ett A", "A-VO1", q[0].text, "Nej", None, f"{YEAR}-12-01"] in rows
    assert len(rows) == 1 + 3 * len(q)  # DIV, VO1, VO2
    assert (
        world.client("manager_out").get(url("we_annual_export", unit_pk=world.units["DIV"].pk, year=YEAR)).status_code
        == 403
    )
