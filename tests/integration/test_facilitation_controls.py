"""The facilitator's controls over Socket.IO: reveals, timer, lock, merge, remove, tables."""

from __future__ import annotations

from datetime import date, timedelta

from .helpers import answer, command, events, last_state, open_socket, wait_for


def start(connect, new_session, dialogue="testmoede"):
    created = new_session(dialogue)
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    return created, code, console, screen


def test_phones_see_results_only_when_their_policy_or_a_reveal_allows(connect, new_session):
    _created, code, console, screen = start(connect, new_session)
    phone = connect(role="participant", code=code)
    command(console, "goto", step="prioriter")
    assert last_state(phone)["results"] is None and not last_state(phone)["results_visible"]
    command(console, "goto", step="staar-i-dag")  # screen live, phones once closed
    assert answer(phone, "staar-i-dag", {"byer-i-balance": 4})["ok"]
    wait_for(screen, "results", lambda r: r["summary"]["count"] == 1)
    assert events(phone, "results") == []
    command(console, "close")
    closed = last_state(phone)
    assert closed["results_visible"] and closed["results"]["summary"]["count"] == 1
    command(console, "hide", audience="phones")
    assert last_state(phone)["results"] is None
    assert last_state(screen)["results"] is not None
    visibility = last_state(console)["visibility"]
    assert visibility == {"screen": True, "phones": False}


def test_the_timer_reaches_every_screen_and_closes_a_self_closing_step(connect, new_session):
    _created, code, console, screen = start(connect, new_session)
    phone = connect(role="participant", code=code)
    command(console, "goto", step="udcheckning")
    command(console, "settings", auto_close=True)
    command(console, "timer_start", minutes=1)
    timer = last_state(phone)["timer"]
    assert timer["running"] and timer["duration"] == 60 and 55 < timer["remaining"] <= 60
    command(console, "timer_add", seconds=-59)
    assert last_state(screen)["timer"]["remaining"] <= 1.5
    closed = wait_for(phone, "state", lambda s: not s["answering"], timeout=5)
    assert closed["timer"]["running"] is False
    late = answer(phone, "udcheckning", "For sent")
    assert late["error"]["code"] == "kept_late"  # not counted; the facilitator may let it in


def test_a_locked_session_keeps_newcomers_out_but_lets_known_phones_back(app, connect, new_session):
    _created, code, console, _screen = start(connect, new_session)
    phone = connect(role="participant", code=code)
    token = last_state(phone)["you"]["token"]
    phone.disconnect()
    command(console, "lock")
    assert last_state(console)["session"]["locked"]
    stranger = open_socket(app, auth={"role": "participant", "code": code})
    assert not stranger.is_connected()
    back = connect(role="participant", code=code, token=token)
    assert last_state(back)["you"]["token"] == token
    command(console, "unlock")
    assert connect(role="participant", code=code).is_connected()


