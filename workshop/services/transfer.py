"""Importing a session exported by another server (its JSON export), as a new session here.

The file is read and checked whole first (``session_file``), and its results are made from
it before anything is written; then the session, its people and its answers are written in
one transaction, with new keys and tokens (a file never holds any). The session keeps its
join code when no session here has it, so a series of meetings moved together keeps its
links; otherwise it gets a new one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..domain.answers import Answer
from ..storage import CodeTaken, SessionRecord, Store
from .errors import Refused
from .reports import StepReport, step_reports
from .session_file import BadSessionFile, SessionFile, read_session_file
from .sessions import new_code, new_secret

__all__ = ["BadSessionFile", "Imported", "import_session"]


@dataclass(frozen=True)
class Imported:
    """The new session, and how the import went."""

    session: SessionRecord
    # The code the session had where it came from (its code here too, when it was free).
    code_before: str
    participants: int
    answers: int
    late_answers: int
    # Steps whose results, made here, differ from those in the file (see docs/protocol.md).
    differing_steps: tuple[str, ...] = ()


def import_session(store: Store, data: bytes) -> Imported:
    """Import the session in ``data``; BadSessionFile says what is wrong with a file."""
    found = read_session_file(data)
    differing = differing_steps(found, results_of(found))
    people = [{**person, "token": new_secret()} for person in found.people]
    code = found.code
    for _attempt in range(20):
        if store.code_in_use(code):
            code = new_code()
            continue
        try:
            session = store.import_session(
                code=code,
                title=found.title,
                dialogue=found.dialogue,
                language=found.language,
                facilitator_key=new_secret(),
                screen_key=new_secret(),
                state=found.state,
                details=found.details,
                practice=found.practice,
                keep=found.keep,
                follow_up=found.follow_up,
                tidy=found.tidy,
                created_at=found.created_at,
                people=people,
                answers=found.answers,
                late_answers=found.late_answers,
            )
        except CodeTaken:
            code = new_code()
            continue
        return Imported(
            session=session,
            code_before=found.code,
            participants=sum(not p["respondent"] and not p["removed"] for p in found.people),
            answers=len(found.answers),
            late_answers=len(found.late_answers),
            differing_steps=differing,
        )
    raise Refused("no_free_code")


def results_of(found: SessionFile) -> tuple[StepReport, ...]:
    """The steps' results as the imported session will show them, made before it is written:
    a file they cannot be made from is refused."""
    people = {person["key"]: person for person in found.people}
    numbers = {key: number for number, key in enumerate(people, start=1)}
    answers = [
        Answer(
            answer_id=entry["answer_id"],
            participant_id=numbers[entry["person"]],
            step_id=entry["step_id"],
            value=entry["value"],
            # As the store hands answers out: a name never travels with an anonymous one.
            name="" if entry["anonymous"] else people[entry["person"]]["name"],
            table=people[entry["person"]]["table_id"],
            hidden=entry["hidden"],
            highlighted=entry["highlighted"],
            merged_into=entry["merged_into"],
            confirmed=entry["confirmed"],
            created_at=entry["created_at"],
            anonymous=entry["anonymous"],
            edited=entry["edited"],
            pending=entry["pending"],
            apart=entry["apart"],
        )
        for entry in found.answers
    ]
    try:
        return step_reports(found.tool, found.state, answers, found.follow_up, found.tidy)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        # Each part was checked; what is left is the follow-up the kinds read as they are.
        raise BadSessionFile(
            "session.follow_up",
            f"the results cannot be made from the file ({type(error).__name__}): "
            "its follow-up does not have the form this server reads",
        ) from None


def differing_steps(found: SessionFile, made: tuple[StepReport, ...]) -> tuple[str, ...]:
    """The steps whose results, made from the file's answers, are not those in the file."""
    return tuple(
        item.step.id
        for item in made
        if item.step.id in found.summaries
        and _plain(item.summary) != _plain(found.summaries[item.step.id])
    )


def _plain(value: Any) -> Any:
    """A summary as it reads back from JSON (tuples become lists, keys become text)."""
    return json.loads(json.dumps(value, ensure_ascii=False))
