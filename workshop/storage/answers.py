"""Answer rows: upsert on the phone's ``answer_id``, moderation flags, and reading them back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..domain.answers import Answer
from . import schema
from .answer_writes import (
    SAME,
    AnswerConflict,
    AnswerModerated,
    TooManyAnswers,
    Written,
    write_answers,
)
from .database import Database, StoreUnavailable, aware, now
from .group_commit import GroupCommit

__all__ = ["AnswerConflict", "AnswerModerated", "AnswerRows", "TooManyAnswers"]


class AnswerRows(Database):
    # answers --------------------------------------------------------------------------

    answer_writer: GroupCommit | None = None

    def save_answer(
        self,
        *,
        session_id: int,
        participant_id: int,
        step_id: str,
        answer_id: str,
        value: Any,
        max_answers: int = 1,
        anonymous: bool = True,
        pending: bool = False,
    ) -> None:
        """Insert or update the answer with this ``answer_id``: a retry never duplicates.

        With ``max_answers`` 1 a new answer replaces the participant's earlier one on the
        step; above 1, a new answer beyond the limit raises TooManyAnswers. An answer the
        facilitator has moderated cannot be changed or replaced (AnswerModerated), but the
        same value sent again is still acknowledged. ``anonymous`` says whether the step was
        anonymous as it is given; once anonymous, always anonymous. Returns only once the
        answer is committed (together with others arriving at the same moment).
        """
        answer = {
            "session_id": session_id,
            "participant_id": participant_id,
            "step_id": step_id,
            "answer_id": answer_id,
            "value": value,
            "max_answers": max_answers,
            "anonymous": anonymous,
            "pending": pending,
        }
        if self.answer_writer is not None:
            self.answer_writer.save(answer)
            return
        outcome = self.save_answers([answer])[0]
        if outcome is not None:
            raise outcome

    def save_answers(self, answers: list[dict[str, Any]]) -> list[Exception | None]:
        """Write several answers in one transaction; each gets its own outcome.

        If the transaction as a whole fails on a duplicate insert (a retry racing itself
        in another process), the answers are written one by one instead.
        """
        moment = now()
        try:
            with self._writing() as conn:
                results = write_answers(conn, answers, moment)
        except IntegrityError:
            if len(answers) == 1:
                return self._save_again(answers[0], moment)
            return [outcome for a in answers for outcome in self.save_answers([a])]
        self._remember([result for result in results if isinstance(result, Written)])
        return [result if isinstance(result, Exception) else None for result in results]

    def _save_again(self, answer: dict[str, Any], moment) -> list[Exception | None]:
        # The row that was missing a moment ago exists now: this write becomes an update.
        try:
            with self._writing() as conn:
                (result,) = write_answers(conn, [answer], moment)
        except IntegrityError:
            return [StoreUnavailable("answer could not be saved")]
        if isinstance(result, Exception):
            return [result]
        self._remember([result])
        return [None]

    def moderate_answer(self, session_id: int, answer_id: str, **changes: Any) -> bool:
        """Set ``hidden``, ``highlighted``, ``merged_into``, ``confirmed``, ``value``/``edited``,
        ``apart``."""
        return self.moderate_answers(session_id, {answer_id: changes}) == 1

    def moderate_answers(self, session_id: int, changes: dict[str, dict[str, Any]]) -> int:
        """Several answers' moderation in one transaction: per answer id, its changes (as
        ``moderate_answer`` takes them). How many rows changed."""
        table = schema.answers
        done = 0
        try:
            with self._writing() as conn:
                moment = now()
                for answer_id, change in changes.items():
                    result = conn.execute(
                        update(table)
                        .where(table.c.session_id == session_id, table.c.answer_id == answer_id)
                        .values(**change, updated_at=moment)
                    )
                    done += result.rowcount
                return done
        finally:
            self.memory.answers_changed(session_id, None, None)

    def approve_answers(self, session_id: int, step_id: str) -> int:
        """Let every answer waiting for approval on a step into the room; how many there were."""
        table = schema.answers
        try:
            with self._writing() as conn:
                result = conn.execute(
                    update(table)
                    .where(
                        table.c.session_id == session_id,
                        table.c.step_id == step_id,
                        table.c.pending.is_(True),
                    )
                    .values(hidden=False, pending=False, updated_at=now())
                )
                return result.rowcount
        finally:
            self.memory.answers_changed(session_id, step_id, None)

    def merge_answers(self, session_id: int, answer_id: str | list[str], into: str) -> None:
        """Fold ``answer_id`` (or each of a list, and whatever was merged into them) into the
        card ``into``, in one transaction."""
        table = schema.answers
        ids = [answer_id] if isinstance(answer_id, str) else list(answer_id)
        try:
            with self._writing() as conn:
                conn.execute(
                    update(table)
                    .where(
                        table.c.session_id == session_id,
                        table.c.answer_id.in_(ids) | table.c.merged_into.in_(ids),
                    )
                    .values(merged_into=into, updated_at=now())
                )
        finally:
            self.memory.answers_changed(session_id, None, None)

    def answer(self, session_id: int, answer_id: str) -> Answer | None:
        found = self._answers(session_id, answer_id=answer_id)
        return found[0] if found else None

    def answers_for_step(self, session_id: int, step_id: str) -> list[Answer]:
        if self.remembers_rows:
            return self.memory.answers(
                session_id, step_id, lambda: self._answers(session_id, step_id=step_id)
            )
        return self._answers(session_id, step_id=step_id)

    def answers_version(self, session_id: int, step_id: str) -> tuple[int, int] | None:
        """Changes with every write to the step's answers; None when another process may
        write them too (then nothing made from them may be kept)."""
        if not self.remembers_rows:
            return None
        return self.memory.version(session_id, step_id)

    def _remember(self, written: list[Written]) -> None:
        """After a commit: the answers written change the remembered steps as they did the
        rows."""
        for change in written:
            if change.kind == SAME:
                continue
            person = None
            if self.remembers_rows:
                person = self.memory.known_person(change.session_id, change.participant_id)
            self.memory.answers_changed(
                change.session_id, change.step_id, None if person is None else change.apply(person)
            )

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
                a.c.edited,
                a.c.anonymous,
                a.c.pending,
                a.c.apart,
                a.c.created_at,
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
                # A name never travels with an answer given anonymously.
                name="" if row.anonymous else row.name,
                table=row.table_id,
                hidden=bool(row.hidden),
                highlighted=bool(row.highlighted),
                merged_into=row.merged_into,
                confirmed=bool(row.confirmed),
                created_at=aware(row.created_at),
                anonymous=bool(row.anonymous),
                edited=bool(row.edited),
                pending=bool(row.pending),
                apart=bool(row.apart),
            )
            for row in rows
        ]
