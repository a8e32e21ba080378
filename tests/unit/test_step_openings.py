"""Settings set ahead: whatever the facilitator sets for a step before the room gets there is
what the room meets on arrival, and a step set to open by the facilitator waits for "open"."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tools import meeting_file
from workshop.domain.dialogue import OPENINGS
from workshop.domain.errors import InvalidCommand
from workshop.domain.session import SessionState, apply_command
from workshop.domain.tools import parse_dialogue

TOOL = parse_dialogue(yaml.safe_load(meeting_file()))
STEPS = len(TOOL.steps)

# What a facilitator does: set a step up (how it opens, pre-moderation), or move the room.
set_up = st.tuples(
    st.just("settings"),
    st.fixed_dictionaries(
        {"step": st.integers(0, STEPS - 1)},
        optional={"opens": st.sampled_from(OPENINGS), "premoderate": st.booleans()},
    ).filter(lambda args: len(args) > 1),
)
move = st.one_of(
    st.tuples(st.just("goto"), st.fixed_dictionaries({"step": st.integers(0, STEPS - 1)})),
    st.tuples(st.sampled_from(["next", "prev", "open", "close"]), st.just({})),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(set_up, move), max_size=30))
def test_the_room_meets_each_step_as_it_was_last_set_up(actions):
    state = apply_command(SessionState(), TOOL, "start")
    wanted: dict[int, dict] = {}  # the ledger: what the facilitator last set, per step
    for action, args in actions:
        before = state
        try:
            state = apply_command(state, TOOL, action, args)
        except InvalidCommand:  # at_last_step, step_takes_no_answers, …
            continue
        if action == "settings":
            step_settings = {k: v for k, v in args.items() if k != "step"}
            wanted.setdefault(args["step"], {}).update(step_settings)
            # Setting a step up never moves the room or opens or closes answering.
            assert (state.step_index, state.answering) == (before.step_index, before.answering)
            continue
        step = TOOL.steps[state.step_index]
        applied = state.step(TOOL).settings
        for name, value in wanted.get(state.step_index, {}).items():
            assert getattr(applied, name) == value
        if action in ("goto", "next", "prev"):
            opens = wanted.get(state.step_index, {}).get("opens", step.settings.opens)
            assert state.answering == (step.answerable and opens == "on_arrival")
            # A step that waits for "open" is not called closed: it has not been open yet.
            assert state.awaiting_open == (step.answerable and opens == "by_facilitator")
        if action == "open":
            assert not state.awaiting_open


def test_a_step_that_waits_for_the_facilitator_opens_on_open_and_only_then():
    state = apply_command(SessionState(), TOOL, "settings", {"step": 4, "opens": "by_facilitator"})
    state = apply_command(state, TOOL, "goto", {"step": 4})
    assert not state.accepts_answers_for(TOOL, TOOL.steps[4].id)
    state = apply_command(state, TOOL, "open")
    assert state.accepts_answers_for(TOOL, TOOL.steps[4].id)


def test_results_shown_once_answering_closes_wait_until_the_step_has_been_open():
    step = next(i for i, s in enumerate(TOOL.steps) if s.answerable)
    state = apply_command(
        SessionState(),
        TOOL,
        "settings",
        {"step": step, "opens": "by_facilitator", "screen_results": "closed"},
    )
    state = apply_command(state, TOOL, "goto", {"step": step})
    assert state.awaiting_open
    assert not state.results_visible(TOOL, "screen")
    state = apply_command(state, TOOL, "open")
    assert not state.results_visible(TOOL, "screen")
    state = apply_command(state, TOOL, "close")
    assert state.results_visible(TOOL, "screen")
