"""What one connection may cost everyone: frames counted before they are decoded, sockets that
never join closed, and a cap on sockets from one address that have not joined.

Engine.IO hands every frame it reads to a handler of its own, started as a task of its own
on the one event loop; a socket sending thousands of frames a second would keep that loop
busy decoding, refusing and answering them however small its event budget. So each Engine.IO
message is counted here first, in a bucket per connection, before a task is started for it or
Socket.IO decodes it. A connection past its bucket is cut off: told so in one Socket.IO
``disconnect`` packet, then its transport is closed, and Engine.IO stops reading from it.

A connection that never completes a Socket.IO connect with valid credentials (a wrong code,
no code, nothing at all) is closed a few seconds after it opened, so idle sockets cannot hold
the process's file descriptors. A whole room shares one address (ARCHITECTURE rule 1), so the
per-address cap counts only sockets that have not joined yet, and is sized for a room
arriving at once.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import simple_websocket
from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI
from engineio.exceptions import SocketIsClosedError

from ..limits import address_key

log = logging.getLogger(__name__)

NAMESPACE = "/"
CONNECT_PACKET = "0"  # a Socket.IO CONNECT: the client is asking to join


@dataclass(frozen=True)
class GuardLimits:
    """The bounds on one connection; defaults in ``Config``."""

    frame_burst: float = 200.0  # Engine.IO messages a connection may send at once
    frame_rate: float = 50.0  # and then so many a second, for as long as it likes
    join_within: float = 10.0  # seconds from opening to asking to join
    connect_within: float = 30.0  # seconds from asking to join to having joined
    unjoined_per_address: int = 1000  # sockets not joined yet, per address


class FrameBuckets:
    """One token bucket per connection, in this process: cheap enough to run on every frame."""

    def __init__(self, burst: float, rate: float, clock: Callable[[], float]) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._buckets: dict[str, list[float]] = {}

    def take(self, sid: str) -> bool:
        now = self.clock()
        bucket = self._buckets.get(sid)
        if bucket is None:
            self._buckets[sid] = [self.burst - 1.0, now]
            return True
        level = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
        bucket[1] = now
        if level < 1.0:
            bucket[0] = level
            return False
        bucket[0] = level - 1.0
        return True

    def forget(self, sid: str) -> None:
        self._buckets.pop(sid, None)


@dataclass
class Pending:
    """A socket that has not joined yet: where from, and until when it may try."""

    address: str
    deadline: float
    asked: bool = False


class Guard:
    """Sits between Engine.IO and Socket.IO on one server process."""

    def __init__(
        self,
        limits: GuardLimits,
        joined: Callable[[str], bool],
        cut: Callable[[str], None],
        close: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.joined = joined  # Engine.IO sid -> has it joined the default namespace?
        self.cut = cut  # tell a connection it is cut off and close it
        self.close = close  # close a connection that never joined
        self.clock = clock
        self.frames = FrameBuckets(limits.frame_burst, limits.frame_rate, clock)
        self.pending: dict[str, Pending] = {}
        self._unjoined: Counter[str] = Counter()
        self.cut_off: set[str] = set()
        self._lock = threading.Lock()
        # What happened, for the log and the tests.
        self.refused_unjoined = 0
        self.closed_unjoined = 0
        self.cut_connections = 0

    # Engine.IO events, in the order a connection sees them.

    def opened(self, sid: str, address: str | None) -> bool:
        """A new Engine.IO connection; False to refuse it (too many unjoined from there)."""
        key = address_key(address)
        with self._lock:
            if self._unjoined[key] >= self.limits.unjoined_per_address:
                self._settle(key)
            if self._unjoined[key] >= self.limits.unjoined_per_address:
                self.refused_unjoined += 1
                return False
            self.pending[sid] = Pending(key, self.clock() + self.limits.join_within)
            self._unjoined[key] += 1
        return True

    def heard(self, sid: str, data: Any) -> bool:
        """An Engine.IO message; False when it must be dropped unread."""
        if sid in self.cut_off:
            return False
        if not self.frames.take(sid):
            with self._lock:
                if sid in self.cut_off:
                    return False
                self.cut_off.add(sid)
                self.cut_connections += 1
            self.cut(sid)
            return False
        waiting = self.pending.get(sid)
        if (
            waiting is not None
            and not waiting.asked
            and isinstance(data, str)
            and data[:1] == CONNECT_PACKET
        ):
            # Asking to join: the connect handler may take a while when a room arrives at once.
            waiting.asked = True
            waiting.deadline = self.clock() + self.limits.connect_within
        return True

    def closed(self, sid: str) -> None:
        with self._lock:
            waiting = self.pending.pop(sid, None)
            if waiting is not None:
                self._drop(waiting.address)
            self.cut_off.discard(sid)
        self.frames.forget(sid)

    # The sweep, every second or so.

    def sweep(self) -> int:
        """Forget the sockets that joined; close those past their time. How many closed."""
        now = self.clock()
        late: list[str] = []
        with self._lock:
            for sid, waiting in list(self.pending.items()):
                if self.joined(sid):
                    del self.pending[sid]
                    self._drop(waiting.address)
                elif now >= waiting.deadline:
                    late.append(sid)
        for sid in late:
            self.closed_unjoined += 1
            self.close(sid)
            self.closed(sid)  # in case the transport was already gone
        return len(late)

    def unjoined(self, address: str | None = None) -> int:
        with self._lock:
            if address is None:
                return len(self.pending)
            return self._unjoined[address_key(address)]

    def _settle(self, key: str) -> None:
        """Forget the sockets from ``key`` that joined since the last sweep (lock held)."""
        for sid, waiting in list(self.pending.items()):
            if waiting.address == key and self.joined(sid):
                del self.pending[sid]
                self._drop(key)

    def _drop(self, key: str) -> None:
        self._unjoined[key] -= 1
        if self._unjoined[key] <= 0:
            del self._unjoined[key]


BACKLOG = 64  # messages read from a websocket and not yet handled, at most


class BoundedWebSocket(simple_websocket.Server):
    """A websocket that reads no further ahead than the app handles, and lets the others run
    between two reads.

    simple-websocket reads in a task of its own into an unbounded list. Under gevent a read
    with data waiting does not switch tasks, so a client sending as fast as it can kept that
    task reading, and the whole process with it, for as long as it liked; whatever the app
    refused piled up in memory. Here the reader stops while ``BACKLOG`` messages wait (the
    client's sends then wait in TCP), and yields after every read.
    """

    ended = False

    def _handle_events(self) -> bool:
        keep_going = super()._handle_events() and not self.ended
        while keep_going and not self.ended and len(self.input_buffer) >= BACKLOG:
            time.sleep(0.005)  # monkey-patched: only this task waits
        time.sleep(0)  # the other sockets' turn
        return keep_going and not self.ended

    def end(self) -> None:
        """The app is done with this websocket: stop reading and let the connection go.

        simple-websocket's reader sets ``connected`` again after each read, so a client that
        keeps sending kept it reading (and its duplicate of the socket open) after a close.
        """
        self.ended = True
        self.connected = False
        self.event.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # the reader's recv returns at once
        except OSError:
            pass


def bounded(websocket_class: type) -> type:
    """Engine.IO's websocket wrapper, making ``BoundedWebSocket``s instead."""

    class Bounded(websocket_class):  # type: ignore[misc, valid-type]
        def __call__(self, environ: dict, start_response: Callable) -> Any:
            self.ws = BoundedWebSocket(environ, **self.server_args)
            try:
                done = self.app(self)
            finally:
                self.ws.end()
                _end_of_connection(environ)
            # As simple-websocket's own wrapper: these servers end the connection this way.
            if self.ws.mode == "gunicorn":
                raise StopIteration()
            if self.ws.mode == "werkzeug":
                raise ConnectionError()
            return done

    return Bounded


def _end_of_connection(environ: dict) -> None:
    """Stop the web server reading the connection as HTTP once its websocket is over: what
    a cut-off client still sends is not requests, and each read of it was a log line."""
    if not environ.get("SERVER_SOFTWARE", "").startswith("gevent"):
        return
    stream = environ.get("wsgi.input")  # gevent hands a websocket its raw reader
    if stream is not None and hasattr(stream, "raw"):
        try:
            stream.close()  # gevent's server sees it closed and ends the connection
        except OSError:
            pass


def close_socket(socketio: Any) -> Callable[[str], None]:
    """A function closing a Socket.IO socket for good: the client is told (it does not come
    back by itself), and the transport is closed too, in case it does not listen."""
    server = socketio.server

    def close(sid: str) -> None:
        eio_sid = server.manager.eio_sid_from_sid(sid, NAMESPACE)
        server.disconnect(sid)
        if eio_sid is not None:
            # Engine.IO waits for the goodbye to be written; the caller need not.
            socketio.start_background_task(server.eio.disconnect, eio_sid)

    return close


def guard_connections(
    socketio: Any, limits: GuardLimits, on_cut: Callable[[str], None] = lambda _sid: None
) -> Guard:
    """Install on the app's Socket.IO server: count frames before Engine.IO starts a task for
    them, and sweep the sockets that do not join."""
    server = socketio.server
    eio = server.eio

    def joined(eio_sid: str) -> bool:
        return server.manager.sid_from_eio_sid(eio_sid, NAMESPACE) is not None

    def cut(eio_sid: str) -> None:
        # Here and now, in the task reading the socket: with frames always waiting, that task
        # would not let another run before it stops reading.
        sid = server.manager.sid_from_eio_sid(eio_sid, NAMESPACE)
        if sid is not None:
            on_cut(sid)  # its participant waits a moment before coming back
            server.disconnect(sid)  # a Socket.IO client does not come back by itself
        engine_socket = eio.sockets.get(eio_sid)
        if engine_socket is not None:
            # Say goodbye and let the writer finish; never wait for a poll that may not come.
            engine_socket.close(wait=False, reason=eio.reason.SERVER_DISCONNECT)

    guard = Guard(limits, joined, cut, eio.disconnect)
    websocket = eio._async.get("websocket")
    if isinstance(websocket, type) and issubclass(websocket, SimpleWebSocketWSGI):
        eio._async = {**eio._async, "websocket": bounded(websocket)}
    trigger = eio._trigger_event

    def guarded(event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "message":
            if not guard.heard(args[0], args[1]):
                # Engine.IO stops reading this socket (websocket) or this post (polling).
                raise SocketIsClosedError()
        elif event == "connect":
            address = args[1].get("REMOTE_ADDR") if isinstance(args[1], dict) else None
            if not guard.opened(args[0], address):
                return False
        elif event == "disconnect":
            guard.closed(args[0])
        return trigger(event, *args, **kwargs)

    eio._trigger_event = guarded

    def sweep() -> None:
        while True:
            socketio.sleep(1.0)
            try:
                guard.sweep()
            except Exception as error:  # the sweep must outlive any one socket's trouble
                log.warning("sweeping unjoined sockets failed: %r", error)

    socketio.start_background_task(sweep)
    return guard
