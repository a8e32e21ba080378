"""Persistence: the only package that speaks SQL. SQLite by default, PostgreSQL by URL."""

from .answers import AnswerConflict, AnswerModerated, TooManyAnswers
from .database import StoreUnavailable
from .records import ParticipantRecord, SessionRecord
from .sessions import CodeTaken, StaleSession
from .store import Store
from .tool_drafts import DraftIdTaken, DraftRecord, TooManyDrafts

__all__ = [
    "AnswerConflict",
    "AnswerModerated",
    "CodeTaken",
    "DraftIdTaken",
    "DraftRecord",
    "ParticipantRecord",
    "SessionRecord",
    "StaleSession",
    "Store",
    "StoreUnavailable",
    "TooManyAnswers",
    "TooManyDrafts",
]
