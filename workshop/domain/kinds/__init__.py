"""Step kinds: each reads its definition, validates an answer value and summarises answers.

A kind is a small class in a module of its own in this package, and the ``KINDS`` registry
finds it there (``domain.registry``): adding a kind edits no list. Values arrive as decoded
JSON and leave normalised, so what is stored is always what the summary counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..answers import Answer, Context, final_card, visible
from ..dialogue import Step
from ..registry import one_kind_per_module
from .base import CarriesOn, KindDoc, StepKind, Summary

# The modules the kinds share; every other module here is one kind's home.
SHARED = ("base", "cards")
# Every kind, in the order they are listed (the protocol's tables, the pages' scripts): by
# their ``order``, then by name.
KINDS: dict[str, StepKind] = {
    kind.name: kind
    for kind in sorted(
        one_kind_per_module(__name__, StepKind, "name", SHARED),
        key=lambda kind: (kind.order, kind.name),
    )
}


def answer_limits() -> dict[str, dict[str, int]]:
    """The most characters of each typed part of an answer, by kind, for the pages."""
    return {name: dict(kind.limits) for name, kind in KINDS.items() if kind.limits}


def kind_of(name: str) -> StepKind:
    return KINDS[name]


def validate_answer(step: Step, value: Any, context: Context | None = None) -> Any:
    """The normalised value of an answer to ``step``, or InvalidAnswer saying what is wrong."""
    return kind_of(step.kind).validate(step, value, context or Context())


def summarise(step: Step, answers: list[Answer], context: Context | None = None) -> Summary:
    """The result summary of ``step``: hidden answers are left out and only counted."""
    shown = visible(answers)
    summary = kind_of(step.kind).summarise(step, shown, context or Context())
    waiting = sum(answer.pending for answer in answers)
    summary["hidden"] = len(answers) - len(shown) - waiting
    summary["pending"] = waiting
    return summary


@dataclass
class Running:
    """A step's summary with its kind's ``tally``: what it takes to add the next answers to
    it without reading every stored answer again (None: the kind keeps none)."""

    summary: Summary
    tally: Any


def as_given(answer: Answer) -> bool:
    """Whether an answer is as a phone gives it, untouched by the facilitator."""
    return not (
        answer.hidden
        or answer.pending
        or answer.merged_into
        or answer.apart
        or answer.highlighted
        or answer.confirmed
        or answer.edited
    )


def summarise_running(step: Step, answers: list[Answer], context: Context | None = None) -> Running:
    """``summarise``, with the tally that lets ``run_on`` add later answers to it."""
    context = context or Context()
    summary = summarise(step, answers, context)
    return Running(summary, kind_of(step.kind).tally(step, visible(answers), summary, context))


def waiting(answer: Answer) -> bool:
    """Whether an answer is as a phone gives it on a step whose answers wait for the
    facilitator's approval: hidden until approved, nothing else done to it."""
    return (
        answer.pending and answer.hidden and as_given(replace(answer, hidden=False, pending=False))
    )


def run_on(
    step: Step, running: Running, added: list[Answer], context: Context | None = None
) -> Running | None:
    """The summary of the answers ``running`` was made of with ``added`` after them, as
    ``summarise`` makes it of them all, at a cost that does not grow with the answers
    stored; None when it must be made of them all (the kind keeps no tally, or an added
    answer is neither as a phone gives it nor waiting for approval). ``running`` is used
    up: its tally moves on."""
    shown = [answer for answer in added if as_given(answer)]
    held = len(added) - len(shown)
    if running.tally is None or not all(map(waiting, (a for a in added if not as_given(a)))):
        return None
    summary = running.summary
    if shown:
        kind: CarriesOn = kind_of(step.kind)  # a kind with a tally carries on
        summary = kind.add_to(step, summary, running.tally, shown, context or Context())
    if held:  # counted as waiting, and nowhere else
        summary = {**summary, "pending": summary.get("pending", 0) + held}
    tally, running.tally = running.tally, None
    return Running(summary, tally)


def summarise_by_table(
    step: Step,
    answers: list[Answer],
    tables: list[str],
    context: Context | None = None,
    left_out: frozenset[str] = frozenset(),
) -> dict[str, Summary]:
    """One summary per table, for the tables that exist (answers without a table left out).

    An answer merged into another is listed at the table of the card it was merged into, so
    a card merged across tables appears once, with all its weight, never again at the table of
    each answer folded into it. Who answered is still counted at their own table. Answers in
    ``left_out`` are counted but not listed (an anonymous answer at a table of one).
    """
    home = _homes(step, answers)
    homes = [(home(answer), answer) for answer in answers if answer.answer_id not in left_out]
    # Seen as the whole room sees it: an answer folded into a hidden card at another table
    # is hidden at its own table too.
    seen = {answer.answer_id for answer in visible(answers)}
    summaries: dict[str, Summary] = {}
    for table in tables:
        listed = [answer for at, answer in homes if at == table]
        own = [answer for answer in answers if answer.table == table]
        summary = summarise(step, listed, context)
        if [a.answer_id for a in listed] != [a.answer_id for a in own]:
            summary["count"] = len({a.participant_id for a in own if a.answer_id in seen})
        summaries[table] = summary
    return summaries


def _homes(step: Step, answers: list[Answer]) -> Callable[[Answer], str | None]:
    """Where each answer is listed per table: at the table of the card the facilitator merged
    it into (identical answers fold within each table's own list, as it said them)."""
    by_id = {answer.answer_id: answer for answer in answers}

    def home(answer: Answer) -> str | None:
        card = by_id.get(final_card(answer.answer_id, by_id))
        return (card or answer).table

    return home


def summarise_without_table(
    step: Step,
    answers: list[Answer],
    tables: list[str],
    context: Context | None = None,
    left_out: frozenset[str] = frozenset(),
) -> Summary | None:
    """The answers of people at no table (or at a table since removed), listed as
    ``summarise_by_table`` lists a table's; ``None`` when everyone sits at a table."""
    known = set(tables)
    home = _homes(step, answers)
    listed = [
        answer
        for answer in answers
        if home(answer) not in known and answer.answer_id not in left_out
    ]
    own = [answer for answer in answers if answer.table not in known]
    seen = {answer.answer_id for answer in visible(answers)}
    if not any(a.answer_id in seen for a in own) and not visible(listed):
        return None
    summary = summarise(step, listed, context)
    if [a.answer_id for a in listed] != [a.answer_id for a in own]:
        summary["count"] = len({a.participant_id for a in own if a.answer_id in seen})
    return summary


__all__ = [
    "KINDS",
    "KindDoc",
    "Running",
    "StepKind",
    "Summary",
    "as_given",
    "kind_of",
    "run_on",
    "waiting",
    "summarise",
    "summarise_by_table",
    "summarise_running",
    "summarise_without_table",
    "validate_answer",
]
