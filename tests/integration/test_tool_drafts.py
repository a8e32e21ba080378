"""The tool editor's drafts through the HTTP API, on SQLite and PostgreSQL: kept as written,
checked as uploads are, published once they have no problems, started, downloaded and
uploaded again, deleted, and only by the organiser."""

from __future__ import annotations

import copy
from contextlib import ExitStack

import pytest
import yaml

from tests.conftest import postgres_database
from workshop.dialogues import builtin_dialogue
from workshop.domain.tools import tool_definition

EVERY_KIND = {
    "id": "groen-gaard",
    "title": "Den grønne gård",
    "language": "da",
    "description": "Hvad gør vi for en grønnere afdeling?",
    "steps": [
        {"id": "velkommen", "kind": "info", "prompt": "Velkommen", "body": "Vi starter nu."},
        {"id": "ord", "kind": "wordcloud", "prompt": "Ét ord om gården?"},
        {
            "id": "valg",
            "kind": "choice",
            "prompt": "Hvad først?",
            "options": [{"id": "affald", "label": "Affald"}, {"id": "have", "label": "Have"}],
        },
        {
            "id": "skala",
            "kind": "scale",
            "prompt": "Hvor står vi?",
            "statements": [{"id": "sortering", "text": "Vi sorterer godt"}],
            "scale": {"min": 1, "max": 5, "min_label": "Slet ikke", "max_label": "Meget"},
        },
        {
            "id": "point",
            "kind": "points",
            "prompt": "Fordel 10 point",
            "options": [{"id": "bede", "label": "Bede"}, {"id": "baenke", "label": "Bænke"}],
            "budget": 10,
        },
        {"id": "ideer", "kind": "open", "prompt": "Hvad kan vi gøre?", "max_answers": 3},
        {"id": "stem", "kind": "vote", "prompt": "Stem", "source": "ideer", "votes": 3},
        {"id": "plan", "kind": "actions", "prompt": "Hvem gør hvad?"},
        {"id": "status", "kind": "review", "prompt": "Hvordan gik det?"},
    ],
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def make_editor_app(request, make_app, tmp_path):
    """Makes apps on one database: an SQLite file, or a PostgreSQL database of its own."""
    made = []
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'editor.sqlite3'}"
        else:
            url = stack.enter_context(postgres_database("workshop_editor"))
        yield lambda **more: made.append(make_app(DATABASE_URL=url, **more)) or made[-1]
        for app in made:
            app.extensions["workshop.store"].dispose()


@pytest.fixture
def client(make_editor_app):
    return make_editor_app().test_client()


def new_draft(client, source="blank", **headers):
    made = client.post("/api/tool-drafts", json={"from": source}, headers=headers)
    assert made.status_code == 201, made.json
    return made.json


def save(client, draft_id, document, **headers):
    return client.put(f"/api/tool-drafts/{draft_id}", json={"document": document}, headers=headers)


def test_a_blank_draft_is_kept_with_its_problems_and_listed(client):
    draft = new_draft(client)
    assert draft["document"]["steps"] == [] and draft["startable"] is False
    assert {p["path"] for p in draft["problems"]} == {"title", "steps"}
    listed = client.get("/api/tool-drafts").json
    assert [(d["id"], d["problems"], d["tool_id"]) for d in listed] == [(draft["id"], 2, None)]
    assert new_draft(client)["id"] == draft["id"] + "-2"
    english = client.post("/api/tool-drafts?lang=en", json={"from": "blank"}).json
    assert english["document"]["language"] == "en" and english["id"] == "new-tool"


def test_a_copy_of_a_built_in_tool_leaves_the_built_in_as_it_was(client):
    before = client.get("/api/dialogues").json
    copied = new_draft(client, "almene-maal")
    original = builtin_dialogue("almene-maal")
    assert copied["id"] == copied["document"]["id"] == "almene-maal-kopi"
    assert copied["document"]["title"] == original.title + " (kopi)"
    document = copied["document"]
    document["steps"][0]["prompt"] = "Velkommen til vores egen udgave"
    saved = save(client, copied["id"], document)
    assert saved.status_code == 200 and saved.json["startable"], saved.json
    after = client.get("/api/dialogues").json
    assert [tool for tool in after if tool["id"] == "almene-maal"] == [
        tool for tool in before if tool["id"] == "almene-maal"
    ]
    assert tool_definition(builtin_dialogue("almene-maal")) == tool_definition(original)
    assert {tool["id"] for tool in after} == {tool["id"] for tool in before} | {"almene-maal-kopi"}
    assert new_draft(client, "almene-maal")["id"] == "almene-maal-kopi-2"
    english = new_draft(client, "plan-to-action")
    assert english["document"]["title"].endswith(" (copy)")
    # The copy's id cannot be changed back to the built-in's.
    document["id"] = "almene-maal"
    taken = save(client, copied["id"], document).json
    assert [(p["path"], p["code"]) for p in taken["problems"]] == [("id", "id_taken")]


