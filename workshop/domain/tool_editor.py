"""What the browser's tool editor needs of the domain: every kind and field, described from
their declarations, and where in a tool's document each of its problems lies.

The editor generates its forms from ``catalogue``: a kind that declares its fields, title,
description and example appears in the editor without the editor knowing its name, as it
appears in the JSON Schema of the format (``tool_schema``) and the protocol's table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .dialogue import ID_PATTERN, MAX_ITEMS, MAX_PROMPT, MAX_STEPS, Reader, Step
from .errors import DialogueProblem, InvalidDialogue
from .fields import (
    Choice,
    Earlier,
    Field,
    Flag,
    Group,
    Identifier,
    Items,
    Number,
    Place,
    Text,
    Words,
)
from .kinds import KINDS, kind_of
from .tool_format import BODY, PROMPT, SETTINGS, STEP_ID, TOOL_FIELDS

# The fields every step has that the editor shows with the step (its kind is chosen when the
# step is added; its settings come in ``settings``).
STEP_OWN = (STEP_ID, PROMPT, BODY)


# The kinds of field a form can show, a subclass before its base.
FORMS = (Identifier, Text, Number, Flag, Choice, Items, Group, Earlier)


def field_spec(described: Field, language: str) -> dict[str, Any]:
    """One field as the editor's form shows it: its type, words, limits and default."""
    spec: dict[str, Any] = {
        "name": described.name,
        "label": described.label.get(language),
        "help": described.help.get(language),
        "required": described.required,
        "default": None,
    }
    form = next((shape for shape in FORMS if isinstance(described, shape)), None)
    if form is None:
        raise TypeError(f"the editor has no form for {type(described).__name__} ({described.name})")
    # The type is the declaring class's name (an id is text of its own pattern).
    spec["type"] = "text" if form is Identifier else form.__name__.lower()
    if isinstance(described, Identifier):
        spec.update(pattern=ID_PATTERN.pattern, max_length=40)
    elif isinstance(described, Text):
        spec.update(default="", max_length=described.limit, multiline=described.limit > MAX_PROMPT)
    elif isinstance(described, Number):
        spec.update(min=described.low, max=described.high, default=described.default)
        if described.at_most:
            spec["at_most"] = described.at_most  # a field whose value (or count) bounds it
    elif isinstance(described, Flag | Choice):
        spec["default"] = described.default
        if isinstance(described, Choice):
            spec["choices"] = _choices(described, language)
    elif isinstance(described, Items):
        inner = described.item_fields()
        spec.update(min=1, max=MAX_ITEMS, fields=[field_spec(f, language) for f in inner])
    elif isinstance(described, Group):
        spec["fields"] = [field_spec(inner, language) for inner in described.fields]
    elif isinstance(described, Earlier):
        spec["offers"] = described.offers
    return spec


def _choices(described: Choice, language: str) -> list[dict[str, str]]:
    labels = described.labels or tuple(Words(value, value) for value in described.allowed)
    return [
        {"value": value, "label": words.get(language)}
        for value, words in zip(described.allowed, labels, strict=True)
    ]


def _words(kind: Any, name: str, language: str) -> str:
    words = getattr(kind, name, None)
    return words.get(language) if isinstance(words, Words) else ""


def _capabilities() -> tuple[str, ...]:
    """What an ``Earlier`` field of any kind asks of the step it names (``votable``)."""
    return tuple(
        sorted(
            {
                described.offers
                for kind in KINDS.values()
                for described in kind.fields
                if isinstance(described, Earlier)
            }
        )
    )


def catalogue(language: str) -> dict[str, Any]:
    """Every kind in the registry's order, with the fields a step of it has, the settings
    every step has and the tool's own fields, all in ``language``."""
    capabilities = _capabilities()
    return {
        "kinds": [
            {
                "name": name,
                "title": kind.title.get(language),
                "description": _words(kind, "description", language),
                "example": _words(kind, "example", language),
                "answerable": kind.answerable,
                # What the kind's steps offer a later step's ``earlier`` field.
                "offers": [wanted for wanted in capabilities if getattr(kind, wanted, False)],
                "fields": [field_spec(described, language) for described in kind.fields],
            }
            for name, kind in KINDS.items()
        ],
        "step_fields": [field_spec(described, language) for described in STEP_OWN],
        "settings": [field_spec(described, language) for described in SETTINGS.fields],
        "tool_fields": [field_spec(described, language) for described in TOOL_FIELDS[:-1]],
        "max_steps": MAX_STEPS,
    }


def problem_paths(problems: list[DialogueProblem], document: Any) -> list[str]:
    """Where each problem lies in ``document``, in the problems' order: ``title``,
    ``steps.2.options.0.label``, ``steps.0.settings.time_box`` (positions from 0).

    The reader names a step by its id, or ``#n`` while it has none; a repeated id is reported
    as ``duplicate_id`` when the reader reaches its second step, so the problems after that one
    with this id are the second step's (the reader goes through the steps in order).
    """
    steps = document.get("steps") if isinstance(document, Mapping) else None
    steps = steps if isinstance(steps, list) else []
    places: dict[str, list[int]] = {}
    for index, raw in enumerate(steps):
        if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
            places.setdefault(raw["id"], []).append(index)
    reached: dict[str, int] = {}
    paths = []
    for problem in problems:
        field = re.sub(r"\[(\d+)\]", lambda match: f".{int(match[1]) - 1}", problem.field)
        label = problem.step
        if label is None:
            paths.append(field)
            continue
        if problem.code == "duplicate_id":
            reached[label] = reached.get(label, 0) + 1
        if label.startswith("#") and label[1:].isdigit():
            index: int | None = int(label[1:]) - 1
        else:
            found = places.get(label, [])
            index = found[min(reached.get(label, 0), len(found) - 1)] if found else None
        step = "steps" if index is None else f"steps.{index}"
        paths.append(f"{step}.{field}" if field else step)
    return paths


def preview_step(document: Any, step_id: str) -> tuple[Step, tuple[Step, ...]] | None:
    """The step ``step_id`` of ``document`` as a meeting would run it, with the steps before it
    (a vote reads an earlier step); None when the document has no such step.

    Only the step itself must be without problems: a preview is asked for while the rest of
    the tool is still being written. InvalidDialogue lists the step's own problems.
    """
    raws = document.get("steps") if isinstance(document, Mapping) else None
    if not isinstance(raws, list):
        return None
    position = next(
        (
            index
            for index, raw in enumerate(raws[:MAX_STEPS])
            if isinstance(raw, Mapping) and raw.get("id") == step_id
        ),
        None,
    )
    if position is None:
        return None
    reader = Reader(KINDS, strict=True)
    earlier: list[Step] = []
    step = None
    label = step_id
    for number, raw in enumerate(raws[: position + 1], start=1):
        label = raw.get("id") if isinstance(raw, Mapping) else None
        label = label if isinstance(label, str) and ID_PATTERN.fullmatch(label) else f"#{number}"
        kind = raw.get("kind") if isinstance(raw, Mapping) else None
        if not isinstance(kind, str) or kind not in KINDS:
            if number == position + 1:
                reader.problem(label, "kind", "unknown_kind", allowed=", ".join(sorted(KINDS)))
            continue
        STEP_ID.read(raw, Place(reader, label))
        step = kind_of(kind).read_definition(dict(raw), label, label, reader, tuple(earlier))
        if number <= position and step is not None:
            earlier.append(step)
    own = [problem for problem in reader.problems if problem.step == label]
    if own or step is None:
        raise InvalidDialogue(own or [DialogueProblem(label, "", "not_mapping")])
    return step, tuple(earlier)
