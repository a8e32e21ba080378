"""Answer rows: upsert on the phone's ``answer_id``, moderation flags, and reading them back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
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
        written: list[Written] = []
        try:
            with self._writing() as conn:
                for answer in answers:
                    try:
                        written.append(_write_answer(conn, answer, moment))
                        outcomes.append(None)
                    except REFUSALS as refused:
                        outcomes.append(refused)
            self._remember(written)
            return outcomes
        except IntegrityError:
            if len(answers) == 1:
                return self._save_again(answers[0], moment)
            return [outcome for a in answers for outcome in self.save_answers([a])]

    def _save_again(self, answer: dict[str, Any], moment) -> list[Exception | None]:
        # The row that was missing a moment ago exists now: this write becomes an update.
        try:
            with self._writing() as conn:
                written = _write_answer(conn, answer, moment)
            self._remember([written])
            return [None]
        except REFUSALS as refused:
            return [refused]
        except IntegrityError:
            return [StoreUnavailable("answer could not be saved")]

    def moderate_answer(self, session_id: int, answer_id: str, **changes: Any) -> bool:
        """Set ``hidden``, ``highlighted``, ``merged_into``, ``confirmed``, ``value``/``edited``."""
        table = schema.answers
        try:
            with self._writing() as conn:
                result = conn.execute(
                    update(table)
                    .where(table.c.session_id == session_id, table.c.answer_id == answer_id)
                    .values(**changes, updated_at=now())
                )
                return result.rowcount == 1
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

    def merge_answers(self, session_id: int, answer_id: str, into: str) -> None:
        """Fold ``answer_id`` (and whatever was merged into it) into the card ``into``."""
        table = schema.answers
        try:
            with self._writing() as conn:
                conn.execute(
                    update(table)
                    .where(
                        table.c.session_id == session_id,
                        (table.c.answer_id == answer_id) | (table.c.merged_into == answer_id),
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
SAME, CHANGED, ADDED = "same", "changed", "added"


@dataclass(frozen=True)
class Written:
    """What one answer's write did to the rows, to do the same to the remembered answers."""

    kind: str
    session_id: int
    participant_id: int
    step_id: str
    answer_id: str
    value: Any = None
    anonymous: bool = True
    pending: bool = False
    moment: datetime | None = None
    replaced: tuple[str, ...] = ()  # earlier answers of the participant that were deleted

    def apply(self, person) -> Callable[[list[Answer]], None]:
        """The change to a step's list of answers, with the participant's name and table."""

        def change(held: list[Answer]) -> None:
            if self.kind == CHANGED:
                for i, answer in enumerate(held):
                    if answer.answer_id == self.answer_id:
                        anonymous = answer.anonymous or self.anonymous
                        held[i] = replace(
                            answer,
                            value=self.value,
                            anonymous=anonymous,
                            name="" if anonymous else answer.name,
                            hidden=self.pending or answer.hidden,
                            pending=self.pending or answer.pending,
                        )
                return
            if self.replaced:
                gone = set(self.replaced)
                held[:] = [answer for answer in held if answer.answer_id not in gone]
            held.append(
                Answer(
                    answer_id=self.answer_id,
                    participant_id=self.participant_id,
                    step_id=self.step_id,
                    value=self.value,
                    name="" if self.anonymous else person.name,
                    table=person.table,
                    hidden=self.pending,
                    created_at=self.moment,
                    anonymous=self.anonymous,
                    pending=self.pending,
                )
            )

        return change


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


# The statements of an answer's write, built once: each answer only binds its values.
_A = schema.answers
_COLUMNS = (
    _A.c.id,
    _A.c.answer_id,
    _A.c.participant_id,
    _A.c.step_id,
    _A.c.value,
    _A.c.hidden,
    _A.c.merged_into,
    _A.c.confirmed,
    _A.c.edited,
    _A.c.anonymous,
    _A.c.pending,
)
_MINE = (_A.c.participant_id == bindparam("participant_id")) & (
    _A.c.step_id == bindparam("step_id")
)
EXISTING = select(*_COLUMNS).where(
    _A.c.session_id == bindparam("session_id"), _A.c.answer_id == bindparam("answer_id")
)
EARLIER = select(*_COLUMNS).where(_MINE)
COUNT_MINE = select(func.count()).select_from(_A).where(_MINE)
DELETE_MINE = delete(_A).where(_MINE)
INSERT = insert(_A)


def _write_answer(conn, answer: dict[str, Any], moment) -> Written:
    """Upsert one answer; refusals are raised before anything is written for it."""
    table = schema.answers
    session_id = answer["session_id"]
    participant_id, step_id = answer["participant_id"], answer["step_id"]
    mine = {"participant_id": participant_id, "step_id": step_id}
    existing = conn.execute(
        EXISTING, {"session_id": session_id, "answer_id": answer["answer_id"]}
    ).first()
    if existing is not None:
        if (existing.participant_id, existing.step_id) != (participant_id, step_id):
            raise AnswerConflict(answer["answer_id"])
        written = Written(
            SAME, session_id, participant_id, step_id, answer["answer_id"], answer["value"]
        )
        if existing.value == answer["value"]:
            return written  # a retry of what is stored: acknowledge it, change nothing
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
        return replace(
            written,
            kind=CHANGED,
            anonymous=bool(answer["anonymous"]),
            pending=bool(answer.get("pending")),
        )
    replaced: tuple[str, ...] = ()
    if answer["max_answers"] == 1:
        earlier = conn.execute(EARLIER, mine).all()
        if _moderated(conn, session_id, earlier):
            raise AnswerModerated(answer["answer_id"])
        if earlier:
            conn.execute(DELETE_MINE, mine)
            replaced = tuple(row.answer_id for row in earlier)
    else:
        count = conn.execute(COUNT_MINE, mine).scalar_one()
        if count >= answer["max_answers"]:
            raise TooManyAnswers(answer["max_answers"])
    conn.execute(
        INSERT,
        {
            "session_id": session_id,
            "participant_id": participant_id,
            "step_id": step_id,
            "answer_id": answer["answer_id"],
            "value": answer["value"],
            "hidden": bool(answer.get("pending")),
            "highlighted": False,
            "merged_into": None,
            "confirmed": False,
            "edited": False,
            "anonymous": answer["anonymous"],
            "pending": bool(answer.get("pending")),
            "created_at": moment,
            "updated_at": moment,
        },
    )
    return Written(
        ADDED,
        session_id,
        participant_id,
        step_id,
        answer["answer_id"],
        answer["value"],
        anonymous=bool(answer["anonymous"]),
        pending=bool(answer.get("pending")),
        moment=moment,
        replaced=replaced,
    )
