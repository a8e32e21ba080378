"""Guessing and access from elsewhere: a code oracle, a proxy that makes every request local,
the organiser passcode, the run of show's notes."""

from __future__ import annotations

import pytest

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}


def wrong_code(right: str, n: int) -> str:
    code = f"{(int(right) + 1 + n) % 1_000_000:06d}"
    return code


def test_a_follow_up_tells_a_guesser_nothing_about_which_codes_are_live(make_app):
    """Finding 3: 404 for a wrong code and 403 for a live one, never counted."""
    app = make_app(WORKSHOP_GUESS_BURST=6, WORKSHOP_GUESS_PER_MINUTE=1)
    organiser = app.test_client()
    live = organiser.post("/api/sessions", json={"dialogue": "testmoede"}).json
    guesser = app.test_client()
    guesser.environ_base.update(ELSEWHERE)

    def try_code(code: str):
        body = {"dialogue": "testmoede", "follow_up_of": code, "follow_up_key": "gæt"}
        response = guesser.post("/api/sessions", json=body)
        return response.status_code, response.json["error"]["code"]

    answers = [try_code(live["code"]), try_code(wrong_code(live["code"], 0))]
    assert answers[0] == answers[1] == (404, "unknown_session")
    # Each try is a wrong guess: the budget runs out for live and wrong codes alike.
    answers += [try_code(wrong_code(live["code"], n)) for n in range(1, 4)]
    assert [status for status, _code in answers] == [404] * 5
    assert try_code(live["code"]) == (404, "unknown_session")
    assert try_code(live["code"]) == (429, "too_many_attempts")
    assert try_code(wrong_code(live["code"], 9)) == (429, "too_many_attempts")
    # The right key still gets through from the same address (rule 1): the meeting has not
    # ended, which only its key holder may learn.
    body = {
        "dialogue": "testmoede",
        "follow_up_of": live["code"],
        "follow_up_key": live["facilitator_key"],
    }
    refused = guesser.post("/api/sessions", json=body)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "not_ended"


@pytest.mark.parametrize(
    "header",
    [
        {"X-Forwarded-For": "198.51.100.4"},
        {"Forwarded": "for=198.51.100.4;proto=http"},
        {"X-Real-IP": "198.51.100.4"},
    ],
)
def test_behind_an_untrusted_proxy_the_overview_is_not_this_computer(app, header):
    """Finding 9: nginx on the laptop connects from 127.0.0.1 for every phone."""
    client = app.test_client()
    assert client.get("/api/sessions").status_code == 200  # the organiser at the laptop
    through_proxy = client.get("/api/sessions", headers=header)
    assert through_proxy.status_code == 403
    assert through_proxy.json["error"]["code"] == "overview_here_only"
    page = client.get("/sessions", headers=header)
    assert page.status_code == 403 and "facilitator_url" not in page.get_data(as_text=True)


def test_with_a_trusted_proxy_the_overview_goes_by_the_forwarded_address(make_app):
    client = make_app(WORKSHOP_TRUSTED_PROXIES=1).test_client()
    assert client.get("/api/sessions", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200
    remote = client.get("/api/sessions", headers={"X-Forwarded-For": "198.51.100.4"})
    assert remote.status_code == 403


def test_the_right_passcode_at_the_laptop_is_never_refused_for_the_room_s_wrong_guesses(
    make_app,
):
    """Low finding: the right passcode got 429 once the address had spent its budget."""
    app = make_app(
        WORKSHOP_ORGANISER_PASSCODE="blåbær",
        WORKSHOP_PASSCODE_BURST=3,
        WORKSHOP_PASSCODE_PER_MINUTE=1,
    )
    right = {"X-Organiser-Passcode": "blåbær".encode().decode("latin-1")}
    here = app.test_client()
    for n in range(6):  # wrong guesses typed at the laptop itself
        wrong = here.post(
            "/api/sessions",
            json={"dialogue": "testmoede"},
            headers={"X-Organiser-Passcode": f"x{n}"},
        )
        assert wrong.status_code == 401
    assert (
        here.post("/api/sessions", json={"dialogue": "testmoede"}, headers=right).status_code == 201
    )
    # Through a proxy, the room is limited as before, and its guesses never reach the laptop.
    room = app.test_client()
    room.environ_base.update(ELSEWHERE)
    statuses = [
        room.post(
            "/api/sessions",
            json={"dialogue": "testmoede"},
            headers={"X-Organiser-Passcode": f"y{n}"},
        ).status_code
        for n in range(5)
    ]
    assert statuses == [401] * 3 + [429] * 2
    assert (
        here.post("/api/sessions", json={"dialogue": "testmoede"}, headers=right).status_code == 201
    )


def test_a_changed_passcode_is_asked_for_again_in_a_browser_that_gave_the_old_one(make_app):
    """Low finding: the organiser cookie survived a passcode change."""
    from .helpers import form_token

    app = make_app(WORKSHOP_ORGANISER_PASSCODE="gammel")
    browser = app.test_client()
    token = form_token(browser)
    form = {"dialogue": "testmoede", "passcode": "gammel", "csrf_token": token}
    assert browser.post("/sessions", data=form).status_code == 303
    again = {"dialogue": "testmoede", "csrf_token": token}
    assert browser.post("/sessions", data=again).status_code == 303  # remembered
    app.config["WORKSHOP_ORGANISER_PASSCODE"] = "ny"
    refused = browser.post("/sessions", data=again)
    assert refused.status_code == 401 and 'name="passcode"' in refused.get_data(as_text=True)
    assert browser.post("/sessions", data={**again, "passcode": "ny"}).status_code == 303
    assert browser.post("/sessions", data=again).status_code == 303


def test_the_run_of_show_keeps_the_facilitator_s_notes_for_the_organiser(make_app):
    """Low finding: the run of show with facilitator notes was public."""
    import html

    from workshop.dialogues import builtin_dialogue

    from .helpers import form_token

    notes = [s.settings.notes for s in builtin_dialogue("almene-maal").steps if s.settings.notes]
    assert notes
    app = make_app()
    here, phone = app.test_client(), app.test_client()
    phone.environ_base.update(ELSEWHERE)
    assert html.escape(notes[0], quote=False) in here.get("/tools/almene-maal/run-of-show").text
    page = phone.get("/tools/almene-maal/run-of-show")
    assert page.status_code == 200 and "data-notes-left-out" in page.text
    assert not any(html.escape(note, quote=False) in page.text for note in notes)
    assert "run-notes" not in page.text

    guarded = make_app(WORKSHOP_ORGANISER_PASSCODE="blåbær")
    browser = guarded.test_client()
    browser.environ_base.update(ELSEWHERE)
    assert "run-notes" not in browser.get("/tools/almene-maal/run-of-show").text
    form = {"dialogue": "testmoede", "passcode": "blåbær", "csrf_token": form_token(browser)}
    assert browser.post("/sessions", data=form).status_code == 303
    assert "run-notes" in browser.get("/tools/almene-maal/run-of-show").text
