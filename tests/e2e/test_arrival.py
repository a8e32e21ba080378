"""A room that scans the code at once: newcomers share commits, and nothing of that shows.

Every phone that gets its first ``state`` has a seat of its own that survives a crash of the
server (a join is acknowledged only once its row is committed), and a session with a cap
lets in exactly as many as the cap, however many phones come in the same moment. The server
is a real ``python run.py`` (gevent, SQLite file); the phones are real Socket.IO clients.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
import socketio

from .clients import LiveClient

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


async def _arrive(url: str | list[str], code: str, names: list[str]) -> list[dict | Exception]:
    """Every phone at once, each as a newcomer with a name (to each of several processes in
    turn); its first state or its refusal."""
    urls = [url] if isinstance(url, str) else url
    async with aiohttp.ClientSession() as http:
        return await asyncio.gather(
            *(
                _first_state(
                    urls[n % len(urls)], http, {"role": "participant", "code": code, "name": name}
                )
                for n, name in enumerate(names)
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


@pytest.mark.postgres
@pytest.mark.redis
def test_phones_arriving_at_once_on_two_processes_each_see_the_room_as_it_is(
    server_factory, database_url, redis_url
):
    """Two processes keep nothing of the results in memory: the phones that connect in the
    same moment share one reading, made after each of them took its seat."""
    settings = {"DATABASE_URL": database_url, "WORKSHOP_MESSAGE_QUEUE": redis_url, **BUDGETS}
    first = server_factory(**settings).start()
    second = server_factory(**settings).start()
    created = first.create_session()
    code = created["code"]
    console = LiveClient(
        first.url, role="facilitator", code=code, key=created["facilitator_key"]
    ).connect()
    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    early = [LiveClient(second.url, role="participant", code=code).connect() for _ in range(3)]
    for n, phone in enumerate(early):
        phone.wait(lambda c: c.state["step"] and c.state["step"]["id"] == "hvem-med")
        value = {"step_id": "hvem-med", "answer_id": f"early-{n:04d}", "value": f"Idé {n}"}
        assert phone.call("answer", value)["ok"]
    names = [f"Deltager {n}" for n in range(40)]
    states = asyncio.run(_arrive([first.url, second.url], code, names))
    assert [s for s in states if isinstance(s, Exception)] == []
    assert {state["step"]["id"] for state in states} == {"hvem-med"}
    assert {state["progress"]["answered"] for state in states} == {3}
    # Each counts the three who came first and itself at least; the last counts everyone.
    assert min(state["session"]["participants"] for state in states) >= 4
    assert max(state["session"]["participants"] for state in states) == 43
    assert len({state["you"]["token"] for state in states}) == 40
    for client in (console, *early):
        client.close()
