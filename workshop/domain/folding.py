"""Which card each answer is on: the facilitator's merges, then identical answers as one card.

Answers with the same words (``identical.same_answer``) are one card, so the room sees an
idea once and a vote on it is never split by wording. The rule: an answer merged by the
facilitator is on the card it was merged into; cards on which two answers say the same words
(a card's own answer, or one merged into it) are one card, led by the earliest of them, with
whatever the facilitator had merged into each. So a later answer of the same words as one
merged into card C is on C too. An answer pulled apart (``apart``) never folds and never leads
a fold, nor do the answers merged into it; the facilitator may still merge it by hand.

Pure: no Flask, no storage. ``same_answer`` is kept per text (bounded), since every summary
asks it of every answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .answers import Answer
from .identical import same_answer

KEYS_KEPT = 65_536  # texts whose key is kept: the answers of the largest meetings, twice


@lru_cache(maxsize=KEYS_KEPT)
def _key(text: str) -> str:
    return same_answer(text)


def answer_key(value: Any) -> str:
    """The key under which a text answer is one card with its identical ones; "" for a value
    that is not text (never folded)."""
    return _key(value) if isinstance(value, str) else ""


@dataclass(frozen=True)
class Folding:
    """``card``: every answer id with the id of the card it is on (a card's id is the id of
    the answer that leads it). ``folded``: per card, the answers folded into it because they
    are the same words (each leading what the facilitator had merged into it)."""

    card: dict[str, str] = field(default_factory=dict)
    folded: dict[str, list[str]] = field(default_factory=dict)

    def members(self, answers: Iterable[Answer]) -> dict[str, list[str]]:
        """Per card, the other answers on it, in the order given."""
        found: dict[str, list[str]] = {}
        for answer_id, card in self.card.items():
            if card != answer_id:
                found.setdefault(card, []).append(answer_id)
        return found


def merge_root(answer_id: str, by_id: Mapping[str, Answer]) -> str:
    """The answer whose card the facilitator's merges put ``answer_id`` on: merges followed
    while they lead to an answer in ``by_id`` (they never loop; a loop stops where it began)."""
    seen = {answer_id}
    while True:
        target = by_id[answer_id].merged_into
        if not target or target not in by_id or target in seen:
            return answer_id
        seen.add(target)
        answer_id = target


def fold(answers: Sequence[Answer], identical: bool = True) -> Folding:
    """The card of each of ``answers`` (the answers a wall shows, in the order given); with
    ``identical`` false only the facilitator's merges count (cards that are not text).

    Asked of every answer at every summary: one pass, and cards are joined only where two
    say the same words."""
    by_id = {answer.answer_id: answer for answer in answers}
    roots = {
        answer.answer_id: merge_root(answer.answer_id, by_id)
        if answer.merged_into
        else answer.answer_id
        for answer in answers
    }
    if not identical:
        return Folding(card=roots)
    # Cards joined because an answer on one says the same words as one on another: each
    # points to the card it joined, and the earliest card of a group leads it.
    leader: dict[str, str] = {}
    position: dict[str, int] = {}

    def find(root: str) -> str:
        while root in leader:
            root = leader[root]
        return root

    said: dict[str, str] = {}  # key -> a card that says it
    for answer in answers:
        if answer.apart:
            continue
        root = roots[answer.answer_id]
        if root != answer.answer_id and by_id[root].apart:
            continue  # what is merged into an answer pulled apart leads no fold either
        value = answer.value
        key = _key(value) if isinstance(value, str) else ""
        if not key:
            continue
        other = said.setdefault(key, root)
        if other == root:
            continue
        first, second = find(other), find(root)
        if first != second:
            if not position:
                position.update((a.answer_id, n) for n, a in enumerate(answers))
            early, late = sorted((first, second), key=position.__getitem__)
            leader[late] = early
    if not leader:
        return Folding(card=roots)
    folded: dict[str, list[str]] = {}
    for answer_id, root in roots.items():
        if answer_id == root and root in leader:
            folded.setdefault(find(root), []).append(root)
    return Folding(
        card={answer_id: find(root) for answer_id, root in roots.items()},
        folded=folded,
    )


def folded_twins(answer_id: str, answers: Sequence[Answer]) -> list[str]:
    """The answers folded into the card ``answer_id`` leads among ``answers`` because they
    are the same words (what the facilitator merged into them goes with them); none when it
    leads no card there."""
    folding = fold(answers)
    if folding.card.get(answer_id) != answer_id:
        return []
    return list(folding.folded.get(answer_id, ()))
