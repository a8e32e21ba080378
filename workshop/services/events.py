"""What changed, as services report it; the realtime layer decides who hears about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateChanged:
    """The session moved (step, answering, visibility, status): everyone gets a new state."""

    code: str


@dataclass(frozen=True)
class ResultsChanged:
    """Answers to a step changed: the staff views get a fresh summary, coalesced."""

    code: str
    step_id: str


@dataclass(frozen=True)
class ParticipantsChanged:
    """Someone joined, changed or left: the staff views get a fresh count, coalesced; the
    facilitator also gets the changed participant (``participant_id``), if one changed."""

    code: str
    participant_id: int | None = None


@dataclass(frozen=True)
class AnswersDecided:
    """The facilitator decided on answers (approved, hid, merged, edited, confirmed): each
    author's phone gets its own answers again, with what became of them."""

    code: str
    participant_ids: frozenset[int]


@dataclass(frozen=True)
class ParticipantRemoved:
    """The facilitator removed a participant: its phone is disconnected and stays out."""

    code: str
    participant_id: int


@dataclass(frozen=True)
class SessionDeleted:
    """The session and everything in it are gone: every open view is told, once."""

    code: str


Event = (
    StateChanged
    | ResultsChanged
    | ParticipantsChanged
    | AnswersDecided
    | ParticipantRemoved
    | SessionDeleted
)
