"""The suggestion, roll-up and staleness rules of follow-up, table by table."""

import datetime
from decimal import Decimal as D

import pytest

from followup.rules import is_stale, suggest
from goals.rules import Op, Target, parse_target
from regionplan.status import MAJORITY, WORST, Status, roll_up

G, Y, R, N = Status.GREEN, Status.YELLOW, Status.RED, Status.NOT_ASSESSED


@pytest.mark.parametrize(
    "target, direction, value, reference, expected",
    [
        # sick leave, lower is better: 7,4 % against < 4,8 % is far off
        ("< 4,8", "lower", "7.4", None, R),
        ("< 4,8", "lower", "4.7", None, G),
        ("< 4,8", "lower", "4.8", None, Y),  # not below, but within 10 %
        ("< 4,8", "lower", "5.28", None, Y),  # exactly 10 % over
        ("< 4,8", "lower", "5.29", None, R),
        ("≤ 4,8", "lower", "4.8", None, G),
        # HME, higher is better: a bare 81 means ≥ 81
        ("81", "higher", "81", None, G),
        ("81", "higher", "75", None, Y),
        ("81", "higher", "72.8", None, R),
        ("> 0", "higher", "0", None, R),  # zero target: no relative tolerance
        ("= 100", "", "100", None, G),
        ("= 100", "", "95", None, Y),
        ("4–6", "", "5", None, G),
        ("4–6", "", "6.5", None, Y),
        ("4–6", "", "3", None, R),
        ("Ja", "yesno", "1", None, G),
        ("Ja", "yesno", "0", None, R),
        ("Nej", "yesno", "0", None, G),
        ("Öka", "higher", "12", "10", G),
        ("Öka", "higher", "10", "10", Y),
        ("Öka", "higher", "9", "10", R),
        ("Minska", "lower", "9", "10", G),
        ("Minska", "lower", "11", "10", R),
        ("Öka", "higher", "12", None, N),  # nothing to compare with
        ("< 4,8", "lower", None, None, N),  # no value
        ("", "lower", "3", None, N),  # no target
    ],
)
def test_suggestion(target, direction, value, reference, expected):
    result = suggest(
        parse_target(target, direction),
        D(value) if value is not None else None,
        D(reference) if reference is not None else None,
    )
    assert result.status == expected, result.reason
    assert result.reason


def test_a_measure_that_is_only_followed_gets_no_suggestion():
    assert suggest(Target(Op.LT, D(5)), D(7), follow_only=True).status == N


def test_the_tolerance_is_the_regions():
    assert suggest(Target(Op.LT, D("4.8")), D("5.5"), tolerance=D("0.20")).status == Y
    assert suggest(Target(Op.LT, D("4.8")), D("4.9"), tolerance=D("0")).status == R


def test_the_reason_speaks_swedish_numbers():
    assert suggest(parse_target("< 4,8", "lower"), D("7.4")).reason == "7,4 missar målet < 4,8."


@pytest.mark.parametrize(
    "statuses, rule, expected",
    [
        ([], MAJORITY, N),
        ([(N, False), (N, False)], MAJORITY, N),
        ([(G, False)] * 3, MAJORITY, G),
        ([(G, False), (G, False), (N, False)], MAJORITY, G),  # the unassessed do not block green
        ([(G, False), (Y, False)], MAJORITY, Y),
        ([(R, False), (R, False), (G, False), (G, False)], MAJORITY, Y),  # equal counts: no majority
        ([(R, False), (R, False), (R, False), (G, False)], MAJORITY, R),
        ([(R, True), (G, False), (G, False), (G, False)], MAJORITY, R),  # a critical red decides
        ([(R, False), (G, False), (G, False), (G, False)], MAJORITY, Y),
        ([(R, False), (G, False), (G, False)], WORST, R),
        ([(Y, False), (G, False)], WORST, Y),
        ([(G, False), (N, False)], WORST, G),
    ],
)
def test_roll_up(statuses, rule, expected):
    assert roll_up(statuses, rule).status == expected


def test_roll_up_explains_itself():
    result = roll_up([(R, False)] * 3 + [(Y, False)] * 5 + [(G, False)] * 4)
    assert result.explanation() == "3 röda, 5 gula, 4 gröna av 12 → Gul"
    assert roll_up([(R, True), (G, False)]).explanation() == "1 röd, 0 gula, 1 grön av 2 → Röd (1 kritisk röd)"


