"""The facilitator moves the session from the lobby through the steps to its end."""

from __future__ import annotations

import pytest
import yaml

from tests.tools import meeting_file
from workshop.domain.errors import InvalidCommand
from workshop.domain.session import ENDED, LOBBY, RUNNING, SessionState, apply_command
from workshop.domain.tools import parse_dialogue

TOOL = parse_dialogue(yaml.safe_load(meeting_file()))


def run(*actions, state=None):
    state = state or SessionState()
    for action in actions:
        if isinstance(action, tuple):
            state = apply_command(state, TOOL, action[0], action[1])
        else:
            state = apply_command(state, TOOL, action)
    return state


def refused(state, action, args=None) -> str:
    with pytest.raises(InvalidCommand) as raised:
        apply_command(state, TOOL, action, args)
    return raised.value.code


def test_a_new_session_waits_in_the_lobby():
    state = SessionState()
    assert state.status == LOBBY
    assert not state.accepts_answers_for(TOOL, TOOL.steps[1].id)


def test_next_from_the_lobby_starts_at_the_first_step():
    state = run("next")
    assert (state.status, state.step_index) == (RUNNING, 0)
    assert state.answering is False  # the welcome slide takes no answers


def test_arriving_at_a_question_opens_answering_for_that_step_only():
    state = run("next", "next")
    assert state.answering
    assert state.accepts_answers_for(TOOL, TOOL.steps[1].id)
    assert not state.accepts_answers_for(TOOL, TOOL.steps[2].id)


def test_close_and_open_answering():
    closed = run("next", "next", "close")
    assert not closed.accepts_answers_for(TOOL, TOOL.steps[1].id)
    assert run("open", state=closed).answering


def test_goto_by_index_or_id_and_prev():
    state = run("start", ("goto", {"step": "handlepunkter"}))
    assert TOOL.steps[state.step_index].id == "handlepunkter"
    assert run("prev", state=state).step_index == state.step_index - 1
    assert run(("goto", {"step": 3})).step_index == 3


@pytest.mark.parametrize("target", [99, -1, "nope", None, True, 2.0])
def test_goto_an_unknown_step_is_refused(target):
    assert refused(run("start"), "goto", {"step": target}) == "unknown_step"


def test_the_ends_of_the_dialogue_are_refused_not_wrapped():
    assert refused(run("start"), "prev") == "at_first_step"
    last = run(("goto", {"step": len(TOOL.steps) - 1}))
    assert refused(last, "next") == "at_last_step"


def test_info_steps_cannot_be_opened_for_answers():
    assert refused(run("start"), "open") == "step_takes_no_answers"


def test_reveal_and_hide_results():
    hidden = run("next", "next", "hide")
    assert not hidden.results_visible(TOOL, "screen")
    assert run("reveal", state=hidden).results_visible(TOOL, "screen")


def test_an_ended_session_is_read_only():
    ended = run("next", "next", "end")
    assert ended.status == ENDED and not ended.answering
    assert not ended.accepts_answers_for(TOOL, TOOL.steps[1].id)
    for action in ("next", "prev", "open", "start", "end"):
        assert refused(ended, action) == "session_ended"


def test_unknown_actions_are_refused():
    assert refused(SessionState(), "explode") == "unknown_action"
    assert refused(run("start"), "start") == "already_started"
    assert refused(SessionState(), "open") == "not_running"


# The room's controls ----------------------------------------------------------------------


def at(step_id, *actions, now=1000.0):
    state = apply_command(SessionState(), TOOL, "goto", {"step": step_id}, now)
    for action in actions:
        name, args = action if isinstance(action, tuple) else (action, {})
        state = apply_command(state, TOOL, name, args, now)
    return state


def test_results_follow_each_audiences_policy_until_revealed_or_hidden():
    choice = at("vigtigste-maal")  # screen: once closed; phones: once closed
    assert not choice.results_visible(TOOL, "screen")
    closed = apply_command(choice, TOOL, "close")
    assert closed.results_visible(TOOL, "screen") and closed.results_visible(TOOL, "phones")
    vote = at("prioriter")  # both only when revealed
    assert not apply_command(vote, TOOL, "close").results_visible(TOOL, "screen")
    shown = apply_command(vote, TOOL, "reveal", {"audience": "screen"})
    assert shown.results_visible(TOOL, "screen") and not shown.results_visible(TOOL, "phones")
    live = at("staar-i-dag", ("hide", {"audience": "all"}))
    assert not live.results_visible(TOOL, "screen")
    assert refused(vote, "reveal", {"audience": "everyone"}) == "bad_audience"


