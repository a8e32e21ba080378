"""Full garbage collections when the room is quiet, not in the middle of a burst.

With a thousand phones connected the server holds millions of objects, and Python's full
(generation 2) collection walks all of them: measured here, 100 to 250 ms in which the one
event loop serves nobody. Left to itself it strikes whenever allocations add up, typically
while a step's new state goes out to every phone or an answer burst is being acked.

So the server process turns the automatic full collection off and makes it itself: after a
second in which no Socket.IO message arrived, at most once a minute, and in any case every
ten minutes. A room that never goes quiet (answers streaming in for minutes) would meanwhile
pile up its cycles: measured, 96 MB to 1.45 GB in under two minutes. So a full collection is
also due once the process's resident memory has grown by a quarter (at least 64 MB) since the
last one, at most every five seconds: one pause now and then instead of memory without bound.
It waits for the next quiet second, for up to five seconds: a room of a thousand phones
grows the process by some 70 MB as it joins (sockets, not garbage), and a collection made the
moment that crossed the line could fall in the middle of the room's answer burst, where a
run's 150 ms pause in a thousand answers made them cost half as much again as the bare
server's. A room that never goes quiet gets its collection five seconds later. The young
generations are collected as usual, so short-lived cycles still go at once. Objects made
while the server started are frozen out of every collection.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

import psutil

QUIET = 1.0  # seconds without a message before a full collection may run
AT_MOST_EVERY = 60.0
AT_LEAST_EVERY = 600.0
NEVER = 1_000_000_000  # a generation-2 threshold that is never reached
GROWN_BY = 0.25  # of the resident memory after the last full collection
GROWN_AT_LEAST = 64 * 1024 * 1024  # bytes: small processes do not collect for a few MB
GROWN_AT_MOST_EVERY = 5.0  # seconds between collections made for growth
GROWN_WAIT = 5.0  # seconds one made for growth waits for a quiet second, then is made anyway


_THIS_PROCESS = psutil.Process()


def resident_memory() -> int:
    return _THIS_PROCESS.memory_info().rss


class QuietCollector:
    def __init__(self, clock=time.monotonic, memory: Callable[[], int] = resident_memory) -> None:
        self.clock = clock
        self.memory = memory
        self.last_message = clock()
        self.last_full = clock()
        self.after_full = memory()
        self.full_collections = 0
        self.for_growth = 0
        self.grown_since: float | None = None  # memory was found grown, waiting for quiet

    def heard(self) -> None:
        self.last_message = self.clock()

    def due(self) -> bool:
        now = self.clock()
        since_full = now - self.last_full
        if since_full >= AT_LEAST_EVERY:
            return True
        quiet = now - self.last_message >= QUIET
        if since_full >= AT_MOST_EVERY and quiet:
            return True
        if since_full < GROWN_AT_MOST_EVERY or not self.grown():
            self.grown_since = None
            return False
        if self.grown_since is None:
            self.grown_since = now
        return quiet or now - self.grown_since >= GROWN_WAIT

    def grown(self) -> bool:
        """Whether memory grew enough since the last full collection to make one now."""
        allowed = max(self.after_full * GROWN_BY, GROWN_AT_LEAST)
        return self.memory() - self.after_full >= allowed

    def collect(self) -> tuple[str, float]:
        """Make a full collection now; why, and how long it held the process (seconds)."""
        grown = self.grown()
        if grown:
            self.for_growth += 1
        started = time.perf_counter()
        gc.collect()
        pause = time.perf_counter() - started
        self.last_full = self.clock()
        self.grown_since = None
        self.after_full = self.memory()
        self.full_collections += 1
        return ("memory grew" if grown else "quiet"), pause


def collect_when_quiet(socketio: Any, report: bool = False) -> QuietCollector:
    """Install on a server process (gevent or eventlet): wrap the message handler, start the
    background task, and take generation 2 out of Python's own hands. With ``report``, each
    full collection prints its reason, pause, memory and moment (bench/stream.py and
    bench/run_all.py read them)."""
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
                reason, pause = collector.collect()
                if report:
                    print(
                        f"full collection ({reason}): {pause * 1000:.0f} ms, "
                        f"{collector.after_full / 2**20:.0f} MB after, at {time.time():.3f}",
                        flush=True,
                    )

    socketio.start_background_task(watch)
    return collector
