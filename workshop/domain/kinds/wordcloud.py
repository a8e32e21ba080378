"""One to three short words each; the cloud counts how often each word was given."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..stopwords import STOP_WORDS
from ..text import one_line
from .base import StepKind, Summary, respondents

MAX_WORD = 30


def _outer(char: str) -> bool:
    """Punctuation and spaces around a word, which the cloud leaves out ("mod!" is "mod").

    Other symbols stay: an emoji is a word of its own (🌱 given by 64 people is counted 64
    times); signs such as + or $ on the edge of a word go.
    """
    category = unicodedata.category(char)
    return category[0] in "PZ" or (category[0] == "S" and category != "So")


def normalise_word(word: Any) -> str:
    """One word as the cloud counts it: case-folded, single-spaced, no outer punctuation."""
    if not isinstance(word, str):
        raise InvalidAnswer("not_text")
    # Without variation selectors: ❤️ and ❤ are the same word.
    text = one_line(word).casefold().replace("\ufe0f", "").replace("\ufe0e", "")
    start, end = 0, len(text)
    while start < end and _outer(text[start]):
        start += 1
    while end > start and _outer(text[end - 1]):
        end -= 1
    text = text[start:end]
    if len(text) > MAX_WORD:
        raise InvalidAnswer("word_too_long", limit=MAX_WORD)
    return text


class WordCount(TypedDict):
    word: str
    count: int


class WordcloudSummary(Summary):
    words: list[WordCount]  # most frequent first


class WordcloudKind(StepKind):
    """One to three short words each; the cloud counts how often each word was given."""

    name = "wordcloud"
    premoderable = True

    def read_fields(self, raw, label, reader, earlier):
        return {"max_words": reader.number(raw, "max_words", label, 3, 1, 3)}

    def definition(self, step: Step) -> dict[str, Any]:
        return {"max_words": step.max_words}

    def validate(self, step: Step, value: Any, context: Context) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InvalidAnswer("no_words")
        if len(value) > step.max_words:
            raise InvalidAnswer("too_many_words", limit=step.max_words)
        words: list[str] = []
        for raw in value:
            word = normalise_word(raw)
            if word and word not in STOP_WORDS and word not in words:
                words.append(word)
        if not words:
            raise InvalidAnswer("no_words")
        return words

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> WordcloudSummary:
        counts = Counter(word for answer in answers for word in answer.value)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return {
            "kind": self.name,
            "count": respondents(answers),
            "words": [{"word": word, "count": count} for word, count in ranked],
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        return ", ".join(value)
