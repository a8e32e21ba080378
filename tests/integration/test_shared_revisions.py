"""Two stores on one database, as two server processes are, telling each other through Redis
what they changed (storage/revisions.py): each answers from memory only what is current."""

from __future__ import annotations

import threading
import uuid

import pytest
import redis

from tests.conftest import REDIS_URL, service_missing
from workshop.dialogues import builtin_dialogue
from workshop.domain.session import RUNNING, SessionState
from workshop.domain.tools import tool_definition
from workshop.storage import Store
from workshop.storage.revisions import SharedRevisions

pytestmark = pytest.mark.redis


def wait_for(condition, what: str) -> None:
    """Until ``condition()`` holds (a listener in another thread hears a message); the limit
    only keeps a broken listener from hanging the run."""
    done = threading.Event()
    for _ in range(2000):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError(f"never: {what}")


@pytest.fixture
def stores(tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:
        service_missing("Redis", str(error))
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    prefix = f"test:{uuid.uuid4().hex}:"
    made = []
    for _ in range(2):
        store = Store(url, shared=True)
        store.share_revisions(SharedRevisions(REDIS_URL, prefix).start())
        made.append(store)
    made[0].create_schema()
    for store in made:
        wait_for(lambda store=store: store.revisions.listening, "subscribed")
    yield made
    for store in made:
        store.revisions.stop()
        store.dispose()


def add_session(store: Store):
    return store.add_session(
        code="123456",
        title="Kredsmøde",
        dialogue=tool_definition(builtin_dialogue("almene-maal")),
        language="da",
        facilitator_key="f" * 32,
        screen_key="s" * 32,
        state=SessionState(),
    )


def test_a_record_heard_to_be_current_is_used_without_reading_and_a_newer_one_is_read(stores):
    here, there = stores
    session = add_session(here)
    held = there.session_by_code(session.code)
    assert held.revision == session.revision
    # Confirmed by the database just now, nothing newer heard: memory answers.
    assert there.revisions.current(held.id, held.revision)
    assert there.session_by_code(session.code) is held

    moved = here.save_state(session, SessionState(status=RUNNING))
    wait_for(lambda: not there.revisions.current(held.id, held.revision), "revision heard")
    found = there.session_by_code(session.code)
    assert found.revision == moved.revision and found.state.status == RUNNING
    assert there.revisions.current(found.id, found.revision)

    here.delete_session(moved)
    wait_for(lambda: not there.revisions.current(found.id, found.revision), "deletion heard")
    assert there.session_by_code(session.code) is None


def test_participants_are_kept_and_read_again_when_another_store_changes_them(stores):
    here, there = stores
    session = add_session(here)
    mette = here.add_participant(session.id, "token-mette", "Mette")
    # One the other store has not heard of yet is looked for in the database.
    assert there.participant(session.id, mette.id) == mette
    assert there.participant_by_token(session.id, "token-mette") == mette
    assert there.remembers_people

    here.update_participant(session.id, mette.id, name="Mette K.")
    wait_for(lambda: there.participant(session.id, mette.id).name == "Mette K.", "rename heard")
    here.remove_participant(session.id, mette.id)
    wait_for(lambda: there.participant(session.id, mette.id).removed, "removal heard")


def test_nothing_is_trusted_before_the_listener_subscribes_or_after_it_subscribes_again():
    revisions = SharedRevisions(REDIS_URL, "test:never-started:")
    revisions.confirm(7, 3, revisions.generation)
    assert not revisions.current(7, 3)  # not listening yet

    revisions._subscribed()
    before = revisions.generation
    revisions.confirm(7, 3, before)
    assert revisions.current(7, 3)
    assert not revisions.current(7, 2)  # memory holds an older record than the one read
    revisions.heard(7, 4)
    assert not revisions.current(7, 3)  # another process saved revision 4
    revisions.confirm(7, 4, before)
    assert revisions.current(7, 4)

    revisions._lost()
    assert not revisions.current(7, 4)
    revisions._subscribed()
    # A read confirmed before the new subscription may have missed a message: read again.
    assert not revisions.current(7, 4)
    revisions.confirm(7, 4, before)
    assert not revisions.current(7, 4)
    revisions.confirm(7, 4, revisions.generation)
    assert revisions.current(7, 4)


def test_a_confirmed_record_is_read_again_after_a_while_even_when_nothing_was_heard():
    now = [100.0]
    revisions = SharedRevisions(REDIS_URL, "test:never-started:", clock=lambda: now[0])
    revisions._subscribed()
    revisions.confirm(7, 3, revisions.generation)
    assert revisions.current(7, 3)
    now[0] += 60  # an announcement lost to a failing Redis is made up for
    assert not revisions.current(7, 3)
