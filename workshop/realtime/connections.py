"""The live sockets of this process and who is at the other end of each; one per app.

The session itself lives in the database; this is only what this process needs to answer
"who sent this event?", "how many are connected now?" and "disconnect that participant".
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .presence import RedisPresence


@dataclass(frozen=True)
class Connection:
    """Who is at the other end of a socket, settled once at connect."""

    role: str
    code: str
    language: str
    participant_id: int | None = None


class Connections:
    """Socket id -> Connection, for the sockets connected to this process.

    With a ``shared`` presence (several processes), "connected now" is counted over all of
    them: this process tells it when a participant's first socket here opens and when its
    last one closes.
    """

    def __init__(self, shared: RedisPresence | None = None) -> None:
        self._by_sid: dict[str, Connection] = {}
        # Per session: participant id -> how many of its sockets are open here.
        self._open: dict[str, Counter[int]] = {}
        self._lock = threading.Lock()
        self.shared = shared
        # Per socket: events refused as too fast since its last accepted one.
        self._too_fast: Counter[str] = Counter()
        # Participants whose socket was cut off, until when their new sockets are refused.
        self._cooling: dict[tuple[str, int], float] = {}

    def add(self, sid: str, connection: Connection) -> None:
        first = False
        with self._lock:
            self._by_sid[sid] = connection
            if connection.participant_id is not None:
                sockets = self._open.setdefault(connection.code, Counter())
                sockets[connection.participant_id] += 1
                first = sockets[connection.participant_id] == 1
        if first and self.shared is not None:
            self.shared.arrived(connection.code, connection.participant_id)

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def too_fast(self, sid: str) -> int:
        """Count one more event of the socket refused as too fast; how many in a row now."""
        with self._lock:
            self._too_fast[sid] += 1
            return self._too_fast[sid]

    def in_budget(self, sid: str) -> None:
        """The socket's event was within its budget: its run of refusals is over."""
        if sid in self._too_fast:
            with self._lock:
                self._too_fast.pop(sid, None)

    def cool(self, sid: str, seconds: float) -> None:
        """The socket was cut off: its participant's new sockets wait ``seconds``."""
        connection = self._by_sid.get(sid)
        if connection is None or connection.participant_id is None:
            return
        now = time.monotonic()
        with self._lock:
            if len(self._cooling) > 10_000:  # bounded: forget the ones that are over
                self._cooling = {k: t for k, t in self._cooling.items() if t > now}
            self._cooling[(connection.code, connection.participant_id)] = now + seconds

    def cooling(self, code: str, participant_id: int) -> bool:
        until = self._cooling.get((code, participant_id))
        return until is not None and until > time.monotonic()

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            self._too_fast.pop(sid, None)
            connection = self._by_sid.pop(sid, None)
            last = connection is not None and self._closed(connection)
        if last and self.shared is not None:
            self.shared.left(connection.code, connection.participant_id)
        return connection

    def _closed(self, connection: Connection) -> bool:
        """Count one socket of the participant as closed; True if it was its last here."""
        if connection.participant_id is None:
            return False
        sockets = self._open.get(connection.code)
        if sockets is None:
            return False
        sockets[connection.participant_id] -= 1
        if sockets[connection.participant_id] > 0:
            return False
        del sockets[connection.participant_id]
        if not sockets:
            del self._open[connection.code]
        return True

    def participants_connected(self, code: str) -> int:
        """Participants of the session with a live socket (one each, however many)."""
        if self.shared is not None:
            counted = self.shared.count(code)
            if counted is not None:
                return counted
        with self._lock:
            return len(self._open.get(code, ()))

    def sockets_of(self, code: str, participant_id: int) -> int:
        """How many sockets the participant has open in this process."""
        with self._lock:
            return self._open.get(code, Counter())[participant_id]

    def drop_session(self, code: str, close: Callable[[str], None]) -> None:
        """Forget and ``close`` every socket of a session (it was deleted)."""
        with self._lock:
            sids = [sid for sid, c in self._by_sid.items() if c.code == code]
            gone = [self._by_sid.pop(sid) for sid in sids]
            for connection in gone:
                self._closed(connection)
            left = {c.participant_id for c in gone if c.participant_id is not None}
        if self.shared is not None:
            for participant_id in left:
                self.shared.left(code, participant_id)
        for sid in sids:
            close(sid)

    def sessions_here(self) -> set[str]:
        with self._lock:
            return set(self._open)

    def drop_participant(self, code: str, participant_id: int, close: Callable[[str], None]):
        """Forget and ``close`` every socket of one participant."""
        with self._lock:
            sids = [
                sid
                for sid, c in self._by_sid.items()
                if c.code == code and c.participant_id == participant_id
            ]
            gone = [self._by_sid.pop(sid) for sid in sids]
            last = any([self._closed(connection) for connection in gone])
        if last and self.shared is not None:
            self.shared.left(code, participant_id)
        for sid in sids:
            close(sid)
