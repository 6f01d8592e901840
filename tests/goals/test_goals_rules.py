"""The rules of the goal hierarchy: how targets and baselines are read and written, which
level may sit under which, and where an item may be placed. Plain functions, no database."""

from decimal import Decimal

import pytest

from goals.rules import (
    Levels,
    Op,
    Target,
    child_levels,
    format_baseline,
    format_target,
    parse_baseline,
    parse_target,
    placement_errors,
)

D = Decimal


# --- targets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, direction, expected",
    [
        ("< 4,8", "", Target(Op.LT, D("4.8"))),
        ("≤4.8", "", Target(Op.LE, D("4.8"))),
        ("<= 4,8", "higher", Target(Op.LE, D("4.8"))),
        ("> 3", "lower", Target(Op.GT, D("3"))),
        (">= 81", "", Target(Op.GE, D("81"))),
        ("≥ 81", "", Target(Op.GE, D("81"))),
        ("= 81", "higher", Target(Op.EQ, D("81"))),
        ("81", "higher", Target(Op.GE, D("81"))),
        ("81", "lower", Target(Op.LE, D("81"))),
        ("81", "", Target(Op.EQ, D("81"))),
        ("81", "follow", Target(Op.EQ, D("81"))),
        ("4–6", "", Target(Op.RANGE, D("4"), D("6"))),
        ("4 - 6", "higher", Target(Op.RANGE, D("4"), D("6"))),
        ("4 till 6", "", Target(Op.RANGE, D("4"), D("6"))),
        ("0,5–1,5 dagar", "", Target(Op.RANGE, D("0.5"), D("1.5"))),
        ("−5–−1", "", Target(Op.RANGE, D("-5"), D("-1"))),
        ("4–4", "", Target(Op.RANGE, D("4"), D("4"))),
        ("Öka", "", Target(Op.INCREASE)),
        ("ökning.", "", Target(Op.INCREASE)),
        ("minska", "higher", Target(Op.DECREASE)),
        ("MINSKNING", "", Target(Op.DECREASE)),
        ("Ja", "", Target(Op.YES)),
        ("Nej", "yesno", Target(Op.NO)),
        ("5 %", "", Target(Op.EQ, D("5"))),
        ("< 4,8 %", "", Target(Op.LT, D("4.8"))),
        ("81 index", "higher", Target(Op.GE, D("81"))),
        ("1 234,5", "", Target(Op.EQ, D("1234.5"))),
        ("1\u00a0234,5 kr", "lower", Target(Op.LE, D("1234.5"))),
        ("−3,5", "", Target(Op.EQ, D("-3.5"))),
        ("  < 4,8  ", "", Target(Op.LT, D("4.8"))),
    ],
)
def test_parse_target_reads_what_controllers_write(text, direction, expected):
    """A controller types a target the way it is written in the plan document and gets
    the operator and number(s) it means; a bare number takes its sign from the direction."""
    target = parse_target(text, direction)
    assert target == expected
    assert (target.operator, target.value, target.high) == (expected.operator, expected.value, expected.high)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_target_is_no_target(text):
    """Leaving the target cell empty gives "no target", which is falsy."""
    target = parse_target(text)
    assert target == Target()
    assert target.operator == Op.NONE and target.value is None and target.high is None
    assert not target


def test_a_real_target_is_truthy():
    """Any written target counts as set, also yes/no and increase without a number."""
    assert Target(Op.LT, D("4.8")) and Target(Op.INCREASE) and Target(Op.NO)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("6–4", "Intervallets första tal måste vara mindre än det andra"),
        ("5 - 3", "Intervallets första tal måste vara mindre än det andra"),
        ("mycket", "”mycket” är inget målvärde"),
        ("<", "”<” är inget målvärde"),
        ("4,8,1", "”4,8,1” är inget målvärde"),
        ("> 4–6", "”> 4–6” är inget målvärde"),
        ("1e3", "”1e3” är inget målvärde"),
        ("NaN", "”NaN” är inget målvärde"),
    ],
)
def test_unreadable_target_raises_a_swedish_message(text, fragment):
    """A target the app cannot read is refused with a Swedish message that quotes it."""
    with pytest.raises(ValueError) as info:
        parse_target(text)
    assert fragment in str(info.value)


def test_garbage_target_message_suggests_how_to_write_it():
    """The message for garbage names the text and gives examples a controller understands."""
    with pytest.raises(ValueError) as info:
        parse_target("mycket")
    message = str(info.value)
    assert "mycket" in message
    assert "Skriv t.ex." in message and "”< 4,8”" in message and "”Öka”" in message


