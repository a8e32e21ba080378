"""Moving a meeting to another server: its JSON export imported there gives the same export
again, keeps every anonymous answer nameless, and a file from elsewhere is checked whole."""

from __future__ import annotations

import copy
import json
import re
import uuid
from datetime import date, timedelta

import pytest

from tests.conftest import POSTGRES_URL, service_missing
from workshop.domain.session import SessionState
from workshop.domain.tools import tool_definition
from workshop.services.dialogues import find_dialogue
from workshop.services.reports import report_of
from workshop.services.transfer import import_session
from workshop.storage import Store

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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def other_server(request, make_app, tmp_path):
    """Makes the server a meeting moves to: an SQLite file, or a PostgreSQL database of its
    own (so no other test's tables are touched)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
        made = []
        yield lambda: made.append(make_app(DATABASE_URL=url)) or made[-1]
        for app in made:
            app.extensions["workshop.store"].dispose()
        return
    try:
        import psycopg

        admin = psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), autocommit=True)
    except Exception as error:  # any failure to reach the server
        service_missing("PostgreSQL", str(error))
    name = f"workshop_transfer_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    made = []
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    yield lambda: made.append(make_app(DATABASE_URL=url)) or made[-1]
    for app in made:
        app.extensions["workshop.store"].dispose()
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


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


def comparable(document: dict) -> dict:
    """An export without what must differ after an import: the time it was made, and the
    participants' ids (each database numbers its own rows; they keep their order)."""
    document = copy.deepcopy(document)
    del document["session"]["exported_at"]
    numbers = {person["id"]: n for n, person in enumerate(document["participants"], start=1)}
    for person in document["participants"]:
        person["id"] = numbers[person["id"]]
    for entry in document["answers"] + document["late_answers"]:
        if entry["participant"] is not None:
            entry["participant"] = numbers[entry["participant"]]
    return document


def test_a_meeting_moved_to_another_server_exports_the_same_again(
    client, connect, new_session, other_server, tmp_path
):
    created = run_meeting(client, connect, new_session)
    first = export_json(client, created["code"], created["facilitator_key"])
    csv_before = client.get(
        f"/api/sessions/{created['code']}/export.csv", headers=bearer(created["facilitator_key"])
    ).data
    path = tmp_path / "moede.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")

    server = other_server()
    code, key, output = import_file(server, path)
    assert code == created["code"]  # free on the new server: the code stays
    assert key != created["facilitator_key"]
    assert "Note" not in output and "5 participants, " in output  # Troll and Gitte are gone

    there = server.test_client()
    second = export_json(there, code, key)
    assert second["session"]["exported_at"] != first["session"]["exported_at"]
    assert comparable(second) == comparable(first)
    # Same results, same spreadsheet: the same rows, names, tables and times.
    assert there.get(f"/api/sessions/{code}/export.csv", headers=bearer(key)).data == csv_before

    original = client.application.extensions["workshop.store"].session_by_code(created["code"])
    moved = server.extensions["workshop.store"].session_by_code(code)
    assert moved.state == original.state and moved.details == original.details
    assert (moved.keep, moved.practice, moved.follow_up) == (False, False, None)
    assert moved.created_at == original.created_at
    assert moved.screen_key != original.screen_key
    detail = there.get(f"/api/sessions/{code}", headers=bearer(key)).json
    assert detail["state"]["session"]["participants"] == 5
    assert len(detail["state"]["participants_list"]) == 7  # the respondents are not listed


def test_the_file_holds_everything_an_import_needs_and_no_key_or_token(
    client, connect, new_session
):
    created = run_meeting(client, connect, new_session)
    document = export_json(client, created["code"], created["facilitator_key"])
    raw = json.dumps(document)
    assert created["facilitator_key"] not in raw and created["screen_key"] not in raw
    assert document["format"] == "workshop-session/2"
    session = document["session"]
    assert (session["practice"], session["keep"], session["follow_up"]) == (False, False, None)
    state = session["state"]
    assert state["locked"] and state["by_table"] and state["screen_reveal"] is None
    assert state["timer"]["duration"] == 180 and state["timer"]["started_at"] is None
    assert state["overrides"] == {
        "hvad-skal-til": {"premoderate": True},
        "ideer": {"anonymous": False},
        "handlepunkter": {"notes": "Husk datoerne."},
    }
    assert [visit["step_id"] for visit in state["visits"]][:2] == ["indcheckning", "vigtigste-maal"]
    answers = {entry["answer_id"]: entry for entry in document["answers"]}
    assert answers["why-000001"]["pending"] and answers["why-000001"]["hidden"]
    assert not answers["why-000002"]["pending"]
    assert answers["act-000002"]["edited"] and answers["act-000001"]["confirmed"]
    assert answers["idea-000004"]["participant"] is not None  # given with a name
    late = document["late_answers"]
    assert [entry["value"] for entry in late] == ["For sent", "Også for sent"]
    assert all(entry["participant"] is None and entry["respondent"] for entry in late)


