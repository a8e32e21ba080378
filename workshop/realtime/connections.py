"""The live sockets of this process and who is at the other end of each; one per app.

The session itself lives in the database; this is only what this process needs to answer
"who sent this event?", "how many are connected now?" and "disconnect that participant".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Connection:
    """Who is at the other end of a socket, settled once at connect."""

    role: str
    code: str
    language: str
    participant_id: int | None = None


class Connections:
    """Socket id -> Connection, for the sockets connected to this process."""

    def __init__(self) -> None:
        self._by_sid: dict[str, Connection] = {}
        self._lock = threading.Lock()

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._by_sid[sid] = connection

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            return self._by_sid.pop(sid, None)

    def participants_connected(self, code: str) -> int:
        """Participants of the session with a live socket here (one each, however many)."""
        with self._lock:
            return len(
                {
                    c.participant_id
                    for c in self._by_sid.values()
                    if c.code == code and c.participant_id is not None
                }
            )

    def drop_participant(self, code: str, participant_id: int, close: Callable[[str], None]):
        """Forget and ``close`` every socket of one participant."""
        with self._lock:
            sids = [
                sid
                for sid, c in self._by_sid.items()
                if c.code == code and c.participant_id == participant_id
            ]
            for sid in sids:
                del self._by_sid[sid]
        for sid in sids:
            close(sid)
