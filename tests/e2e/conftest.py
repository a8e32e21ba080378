"""Fixtures for tests against real server processes."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import POSTGRES_URL, REDIS_URL, service_missing

from .server import ServerProcess


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


@pytest.fixture
def database_url():
    """A database of its own on the PostgreSQL server, dropped afterwards."""
    try:
        import psycopg

        admin = psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), autocommit=True)
    except Exception as error:  # any failure to reach the server
        service_missing("PostgreSQL", str(error))
    name = f"workshop_e2e_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:
        service_missing("Redis", str(error))
    return REDIS_URL
