"""Sends what changed to the right rooms: states at once, results and counts coalesced.

Result updates for a session go out at most once per interval (ARCHITECTURE rule 5): answers
only mark a step dirty, and one background task per process sends the fresh summaries.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from flask_socketio import SocketIO

from ..domain.session import PHONES_AUDIENCE, SCREEN_AUDIENCE
from ..messages import error_body
from ..services.events import (
    AnswersDecided,
    Event,
    ParticipantRemoved,
    ParticipantsChanged,
    ResultsChanged,
    SessionDeleted,
    StateChanged,
)
from ..services.sessions import FACILITATOR, PARTICIPANT, tool_of
from ..services.sessions import SCREEN as SCREEN_ROLE
from ..services.snapshots import (
    for_the_phones,
    for_the_room,
    lobby_names,
    participants_list,
    read_once,
    results_of,
    state_of,
)
from ..storage import SessionRecord, Store, StoreUnavailable
from .rooms import personal_room, room

log = logging.getLogger(__name__)
# The phones and the projector first: the room waits for them; the console's state is the
# largest (the participant list) and goes last.
ROLES = (PARTICIPANT, SCREEN_ROLE, FACILITATOR)


class Publisher:
    def __init__(
        self,
        socketio: SocketIO,
        store: Store,
        interval: float,
        connected: Callable[[str], int],
        disconnect: Callable[[str, int], None],
        participant_limit: int | None = None,
        state_sent: Callable[[SessionRecord], None] = lambda _session: None,
        close_session: Callable[[str], None] = lambda _code: None,
    ) -> None:
        # Closes every socket of a deleted session, once it has heard so.
        self.close_session = close_session
        # Told of every session whose new state went out (the time boxes follow it).
        self.state_sent = state_sent
        self.socketio = socketio
        self.participant_limit = participant_limit
        self.store = store
        self.interval = interval
        self.connected = connected
        self.disconnect = disconnect
        self._lock = threading.Lock()
        self._results: set[tuple[str, str]] = set()
        # Sessions whose counts changed, with the participants who joined or changed.
        self._presence: dict[str, set[int]] = {}
        self._flushing = False

    def publish(self, events: Iterable[Event]) -> None:
        start = False
        # Many removed at once (a fake crowd) get one new state, not one each.
        removed_from: set[str] = set()
        for event in events:
            if isinstance(event, StateChanged):
                self.send_state(event.code)
                continue
            if isinstance(event, ParticipantRemoved):
                self.remove(event, state=False)
                removed_from.add(event.code)
                continue
            if isinstance(event, SessionDeleted):
                self.deleted(event.code)
                continue
            if isinstance(event, AnswersDecided):
                self.tell_authors(event)
                continue
            with self._lock:
                if isinstance(event, ResultsChanged):
                    self._results.add((event.code, event.step_id))
                elif isinstance(event, ParticipantsChanged):
                    changed = self._presence.setdefault(event.code, set())
                    if event.participant_id is not None:
                        changed.add(event.participant_id)
                if not self._flushing:
                    self._flushing = start = True
        for code in removed_from:
            self.send_state(code)
        if start:
            self.socketio.start_background_task(self._flush_soon)

    def send_state(self, code: str) -> None:
        """Every audience of the session gets the new snapshot (participants without ``you``)."""
        session = self.store.session_by_code(code)
        if session is None:
            return
        reading = read_once(self.store, session, everyone=True)
        for role in ROLES:
            snapshot = state_of(
                self.store, session, role, participant_limit=self.participant_limit, reading=reading
            )
            self.socketio.emit("state", snapshot, to=room(code, role))
        self.state_sent(session)

    def tell_authors(self, event: AnswersDecided) -> None:
        """Each author's phones get a snapshot with their own answers and what became of
        them, so a phone says "waiting for approval", "edited" or "confirmed" at once."""
        if not event.participant_ids:
            return
        session = self.store.session_by_code(event.code)
        if session is None:
            return
        reading = read_once(self.store, session)
        for participant_id in sorted(event.participant_ids):
            participant = self.store.participant(session.id, participant_id)
            if participant is None or participant.removed:
                continue
            snapshot = state_of(
                self.store, session, PARTICIPANT, participant, self.participant_limit, reading
            )
            self.socketio.emit("state", snapshot, to=personal_room(event.code, participant_id))

    def remove(self, event: ParticipantRemoved, state: bool = True) -> None:
        self.socketio.emit(
            "removed", error_body("removed"), to=personal_room(event.code, event.participant_id)
        )
        self.disconnect(event.code, event.participant_id)
        with self._lock:
            self._presence.setdefault(event.code, set()).add(event.participant_id)
        if state:
            self.send_state(event.code)

    def deleted(self, code: str) -> None:
        """Every open view of a deleted session hears it once, then its socket is closed."""
        for role in ROLES:
            self.socketio.emit("deleted", error_body("session_deleted"), to=room(code, role))
        self.close_session(code)
        with self._lock:
            self._results = {pair for pair in self._results if pair[0] != code}
            self._presence.pop(code, None)

    def _flush_soon(self) -> None:
        while True:
            self.socketio.sleep(self.interval)
            with self._lock:
                results, self._results = self._results, set()
                presence, self._presence = self._presence, {}
                if not results and not presence:
                    self._flushing = False
                    return
            try:
                self.flush(results, presence)
            except StoreUnavailable:
                log.warning("results not sent: the database is unavailable")
            except Exception:  # a failed broadcast must not stop later ones
                log.exception("results broadcast failed")

    def flush(self, results: set[tuple[str, str]], presence: dict[str, set[int]]) -> None:
        for code in presence.keys() | {code for code, _step in results}:
            session = self.store.session_by_code(code)
            if session is None:
                continue
            joined: int | None = None  # participants (less removed ones), read once a flush
            if code in presence:
                people = self.store.participants_of(session.id)
                joined = sum(not person.removed for person in people)
                count = {"participants": joined, "connected": self.connected(code)}
                on_screen = {**count, "lobby_names": lobby_names(session, people)}
                self.socketio.emit("presence", on_screen, to=room(code, SCREEN_ROLE))
                # The console gets only who joined or changed, not the whole list again.
                changed = presence[code]
                listed = {
                    **count,
                    "participants_changed": participants_list(
                        [person for person in people if person.id in changed]
                    ),
                }
                self.socketio.emit("presence", listed, to=room(code, FACILITATOR))
            tool = tool_of(session)
            current = tool.steps[session.state.step_index].id
            for result_code, step_id in results:
                # Only the step on screen matters; a new step's state carries its own results.
                if result_code != code or step_id != current:
                    continue
                moderated = results_of(self.store, session, step_id, moderation=True)
                self.socketio.emit("results", moderated, to=room(code, FACILITATOR))
                if joined is None:
                    joined = self.store.count_participants(session.id)
                progress = {
                    "step_id": step_id,
                    "answered": moderated["summary"]["count"],
                    "participants": joined,
                }
                # The count of answers reaches the console and the projector even while the
                # results themselves are held back.
                for role in (FACILITATOR, SCREEN_ROLE):
                    self.socketio.emit("progress", progress, to=room(code, role))
                payload = for_the_room(moderated, session.state)  # one read for all
                if session.state.results_visible(tool, SCREEN_AUDIENCE):
                    self.socketio.emit("results", payload, to=room(code, SCREEN_ROLE))
                if session.state.results_visible(tool, PHONES_AUDIENCE):
                    phones = for_the_phones(payload)
                    self.socketio.emit("results", phones, to=room(code, PARTICIPANT))
