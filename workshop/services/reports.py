"""The outcome of a session as exports read it: every step with its result summary."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from ..domain.answers import Answer, Context, alone_at_a_table
from ..domain.dialogue import DialogueTool, Step
from ..domain.kinds import Summary, summarise, summarise_by_table, summarise_without_table
from ..domain.session import SessionState
from ..domain.tidy import entry_of
from ..storage import ParticipantRecord, SessionRecord, Store
from .sessions import tool_of


@dataclass(frozen=True)
class StepReport:
    """One step of the report: its definition, and its summary when it takes answers."""

    index: int
    step: Step
    summary: Summary | None
    answer_count: int
    # When the room was on this step: (entered_at, left_at or None), epoch seconds.
    visits: tuple[tuple[float, float | None], ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything an export needs about a session, read in one go."""

    code: str
    title: str
    dialogue_id: str
    dialogue_title: str
    language: str
    status: str
    created_at: datetime
    exported_at: datetime
    participants: int
    steps: tuple[StepReport, ...]
    # The cover's organisation, place and facilitator, as the facilitator entered them.
    details: dict[str, str] = field(default_factory=dict)
    tables: tuple[tuple[str, str], ...] = ()
    # The raw material, for the CSV and JSON exports. ``people`` has every row an answer can
    # belong to: the participants, and the nameless respondents of an imported session.
    answers: tuple[Answer, ...] = ()
    people: tuple[ParticipantRecord, ...] = ()
    # A follow-up meeting's earlier points, series and agreements (``domain.follow_up``).
    follow_up: dict[str, Any] | None = None
    # What the JSON export adds so that another server can import the session: the room's
    # controls as they stand, the session's flags, and the answers kept as late.
    state: SessionState = field(default_factory=SessionState)
    practice: bool = False
    keep: bool = False
    late_answers: tuple[dict[str, Any], ...] = ()
    # The facilitator's tidy decisions by step id (``domain.tidy``), for the JSON export.
    tidy: dict[str, Any] = field(default_factory=dict)


def report_of(store: Store, session: SessionRecord) -> Report:
    tool = tool_of(session)
    answers = store.answers_of_session(session.id)
    people = store.people_of_session(session.id)
    tables = session.state.table_ids()
    if tables:
        # At a table of one, "table 3" would name the person: the report, the spreadsheets
        # and the file put such an anonymous answer at no table.
        alone = alone_at_a_table(people, tables)
        answers = [
            replace(answer, table=None)
            if answer.anonymous and answer.participant_id in alone
            else answer
            for answer in answers
        ]
    steps = step_reports(tool, session.state, answers, session.follow_up, session.tidy)
    return Report(
        code=session.code,
        title=session.title,
        dialogue_id=tool.id,
        dialogue_title=tool.title,
        language=session.language,
        status=session.state.status,
        created_at=session.created_at,
        exported_at=datetime.now(UTC),
        participants=sum(not (person.removed or person.respondent) for person in people),
        steps=steps,
        details=dict(session.details),
        tables=tuple((table.id, table.name) for table in session.state.tables),
        answers=tuple(answers),
        people=tuple(people),
        follow_up=session.follow_up,
        state=session.state,
        practice=session.practice,
        keep=session.keep,
        late_answers=tuple(store.late_answers_of_session(session.id)),
        tidy=dict(session.tidy),
    )


def step_reports(
    tool: DialogueTool,
    state: SessionState,
    answers: list[Answer],
    follow_up: dict[str, Any] | None,
    tidy: dict[str, Any] | None = None,
) -> tuple[StepReport, ...]:
    """Every step of the tool as the session runs it, with its summary (no store needed)."""
    by_step: dict[str, list] = {}
    for answer in answers:
        by_step.setdefault(answer.step_id, []).append(answer)
    tables = state.table_ids()
    steps = []
    for index in range(len(tool.steps)):
        step = state.step(tool, index)
        given = by_step.get(step.id, [])
        cards = {a.answer_id: a for a in by_step.get(step.source, [])} if step.source else {}
        context = Context(cards=cards, follow_up=follow_up, tidy=entry_of(tidy, step.id))
        summary = summarise(step, given, context) if step.answerable else None
        if summary is not None and tables:
            summary["by_table"] = summarise_by_table(step, given, tables, context)
            # People at no table, in a box of their own, as the room's results show them.
            without = summarise_without_table(step, given, tables, context)
            if without is not None:
                summary["without_table"] = without
        steps.append(
            StepReport(
                index=index,
                step=step,
                summary=summary,
                answer_count=len(given),
                visits=tuple(
                    (visit.entered_at, visit.left_at)
                    for visit in state.visits
                    if visit.step_id == step.id
                ),
            )
        )
    return tuple(steps)
