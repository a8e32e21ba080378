"""Turning the session state into columns and back; the controls travel as one JSON value."""

from __future__ import annotations

from typing import Any

from ..domain.session import SessionState, StepVisit, Table, Timer


def controls_of(state: SessionState) -> dict[str, Any]:
    timer = state.timer
    return {
        "locked": state.locked,
        "screen_reveal": state.screen_reveal,
        "phone_reveal": state.phone_reveal,
        "timer": {
            "duration": timer.duration,
            "started_at": timer.started_at,
            "elapsed": timer.elapsed,
        },
        "overrides": state.overrides,
        "tables": [{"id": t.id, "name": t.name} for t in state.tables],
        "by_table": state.by_table,
        "visits": [[v.step_id, v.entered_at, v.left_at] for v in state.visits],
        "wall": {"hold": state.wall_hold, "moves": state.wall_moves},
        "awaiting_open": state.awaiting_open,
    }


def state_of(
    status: str, step_index: int, answering: bool, controls: dict[str, Any]
) -> SessionState:
    timer = controls.get("timer") or {}
    wall = controls.get("wall") or {}
    return SessionState(
        status=status,
        step_index=step_index,
        answering=bool(answering),
        locked=bool(controls.get("locked", False)),
        screen_reveal=controls.get("screen_reveal"),
        phone_reveal=controls.get("phone_reveal"),
        timer=Timer(timer.get("duration"), timer.get("started_at"), timer.get("elapsed", 0.0)),
        overrides=dict(controls.get("overrides") or {}),
        tables=tuple(Table(t["id"], t["name"]) for t in controls.get("tables") or ()),
        by_table=bool(controls.get("by_table", False)),
        visits=tuple(StepVisit(*visit) for visit in controls.get("visits") or ()),
        wall_hold=bool(wall.get("hold", False)),
        wall_moves=int(wall.get("moves", 0)),
        awaiting_open=bool(controls.get("awaiting_open", False)),
    )
