"""Budgets: token buckets and remembered facts, in this process or shared through Redis.

They protect the server and slow down guessing; they are not state of the meeting. With one
process they live in memory (bounded); with several processes (a message queue is set) every
process reads and spends the same budgets in Redis. If Redis cannot be reached, a budget lets
the event through: a meeting must not stop because its rate limiter did.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Protocol

from .storage.group_commit import GroupCommit

log = logging.getLogger(__name__)


def address_key(address: str | None) -> str:
    """The part of a client address that one household or venue controls.

    An IPv6 client can pick from a whole /64 network, so the network counts, not the address.
    """
    if not address:
        return "-"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


class Budgets(Protocol):
    def level(self, key: str, capacity: float, rate: float) -> float:
        """Tokens left in the bucket ``key`` (full when it was never used)."""

    def take(self, key: str, capacity: float, rate: float, cost: float = 1.0) -> bool:
        """Spend ``cost`` tokens if there are that many; refilled at ``rate`` per second."""

    def remember(self, key: str, seconds: float) -> None:
        """Keep the fact ``key`` for ``seconds``."""

    def remembered(self, key: str) -> bool: ...


class MemoryBudgets:
    """Budgets in this process's memory, at most ``max_keys`` of them (oldest go first)."""

    def __init__(self, max_keys: int = 100_000, clock=time.monotonic) -> None:
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._facts: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def _current(self, key: str, capacity: float, rate: float, now: float) -> float:
        tokens, stamp = self._buckets.get(key, (capacity, now))
        return min(capacity, tokens + (now - stamp) * rate)

    def level(self, key: str, capacity: float, rate: float) -> float:
        with self._lock:
            return self._current(key, capacity, rate, self.clock())

    def take(self, key: str, capacity: float, rate: float, cost: float = 1.0) -> bool:
        with self._lock:
            now = self.clock()
            tokens = self._current(key, capacity, rate, now)
            allowed = tokens >= cost
            if allowed:
                tokens -= cost
            self._buckets[key] = (tokens, now)
            self._buckets.move_to_end(key)
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return allowed

    def remember(self, key: str, seconds: float) -> None:
        with self._lock:
            self._facts[key] = self.clock() + seconds
            self._facts.move_to_end(key)
            if len(self._facts) > self.max_keys:
                self._facts.popitem(last=False)

    def remembered(self, key: str) -> bool:
        with self._lock:
            until = self._facts.get(key)
            if until is None:
                return False
            if until <= self.clock():
                del self._facts[key]
                return False
            return True


# One round trip: refill, spend if possible, store, and let an idle bucket expire. The time is
# Redis's own, so that processes on several machines agree on "now" (a script may read the
# clock before it writes since Redis 5, whose scripts replicate their effects).
_TAKE = """
local capacity, rate, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens, stamp = tonumber(saved[1]), tonumber(saved[2])
if tokens == nil then tokens, stamp = capacity, now end
tokens = math.min(capacity, tokens + math.max(0, now - stamp) * rate)
local allowed = 0
if tokens >= cost then tokens = tokens - cost; allowed = 1 end
if cost > 0 then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
  redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 1)
end
return {allowed, tostring(tokens)}
"""


class RedisBudgets:
    """Budgets shared by every server process through Redis."""

    def __init__(self, url: str, prefix: str = "workshop:budget:") -> None:
        import redis

        self.prefix = prefix
        # Callers wait for a free connection (a room's burst), rather than fail past a limit.
        pool = redis.BlockingConnectionPool.from_url(
            url, max_connections=32, timeout=2, socket_timeout=2, socket_connect_timeout=2
        )
        self._redis = redis.Redis(connection_pool=pool)
        self._take = self._redis.register_script(_TAKE)
        self._errors = (redis.RedisError, OSError)
        # A room answering at once: the budgets asked for while one round trip is under way
        # go together in the next one (a pipeline), as answers go together in one commit.
        self._together = GroupCommit(self._run_together)

    def _run_together(self, asked: list[dict[str, Any]]) -> list[BaseException | None]:
        with self._redis.pipeline(transaction=False) as pipe:
            for one in asked:
                self._take(keys=[self.prefix + one["key"]], args=one["args"], client=pipe)
            replies = pipe.execute()
        for one, (allowed, tokens) in zip(asked, replies, strict=True):
            one["allowed"], one["tokens"] = bool(allowed), float(tokens)
        return [None] * len(asked)

    def _run(self, key: str, capacity: float, rate: float, cost: float) -> tuple[bool, float]:
        asked: dict[str, Any] = {"key": key, "args": [capacity, rate, cost]}
        self._together.save(asked)
        return asked["allowed"], asked["tokens"]

    def level(self, key: str, capacity: float, rate: float) -> float:
        try:
            return self._run(key, capacity, rate, 0)[1]
        except self._errors as error:
            log.warning("budget store unreachable, letting through: %s", error)
            return capacity

    def take(self, key: str, capacity: float, rate: float, cost: float = 1.0) -> bool:
        try:
            return self._run(key, capacity, rate, cost)[0]
        except self._errors as error:
            log.warning("budget store unreachable, letting through: %s", error)
            return True

    def remember(self, key: str, seconds: float) -> None:
        try:
            self._redis.set(self.prefix + key, b"1", ex=max(1, int(seconds)))
        except self._errors as error:
            log.warning("budget store unreachable: %s", error)

    def remembered(self, key: str) -> bool:
        try:
            return bool(self._redis.exists(self.prefix + key))
        except self._errors as error:
            log.warning("budget store unreachable: %s", error)
            return False


def budgets_for(message_queue: str | None, prefix: str = "workshop:budget:") -> Budgets:
    """Redis budgets when the processes share a Redis message queue, else this process's."""
    if message_queue and message_queue.startswith(("redis://", "rediss://", "unix://")):
        return RedisBudgets(message_queue, prefix)
    return MemoryBudgets()
