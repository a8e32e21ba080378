"""Uploaded dialogue tools: parsed once, capped, and never replaced by someone else without the
passcode."""

from __future__ import annotations


def _tool(tool_id: str, title: str = "Et redskab") -> dict:
    return {
        "id": tool_id,
        "title": title,
        "language": "da",
        "steps": [
            {"id": "hej", "kind": "info", "prompt": "Velkommen"},
            {"id": "ord", "kind": "open", "prompt": "Hvad tænker du?"},
        ],
    }


def test_uploaded_tools_are_parsed_once_not_on_every_listing(app, client, monkeypatch):
    """Finding 10: every home-page view and GET /api/dialogues parsed every upload again."""
    import workshop.services.dialogues as dialogues

    for n in range(30):
        assert client.post("/api/dialogues", json=_tool(f"redskab-{n}")).status_code == 201
    parsed = []
    real = dialogues.parse_dialogue
    monkeypatch.setattr(dialogues, "parse_dialogue", lambda d: parsed.append(d["id"]) or real(d))
    client.get("/api/dialogues")  # whatever this process had not parsed yet
    parsed.clear()
    for _ in range(5):
        assert len(client.get("/api/dialogues").json) >= 30
        assert client.get("/").status_code == 200
    assert parsed == []
    # A newly kept tool is parsed once, and only that one.
    assert client.post("/api/dialogues", json=_tool("redskab-ny")).status_code == 201
    parsed.clear()
    client.get("/api/dialogues")
    client.get("/api/dialogues")
    assert parsed == ["redskab-ny"]


def test_uploads_are_capped_and_without_a_passcode_nobody_replaces_a_tool(make_app):
    """Finding 10: unlimited uploads, and anyone could replace a tool under its id."""
    import workshop.services.dialogues as dialogues

    app = make_app()
    client = app.test_client()
    kept = len(app.extensions["workshop.store"].dialogue_tool_stamps())
    for n in range(dialogues.MAX_UPLOADED_TOOLS - kept):
        assert client.post("/api/dialogues", json=_tool(f"r{n}")).status_code == 201
    over = client.post("/api/dialogues", json=_tool("en-for-mange"))
    assert over.status_code == 400
    assert [p["code"] for p in over.json["error"]["problems"]] == ["too_many_tools"]
    assert "100" in over.json["error"]["problems"][0]["message"]
    assert client.post("/api/dialogues", json=_tool("r0")).status_code == 201  # the same again
    hijack = client.post("/api/dialogues", json=_tool("r0", "Kapret"))
    assert [p["code"] for p in hijack.json["error"]["problems"]] == ["id_uploaded"]
    titles = {t["id"]: t["title"] for t in client.get("/api/dialogues").json}
    assert titles["r0"] == "Et redskab" and "en-for-mange" not in titles

    guarded = make_app(WORKSHOP_ORGANISER_PASSCODE="blåbær").test_client()
    given = {"X-Organiser-Passcode": "blåbær".encode().decode("latin-1")}
    assert (
        guarded.post("/api/dialogues", json=_tool("r0", "Ny udgave"), headers=given).status_code
        == 201
    )
    titles = {t["id"]: t["title"] for t in guarded.get("/api/dialogues").json}
    assert titles["r0"] == "Ny udgave"
