"""Reading a session file (the JSON export) that comes from elsewhere: within fixed bounds,
checked as a whole before anything is written, every refusal saying where and what.

Only what an import writes is read. ``steps`` (with the result summaries) and ``action_plan``
are derived from the rest; the summaries are kept to compare the imported results with.
Unknown keys are ignored, as everywhere in the protocol.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.dialogue import MAX_LABEL, MAX_PROMPT, DialogueTool, StepSettings
from ..domain.errors import InvalidCommand, InvalidDialogue
from ..domain.follow_up import BadFollowUp
from ..domain.follow_up import checked as checked_follow_up
from ..domain.languages import LANGUAGES
from ..domain.session import (
    ENDED,
    LOBBY,
    MAX_TABLES,
    RUNNING,
    SessionState,
    StepVisit,
    Table,
    Timer,
    changed_settings,
)
from ..domain.text import one_line, several_lines
from ..domain.tidy import BadTidy
from ..domain.tidy import checked as checked_tidy
from ..domain.tools import parse_dialogue, tool_definition
from . import untrusted_json as read
from .facilitation import DETAILS, MAX_DETAIL, MAX_NOTES
from .session_file_answers import (
    read_answers,
    read_late_answers,
    read_participants,
    read_respondents,
)
from .untrusted_json import BadSessionFile, load_document

FORMAT = "workshop-session/2"
# The bounds of what is read. A session of 3,000 participants with eight answers each makes
# a file of about 21 MB (40 with results per table); past these it is no real meeting.
MAX_BYTES = 64 * 1024 * 1024
# Values of every kind in the file (objects, lists, strings, numbers). A real export has one
# value per 27 bytes or so: about 2.5 million at MAX_BYTES. A file of nothing but "{}," near
# that size has 20 million, and took 1.5 GB to parse; refused, it takes nothing.
MAX_VALUES = 4_000_000
# How far ahead of this server's clock a time in the file may be.
CLOCK_SKEW = timedelta(minutes=10)
MAX_DEPTH = 20
MAX_VISITS = 10_000
MAX_FOLLOW_UP = 1024 * 1024  # characters of the follow-up, as JSON
MAX_SECONDS = 10**7  # a time box, or the time it has run
MAX_EPOCH = 10**11  # seconds since 1970: far beyond any meeting
TABLE_ID = re.compile(r"^t[1-9][0-9]{0,2}$")
CODE = re.compile(r"^[0-9]{6}$")
SETTINGS = frozenset(StepSettings().to_dict())


@dataclass(frozen=True)
class SessionFile:
    """What an import writes, read and checked. People are keyed ``("participant", id)`` and
    ``("respondent", label)``, as the file names them; answers name theirs in ``person``."""

    code: str
    title: str
    language: str
    created_at: datetime
    details: dict[str, str]
    practice: bool
    keep: bool
    follow_up: dict[str, Any] | None
    state: SessionState
    tool: DialogueTool
    dialogue: dict[str, Any]
    people: list[dict[str, Any]]
    answers: list[dict[str, Any]]
    late_answers: list[dict[str, Any]]
    # The file's own result summaries by step, to compare the imported results with.
    summaries: dict[str, Any] = field(default_factory=dict)
    # The facilitator's tidy decisions by step id (``domain.tidy``).
    tidy: dict[str, Any] = field(default_factory=dict)


def read_session_file(data: bytes) -> SessionFile:
    """The session in ``data``, or BadSessionFile saying what is wrong with it."""
    document = load_document(data, MAX_BYTES, MAX_DEPTH, MAX_VALUES)
    _check_format(document)
    session = read.mapping(document.get("session"), "session")
    # A clock a little ahead on the server that exported is no reason to refuse the file.
    latest = datetime.now(UTC) + CLOCK_SKEW
    created_at = read.moment(session.get("created_at"), "session.created_at", latest)
    tool = _tool(document.get("dialogue"))
    tables = _tables(session.get("tables"))
    state = _state(session, tool, tables)
    people = read_participants(document.get("participants"))
    people += read_respondents(document.get("respondents"), tables, created_at)
    known = {person["key"] for person in people}
    follow_up = _follow_up(session.get("follow_up"))
    answers = read_answers(document.get("answers"), tool, state, known, follow_up)
    late = read_late_answers(document.get("late_answers"), tool, state, known, answers, follow_up)
    used = {answer["person"] for answer in answers + late}
    respondents = [person for person in people if person["respondent"]]
    for position, person in enumerate(respondents):
        if person["key"] not in used:
            raise BadSessionFile(f"respondents[{position}]", f"{person['key'][1]} gave no answer")
    # Written in the order they came, as the database hands answers out.
    answers.sort(key=lambda answer: answer["created_at"])
    late.sort(key=lambda answer: answer["received_at"])
    practice = read.flag(session.get("practice"), "session.practice")
    if practice and follow_up is not None:
        raise BadSessionFile("session.practice", "a rehearsal cannot be a follow-up meeting")
    return SessionFile(
        code=_code(session.get("code")),
        title=_title(session.get("title")),
        language=read.choice(session.get("language"), LANGUAGES, "session.language"),
        created_at=created_at,
        details=_details(session.get("details")),
        practice=practice,
        keep=read.flag(session.get("keep"), "session.keep"),
        follow_up=follow_up,
        state=state,
        tool=tool,
        dialogue=tool_definition(tool),
        people=people,
        answers=answers,
        late_answers=late,
        summaries=_summaries(document.get("steps")),
        tidy=_tidy(session.get("tidy"), tool),
    )


def _check_format(document: dict[str, Any]) -> None:
    given = document.get("format")
    if given == FORMAT:
        return
    if given == "workshop-session/1":
        raise BadSessionFile(
            "format",
            "this file is in the older format workshop-session/1, which lacks what an import "
            "needs (who gave the anonymous answers on each step, the late answers, the room's "
            "controls); export the session again from a server of this version",
        )
    if isinstance(given, str) and given.startswith("workshop-session/"):
        raise BadSessionFile(
            "format",
            f"this server reads {FORMAT} files, not {given[:40]!r}; "
            "a newer version of the tool may read it",
        )
    shown = repr(given)[:40] if given is not None else "missing"
    raise BadSessionFile(
        "format", f"this is not a session export (format {shown}, expected {FORMAT!r})"
    )


# the session -------------------------------------------------------------------------


def _code(value: Any) -> str:
    if not isinstance(value, str) or not CODE.fullmatch(value):
        raise BadSessionFile("session.code", "must be six digits")
    return value


def _title(value: Any) -> str:
    title = one_line(read.text(value, "session.title", MAX_PROMPT))
    if not title:
        raise BadSessionFile("session.title", "is empty")
    return title


def _details(value: Any) -> dict[str, str]:
    details: dict[str, str] = {}
    for key, text in read.mapping(value, "session.details").items():
        where = f"session.details.{key[:40]}"
        if key == "notes":
            details[key] = several_lines(read.text(text, where, MAX_NOTES))
        elif key in DETAILS:
            details[key] = one_line(read.text(text, where, MAX_DETAIL))
        else:
            raise BadSessionFile(where, f"is not one of {', '.join((*DETAILS, 'notes'))}")
    return details


def _follow_up(value: Any) -> dict[str, Any] | None:
    """The earlier meeting's points, series and agreements, checked field by field."""
    if value is None:
        return None
    follow_up = read.mapping(value, "session.follow_up")
    if len(json.dumps(follow_up, ensure_ascii=False)) > MAX_FOLLOW_UP:
        raise BadSessionFile("session.follow_up", f"is over {MAX_FOLLOW_UP:,} characters")
    try:
        return checked_follow_up(follow_up)
    except BadFollowUp as error:
        raise BadSessionFile(f"session.{error.where}", error.reason) from None


