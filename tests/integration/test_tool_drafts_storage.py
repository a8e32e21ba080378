"""Drafts of dialogue tools are kept as written, in SQLite and PostgreSQL, across a restart."""

from __future__ import annotations

import pytest

from tests.conftest import service_missing
from workshop.dialogues import builtin_dialogue
from workshop.domain.session import SessionState
from workshop.domain.tools import tool_definition
from workshop.storage import DraftIdTaken, Store, StoreUnavailable, TooManyDrafts


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


HALF_WRITTEN = {"id": "mit-redskab", "title": "Grønne gårde", "steps": [{"kind": "opn"}]}


def test_a_draft_is_kept_as_written_and_read_again_after_a_restart(store):
    made = store.add_tool_draft("mit-redskab", HALF_WRITTEN, 2, limit=10)
    assert made.title == "Grønne gårde" and made.tool_id is None
    saved = store.save_tool_draft("mit-redskab", {**HALF_WRITTEN, "title": "Æbler"}, 0, "x")
    assert saved.updated_at >= made.updated_at
    again = Store(store.engine.url.render_as_string(hide_password=False))
    found = again.tool_draft("mit-redskab")
    assert found.document == {**HALF_WRITTEN, "title": "Æbler"}
    assert (found.title, found.problems, found.tool_id) == ("Æbler", 0, "x")
    assert [d.id for d in again.tool_drafts()] == ["mit-redskab"]
    assert again.tool_drafts()[0].document is None  # a listing reads no documents
    assert again.tool_draft_of("x") == "mit-redskab" and again.tool_draft_of("y") is None
    again.dispose()
    assert store.delete_tool_draft("mit-redskab") and not store.delete_tool_draft("mit-redskab")
    assert store.tool_draft("mit-redskab") is None
    assert store.save_tool_draft("mit-redskab", HALF_WRITTEN, 0, None) is None


def test_no_more_drafts_than_the_limit_are_kept(store):
    for n in range(3):
        store.add_tool_draft(f"d{n}", {"title": 7}, 1, limit=3)
    with pytest.raises(TooManyDrafts):
        store.add_tool_draft("d3", {}, 1, limit=3)
    assert store.tool_draft("d0").title == ""  # a title that is not text is kept as none
    assert len(store.tool_drafts()) == 3
    store.delete_tool_draft("d2")
    with pytest.raises(DraftIdTaken):  # another editor took the id a moment ago
        store.add_tool_draft("d1", {"title": "Ny"}, 1, limit=3)
    assert store.tool_draft("d1").document == {"title": 7}


def test_a_tool_counts_the_meetings_that_have_not_ended_and_can_be_removed(store):
    definition = tool_definition(builtin_dialogue("almene-maal"))
    store.save_dialogue_tool({**definition, "id": "eget"})
    for code in ("111111", "222222"):
        store.add_session(
            code=code,
            title="Kredsmøde",
            dialogue={**definition, "id": "eget"},
            language="da",
            facilitator_key="f" * 32,
            screen_key="s" * 32,
            state=SessionState(),
        )
    assert store.meetings_running("eget") == 2 and store.meetings_running("andet") == 0
    ended = store.session_by_code("111111")
    store.save_state(ended, SessionState(status="ended"))
    assert store.meetings_running("eget") == 1
    assert store.delete_dialogue_tool("eget") and store.dialogue_tool("eget") is None
    assert not store.delete_dialogue_tool("eget")


def test_a_database_from_before_drafts_gains_their_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Store(url)
    old.create_schema()
    with old.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE tool_drafts")
    old.dispose()
    store = Store(url)
    store.create_schema()
    store.add_tool_draft("ny", {}, 1, limit=5)
    assert store.tool_draft("ny").document == {}
    store.dispose()
