"""Participant rows: join, come back by token, pick a table, be removed.

The rows an import makes for anonymous answers (``respondent``) are no participants: no
lookup, list or count here finds them; only ``people_of_session`` reads them too.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import schema
from .database import Database, StoreUnavailable, now
from .group_commit import GroupCommit
from .memory import People
from .records import ParticipantRecord, participant_record

ADD_PARTICIPANTS = insert(schema.participants).returning(
    schema.participants.c.id, sort_by_parameter_order=True
)
PARTICIPANT = schema.participants.c.respondent.is_(False)
COLUMNS = ("session_id", "token", "name", "table_id", "is_table", "removed", "joined_at")
JOINING = "joining"  # a row's mark while its newcomer counts as joining


class ParticipantRows(Database):
    participant_writer: GroupCommit | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Newcomers per session whose rows are not committed yet, and (session, participant)
        # of those committed whose phones are not told yet: their seats are taken.
        self._joining: Counter[int] = Counter()
        self._arriving: set[tuple[int, int]] = set()
        self._seats_lock = threading.Lock()

    # participants ---------------------------------------------------------------------

    def add_participant(
        self,
        session_id: int,
        token: str,
        name: str,
        table: str | None = None,
        is_table: bool = False,
    ) -> ParticipantRecord:
        """A newcomer's row, returned once it is committed.

        Phones that arrive together share a commit (``participant_writer``): a room scanning
        the code at once waits for one disk write per batch, not one per phone. Until its
        commit the newcomer counts as ``joining``; from its commit until it is returned here,
        as ``arriving`` (committed, but its phone not yet told).
        """
        row = {
            "session_id": session_id,
            "token": token,
            "name": name,
            "table_id": table,
            "is_table": is_table,
            "removed": False,
            "joined_at": now(),
            JOINING: True,
        }
        with self._seats_lock:
            self._joining[session_id] += 1
        try:
            if self.participant_writer is not None:
                self.participant_writer.save(row)
            else:
                failure = self.add_participants([row])[0]
                if failure is not None:
                    raise failure
        finally:
            with self._seats_lock:
                if row[JOINING]:  # not committed: no longer on its way either
                    self._count_off(session_id)
                elif "record" in row:
                    self._arriving.discard((session_id, row["record"].id))
        return row["record"]

    def add_participants(self, rows: list[dict[str, Any]]) -> list[BaseException | None]:
        """Write newcomers' rows in one transaction; each row gains its ``record``. A row
        the database refuses (a token taken) is refused alone: the others are written."""
        try:
            with self._writing() as conn:
                written = conn.execute(ADD_PARTICIPANTS, [{k: r[k] for k in COLUMNS} for r in rows])
                ids = list(written.scalars())
        except IntegrityError:
            if len(rows) == 1:
                raise
            return [self._add_alone(row) for row in rows]
        for row, participant_id in zip(rows, ids, strict=True):
            person = ParticipantRecord(
                id=participant_id,
                session_id=row["session_id"],
                token=row["token"],
                name=row["name"],
                joined_at=row["joined_at"],
                table=row["table_id"],
                is_table=row["is_table"],
            )
            row["record"] = person
            self.memory.person_joined(person.session_id, person)
            with self._seats_lock:
                if row.get(JOINING):
                    row[JOINING] = False
                    self._count_off(person.session_id)
                    self._arriving.add((person.session_id, participant_id))
        return [None] * len(rows)

    def _add_alone(self, row: dict[str, Any]) -> BaseException | None:
        try:
            self.add_participants([row])
        except (IntegrityError, StoreUnavailable) as failure:
            return failure
        return None

    def _count_off(self, session_id: int) -> None:
        self._joining[session_id] -= 1
        if not self._joining[session_id]:
            del self._joining[session_id]

    def joining(self, session_id: int) -> int:
        """Newcomers of the session whose rows are being written now (not counted yet)."""
        return self._joining.get(session_id, 0)

    def arriving(self, session_id: int, participant_id: int) -> bool:
        """True while a newcomer's row is committed but its phone has not been told yet."""
        return (session_id, participant_id) in self._arriving

    def _people(self, session_id: int) -> People:
        return self.memory.people(session_id, lambda: self._read_participants(session_id))

    def participant_by_token(self, session_id: int, token: str) -> ParticipantRecord | None:
        if self.remembers_people:
            people = self._people(session_id)
            found = people.by_token.get(token)
            if found is not None or self.remembers_rows:
                return None if found is None else people.by_id.get(found)
            # Several processes: one may have just added it, and not yet told this one.
        return self._one_participant(session_id, schema.participants.c.token == token)

    def participant(self, session_id: int, participant_id: int) -> ParticipantRecord | None:
        if self.remembers_people:
            found = self._people(session_id).by_id.get(participant_id)
            if found is not None or self.remembers_rows:
                return found
        return self._one_participant(session_id, schema.participants.c.id == participant_id)

    def _one_participant(self, session_id: int, condition) -> ParticipantRecord | None:
        table = schema.participants
        with self._reading() as conn:
            row = conn.execute(
                select(table).where(table.c.session_id == session_id, condition, PARTICIPANT)
            ).first()
        return participant_record(row) if row else None

    def participants_of(self, session_id: int) -> list[ParticipantRecord]:
        # Several processes: memory may lack those who just joined another one.
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