def test_no_name_can_be_linked_to_an_anonymous_answer(client, connect, new_session):
    created = run_meeting(client, connect, new_session)
    document = export_json(client, created["code"], created["facilitator_key"])
    named = {entry["participant"] for entry in document["answers"] if entry["participant"]}
    for entry in document["answers"] + document["late_answers"]:
        if entry["anonymous"]:
            assert entry["participant"] is None and re.fullmatch(r"r\d+", entry["respondent"])
    # A respondent is only a label and a table, never one of the participants' ids.
    assert all(set(r) == {"id", "table"} for r in document["respondents"])
    assert not {r["id"] for r in document["respondents"]} & {str(n) for n in named}
    # Numbered in the order the answers appear (their times are in the file anyway), one
    # per participant and step: never by who joined first.
    order = []
    for entry in document["answers"] + document["late_answers"]:
        if entry["respondent"] and entry["respondent"] not in order:
            order.append(entry["respondent"])
    assert order == [f"r{n}" for n in range(1, len(order) + 1)]
    assert [r["id"] for r in document["respondents"]] == order
    steps = {}
    for entry in document["answers"]:
        if entry["respondent"]:
            steps.setdefault(entry["respondent"], set()).add(entry["step_id"])
    assert all(len(on) == 1 for on in steps.values())
    # The results show no name on an anonymous answer.
    anonymous = {e["answer_id"] for e in document["answers"] if e["anonymous"]}
    for step in document["steps"]:
        for card in cards_in(step["summary"]):
            if card.get("answer_id") in anonymous:
                assert card.get("name", "") == ""

    # Imported, an anonymous answer belongs to a nameless row that is no participant.
    store: Store = client.application.extensions["workshop.store"]

    imported = import_session(store, json.dumps(document).encode())
    rows = {person.id: person for person in store.people_of_session(imported.session.id)}
    for given in store.answers_of_session(imported.session.id):
        if given.anonymous:
            assert rows[given.participant_id].respondent
            assert rows[given.participant_id].name == ""
    assert all(not p.respondent for p in store.participants_of(imported.session.id))
    assert store.count_participants(imported.session.id) == document["session"]["participants"]


def cards_in(summary) -> list[dict]:
    """Every card of a summary, also those per table."""
    if not isinstance(summary, dict):
        return []
    found = []
    for key in ("answers", "items", "ranking"):
        found += summary.get(key, [])
    for part in (summary.get("by_table") or {}).values():
        found += cards_in(part)
    return found


def test_a_follow_up_meeting_that_is_kept_moves_with_its_follow_up(
    client, make_app, other_server, tmp_path
):
    app = client.application
    store: Store = app.extensions["workshop.store"]
    tool = find_dialogue(store, "testmoede")
    session = store.add_session(
        code="654321",
        title="Opfølgning",
        dialogue=tool_definition(tool),
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
        follow_up=FOLLOW_UP,
    )
    store.set_keep(session, True)
    first = export_json(client, "654321", "f" * 32)
    assert first["session"]["follow_up"] == FOLLOW_UP and first["session"]["keep"]
    path = tmp_path / "opfoelgning.json"
    path.write_bytes(json.dumps(first).encode())

    server = other_server()
    code, key, _output = import_file(server, path)
    second = export_json(server.test_client(), code, key)
    assert comparable(second) == comparable(first)
    moved = server.extensions["workshop.store"].session_by_code(code)
    assert moved.follow_up == FOLLOW_UP and moved.keep


