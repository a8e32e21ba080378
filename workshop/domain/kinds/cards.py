"""Answers as cards on a wall, shared by the kinds whose answers are cards (open, vote, actions)."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from ..answers import Answer
from ..dialogue import Step
from ..folding import Folding, fold


class Card(TypedDict):
    """An answer on the wall: merged answers fold into it and add to its weight."""

    answer_id: str
    text: str
    highlighted: bool
    merged: list[str]  # every other answer on the card, merged or folded, in the order given
    weight: int
    # The answers in ``merged`` that are there because they are the same words (cards of text).
    folded: NotRequired[list[str]]
    name: NotRequired[str]  # on steps that are not anonymous


def cards(
    step: Step, answers: list[Answer], identical: bool = False, folding: Folding | None = None
) -> list[Card]:
    """Answers as cards on a wall: merged duplicates fold into the card they were merged into,
    and with ``identical`` (cards of text) answers of the same words are one card
    (``folding``: the answers' folding when it is known already)."""
    folding = folding or fold(answers, identical)
    merged = folding.members(answers)
    shown = []
    card_of = folding.card
    for answer in answers:
        if card_of[answer.answer_id] != answer.answer_id:
            continue
        others = merged.get(answer.answer_id, [])
        card: Card = {
            "answer_id": answer.answer_id,
            "text": answer.value if isinstance(answer.value, str) else "",
            "highlighted": answer.highlighted,
            "merged": others,
            "weight": 1 + len(others),
        }
        if identical:
            card["folded"] = folding.folded.get(answer.answer_id, [])
        if not step.settings.anonymous:
            # An answer given while the step was anonymous stays without a name.
            card["name"] = "" if answer.anonymous else answer.name
        shown.append(card)
    return shown


# A phone shows at most this many cards (the highlighted ones, then the newest), and so many
# per table; the rest are only counted.
PHONE_CARDS = 30
PHONE_CARDS_PER_TABLE = 8


def cards_a_phone_shows(wall: list[Card], limit: int) -> tuple[list[Card], int]:
    """The cards a phone shows, in their order, and how many were left out: every
    highlighted card (up to ``limit``), then the newest until ``limit`` are kept."""
    if len(wall) <= limit:
        return wall, 0
    marked = [card["answer_id"] for card in wall if card["highlighted"]][-limit:]
    newest = [card["answer_id"] for card in reversed(wall) if not card["highlighted"]]
    keep = set(marked) | set(newest[: limit - len(marked)])
    kept = [card for card in wall if card["answer_id"] in keep]
    return kept, len(wall) - len(kept)
