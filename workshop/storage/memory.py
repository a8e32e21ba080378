"""What one server process remembers of the database while it is the only writer.

With one process (the default) every write goes through this store, so it can keep the running
sessions' records, their participants and the answers of their steps in memory, exactly: each
write changes the memory right after its commit, and a change the memory cannot follow simply
forgets what it held, to be read again. An answer then costs no session read, no participant
read and no JSON decode, and a summary is made from memory instead of from every stored row.

With several processes (a message queue configured) another process may write at any moment:
the store then keeps each session's parsed record, used while no process has announced a newer
revision, and each session's participants, forgotten whenever any process announces a change
to them (both through Redis, storage/revisions.py; the participants only while the announcements
are heard). A join is not announced: memory may lack a participant who joined elsewhere, so a
participant not found is looked for in the database, and lists and counts of the participants
are read there. It keeps no answers: another process writes them without a word.

Every entry has a version. A reader that loads an entry from the database notes the version
before reading and keeps what it read only if no write came in between; so a write that lands
while a load is under way is never lost from memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.answers import Answer
    from .records import ParticipantRecord, SessionRecord

SESSIONS_KEPT = 64  # the sessions of a day and more; older ones are read again when used
READERS_KEPT = 1024  # locks of ``one_reader``, forgotten all at once beyond


@dataclass
class People:
    """A session's participants, all of them, by id and by token."""

    by_id: dict[int, ParticipantRecord] = field(default_factory=dict)
    by_token: dict[str, int] = field(default_factory=dict)
    present: int = 0  # joined, less removed ones

    def add(self, person: ParticipantRecord) -> None:
        before = self.by_id.get(person.id)
        if before is not None and not before.removed:
            self.present -= 1
        self.by_id[person.id] = person
        self.by_token[person.token] = person.id
        if not person.removed:
            self.present += 1

    def joined(self) -> int:
        return self.present


@dataclass
class Remembered:
    """One session's memory: its participants and the answers of the steps read so far."""

    people: People | None = None
    steps: dict[str, list[Answer]] = field(default_factory=dict)
    # Bumped by every write to the participants; to the answers of any step (names and
    # tables are part of an answer); and to the answers of one step.
    people_version: int = 0
    version: int = 0
    step_versions: dict[str, int] = field(default_factory=dict)


