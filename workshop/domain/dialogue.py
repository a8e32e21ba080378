"""The dialogue tool model: a titled sequence of steps, read from plain data and validated whole."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import DialogueProblem, InvalidDialogue
from .text import without_bidi_controls

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_STEPS = 50
MAX_PROMPT = 300
MAX_BODY = 3000
MAX_LABEL = 120
MAX_NOTES = 2000
# A list in a file (options, statements) holds at most this many items.
MAX_ITEMS = 30
# Problems listed for one file; beyond them only a count, so the reply stays small.
MAX_PROBLEMS = 50
# Who sees results when: live, once answering has closed, or only when revealed.
RESULT_POLICIES = ("live", "closed", "reveal")
# How a step opens for answers: as the room arrives, or when the facilitator presses "Open".
OPENINGS = ("on_arrival", "by_facilitator")


@dataclass(frozen=True)
class Option:
    """A choice a participant can pick (or give points to)."""

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
class StepSettings:
    """How a step is run; set in the file, changeable live by the facilitator."""

    anonymous: bool = True
    screen_results: str = "live"
    phone_results: str = "closed"
    time_box: int | None = None  # minutes
    auto_close: bool = False
    notes: str = ""
    # New answers wait in the console until the facilitator approves them for the room.
    premoderate: bool = False
    opens: str = "on_arrival"

    def to_dict(self) -> dict[str, Any]:
        return {
            "premoderate": self.premoderate,
            "opens": self.opens,
            "anonymous": self.anonymous,
            "screen_results": self.screen_results,
            "phone_results": self.phone_results,
            "time_box": self.time_box,
            "auto_close": self.auto_close,
            "notes": self.notes,
        }


class StepFields(Mapping[str, Any]):
    """A step's own fields, by name, as its kind declared and read them (``options``,
    ``max_answers``): read-only and hashable, as the step itself is."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = dict(values or {})

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        return f"StepFields({self._values!r})"


@dataclass(frozen=True)
class Step:
    """One step of a dialogue: a slide, a question or an exercise.

    What every step has is here; the fields of its kind are in ``fields``, read and used only
    by the kind (``kinds``), so nothing else needs to know which kind has which field.
    """

    id: str
    kind: str
    prompt: str
    body: str = ""
    settings: StepSettings = StepSettings()
    fields: StepFields = StepFields()
    # The earlier step whose answers this one works on (a vote's cards): the value of the
    # kind's ``Earlier`` field, if it has one.
    source: str = ""
    # Set by the step's kind when it reads the definition: does the step take answers?
    answerable: bool = True

    def with_settings(self, settings: StepSettings) -> Step:
        return replace(self, settings=settings)


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


class Reader:
    """Collects the problems of a definition instead of stopping at the first.

    The first ``MAX_PROBLEMS`` are kept; the rest are only counted (``more``). ``kinds`` is the
    registry of step kinds, so that one kind can ask what an earlier step's kind offers.
    ``strict``: keys the format does not know are problems (a file a person wrote); a copy the
    app wrote itself is read as it is.
    """

    def __init__(self, kinds: Mapping[str, Any] | None = None, strict: bool = False) -> None:
        self.problems: list[DialogueProblem] = []
        self.more = 0
        self.kinds: Mapping[str, Any] = kinds or {}
        self.strict = strict

    def problem(self, step: str | None, field_name: str, code: str, **details: Any) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.more += 1
            return
        self.problems.append(DialogueProblem(step, field_name, code, **details))

    def fail(self) -> None:
        if self.problems:
            raise InvalidDialogue(self.problems, more=self.more)

    def text(
        self,
        data: dict[str, Any],
        key: str,
        step: str | None,
        *,
        required: bool = True,
        limit: int = MAX_PROMPT,
        where: str | None = None,
    ) -> str:
        where = where or key
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.problem(step, where, "required")
            return ""
        if not isinstance(value, str):
            self.problem(step, where, "not_text")
            return ""
        value = without_bidi_controls(value).strip()
        if len(value) > limit:
            self.problem(step, where, "too_long", limit=limit)
        return value

    def identifier(self, value: Any, step: str | None, field_name: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            self.problem(step, field_name, "bad_id")
            return ""
        return value

    def flag(
        self, data: dict[str, Any], key: str, step: str | None, default: bool, where: str = ""
    ) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(step, where or key, "not_bool")
            return default
        return value
