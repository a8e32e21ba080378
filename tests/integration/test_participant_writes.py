"""Newcomers who arrive together are written together, and each still gets its own outcome."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.exc import IntegrityError

from tests.conftest import service_missing
from workshop.dialogues import builtin_dialogue
from workshop.domain.session import SessionState
from workshop.domain.tools import tool_definition
from workshop.storage import Store, StoreUnavailable


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
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


def _session(store: Store):
    return store.add_session(
        code="123456",
        title="Bydelsmøde",
        dialogue=tool_definition(builtin_dialogue("almene-maal")),
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
    )


def test_a_batch_of_newcomers_refuses_a_taken_token_alone(store):
    session = _session(store)
    first = store.add_participant(session.id, "token-taken", "Først")
    rows = [
        {
            "session_id": session.id,
            "token": token,
            "name": name,
            "table_id": None,
            "is_table": False,
            "removed": False,
            "joined_at": first.joined_at,
        }
        for token, name in (("token-a", "Anna"), ("token-taken", "Igen"), ("token-b", "Bo"))
    ]
    outcomes = store.add_participants(rows)
    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], IntegrityError)
    assert rows[0]["record"].id != rows[2]["record"].id
    assert store.participant_by_token(session.id, "token-taken").name == "Først"
    assert {p.name for p in store.participants_of(session.id)} == {"Først", "Anna", "Bo"}


def test_newcomers_arriving_together_each_get_a_row_of_their_own(store):
    session = _session(store)
    arriving = 30
    barrier = threading.Barrier(arriving)
    joined: dict[int, object] = {}

    def arrive(n: int) -> None:
        barrier.wait()
        joined[n] = store.add_participant(session.id, f"token-{n:03d}", f"Deltager {n}")

    threads = [threading.Thread(target=arrive, args=(n,)) for n in range(arriving)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({person.id for person in joined.values()}) == arriving
    assert store.count_participants(session.id) == arriving
    assert store.joining(session.id) == 0
    for n, person in joined.items():
        assert store.participant_by_token(session.id, f"token-{n:03d}") == person
        assert store.participant(session.id, person.id).name == f"Deltager {n}"


def test_newcomers_asking_together_share_a_count_begun_after_they_asked(tmp_path):
    """Several processes: the count a newcomer's seat is checked against is read for all who
    ask in the same moment, and never one begun before a seat that was committed earlier."""
    from workshop.services.first_readings import participants_counted

    store = Store(f"sqlite:///{tmp_path / 'shared.sqlite3'}", shared=True)
    store.create_schema()
    try:
        session = _session(store)
        for n in range(3):
            store.add_participant(session.id, f"token-{n}", "")
        asking = 20
        barrier = threading.Barrier(asking)
        counts: list[int] = []

        def ask() -> None:
            barrier.wait()
            counts.append(participants_counted(store, session.id))

        threads = [threading.Thread(target=ask) for _ in range(asking)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert counts == [3] * asking
        store.add_participant(session.id, "token-late", "Sen")
        assert participants_counted(store, session.id) == 4
    finally:
        store.dispose()
