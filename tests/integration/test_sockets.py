"""Sockets a participant or a session may hold: a token's sockets are capped, and a deleted
session's sockets are closed, not only told."""

from __future__ import annotations

from .helpers import answer, last_state, open_socket, wait_for


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


def test_a_socket_that_keeps_sending_past_its_budget_is_cut_off_and_a_polite_one_is_not(
    make_app,
):
    app = make_app(WORKSHOP_EVENT_BURST=10, WORKSHOP_EVENT_RATE=0.01)
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    console = open_socket(
        app, auth={"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    assert console.emit("command", {"action": "goto", "step": "hvem-med"}, callback=True)["ok"]
    polite = open_socket(app, auth={"role": "participant", "code": code})
    flooder = open_socket(app, auth={"role": "participant", "code": code})
    flooder_token = last_state(flooder)["you"]["token"]
    # The polite phone runs into its budget a few times: it stays.
    acks = [answer(polite, "hvem-med", f"Svar {n}") for n in range(6)]
    acks += [answer(polite, "hvem-med", "En til") for _ in range(10)]
    assert any(not ack["ok"] and ack["error"]["code"] == "too_fast" for ack in acks)
    assert polite.is_connected()
    # The flooder goes on: 50 refusals in a row, and the server closes its socket.
    codes = []
    for n in range(200):
        if not flooder.is_connected():
            break
        ack = flooder.emit("profile", {"name": f"Navn {n}"}, callback=True)
        codes.append(ack and (ack["ok"] or ack["error"]["code"]))
    assert not flooder.is_connected()
    assert codes.count("too_fast") == 50
    assert polite.is_connected() and console.is_connected()
    # Coming straight back with its token is refused for a moment; a new phone is not.
    back = open_socket(app, auth={"role": "participant", "code": code, "token": flooder_token})
    assert not back.is_connected()
    assert open_socket(app, auth={"role": "participant", "code": code}).is_connected()
