"""How the meeting went through its steps: which it reached, and whether it stopped early."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.session import ENDED

if TYPE_CHECKING:
    from ..services.reports import Report


def reached(report: Report) -> list[bool]:
    """Per step, whether the room came to it. Without any recorded visit (an older session)
    nothing can be told apart, and every step counts as reached."""
    tracked = any(step.visits for step in report.steps)
    return [bool(step.visits) or not tracked for step in report.steps]


def stopped_at(report: Report) -> int | None:
    """The number of the last step reached, if the meeting ended before its last step."""
    came = reached(report)
    if report.status != ENDED or not came or all(came) or not any(came):
        return None
    last = max(index for index, was in enumerate(came) if was)
    return last + 1 if last < len(came) - 1 else None
