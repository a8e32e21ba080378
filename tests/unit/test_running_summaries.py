"""A summary kept running equals the summary made of every answer: whatever the wall held
(merged, hidden, pulled apart, highlighted, the same words or not) and whatever the room adds
after it, in one go or a few at a time."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from workshop.domain.answers import Answer
from workshop.domain.kinds import as_given, run_on, summarise, summarise_running
from workshop.domain.tools import read_tool

from .test_folding import WORDINGS

TOOL = read_tool(
    {
        "id": "running",
        "title": "Running",
        "language": "da",
        "steps": [
            {"id": "ideas", "kind": "open", "prompt": "Idéer?", "max_answers": 5},
            {
                "id": "named",
                "kind": "open",
                "prompt": "Idéer?",
                "max_answers": 5,
                "settings": {"anonymous": False},
            },
        ],
    }
)
STEPS = [TOOL.step("ideas"), TOOL.step("named")]


@st.composite
def answers(draw, start: int, count: int, touched: bool) -> list[Answer]:
    """``count`` answers numbered from ``start``; with ``touched`` some are merged (never in
    a loop), hidden, pulled apart, highlighted or waiting for approval, as after moderation."""
    made = []
    for n in range(start, start + count):
        flags = {}
        if touched:
            if n and draw(st.integers(0, 3)) == 0:
                flags["merged_into"] = f"a-{draw(st.integers(0, n - 1)):04d}"
            flags["hidden"] = draw(st.integers(0, 5)) == 0
            flags["apart"] = draw(st.integers(0, 4)) == 0
            flags["highlighted"] = draw(st.integers(0, 5)) == 0
            if draw(st.integers(0, 7)) == 0:
                flags.update(pending=True, hidden=True)
        made.append(
            Answer(
                f"a-{n:04d}",
                draw(st.integers(1, 6)),  # a few people, several answers each
                "ideas",
                draw(st.sampled_from(WORDINGS)),
                name=draw(st.sampled_from(["", "Anne", "Bo"])),
                anonymous=draw(st.booleans()),
                **flags,
            )
        )
    return made


@st.composite
def meetings(draw):
    step = draw(st.sampled_from(STEPS))
    before = draw(answers(0, draw(st.integers(0, 14)), touched=True))
    rounds, start = [], len(before)
    for _ in range(draw(st.integers(1, 4))):
        count = draw(st.integers(0, 5))
        rounds.append(draw(answers(start, count, touched=False)))
        start += count
    return step, [replace(a, step_id=step.id) for a in before], rounds


@given(meetings())
def test_a_running_summary_is_the_summary_of_all_its_answers(meeting):
    step, before, rounds = meeting
    running = summarise_running(step, before)
    assert running.summary == summarise(step, before)
    so_far = list(before)
    for added in rounds:
        earlier = running.summary
        sent = repr(earlier)  # a summary already made is shared: adding must not change it
        running = run_on(step, running, added)
        assert running is not None
        so_far += added
        assert running.summary == summarise(step, so_far)
        assert repr(earlier) == sent


@given(meetings(), st.sampled_from(["hidden", "pending", "merged_into", "apart", "highlighted"]))
def test_an_answer_the_facilitator_touched_makes_the_summary_again(meeting, flag):
    step, before, _rounds = meeting
    running = summarise_running(step, before)
    value = "a-0000" if flag == "merged_into" else True
    touched = Answer("a-9999", 1, step.id, "Noget nyt", **{flag: value})
    assert not as_given(touched)
    assert run_on(step, running, [touched]) is None
