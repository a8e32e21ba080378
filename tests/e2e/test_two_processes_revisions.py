"""What the facilitator changes on one process holds for the next answer on the other.

The processes answer from the session record in memory and learn of each other's saves
through Redis (storage/revisions.py), not by reading the session's revision per answer. So a
phone on the second process, once it shows the facilitator's change made on the first, is
judged by that change: a closed step takes no answer, a reopened one does, a step the room
left keeps a late answer aside, a hidden answer stays hidden when its author sends it
again, and a participant removed on the first is refused by the second. Every answer acked
is stored, once.
"""

from __future__ import annotations

import pytest
import requests
import socketio

from .clients import LiveClient

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

STEP, NEXT = "hvem-med", "hvad-skal-til"


def stored(server, created: dict) -> list[dict]:
    """Every stored answer, hidden ones too, as the JSON export gives them."""
    reply = requests.get(
        f"{server.url}/api/sessions/{created['code']}/export.json",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
        timeout=60,
    )
    reply.raise_for_status()
    return reply.json()["answers"]


def test_a_change_on_one_process_holds_for_the_next_answer_on_the_other(
    server_factory, database_url, redis_url
):
    settings = {"DATABASE_URL": database_url, "WORKSHOP_MESSAGE_QUEUE": redis_url}
    first = server_factory(**settings).start()
    second = server_factory(**settings).start()
    created = first.create_session(title="Revisioner")
    code = created["code"]
    console = LiveClient(
        first.url, role="facilitator", code=code, key=created["facilitator_key"]
    ).connect()
    phone = LiveClient(second.url, role="participant", code=code).connect()
    phone.wait(lambda c: c.states)
    acked: list[str] = []

    def answer(answer_id: str, step: str = STEP, value: str | None = None) -> dict:
        ack = phone.call(
            "answer", {"step_id": step, "answer_id": answer_id, "value": value or answer_id}
        )
        if ack.get("ok"):
            acked.append(answer_id)
        return ack

    def command(**payload) -> None:
        ack = console.call("command", payload)
        assert ack["ok"], ack

    def shown(step: str, answering: bool) -> None:
        phone.wait(
            lambda c: (
                (c.state.get("step") or {}).get("id") == step
                and bool(c.state.get("answering")) is answering
            )
        )

    command(action="goto", step=STEP)
    shown(STEP, answering=True)
    # The second process now holds the session's record in memory, and answers from it.
    assert answer("rev-0001")["ok"]
    assert answer("rev-0002")["ok"]

    command(action="close")
    shown(STEP, answering=False)
    closed = answer("rev-0003")
    assert not closed["ok"] and closed["error"]["code"] in {"answering_closed", "kept_late"}

    command(action="open")
    shown(STEP, answering=True)
    assert answer("rev-0004")["ok"]

    command(action="hide_answer", step=STEP, answer_id="rev-0001")
    again = answer("rev-0001", value="Skjult, men sendt igen")
    assert not again["ok"], again

    command(action="next")
    shown(NEXT, answering=True)
    left = answer("rev-0005")  # to the step the room has left
    assert not left["ok"] and left["error"]["code"] in {"answering_closed", "kept_late"}
    assert answer("rev-0006", step=NEXT)["ok"]

    answers = stored(first, created)
    ids = [answer["answer_id"] for answer in answers]
    assert sorted(ids) == sorted(set(acked)), "every acked answer stored, each once"
    hidden = next(answer for answer in answers if answer["answer_id"] == "rev-0001")
    assert hidden["hidden"] and hidden["value"] == "rev-0001"

    # Removed on the first process: the second, which holds the participant in memory,
    # refuses its token from then on.
    removed = console.wait(
        lambda c: next(
            (p["id"] for seen in c.presence for p in seen.get("participants_changed") or ()),
            None,
        )
    )
    token = phone.token
    ack = console.call("command", {"action": "remove_participant", "participant_id": removed})
    assert ack["ok"], ack
    phone.close()
    returning = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        returning.connect(
            second.url,
            auth={"role": "participant", "code": code, "token": token},
            transports=["websocket"],
            wait_timeout=10,
        )
    console.close()
