"""Fixtures for tests against real server processes."""

from __future__ import annotations

import threading
import uuid

import pytest

from tests.conftest import REDIS_URL, postgres_database, service_missing

from .browser import launched_chromium
from .clients import LiveClient, facilitator_of
from .meetings import ended_meeting, follow_up
from .review_meeting import POINTS
from .server import ServerProcess


@pytest.fixture(autouse=True)
def every_client_closed():
    """Each test's clients are closed at its end, also those it left open: a client whose
    server has gone keeps reconnecting in a background thread, drawing on the shared
    `random`, which the property tests that run later refuse as flaky. Only the threads
    this test started are its own to answer for."""
    before = set(threading.enumerate())
    yield
    for client in list(LiveClient.still_open):
        client.close()
    reconnecting = [
        thread.name
        for thread in threading.enumerate()
        if thread not in before and "reconnect" in thread.name and thread.is_alive()
    ]
    assert reconnecting == [], "a closed test client is still trying to reconnect"


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for the browser tests of a module: starting one takes a second or two.
    (While it runs, Playwright marks an asyncio loop as running in this thread: a module that
    also calls asyncio.run() starts one per test instead, see test_one_connection.py.)"""
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def server_factory(tmp_path):
    started: list[ServerProcess] = []
    # The processes of one test share their Redis keys, as the processes of one installation do.
    prefix = f"e2e:{uuid.uuid4().hex}:"

    def make(**env) -> ServerProcess:
        server = ServerProcess(tmp_path, **{"WORKSHOP_BUDGET_PREFIX": prefix, **env})
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def module_server_factory(tmp_path_factory):
    """Servers shared by the tests of a module, for a module whose tests neither stop nor
    reconfigure theirs (each test makes sessions of its own): a start takes a second or two."""
    started: list[ServerProcess] = []
    prefix = f"e2e:{uuid.uuid4().hex}:"

    def make(**env) -> ServerProcess:
        server = ServerProcess(
            tmp_path_factory.mktemp("server"), **{"WORKSHOP_BUDGET_PREFIX": prefix, **env}
        )
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def database_url():
    """A database of its own on the PostgreSQL server, dropped afterwards."""
    with postgres_database("workshop_e2e") as url:
        yield url


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:
        service_missing("Redis", str(error))
    return REDIS_URL


# The review step's tests: a follow-up meeting at its review step, of an earlier meeting
# whose plan is `points` (a test may parametrize it).


@pytest.fixture
def points():
    return POINTS


@pytest.fixture
def meeting(server, points):
    """A follow-up of an ended meeting with confirmed action points, at its review step."""
    earlier = ended_meeting(server.url, points, title="Kredsmøde i marts")
    created = follow_up(server.url, earlier, title="Kredsmøde i juni")
    facilitator = facilitator_of(server.url, created)
    clients = [facilitator]
    assert facilitator.call("command", {"action": "goto", "step": "status"})["ok"]
    yield {"created": created, "facilitator": facilitator, "clients": clients, "url": server.url}
    for client in clients:
        client.close()
