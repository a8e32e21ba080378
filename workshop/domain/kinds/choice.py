"""Pick one option, or several up to an optional maximum."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, TypedDict

from ..answers import Answer, Context
from ..dialogue import MAX_ITEMS, Step
from ..errors import InvalidAnswer
from ..fields import Flag, Number, Words
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


class OptionCount(TypedDict):
    id: str
    label: str
    count: int
    percent: float  # of respondents, one decimal


class ChoiceSummary(Summary):
    options: list[OptionCount]


class ChoiceKind(CountsEachAnswer, StepKind):
    """Pick one option, or several up to an optional maximum."""

    name = "choice"
    title = Words("Choice", "Valg")
    description = Words(
        "Everyone picks one of the options, or several if you allow it; the projector shows how "
        "many picked each.",
        "Alle vælger én af mulighederne, eller flere hvis du tillader det, og skærmen viser, hvor "
        "mange der valgte hver.",
    )
    example = Words(
        "Which of the two goals should our estate work on first this year?",
        "Hvilket af de to mål skal vores afdeling arbejde med først i år?",
    )
    # What its scripts ask for by key (static/js/kinds/choice*.js).
    words = MappingProxyType(
        {
            "choose_one": Words("Choose one.", "Vælg én."),
            "choose_many": Words("Choose one or more.", "Vælg en eller flere."),
            "choose_up_to": Words("Choose up to {n}.", "Vælg op til {n}."),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "no_choice": Words("Choose at least one option.", "Vælg mindst én svarmulighed."),
            "repeated_option": Words(
                "An option was chosen twice.",
                "En svarmulighed blev valgt to gange.",
            ),
            "too_many_choices": Words(
                "Choose at most %(limit)s options.",
                "Vælg højst %(limit)s svarmuligheder.",
            ),
        }
    )
    order = 30
    doc = KindDoc(
        adds='`options: [{"id", "label"}]`, `multiple: bool`, `max_choices?: n`',
        value='`["option_id", …]`: exactly one unless `multiple`, at most `max_choices`',
        summary=(
            '`{"options": [{"id", "label", "count", "percent"}]}`; `percent` is of respondents, '
            "one decimal"
        ),
    )

    fields = (
        options_field(Words("What the participants pick from.", "Det, deltagerne vælger mellem.")),
        Flag(
            name="multiple",
            label=Words("Several choices", "Flere valg"),
            help=Words(
                "A participant may pick several options.",
                "En deltager må vælge flere muligheder.",
            ),
            default=False,
            danish=("flere", "flervalg", "flere_valg"),
        ),
        Number(
            name="max_choices",
            label=Words("Most choices", "Højst antal valg"),
            help=Words(
                "With multiple: how many options one participant may pick at most.",
                "Med multiple: hvor mange muligheder en deltager højst må vælge.",
            ),
            low=1,
            high=MAX_ITEMS,
            at_most="options",  # their number
            danish=("maks_valg", "max_valg", "antal_valg"),
        ),
    )

    def check(self, values, place):
        if values["max_choices"] is not None and not values["multiple"]:
            place.reader.problem(place.step, "max_choices", "needs_multiple")

    def definition(self, step: Step) -> dict[str, Any]:
        data: dict[str, Any] = {"options": options_of(step), "multiple": step.fields["multiple"]}
        if step.fields["max_choices"] is not None:
            data["max_choices"] = step.fields["max_choices"]
        return data

    def validate(self, step: Step, value: Any, context: Context) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InvalidAnswer("no_choice")
        known = {option.id for option in step.fields["options"]}
        if not all(isinstance(v, str) and v in known for v in value):
            raise InvalidAnswer("unknown_option")
        if len(set(value)) != len(value):
            raise InvalidAnswer("repeated_option")
        limit = (
            (step.fields["max_choices"] or len(step.fields["options"]))
            if step.fields["multiple"]
            else 1
        )
        if len(value) > limit:
            raise InvalidAnswer("too_many_choices", limit=limit)
        # Keep the dialogue's order so equal answers are stored equally.
        return [option.id for option in step.fields["options"] if option.id in value]

    def readable(self, step: Step, value: Any, context: Context) -> str:
        labels = {option.id: option.label for option in step.fields["options"]}
        return "; ".join(labels.get(option_id, option_id) for option_id in value)

    def cell_names(self, step: Step) -> list[str]:
        return [option.label for option in step.fields["options"]]

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        # 1 under each option picked: the column sums count the votes.
        labels = {option.id: option.label for option in step.fields["options"]}
        return {labels[key]: 1 for key in value if key in labels}

    def _count(self, step: Step, answers: list[Answer], counted: Counted | None = None) -> Counted:
        """Each option's picks and who answered, added to ``counted`` (or counted afresh)."""
        if counted is None:
            counted = Counted({option.id: 0 for option in step.fields["options"]})
        counts = counted.numbers
        for answer in answers:
            counted.people.add(answer.participant_id)
            for option_id in answer.value:
                if option_id in counts:
                    counts[option_id] += 1
        return counted

    def _summary(self, step: Step, counted: Counted) -> ChoiceSummary:
        counts, total = counted.numbers, len(counted.people)
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
                for option in step.fields["options"]
            ],
        }

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Eight people, the first options picked most; with several choices, two each (or
        as many as ``max_choices`` allows)."""
        ids = [option.id for option in step.fields["options"]]
        most = (step.fields["max_choices"] or len(ids)) if step.fields["multiple"] else 1
        picks = []
        for first in SAMPLE_PICKS:
            picked = {ids[(first + also) % len(ids)] for also in range(min(most, 2))}
            picks.append([option_id for option_id in ids if option_id in picked])
        return sample_room(step, picks)

    def typical_minutes(self, step: Step) -> float:
        """Choosing is quick; a word on the result takes the rest."""
        return 3.0


# Which option each person of the sample room picks first, by its place in the list.
SAMPLE_PICKS = (0, 1, 0, 2, 1, 0, 3, 1)
