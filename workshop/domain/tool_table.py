"""The table of a tool file's fields in ``docs/protocol.md``, made from their declarations."""

from __future__ import annotations

from .fields import Earlier, Field, Group
from .kinds import KINDS
from .tool_format import STEP_FIELDS, TOOL_FIELDS

START = "<!-- fields: made from the field declarations (workshop/domain/tool_table.py) -->"
END = "<!-- end of fields -->"


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


if __name__ == "__main__":
    print(fields_table())
