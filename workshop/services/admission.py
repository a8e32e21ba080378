"""Letting a socket in: who it is (a phone, a console, a screen), in which session, and what
the room must hear because it came."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..domain.languages import participant_language
from ..storage import ParticipantRecord, SessionRecord, Store
from . import participation
from .errors import Refused
from .events import Event, ParticipantsChanged
from .guesses import Guesses
from .sessions import FACILITATOR, PARTICIPANT, SCREEN, check_key, holds_key, key_cookie

ROLES = (PARTICIPANT, FACILITATOR, SCREEN)


@dataclass(frozen=True)
class Door:
    """What the transport knows about the socket at the door, and asks of the live room."""

    address: str | None
    cookie: Callable[[str], str | None]
    # The phone's own choice of language (its cookie) and its browser's best match.
    phone_languages: tuple[str | None, str | None]
    max_participants: int
    sockets_per_participant: int
    # A newcomer's seat at the pace a room arrives; the participant's live sockets here
    # or on another process; its sockets here; whether it was cut off a moment ago.
    admit_newcomer: Callable[[str], bool]
    connected: Callable[[str, int], bool]
    sockets_of: Callable[[str, int], int]
    cooling: Callable[[str, int], bool]
    # Told the session as soon as it is known: refusals about it come in its language.
    found: Callable[[SessionRecord], None] = lambda _session: None


@dataclass(frozen=True)
class Admitted:
    role: str
    session: SessionRecord
    participant: ParticipantRecord | None
    # The language its acks come in: a phone's own, else the session's.
    language: str
    # A phone that took a new seat (its first state says so).
    newcomer: bool
    events: list[Event] = field(default_factory=list)


def admit(store: Store, guesses: Guesses, auth: Any, door: Door) -> Admitted:
    """Let a socket in with its ``auth`` or raise ``Refused``."""
    if not isinstance(auth, dict) or auth.get("role") not in ROLES:
        raise Refused("bad_auth")
    role, code = auth["role"], auth.get("code")
    if role != PARTICIPANT:
        # A script may send the key; the console and screen pages send their cookie.
        key = auth.get("key") or door.cookie(key_cookie(str(code), role))
        session = guesses.find_session(
            store, code, door.address, proof=lambda found: holds_key(found, role, key)
        )
        door.found(session)
        session = check_key(session, role, key)
        return Admitted(role, session, None, session.language, newcomer=False)
    token = auth.get("token")
    session = guesses.find_session(
        store,
        code,
        door.address,
        proof=lambda found: participation.holds_token(store, found, token),
    )
    door.found(session)
    joined = participation.join(
        store,
        session,
        token,
        auth.get("name"),
        auth.get("table"),
        auth.get("as_table", False),
        door.max_participants,
        admit=lambda: door.admit_newcomer(session.code),
        connected=lambda participant_id: door.connected(session.code, participant_id),
    )
    session, participant = joined.session, joined.participant
    # One token, however many tabs: its sockets are capped (each holds a file).
    if door.sockets_of(session.code, participant.id) >= door.sockets_per_participant:
        raise Refused("too_many_sockets", limit=door.sockets_per_participant)
    if door.cooling(session.code, participant.id):
        raise Refused("too_fast")  # it was cut off for flooding a moment ago
    language = participant_language(*door.phone_languages, session.language)
    # A phone back again changes who is connected now, if nothing else.
    events = joined.events or [ParticipantsChanged(session.code)]
    return Admitted(role, session, participant, language, bool(joined.events), events)
