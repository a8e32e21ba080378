"""Follow-up meetings: carry an ended meeting's action plan into the next one, and record
what the meeting agrees on each earlier point."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain import follow_up as follow_ups
from ..domain.kinds import kind_of
from ..domain.local_time import local_day
from ..storage import SessionRecord, StaleSession, Store
from .context import today
from .errors import Refused
from .events import Event, ResultsChanged
from .sessions import find_session, tool_of
from .snapshots import results_of


def held_day(session: SessionRecord) -> str | None:
    """The day the meeting began (its first step) where it met, as the report dates it;
    None if it never began."""
    if not session.state.visits:
        return None
    return local_day(session.state.visits[0].entered_at).isoformat()


def action_plan(store: Store, session: SessionRecord) -> list[dict[str, Any]]:
    """The meeting's confirmed action plan: the points confirmed on its action steps, and
    the earlier points it carried over with their new dates."""
    tool = tool_of(session)
    items: list[dict[str, Any]] = []
    for step in tool.steps:
        kind = kind_of(step.kind)
        if kind.plan_of(None) is None:
            continue  # its steps make no plan: no need to summarise them
        items += kind.plan_of(results_of(store, session, step.id)["summary"]) or []
    return items + follow_ups.carried_plan(session.follow_up)


def follow_up_of(store: Store, earlier: SessionRecord) -> dict[str, Any]:
    """What a new meeting carries from the ended meeting ``earlier`` (whose facilitator key
    the caller has shown): its confirmed action plan, and the series it belongs to."""
    if earlier.practice:
        raise Refused("practice_follow_up")
    if not earlier.state.ended:
        raise Refused("not_ended")
    meeting = {"code": earlier.code, "title": earlier.title, "held": held_day(earlier)}
    return follow_ups.start(meeting, earlier.follow_up, action_plan(store, earlier))


def agree(store: Store, session: SessionRecord, payload: dict) -> list[Event]:
    """The facilitator records what the meeting agreed on one earlier point (``agree``)."""
    for _attempt in range(5):
        if not session.follow_up:
            raise Refused("not_a_follow_up")
        changed = follow_ups.agree(session.follow_up, payload, today())
        try:
            store.save_follow_up(session, changed)
        except StaleSession:
            session = find_session(store, session.code)  # another window acted first
            continue
        # The steps whose results show it (a review the agreement, an action step the points
        # carried over).
        return [
            ResultsChanged(session.code, step.id)
            for step in tool_of(session).steps
            if kind_of(step.kind).reads_follow_up
        ]
    raise Refused("stale")


def forget_points(
    store: Store, earlier: SessionRecord, points: Iterable[tuple[str, str, str]]
) -> list[Event]:
    """The right to erasure reaches the copies: take ``points`` (what, who, when) out of
    every follow-up of ``earlier``, and, as they were carried on, out of the follow-ups of
    those. Returns the results that changed."""
    events: list[Event] = []
    todo = [(earlier, set(points))]
    while todo:
        meeting, gone = todo.pop()
        if not gone:
            continue
        for later in store.follow_ups_of(meeting.code):
            if later.created_at < meeting.created_at:
                continue  # follows up an older, deleted meeting that had the same code
            carried: list[tuple[str, str, str]] = []
            for _attempt in range(5):
                changed, carried = follow_ups.without_points(later.follow_up or {}, gone)
                if changed == later.follow_up:
                    break
                try:
                    later = store.save_follow_up(later, changed)
                except StaleSession:
                    later = find_session(store, later.code)
                    continue
                events += [
                    ResultsChanged(later.code, step.id)
                    for step in tool_of(later).steps
                    if kind_of(step.kind).reads_follow_up
                ]
                break
            todo.append((later, set(carried)))
    return events
