"""The organiser's overview: every session kept here, as a list to find, open and delete."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..domain.languages import LANGUAGES
from ..storage import Store
from .retention import WARNING, delete_after


def held_on(state) -> str | None:
    """When the meeting began (its first step), as an ISO time; None if it never started."""
    if not state.visits:
        return None
    return datetime.fromtimestamp(state.visits[0].entered_at, UTC).isoformat()


def sessions_overview(
    store: Store, search: Any = None, *, days: int = 0, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Newest first; ``search`` keeps the sessions whose title holds it (any case). With the
    retention period in ``days``, each says when it goes and whether that is ``soon``."""
    wanted = search.strip().casefold() if isinstance(search, str) else ""
    now = now or datetime.now(UTC)
    listed = []
    for session, participants, action_points in store.overview():
        if wanted and wanted not in session.title.casefold():
            continue
        due = delete_after(session, days)
        listed.append(
            {
                "code": session.code,
                "title": session.title,
                "language": session.language if session.language in LANGUAGES else "da",
                "status": session.state.status,
                "created_at": session.created_at.isoformat(),
                "held_on": held_on(session.state),
                "participants": participants,
                "action_points": action_points,
                "practice": session.practice,
                "keep": session.keep,
                "delete_after": due.isoformat() if due else None,
                "deleted_soon": bool(due and due - now <= WARNING),
            }
        )
    return listed
