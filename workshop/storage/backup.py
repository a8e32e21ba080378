"""A consistent copy of the SQLite database while the server runs, and putting one back.

SQLite's online backup copies the database page by page under its own locking, so answers
committed before the copy began are in it, and writers are never stopped for long. PostgreSQL
has its own tools (``pg_dump``, ``pg_restore``); this module says so instead of guessing.
"""

from __future__ import annotations

import os
import sqlite3

from sqlalchemy.engine import make_url


class NotSQLite(Exception):
    """The database is not an SQLite file: use the database's own tools."""


def sqlite_path(url: str) -> str:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        raise NotSQLite(url)
    return os.path.abspath(parsed.database)


def _copy(source: str, target: str) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=256)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    src.close()
    dst.close()


def backup(url: str, target: str) -> int:
    """Copy the database at ``url`` to the file ``target``; its size in bytes."""
    source = sqlite_path(url)
    if os.path.exists(target):
        os.unlink(target)
    _copy(source, target)
    with sqlite3.connect(target) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the copy failed its integrity check")
    check.close()
    return os.path.getsize(target)


def restore(url: str, source: str) -> None:
    """Put the copy ``source`` back as the database at ``url`` (stop the server first)."""
    with sqlite3.connect(source) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError(f"{source} is not a sound SQLite database")
    check.close()
    target = sqlite_path(url)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    _copy(source, target)
