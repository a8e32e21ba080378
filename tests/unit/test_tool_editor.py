"""The tool editor's catalogue comes from the kinds' declarations, and every problem of a
document is placed at the field it concerns."""

from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidDialogue
from workshop.domain.fields import Field, Group, Items
from workshop.domain.kinds import KINDS
from workshop.domain.tool_editor import catalogue, preview_step, problem_paths
from workshop.domain.tool_format import SETTINGS, TOOL_FIELDS
from workshop.domain.tools import read_tool


def declared(fields: tuple[Field, ...], prefix: str = "") -> set[str]:
    """Every field, nested ones too, by its path of names."""
    names = set()
    for described in fields:
        names.add(prefix + described.name)
        inner = described.item_fields() if isinstance(described, Items) else ()
        inner = described.fields if isinstance(described, Group) else inner
        names |= declared(inner, f"{prefix}{described.name}.")
    return names


def specified(specs: list[dict], language: str, prefix: str = "") -> set[str]:
    """Every field spec's path of names, each checked to have its words in ``language``."""
    names = set()
    for spec in specs:
        assert spec["label"].strip() and spec["help"].strip(), (language, prefix, spec)
        assert spec["type"] in ("text", "number", "flag", "choice", "items", "group", "earlier")
        for choice in spec.get("choices", ()):
            assert choice["label"].strip(), (language, spec["name"], choice)
        names.add(prefix + spec["name"])
        names |= specified(spec.get("fields", []), language, f"{prefix}{spec['name']}.")
    return names


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_declared_field_of_every_kind_is_in_the_editor_with_its_words(language):
    shown = catalogue(language)
    assert [kind["name"] for kind in shown["kinds"]] == list(KINDS)
    for kind in shown["kinds"]:
        declaration = KINDS[kind["name"]]
        assert specified(kind["fields"], language) == declared(declaration.fields)
        for words in ("title", "description", "example"):
            assert kind[words].strip(), (language, kind["name"], words)
    assert specified(shown["settings"], language) == declared(SETTINGS.fields)
    assert specified(shown["tool_fields"], language) == {"id", "title", "language", "description"}
    assert specified(shown["step_fields"], language) == {"id", "prompt", "body"}


def test_the_words_differ_by_language_and_an_earlier_field_names_kinds_that_offer_it():
    danish, english = catalogue("da"), catalogue("en")
    assert danish["settings"] != english["settings"]
    wanted = {
        spec["offers"]
        for kind in english["kinds"]
        for spec in kind["fields"]
        if spec["type"] == "earlier"
    }
    for capability in wanted:
        offering = [kind["name"] for kind in english["kinds"] if capability in kind["offers"]]
        assert offering == [name for name, kind in KINDS.items() if getattr(kind, capability)]
        assert offering  # a field that no kind can feed could never be filled in


def test_a_field_kind_without_a_form_stops_the_catalogue():
    from workshop.domain.fields import Words
    from workshop.domain.tool_editor import field_spec

    with pytest.raises(TypeError):
        field_spec(Field(name="x", label=Words("X", "X"), help=Words("X", "X")), "en")


DOCUMENT = {
    "id": "proeve",
    "title": "Prøve",
    "steps": [
        {"id": "ide", "kind": "open", "prompt": "Hvad?"},
        {"id": "ide", "kind": "open", "prompt": "", "settings": {"time_box": 0}},
        {"kind": "choice", "prompt": "Vælg", "options": [{"id": "a", "label": ""}]},
        {"id": "skala", "kind": "scale", "prompt": "Hvor?", "statements": [], "premoderation": 1},
    ],
}


def problems_of(document):
    with pytest.raises(InvalidDialogue) as refused:
        read_tool(document)
    return refused.value.problems


def test_each_problem_is_placed_at_its_step_by_position_and_at_its_nested_field():
    problems = problems_of(DOCUMENT)
    placed = {
        (p.code, path) for p, path in zip(problems, problem_paths(problems, DOCUMENT), strict=True)
    }
    assert ("duplicate_id", "steps.1.id") in placed
    assert ("required", "steps.1.prompt") in placed  # the second step with the id, not the first
    assert ("out_of_range", "steps.1.settings.time_box") in placed
    assert ("bad_id", "steps.2.id") in placed  # a step without an id is found by its place
    assert ("required", "steps.2.options.0.label") in placed
    assert ("required", "steps.3.statements") in placed
    assert ("unknown_key", "steps.3.premoderation") in placed
    whole = {"title": 5, "steps": "no"}
    problems = problems_of(whole)
    assert set(problem_paths(problems, whole)) == {"id", "title", "steps"}


def test_a_preview_reads_its_step_with_the_steps_before_it_and_only_its_own_problems():
    document = {
        "title": "",  # the tool is not finished: the step can be previewed all the same
        "steps": [
            {"id": "ide", "kind": "open", "prompt": "Hvad?"},
            {"id": "stem", "kind": "vote", "prompt": "Stem", "source": "ide"},
            {"id": "halv", "kind": "choice", "prompt": "Vælg", "options": []},
        ],
    }
    step, earlier = preview_step(document, "stem")
    assert step.source == "ide" and [s.id for s in earlier] == ["ide"]
    with pytest.raises(InvalidDialogue) as refused:
        preview_step(document, "halv")
    assert [(p.field, p.code) for p in refused.value.problems] == [("options", "required")]
    assert preview_step(document, "findes-ikke") is None
    assert preview_step({"steps": "x"}, "ide") is None
    votes_on_nothing = {"steps": [{"id": "stem", "kind": "vote", "prompt": "Stem", "source": "x"}]}
    with pytest.raises(InvalidDialogue):
        preview_step(votes_on_nothing, "stem")
    for kind in ("slide", ["open"], {"open": 1}):
        unknown = {"steps": [{"id": "ny", "kind": kind, "prompt": "Hej"}]}
        with pytest.raises(InvalidDialogue) as refused:
            preview_step(unknown, "ny")
        assert refused.value.problems[0].code == "unknown_kind"


def test_the_tool_fields_offer_their_values_in_words():
    language = next(spec for spec in catalogue("da")["tool_fields"] if spec["name"] == "language")
    assert language["choices"] == [
        {"value": "da", "label": "Dansk"},
        {"value": "en", "label": "Engelsk"},
    ]
    assert TOOL_FIELDS[-1].name == "steps"  # the steps are the editor's list, not a field
