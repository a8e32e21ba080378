"""Persistence: the only package that speaks SQL. SQLite by default, PostgreSQL by URL."""

from .answers import AnswerConflict, AnswerModerated, TooManyAnswers
from .database import StoreUnavailable
from .records import ParticipantRecord, SessionRecord
from .sessions import StaleSession
from .store import Store

__all__ = [
    "AnswerConflict",
    "AnswerModerated",
    "ParticipantRecord",
    "SessionRecord",
    "StaleSession",
    "Store",
    "StoreUnavailable",
    "TooManyAnswers",
]
