"""The session state machine: lobby, running through the steps, ended.

A facilitator command turns one ``SessionState`` into the next, or raises InvalidCommand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .dialogue import DialogueTool
from .errors import InvalidCommand

LOBBY, RUNNING, ENDED = "lobby", "running", "ended"
STATUSES = (LOBBY, RUNNING, ENDED)
ACTIONS = ("start", "next", "prev", "goto", "open", "close", "reveal", "hide", "end")


@dataclass(frozen=True)
class SessionState:
    """Where a session stands: which step is shown, and whether it takes answers."""

    status: str = LOBBY
    step_index: int = 0
    answering: bool = False
    results_visible: bool = True

    @property
    def ended(self) -> bool:
        return self.status == ENDED

    def accepts_answers_for(self, tool: DialogueTool, step_id: str) -> bool:
        return (
            self.status == RUNNING
            and self.answering
            and tool.step_index(step_id) == self.step_index
        )


def _arrive(tool: DialogueTool, index: int) -> SessionState:
    """The state on arriving at a step: answering opens at once where the step takes answers."""
    return SessionState(
        status=RUNNING,
        step_index=index,
        answering=tool.steps[index].answerable,
        results_visible=True,
    )


def _target_index(tool: DialogueTool, args: dict[str, Any]) -> int:
    target = args.get("step")
    if isinstance(target, bool):
        raise InvalidCommand("unknown_step")
    if isinstance(target, int):
        if 0 <= target < len(tool.steps):
            return target
        raise InvalidCommand("unknown_step")
    if isinstance(target, str):
        index = tool.step_index(target)
        if index is not None:
            return index
    raise InvalidCommand("unknown_step")


def apply_command(
    state: SessionState, tool: DialogueTool, action: str, args: dict[str, Any] | None = None
) -> SessionState:
    """The state after the facilitator's ``action``; raises InvalidCommand when it cannot apply."""
    args = args or {}
    if action not in ACTIONS:
        raise InvalidCommand("unknown_action")
    if state.ended:
        raise InvalidCommand("session_ended")
    last = len(tool.steps) - 1

    if action == "end":
        return replace(state, status=ENDED, answering=False)
    if action == "start":
        if state.status != LOBBY:
            raise InvalidCommand("already_started")
        return _arrive(tool, state.step_index)
    if action == "goto":
        return _arrive(tool, _target_index(tool, args))
    if action == "next":
        if state.status == LOBBY:
            return _arrive(tool, state.step_index)
        if state.step_index >= last:
            raise InvalidCommand("at_last_step")
        return _arrive(tool, state.step_index + 1)
    if action == "prev":
        if state.status == LOBBY or state.step_index <= 0:
            raise InvalidCommand("at_first_step")
        return _arrive(tool, state.step_index - 1)

    if state.status != RUNNING:
        raise InvalidCommand("not_running")
    if action in ("open", "close"):
        if not tool.steps[state.step_index].answerable:
            raise InvalidCommand("step_takes_no_answers")
        return replace(state, answering=action == "open")
    # reveal / hide
    return replace(state, results_visible=action == "reveal")