@pytest.mark.parametrize(
    "frequency, last_end, today, stale",
    [
        ("month", datetime.date(2026, 8, 31), datetime.date(2026, 10, 15), False),
        ("month", datetime.date(2026, 8, 31), datetime.date(2026, 11, 20), True),
        ("tertial", datetime.date(2026, 4, 30), datetime.date(2026, 9, 30), False),
        ("tertial", datetime.date(2026, 4, 30), datetime.date(2026, 11, 1), True),
        ("year", None, datetime.date(2026, 12, 31), False),  # followed since January: not yet due
        ("year", None, datetime.date(2027, 3, 1), True),
        ("", None, datetime.date(2030, 1, 1), False),  # no frequency: never stale
    ],
)
def test_staleness(frequency, last_end, today, stale):
    assert is_stale(frequency, last_end, datetime.date(2026, 1, 1), today) is stale


@pytest.mark.parametrize(
    "level, frequency, kind, number, kinds, due",
    [
        ("measure", "month", "month", 8, ["month", "tertial"], True),
        ("measure", "month", "tertial", 2, ["month", "tertial"], True),
        ("measure", "tertial", "month", 8, ["month", "tertial"], False),
        ("measure", "tertial", "tertial", 1, ["tertial"], True),
        ("measure", "delar", "tertial", 1, ["tertial"], False),
        ("measure", "delar", "tertial", 2, ["tertial"], True),
        ("measure", "year", "tertial", 2, ["tertial"], False),
        ("measure", "year", "tertial", 3, ["tertial"], True),
        ("measure", "year", "year", 1, ["year"], True),
        ("activity", "", "tertial", 1, ["month", "tertial"], True),
        ("activity", "", "month", 3, ["month", "tertial"], False),
        ("factor", "", "year", 1, ["year"], True),
        ("assignment", "", "month", 5, ["month"], True),
    ],
)
def test_what_is_due_when(level, frequency, kind, number, kinds, due):
    from followup.rules import due_in

    assert due_in(level, frequency, kind, number, kinds) is due


@pytest.mark.parametrize(
    "today, reopened_until, open_",
    [
        (datetime.date(2026, 9, 14), None, True),
        (datetime.date(2026, 9, 15), None, False),
        (datetime.date(2026, 9, 20), datetime.date(2026, 9, 25), True),
        (datetime.date(2026, 9, 26), datetime.date(2026, 9, 25), False),
    ],
)
def test_entry_closes_at_the_deadline_unless_reopened(today, reopened_until, open_):
    from followup.rules import entry_open

    assert entry_open(datetime.date(2026, 9, 14), today, reopened_until) is open_


# --- when overruling the suggestion needs a reason -------------------------------------------


@pytest.mark.parametrize(
    "suggested, chosen, needed",
    [
        (R, Y, True),  # the suggestion says Röd, the manager says Gul: why?
        (G, R, True),
        (Y, G, True),
        (R, R, False),  # agrees with the suggestion
        (G, G, False),
        (N, G, False),  # no suggestion to overrule (no value, no target)
        (None, G, False),
        (R, N, False),  # not assessed yet: nothing is claimed
        (R, None, False),  # no status chosen (the form says so by itself)
        (R, "", False),
    ],
)
def test_a_reason_is_needed_only_when_the_chosen_status_differs_from_the_suggestion(suggested, chosen, needed):
    from followup.rules import needs_overrule_reason

    assert needs_overrule_reason(suggested, chosen) is needed


# --- Totalt of a measure split by sex --------------------------------------------------------


@pytest.mark.parametrize(
    "unit, women, men, total, expected, problem",
    [
        # counts: Totalt is kvinnor + män, filled in when empty
        ("antal", "3", "4", None, "7", None),
        ("st", "3", "4", None, "7", None),
        (" Antal ", "0", "0", None, "0", None),
        ("antal", "3", "4", "7", "7", None),
        ("antal", "1,5", "2", None, "3.5", None),  # parsed Decimals add exactly
        ("antal", "3", "4", "8", "8", "Totalt ska vara kvinnor + män (7) för ett antal."),
        ("antal", "3", None, None, None, None),  # one part missing: nothing to add up
        ("antal", None, None, "5", "5", None),
        # rates and percentages: left to the manager, even when empty
        ("%", "7,4", "4,9", None, None, None),
        ("%", "7,4", "4,9", "6,8", "6.8", None),
        ("index", "80", "82", None, None, None),
        ("kr", "100", "200", None, None, None),
        ("", "1", "2", None, None, None),
    ],
)
def test_totalt_is_the_sum_for_counts_and_left_to_the_manager_otherwise(unit, women, men, total, expected, problem):
    from followup.rules import fill_total, total_is_sum
    from regionplan.numbers import parse_number

    got, message = fill_total(unit, parse_number(women), parse_number(men), parse_number(total))
    assert got == (D(expected) if expected is not None else None)
    assert message == problem
    assert total_is_sum(unit) is (unit.strip().lower() in ("antal", "st"))
