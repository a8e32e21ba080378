"""Participant rows: join, come back by token, pick a table, be removed.

The rows an import makes for anonymous answers (``respondent``) are no participants: no
lookup, list or count here finds them; only ``people_of_session`` reads them too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update

from . import schema
from .database import Database, now
from .memory import People
from .records import ParticipantRecord, participant_record

ADD_PARTICIPANT = insert(schema.participants)
PARTICIPANT = schema.participants.c.respondent.is_(False)


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
        moment = now()
        with self._writing() as conn:
            result = conn.execute(
                ADD_PARTICIPANT,
                {
                    "session_id": session_id,
                    "token": token,
                    "name": name,
                    "table_id": table,
                    "is_table": is_table,
                    "removed": False,
                    "joined_at": moment,
                },
            )
            (participant_id,) = result.inserted_primary_key
        person = ParticipantRecord(
            id=participant_id,
            session_id=session_id,
            token=token,
            name=name,
            joined_at=moment,
            table=table,
            is_table=is_table,
        )
        self.memory.person_joined(session_id, person)
        return person

    def _people(self, session_id: int) -> People:
        return self.memory.people(session_id, lambda: self._read_participants(session_id))

    def participant_by_token(self, session_id: int, token: str) -> ParticipantRecord | None:
        if self.remembers_rows:
            people = self._people(session_id)
            found = people.by_token.get(token)
            return None if found is None else people.by_id.get(found)
        return self._one_participant(session_id, schema.participants.c.token == token)

    def participant(self, session_id: int, participant_id: int) -> ParticipantRecord | None:
        if self.remembers_rows:
            return self._people(session_id).by_id.get(participant_id)
        return self._one_participant(session_id, schema.participants.c.id == participant_id)

    def _one_participant(self, session_id: int, condition) -> ParticipantRecord | None:
        table = schema.participants
        with self._reading() as conn:
            row = conn.execute(
                select(table).where(table.c.session_id == session_id, condition, PARTICIPANT)
            ).first()
        return participant_record(row) if row else None

    def participants_of(self, session_id: int) -> list[ParticipantRecord]:
        if self.remembers_rows:
            return sorted(self._people(session_id).by_id.values(), key=lambda person: person.id)
        return self._read_participants(session_id)

    def _read_participants(
        self, session_id: int, *, respondents: bool = False
    ) -> list[ParticipantRecord]:
        table = schema.participants
        query = select(table).where(table.c.session_id == session_id).order_by(table.c.id)
        if not respondents:
            query = query.where(PARTICIPANT)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [participant_record(row) for row in rows]

    def people_of_session(self, session_id: int) -> list[ParticipantRecord]:
        """Every row an answer can belong to: the participants, and the nameless respondents
        an import made (``respondent``), in id order; for the exports."""
        return self._read_participants(session_id, respondents=True)

    def update_participant(self, session_id: int, participant_id: int, **changes: Any) -> None:
        """Change ``name``, ``table_id`` or ``is_table`` of a participant."""
        table = schema.participants
        try:
            with self._writing() as conn:
                conn.execute(
                    update(table)
                    .where(table.c.session_id == session_id, table.c.id == participant_id)
                    .values(**changes)
                )
        finally:
            self.memory.people_changed(session_id)

    def remove_participant(self, session_id: int, participant_id: int) -> bool:
        """Shut a participant out for good and hide its answers; False if there is none."""
        try:
            return self._remove_participant(session_id, participant_id)
        finally:
            self.memory.people_changed(session_id)

    def _remove_participant(self, session_id: int, participant_id: int) -> bool:
        people, answers = schema.participants, schema.answers
        with self._writing() as conn:
            result = conn.execute(
                update(people)
                .where(
                    people.c.session_id == session_id, people.c.id == participant_id, PARTICIPANT
                )
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

    def remove_participants(self, session_id: int, participant_ids: list[int]) -> list[int]:
        """Shut many participants out at once and hide their answers (one transaction);
        the ids that were removed now (not already removed, and of this session)."""
        people, answers = schema.participants, schema.answers
        if not participant_ids:
            return []
        try:
            with self._writing() as conn:
                found = list(
                    conn.execute(
                        select(people.c.id).where(
                            people.c.session_id == session_id,
                            people.c.id.in_(participant_ids),
                            people.c.removed.is_(False),
                            PARTICIPANT,
                        )
                    ).scalars()
                )
                if found:
                    conn.execute(update(people).where(people.c.id.in_(found)).values(removed=True))
                    conn.execute(
                        update(answers)
                        .where(
                            answers.c.session_id == session_id,
                            answers.c.participant_id.in_(found),
                        )
                        .values(hidden=True, pending=False)
                    )
        finally:
            self.memory.people_changed(session_id)
        return sorted(found)

    def silent_participants(self, session_id: int) -> list[int]:
        """Participants (not removed) who never gave an answer, in time or late."""
        people, answers, late = schema.participants, schema.answers, schema.late_answers
        with self._reading() as conn:
            query = select(people.c.id).where(
                people.c.session_id == session_id,
                people.c.removed.is_(False),
                PARTICIPANT,
                ~select(answers.c.id).where(answers.c.participant_id == people.c.id).exists(),
                ~select(late.c.id).where(late.c.participant_id == people.c.id).exists(),
            )
            return sorted(conn.execute(query).scalars())

    def count_participants(self, session_id: int) -> int:
        """Participants who joined, less removed ones."""
        if self.remembers_rows:
            return self._people(session_id).joined()
        table = schema.participants
        with self._reading() as conn:
            query = (
                select(func.count())
                .select_from(table)
                .where(table.c.session_id == session_id, table.c.removed.is_(False), PARTICIPANT)
            )
            return conn.execute(query).scalar_one()

    def erase_participant(self, session_id: int, participant_id: int) -> list[str] | None:
        """Delete everything a participant gave and their name (the right to erasure); the row
        stays, nameless and removed, so their phone's token is still refused. Returns the
        steps that lost answers, or None if there is no such participant."""
        people, answers, late = schema.participants, schema.answers, schema.late_answers
        try:
            with self._writing() as conn:
                result = conn.execute(
                    update(people)
                    .where(
                        people.c.session_id == session_id,
                        people.c.id == participant_id,
                        PARTICIPANT,
                    )
                    .values(name="", table_id=None, is_table=False, removed=True)
                )
                if result.rowcount != 1:
                    return None
                mine = (answers.c.session_id == session_id) & (
                    answers.c.participant_id == participant_id
                )
                steps = sorted(set(conn.execute(select(answers.c.step_id).where(mine)).scalars()))
                conn.execute(delete(answers).where(mine))
                conn.execute(
                    delete(late).where(
                        late.c.session_id == session_id, late.c.participant_id == participant_id
                    )
                )
        finally:
            self.memory.people_changed(session_id)
        self.scrub()
        return steps
