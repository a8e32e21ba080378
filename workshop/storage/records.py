"""What the store hands out: plain records of sessions and participants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..domain.session import SessionState
from .codec import state_of
from .database import aware


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
    practice: bool = False
    keep: bool = False
    updated_at: datetime | None = None
    # The earlier meeting this one follows up (points, series, agreed statuses), or None.
    follow_up: dict[str, Any] | None = None
    # The facilitator's tidy decisions by step id (``domain.tidy``); empty until the first.
    tidy: dict[str, dict[str, Any]] = field(default_factory=dict)


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
    # A nameless row an import made for one participant's answers on one step that the file
    # carried without a name (see storage/imports.py); no participant of its own.
    respondent: bool = False


def session_record(row: Any) -> SessionRecord:
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
        created_at=aware(row.created_at),
        details=dict(row.details or {}),
        practice=bool(row.practice),
        keep=bool(row.keep),
        updated_at=aware(row.updated_at),
        follow_up=dict(row.follow_up) if row.follow_up else None,
        tidy=dict(row.tidy) if row.tidy else {},
    )


def participant_record(row: Any) -> ParticipantRecord:
    return ParticipantRecord(
        id=row.id,
        session_id=row.session_id,
        token=row.token,
        name=row.name,
        joined_at=aware(row.joined_at),
        table=row.table_id,
        is_table=bool(row.is_table),
        removed=bool(row.removed),
        respondent=bool(row.respondent),
    )
