"""Deleting a session for good: its rows, the exports kept for it, and its open views."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from flask import Flask, current_app

from ..services import sessions as session_service
from ..services.retention import expired
from ..storage import SessionRecord
from ..storage.database import now
from .access import store
from .exports import remove_exports


def remove_session(session: SessionRecord) -> None:
    events = session_service.delete_session(store(), session)
    remove_exports(session.code)
    current_app.extensions["workshop.publisher"].publish(events)


def sweep_expired(moment: datetime | None = None) -> int:
    """Delete the sessions past the retention period at ``moment`` (now); how many went."""
    days = current_app.config["WORKSHOP_RETENTION_DAYS"]
    old = expired(store(), moment or now(), days)
    for session in old:
        remove_session(session)
    return len(old)


def sweep_rehearsals() -> int:
    """Delete the rehearsals nobody ended (a closed browser); how many went."""
    old = session_service.old_rehearsals(store(), now())
    for session in old:
        remove_session(session)
    return len(old)


RETENTION_CHECK = 24 * 60 * 60  # seconds between sweeps; the first runs at start


def database_in_hand(app: Flask) -> threading.Lock:
    """Held while this process works on the whole database file (a sweep, a restore), so a
    restore never copies the file while a sweep in the same process has it open."""
    return app.extensions.setdefault("workshop.database_in_hand", threading.Lock())


def keep_retention(app: Flask, sleep: Callable[[float], None]) -> None:
    """Delete sessions past the retention period: at once, then daily (the serving process
    runs it as a background task, run.py)."""
    while True:
        try:
            with database_in_hand(app), app.app_context():
                gone = sweep_expired()
            if gone:
                app.logger.info("%d session(s) past the retention period deleted", gone)
        except Exception:  # the database may be down for a moment: try again tomorrow
            app.logger.exception("retention sweep failed")
        sleep(RETENTION_CHECK)
