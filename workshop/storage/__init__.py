"""Persistence: the only package that speaks SQL. SQLite by default, PostgreSQL by URL."""

from .store import (
    AnswerConflict,
    ParticipantRecord,
    SessionRecord,
    StaleSession,
    Store,
    StoreUnavailable,
)

__all__ = [
    "AnswerConflict",
    "ParticipantRecord",
    "SessionRecord",
    "StaleSession",
    "Store",
    "StoreUnavailable",
]
