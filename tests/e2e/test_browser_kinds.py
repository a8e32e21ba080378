"""A real browser through the newer step kinds: word cloud, vote, action points and the time box."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient

pytestmark = pytest.mark.browser

# A Danish phone: the phone page follows the browser's language.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "locale": "da-DK"}


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@pytest.fixture
def room(server, browser):  # noqa: F811
    """A session with the console, the screen and one joined phone open in the browser."""
    created = server.create_session(title="Bestyrelsesmøde i afdelingen")
    console = browser.new_page(viewport={"width": 1280, "height": 800})
    screen = browser.new_page(viewport={"width": 1600, "height": 900})
    phone = browser.new_context(**PHONE).new_page()
    problems = [PageProblems(page) for page in (console, screen, phone)]
    console.goto(created["facilitator_url"])
    screen.goto(created["screen_url"])
    phone.goto(created["join_url"])
    phone.fill("#join-name", "Søren")
    phone.click("#join-form button[type=submit]")
    expect(console.locator("#participants")).to_contain_text("1")
    clients: list[LiveClient] = []
    yield {
        "created": created,
        "server": server,
        "console": console,
        "screen": screen,
        "phone": phone,
        "clients": clients,
    }
    for client in clients:
        client.close()
    for collected in problems:
        assert collected.errors == []


def participant(room, name: str) -> LiveClient:
    client = LiveClient(
        room["server"].url, role="participant", code=room["created"]["code"], name=name
    )
    room["clients"].append(client.connect())
    client.wait(lambda c: c.states)
    return client


def facilitator(room) -> LiveClient:
    created = room["created"]
    client = LiveClient(
        room["server"].url, role="facilitator", code=created["code"], key=created["facilitator_key"]
    )
    room["clients"].append(client.connect())
    return client


def go_to(room, step_id: str) -> None:
    """Click the step in the console's step list."""
    index = [
        "velkommen",
        "indcheckning",
        "vigtigste-maal",
        "staar-i-dag",
        "hvem-med",
        "hvad-skal-til",
        "ideer",
        "prioriter",
        "handlepunkter",
        "udcheckning",
    ].index(step_id)
    room["console"].click(f"#steps li >> nth={index}")


def test_a_word_from_a_phone_is_received_and_shown_in_the_cloud_on_the_screen(room):
    phone, screen = room["phone"], room["screen"]
    go_to(room, "indcheckning")
    expect(phone.locator(".prompt")).to_contain_text("Indcheckning")
    expect(phone.locator(".word-input")).to_have_count(3)
    phone.locator(".word-input").nth(0).fill("Fællesskab")
    phone.locator(".word-input").nth(1).fill("tryghed")
    phone.click("form.answer-form button.btn-primary")
    expect(phone.locator(".receipt.is-received")).to_have_text("Modtaget ✓")

    expect(screen.locator("#results .word-cloud")).to_contain_text("fællesskab")
    expect(screen.locator("#results .word-cloud")).to_contain_text("tryghed")


def test_a_phone_votes_on_the_ideas_and_the_screen_shows_the_ranking_once_revealed(room):
    phone, screen, console = room["phone"], room["screen"], room["console"]
    mette, jens = participant(room, "Mette"), participant(room, "Jens")
    facilitator(room).call("command", {"action": "goto", "step": "ideer"})
    mette.wait(lambda c: c.state["step"] and c.state["step"]["id"] == "ideer")
    for client, answer_id, text in [
        (mette, "idea-temaaften", "Grøn temaaften for beboerne"),
        (jens, "idea-nyhedsbrev", "Nyhedsbrev om Almene Mål"),
        (jens, "idea-spisning", "Fællesspisning i afdelingen"),
    ]:
        ack = client.call("answer", {"step_id": "ideer", "answer_id": answer_id, "value": text})
        assert ack["ok"], ack

    go_to(room, "prioriter")
    cards = phone.locator(".vote-card")
    expect(cards).to_have_count(3)
    expect(phone.locator(".votes-left")).to_contain_text("3")
    cards.filter(has_text="Grøn temaaften").locator("button").click()
    cards.filter(has_text="Nyhedsbrev").locator("button").click()
    expect(phone.locator(".votes-left")).to_contain_text("1")
    phone.click("form.answer-form button.btn-primary")
    expect(phone.locator(".receipt.is-received")).to_have_text("Modtaget ✓")
    for client, answer_id in [(mette, "vote-mette-1"), (jens, "vote-jens-01")]:
        ack = client.call(
            "answer", {"step_id": "prioriter", "answer_id": answer_id, "value": ["idea-temaaften"]}
        )
        assert ack["ok"], ack

    # The ranking waits for the facilitator: the step's policy is "reveal".
    expect(screen.locator("#prompt")).to_contain_text("Hvilke skridt")
    expect(screen.locator("#results .vote-ranking")).to_have_count(0)
    console.click("[data-action=reveal][data-audience=screen]")
    first = screen.locator("#results .vote-row").first
    expect(first).to_contain_text("Grøn temaaften for beboerne")
    expect(first).to_contain_text("3")
    expect(screen.locator("#results .vote-row")).to_have_count(3)