@pytest.mark.parametrize(
    "target, unit, expected",
    [
        (Target(Op.LT, D("4.8")), "%", "< 4,8 %"),
        (Target(Op.LE, D("4.8")), "", "≤ 4,8"),
        (Target(Op.GT, D("3")), "dagar", "> 3 dagar"),
        (Target(Op.GE, D("81.0000")), "index", "≥ 81 index"),
        (Target(Op.EQ, D("81")), "%", "81 %"),
        (Target(Op.RANGE, D("4"), D("6")), "dagar", "4–6 dagar"),
        (Target(Op.GE, D("1234.5")), "kr", "≥ 1\u00a0234,5 kr"),
        (Target(Op.LE, D("-2.5")), "", "≤ −2,5"),
        (Target(Op.INCREASE), "%", "Öka"),
        (Target(Op.DECREASE), "", "Minska"),
        (Target(Op.YES), "ja/nej", "Ja"),
        (Target(Op.NO), "ja/nej", "Nej"),
        (Target(Op.EQ, D("1")), "ja/nej", "1"),
        (Target(), "%", ""),
    ],
)
def test_format_target_as_a_swedish_reader_expects(target, unit, expected):
    """The plan shows targets with a decimal comma, the unit after the number, and no
    unit after a yes/no answer."""
    assert format_target(target, unit) == expected


ROUND_TRIP_TARGETS = [
    Target(Op.LT, D("4.8")),
    Target(Op.LE, D("0.25")),
    Target(Op.GT, D("-2.5")),
    Target(Op.GE, D("1234.5")),
    Target(Op.EQ, D("81")),
    Target(Op.EQ, D("1000000")),
    Target(Op.RANGE, D("4"), D("6")),
    Target(Op.RANGE, D("-5"), D("-1")),
    Target(Op.RANGE, D("0.5"), D("1.5")),
    Target(Op.INCREASE),
    Target(Op.DECREASE),
    Target(Op.YES),
    Target(Op.NO),
    Target(),
]


@pytest.mark.parametrize("unit", ["%", "dagar", ""])
@pytest.mark.parametrize("target", ROUND_TRIP_TARGETS, ids=lambda t: f"{t.operator or 'none'}-{t.value}-{t.high}")
def test_formatted_target_reads_back_the_same(target, unit):
    """What the plan shows (and the export writes) can be typed back in and means the same
    target. An "=" target is shown without its sign, so it reads back as "=" only for a
    measure without a direction."""
    assert parse_target(format_target(target, unit), "") == target


@pytest.mark.parametrize(
    "target", [t for t in ROUND_TRIP_TARGETS if t.operator != Op.EQ], ids=lambda t: f"{t.operator or 'none'}-{t.value}"
)
@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_formatted_target_reads_back_the_same_for_a_directed_measure(target, direction):
    """For a measure where higher (or lower) is better, every target other than "=" also
    reads back unchanged."""
    assert parse_target(format_target(target, "%"), direction) == target


# --- baselines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2018: 5,6", (2018, D("5.6"))),
        ("2018:5.6", (2018, D("5.6"))),
        ("5,6 (2018)", (2018, D("5.6"))),
        ("2018: 5,6 %", (2018, D("5.6"))),
        ("−1,5 (2019)", (2019, D("-1.5"))),
        ("5,6", (None, D("5.6"))),
        ("1 234,5", (None, D("1234.5"))),
        ("", (None, None)),
        ("   ", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_baseline(text, expected):
    """A baseline is written "2018: 5,6", "5,6 (2018)" or just "5,6"; empty means none."""
    assert parse_baseline(text) == expected


@pytest.mark.parametrize("text", ["abc", "2018: abc", "5,6 (18)", "(2018) 5,6", "nan", "Infinity"])
def test_unreadable_baseline_raises_a_swedish_message(text):
    """A baseline that is not a number is refused with a message that quotes it."""
    with pytest.raises(ValueError) as info:
        parse_baseline(text)
    assert f"”{text}” är inget jämförelsetal" in str(info.value)


@pytest.mark.parametrize(
    "year, value, text",
    [
        (2018, D("5.6"), "2018: 5,6"),
        (2018, D("5.6000"), "2018: 5,6"),
        (None, D("5.6"), "5,6"),
        (2018, D("1234.5"), "2018: 1\u00a0234,5"),
        (2019, D("-1.5"), "2019: −1,5"),
        (2020, D("0"), "2020: 0"),
        (2018, None, ""),
        (None, None, ""),
    ],
)
def test_format_baseline_and_read_it_back(year, value, text):
    """The plan shows a baseline as "2018: 5,6", and that text reads back as the same year
    and value (a year without a value shows nothing)."""
    assert format_baseline(year, value) == text
    if value is not None:
        assert parse_baseline(text) == (year, value)
    else:
        assert parse_baseline(text) == (None, None)


# --- the hierarchy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parent_level, expected",
    [
        (None, [Levels.GOAL, Levels.ASSIGNMENT]),
        (Levels.GOAL, [Levels.FACTOR, Levels.MEASURE, Levels.ASSIGNMENT]),
        (Levels.FACTOR, [Levels.MEASURE, Levels.ACTIVITY]),
        (Levels.MEASURE, [Levels.ACTIVITY]),
        (Levels.ACTIVITY, []),
        (Levels.ASSIGNMENT, []),
    ],
)
def test_child_levels(parent_level, expected):
    """The "add" menu under an item offers exactly the levels that may sit under it, top first."""
    assert child_levels(parent_level) == expected


