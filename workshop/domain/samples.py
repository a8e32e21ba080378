"""A step's results as sample answers make them: what the tool editor's preview shows before
anyone has answered, drawn by the same code the projector uses in a meeting."""

from __future__ import annotations

from collections.abc import Iterable

from .dialogue import Step
from .kinds import Summary, kind_of, summarise


def sample_summary(step: Step, earlier: Iterable[Step] = ()) -> Summary:
    """The summary of ``step``'s kind's sample answers. A step that reads an earlier one (a
    vote's ``source``, among ``earlier``) reads that step's sample answers as its cards, so a
    vote's preview ranks the ideas the open step's preview shows."""
    kind = kind_of(step.kind)
    source = next((before for before in earlier if before.id == step.source), None)
    cards = {}
    if source is not None:
        source_kind = kind_of(source.kind)
        given = source_kind.sample_answers(source, source_kind.sample_context(source, {}))
        cards = {answer.answer_id: answer for answer in given}
    context = kind.sample_context(step, cards)
    return summarise(step, kind.sample_answers(step, context), context)
