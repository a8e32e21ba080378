"""Rate one or several statements on a labelled scale such as 1 to 5."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import MAX_LABEL, Scale, Statement, Step
from ..errors import InvalidAnswer
from ..fields import Group, Items, Number, Text, Words, read_values, refuse_unknown
from ..numbers import whole_number
from .base import Counted, CountsEachAnswer, KindDoc, StepKind, Summary, percent, sample_room


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


@dataclass(frozen=True, kw_only=True)
class ScaleField(Group):
    """The scale's range is checked as a whole (``bad_range``), not one end at a time."""

    def read(self, data, place):
        spec = data.get(self.name) or {}
        if not isinstance(spec, dict):
            place.reader.problem(place.step, place.where(self.name), "not_mapping")
            spec = {}
        low, high = spec.get("min", 1), spec.get("max", 5)
        if not (whole_number(low, 0, 10) and whole_number(high, 0, 10) and low < high):
            place.reader.problem(place.step, place.where(self.name), "bad_range")
            low, high = 1, 5
        inside = place.inside(f"{self.name}.")
        labels = read_values(spec, self.fields[2:], inside)
        refuse_unknown(spec, self.fields, inside)
        return Scale(min=low, max=high, **labels)


class ScaleKind(CountsEachAnswer, StepKind):
    """Rate one or several statements on a labelled scale such as 1 to 5."""

    name = "scale"
    title = Words("Scale", "Skala")
    description = Words(
        "Everyone rates one or more statements on a scale, such as 1 to 5; the projector shows "
        "how the ratings spread and their average.",
        "Alle vurderer et eller flere udsagn på en skala, fx fra 1 til 5, og skærmen viser, "
        "hvordan svarene fordeler sig, og gennemsnittet.",
    )
    example = Words(
        "How far has our estate come towards a greener everyday life?",
        "Hvor langt er vores afdeling nået med en grønnere hverdag?",
    )
    # What its scripts ask for by key (static/js/kinds/scale*.js).
    words = MappingProxyType(
        {
            "mean": Words("Mean", "Gennemsnit"),
            "rate_hint": Words(
                "Tap a number for each statement.",
                "Tryk på et tal for hvert udsagn.",
            ),
            "rate_one_first": Words(
                "Tap a number for at least one statement to send.",
                "Tryk på et tal ud for mindst ét udsagn for at kunne sende.",
            ),
            "not_rated_yet": Words(
                "Not rated yet: {list}. You can send without them.",
                "Ikke vurderet endnu: {list}. Du kan godt sende uden.",
            ),
            "you_rated": Words("{value} of {max}", "{value} af {max}"),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "no_rating": Words(
                "Rate at least one statement.",
                "Giv mindst ét udsagn en vurdering.",
            ),
            "unknown_statement": Words(
                "That statement is not part of this question.",
                "Det udsagn hører ikke til dette spørgsmål.",
            ),
            "not_a_rating": Words(
                "A rating must be a whole number.",
                "En vurdering skal være et helt tal.",
            ),
            "rating_out_of_range": Words(
                "A rating must be between %(low)s and %(high)s.",
                "En vurdering skal være mellem %(low)s og %(high)s.",
            ),
        }
    )
    order = 40
    doc = KindDoc(
        adds=('`statements: [{"id", "text"}]`, `scale: {"min", "max", "min_label", "max_label"}`'),
        value=(
            '`{"statement_id": n, …}`, whole numbers from `min` to `max`; not every statement '
            "needs a rating"
        ),
        summary=(
            '`{"scale": {…}, "statements": [{"id", "text", "count", "mean", "distribution": '
            '[{"value", "count", "percent"}]}]}`; `mean` is `null` without ratings'
        ),
    )

    fields = (
        Items(
            name="statements",
            label=Words("Statements", "Udsagn"),
            help=Words("What the participants rate.", "Det, deltagerne vurderer."),
            danish=("udsagn", "påstande", "spørgsmål"),
            make=Statement,
            text=Text(
                name="text",
                label=Words("Statement", "Udsagn"),
                help=Words(
                    "The statement as the participants read it.",
                    "Udsagnet, som deltagerne læser det.",
                ),
                required=True,
                limit=MAX_LABEL,
                danish=("tekst", "udsagn", "label"),
            ),
        ),
        ScaleField(
            name="scale",
            label=Words("Scale", "Skala"),
            help=Words(
                "The range (whole numbers, 0 <= min < max <= 10) and the words at its ends.",
                "Skalaens spænd (hele tal, 0 <= min < max <= 10) og ordene ved dens ender.",
            ),
            danish=("skala",),
            make=Scale,
            fields=(
                Number(
                    name="min",
                    label=Words("Lowest", "Laveste"),
                    help=Words("The lowest value.", "Den laveste værdi."),
                    low=0,
                    high=10,
                    default=1,
                    danish=("mindst", "laveste", "fra"),
                ),
                Number(
                    name="max",
                    label=Words("Highest", "Højeste"),
                    help=Words("The highest value.", "Den højeste værdi."),
                    low=0,
                    high=10,
                    default=5,
                    danish=("højst", "højeste", "til"),
                ),
                Text(
                    name="min_label",
                    label=Words("Word at the low end", "Ord ved den lave ende"),
                    help=Words("For example: Not at all.", "For eksempel: Slet ikke."),
                    limit=MAX_LABEL,
                    danish=("min_tekst", "tekst_min", "lav_tekst"),
                ),
                Text(
                    name="max_label",
                    label=Words("Word at the high end", "Ord ved den høje ende"),
                    help=Words("For example: Very much.", "For eksempel: I høj grad."),
                    limit=MAX_LABEL,
                    danish=("max_tekst", "maks_tekst", "tekst_max", "høj_tekst"),
                ),
            ),
        ),
    )

    def definition(self, step: Step) -> dict[str, Any]:
        scale = step.fields["scale"] or Scale()
        return {
            "statements": [{"id": s.id, "text": s.text} for s in step.fields["statements"]],
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
        scale = step.fields["scale"] or Scale()
        known = {statement.id for statement in step.fields["statements"]}
        for statement_id, rating in value.items():
            if statement_id not in known:
                raise InvalidAnswer("unknown_statement")
            if not whole_number(rating):
                raise InvalidAnswer("not_a_rating")
            if not scale.min <= rating <= scale.max:
                raise InvalidAnswer("rating_out_of_range", low=scale.min, high=scale.max)
        return {s.id: value[s.id] for s in step.fields["statements"] if s.id in value}

    def _count(self, step: Step, answers: list[Answer], counted: Counted | None = None) -> Counted:
        """How often each statement got each rating, and who rated, added to ``counted`` (or
        counted afresh)."""
        if counted is None:
            counted = Counted({s.id: Counter() for s in step.fields["statements"]})
        for answer in answers:
            counted.people.add(answer.participant_id)
            for statement_id, ratings in counted.numbers.items():
                if statement_id in answer.value:
                    ratings[answer.value[statement_id]] += 1
        return counted

    def _summary(self, step: Step, counted: Counted) -> ScaleSummary:
        scale = step.fields["scale"] or Scale()
        values = range(scale.min, scale.max + 1)
        statements: list[StatementResult] = []
        for statement in step.fields["statements"]:
            ratings = counted.numbers[statement.id]
            count = sum(ratings.values())
            total = sum(rating * times for rating, times in ratings.items())
            statements.append(
                {
                    "id": statement.id,
                    "text": statement.text,
                    "count": count,
                    "mean": round(total / count, 2) if count else None,
                    "distribution": [
                        {
                            "value": v,
                            "count": ratings[v],
                            "percent": percent(ratings[v], count),
                        }
                        for v in values
                    ],
                }
            )
        return {
            "kind": self.name,
            "count": len(counted.people),
            "scale": self.definition(step)["scale"],
            "statements": statements,
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        texts = {s.id: s.text for s in step.fields["statements"]}
        return "; ".join(f"{texts.get(key, key)}: {rating}" for key, rating in value.items())

    def cell_names(self, step: Step) -> list[str]:
        return [statement.text for statement in step.fields["statements"]]

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        texts = {s.id: s.text for s in step.fields["statements"]}
        return {texts[key]: rating for key, rating in value.items() if key in texts}

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Eight people's ratings, spread around a middle that differs from statement to
        statement; one person skips the last statement."""
        scale = step.fields["scale"] or Scale()
        span = scale.max - scale.min
        statements = step.fields["statements"]
        ratings = []
        for person, lean in enumerate(SAMPLE_LEANINGS):
            rating = {}
            for place, statement in enumerate(statements):
                if person == 2 and place == len(statements) - 1 and place:
                    continue
                share = lean + SAMPLE_STATEMENT_SHIFT[place % len(SAMPLE_STATEMENT_SHIFT)]
                rating[statement.id] = scale.min + round(span * min(max(share, 0.0), 1.0))
            ratings.append(rating)
        return sample_room(step, ratings)

    def typical_minutes(self, step: Step) -> float:
        """A minute or so per statement, and a word on what stands out."""
        return min(2.0 + len(step.fields["statements"]), 10.0)


# Where each person of the sample room rates, as a share of the scale, and how each statement
# moves them: most agree with some, a few disagree.
SAMPLE_LEANINGS = (0.75, 0.5, 1.0, 0.75, 0.25, 0.5, 0.75, 1.0)
SAMPLE_STATEMENT_SHIFT = (0.0, -0.25, 0.15, -0.4)
