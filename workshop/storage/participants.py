"""Participant rows: join, come back by token, pick a table, be removed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, update

from . import schema
from .database import Database, now
from .records import ParticipantRecord, participant_record


class ParticipantRows(Database):
    # participants ---------------------------------------------------------------------

    def add_participant(
        self,
        session_id: int,
        token: str,
        name: str,
        table: str | None = None,
        is_table: bool = False,
    ) -> ParticipantRecord:
        with self._writing() as conn:
            conn.execute(
                insert(schema.participants).values(
                    session_id=session_id,
                    token=token,
                    name=name,
                    table_id=table,
                    is_table=is_table,
                    removed=False,
                    joined_at=now(),
                )
            )
            row = conn.execute(
                select(schema.participants).where(schema.participants.c.token == token)
            ).one()
        return participant_record(row)

    def participant_by_token(self, session_id: int, token: str) -> ParticipantRecord | None:
        return self._one_participant(session_id, schema.participants.c.token == token)

    def participant(self, session_id: int, participant_id: int) -> ParticipantRecord | None:
        return self._one_participant(session_id, schema.participants.c.id == participant_id)

    def _one_participant(self, session_id: int, condition) -> ParticipantRecord | None:
        table = schema.participants
        with self._reading() as conn:
            row = conn.execute(
                select(table).where(table.c.session_id == session_id, condition)
            ).first()
        return participant_record(row) if row else None

    def participants_of(self, session_id: int) -> list[ParticipantRecord]:
        table = schema.participants
        with self._reading() as conn:
            rows = conn.execute(
                select(table).where(table.c.session_id == session_id).order_by(table.c.id)
            ).all()
        return [participant_record(row) for row in rows]

    def update_participant(self, participant_id: int, **changes: Any) -> None:
        """Change ``name``, ``table_id`` or ``is_table`` of a participant."""
        table = schema.participants
        with self._writing() as conn:
            conn.execute(update(table).where(table.c.id == participant_id).values(**changes))

    def remove_participant(self, session_id: int, participant_id: int) -> bool:
        """Shut a participant out for good and hide its answers; False if there is none."""
        people, answers = schema.participants, schema.answers
        with self._writing() as conn:
            result = conn.execute(
                update(people)
                .where(people.c.session_id == session_id, people.c.id == participant_id)
                .values(removed=True)
            )
            if result.rowcount != 1:
                return False
            conn.execute(
                update(answers)
                .where(answers.c.participant_id == participant_id)
                .values(hidden=True, pending=False)  # removed: hidden for good
            )
        return True

    def count_participants(self, session_id: int) -> int:
        table = schema.participants
        with self._reading() as conn:
            query = (
                select(func.count())
                .select_from(table)
                .where(table.c.session_id == session_id, table.c.removed.is_(False))
            )
            return conn.execute(query).scalar_one()
