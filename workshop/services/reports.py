"""The outcome of a session as exports read it: every step with its result summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.dialogue import Step
from ..domain.steps import summarise
from ..storage import SessionRecord, Store
from .sessions import tool_of


@dataclass(frozen=True)
class StepReport:
    """One step of the report: its definition, and its summary when it takes answers."""

    index: int
    step: Step
    summary: dict[str, Any] | None
    answer_count: int


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


def report_of(store: Store, session: SessionRecord) -> Report:
    tool = tool_of(session)
    by_step: dict[str, list] = {}
    for answer in store.answers_of_session(session.id):
        by_step.setdefault(answer.step_id, []).append(answer)
    steps = []
    for index, step in enumerate(tool.steps):
        answers = by_step.get(step.id, [])
        steps.append(
            StepReport(
                index=index,
                step=step,
                summary=summarise(step, answers) if step.answerable else None,
                answer_count=len(answers),
            )
        )
    return Report(
        code=session.code,
        title=session.title,
        dialogue_id=tool.id,
        dialogue_title=tool.title,
        language=session.language,
        status=session.state.status,
        created_at=session.created_at,
        exported_at=datetime.now(UTC),
        participants=store.count_participants(session.id),
        steps=tuple(steps),
    )
