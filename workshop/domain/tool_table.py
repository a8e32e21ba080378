"""The tables in ``docs/protocol.md`` made from the kinds' declarations: a tool file's fields,
and the step kinds (what each adds to a step, its answer's value and its summary).

``python -m workshop.domain.tool_table`` prints both; given the page's path, it writes them
into the page between their markers, and a test fails while the page's copy is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .fields import Earlier, Field, Group
from .kinds import KINDS
from .tool_format import STEP_FIELDS, TOOL_FIELDS

START = "<!-- fields: made from the field declarations (workshop/domain/tool_table.py) -->"
END = "<!-- end of fields -->"
KINDS_START = "<!-- step kinds: made from each kind's doc (workshop/domain/tool_table.py) -->"
KINDS_END = "<!-- end of step kinds -->"


def fields_table() -> str:
    """The markdown table, one row per field: where it goes, its name, its type, limits and
    default, whether it is required, and its help."""
    lines = [
        "| where | field | type, limits, default | required | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += _rows("the file", TOOL_FIELDS)
    lines += _rows("every step", STEP_FIELDS)
    for name, kind in KINDS.items():
        lines += _rows(f"`{name}` step", kind.fields)
    return "\n".join([START, *lines, END])


def kinds_table() -> str:
    """The markdown table of step kinds, one row per kind from its ``doc``, in registry order."""
    lines = [
        "| kind | definition adds | answer `value` | `summary` |",
        "| --- | --- | --- | --- |",
    ]
    for name, kind in KINDS.items():
        doc = kind.doc
        called = f"`{name}` ({doc.aside})" if doc.aside else f"`{name}`"
        lines.append(f"| {called} | {doc.adds} | {doc.value} | {doc.summary} |")
    return "\n".join([KINDS_START, *lines, KINDS_END])


def _rows(where: str, fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for described in fields:
        name = f"{prefix}{described.name}"
        required = "yes" if described.required else ""
        limits = described.limits()
        if isinstance(described, Earlier):
            offering = [
                f"`{kind}`" for kind, how in KINDS.items() if getattr(how, described.offers)
            ]
            limits = f"the id of an earlier {' or '.join(offering)} step"
        rows.append(f"| {where} | `{name}` | {limits} | {required} | {described.help.en} |")
        if isinstance(described, Group):
            rows += _rows(where, described.fields, f"{name}.")
    return rows


def with_tables(page: str) -> str:
    """The page with both tables, between their markers, as the declarations make them (a
    page without the markers is an error, not a page with the tables added at its end)."""
    for table, start, end in (
        (fields_table(), START, END),
        (kinds_table(), KINDS_START, KINDS_END),
    ):
        first, last = page.index(start), page.index(end, page.index(start)) + len(end)
        page = page[:first] + table + page[last:]
    return page


if __name__ == "__main__":
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
        path.write_text(with_tables(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(fields_table(), kinds_table(), sep="\n\n")
