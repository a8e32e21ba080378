"""The organiser's overview: every meeting, found, exported and deleted, by the organiser only."""

from __future__ import annotations

import os
import re
from datetime import datetime

import pytest

from .helpers import answer, command, form_token


def test_the_overview_lists_every_meeting_newest_first_with_its_counts(
    client, connect, new_session
):
    older = new_session(title="Bestyrelsesmøde i marts")
    newer = new_session(title="Kredsmøde i april")
    console = connect(role="facilitator", code=older["code"], key=older["facilitator_key"])
    phone = connect(role="participant", code=older["code"], name="Mette")
    command(console, "goto", step="handlepunkter")
    from datetime import date, timedelta

    when = (date.today() + timedelta(days=7)).isoformat()
    assert answer(
        phone, "handlepunkter", {"what": "Invitér", "who": "Mette", "when": when}, "act-00001"
    )["ok"]
    command(console, "confirm_action", answer_id="act-00001")

    listed = client.get("/api/sessions").json
    assert [entry["code"] for entry in listed][:2] == [newer["code"], older["code"]]
    first = next(entry for entry in listed if entry["code"] == older["code"])
    assert (first["participants"], first["action_points"], first["status"]) == (1, 1, "running")
    assert first["held_on"] is not None and first["facilitator_url"].endswith(
        older["facilitator_key"]
    )
    assert set(first["exports"]) == {"pdf", "csv", "xlsx", "json"}
    found = client.get("/api/sessions?q=KREDS").json
    assert [entry["code"] for entry in found] == [newer["code"]]

    page = client.get("/sessions").get_data(as_text=True)
    assert "Bestyrelsesmøde i marts" in page and "Kredsmøde i april" in page
    # Dates as a reader writes them, not as the API does ("2. dec. 2026", not "2026-12-02").
    from babel.dates import format_date

    from workshop.domain.local_time import LOCAL_TIME

    today = datetime.now(LOCAL_TIME).date()
    assert f"Holdt {format_date(today, format='medium', locale='da')}" in page
    pdf = client.get(first["exports"]["pdf"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_without_a_passcode_only_this_computer_sees_the_overview(client, new_session):
    new_session()
    elsewhere = {"REMOTE_ADDR": "192.168.1.57"}
    refused = client.get("/api/sessions", environ_base=elsewhere)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "overview_here_only"
    page = client.get("/sessions", environ_base=elsewhere)
    assert page.status_code == 403 and "facilitator" not in page.get_data(as_text=True)


def test_with_a_passcode_the_overview_asks_for_it_from_anywhere(make_app):
    client = make_app(WORKSHOP_ORGANISER_PASSCODE="blåbær").test_client()
    elsewhere = {"REMOTE_ADDR": "192.168.1.57"}
    assert client.get("/api/sessions", environ_base=elsewhere).status_code == 401
    given = {"X-Organiser-Passcode": "blåbær".encode().decode("latin-1")}
    assert client.get("/api/sessions", headers=given, environ_base=elsewhere).status_code == 200
    page = client.get("/sessions", environ_base=elsewhere)
    assert page.status_code == 401 and 'name="passcode"' in page.get_data(as_text=True)


def test_deleting_from_the_overview_takes_the_code_typed_again(app, client, new_session):
    created = new_session(title="Slettes")
    code = created["code"]
    auth = {"Authorization": f"Bearer {created['facilitator_key']}"}
    assert client.get(f"/api/sessions/{code}/export.pdf", headers=auth).status_code == 200
    asked = client.get(f"/sessions/{code}/delete")
    assert asked.status_code == 200 and code in asked.get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', asked.get_data(as_text=True))[1]
    wrong = client.post(
        f"/sessions/{code}/delete", data={"typed_code": "000000", "csrf_token": token}
    )
    assert wrong.status_code == 400
    assert client.get(f"/api/sessions/{code}", headers=auth).status_code == 200  # still there
    done = client.post(f"/sessions/{code}/delete", data={"typed_code": code, "csrf_token": token})
    assert done.status_code == 303
    assert client.get(f"/api/sessions/{code}", headers=auth).status_code == 404
    export_dir = app.config["WORKSHOP_EXPORT_DIR"]
    assert not any(f"_{code}_" in name for name in os.listdir(export_dir))
    assert form_token(client)


def test_erasing_a_participant_deletes_their_answers_and_name_not_only_hides_them(
    app, client, connect, new_session
):
    created = new_session()
    code = created["code"]
    auth = {"Authorization": f"Bearer {created['facilitator_key']}"}
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    mette = connect(role="participant", code=code, name="Mette Unik-Navn")
    ole = connect(role="participant", code=code, name="Ole")
    command(console, "goto", step="hvem-med")
    assert answer(mette, "hvem-med", "Et helt unikt svar fra Mette")["ok"]
    assert answer(ole, "hvem-med", "Beboerne")["ok"]
    people = {
        p["name"]: p["id"]
        for p in client.get(f"/api/sessions/{code}", headers=auth).json["state"][
            "participants_list"
        ]
    }

    erased = client.post(
        f"/api/sessions/{code}/participants/{people['Mette Unik-Navn']}/erase",
        json={},
        headers=auth,
    )

    assert erased.status_code == 204
    assert not mette.is_connected() or wait_disconnected(mette)
    export = client.get(f"/api/sessions/{code}/export.json", headers=auth).get_data(as_text=True)
    assert "Et helt unikt svar fra Mette" not in export and "Unik-Navn" not in export
    store = app.extensions["workshop.store"]
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT count(*) FROM answers WHERE value LIKE '%unikt svar%'")
        assert rows.scalar_one() == 0  # deleted, not hidden
    summary = next(
        r
        for r in client.get(f"/api/sessions/{code}", headers=auth).json["results"]
        if r["step_id"] == "hvem-med"
    )["summary"]
    assert summary["count"] == 1 and summary["hidden"] == 0
    missing = client.post(f"/api/sessions/{code}/participants/999999/erase", json={}, headers=auth)
    assert missing.status_code == 404


def wait_disconnected(sio, timeout: float = 3.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not sio.is_connected():
            return True
        time.sleep(0.05)
    return False


def test_ended_meetings_go_after_the_retention_period_unless_kept(app, connect, new_session):
    from datetime import timedelta

    from workshop.services.overview import sessions_overview
    from workshop.storage.database import now
    from workshop.web.removal import sweep_expired

    store = app.extensions["workshop.store"]
    ended, kept, running = new_session(), new_session(), new_session()
    for created in (ended, kept, running):
        console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
        command(console, "start")
        if created is not running:
            command(console, "end")
    store.set_keep(store.session_by_code(kept["code"]), True)
    today = now()

    listed = {
        e.session.code: e.as_dict()
        for e in sessions_overview(store, days=365, now=today + timedelta(days=355))
    }
    assert listed[ended["code"]]["deleted_soon"] and listed[ended["code"]]["delete_after"]
    assert not listed[kept["code"]]["deleted_soon"] and listed[kept["code"]]["delete_after"] is None
    # Never ended: it goes the retention period after its last activity, as promised.
    assert listed[running["code"]]["delete_after"]

    with app.app_context():
        assert sweep_expired(today + timedelta(days=364)) == 0  # not yet
        assert sweep_expired(today + timedelta(days=366)) == 2
    assert store.session_by_code(ended["code"]) is None
    assert store.session_by_code(kept["code"]) is not None
    assert store.session_by_code(running["code"]) is None


class _Stopped(Exception):
    """Ends the daily loop after its first sweep."""


def _stop(_seconds: float) -> None:
    raise _Stopped


def test_an_app_deletes_nothing_until_it_serves_and_then_sweeps_at_once(
    app, make_app, connect, new_session
):
    """A command or a test that makes an app starts no retention sweep; the serving process
    (run.py) sweeps at once, then daily."""
    from workshop.web.removal import keep_retention

    created = new_session()
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    command(console, "start")
    command(console, "end")
    console.disconnect()
    # A second app on the same database whose retention period (a tenth of a millisecond) is over.
    impatient = make_app(WORKSHOP_RETENTION_DAYS=1e-9)
    store = impatient.extensions["workshop.store"]
    assert store.session_by_code(created["code"]) is not None

    with pytest.raises(_Stopped):
        keep_retention(impatient, _stop)
    assert store.session_by_code(created["code"]) is None


def test_the_organiser_keeps_a_meeting_from_the_overview(client, new_session):
    created = new_session()
    page = client.get("/sessions").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    kept = client.post(f"/sessions/{created['code']}/keep", data={"keep": "1", "csrf_token": token})
    assert kept.status_code == 303
    listed = {e["code"]: e for e in client.get("/api/sessions").json}
    assert listed[created["code"]]["keep"] is True


def test_the_join_page_says_what_is_kept_how_long_and_who_is_responsible(
    client, connect, new_session
):
    created = new_session()
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    command(console, "details", organisation="Boligforeningen Åbo")
    danish = client.get(f"/j/{created['code']}", headers={"Accept-Language": "da"})
    page = danish.get_data(as_text=True)
    assert "Det gemmes om dig" in page and "365 dage" in page
    assert "Ansvarlig: Boligforeningen Åbo." in page
    english = client.get(f"/j/{created['code']}", headers={"Accept-Language": "en"})
    text = english.get_data(as_text=True)
    assert "What is kept about you" in text and "365 days after it ends" in text
