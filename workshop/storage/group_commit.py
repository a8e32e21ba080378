"""Group commit: answers that arrive together are written in one transaction.

With ``synchronous=FULL`` every commit waits for the disk. One commit per answer would make a
burst of answers queue behind one fsync each; instead, whoever finds the writer idle becomes
the writer, takes every answer waiting at that moment, commits them together, and wakes their
senders with their own outcome. Each answer is still acknowledged only after its commit.

Nothing here knows what it writes: the rate budgets a room asks of Redis at the same moment
go together the same way, in one pipelined round trip (``limits.RedisBudgets``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MAX_BATCH = 200


@dataclass
class Pending:
    """One answer waiting for the next commit, and what became of it."""

    answer: dict[str, Any]
    wake: threading.Event = field(default_factory=threading.Event)
    finished: bool = False
    error: BaseException | None = None
    lead: bool = False


class GroupCommit:
    def __init__(self, write_batch: Callable[[list[dict[str, Any]]], list[BaseException | None]]):
        self.write_batch = write_batch
        self._lock = threading.Lock()
        self._waiting: deque[Pending] = deque()
        self._busy = False
        self.batches = 0  # how many commits were made (for benchmarks and tests)

    def save(self, answer: dict[str, Any]) -> None:
        """Return once ``answer`` is committed, or raise what stopped it."""
        mine = Pending(answer)
        with self._lock:
            self._waiting.append(mine)
            if not self._busy:
                self._busy = mine.lead = True
        if not mine.lead:
            mine.wake.wait()  # woken when written, or when it is our turn to write
        if not mine.finished:
            self._write_until_finished(mine)
        if mine.error is not None:
            raise mine.error

    def _write_until_finished(self, mine: Pending) -> None:
        # Write batches until ours is written; then hand the writing on to a waiting sender.
        while not mine.finished:
            # Let the answers already on their way join this commit: under gevent a commit
            # holds the whole process, so the others can only queue up before it starts.
            time.sleep(0)
            with self._lock:
                batch = [self._waiting.popleft() for _ in range(min(MAX_BATCH, len(self._waiting)))]
            try:
                outcomes = self.write_batch([pending.answer for pending in batch])
            except BaseException as failure:  # the whole transaction failed: all of it
                outcomes = [failure] * len(batch)
            self.batches += 1
            for pending, outcome in zip(batch, outcomes, strict=True):
                pending.error = outcome
                pending.finished = True
                pending.wake.set()
        with self._lock:
            if self._waiting:
                successor = self._waiting[0]
                successor.lead = True
                successor.wake.set()
            else:
                self._busy = False
