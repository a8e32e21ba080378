"""The store keeps sessions, participants and answers the same way in SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import service_missing
from workshop.dialogues import builtin_dialogue
from workshop.domain.session import RUNNING, SessionState
from workshop.domain.tools import tool_definition
from workshop.storage import AnswerConflict, CodeTaken, StaleSession, Store, StoreUnavailable


@pytest.fixture(
    params=["sqlite", "sqlite-shared", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(request, tmp_path):
    """Each store test runs on SQLite as one process keeps it (reads answered from memory),
    as one of several processes (every read from the database), and on PostgreSQL (in this
    test process's own database)."""
    if request.param.startswith("sqlite"):
        shared = request.param == "sqlite-shared"
        store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}", shared=shared)
    else:
        store = Store(request.getfixturevalue("worker_postgres_url"))
        try:
            store.drop_schema()
        except StoreUnavailable as error:
            service_missing("PostgreSQL", str(error))
    store.create_schema()
    yield store
    if request.param == "postgresql":
        store.drop_schema()
    store.dispose()


def add_session(store: Store, code: str = "123456"):
    return store.add_session(
        code=code,
        title="Kredsmøde i Østjylland",
        dialogue=tool_definition(builtin_dialogue("almene-maal")),
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
    )


def test_a_session_is_found_again_by_its_code_with_danish_text_intact(store):
    created = add_session(store)
    found = store.session_by_code("123456")
    assert found == created
    assert found.title == "Kredsmøde i Østjylland"
    assert found.dialogue["steps"][0]["id"] == "velkommen"
    assert found.created_at.tzinfo is not None
    assert store.session_by_code("654321") is None


def test_two_sessions_cannot_share_a_code(store):
    add_session(store)
    with pytest.raises(CodeTaken):
        add_session(store)


def test_state_is_saved_only_on_top_of_the_revision_that_was_read(store):
    session = add_session(store)
    moved = store.save_state(session, SessionState(status=RUNNING, step_index=1, answering=True))
    assert store.session_by_code("123456").state.step_index == 1
    assert moved.revision == session.revision + 1
    with pytest.raises(StaleSession):
        store.save_state(session, SessionState(status=RUNNING, step_index=2))
    assert store.session_by_code("123456").state.step_index == 1


def test_participants_are_counted_per_session_and_found_by_token(store):
    first, second = add_session(store), add_session(store, "000042")
    mette = store.add_participant(first.id, "token-mette", "Mette")
    store.add_participant(first.id, "token-anon", "")
    store.add_participant(second.id, "token-other", "")
    assert store.count_participants(first.id) == 2
    assert store.participant_by_token(first.id, "token-mette") == mette
    assert store.participant_by_token(second.id, "token-mette") is None
    store.update_participant(first.id, mette.id, name="Mette K.", table_id="t1")
    renamed = store.participant_by_token(first.id, "token-mette")
    assert (renamed.name, renamed.table) == ("Mette K.", "t1")
    assert store.remove_participant(first.id, mette.id)
    assert store.count_participants(first.id) == 1
    assert store.participant(first.id, mette.id).removed


def test_saving_an_answer_twice_with_its_id_keeps_one_answer(store):
    session = add_session(store)
    person = store.add_participant(session.id, "tok", "")
    for value in ("Første udkast", "Første udkast", "Rettet svar"):
        store.save_answer(
            session_id=session.id,
            participant_id=person.id,
            step_id="hvem-med",
            answer_id="answer-001",
            value=value,
            max_answers=20,
        )
    kept = store.answers_for_step(session.id, "hvem-med")
    assert [(a.answer_id, a.value) for a in kept] == [("answer-001", "Rettet svar")]


def test_open_steps_keep_several_answers_and_single_answer_steps_replace(store):
    session = add_session(store)
    person = store.add_participant(session.id, "tok", "")

    def save(step, answer_id, value, single):
        store.save_answer(
            session_id=session.id,
            participant_id=person.id,
            step_id=step,
            answer_id=answer_id,
            value=value,
            max_answers=1 if single else 20,
        )

    save("hvem-med", "idea-0001", "Beboerne", False)
    save("hvem-med", "idea-0002", "Kommunen", False)
    save("vigtigste-maal", "pick-0001", ["byer-i-balance"], True)
    save("vigtigste-maal", "pick-0002", ["groennere-sektor"], True)
    assert len(store.answers_for_step(session.id, "hvem-med")) == 2
    picks = store.answers_for_step(session.id, "vigtigste-maal")
    assert [a.value for a in picks] == [["groennere-sektor"]]
    assert len(store.answers_of_participant(session.id, person.id)) == 3


def test_an_answer_id_of_another_participant_is_a_conflict(store):
    session = add_session(store)
    one = store.add_participant(session.id, "tok-1", "")
    two = store.add_participant(session.id, "tok-2", "")
    common = {"session_id": session.id, "step_id": "hvem-med", "answer_id": "same-id-01"}
    store.save_answer(participant_id=one.id, value="A", max_answers=20, **common)
    with pytest.raises(AnswerConflict):
        store.save_answer(participant_id=two.id, value="B", max_answers=20, **common)
    assert [a.value for a in store.answers_for_step(session.id, "hvem-med")] == ["A"]


