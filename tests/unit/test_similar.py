"""Identical answers are one card and similar ones are suggested for merging: whatever answers
arrive, in whatever order, no card is lost or shown twice, and the room's own words decide."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.similar import Suggester, same_answer, suggest
from workshop.domain.word_families import FAMILIES

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import similar as bench  # noqa: E402

# Answers from a housing meeting, some near each other, so generated rooms have groups.
WORDINGS = [
    "Byttemarked for cykler og værktøj",
    "byttemarked med cykler & værktøj i gården",
    "Cykel-byttedag",
    "Byttemarked for børnetøj",
    "Grønne tage på cykelskurene",
    "Grønne tage på fælleshuset",
    "Flere cykelskure",
    "Flere skure til cykler",
    "Fællesspisning en gang om måneden",
    "fællesspisning 1 gang om mdr",
    "Mere fællesskab",
    "Solceller på tagene",
    "solceller på alle tage i afd.",
    "Nyhedsbrev fra bestyr.",
    "Ny legeplads",
    "Renovér legepladsen",
    "Rygeforbud på legepladsen",
    "fartbump ved legepladsen",
    "Fartbump på vejen",
    "Lavere husleje",
    "Huslejen må ikke stige",
    "Bedre belysning langs stien",
    "lys på stierne",
    "naboer hjælper naboer",
    "Nabohjælp",
    "👍",
    "",
]
EMOJI = ["🚲", "🌱", "❤️", "👍🏽", "🎉"]

texts = st.sampled_from(WORDINGS) | st.text(max_size=30)


@st.composite
def rooms(draw, size: int = 14):
    """Cards with ids, some of them the same words typed again another way."""
    chosen = draw(st.lists(texts, max_size=size))
    cards = []
    for n, text in enumerate(chosen):
        if draw(st.booleans()):
            text = draw(retyped(text))
        cards.append((f"c{n}", text))
    return cards


@st.composite
def retyped(draw, text: str):
    """The same answer as another phone types it: case, spacing, punctuation, emoji."""
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.lower()
    if draw(st.booleans()):
        text = "  " + text.replace(" ", "   ") + " "
    text += draw(st.sampled_from(["", "!", ".", "?!", "…"]))
    if draw(st.booleans()):
        text += " " + "".join(draw(st.lists(st.sampled_from(EMOJI), min_size=1, max_size=3)))
    return text


def as_sets(suggestions):
    return {(frozenset(s.cards), s.words) for s in suggestions}


# Identical answers


def test_the_issues_two_wordings_are_one_answer():
    assert same_answer("Byttemarked for cykler og værktøj!") == same_answer(
        "byttemarked  for cykler og værktøj 🚲"
    )
    assert same_answer("Værktøj🚲🚲") == same_answer("værktøj")
    assert same_answer("ﬁre ＡＢＣ") == same_answer("fire abc")  # NFKC: ligature, full width


def test_different_words_and_emoji_only_answers_stay_apart():
    assert same_answer("Grønne tage på cykelskurene") != same_answer("Grønne tage på fælleshuset")
    assert same_answer("👍") == same_answer(" 👍️ ")
    assert same_answer("👍") != same_answer("❤️")
    assert same_answer("") == same_answer("   ") == ""


@given(texts, st.data())
def test_same_answer_is_stable_under_case_space_punctuation_and_emoji(text, data):
    key = same_answer(text)
    assert same_answer(key) == key  # idempotent
    if key and any(ch.isalnum() for ch in key):
        assert same_answer(data.draw(retyped(text))) == key


# Suggestions


def test_the_issues_near_duplicates_are_suggested_together_with_the_words_they_share():
    cards = [
        ("a", "Byttemarked for cykler og værktøj"),
        ("b", "byttemarked med cykler & værktøj i gården"),
        ("c", "Cykel-byttedag"),
        ("d", "Grønne tage på cykelskurene"),
        ("e", "Grønne tage på fælleshuset"),
        ("f", "Byttemarked for børnetøj"),
    ]
    (only,) = suggest(cards)
    assert set(only.cards) == {"a", "b", "c"}
    assert only.label == "byttemarked · cykler"


def test_a_compound_meets_its_words_written_apart():
    (only,) = suggest([("a", "Flere cykelskure"), ("b", "Flere skure til cykler")])
    assert set(only.cards) == {"a", "b"}


@given(rooms())
def test_no_card_is_lost_or_suggested_twice_and_identical_answers_go_together(cards):
    suggestions = suggest(cards)
    suggested = [card for s in suggestions for card in s.cards]
    assert len(suggested) == len(set(suggested))
    assert set(suggested) <= {card_id for card_id, _ in cards}
    group_of = {card: n for n, s in enumerate(suggestions) for card in s.cards}
    for card_id, text in cards:
        for other_id, other in cards:
            if same_answer(text) == same_answer(other):
                assert group_of.get(card_id) == group_of.get(other_id)
    for s in suggestions:
        assert len({same_answer(dict(cards)[c]) for c in s.cards}) >= 2
        assert s.words


@given(rooms(), st.randoms(use_true_random=False))
def test_answers_arriving_one_by_one_in_any_order_give_the_suggestions_of_all_at_once(
    cards, random
):
    arriving = list(cards)
    random.shuffle(arriving)
    suggester = Suggester()
    for card in arriving:
        suggester.add(card)
    assert as_sets(suggester.suggestions()) == as_sets(suggest(cards))


@given(rooms(), st.data())
def test_removing_answers_gives_the_suggestions_of_the_answers_left(cards, data):
    suggester = Suggester(cards)
    gone = data.draw(st.sets(st.sampled_from([c for c, _ in cards]))) if cards else set()
    for card_id in gone:
        suggester.remove(card_id)
    left = [card for card in cards if card[0] not in gone]
    assert as_sets(suggester.suggestions()) == as_sets(suggest(left))


@given(rooms(), st.data())
def test_merging_a_suggested_group_equals_merging_its_cards_one_by_one(cards, data):
    suggestions = suggest(cards)
    if not suggestions:
        return
    group = data.draw(st.sampled_from(suggestions)).cards
    into, rest = group[0], group[1:]
    at_once, one_by_one = Suggester(cards), Suggester(cards)
    after = at_once.merge(into, rest)
    for card_id in rest:
        one_by_one.merge(into, [card_id])
    assert as_sets(after) == as_sets(one_by_one.suggestions())
    assert not any(set(rest) & set(s.cards) for s in after)  # merged cards are gone
    left = [card for card in cards if card[0] not in rest]
    assert as_sets(after) == as_sets(suggest(left))


@given(rooms(), st.data())
def test_a_dismissed_group_is_not_suggested_again_until_another_answer_joins_it(cards, data):
    suggester = Suggester(cards)
    suggestions = suggester.suggestions()
    if not suggestions:
        return
    dismissed = data.draw(st.sampled_from(suggestions))
    after = suggester.dismiss(dismissed.cards)
    keys = {same_answer(dict(cards)[c]) for c in dismissed.cards}
    for s in after:
        assert not {same_answer(dict(cards)[c]) for c in s.cards} <= keys
    # The same words again from another phone do not bring it back ...
    retyped_card = ("again", dict(cards)[dismissed.cards[0]] + "!")
    assert dismissed.cards[0] not in {c for s in suggester.add(retyped_card) for c in s.cards}


def test_a_new_wording_joining_a_dismissed_group_brings_it_back():
    suggester = Suggester([("a", "Flere cykelskure"), ("b", "Flere skure til cykler")])
    assert suggester.dismiss(["a", "b"]) == []
    (back,) = suggester.add(("c", "cykelskure 🚲 flere skure"))
    assert set(back.cards) == {"a", "b", "c"}


# The labelled set


def test_the_labelled_answers_are_suggested_with_the_precision_and_recall_asked():
    """bench/similar_answers.yaml, the tuning half and the held-out half: the issue's
    targets, precision 0.9 and recall 0.7."""
    answers = bench.labelled_answers()
    assert len(answers) >= 200
    for half in bench.halves(answers, seed=23):
        precision, recall, _, _ = bench.quality(half, bench.by_rule)
        assert precision >= 0.9
        assert recall >= 0.7


def test_typed_variants_of_the_labelled_answers_are_not_chained_into_wrong_groups():
    """1,500 answers as phones type them (slips of the keys, "Forslag:", "hurtigst muligt",
    emoji): the phrases many answers share never join their ideas."""
    room = bench.variants(bench.labelled_answers(), 1500, seed=23)
    precision, recall, _, _ = bench.quality(room, bench.by_rule)
    assert precision >= 0.9
    assert recall >= 0.5


def grouped_together(*texts: str) -> bool:
    suggestions = suggest([(str(n), text) for n, text in enumerate(texts)])
    return any(set(s.cards) == {str(n) for n in range(len(texts))} for s in suggestions)


def test_words_a_meeting_uses_for_one_thing_are_one_word():
    """Every two words of a family ("belysning", "lys") make two answers one idea."""
    for family in FAMILIES:
        for one, other in itertools.combinations(family.split(), 2):
            assert grouped_together(f"Flere {one} i gården", f"flere {other} i gården"), (
                one,
                other,
            )


def test_paraphrases_sharing_no_word_are_suggested_together():
    assert grouped_together("Bedre belysning på stierne", "mere lys på stierne om aftenen")
    assert grouped_together("Flere cykelstativer", "Mere cykelparkering")
    assert grouped_together("Julefest for børnene", "juletræsfest")
    assert grouped_together("Nabohjælp", "naboer hjælper naboer 🤝")
    assert grouped_together("Ladestandere til elbiler", "flere ladestandere til el-biler")


def test_what_is_to_be_done_with_a_thing_or_where_adds_no_idea():
    assert grouped_together("Lavere husleje", "Huslejen må ikke stige", "Hold huslejen nede")
    assert grouped_together("Renovér legepladsen", "legepladsen er slidt")
    assert grouped_together("Fartbump på vejen", "fartbump ved legepladsen")


def test_another_thing_to_do_or_another_thing_it_is_done_to_stays_another_idea():
    assert not grouped_together("Renovér legepladsen", "Rygeforbud på legepladsen")
    assert not grouped_together("Grønne tage på cykelskurene", "Grønne tage på fælleshuset")
    assert not grouped_together("Byttemarked for cykler", "Byttemarked for børnetøj")
    assert not grouped_together("Renovering af fælleshuset", "Billigere leje af fælleshuset")
    assert not grouped_together("Ny legeplads", "Fartbump ved legepladsen")


def test_the_wall_and_so_the_report_fold_identical_answers_by_the_same_rule():
    from workshop.domain.answers import Answer
    from workshop.domain.folding import fold

    answers = [
        Answer("a", 1, "ideas", "Byttemarked for cykler og værktøj!"),
        Answer("b", 2, "ideas", "byttemarked  for cykler og værktøj 🚲"),
        Answer("c", 3, "ideas", "Byttemarked for børnetøj"),
    ]
    assert fold(answers).card == {"a": "a", "b": "a", "c": "c"}


def test_an_edited_answer_is_suggested_by_its_new_words():
    suggester = Suggester([("a", "Flere cykelskure"), ("b", "Solceller på tagene")])
    assert suggester.suggestions() == []
    (only,) = suggester.add(("a", "solceller på alle tage i afd."))
    assert set(only.cards) == {"a", "b"}
    assert suggester.add(("a", "Flere cykelskure")) == []
