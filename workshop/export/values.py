"""Answer values as a reader sees them in a spreadsheet: labels instead of ids, one line each."""

from __future__ import annotations

from typing import Any

from ..domain.answers import Answer, final_card
from ..domain.dialogue import Step


def readable_value(step: Step, value: Any, cards: dict[str, Answer]) -> str:
    """One answer's value in words: option labels, ratings by statement, voted ideas."""
    labels = {option.id: option.label for option in step.options}
    if step.kind == "choice":
        return "; ".join(labels.get(option_id, option_id) for option_id in value)
    if step.kind == "scale":
        texts = {s.id: s.text for s in step.statements}
        return "; ".join(f"{texts.get(key, key)}: {rating}" for key, rating in value.items())
    if step.kind == "points":
        return "; ".join(f"{labels.get(key, key)}: {points}" for key, points in value.items())
    if step.kind == "wordcloud":
        return ", ".join(value)
    if step.kind == "vote":
        voted = []
        for card_id in value:
            card = cards.get(final_card(card_id, cards))
            voted.append(card.value if card is not None else card_id)
        return "; ".join(voted)
    if step.kind == "actions":
        return f"{value['what']} — {value['who']} — {value['when']}"
    return str(value)


def votes_received(answers: list[Answer], steps: list[Step]) -> dict[str, int]:
    """How many votes each idea card got across the vote steps (merged cards included)."""
    by_id = {answer.answer_id: answer for answer in answers}
    vote_steps = {step.id for step in steps if step.kind == "vote"}
    counts: dict[str, int] = {}
    for answer in answers:
        if answer.step_id not in vote_steps or answer.hidden:
            continue
        for card_id in answer.value:
            target = final_card(card_id, by_id)
            counts[target] = counts.get(target, 0) + 1
    return counts
