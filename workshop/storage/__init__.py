"""Persistence: the only package that speaks SQL. SQLite by default, PostgreSQL by URL."""

from .store import (
    AnswerConflict,
    ParticipantRecord,
    SessionRecord,
    StaleSession,
    Store,
    StoreUnavailable,
    TooManyAnswers,
)

__all__ = [
    "TooManyAnswers",
    "AnswerConflict",
    "ParticipantRecord",
    "SessionRecord",
    "StaleSession",
    "Store",
    "StoreUnavailable",
]
