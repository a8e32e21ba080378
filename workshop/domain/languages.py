"""The languages the tool speaks: Danish first, then English."""

from __future__ import annotations

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


def participant_language(chosen: str | None, browser: str | None, session: str) -> str:
    """A phone's language: the one the participant picked, else the phone's own (from its
    browser) when we speak it, else the session's."""
    for language in (chosen, browser, session):
        if language in LANGUAGES:
            return language  # type: ignore[return-value]
    return DEFAULT_LANGUAGE