def test_merged_ideas_become_one_card_and_votes_follow_it(connect, new_session):
    _created, code, console, screen = start(connect, new_session)
    phones = [connect(role="participant", code=code) for _ in range(3)]
    command(console, "goto", step="ideer")
    assert answer(phones[0], "ideer", "Grøn temaaften", "idea-aaaa01")["ok"]
    assert answer(phones[1], "ideer", "Temaaften om klima", "idea-bbbb02")["ok"]
    assert answer(phones[2], "ideer", "Fælles nyhedsbrev", "idea-cccc03")["ok"]
    command(console, "merge", answer_id="idea-bbbb02", into="idea-aaaa01")
    command(console, "highlight", answer_id="idea-cccc03")
    ideas = wait_for(
        console,
        "results",
        lambda r: len(r["summary"]["answers"]) == 2 and r["summary"]["answers"][1]["highlighted"],
    )["summary"]
    assert ideas["answers"][0]["weight"] == 2 and ideas["answers"][1]["highlighted"]
    assert ideas["merged_texts"] == {"idea-bbbb02": "Temaaften om klima"}  # facilitator only
    shown = wait_for(screen, "results", lambda r: len(r["summary"]["answers"]) == 2)["summary"]
    assert "merged_texts" not in shown and "hidden_cards" not in shown

    command(console, "goto", step="prioriter")
    cards = last_state(phones[0])["step"]["cards"]
    assert [c["answer_id"] for c in cards] == ["idea-aaaa01", "idea-cccc03"]
    assert [c["weight"] for c in cards] == [2, 1]  # the phone lists the most supported first
    assert answer(phones[0], "prioriter", ["idea-aaaa01", "idea-cccc03"])["ok"]
    assert answer(phones[1], "prioriter", ["idea-aaaa01"])["ok"]
    twice = answer(phones[2], "prioriter", ["idea-aaaa01", "idea-aaaa01"])
    assert twice["error"]["code"] == "too_many_on_one"
    ranking = wait_for(console, "results", lambda r: r["summary"]["count"] == 2)["summary"][
        "ranking"
    ]
    assert [(c["answer_id"], c["votes"]) for c in ranking] == [
        ("idea-aaaa01", 2),
        ("idea-cccc03", 1),
    ]
    same = console.emit(
        "command",
        {"action": "merge", "answer_id": "idea-aaaa01", "into": "idea-aaaa01"},
        callback=True,
    )
    assert same["error"]["code"] == "bad_merge"


def test_a_removed_participant_is_shut_out_and_its_answers_hidden(app, connect, new_session):
    _created, code, console, _screen = start(connect, new_session)
    phone = connect(role="participant", code=code, name="Troll")
    other = connect(role="participant", code=code, name="Karen")
    token = last_state(phone)["you"]["token"]
    command(console, "goto", step="hvem-med")
    assert answer(phone, "hvem-med", "Noget grimt")["ok"]
    assert answer(other, "hvem-med", "Beboerne")["ok"]
    listed = {p["name"]: p["id"] for p in last_state(console)["participants_list"]}
    command(console, "remove_participant", participant_id=listed["Troll"])
    assert not phone.is_connected()
    summary = wait_for(console, "results", lambda r: r["summary"]["hidden"] == 1)["summary"]
    assert [a["text"] for a in summary["answers"]] == ["Beboerne"]
    # Given anonymously: not listed, or the list would say what the removed person wrote.
    assert summary["hidden_cards"] == []
    people = {p["name"]: p["removed"] for p in last_state(console)["participants_list"]}
    assert people == {"Troll": True, "Karen": False}
    again = open_socket(app, auth={"role": "participant", "code": code, "token": token})
    assert not again.is_connected()
    assert last_state(console)["session"]["participants"] == 1


def test_the_console_hears_who_joined_or_changed_not_the_whole_list_again(connect, new_session):
    _created, code, console, _screen = start(connect, new_session)
    connect(role="participant", code=code, name="Mette")
    first = wait_for(console, "presence", lambda p: p["participants_changed"])
    assert [p["name"] for p in first["participants_changed"]] == ["Mette"]
    ole = connect(role="participant", code=code, name="Ole")
    second = wait_for(console, "presence", lambda p: p["participants_changed"])
    assert [p["name"] for p in second["participants_changed"]] == ["Ole"]
    assert second["participants"] == 2
    assert ole.emit("profile", {"name": "Ole B."}, callback=True)["ok"]
    renamed = wait_for(console, "presence", lambda p: p["participants_changed"])
    assert [p["name"] for p in renamed["participants_changed"]] == ["Ole B."]
    ole.disconnect()  # only a count changes: no entries
    left = wait_for(console, "presence", lambda p: p["connected"] == 1)
    assert left["participants_changed"] == []


