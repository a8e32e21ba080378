"""The meeting's own time zone: every time an export shows is Copenhagen time."""

from __future__ import annotations

from datetime import UTC, tzinfo

try:
    from zoneinfo import ZoneInfo

    LOCAL_TIME: tzinfo = ZoneInfo("Europe/Copenhagen")
except (ImportError, KeyError, OSError):  # no time zone data: say UTC rather than guess
    LOCAL_TIME = UTC
