"""Every use case against a real SQLite store, without sockets or HTTP: each test names the
rule of the meeting that broke."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from workshop.domain.errors import DomainError
from workshop.export.document import build_json
from workshop.services import facilitation, participation
from workshop.services.dialogues import import_dialogue
from workshop.services.errors import Refused
from workshop.services.events import ParticipantRemoved, ResultsChanged, StateChanged
from workshop.services.reports import report_of
from workshop.services.sessions import create_session, find_session
from workshop.services.snapshots import results_of
from workshop.storage import Store

from ..tools import STEP_IDS, small_tool_file

LATER = (date.today() + timedelta(days=14)).isoformat()


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'services.sqlite3'}", group_commit=False)
    store.create_schema()
    import_dialogue(store, small_tool_file())
    yield store
    store.dispose()


class Room:
    """A session of the small tool, driven through the services only."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.code = create_session(store, "lille-redskab").code
        self.answers = 0

    def command(self, action: str, **args):
        session, events = facilitation.command(self.store, self.code, {"action": action, **args})
        return session, events

    def goto(self, step_id: str) -> None:
        self.command("goto", step=step_id)

    def join(self, **auth):
        return participation.join(self.store, find_session(self.store, self.code), **auth)

    def answer(self, participant, step_id: str, value, answer_id: str | None = None) -> str:
        self.answers += 1
        payload = {
            "step_id": step_id,
            "answer_id": answer_id or f"answer-{self.answers:04d}",
            "value": value,
        }
        answer_id, _events = participation.submit_answer(
            self.store, self.code, participant.id, payload
        )
        return answer_id

    def summary(self, step_id: str, moderation: bool = True) -> dict:
        session = find_session(self.store, self.code)
        return results_of(self.store, session, step_id, moderation=moderation)["summary"]


@pytest.fixture
def room(store) -> Room:
    return Room(store)


def refused(code: str):
    return pytest.raises(DomainError, match=code)


def test_a_session_starts_in_the_lobby_and_steps_through_every_step(room):
    session = find_session(room.store, room.code)
    assert session.state.status == "lobby"
    seen = []
    session, events = room.command("start")
    seen.append(session.state.step_index)
    for _ in STEP_IDS[1:]:
        session, events = room.command("next")
        assert events == [StateChanged(room.code)]
        seen.append(session.state.step_index)
    assert seen == list(range(len(STEP_IDS)))
    with refused("at_last_step"):
        room.command("next")
    session, _ = room.command("end")
    assert session.state.ended
    with refused("session_ended"):
        room.join(name="For sent")


def test_an_answer_counts_only_on_the_current_step_while_answering_is_open(room):
    phone = room.join(name="Mette").participant
    room.goto("valg")
    with refused("answering_closed"):
        room.answer(phone, "ord", ["tidligt"])
    room.command("close")
    with refused("kept_late"):  # not counted, but kept for the facilitator
        room.answer(phone, "valg", ["a"])
    assert room.summary("valg")["count"] == 0
    room.command("open")
    room.answer(phone, "valg", ["a"])
    assert room.summary("valg")["options"][0]["count"] == 1
    with refused("unknown_step"):
        room.answer(phone, "findes-ikke", ["a"])


def test_a_retry_of_the_same_answer_id_is_stored_once(room):
    phone = room.join().participant
    room.goto("ideer")
    for _ in range(3):
        room.answer(phone, "ideer", "Fælles have", answer_id="samme-svar-01")
    assert [card["text"] for card in room.summary("ideer")["answers"]] == ["Fælles have"]


def test_each_kind_takes_its_value_and_refuses_a_wrong_one(room):
    phone = room.join().participant
    cases = {
        "ord": (["Fællesskab", "og"], ["og"], "no_words"),
        "valg": (["b"], ["c"], "unknown_option"),
        "skala": ({"s1": 4}, {"s1": 9}, "rating_out_of_range"),
        "point": ({"a": 3, "b": 2}, {"a": 3}, "wrong_total"),
        "plan": ({"what": "Plant et træ", "who": "Ali", "when": LATER}, ["x"], "not_an_action"),
    }
    for step_id, (good, bad, code) in cases.items():
        room.goto(step_id)
        room.answer(phone, step_id, good)
        with refused(code):
            room.answer(phone, step_id, bad)
        assert room.summary(step_id)["count"] == 1, step_id


def test_a_vote_counts_for_the_idea_an_answer_was_merged_into(room):
    mette, jens = room.join().participant, room.join().participant
    room.goto("ideer")
    keep = room.answer(mette, "ideer", "Grillaften")
    twin = room.answer(jens, "ideer", "Grill-aften")
    room.command("merge", answer_id=twin, into=keep)
    room.goto("stem")
    room.answer(mette, "stem", [keep])
    room.answer(jens, "stem", [twin])
    ranking = room.summary("stem")["ranking"]
    assert [(card["answer_id"], card["votes"]) for card in ranking] == [(keep, 2)]


def test_moderation_stands_against_the_participant(room):
    phone = room.join().participant
    room.goto("tak")
    first = room.answer(phone, "tak", "Noget grimt")
    _, events = room.command("hide_answer", answer_id=first)
    assert ResultsChanged(room.code, "tak") in events
    with refused("moderated"):
        room.answer(phone, "tak", "Noget pænt")
    room.goto("plan")
    point = room.answer(phone, "plan", {"what": "Male bænke", "who": "Ida", "when": LATER})
    room.command("edit_action", answer_id=point, value={"who": "Bestyrelsen"})
    with refused("moderated"):
        room.answer(phone, "plan", {"what": "Ingenting", "who": "Ida", "when": LATER}, point)
    room.command("confirm_action", answer_id=point)
    plan = room.summary("plan")["plan"]
    assert [(p["what"], p["who"]) for p in plan] == [("Male bænke", "Bestyrelsen")]


