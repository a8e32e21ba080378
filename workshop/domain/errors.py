"""Domain exceptions: a stable machine code plus the details a message needs.

The text shown to a person is chosen at the edge (web, realtime) from the code, in the
person's language; the domain only says what went wrong.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the meeting was broken; ``code`` says which one."""

    code = "invalid"

    def __init__(self, code: str | None = None, **details: Any) -> None:
        self.code = code or self.code
        self.details = details
        super().__init__(self.code, details)


class InvalidAnswer(DomainError):
    """An answer value does not fit its step."""

    code = "invalid_value"


class InvalidCommand(DomainError):
    """A facilitator command cannot be carried out in the session's current state."""

    code = "invalid_command"


class InvalidDialogue(DomainError):
    """A dialogue tool definition has problems: ``problems`` lists the first of them, and
    ``more`` counts those left out so that a reply about a hostile file stays small."""

    code = "invalid_dialogue"

    def __init__(self, problems: list[DialogueProblem], more: int = 0) -> None:
        super().__init__(problems=problems)
        self.problems = problems
        self.more = more


class DialogueProblem:
    """One problem in a dialogue tool file: where it is, and what is wrong."""

    __slots__ = ("step", "field", "code", "details")

    def __init__(self, step: str | None, field: str, code: str, **details: Any) -> None:
        self.step = step
        self.field = field
        self.code = code
        self.details = details

    def __repr__(self) -> str:
        return f"DialogueProblem(step={self.step!r}, field={self.field!r}, code={self.code!r})"