def test_a_new_step_starts_from_its_own_policies_again():
    state = at("vigtigste-maal", "reveal", "next")
    assert state.screen_reveal is None and state.results_visible(TOOL, "screen")


def test_the_time_box_starts_pauses_gets_a_minute_more_and_resets():
    state = at("hvem-med")  # 4 minutes in the dialogue file
    assert (state.timer.duration, state.timer.running) == (240, False)
    running = apply_command(state, TOOL, "timer_start", {}, now=1000.0)
    assert running.timer.remaining(1060.0) == 180
    paused = apply_command(running, TOOL, "timer_pause", {}, now=1100.0)
    assert not paused.timer.running and paused.timer.remaining(5000.0) == 140
    longer = apply_command(paused, TOOL, "timer_add", {}, now=1200.0)
    assert longer.timer.remaining(5000.0) == 200
    resumed = apply_command(longer, TOOL, "timer_start", {}, now=2000.0)
    assert resumed.timer.ends_at() == 2200.0
    assert apply_command(resumed, TOOL, "timer_reset", {}, now=2100.0).timer.remaining(9e9) == 300


def test_a_step_without_a_time_box_gets_one_from_the_start_command():
    state = at("vigtigste-maal")
    assert refused(state, "timer_start") == "no_time_box"
    started = apply_command(state, TOOL, "timer_start", {"minutes": 3}, now=50.0)
    assert started.timer.duration == 180 and started.timer.running


def test_answering_closes_by_itself_only_on_steps_that_say_so():
    from workshop.domain.session import expire

    plain = at("hvem-med", "timer_start", now=0.0)
    assert expire(plain, TOOL, now=10_000.0) is None  # shows 0, stays open
    auto = apply_command(plain, TOOL, "settings", {"auto_close": True}, now=0.0)
    assert expire(auto, TOOL, now=100.0) is None
    closed = expire(auto, TOOL, now=241.0)
    assert closed is not None and not closed.answering and not closed.timer.running


def test_live_settings_change_the_step_for_this_session_only():
    state = at(
        "hvem-med",
        ("settings", {"anonymous": False, "phone_results": "live", "notes": "Husk kaffe"}),
    )
    step = state.step(TOOL)
    assert (step.settings.anonymous, step.settings.phone_results, step.settings.notes) == (
        False,
        "live",
        "Husk kaffe",
    )
    assert TOOL.step("hvem-med").settings.anonymous is True
    other = apply_command(state, TOOL, "settings", {"step": "udcheckning", "time_box": 2})
    assert other.step(TOOL, TOOL.step_index("udcheckning")).settings.time_box == 2
    for bad in ({"anonymous": "yes"}, {"screen_results": "sometimes"}, {"time_box": 0}, {}):
        assert refused(state, "settings", bad) == "bad_setting"


def test_lock_tables_and_results_per_table():
    state = apply_command(SessionState(), TOOL, "lock")
    assert state.locked and not apply_command(state, TOOL, "unlock").locked
    assert refused(state, "by_table", {"on": True}) == "no_tables"
    tables = apply_command(state, TOOL, "tables", {"names": ["Bord  1", "Bord 2"]})
    assert [(t.id, t.name) for t in tables.tables] == [("t1", "Bord 1"), ("t2", "Bord 2")]
    assert apply_command(tables, TOOL, "by_table", {"on": True}).by_table
    assert refused(state, "tables", {"names": "Bord 1"}) == "bad_tables"
    assert refused(state, "tables", {"names": [""]}) == "bad_tables"


def test_the_time_on_each_step_is_recorded_for_the_report():
    state = apply_command(SessionState(), TOOL, "start", {}, now=100.0)
    state = apply_command(state, TOOL, "next", {}, now=160.0)
    state = apply_command(state, TOOL, "end", {}, now=400.0)
    assert [(v.step_id, v.entered_at, v.left_at) for v in state.visits] == [
        ("velkommen", 100.0, 160.0),
        ("indcheckning", 160.0, 400.0),
    ]
