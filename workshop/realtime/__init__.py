"""Socket.IO: thin handlers that check who is asking, call a service, ack and publish."""

from __future__ import annotations

from flask import Flask

from ..extensions import socketio
from . import handlers  # noqa: F401  (importing registers the handlers on ``socketio``)
from .connections import Connections
from .frames import log_malformed_frames
from .publisher import Publisher
from .time_boxes import TimeBoxes


def register(app: Flask) -> None:
    log_malformed_frames(socketio.server)
    connections = app.extensions["workshop.connections"] = Connections()
    store = app.extensions["workshop.store"]
    publisher = app.extensions["workshop.publisher"] = Publisher(
        socketio,
        store,
        app.config["WORKSHOP_RESULTS_INTERVAL"],
        connected=connections.participants_connected,
        disconnect=lambda code, participant_id: connections.drop_participant(
            code, participant_id, socketio.server.disconnect
        ),
        participant_limit=app.config["WORKSHOP_MAX_PARTICIPANTS"],
        state_sent=lambda session: time_boxes.watch(session),
    )
    time_boxes = app.extensions["workshop.time_boxes"] = TimeBoxes(
        socketio, store, publisher.publish
    )
    time_boxes.resume()
