"""A tool file is read from the fields the kinds declare: a key no field declares is refused,
with the key the volunteer meant, and what the app writes it reads back the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.dialogues import builtin_dialogues
from workshop.domain.errors import InvalidDialogue
from workshop.domain.fields import Choice, Flag, Items, Number, Text
from workshop.domain.kinds import KINDS
from workshop.domain.tool_format import SETTINGS, STEP_FIELDS, TOOL_FIELDS
from workshop.domain.tools import parse_dialogue, read_tool, tool_definition
from workshop.services.tool_files import read_tool_file

IDEAS = {"id": "ideer", "kind": "open", "prompt": "Idéer?", "max_answers": 3}


def tool(*steps, **own):
    return {"id": "moede", "title": "Mødet", "language": "da", "steps": list(steps), **own}


def problems(data) -> set[tuple]:
    with pytest.raises(InvalidDialogue) as raised:
        read_tool(data)
    return {(p.step, p.field, p.code, p.details.get("suggestion")) for p in raised.value.problems}


@pytest.mark.parametrize(
    ("step", "where", "meant"),
    [
        ({**IDEAS, "premoderation": True}, "premoderation", "settings.premoderate"),
        ({**IDEAS, "settings": {"anonym": False}}, "settings.anonym", "anonymous"),
        ({**IDEAS, "setings": {"premoderate": True}}, "setings", "settings"),
        ({**IDEAS, "settings": {"tidsramme": 5}}, "settings.tidsramme", "time_box"),
        ({**IDEAS, "tidsramme": 5}, "tidsramme", "settings.time_box"),
        ({**IDEAS, "maks_svar": 2}, "maks_svar", "max_answers"),
        ({**IDEAS, "Spørgsmål": "?"}, "Spørgsmål", "prompt"),
    ],
)
def test_a_misspelt_or_danish_key_is_refused_with_the_key_meant(step, where, meant):
    assert problems(tool(step)) == {("ideer", where, "unknown_key", meant)}


def test_keys_inside_options_scales_and_the_file_itself_are_checked_too():
    found = problems(
        tool(
            {
                "id": "valg",
                "kind": "choice",
                "prompt": "?",
                "options": [{"id": "a", "label": "A", "lable": "A"}],
                "flervalg": True,
            },
            {
                "id": "skala",
                "kind": "scale",
                "prompt": "?",
                "statements": [{"id": "s", "text": "S"}],
                "scale": {"min": 1, "max": 5, "min_lable": "Lidt"},
            },
            sprog="da",
        )
    )
    assert found == {
        ("valg", "options[1].lable", "unknown_key", "label"),
        ("valg", "flervalg", "unknown_key", "multiple"),
        ("skala", "scale.min_lable", "unknown_key", "min_label"),
        (None, "sprog", "unknown_key", "language"),
    }


def test_a_key_near_no_field_lists_the_fields_there_instead():
    with pytest.raises(InvalidDialogue) as raised:
        read_tool(tool({**IDEAS, "zebra": 1}))
    (problem,) = raised.value.problems
    assert (problem.field, problem.code) == ("zebra", "unknown_key")
    assert "suggestion" not in problem.details
    assert problem.details["allowed"] == "id, kind, prompt, body, settings, max_answers"


def test_a_key_of_another_kind_is_not_a_field_of_this_one():
    assert problems(tool({**IDEAS, "kind": "wordcloud"})) == {
        ("ideer", "max_answers", "unknown_key", None)
    }


def test_a_copy_the_app_wrote_itself_is_read_as_it_is():
    """A session keeps its own copy of the tool: what it once accepted stays readable."""
    assert (
        parse_dialogue(tool({**IDEAS, "premoderation": True})).steps[0].fields["max_answers"] == 3
    )


def test_every_shipped_tool_is_read_strictly():
    assert len(builtin_dialogues()) >= 4  # read with read_tool: a stray key fails here


KEYS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20
)


# What each kind needs besides a prompt (a vote reads the step ``ideer`` before it).
NEEDS = {
    "choice": {"options": [{"id": "a", "label": "A"}]},
    "points": {"options": [{"id": "a", "label": "A"}]},
    "scale": {"statements": [{"id": "s", "text": "S"}]},
    "vote": {"source": "ideer"},
}


@given(key=KEYS, kind=st.sampled_from(sorted(KINDS)))
def test_any_key_no_field_declares_is_refused(key, kind):
    step = {"id": "trin", "kind": kind, "prompt": "?", **NEEDS.get(kind, {})}
    assert read_tool(tool(IDEAS, step)).steps[1].kind == kind
    if key in {f.name for f in STEP_FIELDS + KINDS[kind].fields}:
        return
    found = problems(tool(IDEAS, {**step, key: 1}))
    assert {(s, f, c) for s, f, c, _m in found} == {("trin", key, "unknown_key")}


@given(key=KEYS)
def test_any_settings_key_no_field_declares_is_refused(key):
    if key in {f.name for f in SETTINGS.fields}:
        return
    found = problems(tool({**IDEAS, "settings": {key: 1}}))
    assert ("ideer", f"settings.{key}", "unknown_key") in {(s, f, c) for s, f, c, _m in found}


def value_of(field, draw, earlier_open):
    """A valid value for ``field``, from its declaration alone."""
    if isinstance(field, Number):
        return draw(st.one_of(st.none(), st.integers(field.low, min(field.high, 5))))
    if isinstance(field, Flag):
        return draw(st.booleans())
    if isinstance(field, Choice):
        return draw(st.sampled_from(field.allowed))
    if isinstance(field, Text):
        return draw(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=20))
    if isinstance(field, Items):
        count = draw(st.integers(1, 4))
        return [
            {"id": f"i{n}", field.text.name: draw(st.sampled_from(["Ja", "Nej", "Måske"]))}
            for n in range(count)
        ]
    if field.name == "source":
        return draw(st.sampled_from(earlier_open))
    if field.name == "scale":
        low = draw(st.integers(0, 9))
        return {"min": low, "max": draw(st.integers(low + 1, 10)), "min_label": "Lidt"}
    raise AssertionError(f"no strategy for {field.name}")


@st.composite
def tools(draw):
    steps, votable = [], []
    for n in range(draw(st.integers(1, 6))):
        kinds = [name for name, kind in KINDS.items() if votable or name != "vote"]
        kind = draw(st.sampled_from(sorted(kinds)))
        step = {"id": f"s{n}", "kind": kind, "prompt": "Hvad?"}
        for field in KINDS[kind].fields:
            if field.required or draw(st.booleans()):
                step[field.name] = value_of(field, draw, votable)
        if kind == "choice" and step.get("max_choices") is not None:
            step["multiple"] = True
            step["max_choices"] = min(step["max_choices"], len(step["options"]))
        if kind == "vote" and step.get("max_per_answer") is not None:
            step["max_per_answer"] = min(step["max_per_answer"], step.get("votes") or 3)
        if draw(st.booleans()):
            step["settings"] = {f.name: value_of(f, draw, votable) for f in SETTINGS.fields}
        if KINDS[kind].votable:
            votable.append(step["id"])
        steps.append(step)
    return tool(*steps, description=draw(st.sampled_from(["", "Om mødet"])))


@given(data=tools())
def test_any_valid_tool_file_is_read_and_round_trips(data):
    read = read_tool(data)
    assert read_tool(tool_definition(read)) == read
    assert {f.name for f in TOOL_FIELDS} >= set(tool_definition(read))


def test_a_tab_in_the_indentation_is_named_with_its_line():
    text = "id: moede\ntitle: Mødet\nsteps:\n  - id: a\n    kind: info\n\tprompt: Hej\n"
    with pytest.raises(InvalidDialogue) as raised:
        read_tool_file(text.encode())
    (problem,) = raised.value.problems
    assert (problem.code, problem.details) == ("yaml_tab", {"line": 6})
    with pytest.raises(InvalidDialogue) as raised:
        read_tool_file(b"steps: [unclosed")
    assert raised.value.problems[0].code == "not_yaml"
