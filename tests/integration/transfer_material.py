"""What the tests of moving a meeting share: a meeting run in the room, its export and the
command-line import. The server it moves to is the `other_server` fixture (conftest.py)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from .helpers import answer, command, last_state

SOON = (date.today() + timedelta(days=14)).isoformat()
LATER = (date.today() + timedelta(days=60)).isoformat()
FOLLOW_UP = {
    "of": {"code": "123456", "title": "Forårsmødet", "held": "2026-03-01"},
    "plan": [
        {"id": "p1", "what": "Grøn café", "who": "Mette", "when": "2027-01-01"},
        {"id": "p2", "what": "Skriv til kommunen", "who": "Bo", "when": "2027-02-01"},
    ],
    "series": [],
    "agreed": {
        "p1": {"status": "done", "comment": "Holdt i maj", "carry_to": None},
        "p2": {"status": "under_way", "comment": "", "carry_to": LATER},
    },
}


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def run_meeting(client, connect, new_session) -> dict:
    """A meeting with everything a session can hold; returns its API answer."""
    created = new_session(title="Bestyrelsesmøde i Solgården")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    command(
        console,
        "details",
        organisation="Boligselskabet Ærø",
        place="Fælleshuset",
        facilitator="Anne",
        notes="Vi vælger gårdmøder.\nNæste møde: 12. maj.",
    )
    command(console, "tables", names=["Bord 1", "Bord 2"])
    mette = connect(role="participant", code=code, name="Mette", table="t1")
    ole = connect(role="participant", code=code, name="Ole", table="t1")
    karen = connect(role="participant", code=code, name="Karen", table="t2")
    troll = connect(role="participant", code=code, name="Troll", table="t2")
    tablet = connect(role="participant", code=code)  # no name: the table's shared phone
    assert tablet.emit("profile", {"table": "t2", "as_table": True}, callback=True)["ok"]
    gone = connect(role="participant", code=code, name="Gitte Glemmes")

    command(console, "goto", step="indcheckning")
    assert answer(mette, "indcheckning", ["grøn", "fællesskab"])["ok"]
    assert answer(ole, "indcheckning", ["tryghed"])["ok"]
    assert answer(karen, "indcheckning", ["Grøn"])["ok"]
    assert answer(gone, "indcheckning", ["hemmeligt"])["ok"]
    command(console, "goto", step="vigtigste-maal")
    assert answer(mette, "vigtigste-maal", ["byer-i-balance"])["ok"]
    assert answer(tablet, "vigtigste-maal", ["groennere-sektor"])["ok"]
    command(console, "close")
    command(console, "reveal", audience="screen")
    command(console, "goto", step="staar-i-dag")
    assert answer(ole, "staar-i-dag", {"byer-i-balance": 4, "groennere-sektor": 2})["ok"]
    assert answer(karen, "staar-i-dag", {"byer-i-balance": 3})["ok"]

    command(console, "goto", step="hvem-med")
    assert answer(troll, "hvem-med", "Noget grimt", "who-000001")["ok"]
    assert answer(karen, "hvem-med", "Beboerne", "who-000002")["ok"]
    people = {p["name"]: p["id"] for p in last_state(console)["participants_list"]}
    command(console, "remove_participant", participant_id=people["Troll"])
    erased = client.post(
        f"/api/sessions/{code}/participants/{people['Gitte Glemmes']}/erase",
        json={},
        headers=bearer(created["facilitator_key"]),
    )
    assert erased.status_code == 204

    command(console, "settings", step="hvad-skal-til", premoderate=True)
    command(console, "goto", step="hvad-skal-til")
    assert answer(mette, "hvad-skal-til", "Kaffe og kage", "why-000001")["ok"]
    assert answer(ole, "hvad-skal-til", "Bedre information", "why-000002")["ok"]
    command(console, "approve", answer_id="why-000002")  # Mette's still waits

    command(console, "goto", step="ideer")
    assert answer(mette, "ideer", "Grøn temaaften", "idea-000001")["ok"]
    assert answer(ole, "ideer", "Temaaften om klima", "idea-000002")["ok"]
    assert answer(karen, "ideer", '=HYPERLINK("x")', "idea-000003")["ok"]
    command(console, "settings", anonymous=False)  # given anonymously, they stay so
    jens = connect(role="participant", code=code, name="Jens", table="t2")
    assert answer(jens, "ideer", "Fælles havedag", "idea-000004")["ok"]
    command(console, "hide_answer", answer_id="idea-000003")
    command(console, "merge", answer_id="idea-000002", into="idea-000001")
    command(console, "highlight", answer_id="idea-000001")

    command(console, "goto", step="prioriter")
    assert answer(mette, "prioriter", ["idea-000001", "idea-000004"])["ok"]
    assert answer(ole, "prioriter", ["idea-000002"])["ok"]  # counts for the merged card
    assert answer(jens, "prioriter", ["idea-000004"])["ok"]

    command(console, "goto", step="handlepunkter")
    point = {"what": "Invitér beboerne", "who": "Mette", "when": SOON}
    assert answer(mette, "handlepunkter", point, "act-000001")["ok"]
    point = {"what": "Skriv til kommunen", "who": "Ole", "when": LATER}
    assert answer(ole, "handlepunkter", point, "act-000002")["ok"]
    command(console, "confirm_action", answer_id="act-000001")
    command(console, "edit_action", answer_id="act-000002", value={"who": "Ole og Jens"})
    command(console, "settings", notes="Husk datoerne.")

    command(console, "goto", step="udcheckning")
    assert answer(mette, "udcheckning", "Godt møde")["ok"]
    command(console, "close")
    assert answer(ole, "udcheckning", "For sent")["error"]["code"] == "kept_late"
    assert answer(jens, "udcheckning", "Også for sent")["error"]["code"] == "kept_late"
    command(console, "by_table", on=True)
    command(console, "lock")
    command(console, "timer_start", minutes=3)
    command(console, "timer_pause")
    return created


def export_json(client, code: str, key: str) -> dict:
    response = client.get(f"/api/sessions/{code}/export.json", headers=bearer(key))
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def import_file(app, path) -> tuple[str, str, str]:
    """Import through the command line; the new session's code, and the command's output."""
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    code, key = re.search(r"/c/(\d{6})\?key=(\S+)", result.output).groups()
    return code, key, result.output
