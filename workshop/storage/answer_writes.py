"""Writing a batch of answers in one transaction, with a handful of statements for all of them.

The group commit hands over every answer that arrived together. Written one by one, each
would cost three round trips to the database (is it known? how many has this participant
given? insert), which is what limits PostgreSQL. Here the batch costs two reads for all of it
(the answers with these ids, and the participants' earlier answers on these steps), then the
decisions are made in memory in arrival order, exactly as if the answers came one after
another, and the rows go out as one delete and one multi-row insert. A batch spans every
meeting whose answers arrived together: forty meetings at once cost the statements of one.
Updates of an answer's value are rare (a phone changing a sent answer) and are written as
they are decided.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update

from ..domain.answers import Answer
from . import schema


class AnswerConflict(Exception):
    """An ``answer_id`` is already used by another participant or another step."""


class TooManyAnswers(Exception):
    """The participant already has as many answers on the step as it allows."""


class AnswerModerated(Exception):
    """The answer the participant would change or replace was hidden, merged, confirmed
    or edited by the facilitator; what the facilitator decided stands."""


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


@dataclass
class Row:
    """An answer row as the batch sees it: read from the database, or about to be inserted."""

    id: int | None  # None: inserted by this batch
    answer_id: str
    participant_id: int
    step_id: str
    value: Any
    hidden: bool = False
    merged_into: str | None = None
    confirmed: bool = False
    edited: bool = False
    highlighted: bool = False
    anonymous: bool = True
    pending: bool = False
    params: dict[str, Any] | None = None  # the insert's values, for a row of this batch


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
    _A.c.highlighted,
    _A.c.anonymous,
    _A.c.pending,
)
# Built once; each batch only binds its values.
# Answer ids are the phones' own, unique within a session: rows of these ids in these sessions
# are read, and those of an id in another of the sessions are left out after.
KNOWN = select(_A.c.session_id, *_COLUMNS).where(
    _A.c.session_id.in_(bindparam("session_ids", expanding=True)),
    _A.c.answer_id.in_(bindparam("answer_ids", expanding=True)),
)
# Participants belong to one session each: their ids say whose rows they are.
_THEIRS = (
    _A.c.participant_id.in_(bindparam("participant_ids", expanding=True)),
    _A.c.step_id.in_(bindparam("step_ids", expanding=True)),
)
# On a step that takes one answer a new one replaces the earlier: the rows are needed. On a
# step that takes several, only how many there are.
EARLIER = select(_A.c.session_id, *_COLUMNS).where(*_THEIRS)
HOW_MANY = (
    select(_A.c.participant_id, _A.c.step_id, func.count())
    .where(*_THEIRS)
    .group_by(_A.c.participant_id, _A.c.step_id)
)
MERGED_INTO = (
    select(_A.c.id)
    .where(
        _A.c.session_id == bindparam("session_id"),
        _A.c.merged_into.in_(bindparam("targets", expanding=True)),
    )
    .limit(1)
)
DELETE_ROWS = delete(_A).where(_A.c.id.in_(bindparam("ids", expanding=True)))
INSERT = insert(_A)


def _theirs(pairs: set[tuple[int, str]]) -> dict[str, list]:
    """The parameters of a read of these participants' rows on these steps (and perhaps a
    few more: each participant's row on each of the steps)."""
    return {
        "participant_ids": sorted({participant_id for participant_id, _step in pairs}),
        "step_ids": sorted({step_id for _participant, step_id in pairs}),
    }


def _row(found: Any) -> Row:
    return Row(
        id=found.id,
        answer_id=found.answer_id,
        participant_id=found.participant_id,
        step_id=found.step_id,
        value=found.value,
        hidden=bool(found.hidden),
        merged_into=found.merged_into,
        confirmed=bool(found.confirmed),
        edited=bool(found.edited),
        highlighted=bool(found.highlighted),
        anonymous=bool(found.anonymous),
        pending=bool(found.pending),
    )


def moderated(conn, session_id: int, rows: list[Row]) -> bool:
    """True if the facilitator has acted on any of these rows (or merged another into one)."""
    # An answer waiting for approval is hidden, but nobody has decided anything about it yet.
    if any(
        (row.hidden and not row.pending)
        or row.merged_into
        or row.confirmed
        or row.edited
        or row.highlighted
        for row in rows
    ):
        return True
    targets = [row.answer_id for row in rows if row.id is not None]
    if not targets:
        return False
    found = conn.execute(MERGED_INTO, {"session_id": session_id, "targets": targets}).first()
    return found is not None


