"""Session rows: create, find by code, and save state on top of the revision that was read.

With several processes (``shared``) a record in memory is used only while it is current: the
processes tell each other every revision they save through Redis (``revisions.py``), so an
answer does not read the database to learn the revision; without that channel (no Redis)
the revision is read from the database each time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.session import SessionState
from . import schema
from .codec import controls_of
from .database import Database, now
from .records import SessionRecord, session_record
from .revisions import SharedRevisions


class CodeTaken(Exception):
    """Another session has just taken this join code."""


class StaleSession(Exception):
    """The session changed since it was read (another facilitator tab acted first)."""


class SessionColumns(TypedDict):
    """What a session is stored with when it is made or imported; the rest (its revision, when
    it last changed) the store sets. One list for ``add_session``, ``import_session`` and
    the row they insert."""

    code: str
    title: str
    dialogue: dict[str, Any]
    language: str
    facilitator_key: str
    screen_key: str
    state: SessionState
    created_at: NotRequired[datetime]
    details: NotRequired[dict[str, Any]]
    practice: NotRequired[bool]
    keep: NotRequired[bool]
    follow_up: NotRequired[dict[str, Any] | None]
    tidy: NotRequired[dict[str, Any] | None]


def session_row(
    columns: SessionColumns, created_at: datetime, updated_at: datetime
) -> dict[str, Any]:
    """The columns of a new session's row, at its first revision."""
    given: dict[str, Any] = dict(columns)
    state: SessionState = given.pop("state")
    return {
        **given,
        "dialogue_id": columns["dialogue"]["id"],
        "status": state.status,
        "step_index": state.step_index,
        "answering": state.answering,
        "controls": controls_of(state),
        "details": columns.get("details") or {},
        "practice": columns.get("practice", False),
        "keep": columns.get("keep", False),
        "follow_up": columns.get("follow_up"),
        "tidy": columns.get("tidy") or None,
        "revision": 1,
        "created_at": created_at,
        "updated_at": updated_at,
    }


