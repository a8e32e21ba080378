"""Share out a fixed budget (100 points, or 5 dots) across the options."""

from __future__ import annotations

from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..fields import Number, Words
from ..numbers import whole_number
from .base import StepKind, Summary, options_field, options_of, percent, respondents


class OptionPoints(TypedDict):
    id: str
    label: str
    points: int
    percent: float  # of all points given
    mean: float | None  # per participant


class PointsSummary(Summary):
    budget: int
    options: list[OptionPoints]


class PointsKind(StepKind):
    """Share out a fixed budget (100 points, or 5 dots) across the options; all of it."""

    name = "points"

    fields = (
        options_field(Words("What the points are shared out on.", "Det, pointene fordeles på.")),
        Number(
            name="budget",
            label=Words("Points each", "Point pr. deltager"),
            help=Words(
                "The points each participant shares out, all of them (100, or 5 dots).",
                "De point, hver deltager fordeler, alle sammen (100, eller 5 prikker).",
            ),
            low=1,
            high=1000,
            default=100,
            danish=("point", "pulje", "antal_point", "prikker"),
        ),
    )

    def definition(self, step: Step) -> dict[str, Any]:
        return {"options": options_of(step), "budget": step.fields["budget"]}

    def validate(self, step: Step, value: Any, context: Context) -> dict[str, int]:
        if not isinstance(value, dict) or not value:
            raise InvalidAnswer("no_points")
        known = {option.id for option in step.fields["options"]}
        for option_id, points in value.items():
            if option_id not in known:
                raise InvalidAnswer("unknown_option")
            if not whole_number(points, 0):
                raise InvalidAnswer("bad_points")
        total = sum(value.values())
        if total != step.fields["budget"]:
            raise InvalidAnswer("wrong_total", budget=step.fields["budget"], total=total)
        return {o.id: value[o.id] for o in step.fields["options"] if value.get(o.id)}

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> PointsSummary:
        totals = {option.id: 0 for option in step.fields["options"]}
        for answer in answers:
            for option_id, points in answer.value.items():
                if option_id in totals:
                    totals[option_id] += points
        given = sum(totals.values())
        count = respondents(answers)
        return {
            "kind": self.name,
            "count": count,
            "budget": step.fields["budget"],
            "options": [
                {
                    "id": option.id,
                    "label": option.label,
                    "points": totals[option.id],
                    "percent": percent(totals[option.id], given),
                    "mean": round(totals[option.id] / count, 2) if count else None,
                }
                for option in step.fields["options"]
            ],
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        labels = {option.id: option.label for option in step.fields["options"]}
        return "; ".join(f"{labels.get(key, key)}: {points}" for key, points in value.items())

    def cell_names(self, step: Step) -> list[str]:
        return [option.label for option in step.fields["options"]]

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        labels = {option.id: option.label for option in step.fields["options"]}
        return {labels[key]: points for key, points in value.items() if key in labels}
