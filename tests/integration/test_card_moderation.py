"""The facilitator tidies the wall: identical answers are one card, pulled apart on request;
a hidden card takes its identical twins along and brings them back; several cards are merged,
hidden or highlighted in one command, all checked before anything changes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.services.dialogues import import_dialogue
from workshop.services.errors import Refused
from workshop.services.events import ResultsChanged
from workshop.storage import Store

from ..tools import small_tool_file
from .test_services import Room

WORDINGS = [
    "Byttemarked for cykler og værktøj",
    "byttemarked  for cykler og værktøj!",
    "Grøn gårdhave",
    "grøn gårdhave 🌱",
    "Fællesspisning",
    "Flere bænke",
]


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'cards.sqlite3'}", group_commit=False)
    store.create_schema()
    import_dialogue(store, small_tool_file())
    yield store
    store.dispose()


def room_with(store: Store, texts: list[str], names: str = "abcdefghijklmnopqrstuvwxyz") -> Room:
    """A room on the ideas step where each text is one person's answer (ids idea-0000, …)."""
    room = Room(store)
    room.command("start")
    room.goto("ideer")
    for n, text in enumerate(texts):
        person = room.join(name=names[n % len(names)]).participant
        room.answer(person, "ideer", text, f"idea-{n:04d}")
    return room


def wall(room: Room) -> list[dict]:
    return room.summary("ideer")["answers"]


def refused(room: Room, action: str, **args) -> str:
    with pytest.raises(Refused) as caught:
        room.command(action, **args)
    return caught.value.code


def test_identical_answers_are_one_card_and_one_can_be_pulled_apart_and_merged_back(store):
    room = room_with(store, [WORDINGS[0], "Fællesspisning", WORDINGS[1], WORDINGS[0]])
    assert [(c["answer_id"], c["weight"], c["folded"]) for c in wall(room)] == [
        ("idea-0000", 3, ["idea-0002", "idea-0003"]),
        ("idea-0001", 1, []),
    ]
    room.command("unmerge", answer_id="idea-0002")  # pulled apart: a card of its own
    assert [(c["answer_id"], c["weight"]) for c in wall(room)] == [
        ("idea-0000", 2),
        ("idea-0001", 1),
        ("idea-0002", 1),
    ]
    room.command("merge", answer_id="idea-0002", into="idea-0000")  # and back again
    card = wall(room)[0]
    assert (card["weight"], card["folded"], card["merged"]) == (
        3,
        ["idea-0003"],
        ["idea-0002", "idea-0003"],
    )
    room.command("unmerge", answer_id="idea-0002")  # the merge undone: still apart
    assert [c["weight"] for c in wall(room)] == [2, 1, 1]


def test_a_hidden_card_takes_its_twins_along_and_brings_them_back(store):
    room = room_with(store, [WORDINGS[2], WORDINGS[3], WORDINGS[2], "Flere bænke"])
    room.command("hide_answer", answer_id="idea-0000")
    summary = room.summary("ideer")
    assert [c["answer_id"] for c in summary["answers"]] == ["idea-0003"]
    assert summary["hidden_cards"] == [{"answer_id": "idea-0000", "text": WORDINGS[2], "weight": 3}]
    # The author of one twin leaves: that answer stays hidden when the card comes back.
    session = room.store.session_by_code(room.code)
    author = next(a for a in room.store.answers_for_step(session.id, "ideer")).participant_id
    gone = room.store.answer(session.id, "idea-0002").participant_id
    room.command("remove_participant", participant_id=gone)
    room.command("unhide_answer", answer_id="idea-0000")
    assert [(c["answer_id"], c["weight"]) for c in wall(room)] == [
        ("idea-0000", 2),
        ("idea-0003", 1),
    ]
    assert author != gone


def test_one_command_tidies_many_cards_and_the_room_hears_it_once(store):
    room = room_with(store, ["Flere bænke", "Fællesspisning", "Grøn gårdhave", "Legeplads"])
    _session, events = room.command("highlight", answer_ids=["idea-0001", "idea-0002", "idea-0003"])
    assert [c["highlighted"] for c in wall(room)] == [False, True, True, True]
    assert [e for e in events if isinstance(e, ResultsChanged) and e.step_id == "ideer"] == [
        ResultsChanged(room.code, "ideer")
    ]
    room.command("merge", answer_ids=["idea-0002", "idea-0003"], into="idea-0001")
    assert [(c["answer_id"], c["weight"]) for c in wall(room)] == [
        ("idea-0000", 1),
        ("idea-0001", 3),
    ]
    room.command("hide_answer", answer_ids=["idea-0000", "idea-0001"])
    assert wall(room) == []
    assert [c["weight"] for c in room.summary("ideer")["hidden_cards"]] == [1, 3]
    room.command("unhide_answer", answer_ids=["idea-0000", "idea-0001"])
    assert len(wall(room)) == 2


