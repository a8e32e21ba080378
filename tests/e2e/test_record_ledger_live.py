"""Said = seen = kept, through a real server: the board meeting (a) of the ledger test and its
follow-up (b) run against ``python run.py`` by real Socket.IO clients, a facilitator and a
phone each of their own, the exports fetched over HTTP with the facilitator's key as the API
documents, and every export checked by the same `Check` as in-process
(tests/integration/test_record_ledger.py)."""

from __future__ import annotations

import pytest
import requests

from tests.integration.ledger_meetings import assert_agrees, board_meeting, its_follow_up

from .clients import LiveClient
from .server import ServerProcess

# The ledger meeting sends faster than people type; the budgets have tests of their own.
FAST = {
    "WORKSHOP_EVENT_BURST": "100000",
    "WORKSHOP_EVENT_RATE": "100000",
    "WORKSHOP_COMMAND_BURST": "100000",
    "WORKSHOP_COMMAND_RATE": "100000",
}


class RealServer:
    """A meeting's way to a real server process: the API over HTTP, the facilitator and each
    phone a python-socketio client of its own that waits for the server's acknowledgements."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.clients: list[LiveClient] = []

    def start(self, dialogue: str, **fields) -> dict:
        return self.server.create_session(dialogue=dialogue, **fields)

    def join(self, **auth) -> LiveClient:
        client = LiveClient(self.server.url, **auth)
        self.clients.append(client)
        client.connect()
        client.wait(lambda c: c.states)  # joined: the server has sent its first state
        return client

    def call(self, client: LiveClient, event: str, payload: dict):
        return client.call(event, payload, timeout=60)

    def drain(self, client: LiveClient) -> None:
        """Nothing to do: a live client keeps what it is sent in lists of its own."""

    def export(self, created: dict, fmt: str) -> bytes:
        response = requests.get(
            f"{self.server.url}/api/sessions/{created['code']}/export.{fmt}",
            headers={"Authorization": f"Bearer {created['facilitator_key']}"},
            timeout=120,
        )
        assert response.status_code == 200, (fmt, response.status_code, response.text[:200])
        return response.content

    def close(self) -> None:
        for client in self.clients:
            client.close()


@pytest.fixture
def room(server_factory):
    """A real server process; its clients are closed while it still runs."""
    room = RealServer(server_factory(**FAST).start())
    yield room
    room.close()


def test_a_board_meeting_and_its_follow_up_through_a_real_server_are_kept_as_said(room):
    meeting = board_meeting(room)
    # Every answer the phones sent was acknowledged, so the ledger is the whole meeting: 25
    # check-ins, 20 choices, 50 + 50 ideas, 25 ballots, 9 action points, 15 check-outs.
    assert len(meeting.ledger.given) == meeting.sent == 194
    assert_agrees(meeting)
    # (b) Its follow-up, started over the API with the board meeting's key: the earlier
    # points reviewed, two of them carried into the new plan beside one new point.
    follow_up = its_follow_up(meeting)
    assert len(follow_up.ledger.given) == follow_up.sent == 37
    assert_agrees(follow_up)
    assert len(follow_up.ledger.plan()) == 3
