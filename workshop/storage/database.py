"""The connection to the database: engines for SQLite and PostgreSQL, and one transaction per call.

Writes on SQLite take the write lock up front (``BEGIN IMMEDIATE``) so that concurrent writers
wait instead of failing mid-way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from . import schema
from .memory import Memory
from .revisions import SharedRevisions


class StoreUnavailable(Exception):
    """The database could not be read or written; nothing was changed."""


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


SYNCHRONOUS = ("FULL", "NORMAL", "EXTRA")


def _sqlite_engine(url: str, synchronous: str, busy_timeout: float) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: an acked answer survives a power cut, not only a killed process.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted sessions leave no readable text behind in the free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection):
        if connection.get_execution_options().get("writing"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


class Database:
    """Owns the engine; subclasses read and write through ``_reading`` and ``_writing``."""

    def __init__(
        self,
        url: str,
        *,
        sqlite_synchronous: str = "FULL",
        sqlite_busy_timeout: float = 30.0,
        shared: bool = False,
    ) -> None:
        # ``shared``: other processes write to this database too (storage/memory.py).
        self.shared = shared
        self.memory = Memory()
        if sqlite_synchronous not in SYNCHRONOUS:
            raise ValueError(f"sqlite synchronous must be one of {SYNCHRONOUS}")
        self.url = url
        if url.startswith("sqlite"):
            self.engine = _sqlite_engine(url, sqlite_synchronous, sqlite_busy_timeout)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)

    def create_schema(self) -> None:
        """Create the tables, and add the columns a database from an older release lacks."""
        with self._writing() as conn:
            schema.metadata.create_all(conn)
            inspector = inspect(conn)
            for table, column, definition in schema.ADDED_COLUMNS:
                present = {c["name"] for c in inspector.get_columns(table)}
                if column not in present:
                    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
            if conn.dialect.name == "postgresql":
                for table, column, length in schema.WIDENED_COLUMNS:
                    found = {c["name"]: c["type"] for c in inspector.get_columns(table)}
                    if getattr(found[column], "length", length) < length:
                        conn.exec_driver_sql(
                            f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR({length})"
                        )

    def drop_schema(self) -> None:
        with self._writing() as conn:
            schema.metadata.drop_all(conn)
        self.memory = Memory()

    def dispose(self) -> None:
        self.engine.dispose()

    def scrub(self) -> None:
        """After a deletion: SQLite's freed pages are already zeroed (secure_delete); the
        write-ahead log still holds the old pages until a checkpoint copies the new ones
        over and empties it. PostgreSQL has no such file to scrub (its VACUUM reclaims)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise StoreUnavailable(str(exc.orig or exc)) from exc

    # How the processes tell each other what they changed (several processes, Redis).
    revisions: SharedRevisions | None = None

    @property
    def remembers_rows(self) -> bool:
        """True when this process is the only writer, so memory can stand in for reads."""
        return not self.shared

    @property
    def remembers_people(self) -> bool:
        """True when memory can stand in for reads of the participants: one process, or
        several that hear of each other's changes to them (storage/revisions.py)."""
        return not self.shared or (self.revisions is not None and self.revisions.listening)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(writing=True)
                with conn.begin():
                    yield conn
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise StoreUnavailable(str(exc.orig or exc)) from exc