def test_a_follow_up_meeting_run_in_the_room_moves_with_its_review(
    client, connect, new_session, other_server, tmp_path
):
    earlier = new_session(title="Forårsmødet")
    console = connect(role="facilitator", code=earlier["code"], key=earlier["facilitator_key"])
    phone = connect(role="participant", code=earlier["code"], name="Mette")
    command(console, "goto", step="handlepunkter")
    for number, what in enumerate(("Grøn café", "Skriv til kommunen")):
        point = {"what": what, "who": "Mette", "when": SOON}
        assert answer(phone, "handlepunkter", point, f"plan-{number:04d}")["ok"]
        command(console, "confirm_action", answer_id=f"plan-{number:04d}")
    command(console, "end")
    response = client.post(
        "/api/sessions",
        json={
            "dialogue": "almene-maal-opfoelgning",
            "follow_up_of": earlier["code"],
            "follow_up_key": earlier["facilitator_key"],
        },
    )
    assert response.status_code == 201, response.json
    created = response.json
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phones = [connect(role="participant", code=created["code"], name=n) for n in ("A", "B")]
    command(console, "goto", step="status")
    first, second = (point["id"] for point in last_state(console)["step"]["plan"])
    views = [{first: {"status": "done", "comment": "Fint"}}, {second: {"status": "not_started"}}]
    for phone, view in zip(phones, views, strict=True):
        assert answer(phone, "status", view)["ok"]
    command(console, "agree", point=first, status="done", comment="Godt gået")
    command(console, "agree", point=second, status="under_way", carry_to=LATER)
    document = export_json(client, created["code"], created["facilitator_key"])
    assert document["session"]["follow_up"]["of"]["code"] == earlier["code"]
    path = tmp_path / "opfoelgning.json"
    path.write_bytes(json.dumps(document).encode())

    server = other_server()
    code, key, output = import_file(server, path)
    assert "Note" not in output
    assert comparable(export_json(server.test_client(), code, key)) == comparable(document)


def test_an_import_beside_the_original_gets_a_new_code_and_new_keys(
    app, client, connect, new_session, tmp_path
):
    created = run_meeting(client, connect, new_session)
    first = export_json(client, created["code"], created["facilitator_key"])
    path = tmp_path / "kopi.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    code, key, output = import_file(app, path)
    assert code != created["code"] and f"(was {created['code']})" in output
    assert f"/s/{code}?key=" in output
    second = export_json(client, code, key)
    first["session"]["code"] = code  # the one thing that differs beside the ids
    assert comparable(second) == comparable(first)
    # Both are there, each with its own keys.
    assert client.get(f"/api/sessions/{created['code']}", headers=bearer(key)).status_code == 403


def test_someone_who_answered_a_step_both_anonymously_and_by_name_counts_twice_after_import(
    app, client, connect, new_session, tmp_path
):
    created = new_session()
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    mette = connect(role="participant", code=created["code"], name="Mette")
    command(console, "goto", step="ideer")
    assert answer(mette, "ideer", "Givet uden navn")["ok"]
    command(console, "settings", anonymous=False)
    assert answer(mette, "ideer", "Givet med navn")["ok"]
    first = export_json(client, created["code"], created["facilitator_key"])
    ideas = next(step for step in first["steps"] if step["id"] == "ideer")["summary"]
    assert ideas["count"] == 1
    path = tmp_path / "blandet.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    code, key, output = import_file(app, path)
    # The file does not say that the anonymous answer is Mette's: that is the point.
    assert "Note: the results of step(s) ideer differ" in output
    second = export_json(client, code, key)
    moved = next(step for step in second["steps"] if step["id"] == "ideer")["summary"]
    assert moved["count"] == 2
    assert {card["name"] for card in moved["answers"]} == {"", "Mette"}


# files that are not what they say -------------------------------------------------------


@pytest.fixture
def good_file(client, connect, new_session) -> dict:
    created = run_meeting(client, connect, new_session)
    return export_json(client, created["code"], created["facilitator_key"])


def counts(app) -> list[int]:
    store: Store = app.extensions["workshop.store"]
    with store.engine.connect() as conn:
        return [
            conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in ("sessions", "participants", "answers", "late_answers")
        ]


def refused(app, tmp_path, data: bytes) -> str:
    """Import ``data``; it must be refused with nothing written. The message."""
    path = tmp_path / f"fil-{uuid.uuid4().hex[:6]}.json"
    path.write_bytes(data)
    before = counts(app)
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code != 0, result.output
    assert counts(app) == before
    assert "was not imported" in result.output
    return result.output


def changed(document: dict, change) -> bytes:
    document = copy.deepcopy(document)
    change(document)
    return json.dumps(document).encode()


