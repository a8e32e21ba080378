"""Uploading a dialogue tool: a good file starts sessions, a bad one lists every problem."""

from __future__ import annotations

import html
import io
import json
import re

import yaml

from .helpers import form_token

GOOD = {
    "id": "bestyrelsesdag",
    "title": "Bestyrelsesdag 2027",
    "language": "da",
    "steps": [
        {"id": "hej", "kind": "info", "prompt": "Velkommen"},
        {"id": "ideer", "kind": "open", "prompt": "Idéer?", "max_answers": 3},
        {"id": "stem", "kind": "vote", "prompt": "Stem", "source": "ideer", "votes": 2},
        {"id": "plan", "kind": "actions", "prompt": "Hvem gør hvad?"},
    ],
}

BAD = """
id: Bad Id!
title: ""
steps:
  - id: ideer
    kind: open
    prompt: "Idéer?"
    max_answers: 99
  - id: stem
    kind: vote
    prompt: "Stem"
    source: nowhere
  - id: valg
    kind: choice
    prompt: "Vælg"
    options:
      - {id: a, label: ""}
    settings: {screen_results: sometimes, time_box: 0}
  - kind: dance
"""


def upload(client, body: bytes, **headers):
    return client.post(
        "/api/dialogues",
        data={"file": (io.BytesIO(body), "dialog.yaml")},
        content_type="multipart/form-data",
        headers=headers,
    )


def test_a_good_file_is_imported_listed_and_runs_a_session(client, connect):
    response = upload(client, yaml.safe_dump(GOOD, allow_unicode=True).encode())
    assert response.status_code == 201
    assert response.json["title"] == "Bestyrelsesdag 2027"
    listed = [tool["id"] for tool in client.get("/api/dialogues").json]
    assert listed[-1] == "bestyrelsesdag" and "almene-maal" in listed
    created = client.post("/api/sessions", json={"dialogue": "bestyrelsesdag"})
    assert created.status_code == 201
    console = connect(
        role="facilitator", code=created.json["code"], key=created.json["facilitator_key"]
    )
    assert console.emit("command", {"action": "goto", "step": "stem"}, callback=True)["ok"]


def test_json_works_as_well_as_yaml_and_without_a_passcode_an_upload_replaces_nothing(client):
    assert upload(client, json.dumps(GOOD).encode()).status_code == 201
    renamed = {**GOOD, "title": "Bestyrelsesdag, 2. udgave"}
    again = client.post("/api/dialogues", data=json.dumps(renamed), content_type="application/json")
    assert again.status_code == 400
    assert [p["code"] for p in again.json["error"]["problems"]] == ["id_uploaded"]
    titles = [t["title"] for t in client.get("/api/dialogues").json if t["id"] == "bestyrelsesdag"]
    assert titles == ["Bestyrelsesdag 2027"]


def test_a_bad_file_lists_every_problem_with_step_and_field_in_danish(client):
    before = client.get("/api/dialogues").json
    response = upload(client, BAD.encode())
    assert response.status_code == 400
    error = response.json["error"]
    assert error["code"] == "invalid_dialogue"
    found = {(p["step"], p["field"], p["code"]) for p in error["problems"]}
    assert found >= {
        (None, "id", "bad_id"),
        (None, "title", "required"),
        ("ideer", "max_answers", "out_of_range"),
        ("stem", "source", "bad_source"),
        ("valg", "options[1].label", "required"),
        ("valg", "settings.screen_results", "bad_choice"),
        ("valg", "settings.time_box", "out_of_range"),
        ("#4", "id", "bad_id"),
        ("#4", "kind", "unknown_kind"),
    }
    messages = {p["code"]: p["message"] for p in error["problems"]}
    assert messages["bad_source"] == (
        "Trin stem (linje 9), felt source: skal pege på et tidligere åbent trin"
    )
    assert client.get("/api/dialogues").json == before  # nothing half-imported


