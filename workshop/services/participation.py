"""A participant's use cases: join a session (or come back to it), pick a table, answer."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..domain.errors import InvalidAnswer
from ..domain.kinds import kind_of, validate_answer
from ..domain.session import expire
from ..domain.text import one_line
from ..storage import (
    AnswerConflict,
    AnswerModerated,
    ParticipantRecord,
    SessionRecord,
    Store,
    TooManyAnswers,
)
from .context import context_for
from .errors import Refused
from .events import Event, ParticipantsChanged, ResultsChanged, StateChanged
from .first_readings import participants_counted
from .sessions import find_session, new_secret, same_secret, tool_of

MAX_NAME = 40
ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Joined:
    session: SessionRecord
    participant: ParticipantRecord
    events: list[Event]


def clean_name(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refused("bad_name")
    name = one_line(value)
    if len(name) > MAX_NAME:
        raise Refused("name_too_long", limit=MAX_NAME)
    return name


def _table(session: SessionRecord, table: Any) -> str | None:
    if table is None or table == "":
        return None
    if table not in session.state.table_ids():
        raise Refused("unknown_table")
    return table


def holds_token(store: Store, session: SessionRecord, token: Any) -> bool:
    """True if ``token`` is the token of one of this session's participants."""
    if not isinstance(token, str) or not token:
        return False
    known = store.participant_by_token(session.id, token)
    return known is not None and same_secret(token, known.token)


def seated(
    store: Store, session: SessionRecord, connected: Callable[[int], bool] | None, limit: int
) -> bool:
    """True if ``limit`` seats are taken: by participants not removed, and not gone without
    ever answering, and by newcomers being written now or just written (phones arriving
    together share a commit, and are told one by one after it). Counting the silent ones
    costs a query, so only at the cap."""
    joined = participants_counted(store, session.id) + store.joining(session.id)
    if joined < limit or connected is None:
        return joined >= limit
    gone = [
        pid
        for pid in store.silent_participants(session.id)
        if not connected(pid) and not store.arriving(session.id, pid)
    ]
    return joined - len(gone) >= limit


def join(
    store: Store,
    session: SessionRecord,
    token: Any = None,
    name: Any = None,
    table: Any = None,
    as_table: Any = False,
    max_participants: int | None = None,
    admit: Callable[[], bool] | None = None,
    connected: Callable[[int], bool] | None = None,
) -> Joined:
    """Let a phone in: the same participant again when its token is known, else a new one.

    A removed participant with its token stays out; without it, it is a stranger, who gets
    in like anyone else unless the facilitator has locked joining.

    A newcomer takes a seat only while ``admit`` says the session's pace of arrivals allows
    (``joining_busy`` otherwise: the phone tries again by itself). Toward the cap count
    those who answered something or are ``connected`` now: a participant who never answered
    and left keeps no seat from anyone.
    """
    clean = clean_name(name)
    if isinstance(token, str) and token:
        known = store.participant_by_token(session.id, token)
        if known is not None and same_secret(token, known.token):
            if known.removed:
                raise Refused("removed")
            if clean and clean != known.name:
                store.update_participant(session.id, known.id, name=clean)
                known = replace(known, name=clean)
            return Joined(session, known, [])
    if session.state.ended:
        raise Refused("session_ended")
    if session.state.locked:
        raise Refused("locked")
    if max_participants is not None and seated(store, session, connected, max_participants):
        raise Refused("session_full", limit=max_participants)
    if admit is not None and not admit():
        raise Refused("joining_busy")
    table_id = _table(session, table)
    sharing = as_table is True and table_id is not None
    participant = store.add_participant(session.id, new_secret(), clean, table_id, sharing)
    return Joined(session, participant, [ParticipantsChanged(session.code, participant.id)])


