"""Socket.IO: thin handlers that check who is asking, call a service, ack and publish."""

from __future__ import annotations

from flask import Flask

from ..extensions import socketio
from . import handlers  # noqa: F401  (importing registers the handlers on ``socketio``)
from .frames import log_malformed_frames
from .publisher import Publisher


def register(app: Flask) -> None:
    log_malformed_frames(socketio.server)
    app.extensions["workshop.publisher"] = Publisher(
        socketio,
        app.extensions["workshop.store"],
        app.config["WORKSHOP_RESULTS_INTERVAL"],
        connected=handlers.connected_participants,
        disconnect=handlers.disconnect_participant,
        participant_limit=app.config["WORKSHOP_MAX_PARTICIPANTS"],
    )
