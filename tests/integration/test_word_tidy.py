"""The facilitator tidies the word cloud from the console: the screen, the phones and every
export show the tidied cloud; only the facilitator sees what was hidden, merged and could be."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from pypdf import PdfReader

from .helpers import answer, command, last_state, open_socket, wait_for

STEP = "indcheckning"  # the test meeting's word cloud
GIVEN = [
    ["grøn", "affald", "idiot"],
    ["grønne", "afald"],
    ["Grøn", "fællesskab"],
    ["grønt", "🌱", "fællesskab"],
    ["fælleskab", "affald"],
]


def room_words(summary: dict) -> dict[str, int]:
    return {entry["word"]: entry["count"] for entry in summary["words"]}


def tidy(console, action: str, **args) -> dict:
    return console.emit("command", {"action": action, **args}, callback=True)


def started(app):
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    console = open_socket(
        app, auth={"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    screen = open_socket(app, auth={"role": "screen", "code": code, "key": created["screen_key"]})
    phones = [open_socket(app, auth={"role": "participant", "code": code}) for _ in GIVEN]
    command(console, "goto", step=STEP)
    command(console, "reveal")
    for phone, words in zip(phones, GIVEN, strict=True):
        assert answer(phone, STEP, words)["ok"]
    results = wait_for(console, "results", lambda r: r["summary"]["count"] == len(GIVEN))
    console.first_summary = results["summary"]
    return created, console, screen, phones


def test_hidden_and_merged_words_reach_the_room_tidied_and_the_facilitator_in_full(make_app):
    app = make_app()
    created, console, screen, phones = started(app)
    first = console.first_summary
    assert {"words": ["grøn", "grønne", "grønt"], "into": "grøn"} in first["word_suggestions"]
    assert {"words": ["affald", "afald"], "into": "affald"} in first["word_suggestions"]
    assert room_words(first)["🌱"] == 1  # an emoji-only word is counted

    assert tidy(console, "hide_word", word=" IDIOT! ")["ok"]  # normalised as answers are
    assert tidy(console, "merge_words", words=["grønne", "grønt"], into="grøn")["ok"]
    assert tidy(console, "merge_words", words=["afald"], into="affald")["ok"]

    mine = wait_for(
        console, "results", lambda r: r["summary"].get("merged_words", {}).get("afald")
    )["summary"]
    assert room_words(mine) == {"grøn": 4, "affald": 3, "fællesskab": 2, "fælleskab": 1, "🌱": 1}
    assert mine["hidden_words"] == [{"word": "idiot", "count": 1}]
    assert mine["merged_words"] == {"grønne": "grøn", "grønt": "grøn", "afald": "affald"}
    assert mine["word_suggestions"] == [
        {"words": ["fællesskab", "fælleskab"], "into": "fællesskab"}
    ]
    for audience in (screen, phones[0]):
        seen = last_state(audience)["results"]["summary"]
        assert room_words(seen) == room_words(mine)
        assert not {"hidden_words", "merged_words", "word_suggestions"} & set(seen)
        assert "idiot" not in json.dumps(seen, ensure_ascii=False)

    # Undone: shown again, and a variant counted on its own.
    assert tidy(console, "show_word", word="idiot")["ok"]
    assert tidy(console, "unmerge_word", word="grønt")["ok"]
    seen = wait_for(screen, "state", lambda s: "grønt" in room_words(s["results"]["summary"]))
    assert room_words(seen["results"]["summary"]) == {
        **room_words(mine),
        "idiot": 1,
        "grøn": 3,
        "grønt": 1,
    }


def test_the_tidied_cloud_survives_a_restart_and_is_the_one_in_the_record(make_app):
    app = make_app()
    created, console, _screen, _phones = started(app)
    assert tidy(console, "hide_word", word="idiot")["ok"]
    assert tidy(console, "merge_words", words=["grønne", "grønt"], into="grøn")["ok"]
    console.disconnect()

    again = make_app()  # the same database, a new process
    console = open_socket(
        again,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    summary = last_state(console)["results"]["summary"]
    assert room_words(summary)["grøn"] == 4 and "idiot" not in room_words(summary)
    assert summary["hidden_words"] == [{"word": "idiot", "count": 1}]

    headers = {"Authorization": f"Bearer {created['facilitator_key']}"}
    url = f"/api/sessions/{created['code']}/export"
    document = again.test_client().get(f"{url}.json", headers=headers).json
    step = next(s for s in document["steps"] if s["id"] == STEP)
    assert room_words(step["summary"]) == room_words(summary)
    assert document["session"]["tidy"][STEP]["hidden_words"] == ["idiot"]
    pdf = again.test_client().get(f"{url}.pdf", headers=headers).data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "grøn (4)" in " ".join(text.split())
    assert "idiot" not in text and "grønne (" not in text
    # The answer rows say what each gave as the room counted it.
    rows = again.test_client().get(f"{url}.csv", headers=headers).data.decode("utf-8-sig")
    xlsx = again.test_client().get(f"{url}.xlsx", headers=headers).data
    cells = [
        str(cell)
        for sheet in load_workbook(io.BytesIO(xlsx), read_only=True).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    for record in (rows, "\n".join(cells)):
        assert "idiot" not in record
        assert "grøn, affald (1 ord skjult)" in record
        assert "grønne → grøn, afald" in record


def test_word_commands_are_checked_before_anything_changes(make_app):
    app = make_app()
    _created, console, _screen, _phones = started(app)
    refusals = {
        "unknown_word": [
            {"action": "hide_word", "word": "cykel"},
            {"action": "show_word", "word": "grøn"},
            {"action": "unmerge_word", "word": "grønne"},
            {"action": "merge_words", "words": ["grønne"], "into": "cykel"},
        ],
        "bad_payload": [
            {"action": "hide_word"},
            {"action": "hide_word", "word": 7},
            {"action": "hide_word", "word": "x" * 31},
            {"action": "hide_word", "word": "!!!"},
            {"action": "merge_words", "words": [], "into": "grøn"},
            {"action": "merge_words", "words": ["grønne"] * 21, "into": "grøn"},
            {"action": "merge_words", "words": "grønne", "into": "grøn"},
            {"action": "merge_words", "words": ["grøn"], "into": "GRØN"},
        ],
        "unknown_step": [
            {"action": "hide_word", "word": "grøn", "step": "vigtigste-maal"},
            {"action": "hide_word", "word": "grøn", "step": "nowhere"},
        ],
    }
    before = last_state(console)["revision"]
    for code, payloads in refusals.items():
        for payload in payloads:
            ack = console.emit("command", payload, callback=True)
            assert ack["error"]["code"] == code, payload
    assert tidy(console, "hide_word", word="idiot")["ok"]
    merged_into_hidden = tidy(console, "merge_words", words=["affald"], into="idiot")
    assert merged_into_hidden["error"]["code"] == "bad_payload"
    hidden_merged = tidy(console, "merge_words", words=["idiot"], into="affald")
    assert hidden_merged["error"]["code"] == "bad_payload"
    assert last_state(console)["revision"] == before + 1  # only the one hide changed anything
