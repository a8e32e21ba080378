"""A participant's use cases: join a session (or come back to it) and answer its steps."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..domain.errors import InvalidAnswer
from ..domain.steps import validate_answer
from ..storage import AnswerConflict, ParticipantRecord, SessionRecord, Store
from .errors import Refused
from .events import Event, ParticipantsChanged, ResultsChanged
from .sessions import find_session, new_secret, same_secret, tool_of

MAX_NAME = 40
ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Kinds where a participant has one answer that a new one replaces.
SINGLE_ANSWER_KINDS = ("choice", "scale")


@dataclass(frozen=True)
class Joined:
    session: SessionRecord
    participant: ParticipantRecord
    returning: bool
    events: list[Event]


def clean_name(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refused("bad_name")
    name = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise Refused("name_too_long", limit=MAX_NAME)
    return name


def join(store: Store, code: Any, token: Any = None, name: Any = None) -> Joined:
    """Let a phone in: the same participant again when its token is known, else a new one."""
    session = find_session(store, code)
    clean = clean_name(name)
    if isinstance(token, str) and token:
        known = store.participant_by_token(session.id, token)
        if known is not None and same_secret(token, known.token):
            if clean and clean != known.name:
                store.rename_participant(known.id, clean)
                known = ParticipantRecord(**{**known.__dict__, "name": clean})
            return Joined(session, known, True, [])
    if session.state.ended:
        raise Refused("session_ended")
    participant = store.add_participant(session.id, new_secret(), clean)
    return Joined(session, participant, False, [ParticipantsChanged(session.code)])


def submit_answer(
    store: Store, code: str, participant_id: int, payload: Any
) -> tuple[str, list[Event]]:
    """Validate and store one answer; returns its ``answer_id`` once it is committed."""
    if not isinstance(payload, dict):
        raise Refused("bad_payload")
    step_id, answer_id = payload.get("step_id"), payload.get("answer_id")
    if not isinstance(answer_id, str) or not ANSWER_ID.match(answer_id):
        raise Refused("bad_answer_id")
    if not isinstance(step_id, str) or "value" not in payload:
        raise Refused("bad_payload")
    session = find_session(store, code)
    tool = tool_of(session)
    step = tool.step(step_id)
    if step is None:
        raise Refused("unknown_step")
    if session.state.ended:
        raise Refused("session_ended")
    if not step.answerable:
        raise InvalidAnswer("not_answerable")
    if not session.state.accepts_answers_for(tool, step_id):
        raise Refused("answering_closed")
    value = validate_answer(step, payload["value"])
    try:
        store.save_answer(
            session_id=session.id,
            participant_id=participant_id,
            step_id=step_id,
            answer_id=answer_id,
            value=value,
            only_one_per_participant=step.kind in SINGLE_ANSWER_KINDS,
        )
    except AnswerConflict:
        raise Refused("answer_id_taken") from None
    return answer_id, [ResultsChanged(session.code, step_id)]
