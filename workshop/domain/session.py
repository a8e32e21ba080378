"""The session state machine: lobby, running through the steps, ended; and the room's controls.

A facilitator command turns one ``SessionState`` into the next, or raises InvalidCommand.
Time comes in as ``now`` (seconds since the epoch), so the rules stay testable.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .dialogue import (
    MAX_LABEL,
    MAX_NOTES,
    OPENINGS,
    RESULT_POLICIES,
    DialogueTool,
    Step,
    StepSettings,
)
from .errors import InvalidCommand
from .numbers import whole_number
from .text import one_line, without_bidi_controls

LOBBY, RUNNING, ENDED = "lobby", "running", "ended"
# Who sees results: the projector, or the phones (the audiences of reveal and hide).
SCREEN_AUDIENCE, PHONES_AUDIENCE = "screen", "phones"
MAX_TABLES = 40
ACTIONS = (
    "start",
    "next",
    "prev",
    "goto",
    "open",  # a command, not a step kind
    "close",
    "reveal",
    "hide",
    "end",
    "lock",
    "unlock",
    "timer_start",
    "timer_pause",
    "timer_add",
    "timer_reset",
    "settings",
    "tables",
    "by_table",
    "wall",
)


@dataclass(frozen=True)
class Timer:
    """A time box: its length, and how much of it has run (``started_at`` while running)."""

    duration: int | None = None  # seconds
    started_at: float | None = None
    elapsed: float = 0.0

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def used(self, now: float) -> float:
        return self.elapsed + (now - self.started_at if self.started_at is not None else 0.0)

    def remaining(self, now: float) -> float | None:
        if self.duration is None:
            return None
        return max(0.0, self.duration - self.used(now))

    def ends_at(self) -> float | None:
        if self.duration is None or self.started_at is None:
            return None
        return self.started_at + self.duration - self.elapsed


@dataclass(frozen=True)
class Table:
    """A group of participants sitting together."""

    id: str
    name: str


@dataclass(frozen=True)
class StepVisit:
    """When the room was on a step: for the report's account of the time used."""

    step_id: str
    entered_at: float
    left_at: float | None = None


@dataclass(frozen=True)
class SessionState:
    """Where a session stands and how the facilitator has set up the room."""

    status: str = LOBBY
    step_index: int = 0
    answering: bool = False
    locked: bool = False
    screen_reveal: bool | None = None
    phone_reveal: bool | None = None
    timer: Timer = Timer()
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    by_table: bool = False
    visits: tuple[StepVisit, ...] = ()
    # The projector's wall of answers: held on its page, and how far the facilitator paged
    # it (a count that grows by one for each page forward and shrinks for each page back).
    wall_hold: bool = False
    wall_moves: int = 0
    # Arrived at a step set to open when the facilitator says so, and not opened yet: the
    # room is told answering opens soon, and "results once answering closes" waits for it.
    awaiting_open: bool = False

    @property
    def ended(self) -> bool:
        return self.status == ENDED

    def accepts_answers_for(self, tool: DialogueTool, step_id: str) -> bool:
        return (
            self.status == RUNNING
            and self.answering
            and tool.step_index(step_id) == self.step_index
        )

    def step(self, tool: DialogueTool, index: int | None = None) -> Step:
        """A step with the facilitator's live changes to its settings applied."""
        step = tool.steps[self.step_index if index is None else index]
        changes = self.overrides.get(step.id)
        return step.with_settings(replace(step.settings, **changes)) if changes else step

    def results_visible(self, tool: DialogueTool, audience: str) -> bool:
        """Whether ``audience`` (screen or phones) sees the current step's results now."""
        if self.status == LOBBY:
            return False
        override = self.screen_reveal if audience == SCREEN_AUDIENCE else self.phone_reveal
        if override is not None:
            return override
        settings = self.step(tool).settings
        policy = settings.screen_results if audience == SCREEN_AUDIENCE else settings.phone_results
        if policy == "live":
            return True
        if policy == "closed":
            return self.status == ENDED or not (self.answering or self.awaiting_open)
        return False

    def table_ids(self) -> list[str]:
        return [table.id for table in self.tables]