class SessionRows(Database):
    def share_revisions(self, revisions: SharedRevisions) -> None:
        """Hear other processes' saves through ``revisions`` (several processes, Redis), and
        tell them this process's: revisions of sessions, changes to participants."""
        self.revisions = revisions
        memory = self.memory
        memory.tell = revisions.people_changed
        revisions.people_heard = memory.heard_people_changed
        revisions.subscribed = memory.forget_people

    def _generation(self) -> int:
        return self.revisions.generation if self.revisions is not None else 0

    def _announce(self, saved: SessionRecord, generation: int) -> None:
        if self.revisions is not None:
            self.revisions.saved(saved.id, saved.revision, generation)

    # sessions -------------------------------------------------------------------------

    def code_in_use(self, code: str) -> bool:
        with self._reading() as conn:
            query = select(schema.sessions.c.id).where(schema.sessions.c.code == code)
            return conn.execute(query).first() is not None

    def add_session(self, **columns: Unpack[SessionColumns]) -> SessionRecord:
        """Store a new session; CodeTaken when another session took the code meanwhile."""
        moment = columns.get("created_at") or now()
        code = columns["code"]
        table = schema.sessions
        try:
            with self._writing() as conn:
                conn.execute(insert(table).values(session_row(columns, moment, moment)))
                row = conn.execute(select(table).where(table.c.code == code)).one()
        except IntegrityError:
            raise CodeTaken(code) from None
        record = session_record(row)
        self.memory.keep_session(record)
        return record

    def sessions_with_status(self, status: str) -> list[SessionRecord]:
        """Every session in ``status`` (for example the running ones, after a restart)."""
        table = schema.sessions
        with self._reading() as conn:
            rows = conn.execute(select(table).where(table.c.status == status)).all()
        return [session_record(row) for row in rows]

    def session_by_code(self, code: str) -> SessionRecord | None:
        """The session, from memory when it is known there and still current."""
        known = self.memory.session(code)
        if known is not None and not self.shared:
            return known
        revisions = self.revisions
        if revisions is None:
            return self._read_session(code, known)
        if known is not None and revisions.current(known.id, known.revision):
            return known  # no process announced a newer revision (revisions.py)
        # A room's answers come at once: the first reads the record, the others wait for it.
        with self.memory.one_reader(("session", code)):
            known = self.memory.session(code)
            if known is not None and revisions.current(known.id, known.revision):
                return known
            return self._read_session(code, known)

    def _read_session(self, code: str, known: SessionRecord | None) -> SessionRecord | None:
        """The session from the database: only its revision when ``known`` is still current."""
        table = schema.sessions
        revisions = self.revisions
        generation = self._generation()
        with self._reading() as conn:
            if known is not None:
                # Another process may have moved it: its revision says whether it did.
                revision = conn.execute(
                    select(table.c.revision).where(table.c.id == known.id)
                ).scalar()
                if revision == known.revision:
                    if revisions is not None:
                        revisions.confirm(known.id, revision, generation)
                    return known
            row = conn.execute(select(table).where(table.c.code == code)).first()
        if row is None:
            if known is not None:
                self.memory.forget_session(code, known.id)
            return None
        record = session_record(row)
        self.memory.keep_session(record)
        if revisions is not None:
            revisions.confirm(record.id, record.revision, generation)
        return record

    def save_state(self, session: SessionRecord, state: SessionState) -> SessionRecord:
        """Write the new state if nobody changed the session since it was read."""
        table = schema.sessions
        generation = self._generation()
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
                    updated_at=now(),
                )
            )
            if result.rowcount != 1:
                # Someone else wrote it: what memory holds is old, read it afresh next time.
                self.memory.forget_session(session.code, session.id)
                raise StaleSession(session.code)
        saved = replace(session, state=state, revision=session.revision + 1)
        self.memory.keep_session(saved)
        # Told before the caller acks or publishes the change (revisions.py).
        self._announce(saved, generation)
        return saved

    def save_details(self, session: SessionRecord, details: dict[str, Any]) -> SessionRecord:
        """Write the report details if nobody changed the session since it was read."""
        return self._save_on_revision(session, details=dict(details))

    def save_follow_up(self, session: SessionRecord, follow_up: dict[str, Any]) -> SessionRecord:
        """Write what the meeting agreed on the earlier points, if nobody changed the session
        since it was read."""
        return self._save_on_revision(session, follow_up=dict(follow_up))

    def save_tidy(self, session: SessionRecord, tidy: dict[str, Any]) -> SessionRecord:
        """Write the facilitator's tidy decisions (all steps' entries), if nobody changed the
        session since it was read."""
        return self._save_on_revision(session, tidy={k: dict(v) for k, v in tidy.items()})

    def _save_on_revision(self, session: SessionRecord, **columns: Any) -> SessionRecord:
        """Write ``columns`` (fields of the record by the same names) on top of the revision
        that was read; StaleSession when another window wrote first."""
        table = schema.sessions
        generation = self._generation()
        with self._writing() as conn:
            result = conn.execute(
                update(table)
                .where(table.c.id == session.id, table.c.revision == session.revision)
                .values(**columns, revision=session.revision + 1, updated_at=now())
            )
            if result.rowcount != 1:
                self.memory.forget_session(session.code, session.id)
                raise StaleSession(session.code)
        saved = replace(session, **columns, revision=session.revision + 1)
        self.memory.keep_session(saved)
        self._announce(saved, generation)
        return saved

    def delete_session(self, session: SessionRecord) -> None:
        """Remove a session and every row that belongs to it, in one transaction."""
        with self._writing() as conn:
            for table in (schema.late_answers, schema.answers, schema.participants):
                conn.execute(delete(table).where(table.c.session_id == session.id))
            conn.execute(delete(schema.sessions).where(schema.sessions.c.id == session.id))
        self.memory.forget_session(session.code, session.id)
        if self.revisions is not None:
            self.revisions.deleted(session.id)
        self.scrub()

    def practice_sessions_before(self, moment: datetime) -> list[SessionRecord]:
        """Rehearsals created before ``moment`` (left behind when a browser was closed)."""
        table = schema.sessions
        with self._reading() as conn:
            rows = conn.execute(
                select(table).where(table.c.practice.is_(True), table.c.created_at < moment)
            ).all()
        return [session_record(row) for row in rows]

    def overview(self) -> list[tuple[SessionRecord, int, int]]:
        """Every session, newest first, with its participants (less removed ones) and its
        confirmed action points; read in three queries, whatever the number of sessions."""
        table, people, answers = schema.sessions, schema.participants, schema.answers
        with self._reading() as conn:
            rows = conn.execute(select(table).order_by(table.c.created_at.desc())).all()
            joined = dict(
                conn.execute(
                    select(people.c.session_id, func.count())
                    .where(people.c.removed.is_(False), people.c.respondent.is_(False))
                    .group_by(people.c.session_id)
                ).all()
            )
            planned = dict(
                conn.execute(
                    select(answers.c.session_id, func.count())
                    .where(answers.c.confirmed.is_(True), answers.c.hidden.is_(False))
                    .group_by(answers.c.session_id)
                ).all()
            )
        return [
            (session_record(row), joined.get(row.id, 0), planned.get(row.id, 0)) for row in rows
        ]

    def follow_ups_of(self, code: str) -> list[SessionRecord]:
        """The sessions that follow up the meeting with ``code`` (their copy names it)."""
        table = schema.sessions
        with self._reading() as conn:
            rows = conn.execute(select(table).where(table.c.follow_up.is_not(None))).all()
        found = [session_record(row) for row in rows]
        return [
            session
            for session in found
            if isinstance(session.follow_up, dict)
            and (session.follow_up.get("of") or {}).get("code") == code
        ]

    def set_keep(self, session: SessionRecord, keep: bool) -> SessionRecord:
        """Mark a session to be kept past the retention period (or not)."""
        table = schema.sessions
        with self._writing() as conn:
            conn.execute(update(table).where(table.c.id == session.id).values(keep=keep))
        kept = replace(session, keep=keep)
        self.memory.keep_session(kept)
        return kept
