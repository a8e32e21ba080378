"""A step's results as sample answers make them: what the tool editor's preview shows before
anyone has answered, drawn by the same code the projector uses in a meeting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .answers import Context
from .dialogue import Step
from .kinds import Summary, kind_of, summarise


def sample_context(
    step: Step, earlier: Iterable[Step] = (), language: str = "da", today: date | None = None
) -> Context:
    """What ``step``'s sample answers read: the sample answers of the step it reads (a vote's
    ``source``, among ``earlier``) as its cards, and what its kind adds (a follow-up's earlier
    points, which the step's state shows the phones too: ``step_state``)."""
    kind = kind_of(step.kind)
    source = next((before for before in earlier if before.id == step.source), None)
    cards = {}
    if source is not None:
        source_kind = kind_of(source.kind)
        around = source_kind.sample_context(source, Context(today=today), language)
        given = source_kind.sample_answers(source, around, language)
        cards = {answer.answer_id: answer for answer in given}
    return kind.sample_context(step, Context(today=today, cards=cards), language)


def sample_summary(
    step: Step,
    earlier: Iterable[Step] = (),
    language: str = "da",
    today: date | None = None,
    context: Context | None = None,
) -> Summary:
    """The summary of ``step``'s kind's sample answers, in the tool's ``language``: a vote's
    preview ranks the ideas its source step's preview shows; action points fall due after
    ``today``. ``context``: the step's ``sample_context``, when the caller has made it."""
    if context is None:
        context = sample_context(step, earlier, language, today)
    return summarise(step, kind_of(step.kind).sample_answers(step, context, language), context)
