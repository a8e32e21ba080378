"""What the browser tests of the review step share: the earlier meeting's plan, and phones that
answer on the follow-up (the meeting itself is the `meeting` fixture in conftest.py)."""

from __future__ import annotations

from datetime import date, timedelta

from .clients import LiveClient

SOON = date.today() + timedelta(days=14)
LATER = date.today() + timedelta(days=30)
NEW_DEADLINE = date.today() + timedelta(days=60)
# The earlier meeting's plan; a follow-up numbers the points p1, p2, ... by deadline.
POINTS = [
    ("Invitér afdelingsbestyrelserne til en grøn temaaften", "Mette", SOON.isoformat()),
    ("Skriv til kommunen om cykelstier", "Bo", LATER.isoformat()),
]


def participant(meeting, name: str) -> LiveClient:
    client = LiveClient(
        meeting["url"], role="participant", code=meeting["created"]["code"], name=name
    ).connect()
    meeting["clients"].append(client)
    client.wait(lambda c: c.states)
    return client


def answer(client: LiveClient, answer_id: str, value: dict) -> None:
    ack = client.call("answer", {"step_id": "status", "answer_id": answer_id, "value": value})
    assert ack["ok"], ack
