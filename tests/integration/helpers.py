"""Small helpers for driving Socket.IO test clients like the real surfaces do."""

from __future__ import annotations

import re
import secrets
import time


def new_answer_id() -> str:
    return secrets.token_urlsafe(12)


def events(sio, name: str) -> list:
    """The ``name`` events received since the last look (other events are dropped), also
    those that came before the server closed the socket."""
    if sio.is_connected():
        received = sio.get_received()
    else:
        received, sio.queue = sio.queue, []
    for message in received:
        if message["name"] == "state":
            sio.latest_state = message["args"][0]
    return [message["args"][0] for message in received if message["name"] == name]


def last_state(sio) -> dict:
    """The newest ``state`` the client has received, now or earlier."""
    events(sio, "state")
    state = getattr(sio, "latest_state", None)
    assert state is not None, "no state received"
    return state


def wait_for(sio, name: str, predicate=lambda payload: True, timeout: float = 3.0) -> dict:
    """The first ``name`` event matching ``predicate``, waiting for the coalesced sender."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for payload in events(sio, name):
            if predicate(payload):
                return payload
        time.sleep(0.02)
    raise AssertionError(f"no matching {name!r} event within {timeout}s")


def command(sio, action: str, **args) -> dict:
    ack = sio.emit("command", {"action": action, **args}, callback=True)
    assert ack["ok"], ack
    return ack


def answer(sio, step_id: str, value, answer_id: str | None = None) -> dict:
    return sio.emit(
        "answer",
        {"step_id": step_id, "answer_id": answer_id or new_answer_id(), "value": value},
        callback=True,
    )


def form_token(client) -> str:
    """The CSRF token the home page's forms carry, as a browser would find it."""
    page = client.get("/").get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the home page has no CSRF token"
    return match.group(1)


def open_socket(app, auth: dict | None = None, headers: dict | None = None):
    """The one way tests open a Socket.IO test client: as a browser at 127.0.0.1 would, with
    the address and cookies of a Flask test client of its own."""
    from workshop.extensions import socketio

    return socketio.test_client(
        app, auth=auth, flask_test_client=app.test_client(), headers=headers
    )


def database_file(app) -> str:
    """The SQLite file behind a test app."""
    return app.config["DATABASE_URL"].removeprefix("sqlite:///")


FOLLOW_UP_TOOL = "almene-maal-opfoelgning"


def follow_up(client, earlier: dict, **fields) -> dict:
    """A follow-up of the meeting ``earlier``, started with its facilitator's key."""
    response = client.post(
        "/api/sessions",
        json={
            "dialogue": FOLLOW_UP_TOOL,
            "follow_up_of": earlier["code"],
            "follow_up_key": earlier["facilitator_key"],
            **fields,
        },
    )
    assert response.status_code == 201, response.json
    return response.json
