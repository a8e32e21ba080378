"""Word clouds, points, votes and action points: what each accepts and how it sums up."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain.answers import Answer, Context
from workshop.domain.errors import InvalidAnswer
from workshop.domain.kinds import summarise, summarise_by_table, validate_answer
from workshop.domain.tools import parse_dialogue

TOOL = parse_dialogue(
    {
        "id": "kinds",
        "title": "Kinds",
        "steps": [
            {"id": "words", "kind": "wordcloud", "prompt": "Ord?", "max_words": 3},
            {
                "id": "focus",
                "kind": "points",
                "prompt": "Point?",
                "budget": 10,
                "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
            },
            {"id": "ideas", "kind": "open", "prompt": "Idéer?", "max_answers": 5},
            {
                "id": "vote",
                "kind": "vote",
                "prompt": "Stem",
                "source": "ideas",
                "votes": 3,
                "max_per_answer": 1,
            },
            {
                "id": "plan",
                "kind": "actions",
                "prompt": "Handling",
                "settings": {"anonymous": False},
            },
        ],
    }
)
WORDS, POINTS, IDEAS, VOTE, PLAN = TOOL.steps
TODAY = date(2026, 11, 26)


def refused(step, value, context=None) -> str:
    with pytest.raises(InvalidAnswer) as raised:
        validate_answer(step, value, context)
    return raised.value.code


def card(answer_id, text, participant=1, **flags):
    return Answer(answer_id, participant, "ideas", text, **flags)


# word cloud -------------------------------------------------------------------------------


def test_words_are_case_folded_spaced_and_stripped_of_punctuation_and_stop_words():
    assert validate_answer(WORDS, ["  Grøn   Omstilling! ", "og", "GRØN omstilling"]) == [
        "grøn omstilling"
    ]
    assert validate_answer(WORDS, "Fællesskab") == ["fællesskab"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ([], "no_words"),
        (["og", "the"], "no_words"),
        (["a", "b", "c", "d"], "too_many_words"),
        (["x" * 31], "word_too_long"),
        ([3], "not_text"),
        ({"w": 1}, "no_words"),
    ],
)
def test_bad_word_cloud_answers_are_refused(value, code):
    assert refused(WORDS, value) == code


def test_word_cloud_summary_counts_each_word_most_frequent_first():
    answers = [
        Answer(f"w{i:08d}", i, "words", validate_answer(WORDS, v))
        for i, v in enumerate([["Grøn", "mod"], ["grøn"], ["Tryghed"]])
    ]
    summary = summarise(WORDS, answers)
    assert summary["words"] == [
        {"word": "grøn", "count": 2},
        {"word": "mod", "count": 1},
        {"word": "tryghed", "count": 1},
    ]


@settings(max_examples=25)
@given(
    emoji=st.sampled_from(["🌱", "❤️", "❤", "😊", "♻", "👍", "🏳️‍🌈"]),
    around=st.sampled_from(["", "!", " ", "...", "“"]),
    given=st.integers(1, 40),
    others=st.integers(0, 40),
)
def test_an_emoji_given_as_a_word_is_counted_as_a_word(emoji, around, given, others):
    """An emoji-only word is kept and counted like any word, whatever punctuation is around
    it (❤️ and ❤ are the same word), never acknowledged and then dropped."""
    values = [[f"{around}{emoji}{around}", "grøn"]] * given + [["grøn"]] * others
    answers = [
        Answer(f"w{i:08d}", i, "words", validate_answer(WORDS, value))
        for i, value in enumerate(values)
    ]
    counts = {entry["word"]: entry["count"] for entry in summarise(WORDS, answers)["words"]}
    word = emoji.replace("\ufe0f", "")
    assert counts == {word: given, "grøn": given + others}
    assert validate_answer(WORDS, [emoji]) == [word]  # alone, too


# points -----------------------------------------------------------------------------------


def test_points_must_use_exactly_the_budget():
    assert validate_answer(POINTS, {"a": 7, "b": 3}) == {"a": 7, "b": 3}
    assert validate_answer(POINTS, {"a": 10, "b": 0}) == {"a": 10}
    assert refused(POINTS, {"a": 7}) == "wrong_total"
    assert refused(POINTS, {"a": 8, "b": 3}) == "wrong_total"
    assert refused(POINTS, {"a": 11, "b": -1}) == "bad_points"
    assert refused(POINTS, {"a": 5.5, "b": 4.5}) == "bad_points"
    assert refused(POINTS, {"z": 10}) == "unknown_option"
    assert refused(POINTS, {}) == "no_points"


def test_points_summary_totals_percent_and_mean():
    answers = [
        Answer("p0000001", 1, "focus", {"a": 10}),
        Answer("p0000002", 2, "focus", {"a": 4, "b": 6}),
    ]
    options = summarise(POINTS, answers)["options"]
    assert [(o["points"], o["percent"], o["mean"]) for o in options] == [
        (14, 70.0, 7.0),
        (6, 30.0, 3.0),
    ]


# vote -------------------------------------------------------------------------------------


def test_a_vote_must_name_cards_of_its_source_step_within_the_limits():
    cards = {
        c.answer_id: c for c in [card("idea-0001", "Temaaften"), card("idea-0002", "Nyhedsbrev")]
    }
    context = Context(cards=cards)
    assert validate_answer(VOTE, ["idea-0001", "idea-0002"], context) == ["idea-0001", "idea-0002"]
    assert refused(VOTE, ["idea-0001", "idea-0001"], context) == "too_many_on_one"
    assert refused(VOTE, ["idea-0001"] * 4, context) == "too_many_votes"
    assert refused(VOTE, ["nope-0001"], context) == "unknown_card"
    assert refused(VOTE, [], context) == "no_votes"


def test_votes_on_a_merged_card_follow_it_and_hidden_cards_drop_out():
    cards = {
        c.answer_id: c
        for c in [
            card("idea-0001", "Grøn temaaften", 1),
            card("idea-0002", "Temaaften om det grønne", 2, merged_into="idea-0001"),
            card("idea-0003", "Nyhedsbrev", 3),
            card("idea-0004", "Noget upassende", 4, hidden=True),
        ]
    }
    context = Context(cards=cards)
    assert refused(VOTE, ["idea-0004"], context) == "unknown_card"
    # Both halves of a merged pair are one card now: one vote each at most.
    assert refused(VOTE, ["idea-0001", "idea-0002"], context) == "too_many_on_one"
    votes = [
        Answer("v0000001", 10, "vote", ["idea-0002", "idea-0003"]),
        Answer("v0000002", 11, "vote", ["idea-0001"]),
        Answer("v0000003", 12, "vote", ["idea-0003"]),
    ]
    ranking = summarise(VOTE, votes, context)["ranking"]
    assert [(c["answer_id"], c["votes"], c["voters"], c["weight"]) for c in ranking] == [
        ("idea-0001", 2, 2, 2),
        ("idea-0003", 2, 2, 1),
    ]


# actions ----------------------------------------------------------------------------------


def test_an_action_point_needs_what_who_and_a_real_date_not_in_the_past():
    context = Context(today=TODAY)
    good = {"what": " Temaaften ", "who": "Mette", "when": "2026-12-01", "extra": 1}
    assert validate_answer(PLAN, good, context) == {
        "what": "Temaaften",
        "who": "Mette",
        "when": "2026-12-01",
    }
    assert validate_answer(PLAN, {**good, "when": "2026-11-26"}, context)["when"] == "2026-11-26"
    assert refused(PLAN, {**good, "when": "2026-11-25"}, context) == "date_in_past"
    assert refused(PLAN, {**good, "when": "2026-02-30"}, context) == "bad_date"
    assert refused(PLAN, {**good, "when": "1/12/2026"}, context) == "bad_date"
    assert refused(PLAN, {**good, "who": ""}, context) == "empty"
    assert refused(PLAN, {**good, "what": "x" * 301}, context) == "too_long"
    assert refused(PLAN, "Temaaften", context) == "not_an_action"


def test_the_plan_is_the_confirmed_points_sorted_by_deadline_with_names_when_named():
    def action(answer_id, what, when, **flags):
        value = {"what": what, "who": "Ole", "when": when}
        return Answer(answer_id, 1, "plan", value, name="Ole P.", **flags)

    answers = [
        action("a0000001", "Nyhedsbrev", "2027-01-10", confirmed=True),
        action("a0000002", "Temaaften", "2026-12-01", confirmed=True),
        action("a0000003", "Måske senere", "2026-12-05"),
        action("a0000004", "Temaaften igen", "2026-12-02", merged_into="a0000002"),
        action("a0000005", "Skjult", "2026-12-03", hidden=True, confirmed=True),
    ]
    summary = summarise(PLAN, answers)
    assert [i["what"] for i in summary["items"]] == ["Temaaften", "Måske senere", "Nyhedsbrev"]
    assert [i["what"] for i in summary["plan"]] == ["Temaaften", "Nyhedsbrev"]
    assert summary["items"][0]["weight"] == 2 and summary["items"][0]["name"] == "Ole P."
    assert summary["hidden"] == 1


# open, moderation and tables --------------------------------------------------------------


def test_open_cards_fold_merges_mark_highlights_and_count_hidden():
    answers = [
        card("idea-0001", "Temaaften", highlighted=True),
        card("idea-0002", "Tema-aften", merged_into="idea-0001"),
        card("idea-0003", "Bortvist", hidden=True),
    ]
    summary = summarise(IDEAS, answers)
    assert summary["hidden"] == 1
    assert summary["answers"] == [
        {
            "answer_id": "idea-0001",
            "text": "Temaaften",
            "highlighted": True,
            "merged": ["idea-0002"],
            "weight": 2,
            "folded": [],
        }
    ]


def test_results_per_table_split_the_answers_by_the_participants_table():
    answers = [
        Answer("w0000001", 1, "words", ["grøn"], table="t1"),
        Answer("w0000002", 2, "words", ["tryg"], table="t2"),
        Answer("w0000003", 3, "words", ["grøn"], table="t1"),
        Answer("w0000004", 4, "words", ["alene"]),
    ]
    by_table = summarise_by_table(WORDS, answers, ["t1", "t2", "t3"])
    assert by_table["t1"]["words"] == [{"word": "grøn", "count": 2}]
    assert by_table["t2"]["count"] == 1 and by_table["t3"]["count"] == 0


def test_a_vote_must_point_to_an_earlier_open_step():
    from workshop.domain.errors import InvalidDialogue

    with pytest.raises(InvalidDialogue) as raised:
        parse_dialogue(
            {
                "id": "bad",
                "title": "Bad",
                "steps": [
                    {"id": "vote", "kind": "vote", "prompt": "?", "source": "ideas"},
                    {"id": "ideas", "kind": "open", "prompt": "?"},
                ],
            }
        )
    assert [(p.step, p.field, p.code) for p in raised.value.problems] == [
        ("vote", "source", "bad_source")
    ]


def test_a_card_merged_across_tables_is_listed_once_at_its_own_table_with_all_its_weight():
    answers = [
        Answer("idea-0001", 1, "ideas", "Fælles gårdmøder", table="t1"),
        Answer("idea-0002", 2, "ideas", "Gårdmøde hver måned", table="t2", merged_into="idea-0001"),
        Answer("idea-0003", 3, "ideas", "Gårdmøder, gerne", table="t3", merged_into="idea-0002"),
        Answer("idea-0004", 4, "ideas", "Grønne tage", table="t2"),
    ]
    by_table = summarise_by_table(IDEAS, answers, ["t1", "t2", "t3"])
    listed = {
        table: [(c["text"], c["weight"]) for c in s["answers"]] for table, s in by_table.items()
    }
    assert listed == {
        "t1": [("Fælles gårdmøder", 3)],
        "t2": [("Grønne tage", 1)],
        "t3": [],
    }
    total = sum(len(s["answers"]) for s in by_table.values())
    assert total == len(summarise(IDEAS, answers)["answers"])  # no card twice
    # Who answered still counts at their own table.
    assert [by_table[t]["count"] for t in ("t1", "t2", "t3")] == [1, 2, 1]


def test_a_phone_gets_the_marked_and_newest_cards_and_each_table_a_few():
    from workshop.domain.kinds import kind_of
    from workshop.domain.kinds.cards import PHONE_CARDS, PHONE_CARDS_PER_TABLE

    def card(n: int, highlighted: bool = False) -> dict:
        text = f"Idé {n}"
        return {
            "answer_id": f"a{n}",
            "text": text,
            "highlighted": highlighted,
            "merged": [],
            "weight": 1,
        }

    wall = [card(n, highlighted=n in (2, 50)) for n in range(100)]
    few = [card(n) for n in range(3)]
    summary = {
        "kind": "open",
        "count": 40,
        "answers": wall,
        "by_table": {
            "t1": {"kind": "open", "count": 3, "answers": few},
            "t2": {"kind": "open", "count": 9, "answers": wall},
        },
    }
    phones = kind_of("open").for_phones(summary)
    kept = [c["answer_id"] for c in phones["answers"]]
    assert len(kept) == PHONE_CARDS and phones["left_out"] == 100 - PHONE_CARDS
    newest = [f"a{n}" for n in range(100 - (PHONE_CARDS - 2), 100)]
    assert kept == ["a2", "a50", *newest]  # the marked ones, then the newest, in order given
    assert phones["by_table"]["t1"]["answers"] == few and phones["by_table"]["t1"]["left_out"] == 0
    assert len(phones["by_table"]["t2"]["answers"]) == PHONE_CARDS_PER_TABLE
    assert phones["by_table"]["t2"]["left_out"] == 100 - PHONE_CARDS_PER_TABLE
    assert len(summary["answers"]) == 100  # the room's summary is shared: left as it was
    # A wall a phone can show whole goes as it is.
    assert kind_of("open").for_phones({**summary, "answers": few, "by_table": {}})["left_out"] == 0
