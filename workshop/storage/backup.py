"""A consistent copy of the SQLite database while the server runs, and putting one back.

SQLite's online backup copies the database page by page under its own locking, so answers
committed before the copy began are in it, and writers are never stopped for long. PostgreSQL
has its own tools (``pg_dump``, ``pg_restore``); this module says so instead of guessing.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile

from sqlalchemy.engine import make_url

from . import schema


class NotSQLite(Exception):
    """The database is not an SQLite file: use the database's own tools."""


class BackupRefused(Exception):
    """A backup or restore that would lose data, or a file that is not this app's database;
    the message says why, in words for the person at the terminal."""


SQLITE_HEADER = b"SQLite format 3\x00"


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


def _same_file(one: str, other: str) -> bool:
    """True if the two paths name one file (or ``other`` is one of ``one``'s own files)."""
    own = [one, one + "-wal", one + "-shm", one + "-journal"]
    real = os.path.realpath(other)
    if real in {os.path.realpath(path) for path in own}:
        return True
    return any(
        os.path.exists(path) and os.path.exists(other) and os.path.samefile(path, other)
        for path in own
    )


def backup(url: str, target: str, force: bool = False) -> int:
    """Copy the database at ``url`` to the file ``target``; its size in bytes.

    The copy is written beside ``target`` and moved into place only when it is whole and
    sound, so a failed backup leaves whatever was there. The database itself is never a
    target, and an existing file is replaced only with ``force``.
    """
    source = sqlite_path(url)
    if _same_file(source, target):
        raise BackupRefused(f"{target} is the database itself: back it up to another file")
    if os.path.isdir(target):
        raise BackupRefused(f"{target} is a folder: name a file")
    if os.path.exists(target) and not force:
        raise BackupRefused(f"{target} exists already: name a new file, or add --force")
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backup-", suffix=".sqlite3")
    os.close(handle)
    try:
        _copy(source, temporary)
        with sqlite3.connect(temporary) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("the copy failed its integrity check")
        check.close()
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return os.path.getsize(target)


def _expected_objects() -> set[tuple[str, str]]:
    """The tables and indexes of this app's schema, as SQLite lists them."""
    expected = set()
    for table in schema.metadata.sorted_tables:
        expected.add(("table", table.name))
        expected |= {("index", index.name) for index in table.indexes if index.name}
    return expected


def check_restorable(source: str) -> None:
    """Refuse anything but a sound SQLite database of this app's own schema, with sessions.

    A file put back becomes the database every answer is written to: a trigger or a view in
    it would run inside the app, so only the app's own tables and indexes are accepted.
    """
    try:
        with open(source, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupRefused(f"{source} cannot be read: {error.strerror}") from None
    if not header:
        raise BackupRefused(f"{source} is empty: it is not a backup")
    if header != SQLITE_HEADER:
        raise BackupRefused(f"{source} is not an SQLite database: it is not a backup")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupRefused(f"{source} is damaged: it fails SQLite's integrity check")
            found = check.execute(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        check.close()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"{source} cannot be read as a database: {error}") from None
    objects = {(kind, name) for kind, name in found}
    strange = sorted(objects - _expected_objects())
    if strange:
        listed = ", ".join(f"{kind} {name}" for kind, name in strange[:5])
        raise BackupRefused(
            f"{source} holds more than this tool's own tables ({listed}): not restored"
        )
    if ("table", schema.sessions.name) not in objects:
        raise BackupRefused(f"{source} holds no sessions: it is not a backup of this tool")


def restore(url: str, source: str) -> None:
    """Put the copy ``source`` back as the database at ``url`` (stop the server first)."""
    check_restorable(source)
    target = sqlite_path(url)
    if _same_file(target, source):
        raise BackupRefused(f"{source} is the database itself: there is nothing to put back")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    _copy(source, target)
