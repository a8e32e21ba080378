"""Who is connected now, counted over every server process of the session.

One process counts its own sockets. Several processes behind one address share a Redis: each
keeps the set of participants it has a live socket for, under a key of its own that expires
unless the process renews it, so a process that dies takes its count with it within
``LIFETIME`` seconds. The count of a session is the size of the union of those sets.
"""

from __future__ import annotations

import logging
import uuid

import redis

from ..storage.revisions import connections

log = logging.getLogger(__name__)

LIFETIME = 90  # seconds a process's set outlives its last renewal
RENEW_EVERY = 30


class RedisPresence:
    def __init__(self, url: str, prefix: str) -> None:
        self.redis = redis.Redis(connection_pool=connections(url))
        self.prefix = prefix
        self.process = uuid.uuid4().hex

    def _mine(self, code: str) -> str:
        return f"{self.prefix}connected:{code}:{self.process}"

    def _processes(self, code: str) -> str:
        return f"{self.prefix}connected:{code}"

    def arrived(self, code: str, participant_id: int) -> None:
        try:
            with self.redis.pipeline() as pipe:
                pipe.sadd(self._mine(code), participant_id)
                pipe.expire(self._mine(code), LIFETIME)
                pipe.sadd(self._processes(code), self.process)
                pipe.expire(self._processes(code), LIFETIME)
                pipe.execute()
        except redis.RedisError as error:
            log.warning("presence not shared (Redis): %s", error)

    def left(self, code: str, participant_id: int) -> None:
        try:
            self.redis.srem(self._mine(code), participant_id)
        except redis.RedisError as error:
            log.warning("presence not shared (Redis): %s", error)

    def renew(self, codes: set[str]) -> None:
        """Keep this process's sets alive for the sessions it still has sockets in."""
        try:
            with self.redis.pipeline() as pipe:
                for code in codes:
                    pipe.expire(self._mine(code), LIFETIME)
                    pipe.sadd(self._processes(code), self.process)
                    pipe.expire(self._processes(code), LIFETIME)
                pipe.execute()
        except redis.RedisError as error:
            log.warning("presence not renewed (Redis): %s", error)

    def is_connected(self, code: str, participant_id: int) -> bool:
        """True if any process has a live socket of the participant (True if Redis cannot
        say: a seat is never taken from someone who may be there)."""
        try:
            processes = [p.decode() for p in self.redis.smembers(self._processes(code))]
            with self.redis.pipeline() as pipe:
                for process in processes:
                    pipe.sismember(f"{self.prefix}connected:{code}:{process}", participant_id)
                return any(pipe.execute())
        except redis.RedisError as error:
            log.warning("presence not read (Redis): %s", error)
            return True

    def count(self, code: str) -> int | None:
        """Participants with a live socket on any process; None if Redis cannot say."""
        try:
            processes = [p.decode() for p in self.redis.smembers(self._processes(code))]
            keys = [f"{self.prefix}connected:{code}:{process}" for process in processes]
            return len(self.redis.sunion(keys)) if keys else 0
        except redis.RedisError as error:
            log.warning("presence not read (Redis): %s", error)
            return None
