"""Frames that do not decode: one short line in the log at most, never a traceback.

A curious participant can send thousands of broken frames: a Socket.IO packet of an unknown
type or with broken JSON (``4``), an event that is not a list (``42{}``), JSON nested deeper
than Python recurses, a long-polling post that is not an Engine.IO payload. python-socketio
and python-engineio log each with a full traceback, and a polling post with an unknown packet
type even leaves its request hanging. So:

- the Socket.IO message handler is wrapped: whatever it raises for a frame is one line;
- long-polling posts are checked before Engine.IO reads them: junk gets ``400`` at once, and
  so does a post over the size limit (Engine.IO held its request for good);
- the libraries' own loggers keep their lines but lose the tracebacks;
- every one of these lines spends a small budget, so a flood of junk is a line a second.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from engineio.payload import Payload

log = logging.getLogger(__name__)

# Engine.IO packet types a client may send: open..noop ("0".."6").
CLIENT_PACKETS = frozenset("0123456")
SEPARATOR = "\x1e"


class LogBudget:
    """A burst of lines, then one a second; the next line says how many were left out."""

    def __init__(
        self, burst: float = 10.0, rate: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self.level = burst
        self.last = clock()
        self.left_out = 0
        self._lock = threading.Lock()

    def allow(self) -> tuple[bool, int]:
        """Whether a line may be written now, and how many were left out before it."""
        with self._lock:
            now = self.clock()
            self.level = min(self.burst, self.level + (now - self.last) * self.rate)
            self.last = now
            if self.level < 1.0:
                self.left_out += 1
                return False, 0
            self.level -= 1.0
            left_out, self.left_out = self.left_out, 0
            return True, left_out


BUDGET = LogBudget()


def one_line(logger: logging.Logger, message: str, *args: Any, budget: LogBudget = BUDGET) -> None:
    """Log ``message`` as one warning line if the budget allows."""
    allowed, left_out = budget.allow()
    if not allowed:
        return
    if left_out:
        message += f" ({left_out} more such lines left out)"
    logger.warning(message, *args)


def _short(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error)[:120]}"


def log_malformed_frames(server: Any) -> None:
    """Wrap the Socket.IO server's message handler on its Engine.IO server."""
    handle = server._handle_eio_message

    def handle_or_log(eio_sid: str, data: Any) -> None:
        try:
            handle(eio_sid, data)
        except Exception as error:  # noqa: BLE001  (what a broken frame makes the library raise)
            # Our own handlers' failures never get here: Flask-SocketIO hands them to the
            # default error handler. What does is the library failing to decode or dispatch.
            address = server.environ.get(eio_sid, {}).get("REMOTE_ADDR", "?")
            one_line(log, "malformed Socket.IO frame from %s: %s", address, _short(error))

    server.eio.on("message", handle_or_log)


def payload_is_sound(body: bytes) -> bool:
    """Whether a long-polling post is UTF-8 made of Engine.IO packets a client may send, no
    more of them than Engine.IO decodes in one post."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.count(SEPARATOR) >= Payload.max_decode_packets:
        return False
    return all(packet[:1] in CLIENT_PACKETS for packet in text.split(SEPARATOR))


def check_polling_posts(server: Any) -> None:
    """Answer a junk long-polling post with 400 before Engine.IO reads it."""
    eio = server.eio
    handle = eio.handle_request

    def checked(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = -1
            if 0 <= length <= eio.max_http_buffer_size:
                body = environ["wsgi.input"].read(length)
                if not payload_is_sound(body):
                    address = environ.get("REMOTE_ADDR", "?")
                    one_line(log, "malformed long-polling post from %s", address)
                    return _bad_request(start_response)
                environ["wsgi.input"] = io.BytesIO(body)
            else:
                # Engine.IO would close the socket and wait for a poll that may never come,
                # holding this request for good: close it without waiting, answer at once.
                address = environ.get("REMOTE_ADDR", "?")
                one_line(log, "oversized long-polling post from %s", address)
                sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [None])[0]
                socket = eio.sockets.get(sid) if sid else None
                if socket is not None:
                    socket.close(wait=False, abort=True)
                return _bad_request(start_response)
        try:
            return handle(environ, start_response)
        except KeyError:
            # A post for a socket Engine.IO is just closing: it raises instead of refusing.
            return _bad_request(start_response)

    eio.handle_request = checked


def _bad_request(start_response: Callable) -> list[bytes]:
    start_response("400 BAD REQUEST", [("Content-Type", "text/plain")])
    return [b"Bad request"]


class NoTracebacks(logging.Filter):
    """The libraries' error lines without their tracebacks, and within the line budget."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {_short(error) if error else '?'}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            allowed, left_out = BUDGET.allow()
            if not allowed:
                return False
            if left_out:
                record.msg += f" ({left_out} more such lines left out)"
        return True


def quiet_library_logs(server: Any) -> None:
    """Put ``NoTracebacks`` on the Socket.IO and Engine.IO servers' loggers."""
    for logger in (server.logger, server.eio.logger):
        if not any(isinstance(f, NoTracebacks) for f in logger.filters):
            logger.addFilter(NoTracebacks())
