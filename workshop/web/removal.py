"""Deleting a session for good: its rows, the exports kept for it, and its open views."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from ..services import sessions as session_service
from ..services.retention import expired
from ..storage import SessionRecord
from ..storage.database import now
from .access import store
from .exports import remove_exports


def remove_session(session: SessionRecord) -> None:
    events = session_service.delete_session(store(), session)
    remove_exports(session.code)
    current_app.extensions["workshop.publisher"].publish(events)


def sweep_expired(moment: datetime | None = None) -> int:
    """Delete the sessions past the retention period at ``moment`` (now); how many went."""
    days = current_app.config["WORKSHOP_RETENTION_DAYS"]
    old = expired(store(), moment or now(), days)
    for session in old:
        remove_session(session)
    return len(old)


def sweep_rehearsals() -> int:
    """Delete the rehearsals nobody ended (a closed browser); how many went."""
    old = session_service.old_rehearsals(store(), now())
    for session in old:
        remove_session(session)
    return len(old)
