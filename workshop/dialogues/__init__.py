"""The built-in dialogue tools, shipped as data files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from ..domain.dialogue import DialogueTool
from ..domain.kinds import kind_of
from ..domain.tools import read_tool


@cache
def builtin_dialogues() -> tuple[DialogueTool, ...]:
    """Every dialogue tool file in this package, read and validated once per process.

    Tools for a follow-up meeting come last: they are meant to be started from the meeting
    they follow up, and a new organiser should meet a meeting of its own first.
    """
    tools = []
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml", ".json")):
            tools.append(read_tool(yaml.safe_load(entry.read_text(encoding="utf-8"))))
    return tuple(sorted(tools, key=follows_up))


def follows_up(tool: DialogueTool) -> bool:
    """Whether a step of the tool works on an earlier meeting's action points."""
    return any(kind_of(step.kind).follows_up(step) for step in tool.steps)


def builtin_dialogue(tool_id: str) -> DialogueTool | None:
    return next((tool for tool in builtin_dialogues() if tool.id == tool_id), None)
