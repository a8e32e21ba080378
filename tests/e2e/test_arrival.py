"""A room that scans the code at once: newcomers share commits, and nothing of that shows.

Every phone that gets its first ``state`` has a seat of its own that survives a crash of the
server (a join is acknowledged only once its row is committed), and a session with a cap
lets in exactly as many as the cap, however many phones come in the same moment. The server
is a real ``python run.py`` (gevent, SQLite file); the phones are real Socket.IO clients.
"""

from __future__ import annotations

import asyncio

import aiohttp
import socketio

PHONES = 60
BUDGETS = {"WORKSHOP_JOIN_BURST": "10000", "WORKSHOP_EVENT_BURST": "10000"}


class Refused(Exception):
    """The server refused the phone's socket; ``args[0]`` is the refusal's code."""


async def _first_state(url: str, http: aiohttp.ClientSession, auth: dict) -> dict:
    """Connect a phone and wait for its first ``state``; raise ``Refused`` if it is refused."""
    sio = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
    arrived: asyncio.Future = asyncio.get_running_loop().create_future()
    refusal: dict = {}
    sio.on("state", lambda state: arrived.done() or arrived.set_result(state))
    sio.on("connect_error", lambda data: refusal.update(data if isinstance(data, dict) else {}))
    try:
        try:
            await sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
        except socketio.exceptions.ConnectionError as error:
            # The refusal's body comes as its ``data`` (the message is its first argument).
            raise Refused((refusal.get("data") or refusal).get("code", str(error))) from error
        return await asyncio.wait_for(arrived, 60)
    finally:
        await sio.disconnect()


async def _arrive(url: str, code: str, names: list[str]) -> list[dict | Exception]:
    """Every phone at once, each as a newcomer with a name; its first state or its refusal."""
    async with aiohttp.ClientSession() as http:
        return await asyncio.gather(
            *(
                _first_state(url, http, {"role": "participant", "code": code, "name": name})
                for name in names
            ),
            return_exceptions=True,
        )


async def _come_back(url: str, code: str, tokens: list[str]) -> list[dict]:
    async with aiohttp.ClientSession() as http:
        return await asyncio.gather(
            *(
                _first_state(url, http, {"role": "participant", "code": code, "token": token})
                for token in tokens
            )
        )


def test_phones_arriving_at_once_each_keep_their_own_seat_after_a_crash(server_factory):
    server = server_factory(**BUDGETS).start()
    code = server.create_session()["code"]
    names = [f"Deltager {n}" for n in range(PHONES)]
    states = asyncio.run(_arrive(server.url, code, names))
    assert [s for s in states if isinstance(s, Exception)] == []
    you = {state["you"]["name"]: state["you"]["token"] for state in states}
    assert sorted(you) == sorted(names)
    assert len(set(you.values())) == PHONES  # a token each
    server.kill()  # SIGKILL: only what was committed is there when it starts again
    server.start()
    again = asyncio.run(_come_back(server.url, code, list(you.values())))
    assert {state["you"]["token"]: state["you"]["name"] for state in again} == {
        token: name for name, token in you.items()
    }
    assert again[-1]["session"]["participants"] == PHONES


def test_a_capped_session_lets_in_exactly_its_cap_of_phones_arriving_at_once(server_factory):
    server = server_factory(WORKSHOP_MAX_PARTICIPANTS="10", **BUDGETS).start()
    code = server.create_session()["code"]
    outcomes = asyncio.run(_arrive(server.url, code, [f"P{n}" for n in range(30)]))
    admitted = [o for o in outcomes if isinstance(o, dict)]
    refused = [
        o.args[0] if isinstance(o, Refused) else repr(o)
        for o in outcomes
        if not isinstance(o, dict)
    ]
    assert len(admitted) == 10
    assert refused == ["session_full"] * 20
