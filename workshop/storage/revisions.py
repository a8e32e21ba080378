"""Each session's newest revision, told from process to process through Redis.

With several server processes on one database, a process may answer from the session record
it holds in memory only while no other process has saved the session since. Without this
module it asks the database for the revision on every answer. With it, every process that
saves a session announces the new revision on a Redis channel, and every process listens: a
record it holds is current while the newest revision heard for its session is not above the
record's own, so an answer costs no database read. The record is read again when a newer
revision was heard, when the record was confirmed longer than ``TRUST_FOR`` ago, and when the
listener is not (or was not, since the record was read) subscribed.

A session's participants travel the same way: a process that renames, seats or removes one
says so (``people``), and the others forget the participants they hold, to read them again
when next needed. They are kept only while the listener is subscribed, and all of them are
forgotten whenever it subscribes afresh. A join is not announced (a room of a thousand would
make every process read its thousand participants a thousand times): a participant not found
in memory is looked for in the database before anyone is told there is no such participant.

Why an answer is judged on the right state
------------------------------------------
The facilitator closes answering on process A while a phone on process B answers. A commits
the new state (revision r+1), announces it, and only then acks the facilitator and sends the
new state to the room. B hears the announcement within the time one Redis message takes,
the same path by which B's phones hear of the close. An answer B handles after hearing it is
judged on r+1: the step is closed (the answer is kept as a late one, for the facilitator to
let in) or the next step is open, or the hidden answer stays hidden. An answer B handles
between A's commit and B hearing of it (under a millisecond on a quiet machine, as long as B
is busy under load) is judged on revision r, as if it had come just before the close.

That window is not new. Before, B read the revision at the start of the answer and wrote the
answer in a transaction of its own, so a close committed between the read and the answer's
commit (a group commit waits for the commit before it) let the answer in just the same. Both
ways an answer is never stored twice (its ``answer_id`` is unique), an acked answer is always
stored, and what the facilitator decided on stored answers (hide, merge, confirm) is stored
on the answers themselves and never undone by an answer. What the listener adds are the ways
a message can fail to arrive, and each is closed off: before the first subscription and after
any lost connection nothing in memory is trusted until read again (each subscription starts a
new ``generation``); a deleted session is announced as such; an announcement that could not
be sent (Redis failed just after the commit) is made up for within ``TRUST_FOR`` seconds,
after which every process reads the record again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import redis

log = logging.getLogger(__name__)

TRUST_FOR = 5.0  # seconds a record confirmed by the database is trusted without a new read
DELETED = 2**62  # announced for a deleted session: above every revision it could have had
PEOPLE = b"people"  # announced for a change to a session's participants
HEARD_KEPT = 10_000  # sessions whose newest revision is remembered; beyond, all is forgotten


def connections(url: str, most: int = 32) -> redis.BlockingConnectionPool:
    """A pool of at most ``most`` connections to Redis, where a caller past them waits (up to
    two seconds) for one to come free, instead of failing: in a burst, every answer of the room
    wants Redis at the same moment."""
    return redis.BlockingConnectionPool.from_url(
        url, max_connections=most, timeout=2, socket_timeout=2, socket_connect_timeout=2
    )


class SharedRevisions:
    """The newest revision of each session any process has saved, as this process heard it."""

    def __init__(self, url: str, prefix: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.channel = f"{prefix}revisions"
        self.clock = clock
        self._redis = redis.Redis(connection_pool=connections(url))
        self._url = url
        self._lock = threading.Lock()
        self._heard: dict[int, int] = {}
        # session id -> (revision read or written, generation then, when)
        self._confirmed: dict[int, tuple[int, int, float]] = {}
        self.generation = 0  # moves on with every (re)subscription
        self.listening = False
        self._stopped = threading.Event()
        # What to do when another process changed a session's participants, and when every
        # change may have gone unheard (a new subscription): set by the store.
        self.people_heard: Callable[[int], None] = lambda _session_id: None
        self.subscribed: Callable[[], None] = lambda: None

    # what the store asks ----------------------------------------------------------------

    def current(self, session_id: int, revision: int) -> bool:
        """True when the record at ``revision`` may be used without reading the database."""
        with self._lock:
            confirmed = self._confirmed.get(session_id)
            if not self.listening or confirmed is None:
                return False
            read, generation, at = confirmed
            return (
                read == revision
                and generation == self.generation
                and self._heard.get(session_id, 0) <= revision
                and self.clock() - at < TRUST_FOR
            )

    def confirm(self, session_id: int, revision: int, generation: int) -> None:
        """The database said ``revision`` in a read (or write) begun in ``generation``."""
        with self._lock:
            if generation == self.generation:
                self._confirmed[session_id] = (revision, generation, self.clock())
                if len(self._confirmed) > HEARD_KEPT:
                    self._confirmed.clear()

    def saved(self, session_id: int, revision: int, generation: int) -> None:
        """This process committed ``revision``: note it, and tell the others."""
        self.confirm(session_id, revision, generation)
        self._announce(session_id, revision)

    def deleted(self, session_id: int) -> None:
        with self._lock:
            self._confirmed.pop(session_id, None)
        self._announce(session_id, DELETED)

    def people_changed(self, session_id: int) -> None:
        """This process changed the session's participants: the others forget theirs."""
        self._announce(session_id, PEOPLE.decode())

    def _announce(self, session_id: int, what: int | str) -> None:
        try:
            self._redis.publish(self.channel, f"{session_id}:{what}")
        except (redis.RedisError, OSError) as error:
            # The others read the record again within TRUST_FOR seconds.
            log.warning("revision not announced (Redis): %s", error)

    # the listener --------------------------------------------------------------------------

    def heard(self, session_id: int, revision: int) -> None:
        with self._lock:
            if revision > self._heard.get(session_id, 0):
                self._heard[session_id] = revision
            if len(self._heard) > HEARD_KEPT:
                # Forget everything heard, and so everything confirmed before.
                self._heard.clear()
                self._confirmed.clear()
                self.generation += 1

    def _subscribed(self) -> None:
        self.subscribed()  # before anything is trusted again
        with self._lock:
            self.generation += 1
            self.listening = True

    def _lost(self) -> None:
        with self._lock:
            self.listening = False
            self.generation += 1

    def listen(self) -> None:
        """Run until ``stop``: subscribe, hear, and subscribe again after a lost connection."""
        while not self._stopped.is_set():
            client = redis.Redis.from_url(
                self._url, socket_connect_timeout=2, health_check_interval=10
            )
            try:
                with client.pubsub() as pubsub:
                    pubsub.subscribe(self.channel)
                    while not self._stopped.is_set():
                        message = pubsub.get_message(timeout=1.0)
                        if message is None:
                            continue
                        if message["type"] == "subscribe":
                            self._subscribed()
                        elif message["type"] == "message":
                            session_id, _colon, what = message["data"].partition(b":")
                            if what == PEOPLE:
                                self.people_heard(int(session_id))
                            else:
                                self.heard(int(session_id), int(what))
            except (redis.RedisError, OSError, ValueError) as error:
                log.warning("revisions not heard (Redis): %s", error)
            finally:
                self._lost()
                client.close()
            self._stopped.wait(1.0)

    def start(self) -> SharedRevisions:
        threading.Thread(target=self.listen, name="revisions", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopped.set()
