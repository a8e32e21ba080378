"""The JSON Schema of the dialogue tool format, made from the fields the kinds declare.

An editor (VS Code's YAML extension, for one) checks a file against it while it is written and
explains each key; the server's own reading (``tools.read_tool``) stays the judge: rules
between fields (a scale's ``min`` below its ``max``, a vote's ``source`` naming an earlier
step) are checked only there.
"""

from __future__ import annotations

from typing import Any

from .dialogue import MAX_STEPS
from .fields import Words, mapping_schema
from .kinds import KINDS
from .tool_format import KIND, STEP_FIELDS, TOOL_FIELDS

DRAFT = "http://json-schema.org/draft-07/schema#"
TITLE = Words("Dialogue tool", "Dialogredskab")


def tool_schema(language: str = "en") -> dict[str, Any]:
    """The schema in ``language`` (``da`` or ``en``): the titles and descriptions an editor
    shows are the fields' labels and help."""
    schema = mapping_schema(TOOL_FIELDS, language)
    steps = schema["properties"]["steps"]
    steps.update(type="array", minItems=1, maxItems=MAX_STEPS, items=step_schema(language))
    return {"$schema": DRAFT, "title": TITLE.get(language), **schema}


def step_schema(language: str) -> dict[str, Any]:
    """A step: its kind picks the fields it may have, each kind's own as it declares them."""
    shared = mapping_schema(STEP_FIELDS, language)
    shared["properties"]["kind"]["enum"] = sorted(KINDS)
    shared.pop("additionalProperties")  # the branch of the step's kind refuses other keys
    shared["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": kind_branch(name, language),
        }
        for name in sorted(KINDS)
    ]
    return shared


def kind_branch(name: str, language: str) -> dict[str, Any]:
    branch = mapping_schema(STEP_FIELDS + KINDS[name].fields, language)
    branch["properties"][KIND.name] = {**KIND.schema(language), "const": name}
    return branch
