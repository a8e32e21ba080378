"""Answer rows: upsert on the phone's ``answer_id``, moderation flags, and reading them back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.answers import Answer
from . import schema
from .database import Database, StoreUnavailable, aware, now
from .group_commit import GroupCommit


class AnswerConflict(Exception):
    """An ``answer_id`` is already used by another participant or another step."""


class TooManyAnswers(Exception):
    """The participant already has as many answers on the step as it allows."""


class AnswerModerated(Exception):
    """The answer the participant would change or replace was hidden, merged, confirmed
    or edited by the facilitator; what the facilitator decided stands."""


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
        outcomes: list[Exception | None] = []
        try:
            with self._writing() as conn:
                for answer in answers:
                    try:
                        _write_answer(conn, answer, moment)
                        outcomes.append(None)
                    except REFUSALS as refused:
                        outcomes.append(refused)
            return outcomes
        except IntegrityError:
            if len(answers) == 1:
                return self._save_again(answers[0], moment)
            return [outcome for a in answers for outcome in self.save_answers([a])]

    def _save_again(self, answer: dict[str, Any], moment) -> list[Exception | None]:
        # The row that was missing a moment ago exists now: this write becomes an update.
        try:
            with self._writing() as conn:
                _write_answer(conn, answer, moment)
            return [None]
        except REFUSALS as refused:
            return [refused]
        except IntegrityError:
            return [StoreUnavailable("answer could not be saved")]

    def moderate_answer(self, session_id: int, answer_id: str, **changes: Any) -> bool:
        """Set ``hidden``, ``highlighted``, ``merged_into``, ``confirmed``, ``value``/``edited``."""
        table = schema.answers
        with self._writing() as conn:
            result = conn.execute(
                update(table)
                .where(table.c.session_id == session_id, table.c.answer_id == answer_id)
                .values(**changes, updated_at=now())
            )
            return result.rowcount == 1

    def approve_answers(self, session_id: int, step_id: str) -> int:
        """Let every answer waiting for approval on a step into the room; how many there were."""
        table = schema.answers
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
                .values(merged_into=into, updated_at=now())
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
                a.c.edited,
                a.c.anonymous,
                a.c.pending,
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
            )
            for row in rows
        ]


REFUSALS = (AnswerConflict, TooManyAnswers, AnswerModerated)


def _moderated(conn, session_id: int, rows: list[Any]) -> bool:
    """True if the facilitator has acted on any of these answer rows (or merged into one)."""
    # An answer waiting for approval is hidden, but nobody has decided anything about it yet.
    decided = (
        (row.hidden and not row.pending) or row.merged_into or row.confirmed or row.edited
        for row in rows
    )
    if any(decided):
        return True
    table = schema.answers
    targets = [row.answer_id for row in rows]
    if not targets:
        return False
    merged_into_one = conn.execute(
        select(table.c.id)
        .where(table.c.session_id == session_id, table.c.merged_into.in_(targets))
        .limit(1)
    ).first()
    return merged_into_one is not None


def _write_answer(conn, answer: dict[str, Any], moment) -> None:
    """Upsert one answer; refusals are raised before anything is written for it."""
    table = schema.answers
    session_id = answer["session_id"]
    participant_id, step_id = answer["participant_id"], answer["step_id"]
    columns = (
        table.c.id,
        table.c.answer_id,
        table.c.participant_id,
        table.c.step_id,
        table.c.value,
        table.c.hidden,
        table.c.merged_into,
        table.c.confirmed,
        table.c.edited,
        table.c.anonymous,
        table.c.pending,
    )
    existing = conn.execute(
        select(*columns).where(
            table.c.session_id == session_id, table.c.answer_id == answer["answer_id"]
        )
    ).first()
    if existing is not None:
        if (existing.participant_id, existing.step_id) != (participant_id, step_id):
            raise AnswerConflict(answer["answer_id"])
        if existing.value == answer["value"]:
            return  # a retry of what is stored: acknowledge it, change nothing
        if _moderated(conn, session_id, [existing]):
            raise AnswerModerated(answer["answer_id"])
        conn.execute(
            update(table)
            .where(table.c.id == existing.id)
            .values(
                value=answer["value"],
                anonymous=bool(existing.anonymous) or answer["anonymous"],
                # A changed answer waits for approval again where the step asks for it.
                hidden=bool(answer.get("pending")) or bool(existing.hidden),
                pending=bool(answer.get("pending")) or bool(existing.pending),
                updated_at=moment,
            )
        )
        return
    mine = (table.c.participant_id == participant_id) & (table.c.step_id == step_id)
    if answer["max_answers"] == 1:
        earlier = conn.execute(select(*columns).where(mine)).all()
        if _moderated(conn, session_id, earlier):
            raise AnswerModerated(answer["answer_id"])
        conn.execute(delete(table).where(mine))
    else:
        count = conn.execute(select(func.count()).select_from(table).where(mine)).scalar_one()
        if count >= answer["max_answers"]:
            raise TooManyAnswers(answer["max_answers"])
    conn.execute(
        insert(table).values(
            session_id=session_id,
            participant_id=participant_id,
            step_id=step_id,
            answer_id=answer["answer_id"],
            value=answer["value"],
            hidden=bool(answer.get("pending")),
            highlighted=False,
            merged_into=None,
            confirmed=False,
            edited=False,
            anonymous=answer["anonymous"],
            pending=bool(answer.get("pending")),
            created_at=moment,
            updated_at=moment,
        )
    )