def test_a_batch_with_one_wrong_id_changes_nothing(store):
    room = room_with(store, ["Flere bænke", "Fællesspisning", "Grøn gårdhave"])
    before = wall(room)
    assert refused(room, "hide_answer", answer_ids=["idea-0000", "ikke-til-0"]) == (
        "unknown_answer"
    )
    person = room.join(name="Åse").participant
    room.goto("plan")
    point = {"what": "Maling", "who": "Åse", "when": "2099-01-01"}
    room.answer(person, "plan", point, "plan-00000")
    assert refused(room, "merge", answer_ids=["idea-0001", "plan-00000"], into="idea-0000") == (
        "bad_merge"
    )
    assert refused(room, "merge", answer_ids=["idea-0000"], into="idea-0000") == "bad_merge"
    for ids in ([], "idea-0000", ["idea-0000", "idea-0000"], [7], ["x"] * 501):
        assert refused(room, "highlight", answer_ids=ids) == "bad_payload"
    assert wall(room) == before


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(st.sampled_from(WORDINGS), min_size=2, max_size=8),
    data=st.data(),
)
def test_merging_a_group_at_once_is_merging_its_cards_one_by_one(texts, data):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'merge.sqlite3'}", group_commit=False)
        try:
            store.create_schema()
            import_dialogue(store, small_tool_file())
            batch, single = room_with(store, texts), room_with(store, texts)
            cards = [card["answer_id"] for card in wall(batch)]
            assert wall(batch) == wall(single)
            if len(cards) < 2:
                return
            into = data.draw(st.sampled_from(cards))
            others = [card for card in cards if card != into]
            group = data.draw(st.lists(st.sampled_from(others), min_size=1, unique=True))
            batch.command("merge", answer_ids=group, into=into)
            for card in group:
                single.command("merge", answer_id=card, into=into)
            assert wall(batch) == wall(single)
            merged = wall(batch)
            # Nothing lost, nothing twice: every answer on exactly one card.
            on_cards = [c["answer_id"] for c in merged] + [m for c in merged for m in c["merged"]]
            assert sorted(on_cards) == [f"idea-{n:04d}" for n in range(len(texts))]
            assert sum(c["weight"] for c in merged) == len(texts)
        finally:
            store.dispose()


def test_suggestions_follow_the_wall_as_cards_are_hidden_shown_and_dismissed(store):
    room = room_with(
        store,
        ["Bedre belysning på stierne", "Ny legeplads", "mere lys på stierne om aftenen"],
    )

    def suggested() -> list[list[str]]:
        return [s["answer_ids"] for s in room.summary("ideer")["suggestions"]]

    assert suggested() == [["idea-0000", "idea-0002"]]
    assert "suggestions" not in room.summary("ideer", moderation=False)
    room.command("hide_answer", answer_id="idea-0002")
    assert suggested() == []
    room.command("unhide_answer", answer_id="idea-0002")
    assert suggested() == [["idea-0000", "idea-0002"]]
    room.command("dismiss_suggestion", answer_ids=["idea-0000", "idea-0002"])
    assert suggested() == []
    room.command("hide_answer", answer_id="idea-0002")  # hidden and shown: still dismissed
    room.command("unhide_answer", answer_id="idea-0002")
    assert suggested() == []
    person = room.join(name="Åse").participant
    room.answer(person, "ideer", "Mere lys ved stierne", "idea-0003")  # another joins: back
    assert suggested() == [["idea-0000", "idea-0002", "idea-0003"]]


def test_a_merge_undone_gives_back_the_cards_as_they_were(store):
    room = room_with(
        store,
        [
            "Bedre belysning på stierne",
            "mere lys på stierne om aftenen",
            "Ny legeplads",
            "Mere lys på stierne om aftenen!",
        ],
    )
    before = wall(room)
    assert [(c["answer_id"], c["weight"]) for c in before] == [
        ("idea-0000", 1),
        ("idea-0001", 2),
        ("idea-0002", 1),
    ]
    room.command("merge", answer_ids=["idea-0001"], into="idea-0000")  # the suggestion taken
    assert [(c["answer_id"], c["weight"]) for c in wall(room)] == [
        ("idea-0000", 3),
        ("idea-0002", 1),
    ]
    room.command("unmerge", answer_ids=["idea-0001"])  # and undone: the card with its twin
    assert wall(room) == before


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(st.sampled_from(WORDINGS), min_size=1, max_size=8), data=st.data())
def test_a_card_hidden_and_shown_again_comes_back_as_it_was(texts, data):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'hide.sqlite3'}", group_commit=False)
        try:
            store.create_schema()
            import_dialogue(store, small_tool_file())
            room = room_with(store, texts)
            before = wall(room)
            card = data.draw(st.sampled_from(before))
            room.command("hide_answer", answer_id=card["answer_id"])
            summary = room.summary("ideer")
            assert card["answer_id"] not in [c["answer_id"] for c in summary["answers"]]
            assert sum(c["weight"] for c in summary["answers"]) == len(texts) - card["weight"]
            assert [(c["answer_id"], c["weight"]) for c in summary["hidden_cards"]] == [
                (card["answer_id"], card["weight"])
            ]
            room.command("unhide_answer", answer_id=card["answer_id"])
            assert wall(room) == before
        finally:
            store.dispose()


def test_a_card_shown_again_leaves_a_twin_waiting_for_approval_waiting(store):
    room = room_with(store, ["Flere bænke", "flere bænke!"])
    room.command("settings", step="ideer", premoderate=True)
    person = room.join(name="Åse").participant
    room.answer(person, "ideer", "FLERE BÆNKE", "idea-0009")  # waits for approval
    room.command("hide_answer", answer_id="idea-0000")
    room.command("unhide_answer", answer_id="idea-0000")
    summary = room.summary("ideer")
    assert [(c["answer_id"], c["weight"]) for c in summary["answers"]] == [("idea-0000", 2)]
    assert [c["answer_id"] for c in summary["pending_cards"]] == ["idea-0009"]
