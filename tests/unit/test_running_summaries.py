"""A summary kept running equals the summary made of every answer: whatever the wall held
(merged, hidden, pulled apart, highlighted, the same words or not) and whatever the room adds
after it, in one go or a few at a time, some of it waiting for approval; and so do the
counts of a choice, a scale and points."""

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
                "id": "choice",
                "kind": "choice",
                "prompt": "Hvad?",
                "multiple": True,
                "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
            },
            {
                "id": "scale",
                "kind": "scale",
                "prompt": "Hvor enige?",
                "statements": [{"id": "s1", "text": "Et"}, {"id": "s2", "text": "To"}],
                "scale": {"min": 1, "max": 5},
            },
            {
                "id": "points",
                "kind": "points",
                "prompt": "Prikker",
                "budget": 5,
                "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
            },
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
        given = draw(answers(start, count, touched=False))
        # On a step whose answers wait for approval, some come in waiting.
        waits = draw(st.lists(st.booleans(), min_size=count, max_size=count))
        rounds.append([replace(a, pending=w, hidden=w) for a, w in zip(given, waits, strict=True)])
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


COUNTED = {
    "choice": st.lists(st.sampled_from(["a", "b"]), min_size=1, max_size=2, unique=True),
    "scale": st.dictionaries(st.sampled_from(["s1", "s2"]), st.integers(1, 5), min_size=1),
    "points": st.integers(0, 5).map(lambda a: {"a": a, "b": 5 - a}),
}


@st.composite
def counts(draw):
    kind = draw(st.sampled_from(sorted(COUNTED)))
    given = [
        Answer(
            f"a-{n:04d}",
            draw(st.integers(1, 8)),
            kind,
            draw(COUNTED[kind]),
            hidden=draw(st.integers(0, 5)) == 0,
        )
        for n in range(draw(st.integers(0, 30)))
    ]
    cut = draw(st.integers(0, len(given)))
    rounds = [[replace(a, hidden=False) for a in given[cut:][i::3]] for i in range(3)]
    return TOOL.step(kind), given[:cut], rounds


@given(counts())
def test_running_counts_are_the_counts_of_all_the_answers(meeting):
    step, before, rounds = meeting
    running = summarise_running(step, before)
    so_far = list(before)
    for added in rounds:
        earlier = running.summary
        sent = repr(earlier)
        running = run_on(step, running, added)
        assert running is not None
        so_far += added
        assert running.summary == summarise(step, so_far)
        assert repr(earlier) == sent
