"""Reading a dialogue tool from plain data, and writing it back: the model with its kinds."""

from __future__ import annotations

from typing import Any

from .dialogue import MAX_STEPS, DialogueTool, Reader, Step
from .errors import DialogueProblem, InvalidDialogue
from .fields import Place, read_values, refuse_unknown
from .kinds import KINDS, kind_of
from .tool_format import STEP_ID, TOOL_FIELDS


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


def read_tool(data: Any) -> DialogueTool:
    """A dialogue tool from a file a person wrote: every key the format does not know is a
    problem, with the key meant (``premoderation``: ``settings.premoderate``)."""
    return parse_dialogue(data, strict=True)


def parse_dialogue(data: Any, *, strict: bool = False) -> DialogueTool:
    """Build a dialogue tool from plain data, or raise InvalidDialogue listing every problem.

    ``strict`` for a file a person wrote (``read_tool``); a copy the app wrote itself (a
    session's, an uploaded tool kept) is read as it is.
    """
    reader = Reader(KINDS, strict=strict)
    if not isinstance(data, dict):
        raise InvalidDialogue([DialogueProblem(None, "", "not_mapping")])
    place = Place(reader, None)
    own = read_values(data, TOOL_FIELDS[:-1], place)
    refuse_unknown(data, TOOL_FIELDS, place)
    tool_id, title, language = own["id"], own["title"], own["language"]
    description = own["description"]

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
        step_id = STEP_ID.read(raw, Place(reader, label))
        if step_id:
            label = step_id
            if step_id in seen:
                reader.problem(label, "id", "duplicate_id")
            seen.add(step_id)
        kind = raw.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            reader.problem(label, "kind", "unknown_kind", allowed=", ".join(sorted(KINDS)))
            continue
        step = kind_of(kind).read_definition(raw, step_id, label, reader, tuple(steps))
        if step is not None:
            steps.append(step)

    reader.fail()
    return DialogueTool(
        id=tool_id, title=title, language=language, description=description, steps=tuple(steps)
    )
