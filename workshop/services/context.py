"""What a step kind needs to know besides the answer: today's date, a vote's cards, the
earlier meeting's action points."""

from __future__ import annotations

from datetime import date

from ..domain.answers import Context
from ..domain.dialogue import Step
from ..domain.tidy import entry_of
from ..storage import SessionRecord, Store


def today() -> date:
    # Deadlines are days where the meeting is: the server's own calendar.
    return date.today()


def context_for(store: Store, session: SessionRecord, step: Step) -> Context:
    tidy = entry_of(session.tidy, step.id)
    if step.source:  # a step on the cards of an earlier one (a vote)
        cards = {a.answer_id: a for a in store.answers_for_step(session.id, step.source)}
        return Context(today=today(), cards=cards, tidy=tidy)
    # A follow-up meeting: the earlier points to review, and those carried into the plan.
    return Context(today=today(), follow_up=session.follow_up, tidy=tidy)