def test_a_file_cut_short_is_refused_with_nothing_written(app, good_file, tmp_path):
    data = json.dumps(good_file).encode()
    message = refused(app, tmp_path, data[: len(data) // 2])
    assert "not valid JSON" in message and "cut short" in message


def test_other_formats_are_refused_with_a_clear_message(app, good_file, tmp_path):
    older = changed(good_file, lambda d: d.update(format="workshop-session/1"))
    assert "older format workshop-session/1" in refused(app, tmp_path, older)
    newer = changed(good_file, lambda d: d.update(format="workshop-session/3"))
    assert "newer version" in refused(app, tmp_path, newer)
    other = changed(good_file, lambda d: d.pop("format"))
    assert "not a session export" in refused(app, tmp_path, other)
    for garbage in (b"[]", b'"workshop-session/2"', b"42", b"null", b"", b"\xff\xfe"):
        refused(app, tmp_path, garbage)
    not_a_number = changed(good_file, lambda d: d["session"].update(participants=float("nan")))
    assert "NaN is not a number" in refused(app, tmp_path, not_a_number)
    too_large = json.dumps(good_file).replace('"participants": 5', '"participants": 1e999')
    assert "out of range" in refused(app, tmp_path, too_large.encode())


def test_an_oversized_file_is_refused_before_it_is_read(app, tmp_path):
    from workshop.services.session_file import MAX_BYTES

    message = refused(app, tmp_path, b" " * (MAX_BYTES + 1))
    assert "more than any session file has" in message


def test_every_part_of_the_file_must_have_its_type(app, good_file, tmp_path):
    for key in ("session", "dialogue", "participants", "respondents", "answers", "late_answers"):
        for junk in (None, "x", 7, True):
            message = refused(
                app, tmp_path, changed(good_file, lambda d, k=key, j=junk: d.update({k: j}))
            )
            assert key in message, message
    for key in ("title", "state", "details", "tables", "created_at", "keep", "status", "code"):
        message = refused(
            app, tmp_path, changed(good_file, lambda d, k=key: d["session"].update({k: [1]}))
        )
        assert f"session.{key}" in message, message


def test_answers_must_refer_to_steps_people_and_answers_that_exist(app, good_file, tmp_path):
    def first_named(document):
        return next(a for a in document["answers"] if a["participant"] is not None)

    cases = {
        "is not a step of the dialogue tool": lambda d: d["answers"][0].update(step_id="nope"),
        "takes no answers": lambda d: d["answers"][0].update(step_id="velkommen"),
        "is not in the participants": lambda d: first_named(d).update(participant=999),
        "is not in the respondents": lambda d: d["late_answers"][0].update(respondent="r999"),
        "either a participant or a respondent": lambda d: d["answers"][0].update(
            participant=d["participants"][0]["id"], respondent="r1"
        ),
        "must not name a participant": lambda d: first_named(d).update(anonymous=True),
        "is used twice": lambda d: d["answers"][1].update(answer_id=d["answers"][0]["answer_id"]),
        "not another answer of the same step": lambda d: d["answers"][0].update(
            merged_into="idea-000004"
        ),
        "does not fit step": lambda d: d["answers"][0].update(value={"x": [1, 2]}),
        "gave no answer": lambda d: d["respondents"].append({"id": "r99", "table": None}),
        "is listed twice": lambda d: d["participants"].append(d["participants"][0]),
        "waiting for approval is hidden": lambda d: d["answers"][0].update(pending=True),
    }
    for expected, change in cases.items():
        message = refused(app, tmp_path, changed(good_file, change))
        assert expected in message, (expected, message)


def test_a_vote_on_an_idea_that_is_not_there_is_refused(app, good_file, tmp_path):
    def vote_elsewhere(document):
        vote = next(a for a in document["answers"] if a["step_id"] == "prioriter")
        vote["value"] = ["idea-999999"]

    assert "unknown_card" in refused(app, tmp_path, changed(good_file, vote_elsewhere))


def test_a_broken_dialogue_tool_is_refused_with_its_problems(app, good_file, tmp_path):
    def break_tool(document):
        document["dialogue"]["steps"][1]["kind"] = "dans"

    message = refused(app, tmp_path, changed(good_file, break_tool))
    assert "dialogue tool has problems" in message and "unknown_kind" in message


def test_huge_strings_and_deep_nesting_are_refused(app, good_file, tmp_path):
    big = "x" * 2_000_000
    cases = [
        lambda d: d["participants"][0].update(name=big),
        lambda d: d["session"].update(title=big),
        lambda d: d["answers"][0].update(answer_id=big),
        lambda d: d["session"]["details"].update(notes=big),
        lambda d: d["answers"][0].update(value=big),
        lambda d: d["session"].update(follow_up={"points": big}),
    ]
    for change in cases:
        message = refused(app, tmp_path, changed(good_file, change))
        assert "characters" in message or "too_long" in message, message
    deep = "[" * 100_000 + "]" * 100_000
    assert "nested too deeply" in refused(app, tmp_path, deep.encode())
    nested: dict = {}
    inner = nested
    for _level in range(30):
        inner["x"] = {}
        inner = inner["x"]
    message = refused(app, tmp_path, changed(good_file, lambda d: d.update(extra=nested)))
    assert "levels deep" in message


def test_a_follow_up_the_results_cannot_be_made_from_is_refused(app, good_file, tmp_path):
    def odd_follow_up(document):
        document["session"]["follow_up"] = {"plan": "not a list", "agreed": 7}

    message = refused(app, tmp_path, changed(good_file, odd_follow_up))
    assert "session.follow_up" in message


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda f: f["plan"][0].update(what=None), "follow_up.plan[0].what: is not text"),
        (
            lambda f: f["plan"][1].update(id="p7"),
            "follow_up.plan[1]: is not a point with the id p2",
        ),
        (lambda f: f["plan"][0].update(when="1. januar"), "follow_up.plan[0].when: is not a date"),
        (lambda f: f["agreed"].update(p9={"status": "done"}), "follow_up.agreed.p9: is not one"),
        (lambda f: f["agreed"]["p1"].update(status="finished"), "follow_up.agreed.p1.status"),
        (lambda f: f["agreed"]["p1"].update(carry_to=LATER), "follow_up.agreed.p1.carry_to"),
        (lambda f: f["series"].append({"code": "111111", "title": "x"}), "series[0].made"),
        (lambda f: f.update(extra=1), "follow_up: must have exactly the fields"),
        (lambda f: f["of"].update(title="x" * 301), "follow_up.of.title: is longer than 300"),
        (lambda f: f["of"].update(code="abc"), "follow_up.of.code: is not a meeting code"),
    ],
)
def test_a_follow_up_not_shaped_like_one_is_refused_and_says_where(
    app, good_file, tmp_path, change, where
):
    def odd_follow_up(document):
        follow_up = copy.deepcopy(FOLLOW_UP)
        change(follow_up)
        document["session"]["follow_up"] = follow_up

    message = refused(app, tmp_path, changed(good_file, odd_follow_up))
    assert where in message