def test_an_action_point_proposed_on_a_phone_and_confirmed_in_the_console_joins_the_plan(room):
    phone, screen, console = room["phone"], room["screen"], room["console"]
    go_to(room, "handlepunkter")
    expect(phone.locator(".named-note")).to_be_visible()
    deadline = date.today() + timedelta(days=21)
    phone.fill(".action-what-input", "Invitere afdelingsbestyrelserne til grøn temaaften")
    phone.fill(".action-who-input", "Mette")
    phone.fill(".action-when-input", deadline.isoformat())
    phone.click("form.answer-form button.btn-primary")
    expect(phone.locator(".receipt.is-received")).to_have_text("Modtaget ✓")

    proposal = screen.locator(".action-card", has_text="Invitere afdelingsbestyrelserne")
    expect(proposal).to_be_visible()
    expect(screen.locator(".plan-table")).to_have_count(0)

    console.locator(".action-card", has_text="Invitere afdelingsbestyrelserne").locator(
        "[data-tool=confirm]"
    ).click()
    plan = screen.locator(".plan-table")
    expect(plan).to_contain_text("Invitere afdelingsbestyrelserne til grøn temaaften")
    expect(plan).to_contain_text("Mette")
    expect(plan).to_contain_text(str(deadline.year))
    expect(proposal).to_have_count(0)


def test_the_console_rewrites_a_proposed_action_point_in_place_or_leaves_it(room):
    phone, screen, console = room["phone"], room["screen"], room["console"]
    go_to(room, "handlepunkter")
    deadline = date.today() + timedelta(days=14)
    phone.fill(".action-what-input", "Rydde op i cykelkælderen")
    phone.fill(".action-who-input", "Søren")
    phone.fill(".action-when-input", deadline.isoformat())
    phone.click("form.answer-form button.btn-primary")
    expect(phone.locator(".receipt.is-received")).to_have_text("Modtaget ✓")
    card = console.locator(".action-card", has_text="Rydde op i cykelkælderen")
    answer_id = card.get_attribute("data-answer-id")
    card = console.locator(f'.action-card[data-answer-id="{answer_id}"]')

    # Left again: the form closes and the point is as it was.
    card.locator("[data-tool=edit]").click()
    form = card.locator("form.edit-action")
    expect(form.locator("textarea")).to_have_value("Rydde op i cykelkælderen")
    form.locator("button[type=button]").click()
    expect(form).to_have_count(0)
    expect(card.locator("[data-tool=confirm]")).to_be_visible()

    # Rewritten: the fields stop where the server would, and the room sees the new words.
    card.locator("[data-tool=edit]").click()
    expect(form.locator("textarea")).to_have_attribute("maxlength", "300")
    expect(form.locator("input").first).to_have_attribute("maxlength", "100")
    form.locator("textarea").fill("Rydde op i cykelkælderen og gården")
    form.locator("input").first.fill("Søren og Mette")
    form.locator("button[type=submit]").click()
    expect(form).to_have_count(0)
    expect(card).to_contain_text("Rydde op i cykelkælderen og gården")
    expect(card).to_contain_text("Søren og Mette")
    expect(screen.locator(".action-card")).to_contain_text("Rydde op i cykelkælderen og gården")


def test_the_time_box_started_in_the_console_counts_down_on_the_phone(room):
    phone, console = room["phone"], room["console"]
    go_to(room, "indcheckning")  # a step with a 2-minute time box
    expect(phone.locator(".prompt")).to_contain_text("Indcheckning")
    expect(phone.locator(".phone-clock")).to_be_hidden()

    console.click("[data-action=timer_start]")
    clock = phone.locator(".phone-clock")
    expect(clock).to_be_visible()
    expect(clock).to_have_attribute("data-phase", "running")
    expect(clock.locator(".clock-time")).to_have_text(re.compile(r"^(2:00|1:[0-5]\d)$"))

    console.click("[data-action=timer_pause]")
    expect(clock).to_have_attribute("data-phase", "paused")
    # The clock looks like a clock on every surface: a pill, its label apart from the time.
    for page in (console, room["screen"], phone):
        pill = page.locator(".clock").first
        expect(pill).to_be_visible()
        looks = pill.evaluate(
            "(node) => [getComputedStyle(node).borderRadius, getComputedStyle(node).display]"
        )
        assert looks[0] != "0px" and looks[1] in ("flex", "inline-flex"), looks