def test_tables_are_picked_on_the_phone_and_results_split_per_table(connect, new_session):
    _created, code, console, screen = start(connect, new_session)
    command(console, "tables", names=["Bord 1", "Bord 2"])
    assert [t["name"] for t in last_state(screen)["session"]["tables"]] == ["Bord 1", "Bord 2"]
    one = connect(role="participant", code=code, table="t1")
    connect(role="participant", code=code, table="t1")  # a table of one would name its person
    two = connect(role="participant", code=code)
    ack = two.emit("profile", {"table": "t2", "as_table": True}, callback=True)
    assert ack == {"ok": True, "name": "", "table": "t2", "is_table": True}
    bad = two.emit("profile", {"table": "t9"}, callback=True)
    assert bad["error"]["code"] == "unknown_table"
    command(console, "by_table", on=True)
    command(console, "goto", step="indcheckning")
    assert answer(one, "indcheckning", ["Grøn"])["ok"]
    assert answer(two, "indcheckning", ["Tryg"])["ok"]
    summary = wait_for(screen, "results", lambda r: r["summary"]["count"] == 2)["summary"]
    assert summary["by_table"]["t1"]["words"] == [{"word": "grøn", "count": 1}]
    assert summary["by_table"]["t2"]["words"] == [{"word": "tryg", "count": 1}]
    assert last_state(screen)["by_table"]
    people = last_state(console)["participants_list"]
    assert [(p["table"], p["is_table"]) for p in people] == [
        ("t1", False),
        ("t1", False),
        ("t2", True),
    ]


def test_action_points_are_proposed_edited_merged_and_confirmed_into_the_plan(connect, new_session):
    _created, code, console, _screen = start(connect, new_session)
    phone = connect(role="participant", code=code, name="Mette")
    command(console, "goto", step="handlepunkter")
    soon = (date.today() + timedelta(days=7)).isoformat()
    later = (date.today() + timedelta(days=30)).isoformat()
    past = (date.today() - timedelta(days=1)).isoformat()
    assert answer(
        phone, "handlepunkter", {"what": "Temaaften", "who": "Mette", "when": later}, "act-000001"
    )["ok"]
    assert answer(
        phone, "handlepunkter", {"what": "Tema-aften", "who": "Ole", "when": later}, "act-000002"
    )["ok"]
    assert answer(
        phone, "handlepunkter", {"what": "Nyhedsbrev", "who": "Ali", "when": soon}, "act-000003"
    )["ok"]
    old = answer(phone, "handlepunkter", {"what": "For sent", "who": "X", "when": past})
    assert old["error"]["code"] == "date_in_past"
    command(console, "merge", answer_id="act-000002", into="act-000001")
    command(console, "edit_action", answer_id="act-000001", value={"who": "Mette og Ole"})
    command(console, "confirm_action", answer_id="act-000001")
    command(console, "confirm_action", answer_id="act-000003")
    bad = console.emit(
        "command",
        {"action": "edit_action", "answer_id": "act-000003", "value": {"when": past}},
        callback=True,
    )
    assert bad["error"]["code"] == "date_in_past"
    plan = wait_for(console, "results", lambda r: len(r["summary"]["plan"]) == 2)["summary"]["plan"]
    assert [(p["what"], p["who"], p["when"], p["weight"]) for p in plan] == [
        ("Nyhedsbrev", "Ali", soon, 1),
        ("Temaaften", "Mette og Ole", later, 2),
    ]
    assert plan[0]["name"] == "Mette"  # the step is not anonymous


def test_brainstorm_steps_take_up_to_their_number_of_answers(connect, new_session):
    _created, code, console, _screen = start(connect, new_session)
    phone = connect(role="participant", code=code)
    command(console, "goto", step="hvad-skal-til")  # max_answers: 3
    for n in range(3):
        assert answer(phone, "hvad-skal-til", f"Idé {n}", f"idea-{n:06d}")["ok"]
    fourth = answer(phone, "hvad-skal-til", "Idé 3")
    assert fourth["error"]["code"] == "too_many_answers"
    assert answer(phone, "hvad-skal-til", "Idé 0, rettet", "idea-000000")["ok"]
    command(console, "goto", step="udcheckning")  # one answer: a new one replaces
    assert answer(phone, "udcheckning", "Første")["ok"]
    assert answer(phone, "udcheckning", "Anden")["ok"]
    summary = wait_for(console, "results", lambda r: r["summary"]["answers"][0]["text"] == "Anden")
    assert len(summary["summary"]["answers"]) == 1


