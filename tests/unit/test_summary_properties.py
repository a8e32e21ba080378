"""Whatever mix of answers arrives, a summary agrees with the answers that were accepted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer
from workshop.domain.errors import InvalidAnswer
from workshop.domain.identical import same_answer
from workshop.domain.kinds import summarise, validate_answer

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
    # Each answer is on one card; the same words are one card, led by the first to say them.
    firsts, keys = [], set()
    for answer in kept:
        if same_answer(answer.value) not in keys:
            keys.add(same_answer(answer.value))
            firsts.append(answer.value)
    assert [a["text"] for a in summary["answers"]] == firsts
    assert sum(a["weight"] for a in summary["answers"]) == len(kept)
    assert all(0 < len(a["text"]) <= 1000 for a in summary["answers"])


# The kinds added for the whole workshop arc -------------------------------------------------

from datetime import date  # noqa: E402

from workshop.domain.answers import Context  # noqa: E402

from .test_more_kinds import IDEAS, PLAN, POINTS, VOTE, WORDS  # noqa: E402

word_values = st.lists(st.text(max_size=35), max_size=5) | junk
point_values = (
    st.dictionaries(st.sampled_from(["a", "b", "z"]), st.integers(-2, 12), max_size=3) | junk
)


@given(st.lists(word_values, max_size=30))
def test_word_counts_are_the_accepted_words(values):
    kept = accepted(WORDS, values)
    summary = summarise(WORDS, kept)
    assert sum(w["count"] for w in summary["words"]) == sum(len(a.value) for a in kept)
    assert all(w["word"] == w["word"].casefold().strip() and w["word"] for w in summary["words"])


@given(st.lists(point_values, max_size=30))
def test_points_add_up_to_the_budget_per_accepted_answer(values):
    kept = accepted(POINTS, values)
    summary = summarise(POINTS, kept)
    assert sum(o["points"] for o in summary["options"]) == POINTS.fields["budget"] * len(kept)


@given(
    st.lists(st.booleans(), min_size=1, max_size=6),
    st.lists(st.lists(st.integers(0, 7), max_size=5) | junk, max_size=25),
)
def test_vote_totals_are_the_accepted_votes_on_visible_cards(hidden_flags, picks):
    cards = {
        f"idea-{i:04d}": Answer(f"idea-{i:04d}", i, IDEAS.id, f"Idé {i}", hidden=hidden)
        for i, hidden in enumerate(hidden_flags)
    }
    context = Context(cards=cards)
    values = [
        [f"idea-{n:04d}" for n in pick]
        if isinstance(pick, list) and all(isinstance(n, int) for n in pick)
        else pick
        for pick in picks
    ]
    kept = []
    for i, value in enumerate(values):
        try:
            kept.append(
                Answer(f"vote-{i:04d}", 100 + i, VOTE.id, validate_answer(VOTE, value, context))
            )
        except InvalidAnswer:
            pass
    ranking = summarise(VOTE, kept, context)["ranking"]
    assert sum(card["votes"] for card in ranking) == sum(len(a.value) for a in kept)
    assert {card["answer_id"] for card in ranking} == {k for k, c in cards.items() if not c.hidden}
    assert all(len(a.value) <= VOTE.fields["votes"] for a in kept)


@given(
    st.lists(
        st.fixed_dictionaries(
            {"what": st.text(max_size=40), "who": st.text(max_size=10), "when": st.dates().map(str)}
        )
        | junk,
        max_size=20,
    ),
    st.lists(st.booleans(), min_size=20, max_size=20),
)
def test_the_plan_is_exactly_the_confirmed_accepted_points_by_deadline(values, confirmed):
    context = Context(today=date(2026, 11, 26))
    kept = []
    for i, value in enumerate(values):
        try:
            checked = validate_answer(PLAN, value, context)
        except InvalidAnswer:
            continue
        kept.append(Answer(f"act-{i:04d}", i, PLAN.id, checked, confirmed=confirmed[i]))
    summary = summarise(PLAN, kept, context)
    assert len(summary["plan"]) == sum(a.confirmed for a in kept)
    assert [i["when"] for i in summary["plan"]] == sorted(i["when"] for i in summary["plan"])
    assert all(i["when"] >= "2026-11-26" for i in summary["items"])
