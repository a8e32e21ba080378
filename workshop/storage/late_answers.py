"""Answers that arrived after answering closed: kept apart until the facilitator lets them in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from . import schema
from .database import Database, aware, now


class LateAnswerRows(Database):
    # late answers ---------------------------------------------------------------------

    def keep_late_answer(
        self,
        *,
        session_id: int,
        participant_id: int,
        step_id: str,
        answer_id: str,
        value: Any,
        anonymous: bool,
    ) -> None:
        """Keep one late answer; the same ``answer_id`` again changes nothing (a retry)."""
        table = schema.late_answers
        row = {
            "session_id": session_id,
            "participant_id": participant_id,
            "step_id": step_id,
            "answer_id": answer_id,
            "value": value,
            "anonymous": anonymous,
            "received_at": now(),
        }
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(table).values(**row).on_conflict_do_nothing()
        with self._writing() as conn:
            conn.execute(statement)
        self.memory.step_touched(session_id, step_id)  # the late count is in its summary

    def late_answers(self, session_id: int, step_id: str) -> list[dict[str, Any]]:
        return self._late_answers(session_id, step_id)

    def late_answers_of_session(self, session_id: int) -> list[dict[str, Any]]:
        """Every late answer of the session, in the order they came (for the exports)."""
        return self._late_answers(session_id, None)

    def _late_answers(self, session_id: int, step_id: str | None) -> list[dict[str, Any]]:
        table = schema.late_answers
        query = (
            select(table)
            .where(table.c.session_id == session_id)
            .order_by(table.c.received_at, table.c.id)
        )
        if step_id is not None:
            query = query.where(table.c.step_id == step_id)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        # SQLite hands the time back without its zone; every row says UTC the same way.
        return [{**row._mapping, "received_at": aware(row.received_at)} for row in rows]

    def count_late_answers(self, session_id: int, step_id: str) -> int:
        table = schema.late_answers
        with self._reading() as conn:
            return conn.execute(
                select(func.count())
                .select_from(table)
                .where(table.c.session_id == session_id, table.c.step_id == step_id)
            ).scalar_one()

    def forget_late_answers(self, session_id: int, answer_ids: list[str]) -> None:
        table = schema.late_answers
        try:
            with self._writing() as conn:
                conn.execute(
                    delete(table).where(
                        table.c.session_id == session_id, table.c.answer_id.in_(answer_ids)
                    )
                )
        finally:
            self.memory.answers_changed(session_id, None, None)