def test_two_facilitator_tabs_see_the_same_state(connect, new_session):
    created, code, console, _screen = start(connect, new_session)
    second = connect(role="facilitator", code=code, key=created["facilitator_key"])
    command(console, "goto", step="staar-i-dag")
    command(second, "settings", notes="Spørg bestyrelsen først")
    command(console, "details", organisation="Boligselskabet Ærø", place="Marstal")
    states = [last_state(tab) for tab in (console, second)]
    for state in states:
        assert state["step"]["id"] == "staar-i-dag"
        assert state["step"]["settings"]["notes"] == "Spørg bestyrelsen først"
        assert state["details"] == {"organisation": "Boligselskabet Ærø", "place": "Marstal"}
    assert states[0]["revision"] == states[1]["revision"]


def test_the_decisions_and_notes_keep_their_lines_and_have_a_limit(connect, new_session):
    _created, _code, console, _screen = start(connect, new_session)
    command(console, "details", notes="  Vi vælger gårdmøder.\nNæste møde: 12. maj.\u202e  ")
    assert last_state(console)["details"]["notes"] == "Vi vælger gårdmøder.\nNæste møde: 12. maj."
    too_long = console.emit("command", {"action": "details", "notes": "x" * 4001}, callback=True)
    assert too_long["error"]["code"] == "bad_notes"
    not_text = console.emit("command", {"action": "details", "notes": ["x"]}, callback=True)
    assert not_text["error"]["code"] == "bad_notes"


def test_phones_get_the_cards_they_show_and_a_count_of_the_rest(connect, new_session):
    _created, code, console, screen = start(connect, new_session)
    phones = [connect(role="participant", code=code) for _ in range(8)]
    command(console, "goto", step="ideer")
    ids = [f"idea-{n:06d}" for n in range(40)]
    for n, answer_id in enumerate(ids):
        assert answer(phones[n % 8], "ideer", f"Idé nummer {n}", answer_id)["ok"]
    command(console, "highlight", answer_id=ids[0])  # the oldest, marked
    command(console, "reveal", audience="phones")
    # The projector and the console get the whole wall.
    wall = wait_for(screen, "results", lambda r: r["summary"]["answers"][0]["highlighted"])
    assert [card["answer_id"] for card in wall["summary"]["answers"]] == ids
    assert "left_out" not in wall["summary"]
    # A phone gets what it shows: the marked card, then the newest, in the order given.
    seen = last_state(phones[3])["results"]["summary"]
    assert [card["answer_id"] for card in seen["answers"]] == [ids[0], *ids[-29:]]
    assert seen["left_out"] == 10 and seen["count"] == 8
    command(console, "unhighlight", answer_id=ids[0])
    again = wait_for(phones[5], "results", lambda r: not r["summary"]["answers"][0]["highlighted"])
    assert [card["answer_id"] for card in again["summary"]["answers"]] == ids[-30:]
    assert again["summary"]["left_out"] == 10


def test_a_vote_card_weighs_the_answers_the_room_still_sees_in_it(connect, new_session):
    _created, code, console, _screen = start(connect, new_session)
    phones = [connect(role="participant", code=code) for _ in range(3)]
    command(console, "goto", step="ideer")
    for n, phone in enumerate(phones):
        assert answer(phone, "ideer", f"Grøn temaaften {n}", f"idea-weigh{n}")["ok"]
    command(console, "merge", answer_id="idea-weigh1", into="idea-weigh0")
    command(console, "merge", answer_id="idea-weigh2", into="idea-weigh0")
    command(console, "hide_answer", answer_id="idea-weigh2")
    wall = wait_for(
        console, "results", lambda r: r["summary"]["answers"] and r["summary"]["hidden"] == 1
    )["summary"]["answers"]
    command(console, "goto", step="prioriter")
    cards = last_state(phones[0])["step"]["cards"]
    # The phone's ×N is the console's: the hidden answer no longer adds to its card.
    assert [(c["answer_id"], c["weight"]) for c in cards] == [
        (card["answer_id"], card["weight"]) for card in wall
    ]
    assert [c["weight"] for c in cards] == [2]
