"""Limits over the real handlers: too fast is refused clearly, guessing codes gets blocked."""

from __future__ import annotations

from workshop.extensions import socketio

from .helpers import answer, command


def test_a_flood_of_events_gets_too_fast_and_the_connection_stays_usable(make_app):
    app = make_app(WORKSHOP_EVENT_BURST=10, WORKSHOP_EVENT_RATE=5)
    created = app.test_client().post("/api/sessions", json={"dialogue": "almene-maal"}).json
    console = socketio.test_client(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    command(console, "goto", step="hvem-med")
    phone = socketio.test_client(app, auth={"role": "participant", "code": created["code"]})
    acks = [answer(phone, "hvem-med", f"Svar {n}") for n in range(15)]
    codes = [ack["ok"] or ack["error"]["code"] for ack in acks]
    assert codes[:5] == [True] * 5  # max_answers is 5 on this step
    assert "too_fast" in codes
    too_fast = next(ack for ack in acks if not ack["ok"] and ack["error"]["code"] == "too_fast")
    assert too_fast["error"]["message"] == "For hurtigt: vent et øjeblik, og prøv igen."
    assert phone.is_connected()


def test_guessing_codes_is_blocked_but_a_room_behind_one_address_gets_in(make_app):
    app = make_app(WORKSHOP_JOIN_FAILURE_LIMIT=20)
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "almene-maal"}).json
    code = created["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(15):  # a room making typos
        assert not socketio.test_client(
            app, auth={"role": "participant", "code": wrong}
        ).is_connected()
    room = [
        socketio.test_client(app, auth={"role": "participant", "code": code}) for _ in range(60)
    ]
    assert all(phone.is_connected() for phone in room)
    for _ in range(5):  # reaching the limit: wrong codes and wrong keys both count
        auth = {"role": "facilitator", "code": code, "key": "guess"}
        assert not socketio.test_client(app, auth=auth).is_connected()
    blocked = socketio.test_client(app, auth={"role": "participant", "code": code})
    assert not blocked.is_connected()
    assert all(phone.is_connected() for phone in room)  # those already in stay in


def test_guessing_over_http_is_blocked_per_address_too(make_app):
    app = make_app(WORKSHOP_JOIN_FAILURE_LIMIT=5)
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "almene-maal"}).json
    code = created["code"]
    assert client.get(f"/j/{code}").status_code == 200
    for _ in range(3):
        assert client.get("/j/000000" if code != "000000" else "/j/111111").status_code == 404
    for _ in range(2):
        bad = client.get(f"/api/sessions/{code}", headers={"Authorization": "Bearer guess"})
        assert bad.status_code == 403
    page = client.get(f"/j/{code}")
    assert page.status_code == 429
    assert "For mange forkerte koder" in page.get_data(as_text=True)
    refused = client.get(
        f"/api/sessions/{code}", headers={"Authorization": f"Bearer {created['facilitator_key']}"}
    )
    assert refused.status_code == 429 and refused.json["error"]["code"] == "too_many_attempts"