def test_a_draft_with_problems_is_kept_but_cannot_be_started(client):
    draft = new_draft(client)
    half = copy.deepcopy(EVERY_KIND)
    half["steps"][2]["options"][1]["label"] = ""
    half["steps"][3]["settings"] = {"time_box": 500}
    half["steps"][6]["source"] = "ord"  # a word cloud's words are not cards to vote on
    saved = save(client, draft["id"], half, **{"Accept-Language": "da"})
    assert saved.status_code == 200
    assert saved.json["startable"] is False and saved.json["tool_id"] is None
    problems = {p["path"]: p for p in saved.json["problems"]}
    assert set(problems) == {
        "steps.2.options.1.label",
        "steps.3.settings.time_box",
        "steps.6.source",
    }
    assert problems["steps.3.settings.time_box"]["step"] == "skala"
    assert "skal være et helt tal fra 1 til 180" in problems["steps.3.settings.time_box"]["message"]
    english = client.get(f"/api/tool-drafts/{draft['id']}?lang=en").json
    assert english["document"] == half  # kept exactly as written
    assert any("must be a whole number from 1 to 180" in p["message"] for p in english["problems"])
    started = client.post("/api/sessions", json={"dialogue": half["id"]})
    assert started.status_code == 400 and started.json["error"]["code"] == "unknown_dialogue"
    assert half["id"] not in {tool["id"] for tool in client.get("/api/dialogues").json}


def test_a_draft_without_problems_is_a_tool_a_meeting_starts_from(client):
    draft = new_draft(client)
    saved = save(client, draft["id"], EVERY_KIND)
    assert saved.json["problems"] == [] and saved.json["startable"] is True
    assert saved.json["tool_id"] == "groen-gaard" and saved.json["in_use"] == 0
    listed = {tool["id"]: tool for tool in client.get("/api/dialogues").json}
    assert listed["groen-gaard"]["title"] == "Den grønne gård"
    started = client.post("/api/sessions", json={"dialogue": "groen-gaard"})
    assert started.status_code == 201
    # Changed while a meeting runs it: the next meeting gets the change, this one keeps its steps.
    changed = copy.deepcopy(EVERY_KIND)
    changed["steps"][0]["prompt"] = "Godaften"
    again = save(client, draft["id"], changed).json
    assert again["startable"] and again["in_use"] == 1
    key = {"Authorization": f"Bearer {started.json['facilitator_key']}"}
    running = client.get(f"/api/sessions/{started.json['code']}", headers=key).json
    assert [s["prompt"] for s in running["state"]["steps"]][0] == "Velkommen"
    assert new_draft(client, "groen-gaard")["document"]["steps"][0]["prompt"] == "Godaften"
    # Deleting the tool under a meeting that has not ended is refused; the draft alone goes.
    refused = client.delete(f"/api/tool-drafts/{draft['id']}?tool=1")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "tool_in_use"
    assert client.delete(f"/api/tool-drafts/{draft['id']}").status_code == 204
    assert client.get(f"/api/tool-drafts/{draft['id']}").status_code == 404
    assert "groen-gaard" in {tool["id"] for tool in client.get("/api/dialogues").json}


def test_a_deleted_draft_takes_its_tool_along_when_asked_and_no_meeting_runs_it(client):
    draft = new_draft(client)
    save(client, draft["id"], EVERY_KIND)
    assert client.delete(f"/api/tool-drafts/{draft['id']}?tool=1").status_code == 204
    assert "groen-gaard" not in {tool["id"] for tool in client.get("/api/dialogues").json}
    assert client.delete(f"/api/tool-drafts/{draft['id']}").status_code == 404


