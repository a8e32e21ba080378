"""Meetings made over the HTTP API and Socket.IO, as a facilitator and a phone would make them."""

from __future__ import annotations

import requests

from .clients import LiveClient, facilitator_of

EARLIER_TOOL = "almene-maal"
FOLLOW_UP_TOOL = "almene-maal-opfoelgning"


def ended_meeting(server_url: str, points: list[tuple[str, str, str]], title: str) -> dict:
    """A meeting of the built-in tool whose confirmed action plan is ``points`` (what, who,
    when), ended."""
    response = requests.post(
        server_url + "/api/sessions", json={"dialogue": EARLIER_TOOL, "title": title}, timeout=10
    )
    response.raise_for_status()
    created = response.json()
    console = facilitator_of(server_url, created)
    phones: list[LiveClient] = []
    try:
        assert console.call("command", {"action": "goto", "step": "handlepunkter"})["ok"]
        for number, (what, who, when) in enumerate(points):
            if number % 5 == 0:  # a phone proposes at most five points on that step
                phones.append(
                    LiveClient(
                        server_url, role="participant", code=created["code"], name=who
                    ).connect()
                )
            answer_id = f"plan-{number:04d}"
            value = {"what": what, "who": who, "when": when}
            ack = phones[-1].call(
                "answer", {"step_id": "handlepunkter", "answer_id": answer_id, "value": value}
            )
            assert ack["ok"], ack
            ack = console.call("command", {"action": "confirm_action", "answer_id": answer_id})
            assert ack["ok"], ack
        assert console.call("command", {"action": "end"})["ok"]
    finally:
        for phone in phones:
            phone.close()
        console.close()
    return created


def follow_up(server_url: str, earlier: dict | None, title: str) -> dict:
    """A new meeting of the follow-up tool; with ``earlier``, as that meeting's follow-up."""
    body = {"dialogue": FOLLOW_UP_TOOL, "title": title}
    if earlier:
        body |= {"follow_up_of": earlier["code"], "follow_up_key": earlier["facilitator_key"]}
    response = requests.post(server_url + "/api/sessions", json=body, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()
