"""The store: sessions, participants, answers and dialogue tools in SQLite or PostgreSQL."""

from .answers import AnswerRows
from .dialogue_tools import DialogueToolRows
from .participants import ParticipantRows
from .sessions import SessionRows


class Store(SessionRows, ParticipantRows, AnswerRows, DialogueToolRows):
    """Reads and writes the meeting's records; one method, one transaction."""