ROOT, NAMND, DIV, OTHER = "/1/", "/1/5/", "/1/5/7/", "/1/6/"


@pytest.mark.parametrize(
    "level, parent_level, parent_unit_path, unit_path, unit_is_root, fragments",
    [
        # goals: only at the top, only in the root unit's plan
        (Levels.GOAL, None, None, ROOT, True, []),
        (Levels.GOAL, None, None, NAMND, False, ["goal skrivs i regionens plan"]),
        (
            Levels.GOAL,
            Levels.GOAL,
            ROOT,
            ROOT,
            True,
            ["En post på nivån goal kan inte ligga under en post på nivån goal"],
        ),
        (
            Levels.GOAL,
            Levels.GOAL,
            DIV,
            NAMND,
            False,
            ["kan inte ligga under", "skrivs i regionens plan", "inte ligger över"],
        ),
        # success factors under a goal of the same unit or one above
        (Levels.FACTOR, Levels.GOAL, ROOT, NAMND, False, []),
        (Levels.FACTOR, Levels.GOAL, ROOT, ROOT, True, []),
        (
            Levels.FACTOR,
            Levels.GOAL,
            OTHER,
            NAMND,
            False,
            ["Den överordnade posten tillhör en enhet som inte ligger över denna enhet"],
        ),
        (Levels.FACTOR, Levels.GOAL, NAMND, ROOT, True, ["inte ligger över denna enhet"]),
        (Levels.FACTOR, None, None, NAMND, False, ["En post på nivån factor måste ligga under en post på nivån goal."]),
        # measures under a factor or a goal
        (Levels.MEASURE, Levels.FACTOR, NAMND, DIV, False, []),
        (Levels.MEASURE, Levels.GOAL, ROOT, DIV, False, []),
        (
            Levels.MEASURE,
            None,
            None,
            DIV,
            False,
            ["En post på nivån measure måste ligga under en post på nivån goal eller factor."],
        ),
        (
            Levels.MEASURE,
            Levels.ACTIVITY,
            DIV,
            DIV,
            False,
            ["En post på nivån measure kan inte ligga under en post på nivån activity"],
        ),
        # activities under a measure or a factor, never directly under a goal
        (Levels.ACTIVITY, Levels.MEASURE, DIV, DIV, False, []),
        (Levels.ACTIVITY, Levels.FACTOR, NAMND, DIV, False, []),
        (
            Levels.ACTIVITY,
            Levels.GOAL,
            ROOT,
            NAMND,
            False,
            ["En post på nivån activity kan inte ligga under en post på nivån goal"],
        ),
        (Levels.ACTIVITY, Levels.MEASURE, DIV, OTHER, False, ["inte ligger över denna enhet"]),
        # a path that only looks like a prefix of another ("/1/1/" vs "/1/12/") is not above it
        (Levels.ACTIVITY, Levels.MEASURE, "/1/1/", "/1/12/", False, ["inte ligger över denna enhet"]),
        # assignments at the top or serving a goal
        (Levels.ASSIGNMENT, None, None, DIV, False, []),
        (Levels.ASSIGNMENT, Levels.GOAL, ROOT, DIV, False, []),
        (
            Levels.ASSIGNMENT,
            Levels.FACTOR,
            NAMND,
            DIV,
            False,
            ["En post på nivån assignment kan inte ligga under en post på nivån factor"],
        ),
    ],
)
def test_placement_errors(level, parent_level, parent_unit_path, unit_path, unit_is_root, fragments):
    """Where an item may be placed: one message per broken rule, none when it may sit there."""
    errors = placement_errors(level, parent_level, parent_unit_path, unit_path, unit_is_root, label=lambda lvl: lvl)
    assert len(errors) == len(fragments), errors
    for error, fragment in zip(errors, fragments, strict=True):
        assert fragment.lower() in error.lower(), (error, fragment)


def test_placement_errors_speak_the_regions_words():
    """The messages name the levels in the region's own words, e.g. "inriktningsmål"."""
    names = {Levels.GOAL: "inriktningsmål", Levels.FACTOR: "fokusområde", Levels.MEASURE: "mätetal"}
    errors = placement_errors(Levels.MEASURE, None, None, DIV, False, label=names.get)
    assert errors == ["En post på nivån mätetal måste ligga under en post på nivån inriktningsmål eller fokusområde."]
    errors = placement_errors(Levels.GOAL, None, None, DIV, False, label=names.get)
    assert errors == ["Inriktningsmål skrivs i regionens plan, på den översta enheten."]
