"""The store: sessions, participants and answers in SQLite or PostgreSQL.

Every method is one transaction. Writes on SQLite take the write lock up front
(``BEGIN IMMEDIATE``) so that concurrent writers wait instead of failing mid-way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from ..domain.answers import Answer
from ..domain.session import SessionState
from . import schema
from .codec import controls_of, state_of


class StoreUnavailable(Exception):
    """The database could not be read or written; nothing was changed."""


class StaleSession(Exception):
    """The session changed since it was read (another facilitator tab acted first)."""


class AnswerConflict(Exception):
    """An ``answer_id`` is already used by another participant or another step."""


class TooManyAnswers(Exception):
    """The participant already has as many answers on the step as it allows."""


@dataclass(frozen=True)
class SessionRecord:
    id: int
    code: str
    title: str
    dialogue_id: str
    dialogue: dict[str, Any]
    language: str
    facilitator_key: str
    screen_key: str
    state: SessionState
    revision: int
    created_at: datetime
    details: dict[str, Any]


@dataclass(frozen=True)
class ParticipantRecord:
    id: int
    session_id: int
    token: str
    name: str
    joined_at: datetime
    table: str | None = None
    is_table: bool = False
    removed: bool = False


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _session(row: Any) -> SessionRecord:
    return SessionRecord(
        id=row.id,
        code=row.code,
        title=row.title,
        dialogue_id=row.dialogue_id,
        dialogue=row.dialogue,
        language=row.language,
        facilitator_key=row.facilitator_key,
        screen_key=row.screen_key,
        state=state_of(row.status, row.step_index, row.answering, row.controls or {}),
        revision=row.revision,
        created_at=_aware(row.created_at),
        details=dict(row.details or {}),
    )


def _participant(row: Any) -> ParticipantRecord:
    return ParticipantRecord(
        id=row.id,
        session_id=row.session_id,
        token=row.token,
        name=row.name,
        joined_at=_aware(row.joined_at),
        table=row.table_id,
        is_table=bool(row.is_table),
        removed=bool(row.removed),
    )


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: an acked answer survives a power cut, not only a killed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection):
        if connection.get_execution_options().get("writing"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


class Store:
    """Reads and writes the meeting's records; one method, one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            self.engine = _sqlite_engine(url)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)

    def create_schema(self) -> None:
        with self._writing() as conn:
            schema.metadata.create_all(conn)

    def drop_schema(self) -> None:
        with self._writing() as conn:
            schema.metadata.drop_all(conn)

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise StoreUnavailable(str(exc.orig or exc)) from exc

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(writing=True)
                with conn.begin():
                    yield conn
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise StoreUnavailable(str(exc.orig or exc)) from exc

    # sessions -------------------------------------------------------------------------

    def code_in_use(self, code: str) -> bool:
        with self._reading() as conn:
            query = select(schema.sessions.c.id).where(schema.sessions.c.code == code)
            return conn.execute(query).first() is not None

    def add_session(
        self,
        *,
        code: str,
        title: str,
        dialogue: dict[str, Any],
        language: str,
        facilitator_key: str,
        screen_key: str,
        state: SessionState,
    ) -> SessionRecord:
        """Store a new session; IntegrityError when the code is taken meanwhile."""
        now = _now()
        with self._writing() as conn:
            conn.execute(
                insert(schema.sessions).values(
                    code=code,
                    title=title,
                    dialogue_id=dialogue["id"],
                    dialogue=dialogue,
                    language=language,
                    facilitator_key=facilitator_key,
                    screen_key=screen_key,
                    status=state.status,
                    step_index=state.step_index,
                    answering=state.answering,
                    controls=controls_of(state),
                    details={},
                    revision=1,
                    created_at=now,
                    updated_at=now,
                )
            )
            row = conn.execute(select(schema.sessions).where(schema.sessions.c.code == code)).one()
        return _session(row)

    def session_by_code(self, code: str) -> SessionRecord | None:
        with self._reading() as conn:
            row = conn.execute(
                select(schema.sessions).where(schema.sessions.c.code == code)
            ).first()
        return _session(row) if row else None

    def save_state(self, session: SessionRecord, state: SessionState) -> SessionRecord:
        """Write the new state if nobody changed the session since it was read."""
        table = schema.sessions
        with self._writing() as conn:
            result = conn.execute(
                update(table)
                .where(table.c.id == session.id, table.c.revision == session.revision)
                .values(
                    status=state.status,
                    step_index=state.step_index,
                    answering=state.answering,
                    controls=controls_of(state),
                    revision=session.revision + 1,
                    updated_at=_now(),
                )
            )
            if result.rowcount != 1:
                raise StaleSession(session.code)
        return SessionRecord(
            **{**session.__dict__, "state": state, "revision": session.revision + 1}
        )

    def save_details(self, session_id: int, details: dict[str, Any]) -> None:
        table = schema.sessions
        with self._writing() as conn:
            conn.execute(update(table).where(table.c.id == session_id).values(details=details))

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
                    joined_at=_now(),
                )
            )
            row = conn.execute(
                select(schema.participants).where(schema.participants.c.token == token)
            ).one()
        return _participant(row)

    def participant_by_token(self, session_id: int, token: str) -> ParticipantRecord | None:
        table = schema.participants
        with self._reading() as conn:
            row = conn.execute(
                select(table).where(table.c.session_id == session_id, table.c.token == token)
            ).first()
        return _participant(row) if row else None

    def participant(self, session_id: int, participant_id: int) -> ParticipantRecord | None:
        table = schema.participants
        with self._reading() as conn:
            row = conn.execute(
                select(table).where(table.c.session_id == session_id, table.c.id == participant_id)
            ).first()
        return _participant(row) if row else None

    def participants_of(self, session_id: int) -> list[ParticipantRecord]:
        table = schema.participants
        with self._reading() as conn:
            rows = conn.execute(
                select(table).where(table.c.session_id == session_id).order_by(table.c.id)
            ).all()
        return [_participant(row) for row in rows]

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
                .values(hidden=True)
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

    # answers --------------------------------------------------------------------------

    def save_answer(
        self,
        *,
        session_id: int,
        participant_id: int,
        step_id: str,
        answer_id: str,
        value: Any,
        max_answers: int = 1,
    ) -> None:
        """Insert or update the answer with this ``answer_id``: a retry never duplicates.

        With ``max_answers`` 1 a new answer replaces the participant's earlier one on the
        step; above 1, a new answer beyond the limit raises TooManyAnswers.
        """
        table = schema.answers
        now = _now()
        for _attempt in range(3):
            try:
                with self._writing() as conn:
                    existing = conn.execute(
                        select(table.c.id, table.c.participant_id, table.c.step_id).where(
                            table.c.session_id == session_id, table.c.answer_id == answer_id
                        )
                    ).first()
                    if existing is not None:
                        if (existing.participant_id, existing.step_id) != (
                            participant_id,
                            step_id,
                        ):
                            raise AnswerConflict(answer_id)
                        conn.execute(
                            update(table)
                            .where(table.c.id == existing.id)
                            .values(value=value, updated_at=now)
                        )
                        return
                    mine = (table.c.participant_id == participant_id) & (table.c.step_id == step_id)
                    if max_answers == 1:
                        conn.execute(delete(table).where(mine))
                    else:
                        count = conn.execute(
                            select(func.count()).select_from(table).where(mine)
                        ).scalar_one()
                        if count >= max_answers:
                            raise TooManyAnswers(max_answers)
                    conn.execute(
                        insert(table).values(
                            session_id=session_id,
                            participant_id=participant_id,
                            step_id=step_id,
                            answer_id=answer_id,
                            value=value,
                            hidden=False,
                            highlighted=False,
                            merged_into=None,
                            confirmed=False,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                return
            except IntegrityError:
                # The same answer_id was inserted by a concurrent retry: update it instead.
                continue
        raise StoreUnavailable("answer could not be saved")

    def moderate_answer(self, session_id: int, answer_id: str, **changes: Any) -> bool:
        """Set ``hidden``, ``highlighted``, ``merged_into``, ``confirmed`` or ``value``."""
        table = schema.answers
        with self._writing() as conn:
            result = conn.execute(
                update(table)
                .where(table.c.session_id == session_id, table.c.answer_id == answer_id)
                .values(**changes, updated_at=_now())
            )
            return result.rowcount == 1

    def merge_answers(self, session_id: int, answer_id: str, into: str) -> None:
        """Fold ``answer_id`` (and whatever was merged into it) into the card ``into``."""
        table = schema.answers
        with self._writing() as conn:
            conn.execute(
                update(table)
                .where(
                    table.c.session_id == session_id,
                    (table.c.answer_id == answer_id) | (table.c.merged_into == answer_id),
                )
                .values(merged_into=into, updated_at=_now())
            )

    def answer(self, session_id: int, answer_id: str) -> Answer | None:
        found = self._answers(session_id, answer_id=answer_id)
        return found[0] if found else None

    def answers_for_step(self, session_id: int, step_id: str) -> list[Answer]:
        return self._answers(session_id, step_id=step_id)

    def answers_of_session(self, session_id: int) -> list[Answer]:
        return self._answers(session_id)

    def answers_of_participant(self, session_id: int, participant_id: int) -> list[Answer]:
        return self._answers(session_id, participant_id=participant_id)

    def _answers(
        self,
        session_id: int,
        *,
        step_id: str | None = None,
        participant_id: int | None = None,
        answer_id: str | None = None,
    ) -> list[Answer]:
        a, p = schema.answers, schema.participants
        query = (
            select(
                a.c.answer_id,
                a.c.participant_id,
                a.c.step_id,
                a.c.value,
                a.c.hidden,
                a.c.highlighted,
                a.c.merged_into,
                a.c.confirmed,
                p.c.name,
                p.c.table_id,
            )
            .join(p, p.c.id == a.c.participant_id)
            .where(a.c.session_id == session_id)
            .order_by(a.c.created_at, a.c.id)
        )
        if step_id is not None:
            query = query.where(a.c.step_id == step_id)
        if participant_id is not None:
            query = query.where(a.c.participant_id == participant_id)
        if answer_id is not None:
            query = query.where(a.c.answer_id == answer_id)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [
            Answer(
                answer_id=row.answer_id,
                participant_id=row.participant_id,
                step_id=row.step_id,
                value=row.value,
                name=row.name,
                table=row.table_id,
                hidden=bool(row.hidden),
                highlighted=bool(row.highlighted),
                merged_into=row.merged_into,
                confirmed=bool(row.confirmed),
            )
            for row in rows
        ]

    # dialogue tools -------------------------------------------------------------------

    def save_dialogue_tool(self, definition: dict[str, Any]) -> None:
        """Keep an uploaded dialogue tool; a new upload with the same id replaces the old."""
        table = schema.dialogue_tools
        with self._writing() as conn:
            conn.execute(delete(table).where(table.c.id == definition["id"]))
            conn.execute(
                insert(table).values(
                    id=definition["id"],
                    title=definition["title"],
                    language=definition["language"],
                    definition=definition,
                    created_at=_now(),
                )
            )

    def dialogue_tools(self) -> list[dict[str, Any]]:
        table = schema.dialogue_tools
        with self._reading() as conn:
            rows = conn.execute(select(table.c.definition).order_by(table.c.created_at)).all()
        return [row.definition for row in rows]
