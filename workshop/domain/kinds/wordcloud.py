"""One to three short words each; the cloud counts how often each word was given."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..stopwords import STOP_WORDS
from ..text import one_line
from .base import StepKind, Summary, respondents

MAX_WORD = 30


def normalise_word(word: Any) -> str:
    """One word as the cloud counts it: case-folded, single-spaced, no outer punctuation."""
    if not isinstance(word, str):
        raise InvalidAnswer("not_text")
    text = one_line(word).casefold()
    text = re.sub(r"^[\W_]+|[\W_]+$", "", text)
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
