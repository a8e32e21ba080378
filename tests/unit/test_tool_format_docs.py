"""The protocol's tables of a tool file's fields say what the kinds declare, no more, no less."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.domain.kinds import KINDS
from workshop.domain.tool_table import END, START, fields_table

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def test_the_fields_table_is_the_one_the_declarations_make():
    text = PROTOCOL.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    assert text[start:end] == fields_table(), (
        "docs/protocol.md's fields table is out of date; replace it with the output of "
        "`python -m workshop.domain.tool_table`"
    )


def definition_adds() -> dict[str, set[str]]:
    """Each kind's row of the step kinds table: the field names its "definition adds"
    column names (the first word of each piece of code in it, outside brackets)."""
    found = {}
    for line in PROTOCOL.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split(" | ")]
        kind = re.match(r"\| `([a-z]+)`", line)
        if kind and kind.group(1) in KINDS and not cells[0].endswith("step"):
            said = re.sub(r"\([^)]*\)", "", cells[1])  # asides name other things
            names = re.findall(r"`([a-z_]+)", said)
            found[kind.group(1)] = set(names)
    return found


def test_the_step_kinds_table_names_each_kinds_declared_fields():
    declared = {name: {field.name for field in kind.fields} for name, kind in KINDS.items()}
    assert definition_adds() == declared
