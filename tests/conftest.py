"""Shared fixtures: an app on a fresh database, and the rule that CI never skips a service."""

from __future__ import annotations

import os
import random
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis.backoff
import socketio.client
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.integration.helpers import open_socket
from tests.tools import MEETING, meeting_file
from workshop import create_app
from workshop.services.dialogues import import_dialogue

REQUIRED = os.environ.get("WORKSHOP_REQUIRE_SERVICES") == "1"
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

# Property tests: thorough in CI, a few examples each in a developer's edit-test loop
# (HYPOTHESIS_PROFILE=thorough runs CI's amount anywhere).
# Each pytest-xdist worker keeps the examples it found in a folder of its own.
EXAMPLES = DirectoryBasedExampleDatabase(
    f".hypothesis/examples-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
settings.register_profile("thorough", max_examples=150, deadline=None, database=EXAMPLES)
settings.register_profile("quick", max_examples=12, deadline=None, database=EXAMPLES)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("thorough" if os.environ.get("CI") else "quick")
)

# Hypothesis keeps the global random generator to itself while it draws an example and calls
# a test "flaky" when another thread moves it. A test client's reconnection delay and a Redis
# client's retry back-off are drawn from it in threads of their own: give them their own.
socketio.client.random = random.Random()
redis.backoff.random = random.Random()


def service_missing(what: str, why: str) -> None:
    """Skip on a developer's machine without the service; fail in CI, where it must run."""
    message = f"{what} is not available: {why}"
    if REQUIRED:
        pytest.fail(message + " (WORKSHOP_REQUIRE_SERVICES=1)")
    pytest.skip(message)


@contextmanager
def postgres_database(prefix: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server; yields its URL and drops it afterwards
    (whatever still holds a connection). Tests that run side by side, in other workers or in
    another checkout, never see each other's tables."""
    try:
        import psycopg

        admin = psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), autocommit=True)
    except Exception as error:  # any failure to reach the server
        service_missing("PostgreSQL", str(error))
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def worker_postgres_url():
    """A PostgreSQL database for this test process alone, for tests that make and drop their
    tables in it one after the other."""
    with postgres_database("workshop_worker") as url:
        yield url


def app_settings(folder: Path, **settings) -> dict:
    """The settings of a test app whose database and exports are in ``folder``."""
    return {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{folder / 'workshop.sqlite3'}",
        "WORKSHOP_ASYNC_MODE": "threading",
        "WORKSHOP_EXPORT_DIR": str(folder / "exports"),
        "WORKSHOP_RESULTS_INTERVAL": 0.05,
        "SECRET_KEY": "test",
        # Tests send faster than any phone; the limits have tests of their own.
        "WORKSHOP_EVENT_BURST": 10_000,
        "WORKSHOP_EVENT_RATE": 10_000,
        "WORKSHOP_COMMAND_BURST": 10_000,
        "WORKSHOP_COMMAND_RATE": 10_000,
        **settings,
    }


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Path:
    """A database as a test app starts on, made once per test process: its tables and the
    tests' own meeting. Building them takes a few committed (and flushed) writes; a copy of
    the file takes none."""
    folder = tmp_path_factory.mktemp("template")
    app = create_app(app_settings(folder))
    store = app.extensions["workshop.store"]
    import_dialogue(store, meeting_file())
    store.dispose()  # the last connection folds the write-ahead log into the file
    return folder / "workshop.sqlite3"


@pytest.fixture
def make_app(tmp_path, template_database):
    """Build an app on its own SQLite file (or the given settings), with the tests' meeting
    uploaded as an organiser would. The test's first app starts on a copy of the template
    database; a later one on the same file finds the file as the earlier apps left it."""

    def make(**settings):
        return app_in(tmp_path, template_database, **settings)

    return make


def app_in(folder: Path, template: Path, **settings):
    """An app on the SQLite file in ``folder`` (or the given settings): a copy of the template
    database when the file is new, else the file as earlier apps left it."""
    config = app_settings(folder, **settings)
    database = folder / "workshop.sqlite3"
    fresh = config["DATABASE_URL"] == f"sqlite:///{database}" and not database.exists()
    if fresh:
        shutil.copyfile(template, database)
    app = create_app(config)
    if not fresh:
        import_dialogue(app.extensions["workshop.store"], meeting_file())
    return app


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def new_session(client):
    """Start a session of the built-in dialogue over the API; returns the API's answer."""

    def start(dialogue: str = MEETING, **fields):
        response = client.post("/api/sessions", json={"dialogue": dialogue, **fields})
        assert response.status_code == 201, response.json
        return response.json

    return start


@pytest.fixture
def connect(app):
    """Open a Socket.IO test client with the given ``auth``; all are closed afterwards."""
    opened = []

    def open_client(**auth):
        sio = open_socket(app, auth=auth)
        opened.append(sio)
        return sio

    yield open_client
    for sio in opened:
        if sio.is_connected():
            sio.disconnect()
