"""Free text, one answer or a brainstorm of several; shown as cards."""

from __future__ import annotations

from typing import Any

from ..answers import Answer, Context
from ..dialogue import Step
from .base import StepKind, Summary, clean_text, respondents
from .cards import Card, cards


class OpenSummary(Summary):
    answers: list[Card]  # in the order given, merged answers folded in


class OpenKind(StepKind):
    """Free text; in brainstorm mode a participant may give several answers."""

    name = "open"
    premoderable = True
    cards = True
    votable = True

    def read_fields(self, raw, label, reader, earlier):
        return {"max_answers": reader.number(raw, "max_answers", label, 1, 1, 20)}

    def definition(self, step: Step) -> dict[str, Any]:
        return {"max_answers": step.max_answers}

    def answers_allowed(self, step: Step) -> int:
        return step.max_answers

    def validate(self, step: Step, value: Any, context: Context) -> str:
        return clean_text(value)

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> OpenSummary:
        return {"kind": self.name, "count": respondents(answers), "answers": cards(step, answers)}
