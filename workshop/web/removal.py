"""Deleting a session for good: its rows, the exports kept for it, and its open views."""

from __future__ import annotations

from flask import current_app

from ..services import sessions as session_service
from ..storage import SessionRecord
from ..storage.database import now
from .access import store
from .exports import remove_exports


def remove_session(session: SessionRecord) -> None:
    events = session_service.delete_session(store(), session)
    remove_exports(session.code)
    current_app.extensions["workshop.publisher"].publish(events)


def sweep_rehearsals() -> int:
    """Delete the rehearsals nobody ended (a closed browser); how many went."""
    old = session_service.old_rehearsals(store(), now())
    for session in old:
        remove_session(session)
    return len(old)
