"""How long a meeting with a tool takes: the facilitator's run of show ("Drejebog") gives
each step its time and the meeting a realistic total before anyone has been invited."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .dialogue import Step
from .kinds import kind_of

# The total is said "about" so many minutes, rounded to this: a plan, not a stopwatch.
ROUNDED_TO = 5


@dataclass(frozen=True)
class StepTime:
    """A step's minutes: its time box when it has one (``boxed``), else what a step of its
    kind usually takes (``StepKind.typical_minutes``)."""

    minutes: float
    boxed: bool


def step_time(step: Step) -> StepTime:
    if step.settings.time_box:
        return StepTime(float(step.settings.time_box), boxed=True)
    return StepTime(kind_of(step.kind).typical_minutes(step), boxed=False)


def about_minutes(steps: Iterable[Step]) -> int:
    """The whole meeting in minutes, rounded to the nearest five (never below five): the
    time boxes and, for every other step, its kind's usual time. Counting the time boxes
    alone said 15 minutes for a tool that takes the best part of an hour."""
    total = sum(step_time(step).minutes for step in steps)
    return max(ROUNDED_TO, ROUNDED_TO * math.floor(total / ROUNDED_TO + 0.5))