def test_merging_is_only_for_cards_and_editing_only_for_action_points(room):
    phone = room.join().participant
    room.goto("tak")
    one = room.answer(phone, "tak", "Tak")
    room.goto("valg")
    choice = room.answer(phone, "valg", ["a"])
    with refused("bad_merge"):
        room.command("merge", answer_id=choice, into=one)
    with refused("not_an_action_step"):
        room.command("edit_action", answer_id=one, value={"what": "x"})
    with refused("cannot_highlight"):  # a choice is no card the screen could mark
        room.command("highlight", answer_id=choice)
    room.command("unhighlight", answer_id=choice)  # clearing a mark always works
    room.command("highlight", answer_id=one)
    assert [card["highlighted"] for card in room.summary("tak")["answers"]] == [True]


def test_a_removed_participant_is_out_and_its_answers_hidden(room):
    joined = room.join(name="Troll")
    room.goto("tak")
    room.answer(joined.participant, "tak", "Grimt")
    _, events = room.command("remove_participant", participant_id=joined.participant.id)
    assert ParticipantRemoved(room.code, joined.participant.id) in events
    with refused("removed"):
        room.join(token=joined.participant.token)
    assert room.summary("tak", moderation=False)["hidden"] == 1


def test_joining_follows_lock_and_the_cap_but_a_token_always_comes_back(room):
    first = room.join(name="Først").participant
    room.command("lock")
    with refused("locked"):
        room.join(name="Ny")
    assert room.join(token=first.token).participant.id == first.id
    room.command("unlock")
    session = find_session(room.store, room.code)
    with refused("session_full"):
        participation.join(room.store, session, name="En for mange", max_participants=1)


def test_an_export_keeps_anonymous_answers_without_their_participant(room):
    phone = room.join(name="Hanne").participant
    room.goto("tak")
    room.answer(phone, "tak", "Anonymt svar")
    room.command("settings", anonymous=False)
    room.answer(room.join(name="Ole").participant, "tak", "Med navn")
    session = find_session(room.store, room.code)
    document = json.loads(build_json(report_of(room.store, session), session.dialogue))
    by_text = {answer["value"]: answer for answer in document["answers"]}
    assert by_text["Anonymt svar"]["participant"] is None
    assert by_text["Med navn"]["participant"] is not None


def test_a_stale_command_from_another_tab_is_refused(room):
    session, _ = room.command("start")
    room.command("next")
    with pytest.raises(Refused, match="stale"):
        room.command("next", revision=session.revision)


def test_an_answer_after_closing_is_kept_for_the_facilitator_to_let_in(room):
    early, late = room.join().participant, room.join().participant
    room.goto("valg")
    room.answer(early, "valg", ["a"])
    room.command("close")
    with refused("kept_late"):
        room.answer(late, "valg", ["b"], answer_id="late-answer-01")
    with refused("kept_late"):  # the phone sends it again: still one
        room.answer(late, "valg", ["b"], answer_id="late-answer-01")
    with refused("answering_closed"):  # one who answered in time cannot add a late one
        room.answer(early, "valg", ["b"])
    summary = room.summary("valg")
    assert summary["count"] == 1 and summary["late"] == 1
    assert "late" not in room.summary("valg", moderation=False)
    _, events = room.command("admit_late", step="valg")
    assert ResultsChanged(room.code, "valg") in events
    summary = room.summary("valg")
    assert summary["count"] == 2 and summary["late"] == 0
    assert [o["count"] for o in summary["options"]] == [1, 1]


def test_with_pre_moderation_answers_wait_for_approval_before_the_room_sees_them(room):
    phone, other = room.join().participant, room.join().participant
    room.goto("ideer")
    room.command("settings", premoderate=True)
    joke = room.answer(phone, "ideer", "En dårlig vittighed")
    good = room.answer(other, "ideer", "Fælles grillaften")
    for_room = room.summary("ideer", moderation=False)
    assert for_room["answers"] == [] and for_room["pending"] == 2
    waiting = room.summary("ideer")["pending_cards"]
    assert [card["text"] for card in waiting] == ["En dårlig vittighed", "Fælles grillaften"]
    # A waiting answer can still be changed by its author: nobody has decided yet.
    room.answer(other, "ideer", "Fælles grillaften i gården", answer_id=good)
    room.command("approve", answer_id=good)
    room.command("hide_answer", answer_id=joke)
    summary = room.summary("ideer", moderation=False)
    assert [card["text"] for card in summary["answers"]] == ["Fælles grillaften i gården"]
    assert (summary["pending"], summary["hidden"]) == (0, 1)
    with refused("moderated"):  # the hidden joke stays hidden
        room.answer(phone, "ideer", "Endnu en vittighed", answer_id=joke)
    room.answer(phone, "ideer", "En rigtig idé")
    assert room.summary("ideer")["pending"] == 1
    room.command("approve_all", step="ideer")
    assert len(room.summary("ideer", moderation=False)["answers"]) == 2


def test_unhiding_never_lets_a_waiting_answer_skip_approval(room):
    phone = room.join().participant
    room.goto("ideer")
    room.command("settings", premoderate=True)
    waiting = room.answer(phone, "ideer", "Venter stadig")
    room.command("unhide_answer", answer_id=waiting)
    assert room.summary("ideer", moderation=False)["answers"] == []
    assert room.summary("ideer")["pending"] == 1
    # Hidden while waiting is a decision: shown again, it goes to the room.
    room.command("hide_answer", answer_id=waiting)
    room.command("unhide_answer", answer_id=waiting)
    shown = room.summary("ideer", moderation=False)
    assert [card["text"] for card in shown["answers"]] == ["Venter stadig"]
    assert shown["pending"] == 0
