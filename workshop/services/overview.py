"""The organiser's overview: every session kept here, as a list to find, open and delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.follow_up import carried_plan
from ..domain.languages import LANGUAGES
from ..storage import SessionRecord, Store
from .retention import WARNING, delete_after


def held_on(state) -> str | None:
    """When the meeting began (its first step), as an ISO time; None if it never started."""
    if not state.visits:
        return None
    return datetime.fromtimestamp(state.visits[0].entered_at, UTC).isoformat()


@dataclass(frozen=True)
class OverviewEntry:
    """One session as the overview shows it, with the record its links are made from."""

    session: SessionRecord
    participants: int
    action_points: int
    delete_after: datetime | None
    deleted_soon: bool

    def as_dict(self) -> dict[str, Any]:
        session = self.session
        return {
            "code": session.code,
            "title": session.title,
            "language": session.language if session.language in LANGUAGES else "da",
            "status": session.state.status,
            "created_at": session.created_at.isoformat(),
            "held_on": held_on(session.state),
            "participants": self.participants,
            "action_points": self.action_points,
            # The meeting this one follows up, and the series it belongs to.
            "follow_up_of": (session.follow_up or {}).get("of", {}).get("code"),
            "practice": session.practice,
            "keep": session.keep,
            "delete_after": self.delete_after.isoformat() if self.delete_after else None,
            "deleted_soon": self.deleted_soon,
        }


def sessions_overview(
    store: Store,
    search: Any = None,
    *,
    days: int = 0,
    now: datetime | None = None,
    code: str | None = None,
) -> list[OverviewEntry]:
    """Newest first; ``search`` keeps the sessions whose title holds it (any case), ``code``
    the one session with that code. With the retention period in ``days``, each says when it
    goes and whether that is soon."""
    wanted = search.strip().casefold() if isinstance(search, str) else ""
    now = now or datetime.now(UTC)
    listed = []
    for session, participants, action_points in store.overview():
        if wanted and wanted not in session.title.casefold():
            continue
        if code is not None and session.code != code:
            continue
        # Points carried over from the meeting before are in the plan as well.
        action_points += len(carried_plan(session.follow_up))
        due = delete_after(session, days)
        soon = bool(due and due - now <= WARNING)
        listed.append(OverviewEntry(session, participants, action_points, due, soon))
    return listed
