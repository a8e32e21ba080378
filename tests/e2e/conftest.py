"""Fixtures for tests against real server processes."""

from __future__ import annotations

import pytest

from .server import ServerProcess


@pytest.fixture
def server_factory(tmp_path):
    started: list[ServerProcess] = []

    def make(**env) -> ServerProcess:
        server = ServerProcess(tmp_path, **env)
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()
