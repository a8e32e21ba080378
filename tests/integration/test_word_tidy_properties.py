"""Any run of word cloud commands, through the services on a real store: the room's cloud never
shows a hidden word, loses no word it still shows, and undone step by step is the cloud as given;
what is kept can always be read back from the session file."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.tidy import checked, entry_of
from workshop.services import facilitation, participation
from workshop.services.dialogues import import_dialogue
from workshop.services.errors import Refused
from workshop.services.sessions import create_session, find_session
from workshop.services.snapshots import results_of
from workshop.storage import Store

from ..tools import STEP_IDS, small_tool_file

STEP = "ord"  # the small tool's word cloud
VOCABULARY = ["grøn", "grønne", "grønt", "affald", "afald", "mod", "🌱", "cykel"]
ACTIONS = ("hide_word", "show_word", "merge_words", "unmerge_word")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("words") / "words.sqlite3"
    store = Store(f"sqlite:///{path}", group_commit=False)
    store.create_schema()
    import_dialogue(store, small_tool_file())
    yield store
    store.dispose()


def room_with(store: Store, given_words: list[list[str]]) -> str:
    code = create_session(store, "lille-redskab").code
    facilitation.command(store, code, {"action": "goto", "step": STEP})
    for n, words in enumerate(given_words):
        person = participation.join(store, find_session(store, code), name=f"P{n}")
        payload = {"step_id": STEP, "answer_id": f"ord-{n:04d}-{code}", "value": words}
        participation.submit_answer(store, code, person.participant.id, payload)
    return code


def cloud(store: Store, code: str, moderation: bool = False) -> dict:
    session = find_session(store, code)
    return results_of(store, session, STEP, moderation=moderation)["summary"]


def words_of(summary: dict) -> Counter[str]:
    return Counter({entry["word"]: entry["count"] for entry in summary["words"]})


commands = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3),
        st.sampled_from(VOCABULARY),
    ),
    max_size=12,
)
answers = st.lists(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3, unique=True),
    min_size=1,
    max_size=6,
)


@given(given_words=answers, moves=commands)
def test_any_run_of_word_commands_keeps_the_room_s_cloud_whole_and_undoable(
    store, given_words, moves
):
    code = room_with(store, given_words)
    first = words_of(cloud(store, code))
    for action, words, into in moves:
        payload = {"action": action, "word": words[0], "words": words, "into": into}
        before = find_session(store, code)
        try:
            facilitation.command(store, code, payload)
        except Refused as refusal:
            assert refusal.code in ("unknown_word", "bad_payload")
            assert find_session(store, code).revision == before.revision  # nothing changed
        session = find_session(store, code)
        assert checked(session.tidy, set(STEP_IDS)) == session.tidy  # a session file reads it
        entry = entry_of(session.tidy, STEP)
        hidden, merged = entry.get("hidden_words", []), entry.get("merged_words", {})
        assert not set(merged) & set(hidden)
        assert not set(merged) & set(merged.values())  # one step from a variant to its word
        room = words_of(cloud(store, code))
        assert not set(room) & (set(hidden) | set(merged))
        gone = sum(n for word, n in first.items() if word in hidden or merged.get(word) in hidden)
        assert sum(room.values()) == sum(first.values()) - gone
        facilitator = cloud(store, code, moderation=True)
        assert [entry["word"] for entry in facilitator["hidden_words"]] == hidden
    # Shown again and taken apart, in any order: the cloud as the room gave it.
    entry = entry_of(find_session(store, code).tidy, STEP)
    for word in entry.get("hidden_words", []):
        facilitation.command(store, code, {"action": "show_word", "word": word})
    for word in entry.get("merged_words", {}):
        facilitation.command(store, code, {"action": "unmerge_word", "word": word})
    assert words_of(cloud(store, code)) == first
    assert entry_of(find_session(store, code).tidy, STEP) == {}
