"""A word cloud the facilitator tidies: hidden words leave the room's cloud, spelling variants
count as one word, and the suggestions pair only words that are one word spelt two ways."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer, Context
from workshop.domain.kinds import kind_of, summarise, summarise_by_table, validate_answer
from workshop.domain.tools import parse_dialogue
from workshop.domain.word_variants import same_word, variant_groups

TOOL = parse_dialogue(
    {
        "id": "ord",
        "title": "Ord",
        "steps": [{"id": "words", "kind": "wordcloud", "prompt": "Ord?", "max_words": 3}],
    }
)
WORDS = TOOL.steps[0]
CLOUD = kind_of(WORDS.kind)
VOCABULARY = ["grøn", "grønne", "grønt", "affald", "afald", "tryghed", "fællesskab", "🌱", "mod"]


def answers_of(values: list[list[str]], tables: list[str] | None = None) -> list[Answer]:
    return [
        Answer(
            f"w{i:08d}",
            i,
            "words",
            validate_answer(WORDS, value),
            table=tables[i % len(tables)] if tables else None,
        )
        for i, value in enumerate(values)
    ]


def room(answers: list[Answer], tidy: dict | None = None) -> dict[str, int]:
    summary = summarise(WORDS, answers, Context(tidy=tidy or {}))
    return {entry["word"]: entry["count"] for entry in summary["words"]}


def facilitator(answers: list[Answer], tidy: dict) -> dict:
    return CLOUD.moderation_summary(WORDS, answers, Context(tidy=tidy))


given_values = st.lists(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3, unique=True),
    min_size=1,
    max_size=40,
)


@given(values=given_values, word=st.sampled_from(VOCABULARY))
def test_a_hidden_word_never_reaches_the_room_and_showing_it_restores_the_cloud(values, word):
    answers = answers_of(values)
    before = room(answers)
    hidden = room(answers, {"hidden_words": [word]})
    assert word not in hidden
    assert hidden == {w: n for w, n in before.items() if w != word}
    assert room(answers, {}) == before  # shown again: the cloud as it was
    listed = facilitator(answers, {"hidden_words": [word]})["hidden_words"]
    assert listed == [{"word": word, "count": before.get(word, 0)}]


@given(
    values=given_values,
    variants=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4, unique=True),
    into=st.sampled_from(VOCABULARY),
)
def test_a_merge_keeps_every_word_given_and_counts_the_variants_as_their_word(
    values, variants, into
):
    answers = answers_of(values)
    merged = {variant: into for variant in variants if variant != into}
    before, after = room(answers), room(answers, {"merged_words": merged})
    assert sum(after.values()) == sum(before.values())
    assert not set(merged) & set(after)
    if merged:
        assert after.get(into, 0) == sum(before.get(w, 0) for w in (into, *merged))


@given(
    values=given_values,
    hidden=st.lists(st.sampled_from(VOCABULARY), max_size=3, unique=True),
    merged=st.dictionaries(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY), max_size=4),
)
def test_hidden_words_are_left_out_of_every_table_s_cloud_too(values, hidden, merged):
    """Whatever else was merged: a hidden word (or a variant counted as one) is nowhere in
    what the screen and phones get, at no table."""
    answers = answers_of(values, tables=["t1", "t2"])
    tidy = {"hidden_words": hidden, "merged_words": merged}
    context = Context(tidy=tidy)
    clouds = [summarise(WORDS, answers, context)]
    clouds += summarise_by_table(WORDS, answers, ["t1", "t2"], context).values()
    for cloud in clouds:
        assert not {entry["word"] for entry in cloud["words"]} & set(hidden)
        assert all(set(entry) == {"word", "count"} for entry in cloud["words"])


def test_the_facilitator_is_offered_the_spelling_variants_the_room_still_sees():
    answers = answers_of(
        [["grøn", "affald"], ["grønne", "afald"], ["grøn", "grønt"], ["affald"], ["mod"]]
    )
    suggested = facilitator(answers, {})["word_suggestions"]
    assert suggested == [
        {"words": ["grøn", "grønne", "grønt"], "into": "grøn"},
        {"words": ["affald", "afald"], "into": "affald"},
    ]
    tidy = {"merged_words": {"afald": "affald"}, "hidden_words": ["grønt"]}
    view = facilitator(answers, tidy)
    assert view["word_suggestions"] == [{"words": ["grøn", "grønne"], "into": "grøn"}]
    assert view["merged_words"] == {"afald": "affald"}
    assert room(answers, tidy) == {"grøn": 2, "affald": 3, "grønne": 1, "mod": 1}


def test_an_emoji_only_word_is_counted_not_dropped_even_written_with_punctuation():
    answers = answers_of([["🌱"], ["🌱!"], ["‼️"], ["#️⃣"], ["1️⃣", "grøn"], ["❤️"], ["❤"]])
    assert room(answers) == {"🌱": 2, "❤": 2, "‼": 1, "#⃣": 1, "1⃣": 1, "grøn": 1}
    # An emoji is no one's variant: it is only ever itself.
    assert variant_groups(["🌱", "🌿", "❤", "♥"]) == []


# Words a housing meeting gives, in the pairs a facilitator would merge, and those that only
# look alike. Precision first: not one wrong pair.
SAME = """
grøn/grønne grøn/grønt grønne/grønt grøn/grønnere affald/afald affald/affaldet
fællesskab/fælleskab fællesskab/faellesskab fællesskab/fællesskabet cykel/cykler cykel/cyklen
legeplads/legepladser legeplads/legeplad tryghed/trygheden tryg/trygt tryg/trygge
bæredygtig/bæredygtigt bæredygtig/bæredytig grøntsager/grønsager sammenhold/samenhold
vedligeholdelse/vedligholdelse naboer/nabo hus/huse bil/biler fest/festen have/haver
stor/stort god/godt sjov/sjovt rengøring/rengøringen hygge/hyggelig groent/grønt
trappe/trapper hund/hunde lejlighed/lejligheder lejlighed/lejlighd elevator/elevatorer
fællesspisning/fællesspisnig sortering/sorteering skole/skoler mørk/mørke vand/vandet
""".split()
DIFFERENT = """
bil/bio hus/hun hav/have hav/haven fæl/fælles lys/lyst ro/rolig sol/solceller
parkering/markering havedag/havelag sommerfest/vinterfest fællesrum/fælleshus
genbrug/genbrugsstation skrald/skraldespand naboskab/nabo kompost/kompostering
glæde/glad tryghed/trygged planter/planer strand/stand
mad/made leg/lag kage/kaffe varme/vand tillid/tilbud ansvar/ansat
hest/hes post/pos vest/ves kunst/kuns rust/rus fri/fra mod/mad ven/vand
🌱/🌿 2024/2025 grøn/grå stille/stolt plads/plade hal/hale tal/tale mål/måle
leje/lejer udleje/udlejer lære/lærer dyr/dyrt renovering/renovation kontor/kontrol
luft/lugt bænk/bank skur/skud lys/lus vaskeri/bageri maling/måling sommer/sømmer
træning/trækning
""".split()


def test_variants_are_suggested_for_words_spelt_two_ways_and_never_for_look_alikes():
    missed = [pair for pair in SAME if not same_word(*pair.split("/"))]
    wrong = [pair for pair in DIFFERENT if same_word(*pair.split("/"))]
    assert (missed, wrong) == ([], [])


@given(words=st.lists(st.sampled_from([p.split("/")[0] for p in SAME + DIFFERENT]), unique=True))
def test_grouping_never_loses_or_repeats_a_word_and_starts_with_the_most_said(words):
    groups = variant_groups(words)
    grouped = [word for group in groups for word in group]
    assert len(grouped) == len(set(grouped))
    assert set(grouped) <= set(words)
    for group in groups:
        assert [words.index(word) for word in group] == sorted(words.index(w) for w in group)
        assert all(same_word(group[0], word) or len(group) > 2 for word in group)


def test_a_tie_is_merged_into_the_base_word_or_the_full_spelling():
    """Said as often, an inflection goes into its base word and a slip into the spelling
    with every letter: "grøn", not "grønne"; "fællesskab", not "fælleskab"."""
    answers = answers_of([["grønne"], ["grøn"], ["fælleskab"], ["fællesskab"], ["afald", "affald"]])
    suggested = facilitator(answers, {})["word_suggestions"]
    assert sorted(suggestion["into"] for suggestion in suggested) == [
        "affald",
        "fællesskab",
        "grøn",
    ]