def test_a_draft_is_there_after_a_restart(make_editor_app):
    first = make_editor_app().test_client()
    draft = new_draft(first)
    half = {**EVERY_KIND, "title": ""}
    save(first, draft["id"], half)
    later = make_editor_app().test_client()  # a new process on the same database
    found = later.get(f"/api/tool-drafts/{draft['id']}").json
    assert found["document"] == half and [p["path"] for p in found["problems"]] == ["title"]


def test_the_downloaded_file_uploads_as_the_same_tool(client, make_app, tmp_path):
    draft = new_draft(client)
    save(client, draft["id"], EVERY_KIND)
    download = client.get(f"/api/tool-drafts/{draft['id']}.yaml")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == 'attachment; filename="groen-gaard.yaml"'
    assert yaml.safe_load(download.data) == EVERY_KIND
    assert download.data.decode().startswith("id: groen-gaard\ntitle: Den grønne gård\n")
    # Uploaded again here (the same file again) and on another server: the same tool.
    assert client.post("/api/dialogues", data=download.data, content_type="application/yaml").json
    elsewhere = make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}")
    uploaded = elsewhere.test_client().post(
        "/api/dialogues", data=download.data, content_type="application/yaml"
    )
    assert uploaded.status_code == 201
    kept = elsewhere.extensions["workshop.store"].dialogue_tool("groen-gaard")
    assert kept == client.application.extensions["workshop.store"].dialogue_tool("groen-gaard")


def test_checking_saves_nothing_and_knows_the_drafts_own_tool(client):
    draft = new_draft(client)
    save(client, draft["id"], EVERY_KIND)
    body = {"document": {**EVERY_KIND, "title": ""}}
    checked = client.post("/api/tool-drafts/check", json=body).json
    codes = {(p["path"], p["code"]) for p in checked["problems"]}
    assert codes == {("title", "required")}  # reported before the id is looked at
    mine = client.post(
        "/api/tool-drafts/check", json={"document": EVERY_KIND, "draft": draft["id"]}
    )
    assert mine.json == {"problems": [], "more_problems": 0, "startable": True}
    other = client.post("/api/tool-drafts/check", json={"document": EVERY_KIND}).json
    assert [(p["path"], p["code"]) for p in other["problems"]] == [("id", "id_used")]
    assert client.get(f"/api/tool-drafts/{draft['id']}").json["document"] == EVERY_KIND


def test_a_preview_gives_the_step_as_phones_get_it_and_a_summary_of_sample_answers(client):
    vote = client.post("/api/tool-drafts/preview", json={"document": EVERY_KIND, "step": "stem"})
    assert vote.status_code == 200, vote.json
    step, summary = vote.json["step"], vote.json["summary"]
    assert (step["kind"], step["index"], step["source"]) == ("vote", 6, "ideer")
    assert "notes" not in step["settings"]  # phones never get the facilitator's notes
    assert step["cards"] and summary["ranking"]
    assert {card["answer_id"] for card in summary["ranking"]} <= {
        card["answer_id"] for card in step["cards"]
    }
    for kind_step in EVERY_KIND["steps"]:
        shown = client.post(
            "/api/tool-drafts/preview", json={"document": EVERY_KIND, "step": kind_step["id"]}
        )
        assert shown.status_code == 200, (kind_step["id"], shown.json)
        assert shown.json["step"]["prompt"] == kind_step["prompt"]
    unknown = client.post("/api/tool-drafts/preview", json={"document": EVERY_KIND, "step": "x"})
    assert unknown.status_code == 400 and unknown.json["error"]["code"] == "no_such_step"
    broken = copy.deepcopy(EVERY_KIND)
    broken["steps"][2]["options"] = []
    refused = client.post("/api/tool-drafts/preview", json={"document": broken, "step": "valg"})
    assert refused.status_code == 400
    assert [p["field"] for p in refused.json["error"]["problems"]] == ["options"]


