"""The dialogue tool model: a titled sequence of steps, read from plain data and validated whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import DialogueProblem, InvalidDialogue

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LANGUAGES = ("da", "en")
MAX_STEPS = 50
MAX_PROMPT = 300
MAX_BODY = 3000
MAX_LABEL = 120


@dataclass(frozen=True)
class Option:
    """A choice a participant can pick."""

    id: str
    label: str


@dataclass(frozen=True)
class Statement:
    """A statement a participant rates on a scale."""

    id: str
    text: str


@dataclass(frozen=True)
class Scale:
    """The range of a rating scale and the words at its two ends."""

    min: int = 1
    max: int = 5
    min_label: str = ""
    max_label: str = ""


@dataclass(frozen=True)
class Step:
    """One step of a dialogue: a slide, a question or an exercise."""

    id: str
    kind: str
    prompt: str
    body: str = ""
    options: tuple[Option, ...] = ()
    statements: tuple[Statement, ...] = ()
    scale: Scale | None = None
    multiple: bool = False
    max_choices: int | None = None

    @property
    def answerable(self) -> bool:
        from .steps import kind_of

        return kind_of(self.kind).answerable

    def to_dict(self) -> dict[str, Any]:
        """The public definition of the step, as clients and files see it."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "prompt": self.prompt}
        if self.body:
            data["body"] = self.body
        if self.options:
            data["options"] = [{"id": o.id, "label": o.label} for o in self.options]
            data["multiple"] = self.multiple
            if self.max_choices is not None:
                data["max_choices"] = self.max_choices
        if self.statements:
            data["statements"] = [{"id": s.id, "text": s.text} for s in self.statements]
        if self.scale is not None:
            data["scale"] = {
                "min": self.scale.min,
                "max": self.scale.max,
                "min_label": self.scale.min_label,
                "max_label": self.scale.max_label,
            }
        return data


@dataclass(frozen=True)
class DialogueTool:
    """A reusable sequence of reflection steps that a session runs."""

    id: str
    title: str
    language: str
    steps: tuple[Step, ...]
    description: str = ""
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({step.id: i for i, step in enumerate(self.steps)})

    def step_index(self, step_id: str) -> int | None:
        return self._index.get(step_id)

    def step(self, step_id: str) -> Step | None:
        index = self._index.get(step_id)
        return None if index is None else self.steps[index]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "description": self.description,
            "steps": [step.to_dict() for step in self.steps],
        }


class _Reader:
    """Collects every problem of a definition instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[DialogueProblem] = []

    def problem(self, step: str | None, field_name: str, code: str, **details: Any) -> None:
        self.problems.append(DialogueProblem(step, field_name, code, **details))

    def text(
        self,
        data: dict[str, Any],
        key: str,
        step: str | None,
        *,
        required: bool = True,
        limit: int = MAX_PROMPT,
    ) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.problem(step, key, "required")
            return ""
        if not isinstance(value, str):
            self.problem(step, key, "not_text")
            return ""
        value = value.strip()
        if len(value) > limit:
            self.problem(step, key, "too_long", limit=limit)
        return value

    def identifier(self, value: Any, step: str | None, field_name: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(step, field_name, "bad_id")
            return ""
        return value


def parse_dialogue(data: Any) -> DialogueTool:
    """Build a dialogue tool from plain data, or raise InvalidDialogue listing every problem."""
    from .steps import KINDS, kind_of

    reader = _Reader()
    if not isinstance(data, dict):
        raise InvalidDialogue([DialogueProblem(None, "", "not_mapping")])
    tool_id = reader.identifier(data.get("id"), None, "id")
    title = reader.text(data, "title", None)
    description = reader.text(data, "description", None, required=False, limit=MAX_BODY)
    language = data.get("language", "da")
    if language not in LANGUAGES:
        reader.problem(None, "language", "bad_language", allowed=", ".join(LANGUAGES))
        language = "da"

    raw_steps = data.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        reader.problem(None, "steps", "no_steps")
        raw_steps = []
    elif len(raw_steps) > MAX_STEPS:
        reader.problem(None, "steps", "too_many", limit=MAX_STEPS)
    seen: set[str] = set()
    for position, raw in enumerate(raw_steps, start=1):
        label = f"#{position}"
        if not isinstance(raw, dict):
            reader.problem(label, "", "not_mapping")
            continue
        step_id = reader.identifier(raw.get("id"), label, "id")
        if step_id:
            label = step_id
            if step_id in seen:
                reader.problem(label, "id", "duplicate_id")
            seen.add(step_id)
        kind = raw.get("kind")
        if kind not in KINDS:
            reader.problem(label, "kind", "unknown_kind", allowed=", ".join(sorted(KINDS)))
            continue
        step = kind_of(kind).read_definition(raw, step_id, label, reader)
        if step is not None:
            steps.append(step)

    if reader.problems:
        raise InvalidDialogue(reader.problems)
    return DialogueTool(
        id=tool_id, title=title, language=language, description=description, steps=tuple(steps)
    )
