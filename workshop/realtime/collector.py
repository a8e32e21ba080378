"""Full garbage collections when the room is quiet, not in the middle of a burst.

With a thousand phones connected the server holds millions of objects, and Python's full
(generation 2) collection walks all of them: measured here, 100 to 250 ms in which the one
event loop serves nobody. Left to itself it strikes whenever allocations add up, typically
while a step's new state goes out to every phone or an answer burst is being acked.

So the server process turns the automatic full collection off and makes it itself: after a
second in which no Socket.IO message arrived, at most once a minute, and in any case every
ten minutes. The young generations are collected as usual, so short-lived cycles still go at
once. Objects made while the server started are frozen out of every collection.
"""

from __future__ import annotations

import gc
import time
from typing import Any

QUIET = 1.0  # seconds without a message before a full collection may run
AT_MOST_EVERY = 60.0
AT_LEAST_EVERY = 600.0
NEVER = 1_000_000_000  # a generation-2 threshold that is never reached


class QuietCollector:
    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.last_message = clock()
        self.last_full = clock()
        self.full_collections = 0

    def heard(self) -> None:
        self.last_message = self.clock()

    def due(self) -> bool:
        now = self.clock()
        since_full = now - self.last_full
        if since_full >= AT_LEAST_EVERY:
            return True
        return since_full >= AT_MOST_EVERY and now - self.last_message >= QUIET

    def collect(self) -> None:
        gc.collect()
        self.last_full = self.clock()
        self.full_collections += 1


def collect_when_quiet(socketio: Any) -> QuietCollector:
    """Install on a server process (gevent or eventlet): wrap the message handler, start the
    background task, and take generation 2 out of Python's own hands."""
    collector = QuietCollector()
    server = socketio.server
    handle = server.eio.handlers["message"]

    def heard_then_handle(eio_sid: str, data: Any) -> None:
        collector.heard()
        handle(eio_sid, data)

    server.eio.on("message", heard_then_handle)
    gc.freeze()  # what the start-up made lives as long as the process
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, NEVER)

    def watch() -> None:
        while True:
            socketio.sleep(QUIET / 2)
            if collector.due():
                collector.collect()

    socketio.start_background_task(watch)
    return collector
