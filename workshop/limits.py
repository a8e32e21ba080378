"""Rate limits: a token bucket per connection, and a cap on failed joins per address.

Both are kept in this process's memory: they protect the server, they are not state of the
meeting, and losing them on a restart loses nothing of value.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """Allows bursts of ``capacity`` events, refilled at ``rate`` per second."""

    capacity: float = 10.0
    rate: float = 5.0
    tokens: float = 10.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True


class FailedJoins:
    """Counts failed join attempts (wrong code, wrong key) per address in a sliding window.

    Successful joins are not counted, so a whole room behind one venue NAT gets in; an
    address that keeps guessing codes is refused until its failures age out.
    """

    def __init__(self, limit: int = 50, window: float = 600.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures.get(address)
        if failures is None:
            return deque()
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[address]
        return failures

    def blocked(self, address: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            return len(self._recent(address, now)) >= self.limit

    def failed(self, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._recent(address, now)
            self._failures.setdefault(address, deque()).append(now)
