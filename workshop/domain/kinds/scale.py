"""Rate one or several statements on a labelled scale such as 1 to 5."""

from __future__ import annotations

from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import MAX_LABEL, Scale, Statement, Step
from ..errors import InvalidAnswer
from ..numbers import whole_number
from .base import StepKind, Summary, percent, read_items, respondents


class Bucket(TypedDict):
    value: int
    count: int
    percent: float


class StatementResult(TypedDict):
    id: str
    text: str
    count: int
    mean: float | None
    distribution: list[Bucket]


class ScaleSummary(Summary):
    scale: dict[str, Any]  # min, max, min_label, max_label
    statements: list[StatementResult]


class ScaleKind(StepKind):
    """Rate one or several statements on a labelled scale such as 1 to 5."""

    name = "scale"

    def read_fields(self, raw, label, reader, earlier):
        statements = tuple(
            Statement(i, t) for i, t in read_items(raw, "statements", "text", label, reader)
        )
        spec = raw.get("scale") or {}
        if not isinstance(spec, dict):
            reader.problem(label, "scale", "not_mapping")
            spec = {}
        low, high = spec.get("min", 1), spec.get("max", 5)
        if not (whole_number(low, 0, 10) and whole_number(high, 0, 10) and low < high):
            reader.problem(label, "scale", "bad_range")
            low, high = 1, 5
        scale = Scale(
            min=low,
            max=high,
            min_label=reader.text(spec, "min_label", label, required=False, limit=MAX_LABEL),
            max_label=reader.text(spec, "max_label", label, required=False, limit=MAX_LABEL),
        )
        return {"statements": statements, "scale": scale}

    def definition(self, step: Step) -> dict[str, Any]:
        scale = step.scale or Scale()
        return {
            "statements": [{"id": s.id, "text": s.text} for s in step.statements],
            "scale": {
                "min": scale.min,
                "max": scale.max,
                "min_label": scale.min_label,
                "max_label": scale.max_label,
            },
        }

    def validate(self, step: Step, value: Any, context: Context) -> dict[str, int]:
        if not isinstance(value, dict) or not value:
            raise InvalidAnswer("no_rating")
        scale = step.scale or Scale()
        known = {statement.id for statement in step.statements}
        for statement_id, rating in value.items():
            if statement_id not in known:
                raise InvalidAnswer("unknown_statement")
            if not whole_number(rating):
                raise InvalidAnswer("not_a_rating")
            if not scale.min <= rating <= scale.max:
                raise InvalidAnswer("rating_out_of_range", low=scale.min, high=scale.max)
        return {s.id: value[s.id] for s in step.statements if s.id in value}

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> ScaleSummary:
        scale = step.scale or Scale()
        values = range(scale.min, scale.max + 1)
        statements: list[StatementResult] = []
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
            "scale": self.definition(step)["scale"],
            "statements": statements,
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        texts = {s.id: s.text for s in step.statements}
        return "; ".join(f"{texts.get(key, key)}: {rating}" for key, rating in value.items())

    def cell_names(self, step: Step) -> list[str]:
        return [statement.text for statement in step.statements]

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        texts = {s.id: s.text for s in step.statements}
        return {texts[key]: rating for key, rating in value.items() if key in texts}