def update_profile(
    store: Store, code: str, participant_id: int, payload: Any
) -> tuple[ParticipantRecord, list[Event]]:
    """A participant changes its name or picks its table."""
    if not isinstance(payload, dict):
        raise Refused("bad_payload")
    session = find_session(store, code)
    changes: dict[str, Any] = {}
    if "name" in payload:
        changes["name"] = clean_name(payload["name"])
    if "table" in payload:
        changes["table_id"] = _table(session, payload["table"])
        if changes["table_id"] is None:
            changes["is_table"] = False
    if "as_table" in payload:
        if not isinstance(payload["as_table"], bool):
            raise Refused("bad_payload")
        changes["is_table"] = payload["as_table"]
    if not changes:
        raise Refused("bad_payload")
    store.update_participant(session.id, participant_id, **changes)
    participant = store.participant(session.id, participant_id)
    assert participant is not None
    return participant, [ParticipantsChanged(session.code, participant.id)]


def keep_late(
    store: Store, session: SessionRecord, step, participant_id: int, answer_id: str, raw: Any
) -> bool:
    """Keep an answer that came after answering closed, if it would have counted then.

    Only for a step the room has been on (not one still to come), only a participant's first
    answers to it (a late one never replaces an answer that was counted), and only while the
    session runs.
    """
    if session.state.ended or not step.answerable:
        return False
    if not any(visit.step_id == step.id for visit in session.state.visits):
        return False
    participant = store.participant(session.id, participant_id)
    if participant is None or participant.removed:
        return False
    try:
        value = validate_answer(step, raw, context_for(store, session, step))
    except InvalidAnswer:
        return False
    given = store.answers_of_participant(session.id, participant_id)
    if sum(a.step_id == step.id for a in given) >= kind_of(step.kind).answers_allowed(step):
        return False
    store.keep_late_answer(
        session_id=session.id,
        participant_id=participant_id,
        step_id=step.id,
        answer_id=answer_id,
        value=value,
        anonymous=step.settings.anonymous,
    )
    return True


def submit_answer(
    store: Store, code: str, participant_id: int, payload: Any
) -> tuple[str, list[Event]]:
    """Validate and store one answer; returns its ``answer_id`` once it is committed."""
    if not isinstance(payload, dict):
        raise Refused("bad_payload")
    step_id, answer_id = payload.get("step_id"), payload.get("answer_id")
    if not isinstance(answer_id, str) or not ANSWER_ID.fullmatch(answer_id):
        raise Refused("bad_answer_id")
    if not isinstance(step_id, str) or "value" not in payload:
        raise Refused("bad_payload")
    session = find_session(store, code)
    tool = tool_of(session)
    if tool.step(step_id) is None:
        raise Refused("unknown_step")
    if session.state.ended:
        raise Refused("session_ended")
    index = tool.step_index(step_id)
    step = session.state.step(tool, index)
    if not step.answerable:
        raise InvalidAnswer("not_answerable")
    events: list[Event] = []
    expired = expire(session.state, tool, time.time())
    if expired is not None:
        store.save_state(session, expired)
        session = replace(session, state=expired, revision=session.revision + 1)
        events.append(StateChanged(session.code))
    if not session.state.accepts_answers_for(tool, step_id):
        if keep_late(store, session, step, participant_id, answer_id, payload["value"]):
            # Not lost: the facilitator sees it arrived late and may let it in.
            raise Refused("kept_late", events=[*events, ResultsChanged(session.code, step_id)])
        raise Refused("answering_closed", events=events)
    participant = store.participant(session.id, participant_id)
    if participant is None or participant.removed:
        raise Refused("removed")
    value = validate_answer(step, payload["value"], context_for(store, session, step))
    try:
        store.save_answer(
            session_id=session.id,
            participant_id=participant_id,
            step_id=step_id,
            answer_id=answer_id,
            value=value,
            max_answers=kind_of(step.kind).answers_allowed(step),
            anonymous=step.settings.anonymous,
            pending=step.settings.premoderate and kind_of(step.kind).premoderable,
        )
    except AnswerModerated:
        raise Refused("moderated") from None
    except AnswerConflict:
        raise Refused("answer_id_taken") from None
    except TooManyAnswers as limit:
        raise Refused("too_many_answers", limit=limit.args[0]) from None
    return answer_id, [*events, ResultsChanged(session.code, step_id)]