def _tidy(value: Any, tool: DialogueTool) -> dict[str, Any]:
    """The facilitator's tidy decisions, on steps of the tool (absent in older files)."""
    try:
        return checked_tidy(value, {step.id for step in tool.steps})
    except BadTidy as error:
        raise BadSessionFile(f"session.{error.where}", error.reason) from None


def _tool(value: Any) -> DialogueTool:
    try:
        return parse_dialogue(read.mapping(value, "dialogue"))
    except InvalidDialogue as error:
        listed = "; ".join(
            f"{problem.step or 'the tool'}, {problem.field or 'itself'}: {problem.code}"
            for problem in error.problems[:5]
        )
        more = len(error.problems) - 5 + error.more
        tail = f" and {more} more" if more > 0 else ""
        raise BadSessionFile("dialogue", f"the dialogue tool has problems: {listed}{tail}")


def _tables(value: Any) -> tuple[Table, ...]:
    tables = []
    for position, raw in enumerate(read.listed(value, "session.tables", MAX_TABLES)):
        where = f"session.tables[{position}]"
        entry = read.mapping(raw, where)
        table_id = entry.get("id")
        if not isinstance(table_id, str) or not TABLE_ID.fullmatch(table_id):
            raise BadSessionFile(f"{where}.id", "must be t1, t2, ...")
        name = one_line(read.text(entry.get("name"), f"{where}.name", MAX_LABEL))
        if not name:
            raise BadSessionFile(f"{where}.name", "is empty")
        tables.append(Table(table_id, name))
    if len({table.id for table in tables}) != len(tables):
        raise BadSessionFile("session.tables", "has the same id twice")
    return tuple(tables)


