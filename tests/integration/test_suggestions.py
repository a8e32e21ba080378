"""Similar ideas are offered to the facilitator, never to the room: merged with one command,
dismissed for good (also after a restart), and brought back."""

from __future__ import annotations

from .helpers import answer, command, last_state, open_socket, wait_for

IDEAS = [
    "Byttemarked for cykler og værktøj",
    "Fællesspisning hver fredag",
    "byttemarked med cykler & værktøj i gården",
    "Bedre belysning på stierne",
    "mere lys på stierne om aftenen",
    "Ny legeplads",
]


def console_of(app, created):
    auth = {"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]}
    return open_socket(app, auth=auth)


def suggested(results: dict) -> list[tuple[list[str], list[str]]]:
    return [(s["answer_ids"], s["words"]) for s in results["summary"].get("suggestions", [])]


def test_similar_ideas_are_suggested_to_the_facilitator_merged_dismissed_and_kept(make_app):
    app = make_app()
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    console = console_of(app, created)
    screen = open_socket(app, auth={"role": "screen", "code": code, "key": created["screen_key"]})
    command(console, "goto", step="ideer")
    command(console, "reveal", audience="all")
    phones = [open_socket(app, auth={"role": "participant", "code": code}) for _ in IDEAS]
    ids = [f"idea-{n:04d}aa" for n in range(len(IDEAS))]
    for phone, text, answer_id in zip(phones, IDEAS, ids, strict=True):
        assert answer(phone, "ideer", text, answer_id)["ok"]

    everyone = wait_for(console, "results", lambda r: len(r["summary"]["answers"]) == 6)
    assert suggested(everyone) == [
        ([ids[0], ids[2]], ["byttemarked", "cykler", "værktøj"]),
        ([ids[3], ids[4]], ["belysning", "stierne"]),
    ]
    assert "suggestions" in last_state(console)["results"]["summary"]
    # The screen and the phones see the cards, never the suggestions.
    on_screen = wait_for(screen, "results", lambda r: len(r["summary"]["answers"]) == 6)
    on_phone = wait_for(phones[0], "results", lambda r: len(r["summary"]["answers"]) == 6)
    for results in (on_screen, on_phone, last_state(screen)["results"]):
        assert "suggestions" not in results["summary"]
    assert "suggestions" not in last_state(phones[1])["results"]["summary"]

    # Merged with one command: one card, and the suggestion is gone.
    first = everyone["summary"]["suggestions"][0]["answer_ids"]
    command(console, "merge", answer_ids=first[1:], into=first[0])
    merged = wait_for(console, "results", lambda r: len(r["summary"]["answers"]) == 5)
    assert merged["summary"]["answers"][0]["weight"] == 2
    assert suggested(merged) == [([ids[3], ids[4]], ["belysning", "stierne"])]

    # Dismissed: not offered again, also by a server started again on the same database.
    command(console, "dismiss_suggestion", answer_ids=[ids[3], ids[4]])
    dismissed = wait_for(console, "results", lambda r: not r["summary"]["suggestions"])
    assert len(dismissed["summary"]["answers"]) == 5
    second = make_app()  # the server started again, on the same database
    console_again = console_of(second, created)
    assert last_state(console_again)["results"]["summary"]["suggestions"] == []
    assert second.extensions["workshop.store"].session_by_code(code).tidy == {
        "ideer": {"dismissed": [[ids[3], ids[4]]]}
    }

    # Brought back.
    command(console_again, "undismiss_suggestion", answer_ids=[ids[4], ids[3]])
    back = wait_for(console_again, "results", lambda r: r["summary"]["suggestions"])
    assert suggested(back) == [([ids[3], ids[4]], ["belysning", "stierne"])]


def test_a_dismissal_names_answers_of_an_open_step(make_app):
    app = make_app()
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    console = console_of(app, created)
    command(console, "goto", step="ideer")
    phone = open_socket(app, auth={"role": "participant", "code": created["code"]})
    assert answer(phone, "ideer", "Ny legeplads", "idea-0000aa")["ok"]

    def refused(**payload) -> str:
        ack = console.emit("command", {"action": "dismiss_suggestion", **payload}, callback=True)
        assert not ack["ok"]
        return ack["error"]["code"]

    assert refused(answer_ids=["idea-0000aa", "idea-9999aa"]) == "unknown_answer"
    assert refused(answer_ids=["idea-0000aa"]) == "bad_payload"
    assert refused(answer_ids=["idea-0000aa", "idea-0000aa"]) == "bad_payload"
    assert refused(answer_ids="idea-0000aa") == "bad_payload"
    assert refused(step="prioriter", answer_ids=["idea-0000aa", "idea-1111aa"]) == "unknown_step"
    assert refused(step="nej", answer_ids=["idea-0000aa", "idea-1111aa"]) == "unknown_step"
