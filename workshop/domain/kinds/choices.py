"""Kinds over fixed options: pick (choice), rate (scale) and share out a budget (points)."""

from __future__ import annotations

from typing import Any

from ..answers import Answer, Context
from ..dialogue import MAX_LABEL, Option, Scale, Statement, Step
from ..errors import InvalidAnswer
from .base import StepKind, percent, read_items, respondents


def _options(step: Step) -> list[dict[str, str]]:
    return [{"id": o.id, "label": o.label} for o in step.options]


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
        data: dict[str, Any] = {"options": _options(step), "multiple": step.multiple}
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

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> dict[str, Any]:
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
            if isinstance(rating, bool) or not isinstance(rating, int):
                raise InvalidAnswer("not_a_rating")
            if not scale.min <= rating <= scale.max:
                raise InvalidAnswer("rating_out_of_range", low=scale.min, high=scale.max)
        return {s.id: value[s.id] for s in step.statements if s.id in value}

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> dict[str, Any]:
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
            "scale": self.definition(step)["scale"],
            "statements": statements,
        }


class PointsKind(StepKind):
    """Share out a fixed budget (100 points, or 5 dots) across the options; all of it."""

    name = "points"

    def read_fields(self, raw, label, reader, earlier):
        options = tuple(Option(i, t) for i, t in read_items(raw, "options", "label", label, reader))
        return {"options": options, "budget": reader.number(raw, "budget", label, 100, 1, 1000)}

    def definition(self, step: Step) -> dict[str, Any]:
        return {"options": _options(step), "budget": step.budget}

    def validate(self, step: Step, value: Any, context: Context) -> dict[str, int]:
        if not isinstance(value, dict) or not value:
            raise InvalidAnswer("no_points")
        known = {option.id for option in step.options}
        for option_id, points in value.items():
            if option_id not in known:
                raise InvalidAnswer("unknown_option")
            if isinstance(points, bool) or not isinstance(points, int) or points < 0:
                raise InvalidAnswer("bad_points")
        total = sum(value.values())
        if total != step.budget:
            raise InvalidAnswer("wrong_total", budget=step.budget, total=total)
        return {o.id: value[o.id] for o in step.options if value.get(o.id)}

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> dict[str, Any]:
        totals = {option.id: 0 for option in step.options}
        for answer in answers:
            for option_id, points in answer.value.items():
                if option_id in totals:
                    totals[option_id] += points
        given = sum(totals.values())
        count = respondents(answers)
        return {
            "kind": self.name,
            "count": count,
            "budget": step.budget,
            "options": [
                {
                    "id": option.id,
                    "label": option.label,
                    "points": totals[option.id],
                    "percent": percent(totals[option.id], given),
                    "mean": round(totals[option.id] / count, 2) if count else None,
                }
                for option in step.options
            ],
        }
