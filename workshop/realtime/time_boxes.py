"""Time boxes that close answering by themselves: one timer per running session.

When a step's time box runs out on a step set to close itself, answering closes even if
nobody answers or clicks. The timer of a session is replaced whenever its state changes (a
new step, a paused or lengthened time box) and dropped when no time box is running. After a
restart the running sessions are looked at again. With several processes each may hold a
timer for the same session: the first to close it wins, the others find it closed already.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from flask_socketio import SocketIO

from ..domain.session import RUNNING
from ..services import facilitation
from ..services.events import Event
from ..services.sessions import tool_of
from ..storage import SessionRecord, Store, StoreUnavailable

log = logging.getLogger(__name__)


def due_at(session: SessionRecord) -> float | None:
    """When answering should close by itself, or None when nothing is due."""
    state = session.state
    ends_at = state.timer.ends_at()
    if ends_at is None or not state.answering:
        return None
    if not state.step(tool_of(session)).settings.auto_close:
        return None
    return ends_at


class TimeBoxes:
    """The pending self-closing time boxes of this process, by session code."""

    def __init__(
        self, socketio: SocketIO, store: Store, publish: Callable[[Iterable[Event]], None]
    ) -> None:
        self.socketio = socketio
        self.store = store
        self.publish = publish
        self._due: dict[str, float] = {}  # code -> when; a timer runs only for its entry
        self._lock = threading.Lock()

    def watch(self, session: SessionRecord) -> None:
        """Keep the session's timer in step with its state (call after every change)."""
        when = due_at(session)
        with self._lock:
            if when is None:
                self._due.pop(session.code, None)
                return
            if self._due.get(session.code) == when:
                return  # already waiting for exactly this moment
            self._due[session.code] = when
        self.socketio.start_background_task(self._close_when_due, session.code, when)

    def pending(self, code: str) -> float | None:
        return self._due.get(code)

    def resume(self) -> None:
        """After a start: watch every running session again."""
        for session in self.store.sessions_with_status(RUNNING):
            self.watch(session)

    def _close_when_due(self, code: str, when: float) -> None:
        self.socketio.sleep(max(0.0, when - time.time()) + 0.05)
        with self._lock:
            if self._due.get(code) != when:
                return  # replaced or cancelled meanwhile
            del self._due[code]
        try:
            self.publish(facilitation.close_expired(self.store, code))
        except StoreUnavailable:
            log.warning("time box not closed: the database is unavailable")
