"""Real python-socketio clients that behave like the surfaces: keep the token, collect events."""

from __future__ import annotations

import threading
import time
import weakref
from socket import SHUT_RDWR

import socketio


class LiveClient:
    """One socket with the role's ``auth``; a participant reconnects with its own token."""

    # The clients not closed yet; each test's end closes what it left open (conftest.py).
    still_open: weakref.WeakSet[LiveClient] = weakref.WeakSet()

    def __init__(self, url: str, **auth) -> None:
        LiveClient.still_open.add(self)
        self.url = url
        self.auth = auth
        self.states: list[dict] = []
        self.results: list[dict] = []
        self.connects = 0
        self._changed = threading.Condition()
        self.sio = socketio.Client(
            reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1
        )
        self.sio.on("state", self._on_state)
        self.sio.on("results", self._on_results)
        self.presence: list[dict] = []
        self.sio.on("presence", self._on_presence)
        self.sio.on("connect", self._on_connect)
        # A closed client never starts reconnecting, even when its reader saw the server go
        # just before close() turned reconnecting off (python-socketio looks the task up on
        # the instance when it starts one); close() stops and joins those that did start.
        self.closed = False
        self._closing = threading.Lock()
        self._reconnecting: list[threading.Thread] = []
        reconnect = self.sio._handle_reconnect

        def reconnect_unless_closed() -> None:
            with self._closing:
                if self.closed:
                    return
                self._reconnecting.append(threading.current_thread())
            reconnect()

        self.sio._handle_reconnect = reconnect_unless_closed

    def _auth(self) -> dict:
        if self.states and self.states[-1].get("you"):
            return {**self.auth, "token": self.states[-1]["you"]["token"]}
        if getattr(self, "token", None):
            return {**self.auth, "token": self.token}
        return self.auth

    def _on_connect(self) -> None:
        with self._changed:
            self.connects += 1
            self._changed.notify_all()

    def _on_state(self, state: dict) -> None:
        with self._changed:
            if state.get("you"):
                self.token = state["you"]["token"]
            self.states.append(state)
            self._changed.notify_all()

    def _on_results(self, results: dict) -> None:
        with self._changed:
            self.results.append(results)
            self._changed.notify_all()

    def _on_presence(self, presence: dict) -> None:
        with self._changed:
            self.presence.append(presence)
            self._changed.notify_all()

    def connect(self, transports=("websocket",)) -> LiveClient:
        self.sio.connect(self.url, auth=self._auth, transports=list(transports), wait_timeout=10)
        return self

    def wait(self, predicate, timeout: float = 15.0):
        deadline = time.monotonic() + timeout
        with self._changed:
            while time.monotonic() < deadline:
                found = predicate(self)
                if found:
                    return found
                self._changed.wait(0.1)
        raise AssertionError("condition not met in time")

    @property
    def state(self) -> dict:
        return self.states[-1]

    def call(self, event: str, payload, timeout: float = 10.0):
        return self.sio.call(event, payload, timeout=timeout)

    def close(self) -> None:
        """Drop the connection, as a phone that goes away does (the server sees it closed).

        A client whose server went away is trying to reconnect in a background thread: that
        is stopped for good too (it would go on after the test, drawing on the shared
        `random` for its delays, and connect again to a server started later).
        """
        LiveClient.still_open.discard(self)
        with self._closing:
            self.closed = True
            started = list(self._reconnecting)
        self.sio.reconnection = False
        self.sio.reconnection_attempts = 1  # one that is under way gives up after its try
        self._drop()
        for thread in started:
            # The task clears its stop signal when it begins, so a signal given just before
            # that is lost: give it until the task has seen it (or has given up).
            deadline = time.monotonic() + 10
            while thread.is_alive() and time.monotonic() < deadline:
                if self.sio._reconnect_abort is not None:
                    self.sio._reconnect_abort.set()
                thread.join(0.05)
            assert not thread.is_alive(), "a closed test client would not stop reconnecting"
        self._drop()  # a reconnection that got through just before it was stopped

    def _drop(self) -> None:
        if self.sio.connected:
            hang_up(self.sio)


def hang_up(sio: socketio.Client) -> None:
    """Close a client's connection at once, as a phone that goes away does, and end its
    Engine.IO writer thread (and a websocket's reader) before returning.

    No goodbye: a polite disconnect waits seconds for the client's reader. Closing a
    websocket's file does not wake a reader blocked on it (nor tell the server), so it is shut
    down first. The writer, whose wake-up an aborted disconnect may throw away, is woken again:
    left waiting, it would log an error half a minute later, after its test. (A long-polling
    reader ends when its open request is answered, at the server's next ping at the latest.)
    """
    eio = sio.eio
    threads = [eio.write_loop_task]
    if eio.current_transport == "websocket" and eio.ws is not None:
        threads.append(eio.read_loop_task)
        if eio.ws.sock is not None:
            try:
                eio.ws.sock.shutdown(SHUT_RDWR)
            except OSError:  # the server closed it already
                pass
        eio.ws.shutdown()
    eio.disconnect(abort=True)
    eio.queue.put(None)
    for thread in threads:
        if thread is not None:
            thread.join(10)
            assert not thread.is_alive(), "a closed test client's connection threads did not end"


def facilitator_of(server_url: str, created: dict) -> LiveClient:
    """A connected facilitator for a session the API just created."""
    return LiveClient(
        server_url, role="facilitator", code=created["code"], key=created["facilitator_key"]
    ).connect()