def _arrive(state: SessionState, tool: DialogueTool, index: int, now: float) -> SessionState:
    """Arriving at a step: answering opens where it takes answers, unless the step waits for
    the facilitator's "Open"; its time box is set."""
    visits = list(state.visits)
    if visits and visits[-1].left_at is None:
        visits[-1] = replace(visits[-1], left_at=now)
    visits.append(StepVisit(tool.steps[index].id, now))
    arrived = replace(state, status=RUNNING, step_index=index, visits=tuple(visits))
    step = arrived.step(tool)
    minutes = step.settings.time_box
    opens_now = step.settings.opens == "on_arrival"
    return replace(
        arrived,
        answering=step.answerable and opens_now,
        awaiting_open=step.answerable and not opens_now,
        screen_reveal=None,
        phone_reveal=None,
        timer=Timer(duration=minutes * 60 if minutes else None),
    )


def _target_index(tool: DialogueTool, args: dict[str, Any]) -> int:
    target = args.get("step")
    if isinstance(target, bool):
        raise InvalidCommand("unknown_step")
    if isinstance(target, int) and 0 <= target < len(tool.steps):
        return target
    if isinstance(target, str) and tool.step_index(target) is not None:
        return tool.step_index(target)  # type: ignore[return-value]
    raise InvalidCommand("unknown_step")


def _audiences(args: dict[str, Any]) -> tuple[str, ...]:
    audience = args.get("audience", "all")
    if audience == "all":
        return (SCREEN_AUDIENCE, PHONES_AUDIENCE)
    if audience in (SCREEN_AUDIENCE, PHONES_AUDIENCE):
        return (audience,)
    raise InvalidCommand("bad_audience")


def _reveal(state: SessionState, args: dict[str, Any], shown: bool) -> SessionState:
    changes = {}
    for audience in _audiences(args):
        changes["screen_reveal" if audience == SCREEN_AUDIENCE else "phone_reveal"] = shown
    return replace(state, **changes)


def changed_settings(current: StepSettings, args: dict[str, Any]) -> dict[str, Any]:
    """The validated setting changes in a ``settings`` command."""
    changes: dict[str, Any] = {}
    for key in ("anonymous", "auto_close", "premoderate"):
        if key in args:
            if not isinstance(args[key], bool):
                raise InvalidCommand("bad_setting", field=key)
            changes[key] = args[key]
    for key in ("screen_results", "phone_results"):
        if key in args:
            if args[key] not in RESULT_POLICIES:
                raise InvalidCommand("bad_setting", field=key)
            changes[key] = args[key]
    if "opens" in args:
        if args["opens"] not in OPENINGS:
            raise InvalidCommand("bad_setting", field="opens")
        changes["opens"] = args["opens"]
    if "time_box" in args:
        minutes = args["time_box"]
        if minutes is not None and not whole_number(minutes, 1, 180):
            raise InvalidCommand("bad_setting", field="time_box")
        changes["time_box"] = minutes
    if "notes" in args:
        if not isinstance(args["notes"], str) or len(args["notes"]) > MAX_NOTES:
            raise InvalidCommand("bad_setting", field="notes")
        changes["notes"] = without_bidi_controls(args["notes"]).strip()
    if not changes:
        raise InvalidCommand("bad_setting", field="")
    return changes


def _settings(state: SessionState, tool: DialogueTool, args: dict[str, Any]) -> SessionState:
    index = _target_index(tool, args) if "step" in args else state.step_index
    step = state.step(tool, index)
    changes = changed_settings(step.settings, args)
    overrides = dict(state.overrides)
    overrides[step.id] = {**overrides.get(step.id, {}), **changes}
    updated = replace(state, overrides=overrides)
    if index == state.step_index and "time_box" in changes and not state.timer.running:
        minutes = changes["time_box"]
        updated = replace(
            updated, timer=replace(state.timer, duration=minutes * 60 if minutes else None)
        )
    return updated


def _tables(state: SessionState, args: dict[str, Any]) -> SessionState:
    names = args.get("names")
    if not isinstance(names, list) or len(names) > MAX_TABLES:
        raise InvalidCommand("bad_tables", limit=MAX_TABLES)
    tables = []
    for position, name in enumerate(names, start=1):
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_LABEL:
            raise InvalidCommand("bad_tables", limit=MAX_TABLES)
        tables.append(Table(f"t{position}", one_line(name)))
    return replace(state, tables=tuple(tables), by_table=state.by_table and bool(tables))


