"""Each phone hears what became of its own answers: waiting for approval, let in, hidden,
merged, edited, confirmed; and the ended meeting's phones get the plan that was agreed."""

from __future__ import annotations

from datetime import date, timedelta

from .helpers import answer, command, events, last_state


def start(connect, new_session):
    created = new_session("testmoede")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    return code, console


def own(phone, answer_id: str) -> dict:
    """The phone's own answer as the newest snapshot that carries its answers says it."""
    for state in reversed(states(phone)):
        if "you" in state:
            found = [a for a in state["you"]["answers"] if a["answer_id"] == answer_id]
            assert found, state["you"]["answers"]
            return found[0]
    raise AssertionError("no snapshot with the phone's own answers")


def states(sio) -> list[dict]:
    seen = getattr(sio, "seen_states", [])
    seen.extend(events(sio, "state"))
    sio.seen_states = seen
    return seen


def reconnected(connect, code: str, token: str) -> dict:
    """What a phone sees of its answers when it comes back: the same as it was told live."""
    again = connect(role="participant", code=code, token=token)
    return {a["answer_id"]: a for a in last_state(again)["you"]["answers"]}


def test_a_pre_moderated_answer_waits_then_its_author_hears_it_was_let_in_or_hidden(
    connect, new_session
):
    code, console = start(connect, new_session)
    author = connect(role="participant", code=code, name="Mette")
    token = states(author)[0]["you"]["token"]
    other = connect(role="participant", code=code, name="Ole")
    command(console, "settings", step="ideer", premoderate=True)
    command(console, "goto", step="ideer")
    assert answer(author, "ideer", "Fælles grill", "idea-000001")["ok"]
    assert answer(author, "ideer", "Flere bænke", "idea-000002")["ok"]
    waiting = reconnected(connect, code, token)
    assert waiting["idea-000001"]["pending"] and not waiting["idea-000001"]["hidden"]
    states(other)  # what the other phone had so far
    other.seen_states = []

    command(console, "approve", answer_id="idea-000001")
    assert own(author, "idea-000001")["pending"] is False
    assert own(author, "idea-000002")["pending"] is True
    command(console, "hide_answer", answer_id="idea-000002")
    hidden = own(author, "idea-000002")
    assert (hidden["pending"], hidden["hidden"]) == (False, True)
    # Only the author is told: nobody else's phone gets a snapshot with answers in it.
    assert all("you" not in state for state in states(other))
    assert reconnected(connect, code, token)["idea-000002"]["hidden"] is True


def test_approving_all_tells_every_author_whose_answer_waited(connect, new_session):
    code, console = start(connect, new_session)
    phones = [connect(role="participant", code=code) for _ in range(3)]
    command(console, "settings", step="ideer", premoderate=True)
    command(console, "goto", step="ideer")
    for n, phone in enumerate(phones):
        assert answer(phone, "ideer", f"Idé nummer {n}", f"idea-{n:06d}")["ok"]
    command(console, "approve_all")
    for n, phone in enumerate(phones):
        assert own(phone, f"idea-{n:06d}")["pending"] is False


def test_an_edited_and_confirmed_action_point_reaches_its_author_with_the_new_text(
    connect, new_session
):
    code, console = start(connect, new_session)
    author = connect(role="participant", code=code, name="Mette")
    command(console, "goto", step="handlepunkter")
    later = (date.today() + timedelta(days=30)).isoformat()
    value = {"what": "Temaaften", "who": "Mette", "when": later}
    assert answer(author, "handlepunkter", value, "act-000001")["ok"]
    assert answer(author, "handlepunkter", {**value, "what": "Tema-aften"}, "act-000002")["ok"]
    command(console, "edit_action", answer_id="act-000001", value={"what": "Grøn temaaften"})
    edited = own(author, "act-000001")
    assert edited["value"]["what"] == "Grøn temaaften"
    assert (edited["edited"], edited["confirmed"]) == (True, False)
    command(console, "confirm_action", answer_id="act-000001")
    assert own(author, "act-000001")["confirmed"] is True
    command(console, "merge", answer_id="act-000002", into="act-000001")
    assert own(author, "act-000002")["merged"] is True
    # The phone cannot change what the facilitator decided.
    refused = answer(author, "handlepunkter", {**value, "what": "Min tekst"}, "act-000001")
    assert refused["error"]["code"] == "moderated"


def test_the_ended_meetings_phones_get_the_agreed_plan_by_deadline_without_names(
    connect, new_session
):
    code, console = start(connect, new_session)
    author = connect(role="participant", code=code, name="Mette")
    command(console, "goto", step="handlepunkter")
    soon = (date.today() + timedelta(days=7)).isoformat()
    later = (date.today() + timedelta(days=30)).isoformat()
    points = [
        ("act-000001", {"what": "Temaaften", "who": "Bestyrelsen", "when": later}),
        ("act-000002", {"what": "Nyhedsbrev", "who": "Ali", "when": soon}),
        ("act-000003", {"what": "Ikke aftalt", "who": "Ingen", "when": soon}),
    ]
    for answer_id, value in points:
        assert answer(author, "handlepunkter", value, answer_id)["ok"]
    command(console, "confirm_action", answer_id="act-000001")
    command(console, "confirm_action", answer_id="act-000002")
    assert "plan" not in last_state(author)
    command(console, "end")
    assert last_state(author)["plan"] == [points[1][1], points[0][1]]
    assert "plan" not in last_state(console)