class Batch:
    """The answers of one transaction, of one session or several, decided in arrival order."""

    def __init__(self, conn, answers: list[dict[str, Any]], moment) -> None:
        self.conn = conn
        self.moment = moment
        wanted = {(answer["session_id"], answer["answer_id"]) for answer in answers}
        known = conn.execute(
            KNOWN,
            {
                "session_ids": sorted({session_id for session_id, _id in wanted}),
                "answer_ids": sorted({answer_id for _session, answer_id in wanted}),
            },
        )
        # By session and answer id.
        self.by_id: dict[tuple[int, str], Row] = {
            (found.session_id, found.answer_id): _row(found)
            for found in known
            if (found.session_id, found.answer_id) in wanted
        }
        # Per participant and step: its rows (one-answer steps) or rows added by this batch.
        self.mine: dict[tuple[int, str], list[Row]] = defaultdict(list)
        # Per participant and step that takes several answers: how many are stored.
        self.stored: dict[tuple[int, str], int] = {}
        single = {(a["participant_id"], a["step_id"]) for a in answers if a["max_answers"] == 1}
        several = {(a["participant_id"], a["step_id"]) for a in answers if a["max_answers"] != 1}
        if single:
            rows = conn.execute(EARLIER, _theirs(single))
            for found in rows:
                if (found.participant_id, found.step_id) not in single:
                    continue  # another step of someone in the batch
                row = self.by_id.get((found.session_id, found.answer_id)) or _row(found)
                self.mine[(row.participant_id, row.step_id)].append(row)
        if several:
            for participant_id, step_id, count in conn.execute(HOW_MANY, _theirs(several)):
                self.stored[(participant_id, step_id)] = count
        self.doomed: list[int] = []  # ids of rows to delete
        self.inserts: list[Row] = []

    def write(self, answer: dict[str, Any]) -> Written:
        """Decide one answer as if it came alone; refusals are raised, nothing changed."""
        session_id = answer["session_id"]
        participant_id, step_id = answer["participant_id"], answer["step_id"]
        answer_id, value = answer["answer_id"], answer["value"]
        pending = bool(answer.get("pending"))
        anonymous = bool(answer["anonymous"])
        written = Written(SAME, session_id, participant_id, step_id, answer_id, value)
        known = self.by_id.get((session_id, answer_id))
        if known is not None:
            if (known.participant_id, known.step_id) != (participant_id, step_id):
                raise AnswerConflict(answer_id)
            if known.value == value:
                return written  # a retry of what is stored: acknowledge it, change nothing
            if moderated(self.conn, session_id, [known]):
                raise AnswerModerated(answer_id)
            known.value = value
            known.anonymous = known.anonymous or anonymous
            # A changed answer waits for approval again where the step asks for it.
            known.hidden = pending or known.hidden
            known.pending = pending or known.pending
            changes = {
                "value": value,
                "anonymous": known.anonymous,
                "hidden": known.hidden,
                "pending": known.pending,
            }
            if known.params is not None:  # inserted by this very batch: not written yet
                known.params.update(changes)
            else:
                self.conn.execute(
                    update(_A).where(_A.c.id == known.id).values(**changes, updated_at=self.moment)
                )
            return replace(written, kind=CHANGED, anonymous=anonymous, pending=pending)
        key = (participant_id, step_id)
        current = self.mine[key]
        replaced: tuple[str, ...] = ()
        if answer["max_answers"] == 1:
            if moderated(self.conn, session_id, current):
                raise AnswerModerated(answer_id)
            replaced = tuple(row.answer_id for row in current)
            for row in current:
                self.by_id.pop((session_id, row.answer_id), None)
                if row.id is not None:
                    self.doomed.append(row.id)
                else:
                    self.inserts.remove(row)
            current.clear()
        elif self.stored.get(key, 0) + len(current) >= answer["max_answers"]:
            raise TooManyAnswers(answer["max_answers"])
        params = {
            "session_id": session_id,
            "participant_id": participant_id,
            "step_id": step_id,
            "answer_id": answer_id,
            "value": value,
            "hidden": pending,
            "highlighted": False,
            "merged_into": None,
            "confirmed": False,
            "edited": False,
            "anonymous": anonymous,
            "pending": pending,
            "apart": False,
            "created_at": self.moment,
            "updated_at": self.moment,
        }
        row = Row(None, answer_id, participant_id, step_id, value, pending, None, False, False)
        row.anonymous, row.pending, row.params = anonymous, pending, params
        self.by_id[(session_id, answer_id)] = row
        current.append(row)
        self.inserts.append(row)
        return Written(
            ADDED,
            session_id,
            participant_id,
            step_id,
            answer_id,
            value,
            anonymous=anonymous,
            pending=pending,
            moment=self.moment,
            replaced=replaced,
        )

    def finish(self) -> None:
        if self.doomed:
            self.conn.execute(DELETE_ROWS, {"ids": self.doomed})
        if self.inserts:
            self.conn.execute(INSERT, [row.params for row in self.inserts])


def write_answers(conn, answers: list[dict[str, Any]], moment) -> list[Written | Exception]:
    """Each answer's outcome, in order: what was written, or the refusal."""
    batch = Batch(conn, answers, moment)
    outcomes: list[Written | Exception] = []
    for answer in answers:
        try:
            outcomes.append(batch.write(answer))
        except REFUSALS as refused:
            outcomes.append(refused)
    batch.finish()
    return outcomes
