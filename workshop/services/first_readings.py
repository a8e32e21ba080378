"""One reading of a session for the sockets that connect in the same moment.

A socket's first ``state`` needs what every audience's snapshot shares (``snapshots.Reading``:
the step's results, a vote's cards, how many joined). One process alone keeps those in
memory. With several processes nothing of it can be kept (another process may have written),
so each socket read the step's answers and counted the participants itself, and a room
arriving at once read them once per phone.

Here the sockets that connect while a reading is being made wait for the next one and share
it: the same hand-over between a leader and those waiting as the group commit of answers,
for reads. A socket's reading is always begun after it asked, which is after its seat was
committed and it joined its rooms: whatever changes later reaches it as an update, as it
reaches everyone in the room, so nothing falls between its first state and the next.

The count of participants a newcomer's seat is checked against is shared the same way: each
newcomer's count is begun after it asked, and the seats this process is writing still count
on top of it (``Store.joining``), as they do for a count of its own.
"""

from __future__ import annotations

import weakref

from ..storage import SessionRecord, Store
from ..storage.group_commit import GroupCommit
from .snapshots import Reading, read_once

_shared: weakref.WeakKeyDictionary[Store, GroupCommit] = weakref.WeakKeyDictionary()
_counts: weakref.WeakKeyDictionary[Store, GroupCommit] = weakref.WeakKeyDictionary()


def first_reading(store: Store, session: SessionRecord) -> Reading:
    """The reading for a socket's first state, shared with the sockets connecting with it."""
    if store.remembers_rows:  # one process: the reading comes from memory anyway
        return read_once(store, session)
    readings = _shared.get(store)
    if readings is None:
        readings = _shared.setdefault(store, GroupCommit(_read))
    ask = {"store": store, "session": session}
    readings.save(ask)
    return ask["reading"]


def _read(asks: list[dict]) -> list[BaseException | None]:
    """One reading per session and revision among those waiting (all of one store)."""
    made: dict[tuple[int, int], Reading] = {}
    for ask in asks:
        session = ask["session"]
        key = (session.id, session.revision)
        if key not in made:
            made[key] = read_once(ask["store"], session)
        ask["reading"] = made[key]
    return [None] * len(asks)


def participants_counted(store: Store, session_id: int) -> int:
    """Participants of the session (``Store.count_participants``), counted once for the
    newcomers asking in the same moment."""
    if store.remembers_rows:  # one process: counted in memory
        return store.count_participants(session_id)
    counts = _counts.get(store)
    if counts is None:
        counts = _counts.setdefault(store, GroupCommit(_count))
    ask = {"store": store, "session_id": session_id}
    counts.save(ask)
    return ask["count"]


def _count(asks: list[dict]) -> list[BaseException | None]:
    made: dict[int, int] = {}
    for ask in asks:
        session_id = ask["session_id"]
        if session_id not in made:
            made[session_id] = ask["store"].count_participants(session_id)
        ask["count"] = made[session_id]
    return [None] * len(asks)
