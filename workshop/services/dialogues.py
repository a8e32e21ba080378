"""Dialogue tools: the built-in ones, and those a facilitator uploads as YAML or JSON."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from ..dialogues import builtin_dialogue, builtin_dialogues
from ..domain.dialogue import DialogueTool
from ..domain.errors import DialogueProblem, InvalidDialogue
from ..domain.tools import parse_dialogue, read_tool, tool_definition
from ..storage import Store
from .tool_files import read_tool_file, step_lines

# Uploaded tools kept at most: each is listed on the home page and offered by the API.
MAX_UPLOADED_TOOLS = 100


# Uploaded tools, parsed once each: by store, (id, when it was kept) -> the tool. A listing
# reads only ids and times; a definition is read and parsed again only when it changed.
_parsed: WeakKeyDictionary[Store, dict[tuple[str, Any], DialogueTool]] = WeakKeyDictionary()


def uploaded_dialogues(store: Store) -> list[DialogueTool]:
    """The uploaded tools, oldest first, each parsed once per process."""
    parsed = _parsed.setdefault(store, {})
    stamps = store.dialogue_tool_stamps()
    tools = []
    for stamp in stamps:
        tool = parsed.get(stamp)
        if tool is None:
            definition = store.dialogue_tool(stamp[0])
            if definition is None:  # deleted meanwhile
                continue
            tool = parsed[stamp] = parse_dialogue(definition)
        tools.append(tool)
    for gone in set(parsed) - set(stamps):
        parsed.pop(gone, None)
    return tools


def all_dialogues(store: Store) -> list[DialogueTool]:
    """Built-in tools first, then uploaded ones (an upload never shadows a built-in)."""
    tools = list(builtin_dialogues())
    builtin_ids = {tool.id for tool in tools}
    tools += [tool for tool in uploaded_dialogues(store) if tool.id not in builtin_ids]
    return tools


def find_dialogue(store: Store, dialogue_id: Any) -> DialogueTool | None:
    if not isinstance(dialogue_id, str):
        return None
    return builtin_dialogue(dialogue_id) or next(
        (tool for tool in uploaded_dialogues(store) if tool.id == dialogue_id), None
    )


def import_dialogue(store: Store, data: bytes, replace: bool = False) -> DialogueTool:
    """Validate an uploaded file as a whole and keep it; nothing is kept from a bad file.

    An uploaded tool with the same id is replaced only when ``replace`` says the uploader
    may (the organiser passcode is set, and was given): otherwise anyone who reaches the home
    page could change the tool the next meeting runs. At most ``MAX_UPLOADED_TOOLS`` are kept.
    """
    content = read_tool_file(data)
    try:
        tool = read_tool(content)
    except InvalidDialogue as invalid:
        # Say on which line of the file each step with a problem begins.
        lines = step_lines(data)
        for problem in invalid.problems:
            if problem.step in lines and "line" not in problem.details:
                problem.details["line"] = lines[problem.step]
        raise
    return keep_dialogue(store, tool, replace)


def keep_dialogue(store: Store, tool: DialogueTool, replace: bool = False) -> DialogueTool:
    """Keep a tool already read by the upload's rules (an upload, a draft without problems)
    under the upload's terms: never a built-in's id, an uploaded one replaced only when
    ``replace``, and no more than ``MAX_UPLOADED_TOOLS``."""
    if builtin_dialogue(tool.id) is not None:
        raise InvalidDialogue([DialogueProblem(None, "id", "id_taken")])
    kept = {tool_id for tool_id, _kept_at in store.dialogue_tool_stamps()}
    definition = tool_definition(tool)
    if tool.id in kept and not replace:
        if store.dialogue_tool(tool.id) == definition:
            return tool  # the same file again (a script that uploads before each session)
        raise InvalidDialogue([DialogueProblem(None, "id", "id_uploaded")])
    if tool.id not in kept and len(kept) >= MAX_UPLOADED_TOOLS:
        raise InvalidDialogue(
            [DialogueProblem(None, "", "too_many_tools", limit=MAX_UPLOADED_TOOLS)]
        )
    store.save_dialogue_tool(definition)
    return tool