def _state(session: dict[str, Any], tool: DialogueTool, tables: tuple[Table, ...]) -> SessionState:
    status = read.choice(session.get("status"), (LOBBY, RUNNING, ENDED), "session.status")
    raw = read.mapping(session.get("state"), "session.state")
    index = read.whole(raw.get("step_index"), "session.state.step_index", 0, len(tool.steps) - 1)
    answering = read.flag(raw.get("answering"), "session.state.answering")
    if answering and (status != RUNNING or not tool.steps[index].answerable):
        raise BadSessionFile(
            "session.state.answering", "can only be true on a running step that takes answers"
        )
    by_table = read.flag(raw.get("by_table"), "session.state.by_table")
    if by_table and not tables:
        raise BadSessionFile("session.state.by_table", "needs tables")
    timer = read.mapping(raw.get("timer"), "session.state.timer")
    duration = timer.get("duration")
    started_at = timer.get("started_at")
    return SessionState(
        status=status,
        step_index=index,
        answering=answering,
        locked=read.flag(raw.get("locked"), "session.state.locked"),
        screen_reveal=read.optional_flag(raw.get("screen_reveal"), "session.state.screen_reveal"),
        phone_reveal=read.optional_flag(raw.get("phone_reveal"), "session.state.phone_reveal"),
        timer=Timer(
            duration=None
            if duration is None
            else read.whole(duration, "session.state.timer.duration", 0, MAX_SECONDS),
            started_at=None
            if started_at is None
            else read.number(started_at, "session.state.timer.started_at", 0, MAX_EPOCH),
            elapsed=read.number(
                timer.get("elapsed"), "session.state.timer.elapsed", 0, MAX_SECONDS
            ),
        ),
        overrides=_overrides(raw.get("overrides"), tool),
        tables=tables,
        by_table=by_table,
        visits=_visits(raw.get("visits"), tool),
    )


def _overrides(value: Any, tool: DialogueTool) -> dict[str, dict[str, Any]]:
    """The facilitator's live changes to steps' settings, checked as the command checks them."""
    overrides = {}
    for step_id, raw in read.mapping(value, "session.state.overrides").items():
        where = f"session.state.overrides.{step_id[:40]}"
        step = tool.step(step_id)
        if step is None:
            raise BadSessionFile(where, "is not a step of the dialogue tool")
        changes = read.mapping(raw, where)
        unknown = sorted(set(changes) - SETTINGS)
        if unknown:
            raise BadSessionFile(f"{where}.{unknown[0][:40]}", "is not a setting of a step")
        try:
            overrides[step_id] = changed_settings(step.settings, changes)
        except InvalidCommand as error:
            raise BadSessionFile(
                f"{where}.{error.details.get('field') or ''}", "has a value it cannot take"
            ) from None
    return overrides


def _visits(value: Any, tool: DialogueTool) -> tuple[StepVisit, ...]:
    visits = []
    for position, raw in enumerate(read.listed(value, "session.state.visits", MAX_VISITS)):
        where = f"session.state.visits[{position}]"
        visit = read.mapping(raw, where)
        step_id = visit.get("step_id")
        if not isinstance(step_id, str) or tool.step(step_id) is None:
            raise BadSessionFile(f"{where}.step_id", "is not a step of the dialogue tool")
        left_at = visit.get("left_at")
        visits.append(
            StepVisit(
                step_id,
                read.number(visit.get("entered_at"), f"{where}.entered_at", 0, MAX_EPOCH),
                None if left_at is None else read.number(left_at, f"{where}.left_at", 0, MAX_EPOCH),
            )
        )
    return tuple(visits)


def _summaries(value: Any) -> dict[str, Any]:
    summaries = {}
    for position, raw in enumerate(read.listed(value, "steps", 1000)):
        step = read.mapping(raw, f"steps[{position}]")
        step_id = step.get("id")
        if isinstance(step_id, str):
            summaries[step_id] = step.get("summary")
    return summaries


# people ------------------------------------------------------------------------------
