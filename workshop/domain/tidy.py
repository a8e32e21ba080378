"""The facilitator's tidy decisions on a session's steps, kept with the session.

One entry per step id, holding what applies to that step's kind: ``dismissed`` (groups of
answer ids an open step's suggestions no longer offer), ``hidden_words`` and
``merged_words`` (a word cloud's hidden words, and its spelling variants counted with
another word). ``checked`` reads them from elsewhere (an imported file) within fixed bounds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_STEPS = 1000  # a dialogue tool has far fewer
MAX_DISMISSED = 2000  # dismissed groups on one step
MAX_GROUP = 500  # cards in one dismissed group (as many as one batch command names)
MAX_WORDS = 5000  # hidden or merged words on one step
MAX_WORD = 100  # characters of a word (a word cloud takes far shorter ones)


class BadTidy(ValueError):
    """Tidy decisions read from elsewhere are not shaped like them: ``where`` names the field
    (positions counted from 0), ``reason`` says what is wrong."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(where, reason)
        self.where = where
        self.reason = reason


def entry_of(tidy: Mapping[str, Any] | None, step_id: str) -> Mapping[str, Any]:
    """One step's entry, empty when nothing was decided on it."""
    found = (tidy or {}).get(step_id)
    return found if isinstance(found, Mapping) else {}


def dismissed_groups(entry: Mapping[str, Any]) -> list[frozenset[str]]:
    """The groups dismissed on a step, each as the set of its answer ids."""
    return [frozenset(group) for group in entry.get("dismissed") or ()]


def checked(value: Any, steps: set[str]) -> dict[str, dict[str, Any]]:
    """``value`` as tidy decisions on ``steps``, or BadTidy saying where it is wrong."""
    if value is None:
        return {}
    tidy = _mapping(value, "tidy", MAX_STEPS)
    result: dict[str, dict[str, Any]] = {}
    for step_id, raw in tidy.items():
        where = f"tidy.{step_id[:40]}"
        if step_id not in steps:
            raise BadTidy(where, "is not a step of the dialogue tool")
        entry = _mapping(raw, where, 10)
        kept: dict[str, Any] = {}
        for key, item in entry.items():
            if key == "dismissed":
                kept[key] = _dismissed(item, f"{where}.dismissed")
            elif key == "hidden_words":
                kept[key] = _words(item, f"{where}.hidden_words")
            elif key == "merged_words":
                kept[key] = _merged_words(item, f"{where}.merged_words")
            else:
                raise BadTidy(
                    f"{where}.{key[:40]}", "is not dismissed, hidden_words or merged_words"
                )
        if kept:
            result[step_id] = kept
    return result


def _mapping(value: Any, where: str, limit: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadTidy(where, "must be an object")
    if len(value) > limit:
        raise BadTidy(where, f"has over {limit:,} entries")
    return value


def _listed(value: Any, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise BadTidy(where, "must be a list")
    if len(value) > limit:
        raise BadTidy(where, f"has over {limit:,} entries")
    return value


def _dismissed(value: Any, where: str) -> list[list[str]]:
    groups = []
    for position, raw in enumerate(_listed(value, where, MAX_DISMISSED)):
        at = f"{where}[{position}]"
        group = _listed(raw, at, MAX_GROUP)
        for index, answer_id in enumerate(group):
            if not isinstance(answer_id, str) or not ANSWER_ID.fullmatch(answer_id):
                raise BadTidy(f"{at}[{index}]", "must be an answer id")
        if len(set(group)) != len(group) or len(group) < 2:
            raise BadTidy(at, "must name two or more different answers")
        groups.append(list(group))
    return groups


def _word(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_WORD:
        raise BadTidy(where, f"must be a word of 1 to {MAX_WORD} characters")
    return value


def _words(value: Any, where: str) -> list[str]:
    words = [_word(raw, f"{where}[{i}]") for i, raw in enumerate(_listed(value, where, MAX_WORDS))]
    if len(set(words)) != len(words):
        raise BadTidy(where, "has the same word twice")
    return words


def _merged_words(value: Any, where: str) -> dict[str, str]:
    merged = {}
    for variant, into in _mapping(value, where, MAX_WORDS).items():
        at = f"{where}.{variant[:40]}"
        merged[_word(variant, at)] = _word(into, at)
    return merged
