"""Two server processes on one PostgreSQL database and one Redis queue serve one session."""

from __future__ import annotations

import pytest

from .clients import LiveClient

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_a_facilitator_on_one_process_runs_phones_on_another(
    server_factory, database_url, redis_url
):
    settings = {"DATABASE_URL": database_url, "WORKSHOP_MESSAGE_QUEUE": redis_url}
    first = server_factory(**settings).start()
    second = server_factory(**settings).start()
    created = first.create_session(title="To processer")
    code = created["code"]
    console = LiveClient(
        first.url, role="facilitator", code=code, key=created["facilitator_key"]
    ).connect()
    screen = LiveClient(second.url, role="screen", code=code, key=created["screen_key"]).connect()
    phones = [LiveClient(second.url, role="participant", code=code).connect() for _ in range(3)]
    for phone in phones:
        phone.wait(lambda c: c.states)
    # "Connected now" on the console counts the phones on the other process too.
    console.wait(lambda c: c.presence and c.presence[-1]["connected"] == 3)

    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    for phone in phones:  # the state change crosses from the first process to the second
        phone.wait(lambda c: c.state["step"] and c.state["step"]["id"] == "hvem-med")
    for n, phone in enumerate(phones):
        ack = phone.call(
            "answer", {"step_id": "hvem-med", "answer_id": f"two-proc-{n:04d}", "value": f"Idé {n}"}
        )
        assert ack["ok"], ack
    # ...and the results cross back from the second process to the console on the first.
    summary = console.wait(
        lambda c: next((r["summary"] for r in c.results if r["summary"]["count"] == 3), None)
    )
    assert sorted(card["text"] for card in summary["answers"]) == ["Idé 0", "Idé 1", "Idé 2"]
    screen.wait(lambda c: any(r["summary"]["count"] == 3 for r in c.results))

    # A phone that moves to the other process comes back as the same participant.
    token = phones[0].token
    phones[0].close()
    moved = LiveClient(first.url, role="participant", code=code)
    moved.token = token
    moved.connect()
    back = moved.wait(lambda c: c.states and c.state)
    assert back["you"]["token"] == token and len(back["you"]["answers"]) == 1
    # A phone that leaves one process is no longer counted, wherever the console is.
    phones[1].sio.disconnect()
    console.wait(lambda c: c.presence and c.presence[-1]["connected"] == 2)
    for client in (console, screen, moved, *phones[2:]):
        client.close()
