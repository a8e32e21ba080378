"""Backup while answers come in, restore, and nothing acknowledged before the copy is missing."""

from __future__ import annotations

import threading
import time

from workshop.storage import Store

from .helpers import answer, command, new_answer_id


def test_a_backup_during_an_answer_burst_holds_every_answer_acked_before_it(make_app, tmp_path):
    app = make_app()
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    from .helpers import open_socket

    console = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    command(console, "goto", step="ideer")
    phones = [
        open_socket(app, auth={"role": "participant", "code": created["code"]}) for _ in range(5)
    ]
    acked: list[tuple[float, str]] = []
    under_way = threading.Event()

    def burst():
        for round_number in range(40):
            for phone in phones:
                answer_id = new_answer_id()
                value = f"Idé {round_number}"
                if answer(phone, "ideer", value, answer_id)["ok"]:
                    acked.append((time.monotonic(), answer_id))
                if len(acked) == 10:
                    under_way.set()
        under_way.set()

    sender = threading.Thread(target=burst)
    sender.start()
    under_way.wait(30)  # the burst is under way: ten answers acked, 190 still to come
    copy = tmp_path / "backup.sqlite3"
    began = time.monotonic()
    result = app.test_cli_runner().invoke(args=["backup", str(copy)])
    sender.join()
    assert result.exit_code == 0, result.output
    before = {answer_id for moment, answer_id in acked if moment < began}
    assert before, "no answer was acked before the backup began"

    restored_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    fresh = make_app(DATABASE_URL=restored_url)
    restore = fresh.test_cli_runner().invoke(args=["restore", str(copy)])
    assert restore.exit_code == 0, restore.output
    store = Store(restored_url)
    session = store.session_by_code(created["code"])
    stored = {a.answer_id for a in store.answers_for_step(session.id, "ideer")}
    assert before <= stored  # every answer acked before the copy began is in it


def test_backup_says_what_to_use_for_postgresql(make_app, tmp_path):
    app = make_app()
    app.config["DATABASE_URL"] = "postgresql+psycopg://postgres@127.0.0.1/test"
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x")])
    assert result.exit_code != 0 and "pg_dump" in result.output
