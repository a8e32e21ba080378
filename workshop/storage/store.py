"""The store: sessions, participants, answers, dialogue tools and their drafts in SQLite or
PostgreSQL."""

from .answers import AnswerRows
from .dialogue_tools import DialogueToolRows
from .group_commit import GroupCommit
from .imports import ImportRows
from .late_answers import LateAnswerRows
from .participants import ParticipantRows
from .sessions import SessionRows
from .tool_drafts import ToolDraftRows


class Store(
    SessionRows,
    ParticipantRows,
    AnswerRows,
    LateAnswerRows,
    DialogueToolRows,
    ImportRows,
    ToolDraftRows,
):
    """Reads and writes the meeting's records; one method, one transaction."""

    def __init__(
        self,
        url: str,
        *,
        group_commit: bool = True,
        sqlite_synchronous: str = "FULL",
        sqlite_busy_timeout: float = 30.0,
        shared: bool = False,
    ):
        super().__init__(
            url,
            sqlite_synchronous=sqlite_synchronous,
            sqlite_busy_timeout=sqlite_busy_timeout,
            shared=shared,
        )
        if group_commit:
            self.answer_writer = GroupCommit(self.save_answers)
            self.participant_writer = GroupCommit(self.add_participants)
