"""Frames that do not decode: one line in the log with the client's address, no traceback.

python-socketio raises ValueError for a frame whose packet type or JSON is broken, and
Engine.IO would log it with a full traceback; a curious participant can send thousands.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def log_malformed_frames(server: Any) -> None:
    """Wrap the Socket.IO server's message handler on its Engine.IO server."""
    handle = server._handle_eio_message

    def handle_or_log(eio_sid: str, data: Any) -> None:
        try:
            handle(eio_sid, data)
        except ValueError as error:
            address = server.environ.get(eio_sid, {}).get("REMOTE_ADDR", "?")
            log.warning("malformed Socket.IO frame from %s: %s", address, str(error)[:120])

    server.eio.on("message", handle_or_log)
