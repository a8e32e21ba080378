"""How long a meeting is kept: ended sessions go after the retention period, unless kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..domain.session import ENDED
from ..storage import SessionRecord, Store

# The overview warns this long before a session goes.
WARNING = timedelta(days=14)


def ended_at(session: SessionRecord) -> datetime | None:
    """When the meeting ended: the end of its last step, else its last change."""
    if session.state.status != ENDED:
        return None
    left = [visit.left_at for visit in session.state.visits if visit.left_at is not None]
    if left:
        return datetime.fromtimestamp(max(left), UTC)
    return session.updated_at or session.created_at


def delete_after(session: SessionRecord, days: int) -> datetime | None:
    """When the session will be deleted; None if it is kept, still open, or nothing expires."""
    ended = ended_at(session)
    if ended is None or session.keep or days <= 0:
        return None
    return ended + timedelta(days=days)


def expired(store: Store, now: datetime, days: int) -> list[SessionRecord]:
    """The sessions whose time is up at ``now``."""
    return [
        session
        for session, _people, _points in store.overview()
        if (due := delete_after(session, days)) is not None and due <= now
    ]
