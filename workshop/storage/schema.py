"""The database tables. One schema serves SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

metadata = MetaData()

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    # As long as a title may be (MAX_PROMPT); databases made with 200 are widened at start.
    Column("title", String(300), nullable=False),
    Column("dialogue_id", String(40), nullable=False),
    Column("dialogue", JSON, nullable=False),
    Column("language", String(5), nullable=False),
    Column("facilitator_key", String(64), nullable=False),
    Column("screen_key", String(64), nullable=False),
    Column("status", String(10), nullable=False),
    Column("step_index", Integer, nullable=False),
    Column("answering", Boolean, nullable=False),
    # The room's controls (lock, reveals, timer, live settings, tables, step visits).
    Column("controls", JSON, nullable=False),
    # What the report's cover says: organisation, place, facilitator.
    Column("details", JSON, nullable=False),
    # A rehearsal: the facilitator practises with simulated phones; deleted afterwards.
    Column("practice", Boolean, nullable=False, default=False),
    # The organiser keeps it past the retention period.
    Column("keep", Boolean, nullable=False, default=False),
    # A follow-up meeting: the earlier meeting's action points, the series before it and the
    # statuses agreed tonight (see ``domain.follow_up``); null for a meeting of its own.
    Column("follow_up", JSON, nullable=True),
    # The facilitator's tidy decisions by step id (dismissed suggestions, a word cloud's hidden
    # and merged words; see ``domain.tidy``); null until the first one.
    Column("tidy", JSON, nullable=True),
    Column("revision", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("name", String(60), nullable=False, default=""),
    Column("table_id", String(10), nullable=True),
    # One shared phone answering for a whole table.
    Column("is_table", Boolean, nullable=False, default=False),
    Column("removed", Boolean, nullable=False, default=False),
    # Made by an import for one participant's answers on one step that its file carried
    # without a name: no phone, no name, never listed or counted as a participant.
    Column("respondent", Boolean, nullable=False, default=False),
    Column("joined_at", DateTime(timezone=True), nullable=False),
    Index("ix_participants_session", "session_id"),
)


def _answer_columns() -> list[Column]:
    """What every answer row has, kept or waiting: who gave which value to which step."""
    return [
        Column("id", Integer, primary_key=True),
        Column(
            "session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
        ),
        Column(
            "participant_id",
            Integer,
            ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("step_id", String(40), nullable=False),
        Column("answer_id", String(64), nullable=False),
        Column("value", JSON, nullable=False),
    ]


answers = Table(
    "answers",
    metadata,
    *_answer_columns(),
    Column("hidden", Boolean, nullable=False, default=False),
    Column("highlighted", Boolean, nullable=False, default=False),
    Column("merged_into", String(64), nullable=True),
    Column("confirmed", Boolean, nullable=False, default=False),
    # The facilitator rewrote the value (an action point): the participant's text is gone.
    Column("edited", Boolean, nullable=False, default=False),
    # Whether the step was anonymous when the answer was given; never shows a name later.
    Column("anonymous", Boolean, nullable=False, default=True),
    # Waiting for the facilitator's approval (pre-moderation); hidden meanwhile.
    Column("pending", Boolean, nullable=False, default=False),
    # The facilitator pulled it out of the card of its identical answers: never folded again.
    Column("apart", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("session_id", "answer_id", name="uq_answers_session_answer_id"),
    Index("ix_answers_session_step", "session_id", "step_id"),
    Index("ix_answers_participant_step", "participant_id", "step_id"),
)

# Answers that reached the server after answering had closed: kept for the facilitator, who
# may let them in; until then they count nowhere.
late_answers = Table(
    "late_answers",
    metadata,
    *_answer_columns(),
    Column("anonymous", Boolean, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("session_id", "answer_id", name="uq_late_answers_session_answer_id"),
    Index("ix_late_answers_session_step", "session_id", "step_id"),
)

# Columns added after the first release, with the value that rows written before them get.
# Answers from before ``anonymous`` existed count as anonymous: nobody can say what was
# promised when they were given.
ADDED_COLUMNS = (
    ("answers", "edited", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("answers", "anonymous", "BOOLEAN NOT NULL DEFAULT TRUE"),
    ("answers", "pending", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("answers", "apart", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("sessions", "practice", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("sessions", "keep", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("sessions", "follow_up", "JSON"),
    ("sessions", "tidy", "JSON"),
    ("participants", "respondent", "BOOLEAN NOT NULL DEFAULT FALSE"),
)

# String columns made longer after the first release: (table, column, the new length). SQLite
# does not enforce a string's length; PostgreSQL does, so its columns are altered at start.
WIDENED_COLUMNS = (("sessions", "title", 300),)

dialogue_tools = Table(
    "dialogue_tools",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", String(300), nullable=False),
    Column("language", String(5), nullable=False),
    Column("definition", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Dialogue tools being written in the browser's editor, kept as written (with their problems)
# until they are deleted; one without problems is also kept in ``dialogue_tools`` (``tool_id``).
tool_drafts = Table(
    "tool_drafts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", String(300), nullable=False),
    Column("document", JSON, nullable=False),
    # How many problems the last save found (0: startable).
    Column("problems", Integer, nullable=False),
    # The tool it was last published as, if any.
    Column("tool_id", String(40), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
