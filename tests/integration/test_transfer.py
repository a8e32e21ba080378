"""Moving a meeting to another server: its JSON export imported there gives the same export
again, and keeps every anonymous answer nameless."""

from __future__ import annotations

import copy
import json
import re

from workshop.domain.session import SessionState
from workshop.domain.tools import tool_definition
from workshop.services.dialogues import find_dialogue
from workshop.services.reports import report_of
from workshop.services.transfer import import_session
from workshop.storage import Store

from .helpers import answer, command, follow_up, last_state
from .transfer_material import (
    FOLLOW_UP,
    LATER,
    SOON,
    bearer,
    export_json,
    import_file,
    run_meeting,
)


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
    created = follow_up(client, earlier)
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


def test_a_report_made_before_the_import_counts_the_same_as_after(client, connect, new_session):
    created = run_meeting(client, connect, new_session)
    store: Store = client.application.extensions["workshop.store"]
    before = report_of(store, store.session_by_code(created["code"]))
    document = export_json(client, created["code"], created["facilitator_key"])
    imported = import_session(store, json.dumps(document).encode())
    after = report_of(store, imported.session)
    assert [s.summary for s in after.steps] == [s.summary for s in before.steps]
    assert after.participants == before.participants


def test_the_facilitator_s_tidy_decisions_move_with_the_meeting(
    client, connect, new_session, other_server, tmp_path
):
    created = run_meeting(client, connect, new_session)
    store = client.application.extensions["workshop.store"]
    tidy = {"ideer": {"dismissed": [["idea-000001", "idea-000002"]]}}
    store.save_tidy(store.session_by_code(created["code"]), tidy)
    first = export_json(client, created["code"], created["facilitator_key"])
    assert first["session"]["tidy"] == tidy
    path = tmp_path / "moede.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    server = other_server()
    code, key, _output = import_file(server, path)
    assert server.extensions["workshop.store"].session_by_code(code).tidy == tidy
    assert comparable(export_json(server.test_client(), code, key)) == comparable(first)


def test_an_answer_pulled_apart_moves_apart_with_the_votes_it_got(
    client, connect, new_session, other_server, tmp_path
):
    created = new_session()
    key = created["facilitator_key"]
    console = connect(role="facilitator", code=created["code"], key=key)
    command(console, "goto", step="ideer")
    phones = [connect(role="participant", code=created["code"]) for _ in range(3)]
    for n, phone in enumerate(phones):
        assert answer(phone, "ideer", "Byttemarked for cykler!", f"idea-{n:04d}aa")["ok"]
    command(console, "unmerge", answer_id="idea-0002aa")  # pulled apart: a card of its own
    command(console, "goto", step="prioriter")
    # One vote on each card (at most one a card): the apart one is a card of its own.
    assert answer(phones[0], "prioriter", ["idea-0000aa", "idea-0002aa"])["ok"]
    assert not answer(phones[1], "prioriter", ["idea-0000aa", "idea-0001aa"])["ok"]
    first = export_json(client, created["code"], key)
    assert [a["apart"] for a in first["answers"][:3]] == [False, False, True]
    path = tmp_path / "moede.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    server = other_server()
    code, key_there, output = import_file(server, path)
    assert "Note" not in output  # the results made here are those of the file
    second = export_json(server.test_client(), code, key_there)
    assert comparable(second) == comparable(first)
    ranking = next(s for s in second["steps"] if s["id"] == "prioriter")["summary"]["ranking"]
    assert [(c["answer_id"], c["weight"], c["votes"]) for c in ranking] == [
        ("idea-0000aa", 2, 1),
        ("idea-0002aa", 1, 1),
    ]
