"""The projector's wall over Socket.IO: the facilitator pages and holds it, every screen hears
it, and the people at no table are in the results per table too."""

from __future__ import annotations

from .helpers import answer, command, last_state, wait_for


def start(connect, new_session):
    created = new_session("testmoede")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    return created, console, screen


def test_the_facilitator_pages_and_holds_the_wall_on_every_screen(connect, new_session):
    created, console, screen = start(connect, new_session)
    command(console, "goto", step="indcheckning")
    assert last_state(screen)["wall"] == {"hold": False, "moves": 0}
    command(console, "wall", move="next")
    command(console, "wall", move="next", hold=True)
    assert last_state(screen)["wall"] == {"hold": True, "moves": 2}
    command(console, "wall", move="prev")
    assert last_state(console)["wall"] == {"hold": True, "moves": 1}
    # A projector that opens now (or reloads) is held too.
    again = connect(role="screen", code=created["code"], key=created["screen_key"])
    assert last_state(again)["wall"]["hold"] is True
    refused = console.emit("command", {"action": "wall", "move": "sideways"}, callback=True)
    assert refused["error"]["code"] == "bad_setting"


def test_answers_from_people_at_no_table_have_a_box_of_their_own(connect, new_session):
    created, console, screen = start(connect, new_session)
    code = created["code"]
    command(console, "tables", names=["Bord 1", "Bord 2"])
    seated = connect(role="participant", code=code, table="t1")
    standing = [connect(role="participant", code=code) for _ in range(2)]
    command(console, "by_table", on=True)
    command(console, "goto", step="indcheckning")
    assert answer(seated, "indcheckning", ["Grøn"])["ok"]
    for phone, word in zip(standing, ["Tryg", "Tryg"], strict=True):
        assert answer(phone, "indcheckning", [word])["ok"]
    summary = wait_for(screen, "results", lambda r: r["summary"]["count"] == 3)["summary"]
    assert summary["by_table"]["t1"]["count"] == 1
    assert summary["by_table"]["t2"]["count"] == 0
    assert summary["without_table"]["count"] == 2
    assert summary["without_table"]["words"] == [{"word": "tryg", "count": 2}]
    # Every answer is counted once: at a table or at none.
    parts = [*summary["by_table"].values(), summary["without_table"]]
    assert sum(part["count"] for part in parts) == summary["count"]
    command(console, "by_table", on=False)
    assert "without_table" not in last_state(screen)["results"]["summary"]
