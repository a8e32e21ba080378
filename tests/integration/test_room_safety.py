"""What curious participants try: undoing moderation, unmasking anonymous answers, formulas in
the spreadsheet, reversed text, probing codes through the QR picture, coming back removed."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from .helpers import answer, command, last_state, open_socket, wait_for


def start(connect, new_session, dialogue="testmoede"):
    created = new_session(dialogue)
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    return created, code, console


def bearer(created) -> dict[str, str]:
    return {"Authorization": f"Bearer {created['facilitator_key']}"}


# moderation sticks ------------------------------------------------------------------------


def test_a_hidden_answer_cannot_be_replaced_or_changed_by_its_author(connect, new_session):
    _created, code, console = start(connect, new_session)
    phone = connect(role="participant", code=code, name="Troll")
    command(console, "goto", step="udcheckning")  # one answer each: a new one replaces
    assert answer(phone, "udcheckning", "Noget grimt", "troll-00001")["ok"]
    command(console, "hide_answer", answer_id="troll-00001")
    replaced = answer(phone, "udcheckning", "Noget pænt", "troll-00002")
    assert not replaced["ok"] and replaced["error"]["code"] == "moderated"
    assert replaced["error"]["message"].startswith("Mødelederen har allerede behandlet")
    edited = answer(phone, "udcheckning", "Noget andet", "troll-00001")
    assert edited["error"]["code"] == "moderated"
    # Sending exactly what was stored again (a retry after a lost ack) is still acked.
    assert answer(phone, "udcheckning", "Noget grimt", "troll-00001")["ok"]
    summary = wait_for(console, "results", lambda r: r["summary"]["hidden"] == 1)["summary"]
    assert summary["answers"] == []


def test_a_merged_answer_and_the_card_it_went_into_stay_as_the_facilitator_left_them(
    connect, new_session
):
    _created, code, console = start(connect, new_session)
    one = connect(role="participant", code=code)
    two = connect(role="participant", code=code)
    command(console, "goto", step="udcheckning")
    assert answer(one, "udcheckning", "Godt møde", "merge-00001")["ok"]
    assert answer(two, "udcheckning", "Godt mode", "merge-00002")["ok"]
    command(console, "merge", answer_id="merge-00002", into="merge-00001")
    for phone, answer_id in ((one, "merge-00001"), (two, "merge-00002")):
        ack = answer(phone, "udcheckning", "Noget helt andet", answer_id)
        assert ack["error"]["code"] == "moderated"


def test_a_confirmed_or_edited_action_point_is_final(connect, new_session):
    _created, code, console = start(connect, new_session)
    phone = connect(role="participant", code=code, name="Mette")
    command(console, "goto", step="handlepunkter")
    later = (date.today() + timedelta(days=30)).isoformat()
    point = {"what": "Temaaften om affald", "who": "Mette", "when": later}
    assert answer(phone, "handlepunkter", point, "act-000001")["ok"]
    assert answer(phone, "handlepunkter", {**point, "what": "Grillfest"}, "act-000002")["ok"]
    command(console, "confirm_action", answer_id="act-000001")
    command(console, "edit_action", answer_id="act-000002", value={"who": "Bestyrelsen"})
    for answer_id in ("act-000001", "act-000002"):
        ack = answer(phone, "handlepunkter", {**point, "what": "Ingenting"}, answer_id)
        assert ack["error"]["code"] == "moderated"
    # The confirmation and the edit may reach the console in two updates: wait for the edit.
    items = wait_for(
        console,
        "results",
        lambda r: (
            len(r["summary"]["plan"]) == 1
            and {e["answer_id"]: e["who"] for e in r["summary"]["items"]}.get("act-000002")
            == "Bestyrelsen"
        ),
    )["summary"]
    plan = {entry["answer_id"]: entry for entry in items["items"]}
    assert plan["act-000001"]["what"] == "Temaaften om affald" and plan["act-000001"]["confirmed"]
    assert plan["act-000002"]["who"] == "Bestyrelsen"


# anonymity is fixed when the answer is given -----------------------------------------------


def test_an_answer_given_anonymously_never_shows_its_name_after_the_step_turns_named(
    app, client, connect, new_session
):
    created, code, console = start(connect, new_session)
    phone = connect(role="participant", code=code, name="Hemmelige Hanne")
    command(console, "goto", step="udcheckning")
    assert last_state(phone)["step"]["settings"]["anonymous"] is True  # the phone can say so
    assert answer(phone, "udcheckning", "Jeg turde ikke sige det højt", "anon-000001")["ok"]
    command(console, "settings", anonymous=False)
    other = connect(role="participant", code=code, name="Åbne Ole")
    assert answer(other, "udcheckning", "Det siger jeg gerne med navn", "named-00001")["ok"]
    cards = {
        card["answer_id"]: card
        for card in wait_for(console, "results", lambda r: r["summary"]["count"] == 2)["summary"][
            "answers"
        ]
    }
    assert cards["anon-000001"]["name"] == "" and cards["named-00001"]["name"] == "Åbne Ole"
    # Editing it later, while named, does not put the name on it either.
    assert answer(phone, "udcheckning", "Jeg turde stadig ikke", "anon-000001")["ok"]
    exported_csv = client.get(f"/api/sessions/{code}/export.csv", headers=bearer(created))
    rows = list(csv.reader(io.StringIO(exported_csv.get_data(as_text=True)[1:]), delimiter=";"))
    by_answer = {row[5]: row[3] for row in rows[1:]}
    assert by_answer["Jeg turde stadig ikke"] == "anonym"
    assert by_answer["Det siger jeg gerne med navn"] == "Åbne Ole"
    document = json.loads(
        client.get(f"/api/sessions/{code}/export.json", headers=bearer(created)).data
    )
    given = {a["answer_id"]: a for a in document["answers"]}
    assert given["anon-000001"]["participant"] is None and given["anon-000001"]["anonymous"]
    assert given["named-00001"]["participant"] is not None
    pdf = client.get(f"/api/sessions/{code}/export.pdf", headers=bearer(created)).data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Åbne Ole" in text and "Hemmelige Hanne" not in text


def test_phones_and_screen_get_results_per_table_only_while_the_facilitator_shows_them(
    connect, new_session
):
    created, code, console = start(connect, new_session)
    screen = connect(role="screen", code=code, key=created["screen_key"])
    command(console, "tables", names=["Bord 1", "Bord 2"])
    phone = connect(role="participant", code=code, table="t1")
    command(console, "goto", step="vigtigste-maal")
    command(console, "reveal", audience="all")
    assert answer(phone, "vigtigste-maal", ["byer-i-balance"])["ok"]
    for sio in (phone, screen):
        summary = wait_for(sio, "results", lambda r: r["summary"]["count"] == 1)["summary"]
        assert "by_table" not in summary
        assert "by_table" not in last_state(sio)["results"]["summary"]
    assert "by_table" in last_state(console)["results"]["summary"]
    command(console, "by_table", on=True)
    assert "by_table" in last_state(phone)["results"]["summary"]


# every spreadsheet cell is text ------------------------------------------------------------

HOSTILE = st.sampled_from(["=", "+", "-", "@", "\t", "\r"]).flatmap(
    lambda start: st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
    ).map(lambda rest: start + "1+1" + rest.strip())
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=HOSTILE, table=HOSTILE, label=HOSTILE, prompt=HOSTILE)
def test_no_csv_cell_in_any_column_can_start_a_formula(make_app, name, table, label, prompt):
    app = make_app()
    client = app.test_client()
    # Every example keeps its own tool: without a passcode an upload replaces none.
    tool_id = f"formler-{uuid.uuid4().hex[:8]}"
    tool = {
        "id": tool_id,
        "title": "Formler",
        "steps": [
            {
                "id": "valg",
                "kind": "choice",
                "prompt": prompt,
                "options": [{"id": "a", "label": label}],
            },
            {"id": "fri", "kind": "open", "prompt": prompt, "settings": {"anonymous": False}},
        ],
    }
    assert client.post("/api/dialogues", json=tool).status_code == 201, tool
    created = client.post("/api/sessions", json={"dialogue": tool_id}).json
    code = created["code"]
    console = open_socket(
        app, auth={"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    command(console, "tables", names=[table.strip() or "=1"])
    phone = open_socket(
        app, auth={"role": "participant", "code": code, "name": name, "table": "t1"}
    )
    command(console, "goto", step="valg")
    assert answer(phone, "valg", ["a"])["ok"]
    command(console, "goto", step="fri")
    assert answer(phone, "fri", "@SUM(A1)")["ok"]
    data = client.get(f"/api/sessions/{code}/export.csv", headers=bearer(created)).data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (cell, row)
    for sio in (console, phone):
        sio.disconnect()


# text that turns the screen around -----------------------------------------------------------

BIDI = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_removed_from_everything_a_person_sends(client, connect, new_session):
    created, code, console = start(connect, new_session)
    phone = connect(role="participant", code=code, name=f"Ma{BIDI}ria")
    command(console, "tables", names=[f"Bord{BIDI} 1"])
    command(console, "details", organisation=f"Bolig{BIDI}selskabet")
    command(console, "goto", step="udcheckning")
    command(console, "settings", anonymous=False)
    assert answer(phone, "udcheckning", "\u202egnilknip", "bidi-000001")["ok"]
    state = last_state(console)
    texts = json.dumps(state, ensure_ascii=False)
    assert not any(ch in texts for ch in BIDI)
    results = wait_for(console, "results", lambda r: r["summary"]["count"] == 1)
    assert results["summary"]["answers"][0] == {
        **results["summary"]["answers"][0],
        "text": "gnilknip",
        "name": "Maria",
    }
    assert state["participants_list"][0]["name"] == "Maria"
    document = client.get(f"/api/sessions/{code}/export.json", headers=bearer(created)).data
    assert not any(ch in document.decode() for ch in BIDI)
    titled = client.post("/api/sessions", json={"dialogue": "testmoede", "title": f"Møde{BIDI}"})
    assert titled.status_code == 201
    upload = {
        "id": "vendt",
        "title": "\u202eVendt titel",
        "steps": [{"id": "a", "kind": "open", "prompt": "Spørgsmål\u2067?"}],
    }
    listed = client.post("/api/dialogues", json=upload).json
    assert listed["title"] == "Vendt titel" and listed["steps"][0]["prompt"] == "Spørgsmål?"


# codes, pictures and coming back ------------------------------------------------------------


def test_the_qr_picture_is_drawn_for_any_six_digits_without_saying_if_the_code_exists(
    client, new_session
):
    created = new_session()
    unused = f"{(int(created['code']) + 1) % 1_000_000:06d}"
    real = client.get(f"/qr/{created['code']}.svg")
    fake = client.get(f"/qr/{unused}.svg")
    assert real.status_code == fake.status_code == 200
    assert real.mimetype == fake.mimetype == "image/svg+xml"
    assert client.get("/qr/12345.svg").status_code == 404  # not a code at all


def test_a_removed_participant_without_its_token_joins_as_someone_new_until_joining_is_locked(
    app, connect, new_session
):
    _created, code, console = start(connect, new_session)
    phone = connect(role="participant", code=code, name="Troll")
    token = last_state(phone)["you"]["token"]
    listed = wait_for(console, "presence", lambda p: p.get("participants_changed"))
    first_id = listed["participants_changed"][0]["id"]
    command(console, "remove_participant", participant_id=first_id)
    with_token = open_socket(app, auth={"role": "participant", "code": code, "token": token})
    assert not with_token.is_connected()
    stranger = connect(role="participant", code=code, name="Troll")
    assert stranger.is_connected()
    assert last_state(stranger)["you"]["token"] != token  # a new participant, no old answers
    command(console, "lock")
    assert not connect(role="participant", code=code, name="Troll igen").is_connected()
