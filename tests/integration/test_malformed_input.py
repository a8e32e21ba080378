"""Garbage in gives a clear error in the session's language, changes nothing, the server goes on."""

from __future__ import annotations

import pytest

from .helpers import answer, command, last_state, new_answer_id, open_socket, wait_for

BAD_ANSWERS = [
    ("not a dict", "bad_payload"),
    (None, "bad_payload"),
    ([1, 2, 3], "bad_payload"),
    ({"answer_id": "abcdefgh01", "value": "x"}, "bad_payload"),
    ({"step_id": "hvem-med", "value": "x"}, "bad_answer_id"),
    ({"step_id": "hvem-med", "answer_id": "short", "value": "x"}, "bad_answer_id"),
    (
        {"step_id": "hvem-med", "answer_id": "<script>alert(1)</script>", "value": "x"},
        "bad_answer_id",
    ),
    ({"step_id": "hvem-med", "answer_id": "abcdefgh01"}, "bad_payload"),
    ({"step_id": "nope", "answer_id": "abcdefgh01", "value": "x"}, "unknown_step"),
    ({"step_id": 7, "answer_id": "abcdefgh01", "value": "x"}, "bad_payload"),
    ({"step_id": "hvem-med", "answer_id": "abcdefgh01", "value": "x" * 1001}, "too_long"),
    (
        {"step_id": "hvem-med", "answer_id": "abcdefgh01", "value": {"nested": ["junk"]}},
        "not_text",
    ),
    ({"step_id": "hvem-med", "answer_id": "abcdefgh01", "value": "   "}, "empty"),
    (
        {"step_id": "vigtigste-maal", "answer_id": "abcdefgh01", "value": ["byer-i-balance"]},
        "answering_closed",
    ),
    ({"step_id": "velkommen", "answer_id": "abcdefgh01", "value": "x"}, "not_answerable"),
]


@pytest.fixture
def room(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code)
    command(console, "goto", step="hvem-med")
    return console, phone


@pytest.mark.parametrize(("payload", "code"), BAD_ANSWERS)
def test_a_bad_answer_gets_an_error_ack_in_danish_and_nothing_is_stored(room, payload, code):
    console, phone = room
    ack = phone.emit("answer", payload, callback=True)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert ack["error"]["message"] and "Traceback" not in ack["error"]["message"]
    assert answer(phone, "hvem-med", "Stadig her")["ok"]
    summary = wait_for(console, "results", lambda r: r["summary"]["count"] >= 1)["summary"]
    assert [a["text"] for a in summary["answers"]] == ["Stadig her"]


def test_refusals_are_worded_in_danish(room):
    _console, phone = room
    ack = answer(phone, "hvem-med", "x" * 1001)
    assert ack["error"]["message"] == "Svaret er for langt: højst 1000 tegn."
    closed = answer(phone, "vigtigste-maal", ["byer-i-balance"])
    assert closed["error"]["message"] == "Der er lukket for svar på dette trin."


@pytest.mark.parametrize(
    "payload",
    [
        "next",
        None,
        42,
        [],
        {},
        {"action": 5},
        {"action": "goto"},
        {"action": "goto", "step": "x" * 5000},
        {"action": "fly"},
        {"action": "next", "revision": "seven"},
    ],
)
def test_a_bad_command_gets_an_error_ack_and_the_session_stays_put(room, payload):
    console, _phone = room
    before = last_state(console)
    ack = console.emit("command", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] and ack["error"]["message"]
    assert console.emit("command", {"action": "close"}, callback=True)["ok"]
    after = last_state(console)
    assert after["step"]["id"] == before["step"]["id"] == "hvem-med"


def test_unknown_events_and_extra_arguments_do_not_break_the_connection(room):
    console, phone = room
    phone.emit("nonsense", {"a": 1})
    phone.emit("answer")
    assert answer(phone, "hvem-med", "Efter støj")["ok"]
    assert console.emit("command", {"action": "next"}, "extra", callback=True)["ok"]


def test_a_stale_revision_is_refused_so_two_tabs_cannot_skip_a_step(connect, new_session):
    created = new_session()
    code = created["code"]
    tab_one = connect(role="facilitator", code=code, key=created["facilitator_key"])
    tab_two = connect(role="facilitator", code=code, key=created["facilitator_key"])
    seen = last_state(tab_one)["revision"]
    assert tab_two.emit("command", {"action": "next", "revision": seen}, callback=True)["ok"]
    late = tab_one.emit("command", {"action": "next", "revision": seen}, callback=True)
    assert late["error"]["code"] == "stale"
    assert last_state(tab_one)["step"]["index"] == 0 == last_state(tab_two)["step"]["index"]


@pytest.mark.parametrize(
    "auth",
    [
        None,
        "x",
        [],
        {"role": "participant"},
        {"role": "participant", "code": "12345"},
        {"role": "participant", "code": "000000"},
        {"role": "participant", "code": 123456},
        {"role": "participant", "code": "١٢٣٤٥٦"},
    ],
)
def test_wrong_codes_are_refused_with_a_reason(app, auth):

    sio = open_socket(app, auth=auth)
    assert not sio.is_connected()


def test_a_name_that_is_too_long_is_refused(app, new_session):

    created = new_session()
    sio = open_socket(app, auth={"role": "participant", "code": created["code"], "name": "x" * 41})
    assert not sio.is_connected()


def test_http_routes_answer_garbage_with_json_errors(client, new_session):
    assert (
        client.post("/api/sessions", data="not json", content_type="application/json").status_code
        == 400
    )
    assert client.post("/api/sessions", json=["list"]).json["error"]["code"] == "bad_payload"
    assert (
        client.post("/api/sessions", json={"dialogue": "nope"}).json["error"]["code"]
        == "unknown_dialogue"
    )
    assert (
        client.post("/api/sessions", json={"dialogue": "testmoede", "title": "x" * 301}).status_code
        == 400
    )
    assert (
        client.post("/api/sessions", json={"dialogue": "testmoede", "language": "fr"}).status_code
        == 400
    )
    assert client.get("/api/sessions/abc").json["error"]["code"] == "bad_code"
    assert client.get("/api/sessions/000000").status_code in (403, 404)
    missing = client.get("/api/nowhere")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"
    created = new_session()
    odd = client.get(
        f"/api/sessions/{created['code']}/export.docx",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
    )
    assert odd.status_code == 400 and odd.json["error"]["code"] == "unknown_format"
    assert client.get("/healthz").json == {"ok": True}


def test_a_wrong_join_code_shows_a_danish_message_not_a_stack_trace(client):
    page = client.get("/j/999999")
    assert page.status_code == 404
    text = page.get_data(as_text=True)
    assert "Der findes intet møde med den kode" in text
    assert "Traceback" not in text
    assert client.get("/join?code=12ab").status_code == 400


def test_answers_keep_flowing_after_many_bad_ones(room):
    console, phone = room
    for payload, _code in BAD_ANSWERS * 3:
        phone.emit("answer", payload, callback=True)
    ids = [new_answer_id() for _ in range(5)]
    for i, answer_id in enumerate(ids):
        assert answer(phone, "hvem-med", f"Idé {i}", answer_id)["ok"]
    summary = wait_for(
        console,
        "results",
        lambda r: r["summary"]["count"] == 1 and len(r["summary"]["answers"]) == 5,
    )
    assert [a["answer_id"] for a in summary["summary"]["answers"]] == ids
