"""What each audience sees of a session: the full ``state`` snapshot and result summaries."""

from __future__ import annotations

from typing import Any

from ..domain.session import LOBBY
from ..domain.steps import summarise
from ..storage import ParticipantRecord, SessionRecord, Store
from .sessions import FACILITATOR, PARTICIPANT, SCREEN, tool_of


def current_step_summary(store: Store, session: SessionRecord) -> dict[str, Any] | None:
    """``{"step_id", "summary"}`` for the step on screen, or None when it takes no answers."""
    tool = tool_of(session)
    step = tool.steps[session.state.step_index]
    if not step.answerable or session.state.status == LOBBY:
        return None
    return results_of(store, session, step.id)


def results_of(store: Store, session: SessionRecord, step_id: str) -> dict[str, Any]:
    step = tool_of(session).step(step_id)
    assert step is not None
    return {
        "step_id": step_id,
        "summary": summarise(step, store.answers_for_step(session.id, step_id)),
    }


def state_of(
    store: Store,
    session: SessionRecord,
    audience: str,
    participant: ParticipantRecord | None = None,
) -> dict[str, Any]:
    """The full snapshot a client receives on (re)connect and after every change of state."""
    tool = tool_of(session)
    state = session.state
    in_lobby = state.status == LOBBY
    step = None if in_lobby else tool.steps[state.step_index]
    snapshot: dict[str, Any] = {
        "role": audience,
        "revision": session.revision,
        "session": {
            "code": session.code,
            "title": session.title,
            "language": session.language,
            "status": state.status,
            "dialogue": {"id": tool.id, "title": tool.title},
            "participants": store.count_participants(session.id),
        },
        "step_index": state.step_index,
        "step_count": len(tool.steps),
        "step": None if step is None else {"index": state.step_index, **step.to_dict()},
        "answering": bool(step is not None and state.answering),
        "results_visible": state.results_visible,
    }
    if audience == FACILITATOR:
        snapshot["steps"] = [
            {"index": i, "id": s.id, "kind": s.kind, "prompt": s.prompt}
            for i, s in enumerate(tool.steps)
        ]
    if audience in (FACILITATOR, SCREEN):
        results = None if step is None else current_step_summary(store, session)
        if audience == SCREEN and not state.results_visible:
            results = None
        snapshot["results"] = results
    if audience == PARTICIPANT and participant is not None:
        snapshot["you"] = {
            "token": participant.token,
            "name": participant.name,
            "answers": [
                {"answer_id": a.answer_id, "step_id": a.step_id, "value": a.value}
                for a in store.answers_of_participant(session.id, participant.id)
            ],
        }
    return snapshot
