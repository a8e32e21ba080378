"""Hiding a card hides the answers merged into it: on the wall, per table and in the vote."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer, Context, final_card
from workshop.domain.kinds import summarise, summarise_by_table
from workshop.domain.tools import parse_dialogue

TOOL = parse_dialogue(
    {
        "id": "kort",
        "title": "Kort",
        "language": "da",
        "steps": [
            {"id": "ideer", "kind": "open", "prompt": "Idéer?", "max_answers": 5},
            {"id": "stem", "kind": "vote", "prompt": "Stem", "source": "ideer", "votes": 3},
        ],
    }
)
IDEAS, VOTE = TOOL.steps


def test_an_answer_merged_into_a_hidden_card_at_another_table_is_hidden_there_too():
    card = Answer("a", 1, "ideer", "Gårdmøder", table="t1", hidden=True)
    folded = Answer("b", 2, "ideer", "Møder i gården", table="t2", merged_into="a")
    other = Answer("c", 3, "ideer", "Delebil", table="t2")
    answers = [card, folded, other]
    summary = summarise(IDEAS, answers)
    assert [c["answer_id"] for c in summary["answers"]] == ["c"]
    assert (summary["count"], summary["hidden"]) == (1, 2)
    tables = summarise_by_table(IDEAS, answers, ["t1", "t2"])
    assert tables["t1"]["answers"] == [] and tables["t1"]["count"] == 0
    # Person 2's only answer went with the hidden card: not counted at their table either.
    assert [c["answer_id"] for c in tables["t2"]["answers"]] == ["c"]
    assert tables["t2"]["count"] == 1
    # A vote cast for the merged answer followed it into the hidden card: it counts nowhere.
    ballots = [Answer("v1", 4, "stem", ["b", "c"]), Answer("v2", 5, "stem", ["a"])]
    ranking = summarise(VOTE, ballots, Context(cards={a.answer_id: a for a in answers}))
    assert [(c["answer_id"], c["votes"]) for c in ranking["ranking"]] == [("c", 1)]


@given(
    st.lists(st.tuples(st.booleans(), st.integers(0, 9)), min_size=1, max_size=10),
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=6),
)
def test_every_answer_is_on_the_wall_once_or_hidden(flags, merges):
    """Each answer is on the wall once, as a card or folded into one, or counted as hidden
    with the card it went into; never shown while its card is hidden."""
    into: dict[int, int] = {}
    for first, second in merges:  # merges one level deep, as the facilitator makes them
        first, second = first % len(flags), second % len(flags)
        if first != second and second not in into and first not in into.values():
            into[first] = second
    answers = [
        Answer(
            f"a{n}",
            n,
            "ideer",
            f"Idé {n}",
            hidden=hidden,
            merged_into=f"a{into[n]}" if n in into else None,
        )
        for n, (hidden, _) in enumerate(flags)
    ]
    by_id = {a.answer_id: a for a in answers}
    summary = summarise(IDEAS, answers)
    on_wall = [c["answer_id"] for c in summary["answers"]]
    on_wall += [m for c in summary["answers"] for m in c["merged"]]
    assert len(on_wall) == len(set(on_wall))
    assert len(on_wall) + summary["hidden"] == len(answers)
    assert sum(c["weight"] for c in summary["answers"]) == len(on_wall)
    for answer_id in on_wall:
        assert not by_id[answer_id].hidden
        assert not by_id[final_card(answer_id, by_id)].hidden
