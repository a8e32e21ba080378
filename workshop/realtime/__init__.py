"""Socket.IO: thin handlers that check who is asking, call a service, ack and publish."""

from __future__ import annotations

from flask import Flask

from ..extensions import socketio
from . import handlers  # noqa: F401  (importing registers the handlers on ``socketio``)
from .connections import Connections
from .frames import check_polling_posts, log_malformed_frames, quiet_library_logs
from .guard import close_socket
from .presence import RENEW_EVERY, RedisPresence
from .publisher import Publisher
from .time_boxes import TimeBoxes


def register(app: Flask) -> None:
    log_malformed_frames(socketio.server)
    check_polling_posts(socketio.server)
    quiet_library_logs(socketio.server)
    queue = app.config["WORKSHOP_MESSAGE_QUEUE"]
    shared = None
    if queue and queue.startswith(("redis://", "rediss://", "unix://")):
        # Several processes: "connected now" is counted over all of them.
        shared = RedisPresence(queue, app.config["WORKSHOP_BUDGET_PREFIX"] + "presence:")
    connections = app.extensions["workshop.connections"] = Connections(shared)
    if shared is not None:
        socketio.start_background_task(_renew_presence, connections, shared)
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
        close_session=lambda code: connections.drop_session(code, close_socket(socketio)),
    )
    time_boxes = app.extensions["workshop.time_boxes"] = TimeBoxes(
        socketio, store, publisher.publish
    )
    time_boxes.resume()


def _renew_presence(connections: Connections, shared: RedisPresence) -> None:
    while True:
        socketio.sleep(RENEW_EVERY)
        shared.renew(connections.sessions_here())
