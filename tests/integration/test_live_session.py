"""A whole session over Socket.IO: three phones, a console, a screen, and the PDF at the end."""

from __future__ import annotations

import io

from pypdf import PdfReader

from .helpers import answer, command, events, last_state, wait_for


def test_three_participants_run_through_the_dialogue_and_the_pdf_keeps_their_answers(
    client, connect, new_session
):
    created = new_session(title="Kredsmøde Nordjylland")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phones = [connect(role="participant", code=code, name=n) for n in ("Åse", "Bjørn", "")]

    lobby = last_state(phones[0])
    assert lobby["session"]["status"] == "lobby" and lobby["step"] is None
    assert lobby["you"]["name"] == "Åse" and len(lobby["you"]["token"]) >= 22
    assert wait_for(console, "presence", lambda p: p["participants"] == 3 == p["connected"])

    command(console, "next")  # welcome slide
    welcome = last_state(phones[1])
    assert welcome["step"]["id"] == "velkommen" and not welcome["answering"]
    assert "notes" not in welcome["step"]["settings"]
    assert last_state(console)["step"]["settings"]["notes"]

    command(console, "next")  # check-in, word cloud
    assert last_state(phones[2])["answering"]
    for phone, words in zip(
        phones, [["Grøn", "fællesskab"], ["grøn "], ["Mod", "og"]], strict=True
    ):
        ack = answer(phone, "indcheckning", words)
        assert ack["ok"], ack
    cloud = wait_for(console, "results", lambda r: r["summary"]["count"] == 3)["summary"]
    assert cloud["words"][0] == {"word": "grøn", "count": 2}
    assert {w["word"] for w in cloud["words"]} == {"grøn", "fællesskab", "mod"}

    command(console, "next")  # which goal matters most: choice, shown on screen once closed
    for phone, pick in zip(
        phones, ["byer-i-balance", "groennere-sektor", "byer-i-balance"], strict=True
    ):
        assert answer(phone, "vigtigste-maal", [pick])["ok"]
    choice = wait_for(console, "results", lambda r: r["summary"].get("count") == 3)["summary"]
    assert {o["id"]: (o["count"], o["percent"]) for o in choice["options"]} == {
        "byer-i-balance": (2, 66.7),
        "groennere-sektor": (1, 33.3),
        "lige-vigtige": (0, 0.0),
    }
    assert last_state(screen)["results"] is None
    command(console, "close")
    assert last_state(screen)["results"]["summary"]["count"] == 3

    command(console, "next")  # where we stand, scale
    for phone, ratings in zip(
        phones,
        [
            {"byer-i-balance": 2, "groennere-sektor": 4},
            {"byer-i-balance": 3},
            {"byer-i-balance": 4},
        ],
        strict=True,
    ):
        assert answer(phone, "staar-i-dag", ratings)["ok"]
    scale = wait_for(console, "results", lambda r: r["summary"].get("count") == 3)["summary"]
    balance, green = scale["statements"]
    assert (balance["count"], balance["mean"]) == (3, 3.0)
    assert (green["count"], green["mean"]) == (1, 4.0)

    command(console, "next")  # whom to engage: open, several answers each
    ideas = ["Afdelingsbestyrelserne", "Kommunens klimafolk", "De unge beboere"]
    for phone, text in zip(phones, ideas, strict=True):
        assert answer(phone, "hvem-med", text)["ok"]
    assert answer(phones[0], "hvem-med", "Ejendomsfunktionærerne")["ok"]

    command(console, "end")
    assert last_state(screen)["session"]["status"] == "ended"
    assert answer(phones[1], "hvem-med", "For sent")["error"]["code"] == "session_ended"

    response = client.get(
        f"/api/sessions/{code}/export.pdf",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert code in response.headers["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    flat = " ".join(text.split())
    for expected in [
        *ideas,
        "Ejendomsfunktionærerne",
        "Kredsmøde Nordjylland",
        "Byer i balance",
        "66,7",
    ]:
        assert " ".join(expected.split()) in flat, (expected, flat)


def test_a_participant_can_change_a_choice_while_answering_is_open(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code)
    command(console, "goto", step="vigtigste-maal")
    assert answer(phone, "vigtigste-maal", ["byer-i-balance"], "pick-000001")["ok"]
    assert answer(phone, "vigtigste-maal", ["lige-vigtige"], "pick-000002")["ok"]
    summary = wait_for(console, "results", lambda r: r["summary"]["options"][2]["count"] == 1)
    assert [o["count"] for o in summary["summary"]["options"]] == [0, 0, 1]

    command(console, "close")
    closed = answer(phone, "vigtigste-maal", ["byer-i-balance"], "pick-000003")
    assert closed["ok"] is False and closed["error"]["code"] == "answering_closed"
    assert closed["error"]["message"]


def test_a_returning_phone_is_the_same_participant_with_its_answers(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code, name="Karen")
    token = last_state(phone)["you"]["token"]
    command(console, "goto", step="hvem-med")
    assert answer(phone, "hvem-med", "Første tanke", "checkin-0001")["ok"]
    phone.disconnect()

    again = connect(role="participant", code=code, token=token)
    state = last_state(again)
    assert state["you"]["token"] == token and state["you"]["name"] == "Karen"
    assert state["step"]["id"] == "hvem-med" and state["answering"]
    undecided = {"pending": False, "hidden": False, "merged": False, "edited": False}
    assert state["you"]["answers"] == [
        {
            "answer_id": "checkin-0001",
            "step_id": "hvem-med",
            "value": "Første tanke",
            **undecided,
            "confirmed": False,
        }
    ]
    assert last_state(console)["session"]["participants"] == 1


def test_the_screen_gets_results_only_while_they_are_revealed(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phone = connect(role="participant", code=code)
    command(console, "goto", step="hvem-med")
    command(console, "hide")
    assert last_state(screen)["results"] is None
    assert answer(phone, "hvem-med", "Hemmeligt indtil videre")["ok"]
    wait_for(console, "results", lambda r: r["summary"]["count"] == 1)
    assert events(screen, "results") == []
    command(console, "reveal")
    revealed = last_state(screen)
    assert revealed["results"]["summary"]["answers"][0]["text"] == "Hemmeligt indtil videre"


def test_the_projector_counts_answers_while_their_results_are_held_back(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phones = [connect(role="participant", code=code) for _ in range(3)]
    command(console, "goto", step="prioriter")  # results on the screen only when revealed
    command(console, "goto", step="vigtigste-maal")
    command(console, "hide", audience="screen")
    state = last_state(screen)
    assert state["results"] is None
    assert state["progress"] == {"step_id": "vigtigste-maal", "answered": 0, "participants": 3}
    assert answer(phones[0], "vigtigste-maal", ["byer-i-balance"])["ok"]
    assert answer(phones[1], "vigtigste-maal", ["lige-vigtige"])["ok"]
    progress = wait_for(screen, "progress", lambda p: p["answered"] == 2)
    assert progress == {"step_id": "vigtigste-maal", "answered": 2, "participants": 3}
    assert events(screen, "results") == []  # the results themselves stay held back
    assert wait_for(console, "progress", lambda p: p["answered"] == 2)["participants"] == 3


def test_the_projector_lobby_shows_who_has_joined_until_the_session_starts(connect, new_session):
    created = new_session()
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    assert last_state(screen)["lobby_names"] == []
    connect(role="participant", code=code, name="Mette")
    connect(role="participant", code=code)  # no name: counted, not named
    connect(role="participant", code=code, name="Ole")
    seen = wait_for(screen, "presence", lambda p: p["participants"] == 3)
    assert seen["lobby_names"] == ["Mette", "Ole"]
    command(console, "start")
    assert last_state(screen)["lobby_names"] == []  # names leave the projector once it runs
