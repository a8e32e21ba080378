"""Answers of several meetings that arrive together are written in one batch: whatever
arrives (the same answer ids in two meetings, retries, changes, replacements, too many) ends
exactly as if each answer had come alone, each in its own meeting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.storage import Store

from .test_storage import ANSWER_IDS, add_session


def _stored(store: Store, session_ids: list[int]) -> list[tuple]:
    return sorted(
        (n, a.answer_id, a.participant_id, a.step_id, a.value, a.created_at is not None)
        for n, session_id in enumerate(session_ids)
        for step in ("en", "to")
        for a in store._answers(session_id, step_id=step)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 1),  # meeting
            st.integers(0, 2),  # participant
            st.sampled_from(["en", "to"]),  # "en" takes one answer, "to" two
            st.sampled_from(ANSWER_IDS),
            st.sampled_from(["ja", "nej", "måske"]),
        ),
        min_size=1,
        max_size=14,
    )
)
def test_answers_of_two_meetings_in_one_batch_end_as_if_written_one_by_one(tmp_path_factory, sent):
    stores = []
    for name in ("batch", "alone"):
        # No flush to disk at each commit: the two stores are compared, not a power cut.
        store = Store(
            f"sqlite:///{tmp_path_factory.mktemp(name) / 'store.sqlite3'}",
            sqlite_synchronous="NORMAL",
        )
        store.create_schema()
        sessions = [add_session(store, code) for code in ("123456", "654321")]
        people = [
            [store.add_participant(s.id, f"token-{s.id}-{n}", f"P{n}") for n in range(3)]
            for s in sessions
        ]
        for session in sessions:
            store.answers_for_step(session.id, "en")  # remembered, so memory must follow
        stores.append((store, sessions, people))
    (batch, sessions, people), (alone, _, _) = stores
    answers = [
        {
            "session_id": sessions[meeting].id,
            "participant_id": people[meeting][person].id,
            "step_id": step,
            "answer_id": answer_id,
            "value": value,
            "max_answers": 1 if step == "en" else 2,
            "anonymous": False,
            "pending": False,
        }
        for meeting, person, step, answer_id, value in sent
    ]
    together = batch.save_answers(answers)
    one_by_one = [alone.save_answers([answer])[0] for answer in answers]
    assert [type(o) for o in together] == [type(o) for o in one_by_one]
    ids = [session.id for session in sessions]
    assert _stored(batch, ids) == _stored(alone, ids)
    for session in sessions:
        for step in ("en", "to"):
            remembered = batch.answers_for_step(session.id, step)
            assert remembered == batch._answers(session.id, step_id=step)
    for store, _, _ in stores:
        store.dispose()
