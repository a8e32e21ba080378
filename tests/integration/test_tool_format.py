"""The tool format from the kinds' declarations: a JSON Schema an editor can use, and an
upload with a misspelt or Danish key refused with the key that was meant."""

from __future__ import annotations

import io
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("workshop/dialogues/*.yaml"), *ROOT.glob("static/templates/*.yaml")])

MISSPELT = """\
id: bestyrelsesdag
title: Bestyrelsesdag
steps:
  - id: ideer
    kind: open
    prompt: "Idéer?"
    premoderation: true
    setings:
      time_box: 5
  - id: runde
    kind: open
    prompt: "Hvordan gik det?"
    settings:
      anonym: false
      tidsramme: 5
"""


def upload(client, text: str, query: str = ""):
    return client.post(
        f"/api/dialogues{query}",
        data={"file": (io.BytesIO(text.encode()), "dialog.yaml")},
        content_type="multipart/form-data",
    )


@pytest.fixture
def validator(client):
    response = client.get("/api/dialogue-tool.schema.json?lang=en")
    assert response.status_code == 200 and response.is_json
    jsonschema.Draft7Validator.check_schema(response.json)
    return jsonschema.Draft7Validator(response.json)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_tool_file_the_project_ships_fits_the_schema(validator, path):
    assert list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))) == []


def test_the_misspelt_keys_do_not_fit_the_schema(validator):
    errors = list(validator.iter_errors(yaml.safe_load(MISSPELT)))
    said = " ".join(error.message for error in errors)
    for key in ("premoderation", "setings", "anonym", "tidsramme"):
        assert f"'{key}'" in said


def test_the_schema_explains_each_key_in_danish_unless_english_is_asked(client):
    danish = client.get("/api/dialogue-tool.schema.json").json
    english = client.get("/api/dialogue-tool.schema.json?lang=en").json
    assert danish["title"] == "Dialogredskab" and english["title"] == "Dialogue tool"
    steps = danish["properties"]["steps"]["items"]
    settings = steps["properties"]["settings"]["properties"]
    assert settings["premoderate"]["title"] == "Godkend svar først"
    assert settings["time_box"] == {
        **settings["time_box"],
        "type": ["integer", "null"],
        "minimum": 1,
        "maximum": 180,
    }


def test_an_upload_with_misspelt_keys_is_refused_naming_the_key_meant(client):
    before = client.get("/api/dialogues").json
    response = upload(client, MISSPELT)
    assert response.status_code == 400
    problems = response.json["error"]["problems"]
    assert {(p["step"], p["field"], p["code"]) for p in problems} == {
        ("ideer", "premoderation", "unknown_key"),
        ("ideer", "setings", "unknown_key"),
        ("runde", "settings.anonym", "unknown_key"),
        ("runde", "settings.tidsramme", "unknown_key"),
    }
    assert {p["field"]: p.get("suggestion") for p in problems} == {
        "premoderation": "settings.premoderate",
        "setings": "settings",
        "settings.anonym": "anonymous",
        "settings.tidsramme": "time_box",
    }
    messages = {p["field"]: p["message"] for p in problems}
    assert messages["settings.anonym"] == (
        "Trin runde (linje 10), felt settings.anonym: er ikke et felt her; mente du anonymous?"
    )
    assert messages["premoderation"].endswith("mente du settings.premoderate?")
    assert client.get("/api/dialogues").json == before  # nothing imported

    english = upload(client, MISSPELT, "?lang=en").json["error"]["problems"]
    assert {p["field"]: p["message"] for p in english}["settings.tidsramme"] == (
        "Step runde (line 10), field settings.tidsramme: is not a field here; "
        "did you mean time_box?"
    )


def test_a_key_near_no_field_is_told_the_fields_there(client):
    text = MISSPELT.replace("premoderation: true", "zebra: 1").replace("setings", "settings")
    (problem,) = [
        p
        for p in upload(client, text, "?lang=en").json["error"]["problems"]
        if p["step"] == "ideer"
    ]
    assert problem["message"] == (
        "Step ideer (line 4), field zebra: is not a field here; the fields are: id, kind, "
        "prompt, body, settings, max_answers"
    )


def test_a_tab_in_a_file_is_named_as_the_reason(client):
    text = MISSPELT.replace('    kind: open\n    prompt: "Idéer?"', "    kind: open\n\tprompt: x")
    response = upload(client, text)
    (problem,) = response.json["error"]["problems"]
    assert problem["code"] == "yaml_tab"
    assert "linje 6" in problem["message"] and "mellemrum" in problem["message"]
