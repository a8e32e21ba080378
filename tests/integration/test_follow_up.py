"""Follow-up meetings: the earlier action plan comes along, the room reviews it, the meeting
agrees what becomes of each point, and the series remembers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .helpers import FOLLOW_UP_TOOL, answer, command, follow_up, last_state, wait_for

SOON = (date.today() + timedelta(days=14)).isoformat()
LATER = (date.today() + timedelta(days=60)).isoformat()
MEETING_TOOL = "almene-maal"


def bearer(created: dict) -> dict:
    return {"Authorization": f"Bearer {created['facilitator_key']}"}


def ended_meeting(connect, new_session, points: list[tuple[str, str, str]], title="Kredsmøde"):
    """A meeting of the built-in tool that confirmed ``points`` (what, who, when) and ended."""
    created = new_session(title=title)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"], name="Mette")
    command(console, "goto", step="handlepunkter")
    for number, (what, who, when) in enumerate(points):
        answer_id = f"plan-{number:04d}"
        ack = answer(phone, "handlepunkter", {"what": what, "who": who, "when": when}, answer_id)
        assert ack["ok"], ack
        command(console, "confirm_action", answer_id=answer_id)
    # A proposal never confirmed is not part of the plan, and does not come along.
    assert answer(phone, "handlepunkter", {"what": "Ubekræftet", "who": "Bo", "when": SOON})["ok"]
    command(console, "end")
    return created


def review_results(client, created: dict) -> dict:
    detail = client.get(f"/api/sessions/{created['code']}", headers=bearer(created)).json
    return {entry["step_id"]: entry["summary"] for entry in detail["results"]}


def test_a_follow_up_carries_the_confirmed_plan_and_the_room_reviews_it(
    client, connect, new_session
):
    earlier = ended_meeting(
        connect,
        new_session,
        [("Invitér til grøn café", "Mette", SOON), ("Skriv til kommunen", "Bo", LATER)],
    )
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phones = [
        connect(role="participant", code=created["code"], name=name) for name in ("A", "B", "C")
    ]
    command(console, "goto", step="status")
    step = last_state(phones[0])["step"]
    assert step["kind"] == "review"
    assert [(p["what"], p["who"], p["when"]) for p in step["plan"]] == [
        ("Invitér til grøn café", "Mette", SOON),
        ("Skriv til kommunen", "Bo", LATER),
    ]
    assert step["earlier"]["code"] == earlier["code"]
    assert step["earlier"]["held"] == date.today().isoformat()
    first, second = (point["id"] for point in step["plan"])
    views = [
        {first: {"status": "done"}, second: {"status": "under_way", "comment": "Brev skrevet"}},
        {first: {"status": "done"}, second: {"status": "not_started"}},
        {first: {"status": "under_way", "comment": "  Mangler lokale  "}},
    ]
    for phone, view in zip(phones, views, strict=True):
        assert answer(phone, "status", view)["ok"]

    summary = review_results(client, created)["status"]
    assert summary["count"] == 3
    by_id = {point["id"]: point for point in summary["points"]}
    assert by_id[first]["statuses"] == {
        "done": 2,
        "under_way": 1,
        "not_started": 0,
        "dropped": 0,
    }
    assert [c["text"] for c in by_id[first]["comments"]] == ["Mangler lokale"]
    assert by_id[second]["answered"] == 2 and by_id[second]["outcome"] == "undecided"
    assert summary["outcomes"] == {"done": 0, "carried": 0, "dropped": 0, "undecided": 2}

    # The meeting agrees: the first is done, the second goes on with a new date.
    command(console, "agree", point=first, status="done", comment="Godt gået")
    command(console, "agree", point=second, status="under_way", carry_to=LATER)
    results = review_results(client, created)
    by_id = {point["id"]: point for point in results["status"]["points"]}
    assert by_id[first]["agreed"] == {"status": "done", "comment": "Godt gået", "carry_to": None}
    assert by_id[second]["outcome"] == "carried"
    assert results["status"]["outcomes"] == {"done": 1, "carried": 1, "dropped": 0, "undecided": 0}
    carried = results["handlepunkter"]["carried"]
    assert [(c["what"], c["who"], c["when"]) for c in carried] == [
        ("Skriv til kommunen", "Bo", LATER)
    ]
    # The carried point is in the new meeting's plan, as the overview counts it.
    listed = {entry["code"]: entry for entry in client.get("/api/sessions").json}
    assert listed[created["code"]]["action_points"] == 1
    assert listed[created["code"]]["follow_up_of"] == earlier["code"]


def test_the_series_counts_what_became_of_each_meeting_s_points(client, connect, new_session):
    first_meeting = ended_meeting(
        connect, new_session, [("A", "Anna", SOON), ("B", "Bo", SOON), ("C", "Carl", SOON)]
    )
    second = follow_up(client, first_meeting)
    console = connect(role="facilitator", code=second["code"], key=second["facilitator_key"])
    phone = connect(role="participant", code=second["code"], name="Mette")
    command(console, "goto", step="status")
    ids = [point["id"] for point in last_state(console)["step"]["plan"]]
    command(console, "agree", point=ids[0], status="done")
    command(console, "agree", point=ids[1], status="not_started", carry_to=LATER)
    command(console, "agree", point=ids[2], status="dropped")
    command(console, "goto", step="handlepunkter")
    assert answer(phone, "handlepunkter", {"what": "D", "who": "Dan", "when": SOON}, "new-00001")[
        "ok"
    ]
    command(console, "confirm_action", answer_id="new-00001")
    command(console, "end")

    third = follow_up(client, second)
    step_points = review_results(client, third)["status"]["points"]
    # The second meeting's plan: the new point and the one it carried over.
    assert sorted((p["what"], p["when"]) for p in step_points) == [("B", LATER), ("D", SOON)]
    series = review_results(client, third)["status"]["series"]
    assert [(m["code"], m["made"], m["done"], m["carried"], m["dropped"]) for m in series] == [
        (first_meeting["code"], 3, 1, 1, 1)
    ]


def test_agreeing_checks_the_point_the_status_and_the_new_date(client, connect, new_session):
    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON)])
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    point = "p1"
    bad = [
        ({"point": "p9", "status": "done"}, "unknown_point"),
        ({"point": point, "status": "finished"}, "bad_status"),
        ({"point": point, "status": "done", "carry_to": LATER}, "cannot_carry"),
        ({"point": point, "status": "under_way", "carry_to": "2020-01-01"}, "date_in_past"),
        ({"point": point, "status": "under_way", "carry_to": "31-12-2030"}, "bad_date"),
        ({"point": point, "status": "done", "comment": "x" * 301}, "bad_comment"),
        ({"point": [point], "status": "done"}, "unknown_point"),
    ]
    for args, code in bad:
        ack = console.emit("command", {"action": "agree", **args}, callback=True)
        assert not ack["ok"] and ack["error"]["code"] == code, (args, ack)
        assert ack["error"]["message"]
    first = command(console, "agree", point=point, status="done")
    second = command(console, "agree", point=point, status=None)  # taken back
    detail = client.get(f"/api/sessions/{created['code']}", headers=bearer(created)).json
    assert second["revision"] == first["revision"] + 1 == detail["state"]["revision"]
    assert review_results(client, created)["status"]["points"][0]["agreed"] is None


def test_review_answers_are_validated(client, connect, new_session):
    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON)])
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"])
    command(console, "goto", step="status")
    bad = [
        ({}, "no_status"),
        ("done", "invalid_value"),
        (None, "invalid_value"),
        ({"p2": {"status": "done"}}, "unknown_point"),
        ({"p1": "done"}, "bad_status"),
        ({"p1": {"status": "half"}}, "bad_status"),
        ({"p1": {"status": "done", "comment": 5}}, "not_text"),
        ({"p1": {"status": "done", "comment": "x" * 301}}, "too_long"),
        ({"p1": {"status": "done", "extra": 1}}, "invalid_value"),
    ]
    for value, code in bad:
        ack = answer(phone, "status", value)
        assert not ack["ok"] and ack["error"]["code"] == code, (value, ack)
    # Exactly once: the same answer id sent twice is one answer, the newer value kept.
    assert answer(phone, "status", {"p1": {"status": "done"}}, "rev-00001")["ok"]
    assert answer(phone, "status", {"p1": {"status": "dropped"}}, "rev-00001")["ok"]
    summary = review_results(client, created)["status"]
    assert summary["count"] == 1 and summary["points"][0]["statuses"]["dropped"] == 1


def test_a_review_step_without_an_earlier_meeting_says_so(client, connect, new_session):
    created = new_session(dialogue=FOLLOW_UP_TOOL)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"])
    command(console, "goto", step="status")
    step = last_state(phone)["step"]
    assert step["plan"] == [] and step["earlier"] is None
    ack = answer(phone, "status", {"p1": {"status": "done"}})
    assert ack["error"]["code"] == "nothing_to_review"
    assert "ikke startet som opfølgning" in ack["error"]["message"]
    refused = console.emit(
        "command", {"action": "agree", "point": "p1", "status": "done"}, callback=True
    )
    assert refused["error"]["code"] == "not_a_follow_up"


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"follow_up_key": "wrong"}, 404, "unknown_session"),
        ({"follow_up_of": "000000"}, 404, "unknown_session"),
        ({"follow_up_of": "12"}, 400, "bad_code"),
    ],
)
def test_a_follow_up_needs_the_earlier_meeting_s_key(
    client, connect, new_session, fields, status, code
):
    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON)])
    body = {
        "dialogue": FOLLOW_UP_TOOL,
        "follow_up_of": earlier["code"],
        "follow_up_key": earlier["facilitator_key"],
        **fields,
    }
    if body["follow_up_of"] == "000000" and earlier["code"] == "000000":
        body["follow_up_of"] = "000001"
    response = client.post("/api/sessions", json=body)
    assert response.status_code == status and response.json["error"]["code"] == code


def test_only_an_ended_meeting_can_be_followed_up(client, new_session):
    running = new_session()
    response = client.post(
        "/api/sessions",
        json={
            "dialogue": FOLLOW_UP_TOOL,
            "follow_up_of": running["code"],
            "follow_up_key": running["facilitator_key"],
        },
    )
    assert response.status_code == 409 and response.json["error"]["code"] == "not_ended"


def test_hiding_a_review_answer_takes_its_statuses_and_comment_out(client, connect, new_session):
    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON)])
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"])
    command(console, "goto", step="status")
    assert answer(
        phone, "status", {"p1": {"status": "done", "comment": "Noget grimt"}}, "rev-00001"
    )["ok"]
    command(console, "hide_answer", answer_id="rev-00001")
    moderated = wait_for(console, "results", lambda r: r["summary"].get("hidden") == 1)
    assert moderated["summary"]["points"][0]["comments"] == []
    assert moderated["summary"]["hidden_cards"] == [
        {"answer_id": "rev-00001", "text": "Noget grimt", "weight": 1}
    ]


def test_a_follow_up_s_report_opens_with_since_last_time(client, connect, new_session):
    from .pdf_material import read, stranded_headings

    first_meeting = ended_meeting(
        connect,
        new_session,
        # Points are numbered by deadline, then by what: p1 is the letter, p2 the café.
        [("Grøn café i gården", "Mette", SOON), ("Brev til kommunen", "Bo", SOON)],
        title="Kredsmøde i marts",
    )
    created = follow_up(client, first_meeting, title="Kredsmøde i juni")
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"], name="Anna")
    command(console, "goto", step="status")
    review = {"p1": {"status": "done", "comment": "Sendt i april"}, "p2": {"status": "under_way"}}
    assert answer(phone, "status", review)["ok"]
    command(console, "agree", point="p1", status="done", comment="Holdt i maj")
    command(console, "agree", point="p2", status="under_way", carry_to=LATER)
    command(console, "end")

    pdf = client.get(f"/api/sessions/{created['code']}/export.pdf", headers=bearer(created))
    reader, text = read(pdf.data)
    flat = " ".join(text.split())
    assert flat.index("Siden sidst") < flat.index("Sammenfatning")  # it opens the report
    assert "Dette møde fulgte op på „Kredsmøde i marts“" in flat
    assert "Grøn café i gården" in flat and "Holdt i maj" in flat
    assert "Salen: Gjort 1" in flat
    assert "Taget med, ny frist" in flat
    assert "1 gjort, 1 taget med, 0 droppet." in flat
    assert "Serien indtil nu" in flat and "Kredsmøde i juni (dette møde)" in flat
    assert "Siden sidst" in [item.title for item in reader.outline]
    # The carried point is in the action plan, marked as carried over.
    plan = flat[flat.index("Handleplan") : flat.index("Trin 2 –")]  # after the summary
    assert "Grøn café i gården (taget med fra sidst)" in plan
    assert "Brev til kommunen" not in plan  # done: it stays behind
    assert stranded_headings(pdf.data) == []

    csv = client.get(f"/api/sessions/{created['code']}/export.csv", headers=bearer(created))
    assert "Brev til kommunen: Gjort (Sendt i april); Grøn café i gården: I gang" in csv.text

    import io

    import openpyxl

    xlsx = client.get(f"/api/sessions/{created['code']}/export.xlsx", headers=bearer(created))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    since = [[cell.value for cell in row] for row in book["Siden sidst"].iter_rows()]
    assert since[0][:6] == [
        "Handlepunkt",
        "Hvem",
        "Frist",
        "Aftalt status",
        "Ny frist",
        "Kommentar",
    ]
    assert since[1][0] == "Brev til kommunen" and since[1][3:6] == ["Gjort", None, "Holdt i maj"]
    assert since[2][3] == "I gang" and since[2][4].date().isoformat() == LATER
    assert since[1][6:10] == [1, 0, 0, 0]  # the room: one said done
    plan = [[cell.value for cell in row] for row in book["Handleplan"].iter_rows()]
    assert plan[1][0] == "Grøn café i gården" and plan[1][3] == "ja"

    document = client.get(f"/api/sessions/{created['code']}/export.json", headers=bearer(created))
    assert [(p["what"], p["when"], p.get("carried")) for p in document.json["action_plan"]] == [
        ("Grøn café i gården", LATER, True)
    ]


def test_an_ordinary_report_has_no_since_last_time(client, connect, new_session):
    from .pdf_material import read

    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON)])
    _reader, text = read(
        client.get(f"/api/sessions/{earlier['code']}/export.pdf", headers=bearer(earlier)).data
    )
    assert "Siden sidst" not in text


def test_a_comment_keeps_the_anonymity_it_was_given_with(client, connect, new_session):
    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON)])
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    before = connect(role="participant", code=created["code"], name="Anders")
    after = connect(role="participant", code=created["code"], name="Birthe")
    command(console, "goto", step="status")
    assert answer(before, "status", {"p1": {"status": "done", "comment": "Før"}})["ok"]
    command(console, "settings", anonymous=False)
    assert answer(after, "status", {"p1": {"status": "done", "comment": "Efter"}})["ok"]
    comments = review_results(client, created)["status"]["points"][0]["comments"]
    assert [(c["text"], c["name"]) for c in comments] == [("Før", ""), ("Efter", "Birthe")]


def test_the_tool_listing_says_which_tools_are_for_follow_ups_and_lists_them_last(client):
    listed = [(tool["id"], tool["follows_up"]) for tool in client.get("/api/dialogues").json]
    builtin = [entry for entry in listed if entry[0] in (FOLLOW_UP_TOOL, "follow-up", MEETING_TOOL)]
    assert builtin == [(MEETING_TOOL, False), (FOLLOW_UP_TOOL, True), ("follow-up", True)]


def test_an_ended_meeting_s_plan_and_agreements_are_final(client, connect, new_session):
    earlier = ended_meeting(connect, new_session, [("A", "Anna", SOON), ("B", "Bo", SOON)])
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    command(console, "agree", point="p1", status="done")
    command(console, "end")
    # A follow-up of it may already carry what it agreed: nothing of that changes any more.
    for args in (
        {"action": "agree", "point": "p1", "status": None},
        {"action": "agree", "point": "p2", "status": "under_way", "carry_to": LATER},
    ):
        ack = console.emit("command", args, callback=True)
        assert ack["error"]["code"] == "session_ended", ack
    earlier_console = connect(
        role="facilitator", code=earlier["code"], key=earlier["facilitator_key"]
    )
    ack = earlier_console.emit(
        "command", {"action": "unconfirm_action", "answer_id": "plan-0000"}, callback=True
    )
    assert ack["error"]["code"] == "session_ended"
    outcomes = review_results(client, created)["status"]["outcomes"]
    assert outcomes == {"done": 1, "carried": 0, "dropped": 0, "undecided": 1}
    # What is shown can still be tidied before the report is filed.
    command(console, "details", notes="Referat godkendt")


def test_a_follow_up_of_a_meeting_without_a_plan_says_there_is_nothing_to_follow_up(
    client, connect, new_session
):
    earlier = ended_meeting(connect, new_session, [])
    created = follow_up(client, earlier)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"])
    command(console, "goto", step="status")
    step = last_state(phone)["step"]
    assert step["plan"] == [] and step["earlier"]["code"] == earlier["code"]
    ack = answer(phone, "status", {"p1": {"status": "done"}})
    assert ack["error"]["code"] == "empty_plan"
    assert "bekræftede ingen handlepunkter" in ack["error"]["message"]
