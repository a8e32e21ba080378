"""Dialogue tools: the built-in ones, and those a facilitator uploads as YAML or JSON."""

from __future__ import annotations

from typing import Any

from ..dialogues import builtin_dialogue, builtin_dialogues
from ..domain.dialogue import DialogueTool
from ..domain.errors import DialogueProblem, InvalidDialogue
from ..domain.tools import parse_dialogue, tool_definition
from ..storage import Store
from .tool_files import read_tool_file, step_lines


def all_dialogues(store: Store) -> list[DialogueTool]:
    """Built-in tools first, then uploaded ones (an upload never shadows a built-in)."""
    tools = list(builtin_dialogues())
    builtin_ids = {tool.id for tool in tools}
    for definition in store.dialogue_tools():
        if definition.get("id") not in builtin_ids:
            tools.append(parse_dialogue(definition))
    return tools


def find_dialogue(store: Store, dialogue_id: Any) -> DialogueTool | None:
    if not isinstance(dialogue_id, str):
        return None
    return builtin_dialogue(dialogue_id) or next(
        (tool for tool in all_dialogues(store) if tool.id == dialogue_id), None
    )


def import_dialogue(store: Store, data: bytes) -> DialogueTool:
    """Validate an uploaded file as a whole and keep it; nothing is kept from a bad file."""
    content = read_tool_file(data)
    try:
        tool = parse_dialogue(content)
    except InvalidDialogue as invalid:
        # Say on which line of the file each step with a problem begins.
        lines = step_lines(data)
        for problem in invalid.problems:
            if problem.step in lines and "line" not in problem.details:
                problem.details["line"] = lines[problem.step]
        raise
    if builtin_dialogue(tool.id) is not None:
        raise InvalidDialogue([DialogueProblem(None, "id", "id_taken")])
    store.save_dialogue_tool(tool_definition(tool))
    return tool
