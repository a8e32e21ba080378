"""The facilitator moves the session from the lobby through the steps to its end."""

from __future__ import annotations

import pytest

from workshop.dialogues import builtin_dialogue
from workshop.domain.errors import InvalidCommand
from workshop.domain.session import ENDED, LOBBY, RUNNING, SessionState, apply_command

TOOL = builtin_dialogue("almene-maal")


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
    assert not hidden.results_visible
    assert run("reveal", state=hidden).results_visible


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