DRAFTS = "/api/tool-drafts"
JSON = "application/json"
BAD_REQUESTS = {
    "not an object": (lambda c: c.post(DRAFTS, json=["blank"]), 400, "bad_payload"),
    "from not text": (lambda c: c.post(DRAFTS, json={"from": 7}), 400, "bad_payload"),
    "unknown tool": (lambda c: c.post(DRAFTS, json={"from": "x"}), 404, "unknown_dialogue"),
    "as text": (
        lambda c: c.post(DRAFTS, data='{"from": "blank"}', content_type="text/plain"),
        415,
        "bad_content_type",
    ),
    "list": (lambda c: c.post(f"{DRAFTS}/check", json={"document": []}), 400, "invalid_dialogue"),
    "half JSON": (
        lambda c: c.post(f"{DRAFTS}/check", data="{", content_type=JSON),
        400,
        "bad_payload",
    ),
    "unknown draft": (lambda c: c.get(f"{DRAFTS}/findes-ikke"), 404, "unknown_draft"),
    "bad draft id": (lambda c: c.get(f"{DRAFTS}/IKKE..GYLDIG"), 404, "unknown_draft"),
    "unknown file": (lambda c: c.get(f"{DRAFTS}/findes-ikke.yaml"), 404, "unknown_draft"),
    "delete unknown": (lambda c: c.delete(f"{DRAFTS}/findes-ikke"), 404, "unknown_draft"),
    "save unknown": (lambda c: save(c, "findes-ikke", EVERY_KIND), 404, "unknown_draft"),
    "no step": (
        lambda c: c.post(f"{DRAFTS}/preview", json={"document": EVERY_KIND}),
        400,
        "no_such_step",
    ),
}


@pytest.mark.parametrize(("send", "status", "code"), BAD_REQUESTS.values(), ids=BAD_REQUESTS)
def test_bad_requests_get_a_clear_refusal(client, send, status, code):
    refused = send(client)
    assert refused.status_code == status, refused.get_data(as_text=True)[:500]
    assert refused.json["error"]["code"] == code and refused.json["error"]["message"]


def test_a_document_beyond_the_uploads_budget_is_refused_and_nothing_is_kept(client):
    draft = new_draft(client)
    deep: dict = {}
    inner = deep
    for _ in range(40):
        inner["x"] = {}
        inner = inner["x"]
    too_deep = save(client, draft["id"], {**EVERY_KIND, "extra": deep})
    assert too_deep.status_code == 400
    assert [p["code"] for p in too_deep.json["error"]["problems"]] == ["too_deep"]
    long = {**EVERY_KIND, "steps": [{**EVERY_KIND["steps"][0], "body": "å" * 4999}] * 50}
    too_large = save(client, draft["id"], long)
    assert too_large.status_code == 413 and too_large.json["error"]["code"] == "too_large"
    half_an_emoji = client.put(
        f"/api/tool-drafts/{draft['id']}",
        data='{"document": {"title": "\\ud83d"}}',
        content_type="application/json",
    )
    assert half_an_emoji.status_code == 400
    assert half_an_emoji.json["error"]["code"] == "bad_payload"
    not_a_tool = save(client, draft["id"], "id: x")
    assert not_a_tool.status_code == 400
    assert client.get(f"/api/tool-drafts/{draft['id']}").json["document"]["steps"] == []
    other_site = client.put(
        f"/api/tool-drafts/{draft['id']}",
        json={"document": EVERY_KIND},
        headers={"Origin": "https://elsewhere.example"},
    )
    assert other_site.status_code == 403 and other_site.json["error"]["code"] == "other_origin"
    as_text = client.put(f"/api/tool-drafts/{draft['id']}", data="{}", content_type="text/plain")
    assert as_text.status_code == 415


def test_the_organiser_passcode_guards_every_draft(make_editor_app):
    client = make_editor_app(WORKSHOP_ORGANISER_PASSCODE="blåbær").test_client()
    refused = [
        client.get("/api/tool-drafts"),
        client.post("/api/tool-drafts", json={"from": "blank"}),
        client.get("/api/tool-drafts/nyt-redskab"),
        save(client, "nyt-redskab", EVERY_KIND),
        client.delete("/api/tool-drafts/nyt-redskab"),
        client.get("/api/tool-drafts/nyt-redskab.yaml"),
    ]
    assert {(r.status_code, r.json["error"]["code"]) for r in refused} == {
        (401, "passcode_required")
    }
    given = {"X-Organiser-Passcode": "blåbær".encode().decode("latin-1")}
    draft = new_draft(client, **given)
    # The browser that gave it once is remembered, as on the home page.
    assert save(client, draft["id"], EVERY_KIND).json["startable"] is True
    stranger = make_editor_app(WORKSHOP_ORGANISER_PASSCODE="blåbær").test_client()
    assert stranger.get(f"/api/tool-drafts/{draft['id']}").status_code == 401
    # Reading the catalogue, checking and previewing change nothing and need no passcode.
    assert stranger.get("/api/tool-editor/kinds").status_code == 200
    assert stranger.post("/api/tool-drafts/check", json={"document": {}}).status_code == 200


