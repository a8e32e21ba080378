"""Answer values as a reader sees them in a spreadsheet, and the votes each idea received."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.answers import Answer, Context, final_card, visible
from ..domain.dialogue import Step
from ..domain.folding import fold
from ..domain.kinds import kind_of
from .kinds import report_part


def readable_value(
    step: Step,
    value: Any,
    cards: dict[str, Answer],
    follow_up: Mapping[str, Any] | None = None,
    tidy: Mapping[str, Any] | None = None,
) -> str:
    """One answer's value in words, as its kind's report part writes it (labels instead of
    ids, in the reader's language); ``tidy`` is the step's tidy entry."""
    context = Context(cards=cards, follow_up=follow_up, tidy=tidy or {})
    return report_part(step.kind).readable(step, value, context)


def card_of(answers: list[Answer], steps: list[Step]) -> dict[str, str]:
    """The card each answer is on, as the room saw it: the card it was merged into, and on
    cards of text the card of its identical answers it was folded into; itself otherwise."""
    by_id = {answer.answer_id: answer for answer in answers}
    found = {answer.answer_id: final_card(answer.answer_id, by_id) for answer in answers}
    by_step: dict[str, list[Answer]] = {}
    for answer in answers:
        by_step.setdefault(answer.step_id, []).append(answer)
    for step in steps:
        if kind_of(step.kind).text_cards and step.id in by_step:
            found.update(fold(visible(by_step[step.id])).card)
    return found


def votes_received(
    answers: list[Answer], steps: list[Step], cards: dict[str, str] | None = None
) -> dict[str, int]:
    """How many votes each idea card got across the steps that vote (merged cards and
    identical answers included: a vote on any answer of a card counts for the card)."""
    cards = card_of(answers, steps) if cards is None else cards
    voting = {step.id for step in steps if kind_of(step.kind).ranked_source(step) is not None}
    counts: dict[str, int] = {}
    for answer in answers:
        if answer.step_id not in voting or answer.hidden:
            continue
        for card_id in answer.value:
            target = cards.get(card_id, card_id)
            counts[target] = counts.get(target, 0) + 1
    return counts


def hidden_from_the_room(answers: list[Answer]) -> set[str]:
    """The answers the room does not see: hidden ones, and those merged into a card that was
    hidden afterwards (hiding a card hides what was folded into it)."""
    shown = {answer.answer_id for answer in visible(answers)}
    return {answer.answer_id for answer in answers if answer.answer_id not in shown}
