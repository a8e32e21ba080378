"""The meeting's own time zone: every time an export shows is Copenhagen time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..domain.local_time import LOCAL_TIME

__all__ = ["LOCAL_TIME", "held"]

if TYPE_CHECKING:
    from ..services.reports import Report


def held(report: Report) -> tuple[datetime, datetime | None]:
    """When the meeting met: from its first step to its last (or the export, if it runs on);
    a session that never started counts from when it was created, with no end."""
    visits = [visit for step in report.steps for visit in step.visits]
    if not visits:
        return report.created_at, None
    start = min(entered for entered, _left in visits)
    end = max(left if left is not None else report.exported_at.timestamp() for _e, left in visits)
    return datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC)