def test_a_second_console_sees_what_the_first_hid_and_can_show_it_again(room, browser):  # noqa: F811
    first = room["console"]
    # Another facilitator laptop: its own browser, its own cookie from the console link.
    second = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    problems = PageProblems(second)
    second.goto(room["created"]["facilitator_url"])
    mette = participant(room, "Mette")
    facilitator(room).call("command", {"action": "goto", "step": "ideer"})
    mette.wait(lambda c: c.state["step"] and c.state["step"]["id"] == "ideer")
    for answer_id, text in [("idea-godt", "Fælles grillaften"), ("idea-grimt", "Noget grimt")]:
        ack = mette.call("answer", {"step_id": "ideer", "answer_id": answer_id, "value": text})
        assert ack["ok"], ack
    card = first.locator('#results [data-answer-id="idea-grimt"]')
    expect(card).to_contain_text("Noget grimt")
    card.locator("[data-tool=hide]").click()
    expect(first.locator("#results")).not_to_contain_text("Noget grimt")

    hidden = second.locator("#hidden-answers")
    expect(hidden).to_contain_text("Skjulte svar (1)")
    expect(second.locator("#results")).not_to_contain_text("Noget grimt")
    hidden.locator("summary").click()
    expect(hidden).to_contain_text("Noget grimt")
    hidden.locator("[data-tool=unhide]").click()

    expect(first.locator('#results [data-answer-id="idea-grimt"]')).to_contain_text("Noget grimt")
    expect(second.locator('#results [data-answer-id="idea-grimt"]')).to_contain_text("Noget grimt")
    expect(first.locator("#hidden-answers")).to_be_empty()

    # Merging: "Slå sammen" on one card, then "Slå sammen her" on the card it belongs with.
    ack = mette.call(
        "answer", {"step_id": "ideer", "answer_id": "idea-gril", "value": "Grillaften i gården"}
    )
    assert ack["ok"], ack
    first.locator('#results [data-answer-id="idea-gril"] [data-tool=merge]').click()
    target = first.locator('#results [data-answer-id="idea-godt"] [data-tool=merge-into]')
    expect(target).to_have_text("Slå sammen her")
    target.click()
    merged = second.locator('#results [data-answer-id="idea-godt"]')
    expect(merged).to_contain_text("×2")
    expect(second.locator('#results [data-answer-id="idea-gril"]')).to_have_count(0)
    for size in first.locator("#results .tool-button").evaluate_all(
        "(nodes) => nodes.map((n) => [n.offsetWidth, n.offsetHeight])"
    ):
        assert min(size) >= 44, size
    assert problems.errors == []


def test_an_answer_that_came_after_closing_is_let_in_from_the_console(room):
    console = room["console"]
    go_to(room, "udcheckning")
    late = participant(room, "Sen")
    late.wait(lambda c: c.state["step"] and c.state["step"]["id"] == "udcheckning")
    console.click("[data-action=close]")
    late.wait(lambda c: not c.state["answering"])
    ack = late.call(
        "answer", {"step_id": "udcheckning", "answer_id": "late-0001", "value": "Kom for sent"}
    )
    assert ack["error"]["code"] == "kept_late"
    notice = console.locator(".late-answers")
    expect(notice).to_contain_text("1 svar kom, efter der var lukket for svar.")
    notice.locator("[data-tool=admit-late]").click()
    expect(console.locator('#results [data-answer-id="late-0001"]')).to_contain_text("Kom for sent")
    expect(console.locator(".late-answers")).to_have_count(0)


def test_with_pre_moderation_the_projector_shows_an_answer_only_once_it_is_approved(room):
    console, screen = room["console"], room["screen"]
    go_to(room, "udcheckning")
    console.click("#panel-settings summary")
    console.check("#settings-form input[name=premoderate]")
    console.click("#settings-form button[type=submit]")
    joker, writer = participant(room, "Bo"), participant(room, "Ida")
    writer.wait(lambda c: c.state["step"]["settings"].get("premoderate"))
    ack = joker.call(
        "answer", {"step_id": "udcheckning", "answer_id": "joke-00001", "value": "En vittighed"}
    )
    assert ack["ok"], ack
    ack = writer.call(
        "answer", {"step_id": "udcheckning", "answer_id": "good-00001", "value": "Tak for i dag"}
    )
    assert ack["ok"], ack
    pending = console.locator(".pending-list")
    expect(pending).to_contain_text("Venter på din godkendelse (2)")
    expect(screen.locator("#results")).not_to_contain_text("En vittighed")
    pending.locator('[data-answer-id="good-00001"] [data-tool=approve]').click()
    pending.locator('[data-answer-id="joke-00001"] [data-tool=reject]').click()
    expect(screen.locator("#results")).to_contain_text("Tak for i dag")
    expect(screen.locator("#results")).not_to_contain_text("En vittighed")
    expect(console.locator(".pending-list")).to_have_count(0)
