"""A self-closing time box closes answering on its own: one timer per session, replaced when
the step changes, and found again after a restart."""

from __future__ import annotations

import time

from .helpers import command, last_state, open_socket


def running_box(app, seconds_left: int = 1):
    """A session on a self-closing step whose time box has ``seconds_left``."""
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    console = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    command(console, "goto", step="udcheckning")
    command(console, "settings", auto_close=True)
    command(console, "timer_start", minutes=1)
    command(console, "timer_add", seconds=seconds_left - 60)
    return created["code"], console


def answering(app, code: str) -> bool:
    return app.extensions["workshop.store"].session_by_code(code).state.answering


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_session_has_one_timer_which_follows_its_time_box(app):
    code, console = running_box(app, seconds_left=30)
    boxes = app.extensions["workshop.time_boxes"]
    first = boxes.pending(code)
    assert first is not None
    command(console, "timer_add", seconds=60)
    assert boxes.pending(code) == first + 60  # replaced, not a second one beside it
    command(console, "timer_pause")
    assert boxes.pending(code) is None


def test_moving_on_to_another_step_cancels_the_old_steps_timer(app):
    code, console = running_box(app, seconds_left=1)
    command(console, "prev")  # the new step has no time box running
    assert app.extensions["workshop.time_boxes"].pending(code) is None
    time.sleep(1.3)
    state = last_state(console)
    assert state["step"]["id"] != "udcheckning" and state["answering"]


def test_a_restarted_server_still_closes_a_running_time_box(make_app):
    before = make_app()
    code, console = running_box(before, seconds_left=2)
    console.disconnect()
    # A new process on the same database, as after a crash: it finds the time box itself.
    after = make_app()
    assert after.extensions["workshop.time_boxes"].pending(code) is not None
    assert answering(after, code)
    assert wait_until(lambda: not answering(after, code))
