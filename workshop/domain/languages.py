"""The languages the tool speaks: Danish first, then English."""

from __future__ import annotations

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
