"""Only the facilitator key commands a session; the screen and phones only watch and answer."""

from __future__ import annotations

import pytest

from workshop.domain.session import ACTIONS
from workshop.services.facilitation import MODERATION

from .helpers import answer, command, form_token, last_state, open_socket


def refusal(app, auth):

    sio = open_socket(app, auth=auth)
    assert not sio.is_connected()
    return sio


@pytest.mark.parametrize("action", ACTIONS + MODERATION)
def test_the_screen_and_participants_cannot_command(connect, new_session, action):
    created = new_session()
    code = created["code"]
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phone = connect(role="participant", code=code)
    for sio in (screen, phone):
        payload = {"action": action, "step": 1, "answer_id": "x" * 10, "participant_id": 1}
        ack = sio.emit("command", payload, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "not_allowed"
    facilitator = connect(role="facilitator", code=code, key=created["facilitator_key"])
    assert last_state(facilitator)["session"]["status"] == "lobby"


def test_the_facilitator_and_screen_cannot_answer(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    command(console, "goto", step="hvem-med")
    for sio in (console, screen):
        ack = answer(sio, "hvem-med", "Jeg er ikke deltager")
        assert ack["error"]["code"] == "not_allowed"


@pytest.mark.parametrize(
    "auth",
    [
        {"role": "facilitator", "key": "wrong"},
        {"role": "facilitator"},
        {"role": "facilitator", "key": None},
        {"role": "facilitator", "key": 12345},
        {"role": "facilitator", "key": "SCREEN"},
        {"role": "screen", "key": "FACILITATOR"},
        {"role": "screen", "key": ""},
        {"role": "admin", "key": "FACILITATOR"},
    ],
)
def test_a_wrong_key_or_role_is_refused_at_connect(app, new_session, auth):
    created = new_session()
    auth = dict(auth, code=created["code"])
    if auth.get("key") == "SCREEN":
        auth["key"] = created["screen_key"]
    if auth.get("key") == "FACILITATOR":
        auth["key"] = created["facilitator_key"]
    refusal(app, auth)


def test_a_key_of_another_session_is_refused(app, new_session):
    one, two = new_session(), new_session()
    refusal(app, {"role": "facilitator", "code": one["code"], "key": two["facilitator_key"]})


def test_keys_never_reach_a_participant_or_the_screen(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phone = connect(role="participant", code=code)
    command(console, "next")
    seen_by_phone = repr(phone.get_received())
    seen_by_screen = repr(screen.get_received())
    for secret in (created["facilitator_key"], created["screen_key"]):
        assert secret not in seen_by_phone
    assert created["facilitator_key"] not in seen_by_screen


def test_the_http_api_needs_the_facilitator_key(client, new_session):
    created = new_session()
    code = created["code"]
    for headers in (
        {},
        {"Authorization": "Bearer nope"},
        {"Authorization": f"Bearer {created['screen_key']}"},
    ):
        for path in (f"/api/sessions/{code}", f"/api/sessions/{code}/export.pdf"):
            response = client.get(path, headers=headers)
            assert response.status_code == 403
            assert response.json["error"]["code"] == "bad_key"
    ok = client.get(
        f"/api/sessions/{code}", headers={"Authorization": f"Bearer {created['facilitator_key']}"}
    )
    assert ok.status_code == 200 and ok.json["state"]["session"]["code"] == code


def test_keys_and_tokens_are_long_random_and_distinct(new_session, connect):
    created = new_session()
    phone = connect(role="participant", code=created["code"])
    token = last_state(phone)["you"]["token"]
    secrets = {created["facilitator_key"], created["screen_key"], token}
    assert len(secrets) == 3
    assert all(len(s) >= 22 for s in secrets)  # 22 base64 characters carry 128 bits


def test_the_organiser_passcode_gates_creating_sessions(make_app):
    app = make_app(WORKSHOP_ORGANISER_PASSCODE="kreds-2024")
    client = app.test_client()
    body = {"dialogue": "testmoede"}
    assert client.post("/api/sessions", json=body).status_code == 401
    wrong = client.post("/api/sessions", json=body, headers={"X-Organiser-Passcode": "gæt"})
    assert wrong.status_code == 401 and wrong.json["error"]["code"] == "passcode_required"
    right = client.post("/api/sessions", json=body, headers={"X-Organiser-Passcode": "kreds-2024"})
    assert right.status_code == 201
    # The API does not remember a script: the form asks a browser that never gave it.
    assert client.post("/api/sessions", json=body).status_code == 401
    browser = app.test_client()
    form = {"dialogue": "testmoede", "csrf_token": form_token(browser)}
    assert browser.post("/sessions", data=form).status_code == 401
