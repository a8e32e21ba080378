"""Reading a dialogue tool from plain data, and writing it back: the model with its kinds."""

from __future__ import annotations

from typing import Any

from .dialogue import MAX_BODY, MAX_STEPS, DialogueTool, Reader, Step
from .errors import DialogueProblem, InvalidDialogue
from .kinds import KINDS, kind_of
from .languages import LANGUAGES


def step_definition(step: Step, *, notes: bool = True) -> dict[str, Any]:
    """A step as clients and files see it (the facilitator's notes only when ``notes``)."""
    data: dict[str, Any] = {"id": step.id, "kind": step.kind, "prompt": step.prompt}
    if step.body:
        data["body"] = step.body
    data.update(kind_of(step.kind).definition(step))
    settings = step.settings.to_dict()
    if not notes:
        settings.pop("notes")
    data["settings"] = settings
    return data


def tool_definition(tool: DialogueTool) -> dict[str, Any]:
    """A dialogue tool as plain data: what a file holds and what a session keeps."""
    return {
        "id": tool.id,
        "title": tool.title,
        "language": tool.language,
        "description": tool.description,
        "steps": [step_definition(step) for step in tool.steps],
    }


def parse_dialogue(data: Any) -> DialogueTool:
    """Build a dialogue tool from plain data, or raise InvalidDialogue listing every problem."""
    reader = Reader(KINDS)
    if not isinstance(data, dict):
        raise InvalidDialogue([DialogueProblem(None, "", "not_mapping")])
    tool_id = reader.identifier(data.get("id"), None, "id")
    title = reader.text(data, "title", None)
    description = reader.text(data, "description", None, required=False, limit=MAX_BODY)
    language = data.get("language", "da")
    if language not in LANGUAGES:
        reader.problem(None, "language", "bad_language", allowed=", ".join(LANGUAGES))
        language = "da"

    raw_steps = data.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        reader.problem(None, "steps", "no_steps")
        raw_steps = []
    elif len(raw_steps) > MAX_STEPS:
        reader.problem(None, "steps", "too_many", limit=MAX_STEPS)
        raw_steps = raw_steps[:MAX_STEPS]  # the rest is not read: the file is refused anyway
    seen: set[str] = set()
    for position, raw in enumerate(raw_steps, start=1):
        label = f"#{position}"
        if not isinstance(raw, dict):
            reader.problem(label, "", "not_mapping")
            continue
        step_id = reader.identifier(raw.get("id"), label, "id")
        if step_id:
            label = step_id
            if step_id in seen:
                reader.problem(label, "id", "duplicate_id")
            seen.add(step_id)
        kind = raw.get("kind")
        if kind not in KINDS:
            reader.problem(label, "kind", "unknown_kind", allowed=", ".join(sorted(KINDS)))
            continue
        step = kind_of(kind).read_definition(raw, step_id, label, reader, tuple(steps))
        if step is not None:
            steps.append(step)

    reader.fail()
    return DialogueTool(
        id=tool_id, title=title, language=language, description=description, steps=tuple(steps)
    )
