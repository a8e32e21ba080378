"""Editing an uploaded tool itself (not a copy) through the tool editor's API, on SQLite and
PostgreSQL: the draft keeps the tool's id and republishes it there; a built-in is refused, a
tool that a meeting not ended runs is copied, and only the organiser changes a tool."""

from __future__ import annotations

import copy
import json

import pytest

from tests.integration.test_tool_drafts import make_editor_app  # noqa: F401 (a fixture)
from workshop.dialogues import builtin_dialogue

BOARD = {
    "id": "bestyrelsesdag",
    "title": "Bestyrelsens temadag",
    "language": "da",
    "steps": [
        {"id": "velkommen", "kind": "info", "prompt": "Velkommen til temadagen"},
        {"id": "ideer", "kind": "open", "prompt": "Hvad skal vi tale om?"},
    ],
}
GIVEN = {"X-Organiser-Passcode": "blåbær".encode().decode("latin-1")}
AWAY = {"REMOTE_ADDR": "192.168.1.50"}


@pytest.fixture
def client(make_editor_app):  # noqa: F811 (the fixture imported above)
    made = make_editor_app().test_client()
    upload(made)
    return made


def upload(client, **headers):
    sent = client.post(
        "/api/dialogues", data=json.dumps(BOARD), content_type="application/json", headers=headers
    )
    assert sent.status_code == 201, sent.json


def edit(client, tool_id, query="", **more):
    return client.post(f"/api/tool-drafts{query}", json={"from": tool_id, "edit": True}, **more)


def prompts(client) -> dict[str, list[str]]:
    """Every tool's prompts as ``GET /api/dialogues`` lists them, by the tool's id."""
    listed = client.get("/api/dialogues").json
    return {tool["id"]: [step["prompt"] for step in tool["steps"]] for tool in listed}


def test_an_uploaded_tool_is_edited_in_place_and_republished_under_its_id(client):
    opened = edit(client, "bestyrelsesdag")
    assert opened.status_code == 201, opened.json
    draft = opened.json
    assert draft["document"]["id"] == "bestyrelsesdag"
    assert draft["document"]["title"] == "Bestyrelsens temadag"
    assert draft["tool_id"] == "bestyrelsesdag" and draft["startable"] is True
    assert draft["problems"] == [] and draft["copied_in_use"] == 0
    # Opened again, it is the same draft, not a second one.
    assert edit(client, "bestyrelsesdag").json["id"] == draft["id"]
    assert len(client.get("/api/tool-drafts").json) == 1

    changed = copy.deepcopy(draft["document"])
    changed["steps"][1]["prompt"] = "Hvad skal vi tale mest om?"
    saved = client.put(f"/api/tool-drafts/{draft['id']}", json={"document": changed}).json
    assert saved["problems"] == [] and saved["startable"] is True
    assert saved["tool_id"] == "bestyrelsesdag"
    listed = prompts(client)
    assert listed["bestyrelsesdag"] == ["Velkommen til temadagen", "Hvad skal vi tale mest om?"]
    assert not [tool_id for tool_id in listed if tool_id.startswith("bestyrelsesdag-")]
    started = client.post("/api/sessions", json={"dialogue": "bestyrelsesdag"})
    assert started.status_code == 201


def test_a_built_in_tool_is_refused_and_stays_as_it_was(client):
    before = prompts(client)["almene-maal"]
    refused = edit(client, "almene-maal")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "built_in_tool"
    assert refused.json["error"]["message"] == (
        "Et indbygget dialogredskab ændres aldrig. Rediger en kopi af det i stedet."
    )
    english = edit(client, "almene-maal", "?lang=en").json["error"]["message"]
    assert english == "A built-in dialogue tool is never changed. Edit a copy of it instead."
    assert client.get("/api/tool-drafts").json == []
    assert prompts(client)["almene-maal"] == before
    assert builtin_dialogue("almene-maal") is not None
    missing = edit(client, "findes-ikke")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "unknown_dialogue"
    for bad in ({"from": "bestyrelsesdag", "edit": "ja"}, {"edit": True}):
        answer = client.post("/api/tool-drafts", json=bad)
        assert answer.status_code == 400 and answer.json["error"]["code"] == "bad_payload"


def test_a_tool_a_meeting_runs_is_copied_and_the_meeting_and_tool_stay_as_they_were(client):
    started = client.post("/api/sessions", json={"dialogue": "bestyrelsesdag"})
    assert started.status_code == 201
    opened = edit(client, "bestyrelsesdag")
    assert opened.status_code == 201
    draft = opened.json
    assert draft["copied_in_use"] == 1
    assert draft["id"] == draft["document"]["id"] == "bestyrelsesdag-kopi"
    assert draft["document"]["title"] == "Bestyrelsens temadag (kopi)"
    assert draft["tool_id"] is None

    changed = copy.deepcopy(draft["document"])
    changed["steps"][0]["prompt"] = "Godmorgen"
    saved = client.put(f"/api/tool-drafts/{draft['id']}", json={"document": changed}).json
    assert saved["startable"] and saved["tool_id"] == "bestyrelsesdag-kopi"
    listed = prompts(client)
    assert listed["bestyrelsesdag"][0] == "Velkommen til temadagen"
    assert listed["bestyrelsesdag-kopi"][0] == "Godmorgen"
    key = {"Authorization": f"Bearer {started.json['facilitator_key']}"}
    running = client.get(f"/api/sessions/{started.json['code']}", headers=key).json
    assert running["state"]["steps"][0]["prompt"] == "Velkommen til temadagen"


def test_only_the_organiser_edits_an_uploaded_tool_in_place(make_editor_app):  # noqa: F811
    guarded = make_editor_app(WORKSHOP_ORGANISER_PASSCODE="blåbær").test_client()
    upload(guarded, **GIVEN)
    refused = edit(guarded, "bestyrelsesdag", environ_base=AWAY)
    assert refused.status_code == 401 and refused.json["error"]["code"] == "passcode_required"
    # With the passcode, also from another computer, the tool is changed under its own id.
    stranger = make_editor_app(WORKSHOP_ORGANISER_PASSCODE="blåbær").test_client()
    draft = edit(stranger, "bestyrelsesdag", headers=GIVEN, environ_base=AWAY).json
    changed = {**draft["document"], "title": "Temadag i bestyrelsen"}
    saved = stranger.put(
        f"/api/tool-drafts/{draft['id']}", json={"document": changed}, environ_base=AWAY
    ).json
    assert saved["startable"] and saved["tool_id"] == "bestyrelsesdag"
    titles = {tool["id"]: tool["title"] for tool in guarded.get("/api/dialogues").json}
    assert titles["bestyrelsesdag"] == "Temadag i bestyrelsen"


def test_without_a_passcode_only_this_computer_edits_an_uploaded_tool_in_place(client):
    refused = edit(client, "bestyrelsesdag", environ_base=AWAY)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "may_not_edit"
    assert "Rediger en kopi" in refused.json["error"]["message"]
    assert client.get("/api/tool-drafts").json == []
    # A copy is still anyone's to write.
    copied = client.post("/api/tool-drafts", json={"from": "bestyrelsesdag"}, environ_base=AWAY)
    assert copied.status_code == 201 and copied.json["id"] == "bestyrelsesdag-kopi"
