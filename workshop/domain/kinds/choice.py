"""Pick one option, or several up to an optional maximum."""

from __future__ import annotations

from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import Option, Step
from ..errors import InvalidAnswer
from .base import StepKind, Summary, options_of, percent, read_items, respondents


class OptionCount(TypedDict):
    id: str
    label: str
    count: int
    percent: float  # of respondents, one decimal


class ChoiceSummary(Summary):
    options: list[OptionCount]


class ChoiceKind(StepKind):
    """Pick one option, or several up to an optional maximum."""

    name = "choice"

    def read_fields(self, raw, label, reader, earlier):
        options = tuple(Option(i, t) for i, t in read_items(raw, "options", "label", label, reader))
        multiple = reader.flag(raw, "multiple", label, False)
        max_choices = reader.number(raw, "max_choices", label, None, 1, max(len(options), 1))
        if max_choices is not None and not multiple:
            reader.problem(label, "max_choices", "needs_multiple")
        return {"options": options, "multiple": multiple, "max_choices": max_choices}

    def definition(self, step: Step) -> dict[str, Any]:
        data: dict[str, Any] = {"options": options_of(step), "multiple": step.multiple}
        if step.max_choices is not None:
            data["max_choices"] = step.max_choices
        return data

    def validate(self, step: Step, value: Any, context: Context) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InvalidAnswer("no_choice")
        known = {option.id for option in step.options}
        if not all(isinstance(v, str) and v in known for v in value):
            raise InvalidAnswer("unknown_option")
        if len(set(value)) != len(value):
            raise InvalidAnswer("repeated_option")
        limit = (step.max_choices or len(step.options)) if step.multiple else 1
        if len(value) > limit:
            raise InvalidAnswer("too_many_choices", limit=limit)
        # Keep the dialogue's order so equal answers are stored equally.
        return [option.id for option in step.options if option.id in value]

    def readable(self, step: Step, value: Any, context: Context) -> str:
        labels = {option.id: option.label for option in step.options}
        return "; ".join(labels.get(option_id, option_id) for option_id in value)

    def cell_names(self, step: Step) -> list[str]:
        return [option.label for option in step.options]

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        # 1 under each option picked: the column sums count the votes.
        labels = {option.id: option.label for option in step.options}
        return {labels[key]: 1 for key in value if key in labels}

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> ChoiceSummary:
        counts = {option.id: 0 for option in step.options}
        for answer in answers:
            for option_id in answer.value:
                if option_id in counts:
                    counts[option_id] += 1
        total = respondents(answers)
        return {
            "kind": self.name,
            "count": total,
            "options": [
                {
                    "id": option.id,
                    "label": option.label,
                    "count": counts[option.id],
                    "percent": percent(counts[option.id], total),
                }
                for option in step.options
            ],
        }
