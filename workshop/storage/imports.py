"""Writing a whole session at once, as an import brings it: all of it in one transaction."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Unpack

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from . import schema
from .database import Database, now
from .records import SessionRecord, session_record
from .sessions import CodeTaken, SessionColumns, session_row


class ImportRows(Database):
    # imports --------------------------------------------------------------------------

    def import_session(
        self,
        *,
        people: list[dict[str, Any]],
        answers: list[dict[str, Any]],
        late_answers: list[dict[str, Any]],
        **columns: Unpack[SessionColumns],
    ) -> SessionRecord:
        """Store a session with its participants and answers, or nothing at all.

        Each of ``people`` has a ``key`` (how the answers refer to it) and the columns of a
        participant row (``token``, ``name``, ``table_id``, ``is_table``, ``removed``,
        ``respondent``, ``joined_at``). ``answers`` and ``late_answers`` name theirs in
        ``person``, with the columns of their own rows. CodeTaken when another session has
        the code.
        """
        moment = now()
        code = columns["code"]
        sessions = schema.sessions
        try:
            with self._writing() as conn:
                if conn.execute(select(sessions.c.id).where(sessions.c.code == code)).first():
                    raise CodeTaken(code)
                # Made when the file says, last changed now (the import).
                created_at = columns.get("created_at") or moment
                result = conn.execute(
                    insert(sessions).values(session_row(columns, created_at, moment))
                )
                (session_id,) = result.inserted_primary_key
                ids = _insert_people(conn, session_id, people)
                _insert_answers(conn, session_id, ids, answers, moment)
                _insert_late_answers(conn, session_id, ids, late_answers)
                row = conn.execute(select(sessions).where(sessions.c.id == session_id)).one()
        except IntegrityError:
            if self.code_in_use(code):
                raise CodeTaken(code) from None
            raise
        record = session_record(row)
        self.memory.forget_session(code, record.id)  # nothing older of this id is kept
        self.memory.keep_session(record)
        return record


def _insert_people(conn, session_id: int, people: list[dict[str, Any]]) -> dict[Hashable, int]:
    """Insert the rows; each person's key with the id the database gave it."""
    if not people:
        return {}
    conn.execute(
        insert(schema.participants),
        [
            {key: value for key, value in person.items() if key != "key"}
            | {"session_id": session_id}
            for person in people
        ],
    )
    table = schema.participants
    rows = conn.execute(select(table.c.token, table.c.id).where(table.c.session_id == session_id))
    given = {token: person_id for token, person_id in rows}
    return {person["key"]: given[person["token"]] for person in people}


def _insert_answers(
    conn, session_id: int, ids: dict[Hashable, int], answers: list[dict[str, Any]], moment
) -> None:
    if not answers:
        return
    conn.execute(
        insert(schema.answers),
        [
            {key: value for key, value in answer.items() if key != "person"}
            | {
                "session_id": session_id,
                "participant_id": ids[answer["person"]],
                "updated_at": moment,
            }
            for answer in answers
        ],
    )


def _insert_late_answers(
    conn, session_id: int, ids: dict[Hashable, int], late_answers: list[dict[str, Any]]
) -> None:
    if not late_answers:
        return
    conn.execute(
        insert(schema.late_answers),
        [
            {key: value for key, value in answer.items() if key != "person"}
            | {"session_id": session_id, "participant_id": ids[answer["person"]]}
            for answer in late_answers
        ],
    )
