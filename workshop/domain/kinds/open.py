"""Free text, one answer or a brainstorm of several; shown as cards."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, NotRequired

from ..answers import MAX_TEXT, Answer, Context
from ..dialogue import Step
from ..fields import Number, Words
from .base import KindDoc, StepKind, Summary, clean_text, respondents, sample_room
from .cards import (
    PHONE_CARDS,
    PHONE_CARDS_PER_TABLE,
    Card,
    Wall,
    add_cards,
    cards,
    cards_a_phone_shows,
    wall_of,
)

# What a room might answer the open question of the kind's example.
SAMPLE_IDEAS = (
    Words("More bins for food waste by the stairways", "Flere spande til madaffald ved opgangene"),
    Words(
        "A swap corner in the basement for things we no longer use",
        "Et byttehjørne i kælderen til ting, vi ikke bruger mere",
    ),
    Words("A repair café once a month", "En reparationscafé en gang om måneden"),
    Words(
        "A swap corner in the basement for things we no longer use",
        "Et byttehjørne i kælderen til ting, vi ikke bruger mere",
    ),
    Words(
        "Clear sorting signs in Danish and other languages",
        "Tydelige skilte om sortering på dansk og andre sprog",
    ),
    Words("A shared kitchen garden in the courtyard", "En fælles køkkenhave i gården"),
    Words(
        "The caretaker shows us how to save heat",
        "Varmemesteren viser os, hvordan vi sparer på varmen",
    ),
)


class OpenSummary(Summary):
    answers: list[Card]  # in the order given, merged and identical answers folded in
    left_out: NotRequired[int]  # phones only: cards not sent, counted in "+N more"


class OpenKind(StepKind):
    """Free text; in brainstorm mode a participant may give several answers."""

    name = "open"
    title = Words("Open question", "Åbent spørgsmål")
    description = Words(
        "Everyone writes an answer in their own words, or several ideas in a brainstorm; the "
        "answers appear as cards on the projector.",
        "Alle skriver et svar med deres egne ord, eller flere idéer i en brainstorm, og svarene "
        "kommer op som kort på skærmen.",
    )
    example = Words(
        "What is the most important thing we can do to cut the waste in our estate?",
        "Hvad er det vigtigste, vi skal gøre for at mindske affaldet i vores afdeling?",
    )
    # What its scripts ask for by key (static/js/kinds/open*.js).
    words = MappingProxyType(
        {
            "answer_settled": Words(
                "The facilitator has dealt with your answer, so it can no longer be changed.",
                "Mødelederen har behandlet dit svar, så det kan ikke længere ændres.",
            ),
            "answers_used": Words("{n} of {max} answers used", "{n} af {max} svar brugt"),
            "chars": Words("{n} of {max} characters", "{n} af {max} tegn"),
            "open_placeholder": Words("Write your answer…", "Skriv dit svar…"),
            "open_replaces": Words(
                "A new answer replaces the one you sent.",
                "Et nyt svar erstatter det, du sendte.",
            ),
            "send_replaces": Words("Replace my answer", "Erstat mit svar"),
        }
    )
    order = 20
    doc = KindDoc(
        adds="`max_answers` (1 to 20; default 1)",
        value=(
            '`"text"` (1 to 1000 characters after trimming; control and bidi override characters '
            "removed)"
        ),
        summary=(
            '`{"answers": [card, …]}` in the order given, merged and identical answers folded in; '
            "for the phones at most 30 cards and `left_out` (see `results`)"
        ),
    )
    limits = MappingProxyType({"text": MAX_TEXT})
    premoderable = True
    cards = True
    text_cards = True
    votable = True

    fields = (
        Number(
            name="max_answers",
            label=Words("Answers each", "Svar pr. deltager"),
            help=Words(
                "How many separate answers one participant may give (more than 1: a brainstorm).",
                "Hvor mange svar hver deltager må give (mere end 1: en brainstorm).",
            ),
            low=1,
            high=20,
            default=1,
            danish=("maks_svar", "max_svar", "antal_svar", "svar"),
        ),
    )

    def definition(self, step: Step) -> dict[str, Any]:
        return {"max_answers": step.fields["max_answers"]}

    def answers_allowed(self, step: Step) -> int:
        return step.fields["max_answers"]

    def validate(self, step: Step, value: Any, context: Context) -> str:
        return clean_text(value)

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> OpenSummary:
        wall = cards(step, answers, identical=self.text_cards)  # the same words are one card
        return {"kind": self.name, "count": respondents(answers), "answers": wall}

    def tally(self, step: Step, answers: list[Answer], summary: Summary, context: Context) -> Wall:
        return wall_of(answers, summary["answers"], self.text_cards)  # type: ignore[typeddict-item]

    def add_to(
        self, step: Step, summary: Summary, tally: Wall, added: list[Answer], context: Context
    ) -> Summary:
        wall = add_cards(step, summary["answers"], tally, added, self.text_cards)  # type: ignore[typeddict-item]
        return {**summary, "count": len(tally.people), "answers": wall}  # type: ignore[typeddict-item]

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Seven ideas on cutting waste, two of them the same words (one card of two)."""
        ideas = [idea.get(language) for idea in SAMPLE_IDEAS]
        # In a brainstorm, five people give them, two of them two ideas each.
        return sample_room(step, ideas, people=0 if step.fields["max_answers"] == 1 else 5)

    def typical_minutes(self, step: Step) -> float:
        """Writing and reading the cards; a brainstorm takes longer."""
        return 5.0 if step.fields["max_answers"] == 1 else 10.0

    def for_phones(self, summary: Summary) -> Summary:
        # A phone shows a few dozen cards: a room of 300 with 1,500 ideas would otherwise
        # send each phone the whole wall at every change.
        trimmed: dict[str, Any] = dict(summary)
        trimmed["answers"], trimmed["left_out"] = cards_a_phone_shows(
            summary["answers"], PHONE_CARDS
        )
        if "by_table" in summary:
            trimmed["by_table"] = {}
            for table, part in summary["by_table"].items():
                kept, left_out = cards_a_phone_shows(part["answers"], PHONE_CARDS_PER_TABLE)
                trimmed["by_table"][table] = {**part, "answers": kept, "left_out": left_out}
        return trimmed  # type: ignore[return-value]
