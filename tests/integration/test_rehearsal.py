"""Rehearsals and deleting a session: practice leaves nothing behind, deletion leaves nothing."""

from __future__ import annotations

import os
from datetime import timedelta

from sqlalchemy import text, update

from workshop.storage import schema
from workshop.storage.database import now

from .helpers import answer, command, events, last_state, wait_for


def bearer(created: dict) -> dict:
    return {"Authorization": f"Bearer {created['facilitator_key']}"}


def rows_of(app, session_code: str) -> dict[str, int]:
    """How many rows each table holds for the session with this code (found by its id)."""
    store = app.extensions["workshop.store"]
    with store.engine.connect() as conn:
        found = conn.execute(
            text("SELECT id FROM sessions WHERE code = :code"), {"code": session_code}
        ).first()
        counts = {"sessions": 0 if found is None else 1}
        session_id = found[0] if found else -1
        for table in ("participants", "answers", "late_answers"):
            counts[table] = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE session_id = :id"), {"id": session_id}
            ).scalar_one()
    return counts


def test_a_rehearsal_is_marked_as_one_for_the_console_and_the_phones(connect, new_session, client):
    created = new_session(practice=True)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"], name="Øve-telefon 1")
    assert last_state(console)["session"]["practice"] is True
    assert last_state(phone)["session"]["practice"] is True
    page = client.get(f"/c/{created['code']}", headers=bearer(created)).get_data(as_text=True)
    assert page.count('class="practice-phone"') == 3
    assert "data-practice-badge" in page


def test_an_ordinary_session_is_no_rehearsal_and_has_no_simulated_phones(new_session, client):
    created = new_session()
    page = client.get(f"/c/{created['code']}", headers=bearer(created)).get_data(as_text=True)
    assert "practice-phone" not in page
    state = client.get(f"/api/sessions/{created['code']}", headers=bearer(created)).json
    assert state["state"]["session"]["practice"] is False


def test_practice_must_be_true_or_false(client):
    response = client.post("/api/sessions", json={"dialogue": "testmoede", "practice": "yes"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_payload"


def test_the_simulated_phone_may_be_framed_by_its_own_console_and_nothing_else(new_session, client):
    rehearsal = new_session(practice=True)["code"]
    framed = client.get(f"/j/{rehearsal}?practice=2")
    assert "frame-ancestors 'self'" in framed.headers["Content-Security-Policy"]
    assert framed.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert 'data-practice="2"' in framed.get_data(as_text=True)
    # An ordinary phone page, or a slot that is not one of the three, is never framed.
    ordinary = new_session()["code"]
    for path in (f"/j/{ordinary}?practice=2", f"/j/{rehearsal}?practice=9", f"/j/{rehearsal}"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "data-practice=" not in response.get_data(as_text=True), path


def test_deleting_a_session_removes_every_row_and_export_and_tells_every_view(
    app, connect, new_session, client
):
    created = new_session(practice=True)
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phone = connect(role="participant", code=code, name="Øve-telefon 1")
    command(console, "goto", step="ideer")
    assert answer(phone, "ideer", "En idé fra øvelsen")["ok"]
    assert (
        client.get(f"/api/sessions/{code}/export.pdf", headers=bearer(created)).status_code == 200
    )
    export_dir = app.config["WORKSHOP_EXPORT_DIR"]
    assert any(f"_{code}_" in name for name in os.listdir(export_dir))
    assert rows_of(app, code)["answers"] == 1

    response = client.delete(f"/api/sessions/{code}", headers=bearer(created))

    assert response.status_code == 204
    assert rows_of(app, code) == {"sessions": 0, "participants": 0, "answers": 0, "late_answers": 0}
    assert not any(f"_{code}_" in name for name in os.listdir(export_dir))
    for sio in (console, screen, phone):
        told = wait_for(sio, "deleted")
        assert told["code"] == "session_deleted" and told["message"]
    for path in (f"/api/sessions/{code}", f"/api/sessions/{code}/export.csv"):
        gone = client.get(path, headers=bearer(created))
        assert gone.status_code == 404 and gone.json["error"]["code"] == "unknown_session"
    again = client.delete(f"/api/sessions/{code}", headers=bearer(created))
    assert again.status_code == 404


def test_only_the_facilitator_key_deletes_and_only_from_this_site(new_session, client, app):
    created = new_session()
    code = created["code"]
    wrong = client.delete(f"/api/sessions/{code}", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json["error"]["code"] == "bad_key"
    screen_key = {"Authorization": f"Bearer {created['screen_key']}"}
    assert client.delete(f"/api/sessions/{code}", headers=screen_key).status_code == 403
    other_site = {**bearer(created), "Origin": "https://evil.example"}
    refused = client.delete(f"/api/sessions/{code}", headers=other_site)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "other_origin"
    assert rows_of(app, code)["sessions"] == 1


def test_a_rehearsal_left_open_is_deleted_when_the_next_session_is_created(
    app, new_session, client
):
    left_open = new_session(practice=True)["code"]
    recent = new_session(practice=True)["code"]
    real = new_session()["code"]
    store = app.extensions["workshop.store"]
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.sessions)
            .where(schema.sessions.c.code.in_([left_open, real]))
            .values(created_at=now() - timedelta(hours=13))
        )

    new_session()

    assert rows_of(app, left_open)["sessions"] == 0
    assert rows_of(app, recent)["sessions"] == 1  # still within its 12 hours
    assert rows_of(app, real)["sessions"] == 1  # a real meeting is never swept


def test_ending_a_rehearsal_ends_it_for_the_phones_before_it_is_deleted(
    connect, new_session, client
):
    created = new_session(practice=True)
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code, name="Øve-telefon 2")
    command(console, "start")
    command(console, "end")
    assert wait_for(phone, "state", lambda s: s["session"]["status"] == "ended")
    events(phone, "deleted")
    assert client.delete(f"/api/sessions/{code}", headers=bearer(created)).status_code == 204
    assert wait_for(phone, "deleted")["code"] == "session_deleted"


def test_a_deleted_sessions_text_is_nowhere_in_the_database_files_or_the_exports(
    app, connect, new_session, client
):
    created = new_session()
    code = created["code"]
    auth = {"Authorization": f"Bearer {created['facilitator_key']}"}
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code, name="Navnet-Qx7Zk")
    command(console, "goto", step="ideer")
    unique = "Et svar der kun findes her Zq93Kw"
    assert answer(phone, "ideer", unique)["ok"]
    assert client.get(f"/api/sessions/{code}/export.csv", headers=auth).status_code == 200
    for sio in (phone, console):
        sio.disconnect()

    assert client.delete(f"/api/sessions/{code}", headers=auth).status_code == 204

    database = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    for suffix in ("", "-wal", "-shm"):
        path = database + suffix
        if os.path.exists(path):
            with open(path, "rb") as file:
                data = file.read()
            assert unique.encode() not in data, path
            assert b"Navnet-Qx7Zk" not in data, path
    export_dir = app.config["WORKSHOP_EXPORT_DIR"]
    for name in os.listdir(export_dir):
        with open(os.path.join(export_dir, name), "rb") as file:
            assert unique.encode() not in file.read()
