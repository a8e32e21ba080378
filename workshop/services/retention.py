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


def last_activity(session: SessionRecord) -> datetime:
    """The last thing that happened in a meeting that never ended: its last change of state,
    or the last step the room entered or left."""
    moments = [session.created_at]
    if session.updated_at is not None:
        moments.append(session.updated_at)
    for visit in session.state.visits:
        moments += [
            datetime.fromtimestamp(moment, UTC)
            for moment in (visit.entered_at, visit.left_at)
            if moment is not None
        ]
    return max(_aware(moment) for moment in moments)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def delete_after(session: SessionRecord, days: int) -> datetime | None:
    """When the session will be deleted; None if it is kept or nothing expires.

    A meeting that was never ended goes too, the retention period after its last activity:
    the join page promises that everything is deleted, and a meeting left open must not keep
    its answers for ever.
    """
    if session.keep or days <= 0:
        return None
    ended = ended_at(session)
    return (ended if ended is not None else last_activity(session)) + timedelta(days=days)


def expired(store: Store, now: datetime, days: int) -> list[SessionRecord]:
    """The sessions whose time is up at ``now``."""
    return [
        session
        for session, _people, _points in store.overview()
        if (due := delete_after(session, days)) is not None and due <= now
    ]
