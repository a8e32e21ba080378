"""The baseline: a bare Flask-SocketIO server that only acks, under the same load as ours.

    python bench/bare_server.py PORT

Same async mode (gevent), same Socket.IO settings as the dialogue tool. It does the least a
server in its place could: a connecting client gets one small ``state``; an ``answer`` is acked
at once, with nothing stored; a facilitator's ``command`` sends one ``state`` to everybody; and
every answer marks the screen's count for a coalesced ``progress`` like ours. Whatever the
dialogue tool costs on top of this is its own.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import sys  # noqa: E402

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(
    app,
    async_mode="gevent",
    max_http_buffer_size=64 * 1024,
    ping_interval=20,
    ping_timeout=25,
    cors_allowed_origins=None,
)
answered = {"count": 0, "dirty": False}
INTERVAL = 0.25


@app.get("/healthz")
def healthz():
    return {"ok": True}


@socketio.on("connect")
def connect(auth):
    role = (auth or {}).get("role", "participant")
    join_room(role)
    emit("state", {"role": role, "step": None, "sid": request.sid})


@socketio.on("answer")
def answer(payload):
    answered["count"] += 1
    if not answered["dirty"]:
        answered["dirty"] = True
        socketio.start_background_task(flush)
    return {"ok": True, "answer_id": (payload or {}).get("answer_id")}


@socketio.on("command")
def command(payload):
    socketio.emit("state", {"step": {"id": (payload or {}).get("step")}})
    return {"ok": True}


def flush():
    socketio.sleep(INTERVAL)
    answered["dirty"] = False
    socketio.emit("progress", {"answered": answered["count"]}, to="screen")


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False)