def test_concurrent_writers_lose_no_answer(store):
    session = add_session(store)
    people = [store.add_participant(session.id, f"tok-{i}", "") for i in range(8)]
    errors = []

    def answer(person):
        try:
            for n in range(10):
                store.save_answer(
                    session_id=session.id,
                    participant_id=person.id,
                    step_id="hvem-med",
                    answer_id=f"p{person.id}-n{n:04d}",
                    value=f"Svar {n}",
                    max_answers=20,
                )
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.answers_for_step(session.id, "hvem-med")) == 80


def test_an_unreachable_database_is_reported_as_unavailable(tmp_path):
    store = Store("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreUnavailable):
        store.session_by_code("123456")


def test_answers_arriving_together_share_commits_and_each_gets_its_own_outcome(store):
    session = add_session(store)
    people = [store.add_participant(session.id, f"tok-{i}", "") for i in range(40)]
    outcomes: dict[int, str] = {}
    barrier = threading.Barrier(len(people))

    def answer(person):
        barrier.wait()
        try:
            store.save_answer(
                session_id=session.id,
                participant_id=person.id,
                step_id="hvem-med",
                # The last participant reuses the first one's answer_id: only it is refused.
                answer_id="shared-0001" if person is people[-1] else f"p{person.id:06d}",
                value=f"Svar fra {person.id}",
                max_answers=5,
            )
            outcomes[person.id] = "ok"
        except AnswerConflict:
            outcomes[person.id] = "conflict"

    first = people[0]
    store.save_answer(
        session_id=session.id,
        participant_id=first.id,
        step_id="hvem-med",
        answer_id="shared-0001",
        value="Først",
        max_answers=5,
    )
    commits_before = store.answer_writer.batches
    threads = [threading.Thread(target=answer, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes[people[-1].id] == "conflict"
    assert list(outcomes.values()).count("ok") == 39
    stored = store.answers_for_step(session.id, "hvem-med")
    assert len(stored) == 40  # the first answer plus 39 new ones, none lost, none twice
    assert store.answer_writer.batches - commits_before < 40


def test_a_store_shared_with_another_process_sees_its_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    here, there = Store(url, shared=True), Store(url, shared=True)
    here.create_schema()
    session = add_session(here)
    assert there.session_by_code(session.code).revision == session.revision
    moved = here.save_state(session, SessionState(status=RUNNING))
    assert there.session_by_code(session.code).state.status == RUNNING
    mette = here.add_participant(session.id, "token-mette", "Mette")
    assert there.participant_by_token(session.id, "token-mette") == mette
    here.save_answer(
        session_id=session.id,
        participant_id=mette.id,
        step_id="ideer",
        answer_id="answer-0001",
        value="Grøn temaaften",
    )
    assert [a.value for a in there.answers_for_step(session.id, "ideer")] == ["Grøn temaaften"]
    here.delete_session(moved)
    assert there.session_by_code(session.code) is None


def test_a_store_alone_answers_from_memory_what_it_wrote_itself(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'alone.sqlite3'}")
    store.create_schema()
    session = add_session(store)
    mette = store.add_participant(session.id, "token-mette", "Mette")
    store.save_answer(
        session_id=session.id,
        participant_id=mette.id,
        step_id="ideer",
        answer_id="answer-0001",
        value="Først",
        max_answers=3,
        anonymous=False,
    )
    assert [a.name for a in store.answers_for_step(session.id, "ideer")] == ["Mette"]
    version = store.answers_version(session.id, "ideer")
    store.save_answer(
        session_id=session.id,
        participant_id=mette.id,
        step_id="ideer",
        answer_id="answer-0002",
        value="Så",
        max_answers=3,
        anonymous=False,
    )
    assert store.answers_version(session.id, "ideer") != version
    store.update_participant(session.id, mette.id, name="Mette K.")
    remembered = store.answers_for_step(session.id, "ideer")
    # What memory holds is what the database holds, answer for answer.
    assert remembered == store._answers(session.id, step_id="ideer")
    assert [(a.value, a.name) for a in remembered] == [("Først", "Mette K."), ("Så", "Mette K.")]
    store.moderate_answer(session.id, "answer-0001", hidden=True)
    assert store.answers_for_step(session.id, "ideer") == store._answers(
        session.id, step_id="ideer"
    )
    # A write by someone else is not seen: that is what ``shared`` is for.
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE sessions SET title = 'Ændret udefra'")
    assert store.session_by_code(session.code).title == session.title


ANSWER_IDS = [f"answer-000{n}" for n in range(5)]


def _stored(store: Store, session_id: int) -> list[tuple]:
    return sorted(
        (a.answer_id, a.participant_id, a.step_id, a.value)
        for step in ("en", "to")
        for a in store._answers(session_id, step_id=step)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # participant
            st.sampled_from(["en", "to"]),  # "en" takes one answer, "to" two
            st.sampled_from(ANSWER_IDS),
            st.sampled_from(["ja", "nej", "måske"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_batch_of_answers_ends_as_the_same_answers_written_one_by_one(tmp_path_factory, sent):
    """Whatever arrives together (retries, changes, replacements, too many, a taken id) is
    decided exactly as if each answer had come alone."""
    stores = []
    for name in ("batch", "alone"):
        # No flush to disk at each commit: the two stores are compared, not a power cut.
        store = Store(
            f"sqlite:///{tmp_path_factory.mktemp(name) / 'store.sqlite3'}",
            sqlite_synchronous="NORMAL",
        )
        store.create_schema()
        session = add_session(store)
        people = [store.add_participant(session.id, f"token-{n}", f"P{n}") for n in range(3)]
        store.answers_for_step(session.id, "en")  # remembered, so memory must follow
        stores.append((store, session, people))
    answers = [
        {
            "session_id": session.id,
            "participant_id": stores[0][2][person].id,
            "step_id": step,
            "answer_id": answer_id,
            "value": value,
            "max_answers": 1 if step == "en" else 2,
            "anonymous": False,
            "pending": False,
        }
        for person, step, answer_id, value in sent
    ]
    (batch, session, _), (alone, _, _) = stores
    together = batch.save_answers(answers)
    one_by_one = [alone.save_answers([answer])[0] for answer in answers]
    assert [type(o) for o in together] == [type(o) for o in one_by_one]
    assert _stored(batch, session.id) == _stored(alone, session.id)
    for step in ("en", "to"):
        assert batch.answers_for_step(session.id, step) == batch._answers(session.id, step_id=step)
    for store, _, _ in stores:
        store.dispose()


def test_a_follow_up_is_kept_and_its_agreements_saved_on_the_revision_read(store):
    follow_up = {
        "of": {"code": "111111", "title": "Kredsmøde i marts", "held": "2026-03-12"},
        "plan": [{"id": "p1", "what": "Grøn café", "who": "Åse", "when": "2027-01-31"}],
        "series": [],
        "agreed": {},
    }
    created = store.add_session(
        code="222222",
        title="Opfølgning",
        dialogue=tool_definition(builtin_dialogue("almene-maal-opfoelgning")),
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
        follow_up=follow_up,
    )
    assert store.session_by_code("222222").follow_up == follow_up
    assert add_session(store).follow_up is None  # a meeting of its own
    agreed = {**follow_up, "agreed": {"p1": {"status": "done", "comment": "", "carry_to": None}}}
    saved = store.save_follow_up(created, agreed)
    assert saved.revision == created.revision + 1
    assert store.session_by_code("222222").follow_up == agreed
    with pytest.raises(StaleSession):  # a second window that read the older revision
        store.save_follow_up(created, follow_up)
    assert store.session_by_code("222222").follow_up == agreed


def test_a_title_as_long_as_a_title_may_be_is_kept_whole(store):
    if store.engine.dialect.name == "postgresql":  # a database made when titles had 200
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE sessions ALTER COLUMN title TYPE VARCHAR(200)")
        store.create_schema()
    title = "Opfølgning: " + "Å" * 288  # 300 characters, the longest title a session takes
    store.add_session(
        code="333333",
        title=title,
        dialogue=tool_definition(builtin_dialogue("almene-maal")),
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
    )
    assert store.session_by_code("333333").title == title
    store.create_schema()  # a second start (widening an already wide column) changes nothing
    assert store.session_by_code("333333").title == title


def test_tidy_decisions_are_kept_on_the_revision_read_and_start_empty(store):
    created = add_session(store)
    assert created.tidy == {} and store.session_by_code("123456").tidy == {}
    tidy = {"q1": {"dismissed": [["a" * 8, "b" * 8]]}, "q2": {"hidden_words": ["og"]}}
    saved = store.save_tidy(created, tidy)
    assert saved.revision == created.revision + 1
    assert store.session_by_code("123456").tidy == tidy
    with pytest.raises(StaleSession):  # a second window that read the older revision
        store.save_tidy(created, {})
    assert store.session_by_code("123456").tidy == tidy
    again = Store(store.engine.url.render_as_string(hide_password=False))
    assert again.session_by_code("123456").tidy == tidy  # read from the database, as on a restart
    again.dispose()


def test_a_database_from_before_tidying_gains_the_apart_and_tidy_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Store(url)
    old.create_schema()
    with old.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE answers DROP COLUMN apart")
        conn.exec_driver_sql("ALTER TABLE sessions DROP COLUMN tidy")
    old.dispose()
    store = Store(url)
    store.create_schema()
    session = add_session(store)
    assert session.tidy == {}
    person = store.add_participant(session.id, "token-mette", "Mette")
    store.save_answer(
        session_id=session.id,
        participant_id=person.id,
        step_id="hvad-skal-til",
        answer_id="idea-00000001",
        value="Flere bænke",
    )
    assert store.moderate_answer(session.id, "idea-00000001", apart=True)
    assert store.answer(session.id, "idea-00000001").apart
    assert store.save_tidy(session, {"hvad-skal-til": {}}).tidy == {"hvad-skal-til": {}}
    store.dispose()