class Memory:
    def __init__(self) -> None:
        # Told of every change this process makes to a session's participants (several
        # processes: the others hear of it and forget theirs).
        self.tell: Callable[[int], None] | None = None
        self._lock = threading.Lock()
        self._readers: dict[object, threading.Lock] = {}
        self._sessions: OrderedDict[str, SessionRecord] = OrderedDict()
        self._remembered: OrderedDict[int, Remembered] = OrderedDict()

    @contextmanager
    def one_reader(self, key: object) -> Iterator[None]:
        """One load of ``key`` at a time: a burst of callers who all miss it waits for the
        first one's read instead of each reading the same rows."""
        with self._lock:
            reader = self._readers.get(key)
            if reader is None:
                if len(self._readers) > READERS_KEPT:
                    self._readers.clear()  # a lock held now still serves its holders
                reader = self._readers[key] = threading.Lock()
        with reader:
            yield

    # session records ------------------------------------------------------------------

    def session(self, code: str) -> SessionRecord | None:
        with self._lock:
            found = self._sessions.get(code)
            if found is not None:
                self._sessions.move_to_end(code)
            return found

    def keep_session(self, record: SessionRecord) -> None:
        with self._lock:
            self._sessions[record.code] = record
            self._sessions.move_to_end(record.code)
            while len(self._sessions) > SESSIONS_KEPT:
                self._sessions.popitem(last=False)

    def forget_session(self, code: str, session_id: int) -> None:
        with self._lock:
            self._sessions.pop(code, None)
            self._remembered.pop(session_id, None)

    # what a session holds -------------------------------------------------------------------

    def _of(self, session_id: int) -> Remembered:
        remembered = self._remembered.get(session_id)
        if remembered is None:
            remembered = self._remembered[session_id] = Remembered()
            while len(self._remembered) > SESSIONS_KEPT:
                self._remembered.popitem(last=False)
        else:
            self._remembered.move_to_end(session_id)
        return remembered

    def version(self, session_id: int, step_id: str) -> tuple[int, int]:
        """Changes whenever the step's answers (or the session's participants) change."""
        with self._lock:
            remembered = self._of(session_id)
            return remembered.version, remembered.step_versions.get(step_id, 0)

    def people(self, session_id: int, load: Callable[[], list[ParticipantRecord]]) -> People:
        with self._lock:
            remembered = self._of(session_id)
            if remembered.people is not None:
                return remembered.people
        with self.one_reader(("people", session_id)):
            with self._lock:
                remembered = self._of(session_id)
                if remembered.people is not None:
                    return remembered.people
                before = remembered.people_version
            loaded = People()
            for person in load():
                loaded.add(person)
            with self._lock:
                remembered = self._of(session_id)
                if remembered.people is None and remembered.people_version == before:
                    remembered.people = loaded
                return remembered.people or loaded

    def known_person(self, session_id: int, participant_id: int) -> ParticipantRecord | None:
        """The participant if this session's participants are in memory (without reading)."""
        with self._lock:
            remembered = self._remembered.get(session_id)
            if remembered is None or remembered.people is None:
                return None
            return remembered.people.by_id.get(participant_id)

    def person_joined(self, session_id: int, person: ParticipantRecord) -> None:
        """A new participant: no answers of theirs exist yet. (The other processes are not
        told: one that does not hold a participant looks for it in the database.)"""
        with self._lock:
            remembered = self._of(session_id)
            remembered.people_version += 1
            if remembered.people is not None:
                remembered.people.add(person)

    def people_changed(self, session_id: int) -> None:
        """Names, tables or removals changed: the participants and the answers are read again
        (an answer carries its participant's name and table)."""
        self.heard_people_changed(session_id)
        self._told(session_id)

    def heard_people_changed(self, session_id: int) -> None:
        """Another process changed the session's participants: read them again."""
        with self._lock:
            remembered = self._of(session_id)
            remembered.people_version += 1
            remembered.people = None
            remembered.version += 1
            remembered.steps.clear()

    def forget_people(self) -> None:
        """Every session's participants are read again (changes may have gone unheard); a
        load under way when this is called is not kept."""
        with self._lock:
            for remembered in self._remembered.values():
                remembered.people_version += 1
                remembered.people = None

    def _told(self, session_id: int) -> None:
        if self.tell is not None:
            self.tell(session_id)

    def answers(
        self, session_id: int, step_id: str, load: Callable[[], list[Answer]]
    ) -> list[Answer]:
        with self._lock:
            remembered = self._of(session_id)
            found = remembered.steps.get(step_id)
            if found is not None:
                return list(found)
            before = (remembered.version, remembered.step_versions.get(step_id, 0))
        loaded = load()
        with self._lock:
            remembered = self._of(session_id)
            now = (remembered.version, remembered.step_versions.get(step_id, 0))
            if now == before:
                remembered.steps[step_id] = list(loaded)
        return loaded

    def step_touched(self, session_id: int, step_id: str) -> None:
        """Something a step's summary shows changed beside its answers (a late answer came):
        its version moves on, its remembered answers stay."""
        with self._lock:
            remembered = self._of(session_id)
            remembered.step_versions[step_id] = remembered.step_versions.get(step_id, 0) + 1

    def answers_changed(
        self, session_id: int, step_id: str | None, change: Callable[[list[Answer]], None] | None
    ) -> None:
        """Apply ``change`` to the step's remembered answers, or forget them (``None``).

        Without a ``step_id`` every step of the session is forgotten.
        """
        with self._lock:
            remembered = self._of(session_id)
            if step_id is None:
                remembered.version += 1
                remembered.steps.clear()
                return
            remembered.step_versions[step_id] = remembered.step_versions.get(step_id, 0) + 1
            held = remembered.steps.get(step_id)
            if held is None:
                return
            if change is None:
                del remembered.steps[step_id]
                return
            change(held)
