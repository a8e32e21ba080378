"""Step kinds: each one reads its definition, validates an answer value and summarises answers.

A kind is a small class in the ``KINDS`` registry. Values arrive as decoded JSON and leave
normalised, so what is stored is always what the summary counts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .answers import MAX_TEXT, Answer
from .dialogue import MAX_BODY, MAX_LABEL, Option, Scale, Statement, Step
from .errors import InvalidAnswer

if TYPE_CHECKING:
    from .dialogue import _Reader


def clean_text(value: Any, limit: int = MAX_TEXT) -> str:
    """Strip a text answer of control characters and outer spaces, enforcing the length cap."""
    if not isinstance(value, str):
        raise InvalidAnswer("not_text")
    kept = "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    kept = unicodedata.normalize("NFC", kept).strip()
    if not kept:
        raise InvalidAnswer("empty")
    if len(kept) > limit:
        raise InvalidAnswer("too_long", limit=limit)
    return kept


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def respondents(answers: Iterable[Answer]) -> int:
    return len({answer.participant_id for answer in answers})


class StepKind:
    """The behaviour shared by every kind; subclasses override what differs."""

    name = ""
    answerable = True

    def read_definition(
        self, raw: dict[str, Any], step_id: str, label: str, reader: _Reader
    ) -> Step | None:
        prompt = reader.text(raw, "prompt", label)
        body = reader.text(raw, "body", label, required=False, limit=MAX_BODY)
        return Step(id=step_id, kind=self.name, prompt=prompt, body=body)

    def validate(self, step: Step, value: Any) -> Any:
        raise InvalidAnswer("not_answerable")

    def summarise(self, step: Step, answers: list[Answer]) -> dict[str, Any]:
        return {"kind": self.name, "count": respondents(answers)}


class InfoKind(StepKind):
    """A slide with text; nobody answers it."""

    name = "info"
    answerable = False


class OpenKind(StepKind):
    """Free text; every answer is kept and shown verbatim."""

    name = "open"

    def validate(self, step: Step, value: Any) -> str:
        return clean_text(value)

    def summarise(self, step: Step, answers: list[Answer]) -> dict[str, Any]:
        return {
            "kind": self.name,
            "count": respondents(answers),
            "answers": [{"answer_id": a.answer_id, "text": a.value} for a in answers],
        }


def _read_items(
    raw: dict[str, Any], key: str, text_key: str, label: str, reader: _Reader
) -> list[tuple[str, str]]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        reader.problem(label, key, "required")
        return []
    read: list[tuple[str, str]] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        where = f"{key}[{position}]"
        if not isinstance(item, dict):
            reader.problem(label, where, "not_mapping")
            continue
        item_id = reader.identifier(item.get("id"), label, f"{where}.id")
        if item_id in seen:
            reader.problem(label, f"{where}.id", "duplicate_id")
        seen.add(item_id)
        text = reader.text(item, text_key, label, limit=MAX_LABEL)
        read.append((item_id, text))
    return read


class ChoiceKind(StepKind):
    """Pick one option, or several up to an optional maximum."""

    name = "choice"

    def read_definition(self, raw, step_id, label, reader):
        base = super().read_definition(raw, step_id, label, reader)
        options = tuple(
            Option(i, t) for i, t in _read_items(raw, "options", "label", label, reader)
        )
        multiple = raw.get("multiple", False)
        if not isinstance(multiple, bool):
            reader.problem(label, "multiple", "not_bool")
            multiple = False
        max_choices = raw.get("max_choices")
        if max_choices is not None:
            if (
                isinstance(max_choices, bool)
                or not isinstance(max_choices, int)
                or not 1 <= max_choices <= max(len(options), 1)
            ):
                reader.problem(label, "max_choices", "out_of_range", low=1, high=len(options))
                max_choices = None
            elif not multiple:
                reader.problem(label, "max_choices", "needs_multiple")
        return Step(
            id=base.id,
            kind=self.name,
            prompt=base.prompt,
            body=base.body,
            options=options,
            multiple=multiple,
            max_choices=max_choices,
        )

    def validate(self, step: Step, value: Any) -> list[str]:
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

    def summarise(self, step: Step, answers: list[Answer]) -> dict[str, Any]:
        counts = {option.id: 0 for option in step.options}
        for answer in answers:
            for option_id in answer.value:
                counts[option_id] = counts.get(option_id, 0) + 1
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


class ScaleKind(StepKind):
    """Rate one or several statements on a labelled scale such as 1 to 5."""

    name = "scale"

    def read_definition(self, raw, step_id, label, reader):
        base = super().read_definition(raw, step_id, label, reader)
        statements = tuple(
            Statement(i, t) for i, t in _read_items(raw, "statements", "text", label, reader)
        )
        spec = raw.get("scale") or {}
        if not isinstance(spec, dict):
            reader.problem(label, "scale", "not_mapping")
            spec = {}
        low, high = spec.get("min", 1), spec.get("max", 5)
        if (
            isinstance(low, bool)
            or isinstance(high, bool)
            or not isinstance(low, int)
            or not isinstance(high, int)
            or not (0 <= low < high <= 10)
        ):
            reader.problem(label, "scale", "bad_range")
            low, high = 1, 5
        scale = Scale(
            min=low,
            max=high,
            min_label=reader.text(spec, "min_label", label, required=False, limit=MAX_LABEL),
            max_label=reader.text(spec, "max_label", label, required=False, limit=MAX_LABEL),
        )
        return Step(
            id=base.id,
            kind=self.name,
            prompt=base.prompt,
            body=base.body,
            statements=statements,
            scale=scale,
        )

    def validate(self, step: Step, value: Any) -> dict[str, int]:
        if not isinstance(value, dict) or not value:
            raise InvalidAnswer("no_rating")
        scale = step.scale or Scale()
        known = {statement.id for statement in step.statements}
        for statement_id, rating in value.items():
            if statement_id not in known:
                raise InvalidAnswer("unknown_statement")
            if isinstance(rating, bool) or not isinstance(rating, int):
                raise InvalidAnswer("not_a_rating")
            if not scale.min <= rating <= scale.max:
                raise InvalidAnswer("rating_out_of_range", low=scale.min, high=scale.max)
        return {s.id: value[s.id] for s in step.statements if s.id in value}

    def summarise(self, step: Step, answers: list[Answer]) -> dict[str, Any]:
        scale = step.scale or Scale()
        values = range(scale.min, scale.max + 1)
        statements = []
        for statement in step.statements:
            ratings = [a.value[statement.id] for a in answers if statement.id in a.value]
            count = len(ratings)
            statements.append(
                {
                    "id": statement.id,
                    "text": statement.text,
                    "count": count,
                    "mean": round(sum(ratings) / count, 2) if count else None,
                    "distribution": [
                        {
                            "value": v,
                            "count": ratings.count(v),
                            "percent": percent(ratings.count(v), count),
                        }
                        for v in values
                    ],
                }
            )
        return {
            "kind": self.name,
            "count": respondents(answers),
            "scale": {
                "min": scale.min,
                "max": scale.max,
                "min_label": scale.min_label,
                "max_label": scale.max_label,
            },
            "statements": statements,
        }


KINDS: dict[str, StepKind] = {
    kind.name: kind for kind in (InfoKind(), OpenKind(), ChoiceKind(), ScaleKind())
}


def kind_of(name: str) -> StepKind:
    return KINDS[name]


def validate_answer(step: Step, value: Any) -> Any:
    """The normalised value of an answer to ``step``, or InvalidAnswer saying what is wrong."""
    return kind_of(step.kind).validate(step, value)


def summarise(step: Step, answers: list[Answer]) -> dict[str, Any]:
    """The result summary of ``step`` over the given accepted answers."""
    return kind_of(step.kind).summarise(step, answers)
