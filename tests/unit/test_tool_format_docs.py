"""The protocol's tables of a tool file's fields and of the step kinds say what the kinds
declare, no more, no less."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.domain.kinds import KINDS
from workshop.domain.tool_table import (
    END,
    KINDS_END,
    KINDS_START,
    START,
    fields_table,
    kinds_table,
    with_tables,
)

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"
REMAKE = "run `python -m workshop.domain.tool_table docs/protocol.md` to write it anew"


def test_the_fields_table_is_the_one_the_declarations_make():
    text = PROTOCOL.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    assert text[start:end] == fields_table(), (
        f"docs/protocol.md's fields table is out of date; {REMAKE}"
    )


def test_the_step_kinds_table_is_the_one_the_kinds_docs_make():
    text = PROTOCOL.read_text(encoding="utf-8")
    start, end = text.index(KINDS_START), text.index(KINDS_END) + len(KINDS_END)
    assert text[start:end] == kinds_table(), (
        f"docs/protocol.md's table of step kinds is out of date; {REMAKE}"
    )


def test_writing_the_tables_leaves_the_rest_of_the_page_as_it_was():
    page = f"before\n{START}\nold\n{END}\nbetween\n{KINDS_START}\nold\n{KINDS_END}\nafter\n"
    assert with_tables(page) == f"before\n{fields_table()}\nbetween\n{kinds_table()}\nafter\n"


def definition_adds(adds: str) -> set[str]:
    """The field names a kind's "definition adds" names: the first word of each piece of
    code in it, outside brackets (asides name other things)."""
    return set(re.findall(r"`([a-z_]+)", re.sub(r"\([^)]*\)", "", adds)))


def test_each_kind_says_its_declared_fields_in_definition_adds():
    said = {name: definition_adds(kind.doc.adds) for name, kind in KINDS.items()}
    declared = {name: {field.name for field in kind.fields} for name, kind in KINDS.items()}
    assert said == declared


def test_no_kinds_doc_breaks_the_tables_columns():
    # A bare | would start a new column: within a cell it is written \|.
    bare = re.compile(r"(?<!\\)\|")
    broken = [
        f"{name}.{part}"
        for name, kind in KINDS.items()
        for part in ("adds", "value", "summary", "aside")
        if bare.search(getattr(kind.doc, part))
    ]
    assert broken == []
