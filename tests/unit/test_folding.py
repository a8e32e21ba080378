"""Identical answers are one card: whatever the room wrote and the facilitator merged, hid or
pulled apart, every answer the room sees is on exactly one card, and the same words are one."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer, Context, visible
from workshop.domain.errors import InvalidAnswer
from workshop.domain.folding import answer_key, fold
from workshop.domain.kinds import summarise, validate_answer

from .test_more_kinds import TOOL

IDEAS, VOTE, PLAN = TOOL.step("ideas"), TOOL.step("vote"), TOOL.step("plan")
WORDINGS = [
    "Byttemarked for cykler og værktøj",
    "byttemarked  for cykler og værktøj!",
    "Byttemarked for cykler og værktøj 🚲",
    "Grøn gårdhave",
    "grøn gårdhave.",
    "Fællesspisning",
    "👍",
    "👍🏽",
]


def idea(n: int, text: str, **flags) -> Answer:
    return Answer(f"idea-{n:04d}", n + 1, "ideas", text, **flags)


@st.composite
def walls(draw) -> list[Answer]:
    """Answers of several wordings, some merged by hand (never in a loop), hidden or apart."""
    count = draw(st.integers(0, 14))
    answers = []
    for n in range(count):
        merged_into = None
        if n and draw(st.booleans()) and draw(st.booleans()):
            merged_into = f"idea-{draw(st.integers(0, n - 1)):04d}"
        answers.append(
            idea(
                n,
                draw(st.sampled_from(WORDINGS)),
                merged_into=merged_into,
                hidden=draw(st.integers(0, 5)) == 0,
                apart=draw(st.integers(0, 4)) == 0,
            )
        )
    return answers


@given(walls())
def test_every_answer_the_room_sees_is_on_exactly_one_card(answers):
    shown = visible(answers)
    wall = summarise(IDEAS, answers)["answers"]
    on_cards = [card["answer_id"] for card in wall] + [m for c in wall for m in c["merged"]]
    assert sorted(on_cards) == sorted(a.answer_id for a in shown)
    assert sum(card["weight"] for card in wall) == len(shown)
    for card in wall:
        assert card["weight"] == 1 + len(card["merged"])
        assert set(card["folded"]) <= set(card["merged"])


@given(walls())
def test_the_same_words_are_one_card_unless_pulled_apart(answers):
    shown = visible(answers)
    folding = fold(shown)
    by_id = {a.answer_id: a for a in shown}
    leaders = [a for a in shown if folding.card[a.answer_id] == a.answer_id]
    keys = [answer_key(a.value) for a in leaders if not a.apart]
    assert len(keys) == len(set(keys))  # two cards never lead with the same words
    for answer in shown:
        card = folding.card[answer.answer_id]
        if answer.merged_into in by_id:  # a merge by hand holds: on its target's card
            assert card == folding.card[answer.merged_into]
        if answer.apart and answer.merged_into not in by_id:
            assert card == answer.answer_id  # pulled apart: a card of its own


def test_the_earliest_card_leads_and_later_identical_answers_fold_into_a_merged_card():
    answers = [
        idea(0, "Flere cykelstativer"),
        idea(1, "Byttemarked for cykler", merged_into="idea-0000"),  # merged by hand
        idea(2, "byttemarked for cykler!"),  # the same words as a merged answer: that card
        idea(3, "Flere cykelstativer 🚲"),
        idea(4, "Flere cykelstativer", apart=True),  # pulled apart
    ]
    wall = summarise(IDEAS, answers)["answers"]
    assert [(c["answer_id"], c["weight"], c["folded"]) for c in wall] == [
        ("idea-0000", 4, ["idea-0002", "idea-0003"]),
        ("idea-0004", 1, []),
    ]
    assert wall[0]["merged"] == ["idea-0001", "idea-0002", "idea-0003"]


def test_action_points_keep_one_card_each_however_alike():
    point = {"what": "Maling", "who": "Ole", "when": "2030-01-01"}
    answers = [Answer(f"plan-{n:04d}", n, "plan", point) for n in range(3)]
    assert len(summarise(PLAN, answers)["items"]) == 3


def test_a_vote_on_any_answer_of_a_card_counts_for_the_card():
    cards = {
        a.answer_id: a
        for a in (idea(0, "Grøn gårdhave"), idea(1, "grøn gårdhave."), idea(2, "Fællesspisning"))
    }
    context = Context(cards=cards)
    votes = [
        Answer(f"vote-{n:04d}", 10 + n, "vote", validate_answer(VOTE, [card], context))
        for n, card in enumerate(["idea-0000", "idea-0001", "idea-0001", "idea-0002"])
    ]
    ranking = summarise(VOTE, votes, context)["ranking"]
    assert [(c["answer_id"], c["votes"], c["weight"]) for c in ranking] == [
        ("idea-0000", 3, 2),
        ("idea-0002", 1, 1),
    ]
    # At most one vote per card (max_per_answer 1): twins are one card.
    try:
        validate_answer(VOTE, ["idea-0000", "idea-0001"], context)
    except InvalidAnswer as error:
        assert error.code == "too_many_on_one"
    else:
        raise AssertionError("two votes on one card were taken")
    apart = {**cards, "idea-0001": replace(cards["idea-0001"], apart=True)}
    assert validate_answer(VOTE, ["idea-0000", "idea-0001"], Context(cards=apart))
