"""The facilitator at human speed: a budget of its own for commands, and each step's settings
set before the room gets there (pre-moderation, and answering that waits for "Open")."""

from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidDialogue
from workshop.domain.tools import parse_dialogue

from .helpers import answer, command, last_state, open_socket, wait_for

# The budgets a real installation runs with (the test app otherwise lifts them).
REAL_BUDGETS = {
    "WORKSHOP_EVENT_BURST": 10,
    "WORKSHOP_EVENT_RATE": 5,
    "WORKSHOP_COMMAND_BURST": 60,
    "WORKSHOP_COMMAND_RATE": 20,
}


def meeting(app):
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    console = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    return created, console


def test_forty_merges_and_hides_in_a_row_all_go_through(make_app):
    app = make_app(**REAL_BUDGETS)
    created, console = meeting(app)
    command(console, "goto", step="ideer")
    phones = [
        open_socket(app, auth={"role": "participant", "code": created["code"]}) for _ in range(9)
    ]
    ids = []
    for p, phone in enumerate(phones):
        for n in range(5):  # five ideas a phone, the step's limit
            answer_id = f"idea-{p:02d}{n:02d}aa"
            assert answer(phone, "ideer", f"Idé {p} {n}", answer_id)["ok"]
            ids.append(answer_id)
    into, rest = ids[0], ids[1:]
    acks = [
        console.emit("command", {"action": "merge", "answer_id": a, "into": into}, callback=True)
        for a in rest[:20]
    ]
    acks += [
        console.emit("command", {"action": "hide_answer", "answer_id": a}, callback=True)
        for a in rest[20:40]
    ]
    assert [ack["ok"] for ack in acks] == [True] * 40, [a for a in acks if not a["ok"]][:1]
    summary = wait_for(
        console, "results", lambda r: len(r["summary"].get("hidden_cards", [])) == 20
    )["summary"]
    shown = summary["answers"]
    assert len(shown) == len(ids) - 20 - 20  # the merged ones in one card, the hidden ones gone
    assert any(card["weight"] == 21 for card in shown)


def test_the_facilitator_budget_is_the_session_s_own_and_still_a_budget(make_app):
    app = make_app(
        WORKSHOP_EVENT_BURST=3,
        WORKSHOP_EVENT_RATE=0.01,
        WORKSHOP_COMMAND_BURST=8,
        WORKSHOP_COMMAND_RATE=0.01,
    )
    created, console = meeting(app)
    second = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    codes = []
    for n in range(10):
        sio = console if n % 2 else second  # two laptops share the session's budget
        ack = sio.emit("command", {"action": "unlock" if n % 2 else "lock"}, callback=True)
        codes.append(ack["ok"] or ack["error"]["code"])
    assert codes[:8] == [True] * 8  # more than a phone's burst of 3
    assert codes[8:] == ["too_fast", "too_fast"]
    # A phone's own budget is untouched by the facilitator's.
    phone = open_socket(app, auth={"role": "participant", "code": created["code"]})
    assert last_state(phone)["session"]["status"] == "lobby"
    assert phone.emit("profile", {"name": "Ida"}, callback=True)["ok"]


def test_pre_moderation_set_before_the_room_arrives_holds_back_the_very_first_answer(
    connect, new_session
):
    created = new_session("testmoede")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phone = connect(role="participant", code=code)
    command(console, "settings", step="ideer", premoderate=True)  # still in the lobby
    command(console, "start")
    assert last_state(console)["step"]["id"] != "ideer"
    command(console, "goto", step="ideer")
    assert last_state(console)["step"]["settings"]["premoderate"] is True
    assert answer(phone, "ideer", "Det allerførste svar", "idea-first1")["ok"]
    held = wait_for(console, "results", lambda r: r["summary"].get("pending_cards"))["summary"]
    assert [card["answer_id"] for card in held["pending_cards"]] == ["idea-first1"]
    assert held["answers"] == []
    assert last_state(screen)["results"]["summary"]["answers"] == []
    command(console, "approve", answer_id="idea-first1")
    shown = wait_for(screen, "results", lambda r: len(r["summary"]["answers"]) == 1)["summary"]
    assert shown["answers"][0]["text"] == "Det allerførste svar"


def test_a_step_set_to_open_by_the_facilitator_shows_its_question_and_waits_for_open(
    connect, new_session
):
    created = new_session("testmoede")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code)
    command(console, "settings", step=5, opens="by_facilitator")  # "hvad-skal-til"
    command(console, "goto", step="hvem-med")
    assert last_state(phone)["answering"] is True  # other steps open as the room arrives
    command(console, "next")
    arrived = last_state(phone)
    assert arrived["step"]["id"] == "hvad-skal-til" and arrived["answering"] is False
    refused = answer(phone, "hvad-skal-til", "For tidligt")
    assert not refused["ok"]
    assert last_state(console)["step"]["settings"]["opens"] == "by_facilitator"
    command(console, "open")
    assert last_state(phone)["answering"] is True
    assert answer(phone, "hvad-skal-til", "Nu må jeg")["ok"]


def test_a_bad_opening_is_refused_by_the_command_and_by_the_tool_file(connect, new_session):
    created = new_session("testmoede")
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    ack = console.emit(
        "command", {"action": "settings", "step": 1, "opens": "sometimes"}, callback=True
    )
    assert ack["error"]["code"] == "bad_setting"
    base = {"id": "t", "title": "T", "language": "da"}
    step = {"id": "a", "kind": "open", "prompt": "Hvad?"}
    good = parse_dialogue({**base, "steps": [{**step, "settings": {"opens": "by_facilitator"}}]})
    assert good.steps[0].settings.opens == "by_facilitator"
    assert parse_dialogue({**base, "steps": [step]}).steps[0].settings.opens == "on_arrival"
    with pytest.raises(InvalidDialogue) as bad:
        parse_dialogue({**base, "steps": [{**step, "settings": {"opens": "later"}}]})
    assert [(p.field, p.code) for p in bad.value.problems] == [("settings.opens", "bad_choice")]