def test_without_a_passcode_only_this_computer_replaces_a_published_tool(client):
    draft = new_draft(client)
    save(client, draft["id"], EVERY_KIND)
    changed = {**EVERY_KIND, "title": "Kapret"}
    away = {"REMOTE_ADDR": "192.168.1.50"}
    from_the_room = client.put(
        f"/api/tool-drafts/{draft['id']}", json={"document": changed}, environ_base=away
    )
    assert from_the_room.status_code == 200
    assert [p["code"] for p in from_the_room.json["problems"]] == ["id_uploaded"]
    assert from_the_room.json["startable"] is False
    titles = {tool["id"]: tool["title"] for tool in client.get("/api/dialogues").json}
    assert titles["groen-gaard"] == "Den grønne gård"
    at_the_laptop = save(client, draft["id"], changed).json
    assert at_the_laptop["startable"] and at_the_laptop["problems"] == []
    titles = {tool["id"]: tool["title"] for tool in client.get("/api/dialogues").json}
    assert titles["groen-gaard"] == "Kapret"


def test_the_kinds_come_in_the_readers_language(client):
    danish = client.get("/api/tool-editor/kinds?lang=da").json
    english = client.get("/api/tool-editor/kinds?lang=en").json
    assert [k["name"] for k in danish["kinds"]] == [k["name"] for k in english["kinds"]]
    assert danish["settings"][0]["label"] != english["settings"][0]["label"]


def test_no_more_drafts_are_made_than_the_server_keeps(client, monkeypatch):
    from workshop.services import tool_drafts

    monkeypatch.setattr(tool_drafts, "MAX_DRAFTS", 2)
    new_draft(client)
    new_draft(client, "almene-maal")
    over = client.post("/api/tool-drafts?lang=en", json={"from": "blank"})
    assert over.status_code == 409 and over.json["error"]["code"] == "too_many_drafts"
    assert "2 drafts" in over.json["error"]["message"]
    assert len(client.get("/api/tool-drafts").json) == 2


def test_a_draft_given_another_id_moves_its_tool_unless_a_meeting_runs_it(client):
    draft = new_draft(client)
    save(client, draft["id"], EVERY_KIND)
    renamed = save(client, draft["id"], {**EVERY_KIND, "id": "groen-gaard-2"}).json
    assert renamed["startable"] and renamed["tool_id"] == "groen-gaard-2"
    assert renamed["id"] == draft["id"]  # the draft keeps its own id
    listed = {tool["id"] for tool in client.get("/api/dialogues").json}
    assert "groen-gaard-2" in listed and "groen-gaard" not in listed
    assert client.post("/api/sessions", json={"dialogue": "groen-gaard-2"}).status_code == 201
    back = save(client, draft["id"], EVERY_KIND).json
    assert back["startable"] and back["tool_id"] == "groen-gaard"
    listed = {tool["id"] for tool in client.get("/api/dialogues").json}
    assert {"groen-gaard", "groen-gaard-2"} <= listed  # a meeting in its lobby runs the old one


def test_a_draft_the_server_has_no_room_to_publish_says_so(client, monkeypatch):
    from workshop.services import dialogues

    kept = len(client.application.extensions["workshop.store"].dialogue_tool_stamps())
    monkeypatch.setattr(dialogues, "MAX_UPLOADED_TOOLS", kept)
    monkeypatch.setattr("workshop.services.tool_drafts.MAX_UPLOADED_TOOLS", kept)
    draft = new_draft(client)
    for answer in (
        save(client, draft["id"], EVERY_KIND).json,
        client.get(f"{DRAFTS}/{draft['id']}").json,
    ):
        assert [p["code"] for p in answer["problems"]] == ["too_many_tools"]
        assert answer["startable"] is False and answer["tool_id"] is None