def test_a_follow_up_s_texts_are_kept_as_the_app_keeps_them(
    app, client, good_file, other_server, tmp_path
):
    def hostile_texts(document):
        follow_up = copy.deepcopy(FOLLOW_UP)
        follow_up["plan"][0]["what"] = "Grøn\u0000 café\u202e"
        follow_up["agreed"]["p1"]["comment"] = "Holdt\u202e i maj\u0007"
        document["session"]["follow_up"] = follow_up

    path = tmp_path / "kontroltegn.json"
    path.write_bytes(changed(good_file, hostile_texts))
    server = other_server()
    code, _key, _output = import_file(server, path)
    moved = server.extensions["workshop.store"].session_by_code(code).follow_up
    assert moved["plan"][0]["what"] == "Grøn café"
    assert moved["agreed"]["p1"]["comment"] == "Holdt i maj"


def test_a_rehearsal_cannot_come_in_as_a_follow_up(app, good_file, tmp_path):
    def rehearsal(document):
        document["session"]["practice"] = True
        document["session"]["follow_up"] = copy.deepcopy(FOLLOW_UP)

    assert "rehearsal" in refused(app, tmp_path, changed(good_file, rehearsal))


def test_a_failure_while_writing_leaves_nothing_behind(app, good_file, tmp_path, monkeypatch):
    from workshop.storage import StoreUnavailable, imports

    def fail(*_args, **_kwargs):
        raise StoreUnavailable("the disk is full")

    monkeypatch.setattr(imports, "_insert_late_answers", fail)
    path = tmp_path / "moede.json"
    path.write_bytes(json.dumps(good_file).encode())
    before = counts(app)
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code != 0
    assert counts(app) == before  # the session, participants and answers went back too


def test_a_database_from_before_imports_gains_the_respondent_column(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Store(url)
    old.create_schema()
    with old.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE participants DROP COLUMN respondent")
    old.dispose()
    store = Store(url)
    store.create_schema()
    tool = tool_definition(find_dialogue(store, "almene-maal"))
    session = store.add_session(
        code="222222",
        title="Før",
        dialogue=tool,
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
    )
    mette = store.add_participant(session.id, "token-mette", "Mette")
    assert store.participants_of(session.id) == [mette] and not mette.respondent
    store.dispose()


def test_the_command_says_so_when_the_file_is_missing(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path / "ingen.json")])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_a_report_made_before_the_import_counts_the_same_as_after(client, connect, new_session):
    created = run_meeting(client, connect, new_session)
    store: Store = client.application.extensions["workshop.store"]
    before = report_of(store, store.session_by_code(created["code"]))
    document = export_json(client, created["code"], created["facilitator_key"])
    imported = import_session(store, json.dumps(document).encode())
    after = report_of(store, imported.session)
    assert [s.summary for s in after.steps] == [s.summary for s in before.steps]
    assert after.participants == before.participants