def _timer(state: SessionState, action: str, args: dict[str, Any], now: float) -> SessionState:
    timer = state.timer
    if action == "timer_start":
        if timer.duration is None:
            minutes = args.get("minutes")
            if not whole_number(minutes, 1, 180):
                raise InvalidCommand("no_time_box")
            timer = Timer(duration=minutes * 60)
        if timer.running:
            return state
        return replace(state, timer=replace(timer, started_at=now))
    if action == "timer_pause":
        if not timer.running:
            return state
        return replace(state, timer=Timer(timer.duration, None, timer.used(now)))
    if action == "timer_add":
        seconds = args.get("seconds", 60)
        if not whole_number(seconds, -3600, 3600):
            raise InvalidCommand("bad_setting", field="seconds")
        base = timer.duration if timer.duration is not None else int(timer.used(now))
        return replace(state, timer=replace(timer, duration=max(0, base + seconds)))
    # timer_reset: back to the full time box, stopped
    return replace(state, timer=Timer(duration=timer.duration))


def apply_command(
    state: SessionState,
    tool: DialogueTool,
    action: str,
    args: dict[str, Any] | None = None,
    now: float = 0.0,
) -> SessionState:
    """The state after the facilitator's ``action``; raises InvalidCommand when it cannot apply."""
    args = args or {}
    if action not in ACTIONS:
        raise InvalidCommand("unknown_action")
    if state.ended:
        raise InvalidCommand("session_ended")
    last = len(tool.steps) - 1

    if action == "end":
        visits = list(state.visits)
        if visits and visits[-1].left_at is None:
            visits[-1] = replace(visits[-1], left_at=now)
        timer = state.timer
        if timer.running:
            timer = Timer(timer.duration, None, timer.used(now))
        return replace(state, status=ENDED, answering=False, timer=timer, visits=tuple(visits))
    if action in ("lock", "unlock"):
        return replace(state, locked=action == "lock")
    if action == "settings":
        return _settings(state, tool, args)
    if action == "tables":
        return _tables(state, args)
    if action == "by_table":
        if not state.tables and args.get("on", True):
            raise InvalidCommand("no_tables")
        on = args.get("on", True)
        if not isinstance(on, bool):
            raise InvalidCommand("bad_setting", field="on")
        return replace(state, by_table=on)
    if action == "start":
        if state.status != LOBBY:
            raise InvalidCommand("already_started")
        return _arrive(state, tool, state.step_index, now)
    if action == "goto":
        return _arrive(state, tool, _target_index(tool, args), now)
    if action == "next":
        if state.status == LOBBY:
            return _arrive(state, tool, state.step_index, now)
        if state.step_index >= last:
            raise InvalidCommand("at_last_step")
        return _arrive(state, tool, state.step_index + 1, now)
    if action == "prev":
        if state.status == LOBBY or state.step_index <= 0:
            raise InvalidCommand("at_first_step")
        return _arrive(state, tool, state.step_index - 1, now)

    if state.status != RUNNING:
        raise InvalidCommand("not_running")
    if action in ("open", "close"):  # a command, not a step kind
        if not tool.steps[state.step_index].answerable:
            raise InvalidCommand("step_takes_no_answers")
        opened = action == "open"  # a command, not a step kind
        return replace(state, answering=opened, awaiting_open=False)
    if action.startswith("timer_"):
        return _timer(state, action, args, now)
    if action == "wall":
        return _wall(state, args)
    return _reveal(state, args, action == "reveal")


def _wall(state: SessionState, args: dict[str, Any]) -> SessionState:
    """Page the projector's wall (``move``: next or prev) or hold it (``hold``: true/false)."""
    move, hold = args.get("move"), args.get("hold")
    if move is None and hold is None:
        raise InvalidCommand("bad_payload")
    if move is not None and move not in ("next", "prev"):
        raise InvalidCommand("bad_setting", field="move")
    if hold is not None and not isinstance(hold, bool):
        raise InvalidCommand("bad_setting", field="hold")
    moves = state.wall_moves + {"next": 1, "prev": -1, None: 0}[move]
    return replace(state, wall_moves=moves, wall_hold=state.wall_hold if hold is None else hold)


def expire(state: SessionState, tool: DialogueTool, now: float) -> SessionState | None:
    """Close answering when the time box has run out on a step set to close by itself."""
    if state.status != RUNNING or not state.answering or not state.timer.running:
        return None
    if not state.step(tool).settings.auto_close:
        return None
    remaining = state.timer.remaining(now)
    if remaining is None or remaining > 0:
        return None
    return replace(
        state, answering=False, timer=Timer(state.timer.duration, None, state.timer.used(now))
    )
