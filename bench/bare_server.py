"""The baseline: a bare Flask-SocketIO server that only acks, under the same load as ours.

    python bench/bare_server.py PORT

Same async mode (gevent), same Socket.IO settings as the dialogue tool. It does the least a
server in its place could: a connecting client gets one small ``state``; an ``answer`` is acked
at once, with nothing stored; a facilitator's ``command`` sends one ``state`` to everybody; and
every answer marks the screen's count for a coalesced ``progress`` like ours. Whatever the
dialogue tool costs on top of this is its own.

    python bench/bare_server.py PORT --site FOLDER

also serves a copy of our pages and files (``bench/arrival.py`` captures them from our server
into FOLDER with a ``manifest.json``: path -> file and headers), the same bytes with the same
encoding, as a static file server would, and a phone that connects is shown the step of the
last command.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from flask import Flask, Response, abort, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

app = Flask(__name__, static_folder=None)  # every file comes from the captured site
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
# The step of the last command, shown to a phone that connects; the captured site, if any.
current: dict = {"step": None}
site: dict[str, tuple[bytes, dict[str, str]]] = {}


def load_site(folder: Path) -> None:
    """Read a captured copy of our pages into memory, as a static file server caches them."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for path, entry in manifest.items():
        site[path] = ((folder / entry["file"]).read_bytes(), entry["headers"])


@app.get("/<path:path>")
def captured(path: str):
    wanted = "/" + path + (f"?{request.query_string.decode()}" if request.query_string else "")
    found = site.get(wanted)
    if found is None:
        abort(404)
    body, headers = found
    return Response(body, headers=headers)


@app.get("/healthz")
def healthz():
    return {"ok": True}


@socketio.on("connect")
def connect(auth):
    role = (auth or {}).get("role", "participant")
    join_room(role)
    emit("state", {"role": role, "step": current["step"], "sid": request.sid})


@socketio.on("answer")
def answer(payload):
    answered["count"] += 1
    if not answered["dirty"]:
        answered["dirty"] = True
        socketio.start_background_task(flush)
    return {"ok": True, "answer_id": (payload or {}).get("answer_id")}


@socketio.on("command")
def command(payload):
    step = {"id": (payload or {}).get("step")}
    if step["id"] is not None:
        current["step"] = step
    socketio.emit("state", {"step": step})
    return {"ok": True}


def flush():
    socketio.sleep(INTERVAL)
    answered["dirty"] = False
    socketio.emit("progress", {"answered": answered["count"]}, to="screen")


if __name__ == "__main__":
    if "--site" in sys.argv:
        load_site(Path(sys.argv[sys.argv.index("--site") + 1]))
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False)
