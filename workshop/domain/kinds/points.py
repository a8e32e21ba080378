"""Share out a fixed budget (100 points, or 5 dots) across the options."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..fields import Number, Words
from ..numbers import whole_number
from .base import (
    Counted,
    CountsEachAnswer,
    KindDoc,
    StepKind,
    Summary,
    options_field,
    options_of,
    percent,
    sample_room,
)


class OptionPoints(TypedDict):
    id: str
    label: str
    points: int
    percent: float  # of all points given
    mean: float | None  # per participant


class PointsSummary(Summary):
    budget: int
    options: list[OptionPoints]


class PointsKind(CountsEachAnswer, StepKind):
    """Share out a fixed budget (100 points, or 5 dots) across the options; all of it."""

    name = "points"
    title = Words("Points", "Point")
    description = Words(
        "Everyone shares out a fixed number of points (such as 100, or 5 dots) between the "
        "options, to show what matters most to them.",
        "Alle fordeler et fast antal point (fx 100 eller 5 prikker) mellem mulighederne for at "
        "vise, hvad der betyder mest for dem.",
    )
    example = Words(
        "Share out 100 points: which green project should the estate spend its money on?",
        "Fordel 100 point: hvilket grønt projekt skal afdelingen bruge pengene på?",
    )
    # What its scripts ask for by key (static/js/kinds/points*.js).
    words = MappingProxyType(
        {
            "points_n": Words("{n} points", "{n} point"),
            "dots_one": Words("1 dot", "1 prik"),
            "dots_other": Words("{n} dots", "{n} prikker"),
            "points_hint": Words(
                "Share out all {budget} points between the options.",
                "Fordel alle {budget} point mellem mulighederne.",
            ),
            "points_left": Words("{n} of {budget} points left", "{n} af {budget} point tilbage"),
            "dots_hint": Words(
                "Place all your {budget} dots on the options you support.",
                "Sæt alle dine {budget} prikker på de muligheder, du støtter.",
            ),
            "dots_left": Words("{n} of {budget} dots left", "{n} af {budget} prikker tilbage"),
            "points_capped": Words(
                "Only {what} left, so the number was lowered to {n}.",
                "Der er kun {what} tilbage, så tallet blev sat ned til {n}.",
            ),
            "less_for": Words("Fewer for {label}", "Færre til {label}"),
            "more_for": Words("More for {label}", "Flere til {label}"),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "no_points": Words(
                "Give your points to at least one option.",
                "Giv dine point til mindst én svarmulighed.",
            ),
            "bad_points": Words(
                "Points must be whole numbers, 0 or more.",
                "Point skal være hele tal, 0 eller flere.",
            ),
            "wrong_total": Words(
                "Share out exactly %(budget)s points; you gave %(total)s.",
                "Fordel præcis %(budget)s point; du gav %(total)s.",
            ),
        }
    )
    order = 60
    doc = KindDoc(
        adds="`options`, `budget` (e.g. 100, or 5 dots)",
        value='`{"option_id": n, …}`: whole numbers >= 0 adding up to exactly `budget`',
        summary=(
            '`{"budget", "options": [{"id", "label", "points", "percent", "mean"}]}`; `percent` of '
            "all points given"
        ),
    )

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

    def _count(self, step: Step, answers: list[Answer], counted: Counted | None = None) -> Counted:
        """Each option's points and who gave them, added to ``counted`` (or counted afresh)."""
        if counted is None:
            counted = Counted({option.id: 0 for option in step.fields["options"]})
        totals = counted.numbers
        for answer in answers:
            counted.people.add(answer.participant_id)
            for option_id, points in answer.value.items():
                if option_id in totals:
                    totals[option_id] += points
        return counted

    def _summary(self, step: Step, counted: Counted) -> PointsSummary:
        totals, count = counted.numbers, len(counted.people)
        given = sum(totals.values())
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

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Eight people, each sharing out the whole budget: most of it on one or two options,
        the first options favoured."""
        ids = [option.id for option in step.fields["options"]]
        budget = step.fields["budget"]
        shares = []
        for weights in SAMPLE_WEIGHTS:
            given = dict.fromkeys(ids, 0)
            whole = sum(weights)
            for place, weight in enumerate(weights):
                given[ids[place % len(ids)]] += budget * weight // whole
            given[ids[0]] += budget - sum(given.values())  # what rounding left goes first
            shares.append({option_id: points for option_id, points in given.items() if points})
        return sample_room(step, shares)

    def typical_minutes(self, step: Step) -> float:
        """Weighing the options takes a while; then the result is talked over."""
        return 5.0


# How each person of the sample room weighs the options, by their place in the list.
SAMPLE_WEIGHTS = (
    (6, 3, 1),
    (5, 5),
    (2, 6, 2),
    (10,),
    (3, 3, 4),
    (4, 2, 2, 2),
    (7, 0, 3),
    (0, 0, 5),
)
