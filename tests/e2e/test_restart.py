"""Kill -9 the server mid-session and start it again: nothing acked is lost, clients come back."""

from __future__ import annotations

import requests

from .clients import LiveClient


def session_results(server, created) -> dict:
    response = requests.get(
        f"{server.url}/api/sessions/{created['code']}",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
        timeout=10,
    )
    response.raise_for_status()
    return {r["step_id"]: r["summary"] for r in response.json()["results"]}


def test_a_killed_server_resumes_at_the_same_step_with_every_acked_answer(server_factory):
    server = server_factory().start()
    created = server.create_session(title="Bestyrelsesmøde")
    code = created["code"]
    console = LiveClient(
        server.url, role="facilitator", code=code, key=created["facilitator_key"]
    ).connect()
    phones = [
        LiveClient(server.url, role="participant", code=code, name=f"Deltager {i}").connect()
        for i in range(3)
    ]
    tokens = [phone.wait(lambda c: c.states and c.state["you"]["token"]) for phone in phones]

    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    for phone in phones:
        phone.wait(lambda c: c.state["answering"])
    acked = []
    for i, phone in enumerate(phones):
        for n in range(2):
            payload = {
                "step_id": "hvem-med",
                "answer_id": f"before-{i}-{n}",
                "value": f"Før nedbrud {i}.{n}",
            }
            ack = phone.call("answer", payload)
            assert ack == {"ok": True, "answer_id": payload["answer_id"]}
            acked.append(payload["value"])

    server.kill()
    server.start()

    for client in (console, *phones):
        client.wait(lambda c: c.connects >= 2, timeout=30)
    for phone, token in zip(phones, tokens, strict=True):
        back = phone.wait(lambda c: c.state.get("you") and c.state)
        assert back["you"]["token"] == token
        assert back["step"]["id"] == "hvem-med" and back["answering"]
        assert len(back["you"]["answers"]) == 2
    assert console.state["session"]["participants"] == 3

    # A retry of an acked answer after the restart does not duplicate it.
    retry = {"step_id": "hvem-med", "answer_id": "before-0-0", "value": "Før nedbrud 0.0"}
    assert phones[0].call("answer", retry)["ok"]
    assert phones[1].call(
        "answer", {"step_id": "hvem-med", "answer_id": "after-restart-1", "value": "Efter genstart"}
    )["ok"]

    texts = [a["text"] for a in session_results(server, created)["hvem-med"]["answers"]]
    assert sorted(texts) == sorted([*acked, "Efter genstart"])

    assert console.call("command", {"action": "next"})["ok"]
    for phone in phones:
        phone.wait(lambda c: c.state["step"]["id"] == "hvad-skal-til")
    for client in (console, *phones):
        client.close()
