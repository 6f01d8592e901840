"""Safety-round rules, table-driven (workenv/rules_rounds.py)."""

import datetime
from types import SimpleNamespace as NS

import pytest

from regionplan.models import Role
from workenv import rules_rounds as r

D = datetime.date

ROOT = NS(pk=1, path="0001/", parent_id=None)
DIV = NS(pk=2, path="0001/0002/", parent_id=1)
AREA = NS(pk=3, path="0001/0002/0003/", parent_id=2)
OTHER = NS(pk=4, path="0001/0004/", parent_id=1)


def role(role, unit, subtree=False):
    return NS(role=role, unit=unit, unit_id=unit.pk, include_subtree=subtree)


@pytest.mark.parametrize(
    "roles,unit,expected",
    [
        ([role(Role.MANAGER, AREA)], AREA, True),
        ([role(Role.MANAGER, DIV)], AREA, False),  # not the subtree
        ([role(Role.MANAGER, DIV, True)], AREA, True),
        ([role(Role.CONTROLLER, ROOT, True)], AREA, True),
        ([role(Role.SAFETY_REP, AREA)], AREA, True),
        ([role(Role.SAFETY_REP, DIV, True)], AREA, True),
        ([role(Role.SAFETY_REP, DIV)], AREA, False),
        ([role(Role.SAFETY_REP, OTHER, True)], AREA, False),
        ([role(Role.READER, ROOT, True)], AREA, False),
        ([], AREA, False),
    ],
)
def test_may_take_part(roles, unit, expected):
    assert r.may_take_part(roles, NS(unit=unit)) is expected


@pytest.mark.parametrize(
    "total,answered,completed,expected",
    [(14, 14, False, True), (14, 12, False, False), (14, 14, True, False), (0, 0, False, False)],
)
def test_can_finish(total, answered, completed, expected):
    assert r.can_finish(total, answered, completed) is expected


@pytest.mark.parametrize("answered,total,text", [(12, 14, "12 av 14 besvarade"), (0, 3, "0 av 3 besvarade")])
def test_progress(answered, total, text):
    assert r.progress(answered, total) == text


@pytest.mark.parametrize(
    "questions,answered,expected", [([1, 2, 3], [2], [1, 3]), ([1, 2], [1, 2], []), ([3, 1], [], [3, 1])]
)
def test_unanswered(questions, answered, expected):
    assert r.unanswered(questions, answered) == expected


@pytest.mark.parametrize(
    "value,expected",
    [("ja", "ja"), ("Nej", "nej"), (" ea ", "ea"), ("kanske", None), ("", None), (None, None), ("yes", None)],
)
def test_clean_answer(value, expected):
    if expected is None:
        with pytest.raises(ValueError, match="Ja, Nej eller Ej aktuellt"):
            r.clean_answer(value)
    else:
        assert r.clean_answer(value) == expected


@pytest.mark.parametrize(
    "performed,today,error", [(D(2026, 5, 1), D(2026, 5, 1), False), (D(2026, 5, 2), D(2026, 5, 1), True)]
)
def test_round_date_error(performed, today, error):
    assert (r.round_date_error(performed, today) is not None) is error


def test_finding_texts():
    assert r.action_deadline(D(2026, 4, 15)) == D(2026, 5, 15)
    assert r.finding_why(D(2026, 4, 15), "Fri väg?") == "Skyddsrond 2026-04-15: Fri väg?"
    assert r.finding_what("Fri väg?", "Kartonger") == "Fri väg? – Kartonger"
    assert r.finding_what("Fri väg?", " ") == "Fri väg?"
