"""The annual follow-up's rules, table-driven (workenv.rules_annual)."""

from types import SimpleNamespace

import pytest

from regionplan.status import Status
from workenv import rules_annual as r

Q1, Q2, Q3 = (SimpleNamespace(pk=n, text=f"Fråga {n}") for n in (1, 2, 3))


@pytest.mark.parametrize(
    "value, ok",
    [("ja", True), ("delvis", True), ("nej", True), ("", False), ("Ja", False), ("kanske", False), (None, False)],
)
def test_valid_answer(value, ok):
    assert r.valid_answer(value) is ok


@pytest.mark.parametrize(
    "yes, partly, no, unanswered, status",
    [
        (3, 0, 0, 0, Status.GREEN),
        (2, 1, 0, 0, Status.YELLOW),
        (1, 1, 1, 0, Status.RED),
        (0, 0, 1, 2, Status.RED),
        (2, 0, 0, 1, Status.NOT_ASSESSED),  # all Ja so far, but not all answered
        (0, 0, 0, 0, Status.NOT_ASSESSED),
        (0, 1, 0, 2, Status.YELLOW),
    ],
)
def test_status_of_counts(yes, partly, no, unanswered, status):
    assert r.status_of_counts(yes, partly, no, unanswered) == status


@pytest.mark.parametrize(
    "signed, questions, answered, ok, missing",
    [
        (False, [Q1, Q2], [1, 2], True, []),
        (False, [Q1, Q2, Q3], [2], False, [Q1, Q3]),
        (True, [Q1], [1], False, []),  # signed already
        (False, [], [], False, []),  # nothing to answer
        (False, [Q1], [1, 9], True, []),  # an answer to an inactive question does not matter
    ],
)
def test_can_sign(signed, questions, answered, ok, missing):
    assert r.can_sign(signed, questions, answered) == (ok, missing)


@pytest.mark.parametrize(
    "counts, units, started, expected",
    [
        # (question pk → yes, partly, no, unanswered, not started), in the order shown
        ({}, 2, 0, [(1, 0, 0, 0, 0, 2), (2, 0, 0, 0, 0, 2), (3, 0, 0, 0, 0, 2)]),
        (
            {(1, "ja"): 2, (2, "nej"): 1, (2, "ja"): 1, (3, "delvis"): 1},
            3,
            2,
            [(2, 1, 0, 1, 0, 1), (3, 0, 1, 0, 1, 1), (1, 2, 0, 0, 0, 1)],
        ),
        (
            {(1, "nej"): 1, (2, "nej"): 2, (3, "delvis"): 2},
            2,
            2,
            [(2, 0, 0, 2, 0, 0), (1, 0, 0, 1, 1, 0), (3, 0, 2, 0, 0, 0)],
        ),
    ],
)
def test_roll_up_red_first(counts, units, started, expected):
    rolled = r.roll_up([Q1, Q2, Q3], counts, units=units, started=started)
    got = [(t.question.pk, t.yes, t.partly, t.no, t.unanswered, t.not_started) for t in rolled.tallies]
    assert got == expected


@pytest.mark.parametrize(
    "n, reads_only, shown",
    [(0, True, 0), (1, True, "< 5"), (4, True, "< 5"), (5, True, 5), (3, False, 3), (12, True, 12)],
)
def test_suppress_small(n, reads_only, shown):
    assert r.suppress_small(n, reads_only) == shown
