"""Reading an uploaded dialogue tool file (YAML or JSON) within a fixed budget.

The file is first walked as a stream of parser events, which costs time and memory in
proportion to its size alone: anchors and aliases (which let a few kilobytes expand into
gigabytes), deep nesting, too many items and over-long texts stop the walk at once. Only a
file that passes is built into Python objects.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..domain.errors import DialogueProblem, InvalidDialogue

MAX_UPLOAD = 256 * 1024
# A dialogue tool is a mapping of steps of fields of lists of items: a few levels deep.
MAX_DEPTH = 10
# 50 steps of 30 options are about 4,000 values; anything far beyond that is not a tool.
MAX_VALUES = 10_000
# The longest text a tool may hold is a step's body (3,000 characters).
MAX_SCALAR = 5_000

# libyaml's parser is written in C and does not recurse; PyYAML's own is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse(code: str, **details: Any) -> InvalidDialogue:
    return InvalidDialogue([DialogueProblem(None, "", code, **details)])


def _line(event: Any) -> int:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else 0


def check_shape(text: str) -> None:
    """Refuse a file whose shape could cost more than a dialogue tool ever needs."""
    depth = values = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _refuse("yaml_alias", line=_line(event))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            values += 1
            if depth > MAX_DEPTH:
                raise _refuse("too_deep", line=_line(event), limit=MAX_DEPTH)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
            if len(event.value) > MAX_SCALAR:
                raise _refuse("value_too_long", line=_line(event), limit=MAX_SCALAR)
        if values > MAX_VALUES:
            raise _refuse("too_many_values", line=_line(event), limit=MAX_VALUES)


def check_value_shape(value: Any) -> None:
    """The same limits for a file read as JSON: depth, number of values, length of texts."""
    values = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        values += 1
        if values > MAX_VALUES:
            raise _refuse("too_many_values", line=0, limit=MAX_VALUES)
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise _refuse("too_deep", line=0, limit=MAX_DEPTH)
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
        elif isinstance(item, str) and len(item) > MAX_SCALAR:
            raise _refuse("value_too_long", line=0, limit=MAX_SCALAR)


def _read_json(text: str) -> Any:
    """JSON read as JSON (YAML 1.1 refuses the \\ud83d-style escapes JSON uses for emoji)."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise _refuse("too_deep", line=0, limit=MAX_DEPTH) from None
    check_value_shape(value)
    return value


def _tab_at(text: str, mark: Any) -> bool:
    """Whether YAML stopped at a tab: where it stopped, or in the indentation of that line."""
    if mark is None:
        return False
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return False
    line = lines[mark.line]
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    return line[mark.column : mark.column + 1] == "\t" or "\t" in indentation


def read_tool_file(data: bytes) -> Any:
    """The decoded content of an uploaded file, or InvalidDialogue saying what is wrong."""
    if len(data) > MAX_UPLOAD:
        raise _refuse("file_too_large", limit=MAX_UPLOAD // 1024)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse("not_utf8") from None
    if text.lstrip()[:1] in ("{", "["):
        try:
            return _read_json(text)
        except ValueError:
            pass  # not JSON after all: YAML's flow style looks the same
    try:
        check_shape(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader, aliases refused)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise _refuse("yaml_tab" if _tab_at(text, mark) else "not_yaml", line=line) from None
    except (RecursionError, ValueError, OverflowError):  # a number too long to read
        raise _refuse("not_yaml", line=0) from None


def step_lines(data: bytes) -> dict[str, int]:
    """Where each step begins in a file (line numbers from 1), by its id and by ``#n``.

    Only for a file that has already passed ``read_tool_file``; a problem in a step can then
    say which line of the file to look at.
    """
    try:
        root = yaml.compose(data.decode("utf-8-sig"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError):
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    lines: dict[str, int] = {}
    for key, value in root.value:
        if getattr(key, "value", None) != "steps" or not isinstance(value, yaml.SequenceNode):
            continue
        for position, step in enumerate(value.value, start=1):
            line = step.start_mark.line + 1
            lines[f"#{position}"] = line
            if isinstance(step, yaml.MappingNode):
                for field, content in step.value:
                    if getattr(field, "value", None) == "id" and isinstance(content.value, str):
                        lines.setdefault(content.value, line)
    return lines
