"""The facilitator's use case: move the session through its steps and control answering."""

from __future__ import annotations

from typing import Any

from ..domain.session import apply_command
from ..storage import SessionRecord, StaleSession, Store
from .errors import Refused
from .events import Event, StateChanged
from .sessions import find_session, tool_of


def command(store: Store, code: str, payload: Any) -> tuple[SessionRecord, list[Event]]:
    """Apply a facilitator command to the newest state of the session.

    With ``revision`` in the payload the command applies only to that revision, so a
    click in a stale tab cannot skip a step that another tab already moved to.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("action"), str):
        raise Refused("bad_payload")
    expected = payload.get("revision")
    if expected is not None and (isinstance(expected, bool) or not isinstance(expected, int)):
        raise Refused("bad_payload")
    for _attempt in range(5):
        session = find_session(store, code)
        if expected is not None and session.revision != expected:
            raise Refused("stale")
        state = apply_command(session.state, tool_of(session), payload["action"], payload)
        if state == session.state:
            return session, []
        try:
            saved = store.save_state(session, state)
        except StaleSession:
            if expected is not None:
                raise Refused("stale") from None
            continue
        return saved, [StateChanged(saved.code)]
    raise Refused("stale")
