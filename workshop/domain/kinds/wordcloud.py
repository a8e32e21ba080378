"""One to three short words each; the cloud counts how often each word was given.

The facilitator may tidy the cloud (``Context.tidy``): a hidden word is left out for
everyone, and a spelling variant merged into another word counts as that word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NotRequired, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..fields import Number, Words
from ..stopwords import STOP_WORDS
from ..text import one_line
from ..word_variants import most_said_first, variant_groups
from .base import KindDoc, StepKind, Summary, respondents, sample_room

MAX_WORD = 30
MAX_SUGGESTIONS = 30  # spelling variants offered at once, the most said first
# Emoji written with punctuation: "‼️" and "⁉️" are words of their own, not punctuation.
EMOJI_MARKS = frozenset("\u203c\u2049\u3030\u303d")
KEYCAP = "\u20e3"  # "#️⃣", "1️⃣": the sign before it is part of the emoji


def _outer(char: str) -> bool:
    """Punctuation and spaces around a word, which the cloud leaves out ("mod!" is "mod").

    Other symbols stay: an emoji is a word of its own (🌱 given by 64 people is counted 64
    times); signs such as + or $ on the edge of a word go.
    """
    if char in EMOJI_MARKS:
        return False
    category = unicodedata.category(char)
    return category[0] in "PZ" or (category[0] == "S" and category != "So")


def normalise_word(word: Any) -> str:
    """One word as the cloud counts it: case-folded, single-spaced, no outer punctuation."""
    if not isinstance(word, str):
        raise InvalidAnswer("not_text")
    # Without variation selectors: ❤️ and ❤ are the same word.
    text = one_line(word).casefold().replace("\ufe0f", "").replace("\ufe0e", "")
    start, end = 0, len(text)
    while start < end and _outer(text[start]) and text[start + 1 : start + 2] != KEYCAP:
        start += 1
    while end > start and _outer(text[end - 1]):
        end -= 1
    text = text[start:end]
    if len(text) > MAX_WORD:
        raise InvalidAnswer("word_too_long", limit=MAX_WORD)
    return text


# What a sample room says of its estate: each person's words, the first said most.
SAMPLE = (
    Words("community safety green", "fællesskab tryghed grønt"),
    Words("neighbours community", "naboer fællesskab"),
    Words("green noise", "grønt larm"),
    Words("community safety children", "fællesskab tryghed børn"),
    Words("cosy", "hyggeligt"),
    Words("community green", "fællesskab grønt"),
    Words("neighbours parking", "naboer parkering"),
    Words("home", "hjem"),
)


class WordCount(TypedDict):
    word: str
    count: int


class WordSuggestion(TypedDict):
    words: list[str]  # the most said first
    into: str


class WordcloudSummary(Summary):
    words: list[WordCount]  # most frequent first; hidden words left out, variants merged
    hidden_words: NotRequired[list[WordCount]]  # the facilitator's view only
    merged_words: NotRequired[dict[str, str]]  # the facilitator's view only
    word_suggestions: NotRequired[list[WordSuggestion]]  # the facilitator's view only


def hidden_words(tidy: Mapping[str, Any]) -> list[str]:
    """The words the facilitator hid from the cloud, in the order hidden."""
    return [word for word in tidy.get("hidden_words") or () if isinstance(word, str)]


def merged_words(tidy: Mapping[str, Any]) -> dict[str, str]:
    """The spelling variants the facilitator merged, each with the word it counts as."""
    merged = tidy.get("merged_words") or {}
    return {
        variant: into
        for variant, into in merged.items()
        if isinstance(variant, str) and isinstance(into, str) and variant != into
    }


def counted_as(word: str, merged: Mapping[str, str]) -> str:
    """The word a given word counts as: itself, or the word its variant was merged into."""
    seen = {word}
    while word in merged and merged[word] not in seen:
        word = merged[word]
        seen.add(word)
    return word


def word_counts(answers: Iterable[Answer]) -> Counter[str]:
    """How often each word was given, as written (before the facilitator's tidying)."""
    return Counter(word for answer in answers for word in answer.value)


def tidied(counts: Mapping[str, int], tidy: Mapping[str, Any]) -> list[WordCount]:
    """The cloud as the room sees it: variants counted with the word they were merged
    into, hidden words (and the variants merged into them) left out; most said first."""
    hidden, merged = set(hidden_words(tidy)), merged_words(tidy)
    shown: Counter[str] = Counter()
    for word, count in counts.items():
        into = counted_as(word, merged)
        if word not in hidden and into not in hidden:
            shown[into] += count
    ranked = sorted(shown.items(), key=lambda item: (-item[1], item[0]))
    return [{"word": word, "count": count} for word, count in ranked]


class WordcloudKind(StepKind):
    """One to three short words each; the cloud counts how often each word was given."""

    name = "wordcloud"
    title = Words("Word cloud", "Ordsky")
    description = Words(
        "Everyone gives one to three short words; the more people give the same word, the "
        "bigger it stands in the cloud.",
        "Alle giver et til tre korte ord, og jo flere der giver det samme ord, jo større står "
        "det i skyen.",
    )
    example = Words(
        "Which word describes our estate as it is today?",
        "Hvilket ord beskriver vores afdeling, som den er i dag?",
    )
    # What its scripts ask for by key (static/js/kinds/wordcloud*.js).
    words = MappingProxyType(
        {
            "times_one": Words("given once", "givet én gang"),
            "times_other": Words("given {n} times", "givet {n} gange"),
            "words_hint": Words("Write up to {n} short words.", "Skriv op til {n} korte ord."),
            "words_hint_one": Words("Write one short word.", "Skriv ét kort ord."),
            "word_n": Words("Word {n}", "Ord {n}"),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "word_too_long": Words(
                "A word can be at most %(limit)s characters.",
                "Et ord må højst være %(limit)s tegn.",
            ),
            "no_words": Words(
                "Write at least one word that says something (not only words like 'and').",
                "Skriv mindst ét ord, der siger noget (ikke kun ord som 'og').",
            ),
            "too_many_words": Words("Give at most %(limit)s words.", "Giv højst %(limit)s ord."),
        }
    )
    order = 50
    doc = KindDoc(
        adds="`max_words` (1 to 3)",
        value=(
            '`["word", …]`: 1 to `max_words` words of at most 30 characters; case-folded, spaces '
            "collapsed, outer punctuation dropped (an emoji is a word of its own, ‼️ and keycaps "
            "such as #️⃣ too; variation selectors are dropped, so ❤️ and ❤ are one word), Danish "
            "and English stop words left out (at least one word must remain)"
        ),
        summary=(
            '`{"words": [{"word", "count"}]}`, most frequent first, without hidden words, merged '
            "variants counted as their word (`hide_word`, `merge_words`)"
        ),
    )
    limits = MappingProxyType({"word": MAX_WORD})
    premoderable = True
    counts_words = True

    fields = (
        Number(
            name="max_words",
            label=Words("Words each", "Ord pr. deltager"),
            help=Words(
                "How many words one participant may give.", "Hvor mange ord hver deltager må give."
            ),
            low=1,
            high=3,
            default=3,
            danish=("maks_ord", "max_ord", "antal_ord", "ord"),
        ),
    )

    def definition(self, step: Step) -> dict[str, Any]:
        return {"max_words": step.fields["max_words"]}

    def validate(self, step: Step, value: Any, context: Context) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InvalidAnswer("no_words")
        if len(value) > step.fields["max_words"]:
            raise InvalidAnswer("too_many_words", limit=step.fields["max_words"])
        words: list[str] = []
        for raw in value:
            word = normalise_word(raw)
            if word and word not in STOP_WORDS and word not in words:
                words.append(word)
        if not words:
            raise InvalidAnswer("no_words")
        return words

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> WordcloudSummary:
        return {
            "kind": self.name,
            "count": respondents(answers),
            "words": tidied(word_counts(answers), context.tidy),
        }

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Eight people's words about their estate, a few given by several."""
        most = step.fields["max_words"]
        return sample_room(step, [words.get(language).split()[:most] for words in SAMPLE])

    def typical_minutes(self, step: Step) -> float:
        """A minute to write, a few to look at the cloud together."""
        return 4.0

    def moderation_summary(
        self, step: Step, answers: list[Answer], context: Context
    ) -> dict[str, Any]:
        """The hidden words with how often they were given (to show one again), the merged
        variants (to undo a merge) and the spelling variants not merged yet."""
        counts, tidy = word_counts(answers), context.tidy
        hidden, merged = hidden_words(tidy), merged_words(tidy)
        untidy: Counter[str] = Counter()
        for word, count in counts.items():
            untidy[counted_as(word, merged)] += count
        shown = {entry["word"]: entry["count"] for entry in tidied(counts, tidy)}
        # The groups that stand for the most words first.
        groups = [most_said_first(group, shown) for group in variant_groups(shown)]
        groups.sort(key=lambda group: -sum(map(shown.get, group)))
        return {
            "hidden_words": [{"word": word, "count": untidy[word]} for word in hidden],
            "merged_words": merged,
            "word_suggestions": [
                {"words": group, "into": group[0]} for group in groups[:MAX_SUGGESTIONS]
            ],
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        return ", ".join(value)
