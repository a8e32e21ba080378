"""Each async mode starts the real server and carries a join and an answer end to end."""

from __future__ import annotations

import pytest

from .clients import LiveClient


@pytest.mark.parametrize("mode", ["gevent", "eventlet", "threading"])
@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_participant_joins_and_answers(server_factory, mode, transport):
    server = server_factory(WORKSHOP_ASYNC_MODE=mode).start()
    created = server.create_session()
    code = created["code"]
    console = LiveClient(server.url, role="facilitator", code=code, key=created["facilitator_key"])
    console.connect(transports=(transport,))
    phone = LiveClient(server.url, role="participant", code=code, name="Ærø").connect(
        transports=(transport,)
    )
    phone.wait(lambda c: c.states)
    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    phone.wait(lambda c: c.state["answering"])
    ack = phone.call(
        "answer", {"step_id": "hvem-med", "answer_id": "smoke-0001", "value": "Godt humør"}
    )
    assert ack == {"ok": True, "answer_id": "smoke-0001"}
    summary = console.wait(
        lambda c: next((r["summary"] for r in c.results if r["summary"]["count"] == 1), None)
    )
    assert summary["answers"][0]["text"] == "Godt humør"
    phone.close()
    console.close()
    server.stop()
    if mode == "gevent":
        assert "deprecat" not in server.output().lower()


def test_the_default_start_says_where_to_go_and_warns_about_an_open_address(server_factory):
    local = server_factory().start()
    out = local.output()
    assert "gevent" in out and f"http://127.0.0.1:{local.port}/" in out
    assert "WARNING" not in out
    local.stop()
    public = server_factory(HOST="0.0.0.0").start()
    out = public.output()
    assert "WORKSHOP_ORGANISER_PASSCODE" in out
    assert "/j/<code>" in out and "127.0.0.1:" in out
