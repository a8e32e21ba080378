"""Dialogue tools are read whole: a good file gives a tool, a bad one lists every problem."""

from __future__ import annotations

import pytest

from workshop.dialogues import builtin_dialogues
from workshop.domain.errors import InvalidDialogue
from workshop.domain.tools import parse_dialogue, tool_definition


def test_the_almene_maal_tool_follows_the_arc_of_the_meeting():
    tool = next(t for t in builtin_dialogues() if t.id == "almene-maal")
    assert tool.language == "da"
    assert 8 <= len(tool.steps) <= 10
    kinds = [step.kind for step in tool.steps]
    assert kinds[0] == "info"
    assert {"open", "choice", "scale"} <= set(kinds)
    welcome = tool.steps[0].body
    assert "Byer i balance" in welcome and "En grønnere almen sektor" in welcome
    scale = next(step for step in tool.steps if step.kind == "scale")
    assert len(scale.fields["statements"]) == 2
    assert (scale.fields["scale"].min, scale.fields["scale"].max) == (1, 5)
    assert tool.steps[-1].id == "udcheckning"


def test_a_tool_round_trips_through_its_dict_form():
    for tool in builtin_dialogues():
        assert parse_dialogue(tool_definition(tool)) == tool


def test_every_problem_is_listed_with_step_and_field():
    with pytest.raises(InvalidDialogue) as raised:
        parse_dialogue(
            {
                "id": "Bad Id",
                "title": "",
                "language": "de",
                "steps": [
                    {"id": "a", "kind": "open"},
                    {"id": "a", "kind": "choice", "prompt": "?", "options": []},
                    {"id": "c", "kind": "dance", "prompt": "?"},
                    {
                        "id": "d",
                        "kind": "scale",
                        "prompt": "?",
                        "scale": {"min": 5, "max": 1},
                        "statements": [{"id": "s", "text": "S"}],
                    },
                ],
            }
        )
    found = {(p.step, p.field, p.code) for p in raised.value.problems}
    assert (None, "id", "bad_id") in found
    assert (None, "title", "required") in found
    assert (None, "language", "bad_language") in found
    assert ("a", "prompt", "required") in found
    assert ("a", "id", "duplicate_id") in found
    assert ("a", "options", "required") in found
    assert ("c", "kind", "unknown_kind") in found
    assert ("d", "scale", "bad_range") in found


@pytest.mark.parametrize("kind", [["open"], {"open": 1}, 7, None, True])
def test_a_kind_that_is_not_a_name_is_refused_as_unknown(kind):
    """A hand-written file may give a kind as a list or a mapping: it is named as the
    problem, never a crash of the reader."""
    with pytest.raises(InvalidDialogue) as raised:
        parse_dialogue(
            {"id": "x", "title": "X", "steps": [{"id": "a", "kind": kind, "prompt": "A"}]}
        )
    assert [(p.step, p.field, p.code) for p in raised.value.problems] == [
        ("a", "kind", "unknown_kind")
    ]


def test_a_tool_without_steps_is_refused():
    with pytest.raises(InvalidDialogue):
        parse_dialogue({"id": "x", "title": "X", "steps": []})
    with pytest.raises(InvalidDialogue):
        parse_dialogue(["not", "a", "mapping"])