def test_files_that_are_not_dialogue_tools_are_refused_clearly(client):
    for body, code in [
        (b"\xff\xfe not utf-8 \x00", "not_utf8"),
        (b"steps: [unclosed", "not_yaml"),
        (b"- just\n- a list", "not_mapping"),
        (b"x" * (300 * 1024), "file_too_large"),
        (yaml.safe_dump({**GOOD, "id": "almene-maal"}).encode(), "id_taken"),
    ]:
        response = upload(client, body)
        assert response.status_code == 400
        assert [p["code"] for p in response.json["error"]["problems"]] == [code]


def test_the_home_page_form_shows_the_problems_or_the_imported_tool(client):
    token = form_token(client)
    bad = client.post(
        "/dialogues",
        data={"file": (io.BytesIO(BAD.encode()), "dialog.yaml"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert "Trin stem (linje 9), felt source: skal pege på et tidligere åbent trin" in page
    good = client.post(
        "/dialogues",
        data={"file": (io.BytesIO(json.dumps(GOOD).encode()), "dialog.json"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert good.status_code == 200 and "Bestyrelsesdag 2027" in good.get_data(as_text=True)


def test_a_file_with_problems_comes_back_to_correct_on_the_page_and_check_again(client):
    token = form_token(client)
    bad = client.post(
        "/dialogues",
        data={"file": (io.BytesIO(BAD.encode()), "dialog.yaml"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    page = bad.get_data(as_text=True)
    shown = re.search(r"<textarea[^>]*data-source[^>]*>(.*?)</textarea>", page, re.S)
    assert shown, "the file's text is not offered for correcting"
    # The text comes back exactly as uploaded (escaped for HTML, read back as the browser does).
    assert html.unescape(shown.group(1)) == BAD
    corrected = yaml.safe_dump(GOOD, allow_unicode=True)  # every problem fixed on the page
    # The browser sends the text with CRLF line ends; an empty file field means "use the text".
    again = client.post(
        "/dialogues",
        data={
            "file": (io.BytesIO(b""), ""),
            "text": corrected.replace("\n", "\r\n"),
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    assert again.status_code == 200, again.get_data(as_text=True)[:2000]
    assert "er importeret" in again.get_data(as_text=True)


def test_a_file_that_is_not_text_is_not_offered_for_correcting(client):
    bad = client.post(
        "/dialogues",
        data={
            "file": (io.BytesIO(b"\xff\xfe\x00junk"), "dialog.yaml"),
            "csrf_token": form_token(client),
        },
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400 and "data-source" not in bad.get_data(as_text=True)


def test_uploads_need_the_organiser_passcode_when_one_is_set(make_app):
    client = make_app(WORKSHOP_ORGANISER_PASSCODE="hemmelig").test_client()
    assert upload(client, json.dumps(GOOD).encode()).status_code == 401
    ok = upload(client, json.dumps(GOOD).encode(), **{"X-Organiser-Passcode": "hemmelig"})
    assert ok.status_code == 201


def test_the_templates_offered_on_the_home_page_upload_as_they_are(client):
    page = client.get("/").get_data(as_text=True)
    for name in ("dialogredskab-skabelon.yaml", "dialogue-tool-template.yaml"):
        assert f"/static/templates/{name}" in page
        with client.get(f"/static/templates/{name}") as download:
            data = download.data
        response = client.post("/api/dialogues", data=data, content_type="application/yaml")
        assert response.status_code == 201, response.json


def test_a_problem_in_a_step_says_on_which_line_the_step_begins(client):
    tool = b"""id: min
title: Mit redskab
steps:
  - id: hej
    kind: info
    prompt: Hej

  - id: ideer
    kind: open
    prompt: Ideer?
    max_answers: 99
"""
    problems = client.post("/api/dialogues", data=tool, content_type="application/yaml").json[
        "error"
    ]["problems"]
    assert [p["message"] for p in problems] == [
        "Trin ideer (linje 8), felt max_answers: skal være et helt tal fra 1 til 20"
    ]
