"""The meeting's own time zone: dates and times people read are Copenhagen time, whatever
the server's clock is set to."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

try:
    from zoneinfo import ZoneInfo

    LOCAL_TIME: tzinfo = ZoneInfo("Europe/Copenhagen")
except (ImportError, KeyError, OSError):  # no time zone data: say UTC rather than guess
    LOCAL_TIME = UTC


def local_day(moment: float) -> date:
    """The day a moment (seconds since the epoch) falls on where the meeting is."""
    return datetime.fromtimestamp(moment, UTC).astimezone(LOCAL_TIME).date()
