"""Any run of answers, changed answers, hides, highlights, merges, unmerges, removed people
and answers waiting for approval, through the services on a real store: the results the
console and the projector get, carried on answer by answer, are always the results made
from scratch of the same stored answers (a second store that has kept nothing reads them)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.services import facilitation, participation
from workshop.services.dialogues import import_dialogue
from workshop.services.errors import Refused
from workshop.services.sessions import create_session, find_session
from workshop.services.snapshots import results_of
from workshop.storage import Store

from ..tools import small_tool_file

STEP = "ideer"  # the small tool's open step: three answers each
TEXTS = ["Grøn gårdhave", "grøn gårdhave!", "Fællesspisning", "Byttemarked", "👍"]
PEOPLE = 4


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("running") / "running.sqlite3"
    url = f"sqlite:///{path}"
    store = Store(url, group_commit=False)
    store.create_schema()
    import_dialogue(store, small_tool_file())
    yield store, url
    store.dispose()


moves = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, PEOPLE - 1), st.sampled_from(TEXTS)),
        st.tuples(st.just("answer"), st.integers(0, PEOPLE - 1), st.sampled_from(TEXTS)),
        st.tuples(st.just("change"), st.integers(0, 11), st.sampled_from(TEXTS)),
        st.tuples(
            st.sampled_from(["hide_answer", "unhide_answer", "highlight", "unhighlight"]),
            st.integers(0, 11),
            st.just(""),
        ),
        st.tuples(st.sampled_from(["merge", "unmerge"]), st.integers(0, 11), st.integers(0, 11)),
        st.tuples(st.just("remove_participant"), st.integers(0, PEOPLE - 1), st.just("")),
        st.tuples(st.just("settings"), st.just(0), st.booleans()),  # answers wait, or not
        st.tuples(st.sampled_from(["approve", "approve_all"]), st.integers(0, 11), st.just("")),
    ),
    max_size=25,
)


def from_scratch(url: str, code: str, moderation: bool) -> dict:
    fresh = Store(url, group_commit=False)
    try:
        return results_of(fresh, find_session(fresh, code), STEP, moderation=moderation)
    finally:
        fresh.dispose()


@settings(max_examples=40, deadline=None)
@given(moves=moves)
def test_results_carried_on_are_the_results_of_all_the_stored_answers(database, moves):
    store, url = database
    code = create_session(store, "lille-redskab").code
    facilitation.command(store, code, {"action": "goto", "step": STEP})
    people = [
        participation.join(store, find_session(store, code), name=f"P{n}").participant.id
        for n in range(PEOPLE)
    ]
    given_ids: list[tuple[int, str]] = []  # (participant, answer id) in the order given
    for number, (action, first, second) in enumerate(moves):
        try:
            if action == "answer":
                answer_id = f"svar-{number:03d}-{code}"
                payload = {"step_id": STEP, "answer_id": answer_id, "value": second}
                participation.submit_answer(store, code, people[first], payload)
                given_ids.append((people[first], answer_id))
            elif action == "settings":
                facilitation.command(store, code, {"action": action, "premoderate": second})
            elif not given_ids:
                continue
            elif action == "change":
                person, answer_id = given_ids[first % len(given_ids)]
                payload = {"step_id": STEP, "answer_id": answer_id, "value": second}
                participation.submit_answer(store, code, person, payload)
            elif action == "approve_all":
                facilitation.command(store, code, {"action": action})
            elif action == "remove_participant":
                command = {"action": action, "participant_id": people[first]}
                facilitation.command(store, code, command)
            else:
                answer_id = given_ids[first % len(given_ids)][1]
                command = {"action": action, "answer_id": answer_id}
                if action == "merge":
                    command["into"] = given_ids[second % len(given_ids)][1]
                facilitation.command(store, code, command)
        except Refused:
            pass
        for moderation in (True, False):
            carried = results_of(store, find_session(store, code), STEP, moderation=moderation)
            assert carried == from_scratch(url, code, moderation), (action, moderation)
