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
"""

from __future__ import annotations

import weakref

from ..storage import SessionRecord, Store
from ..storage.group_commit import GroupCommit
from .snapshots import Reading, read_once

_shared: weakref.WeakKeyDictionary[Store, GroupCommit] = weakref.WeakKeyDictionary()


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
