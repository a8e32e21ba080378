"""The follow-up rules without an app: points from a plan, agreements, the series."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer, Context
from workshop.domain.errors import InvalidAnswer, InvalidCommand
from workshop.domain.follow_up import (
    MAX_POINTS,
    OUTCOMES,
    STATUSES,
    agree,
    carried_plan,
    outcome,
    points_of,
    start,
    tally,
)
from workshop.domain.kinds import summarise, validate_answer
from workshop.domain.tools import parse_dialogue

TODAY = date(2027, 1, 10)
MEETING = {"code": "111111", "title": "Kredsmøde", "held": "2027-01-01"}
REVIEW = parse_dialogue(
    {
        "id": "t",
        "title": "T",
        "steps": [{"id": "status", "kind": "review", "prompt": "Hvordan gik det?"}],
    }
).steps[0]


def plan(*items: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"what": what, "who": who, "when": when} for what, who, when in items]


def test_points_are_numbered_by_deadline_then_by_what():
    points = points_of(
        plan(("b", "x", "2027-02-01"), ("A", "y", "2027-02-01"), ("c", "z", "2027-01-15"))
    )
    assert [(p["id"], p["what"]) for p in points] == [("p1", "c"), ("p2", "A"), ("p3", "b")]


def test_a_plan_too_long_to_follow_up_is_refused():
    many = plan(*[(f"punkt {n}", "x", "2027-02-01") for n in range(MAX_POINTS + 1)])
    with pytest.raises(InvalidCommand) as refused:
        start(MEETING, None, many)
    assert refused.value.code == "too_many_points"


def test_agreements_say_what_becomes_of_each_point():
    follow_up = start(
        MEETING,
        None,
        plan(("a", "x", "2027-01-20"), ("b", "y", "2027-01-21"), ("c", "z", "2027-01-22")),
    )
    follow_up = agree(follow_up, {"point": "p1", "status": "done"}, TODAY)
    follow_up = agree(
        follow_up, {"point": "p2", "status": "under_way", "carry_to": "2027-03-01"}, TODAY
    )
    assert tally(follow_up["plan"], follow_up["agreed"]) == {
        "done": 1,
        "carried": 1,
        "dropped": 0,
        "undecided": 1,
    }
    follow_up = agree(follow_up, {"point": "p3", "status": "not_started"}, TODAY)
    assert outcome(follow_up["agreed"]["p3"]) == "dropped"  # not done, not carried over
    assert [(c["what"], c["when"], c["carried"]) for c in carried_plan(follow_up)] == [
        ("b", "2027-03-01", True)
    ]
    assert agree(follow_up, {"point": "p2", "status": None}, TODAY)["agreed"].keys() == {"p1", "p3"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ({"point": "p7", "status": "done"}, "unknown_point"),
        ({"point": None, "status": "done"}, "unknown_point"),
        ({"point": "p1", "status": "DONE"}, "bad_status"),
        ({"point": "p1"}, "bad_status"),
        ({"point": "p1", "status": "dropped", "carry_to": "2027-03-01"}, "cannot_carry"),
        ({"point": "p1", "status": "under_way", "carry_to": "2027-01-09"}, "date_in_past"),
        ({"point": "p1", "status": "under_way", "carry_to": "2027-02-30"}, "bad_date"),
        ({"point": "p1", "status": "under_way", "carry_to": 20270301}, "bad_date"),
        ({"point": "p1", "status": "done", "comment": ["x"]}, "bad_payload"),
    ],
)
def test_a_wrong_agreement_is_refused_and_says_why(args, code):
    follow_up = start(MEETING, None, plan(("a", "x", "2027-01-20")))
    with pytest.raises(InvalidCommand) as refused:
        agree(follow_up, args, TODAY)
    assert refused.value.code == code


def test_a_series_goes_on_from_meeting_to_meeting():
    first = start(MEETING, None, plan(("a", "x", "2027-01-20"), ("b", "y", "2027-01-21")))
    first = agree(first, {"point": "p1", "status": "done"}, TODAY)
    first = agree(first, {"point": "p2", "status": "not_started", "carry_to": "2027-04-01"}, TODAY)
    second_meeting = {"code": "222222", "title": "Kredsmøde 2", "held": "2027-02-01"}
    second = start(second_meeting, first, carried_plan(first) + plan(("new", "z", "2027-05-01")))
    assert [line["code"] for line in second["series"]] == ["111111"]
    assert second["series"][0] | {} == {
        **MEETING,
        "made": 2,
        "done": 1,
        "carried": 1,
        "dropped": 0,
        "undecided": 0,
    }
    assert [p["what"] for p in second["plan"]] == ["b", "new"]
    assert second["of"] == second_meeting


statuses = st.sampled_from(STATUSES)


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["p1", "p2", "p3"]),
            st.fixed_dictionaries({"status": statuses}, optional={"comment": st.text(max_size=20)}),
            min_size=1,
        ),
        max_size=12,
    )
)
def test_each_point_counts_every_status_given_once(values):
    follow_up = start(MEETING, None, plan(*[(w, "x", "2027-02-01") for w in "abc"]))
    context = Context(today=TODAY, follow_up=follow_up)
    answers = []
    for number, value in enumerate(values):
        try:
            kept = validate_answer(REVIEW, value, context)
        except InvalidAnswer:
            continue
        answers.append(Answer(f"a{number}", number, "status", kept))
    summary = summarise(REVIEW, answers, context)
    for point in summary["points"]:
        given_here = [a.value[point["id"]]["status"] for a in answers if point["id"] in a.value]
        assert point["answered"] == len(given_here)
        assert point["statuses"] == {s: given_here.count(s) for s in STATUSES}
    assert summary["count"] == len(answers)
    assert set(summary["outcomes"]) == set(OUTCOMES)


def test_a_meeting_is_dated_where_it_met_not_by_the_server_s_clock():
    from datetime import UTC, datetime

    from workshop.domain.local_time import local_day

    half_past_midnight_in_copenhagen = datetime(2026, 12, 1, 23, 30, tzinfo=UTC).timestamp()
    assert local_day(half_past_midnight_in_copenhagen) == date(2026, 12, 2)
    summer_evening = datetime(2026, 6, 30, 21, 59, tzinfo=UTC).timestamp()  # 23:59 there
    assert local_day(summer_evening) == date(2026, 6, 30)
