"""Room names: one room per audience of a session, so each hears only what is theirs."""

from __future__ import annotations


def room(code: str, audience: str) -> str:
    return f"{code}/{audience}"


def personal_room(code: str, participant_id: int) -> str:
    """Every socket of one participant (a phone may have two tabs open)."""
    return f"{code}/participant/{participant_id}"
