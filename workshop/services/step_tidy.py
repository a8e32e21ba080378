"""The facilitator's tidy decisions on one step (dismissed suggestions, hidden and merged
words), kept with the session (``session.tidy``): which step a command means, and saving a
changed decision on the newest revision of the session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.dialogue import Step
from ..domain.kinds import kind_of
from ..domain.tidy import entry_of
from ..storage import SessionRecord, StaleSession, Store
from .errors import Refused
from .events import Event, ResultsChanged, StateChanged
from .sessions import find_session, tool_of


def step_to_tidy(session: SessionRecord, payload: dict, takes: Callable[[Any], bool]) -> Step:
    """The step of ``payload["step"]`` (default the current step) whose kind ``takes``."""
    tool = tool_of(session)
    step_id = payload.get("step", tool.steps[session.state.step_index].id)
    step = tool.step(step_id) if isinstance(step_id, str) else None
    if step is None or not takes(kind_of(step.kind)):
        raise Refused("unknown_step")
    return step


def save_step_tidy(
    store: Store,
    session: SessionRecord,
    step_id: str,
    change: Callable[[dict[str, Any]], dict[str, Any]],
) -> list[Event]:
    """Save ``change(the step's entry)`` as the step's entry, on the newest revision
    (again, when another window saved first). Nothing changed: no events."""
    for _attempt in range(5):
        entry = change(dict(entry_of(session.tidy, step_id)))
        tidy = {key: value for key, value in session.tidy.items() if key != step_id}
        if entry:
            tidy[step_id] = entry
        if tidy == session.tidy:
            return []  # already so (hidden twice, say)
        try:
            store.save_tidy(session, tidy)
        except StaleSession:
            session = find_session(store, session.code)  # another window acted first
            continue
        # The revision changed: every window gets it, and the facilitator the step's results.
        return [ResultsChanged(session.code, step_id), StateChanged(session.code)]
    raise Refused("stale")
