"""Answers as cards on a wall, shared by the kinds whose answers are cards (open, vote, actions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NotRequired, TypedDict

from ..answers import Answer
from ..dialogue import Step
from ..folding import Folding, answer_key, fold, merge_root


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
    card_of = folding.card
    return [
        _card(
            step,
            answer,
            merged.get(answer.answer_id, []),
            folding.folded.get(answer.answer_id, []) if identical else None,
        )
        for answer in answers
        if card_of[answer.answer_id] == answer.answer_id
    ]


def _card(step: Step, answer: Answer, others: list[str], folded: list[str] | None) -> Card:
    """The card ``answer`` leads, with the ``others`` on it (``folded``: cards of text)."""
    card: Card = {
        "answer_id": answer.answer_id,
        "text": answer.value if isinstance(answer.value, str) else "",
        "highlighted": answer.highlighted,
        "merged": others,
        "weight": 1 + len(others),
    }
    if folded is not None:
        card["folded"] = folded
    if not step.settings.anonymous:
        # An answer given while the step was anonymous stays without a name.
        card["name"] = "" if answer.anonymous else answer.name
    return card


@dataclass
class Wall:
    """What it takes to add an answer to a wall of cards without reading the others: where
    each card is, the card that says each text (cards of text), who answered."""

    place: dict[str, int]  # card id -> its index on the wall
    says: dict[str, str]  # an answer's key (``folding.answer_key``) -> the card it is on
    people: set[int]


def wall_of(answers: list[Answer], wall: list[Card], identical: bool) -> Wall:
    """The ``Wall`` of ``wall``, the cards ``cards`` made of ``answers`` (the visible ones)."""
    place = {card["answer_id"]: n for n, card in enumerate(wall)}
    says: dict[str, str] = {}
    if identical:
        by_id = {answer.answer_id: answer for answer in answers}
        on = {answer_id: card["answer_id"] for card in wall for answer_id in card["merged"]}
        for answer in answers:
            # As ``fold`` reads them: an answer pulled apart says nothing, nor does one
            # merged into an answer pulled apart.
            if answer.apart:
                continue
            root = merge_root(answer.answer_id, by_id) if answer.merged_into else answer.answer_id
            if root != answer.answer_id and by_id[root].apart:
                continue
            key = answer_key(answer.value)
            if key and key not in says:
                says[key] = on.get(answer.answer_id, answer.answer_id)
    return Wall(place, says, {answer.participant_id for answer in answers})


def add_cards(
    step: Step, wall: list[Card], tally: Wall, added: list[Answer], identical: bool
) -> list[Card]:
    """``wall`` with ``added`` on it, as ``cards`` would make it of all the answers, when the
    added answers came last and were given as a phone gives them (not hidden, merged, pulled
    apart or highlighted). ``wall`` and its cards are left as they were; ``tally`` follows."""
    wall = list(wall)
    for answer in added:
        tally.people.add(answer.participant_id)
        key = answer_key(answer.value) if identical else ""
        card_id = tally.says.get(key) if key else None
        if card_id is None:
            if key:
                tally.says[key] = answer.answer_id
            tally.place[answer.answer_id] = len(wall)
            wall.append(_card(step, answer, [], [] if identical else None))
            continue
        # The same words as a card on the wall: the answer is folded into it.
        n = tally.place[card_id]
        card = dict(wall[n])
        card["merged"] = [*card["merged"], answer.answer_id]
        card["weight"] = card["weight"] + 1
        card["folded"] = [*card.get("folded", ()), answer.answer_id]
        wall[n] = card  # type: ignore[assignment]
    return wall


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
