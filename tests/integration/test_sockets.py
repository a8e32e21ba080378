"""Sockets a participant or a session may hold: a token's sockets are capped, and a deleted
session's sockets are closed, not only told."""

from __future__ import annotations

from .helpers import last_state, open_socket, wait_for


def test_one_token_holds_at_most_its_cap_of_sockets_and_the_next_is_told_why(make_app):
    app = make_app(WORKSHOP_SOCKETS_PER_PARTICIPANT=3)
    code = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json["code"]
    first = open_socket(app, auth={"role": "participant", "code": code})
    token = last_state(first)["you"]["token"]
    same = [
        open_socket(app, auth={"role": "participant", "code": code, "token": token})
        for _ in range(2)
    ]
    assert all(sio.is_connected() for sio in same)
    extra = open_socket(app, auth={"role": "participant", "code": code, "token": token})
    assert not extra.is_connected()  # why it was refused: tests/e2e/test_one_connection.py
    # Another phone is not affected; and a socket closed makes room for the token again.
    assert open_socket(app, auth={"role": "participant", "code": code}).is_connected()
    same[0].disconnect()
    again = open_socket(app, auth={"role": "participant", "code": code, "token": token})
    assert again.is_connected()
    assert last_state(again)["you"]["token"] == token


def test_deleting_a_session_closes_every_socket_of_it(make_app):
    app = make_app()
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    other = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    console = open_socket(
        app, auth={"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    screen = open_socket(app, auth={"role": "screen", "code": code, "key": created["screen_key"]})
    phones = [open_socket(app, auth={"role": "participant", "code": code}) for _ in range(3)]
    elsewhere = open_socket(app, auth={"role": "participant", "code": other["code"]})

    response = client.delete(
        f"/api/sessions/{code}", headers={"Authorization": f"Bearer {created['facilitator_key']}"}
    )

    assert response.status_code == 204
    for sio in (console, screen, *phones):
        assert not sio.is_connected()  # closed by the server
        assert wait_for(sio, "deleted")["code"] == "session_deleted"  # after it was told
    assert app.extensions["workshop.connections"].participants_connected(code) == 0
    assert elsewhere.is_connected()
