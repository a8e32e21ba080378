"""Whatever mix of answers arrives, a summary agrees with the answers that were accepted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer
from workshop.domain.errors import InvalidAnswer
from workshop.domain.steps import summarise, validate_answer

from .test_steps import CHOICE, MULTI, OPEN, SCALE

junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)
choice_values = st.lists(st.sampled_from(["a", "b", "c", "z"]), max_size=4) | junk
scale_values = (
    st.dictionaries(st.sampled_from(["x", "y", "q"]), st.integers(-1, 7), max_size=3) | junk
)


def accepted(step, values):
    kept = []
    for i, value in enumerate(values):
        try:
            kept.append(Answer(f"id{i:08d}", i, step.id, validate_answer(step, value)))
        except InvalidAnswer:
            pass
    return kept


@given(st.lists(choice_values, max_size=40))
def test_choice_counts_add_up_to_the_accepted_picks(values):
    for step in (CHOICE, MULTI):
        kept = accepted(step, values)
        summary = summarise(step, kept)
        assert summary["count"] == len(kept)
        assert sum(o["count"] for o in summary["options"]) == sum(len(a.value) for a in kept)
        for option in summary["options"]:
            assert 0 <= option["percent"] <= 100


@given(st.lists(scale_values, max_size=40))
def test_scale_distribution_and_mean_match_the_accepted_ratings(values):
    kept = accepted(SCALE, values)
    summary = summarise(SCALE, kept)
    for statement in summary["statements"]:
        ratings = [a.value[statement["id"]] for a in kept if statement["id"] in a.value]
        assert statement["count"] == len(ratings)
        assert sum(d["count"] for d in statement["distribution"]) == len(ratings)
        if ratings:
            assert abs(statement["mean"] - sum(ratings) / len(ratings)) < 0.01
        else:
            assert statement["mean"] is None


@given(st.lists(st.text(max_size=1200) | junk, max_size=30))
def test_open_summary_shows_exactly_the_accepted_texts(values):
    kept = accepted(OPEN, values)
    summary = summarise(OPEN, kept)
    assert [a["text"] for a in summary["answers"]] == [a.value for a in kept]
    assert all(0 < len(a["text"]) <= 1000 for a in summary["answers"])
