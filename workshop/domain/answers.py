"""An answer as the domain sees it: who gave which value to which step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_TEXT = 1000


@dataclass(frozen=True)
class Answer:
    """One accepted answer; ``answer_id`` is made by the participant's phone."""

    answer_id: str
    participant_id: int
    step_id: str
    value: Any
    name: str = ""
