"""When the database cannot take a write, the phone hears so: never a false "received"."""

from __future__ import annotations

import sqlite3

import pytest

from workshop.storage import Store, StoreUnavailable

from .helpers import answer, command, last_state, open_socket, wait_for


def test_a_locked_database_gives_an_error_ack_and_the_answer_goes_through_later(make_app, tmp_path):
    app = make_app(WORKSHOP_SQLITE_BUSY_TIMEOUT=0.2)

    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    console = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    command(console, "goto", step="hvem-med")
    phone = open_socket(app, auth={"role": "participant", "code": created["code"]})

    blocker = sqlite3.connect(tmp_path / "workshop.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the database
    try:
        refused = answer(phone, "hvem-med", "Beboerne", "answer-locked-01")
        assert refused["ok"] is False
        assert refused["error"]["code"] == "unavailable"
        assert (
            refused["error"]["message"]
            == "Svaret kunne ikke gemmes lige nu. Det bliver sendt igen."
        )
        assert phone.is_connected()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    assert answer(phone, "hvem-med", "Beboerne", "answer-locked-01") == {
        "ok": True,
        "answer_id": "answer-locked-01",
    }
    summary = wait_for(console, "results", lambda r: r["summary"]["count"] == 1)["summary"]
    assert [a["text"] for a in summary["answers"]] == ["Beboerne"]
    assert last_state(console)["step"]["id"] == "hvem-med"


def test_an_unreachable_postgresql_is_unavailable_not_a_crash(make_app):
    with pytest.raises(StoreUnavailable):
        Store("postgresql+psycopg://postgres@127.0.0.1:1/none").create_schema()
