"""The facilitator tidies a word cloud: hides a word (and shows it again), merges spelling
variants into one word (and undoes it). The decisions are kept with the session
(``session.tidy``), so the screen, the phones and every export count the same cloud."""

from __future__ import annotations

from typing import Any

from ..domain.answers import visible
from ..domain.errors import InvalidAnswer
from ..domain.kinds.wordcloud import counted_as, hidden_words, merged_words, normalise_word
from ..domain.kinds.wordcloud import word_counts as given_words
from ..domain.tidy import MAX_WORDS
from ..storage import SessionRecord, Store
from .errors import Refused
from .events import Event
from .step_tidy import save_step_tidy, step_to_tidy

WORD_ACTIONS = ("hide_word", "show_word", "merge_words", "unmerge_word")
MAX_MERGE = 20  # variants merged by one command
MAX_RAW = 200  # characters of a word as sent, before it is normalised


def tidy_words(store: Store, session: SessionRecord, action: str, payload: dict) -> list[Event]:
    """Carry out one of ``WORD_ACTIONS`` on a word cloud step (default: the current step)."""
    step = step_to_tidy(session, payload, lambda kind: kind.counts_words)
    given = set(given_words(visible(store.answers_for_step(session.id, step.id))))

    def change(entry: dict[str, Any]) -> dict[str, Any]:
        hidden, merged = hidden_words(entry), merged_words(entry)
        _decide(action, payload, given, hidden, merged)
        entry = {key: value for key, value in entry.items() if key not in _WORD_KEYS}
        if hidden:
            entry["hidden_words"] = hidden
        if merged:
            entry["merged_words"] = merged
        return entry

    return save_step_tidy(store, session, step.id, change)


_WORD_KEYS = ("hidden_words", "merged_words")


def _decide(
    action: str, payload: dict, given: set[str], hidden: list[str], merged: dict[str, str]
) -> None:
    """Change ``hidden`` and ``merged`` in place as ``action`` says, or refuse."""
    if action == "hide_word":
        word = _word(payload.get("word"))
        if word not in given and word not in merged.values() and word not in hidden:
            raise Refused("unknown_word")
        if word not in hidden:
            _room_for(hidden)
            merged.pop(word, None)  # a variant hidden on its own no longer counts as its word
            hidden.append(word)
    elif action == "show_word":
        word = _word(payload.get("word"))
        if word not in hidden:
            raise Refused("unknown_word")
        hidden.remove(word)
    elif action == "unmerge_word":
        word = _word(payload.get("word"))
        if word not in merged:
            raise Refused("unknown_word")
        del merged[word]
    elif action == "merge_words":
        _merge(payload, given, hidden, merged)


def _merge(payload: dict, given: set[str], hidden: list[str], merged: dict[str, str]) -> None:
    words = payload.get("words")
    if not isinstance(words, list) or not 1 <= len(words) <= MAX_MERGE:
        raise Refused("bad_payload")
    variants = list(dict.fromkeys(_word(raw) for raw in words))
    into = counted_as(_word(payload.get("into")), merged)  # a variant's word, if merged
    for word in (*variants, into):
        if word not in given and word not in merged.values():
            raise Refused("unknown_word")
    if into in hidden or into in variants or any(word in hidden for word in variants):
        raise Refused("bad_payload")  # into itself, or into (or from) a hidden word
    if len(merged) + len(variants) > MAX_WORDS:
        raise Refused("too_many_tidy_words", limit=MAX_WORDS)
    for variant in variants:
        # The variants merged into this one go along with it: one step to their word.
        for other, target in list(merged.items()):
            if target == variant:
                merged[other] = into
        merged[variant] = into


def _room_for(hidden: list[str]) -> None:
    if len(hidden) >= MAX_WORDS:
        raise Refused("too_many_tidy_words", limit=MAX_WORDS)


def _word(raw: Any) -> str:
    """A word as the cloud counts it (case-folded, without outer punctuation), or refuse."""
    if not isinstance(raw, str) or len(raw) > MAX_RAW:
        raise Refused("bad_payload")
    try:
        word = normalise_word(raw)
    except InvalidAnswer:
        raise Refused("bad_payload") from None
    if not word:
        raise Refused("bad_payload")
    return word
