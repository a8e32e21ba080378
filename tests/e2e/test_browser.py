"""A real browser: a phone answers, the console steps, the screen shows the live result."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@pytest.fixture
def own_server(server_factory):
    """A server of the test's own, for a test that stops it (the module shares the other)."""
    return server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


def console_drawn(console) -> None:
    """The console has drawn the meeting's first state: what its script adds above a panel
    (steps, participants) has moved the panels to where a click on one will find it."""
    expect(console.locator("#steps li").first).to_be_visible()
    expect(console.locator("span.connection[data-connection]")).to_have_attribute(
        "data-state", "connected"
    )


def test_a_phone_answers_and_the_screen_shows_it_live(server, browser):  # noqa: F811
    created = server.create_session(title="Afdelingsmøde på Ærø")
    console = browser.new_page(viewport={"width": 1280, "height": 800})
    screen = browser.new_page(viewport={"width": 1600, "height": 900})
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="da-DK"
    ).new_page()
    problems = [PageProblems(p) for p in (console, screen, phone)]

    console.goto(created["facilitator_url"])
    screen.goto(created["screen_url"])
    expect(screen.locator("#lobby")).to_contain_text(created["code"][:3])

    phone.goto(created["join_url"])
    expect(phone.locator("#join-title")).to_have_text("Afdelingsmøde på Ærø")
    phone.fill("#join-name", "Søren")
    phone.click("#join-form button[type=submit]")
    expect(console.locator("#participants")).to_contain_text("1")

    console.click("#steps li >> nth=2")  # the choice step
    expect(phone.locator(".prompt")).to_contain_text("Hvilket af de to mål")
    phone.click("label.choice >> text=Byer i balance")
    phone.click("form.answer-form button.btn-primary")
    expect(phone.locator(".receipt.is-received")).to_have_text("Modtaget ✓")

    expect(screen.locator("#prompt")).to_contain_text("Hvilket af de to mål")
    # This step shows its result once answering closes, so nobody follows the crowd.
    expect(screen.locator("#results")).not_to_contain_text("Byer i balance")
    console.click("[data-action=close]")
    expect(phone.locator(".closed-note")).to_have_text("Der er lukket for svar.")
    expect(screen.locator("#results")).to_contain_text("Byer i balance")
    expect(screen.locator("#results")).to_contain_text(re.compile(r"100\s?%"))
    console.on("dialog", lambda dialog: dialog.accept())
    console.click("[data-action=end]")
    expect(phone.locator("body")).to_contain_text("Tak")

    for collected in problems:
        assert collected.errors == []


def test_an_answer_given_while_the_server_is_down_arrives_after_it_returns(own_server, browser):  # noqa: F811
    created = own_server.create_session()
    requests.get(created["facilitator_url"], timeout=5)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="da-DK"
    ).new_page()
    phone.goto(created["join_url"])
    phone.click("#join-form button[type=submit]")
    expect(phone.locator(".notice")).to_be_visible()

    from .clients import LiveClient

    console = LiveClient(
        own_server.url, role="facilitator", code=created["code"], key=created["facilitator_key"]
    ).connect()
    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    console.close()
    expect(phone.locator("textarea.open-text")).to_be_visible()

    own_server.kill()
    phone.fill("textarea.open-text", "Skrevet uden forbindelse")
    phone.click("form.answer-form button.btn-primary")
    expect(phone.locator("span.connection")).not_to_have_attribute("data-state", "connected")
    own_server.start()
    expect(phone.locator(".receipt.is-received")).to_be_visible(timeout=20000)

    detail = requests.get(
        f"{own_server.url}/api/sessions/{created['code']}",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
        timeout=5,
    ).json()
    checkin = next(r for r in detail["results"] if r["step_id"] == "hvem-med")
    assert [a["text"] for a in checkin["summary"]["answers"]] == ["Skrevet uden forbindelse"]


def test_a_wrong_code_gets_a_danish_message(server, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(server.url + "/")
    page.fill("input[name=code]", "000000")
    page.press("input[name=code]", "Enter")
    expect(page.locator(".error-box")).to_contain_text("Der findes intet møde med den kode")


def test_a_rehearsal_runs_with_three_simulated_phones_and_leaves_nothing(server, browser):  # noqa: F811
    server.create_session()  # the tests' meeting is now on the home page's list
    console = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(server.url + "/")
    console.check("input[name=dialogue][value=testmoede]")
    console.click("button[name=practice]")
    expect(console.locator("[data-practice-badge]")).to_have_text("Øvelse")
    expect(console.locator("#participants")).to_contain_text("3")
    phones = [console.frame_locator(".practice-phone").nth(i) for i in range(3)]
    expect(phones[1].locator("#view")).to_contain_text("Venter på, at mødelederen starter")

    console.click("[data-action=start]")
    console.click("#steps li:has-text('Hvem skal vi have med')")
    phones[0].locator("textarea.open-text").fill("Naboerne i blok 3")
    phones[0].locator("form.answer-form button.btn-primary").click()
    expect(phones[0].locator(".receipt.is-received")).to_be_visible()
    expect(console.locator("#results")).to_contain_text("Naboerne i blok 3")
    code = console.locator("body").get_attribute("data-code")

    console.on("dialog", lambda dialog: dialog.accept())
    console.click("[data-action=end]")
    expect(console.locator("[data-rehearsed]")).to_contain_text("alt fra den er slettet")
    assert console.url.rstrip("/").endswith("?rehearsed=1") or "rehearsed=1" in console.url
    gone = requests.get(f"{server.url}/j/{code}", timeout=5)
    assert gone.status_code == 404
    assert problems.errors == []


def test_the_decisions_written_in_the_console_reach_the_reports_summary(server, browser):  # noqa: F811
    created = server.create_session(title="Bestyrelsesmøde")
    console = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    console_drawn(console)
    console.click("#panel-details summary")
    expect(console.locator("#panel-details")).to_have_attribute("open", "")
    console.fill("#details-form [name=organisation]", "Boligforeningen Åbo")
    console.fill("#details-form [name=notes]", "Vi holder gårdmøde i april.\nMette inviterer.")
    console.click("#details-form button[type=submit]")
    expect(console.locator("#details-saved")).to_be_visible()
    console.reload()
    console.click("#panel-details summary")
    expect(console.locator("#details-form [name=notes]")).to_have_value(
        "Vi holder gårdmøde i april.\nMette inviterer."
    )
    pdf = requests.get(
        f"{server.url}/api/sessions/{created['code']}/export.pdf",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
        timeout=30,
    )
    from io import BytesIO

    from pypdf import PdfReader

    first = PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    assert "Beslutninger og noter" in first and "Mette inviterer." in first
    assert problems.errors == []


def test_the_console_deletes_its_meeting_after_two_confirmations(server, browser):  # noqa: F811
    created = server.create_session(title="Slettes fra konsollen")
    code = created["code"]
    console = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    console_drawn(console)
    console.click("#panel-exports summary")
    expect(console.locator("#panel-exports")).to_have_attribute("open", "")
    answers = iter(["000000", code])  # a wrong code first: nothing happens

    def answer_dialog(dialog):
        if dialog.type == "prompt":
            dialog.accept(next(answers))
        else:
            dialog.accept()

    console.on("dialog", answer_dialog)
    console.click("#delete-meeting")
    expect(console.locator("#command-error")).to_contain_text("Koden passede ikke")
    auth = {"Authorization": f"Bearer {created['facilitator_key']}"}
    assert requests.get(f"{server.url}/api/sessions/{code}", headers=auth, timeout=5).ok
    console.click("#delete-meeting")
    expect(console.locator("[data-deleted]")).to_contain_text(code)
    gone = requests.get(f"{server.url}/api/sessions/{code}", headers=auth, timeout=5)
    assert gone.status_code == 404
    assert problems.errors == []


def test_the_console_numbers_nameless_people_as_they_joined_and_says_once_that_it_ended(
    server,
    browser,  # noqa: F811
):
    from .clients import LiveClient

    # An earlier meeting on the same server: this meeting's people get higher database ids.
    earlier = server.create_session()
    phones = [
        LiveClient(server.url, role="participant", code=earlier["code"]).connect() for _ in range(3)
    ]
    created = server.create_session()
    code = created["code"]
    phones += [
        LiveClient(server.url, role="participant", code=code, name="Mette").connect(),
        LiveClient(server.url, role="participant", code=code).connect(),
        LiveClient(server.url, role="participant", code=code).connect(),
    ]
    console = browser.new_page(viewport={"width": 1280, "height": 800})
    problems = PageProblems(console)
    try:
        console.goto(created["facilitator_url"])
        names = console.locator("#participant-list .participant-name")
        expect(names).to_have_text(["Mette", "Deltager 2 (uden navn)", "Deltager 3 (uden navn)"])
        expect(console.locator("#lock-state")).to_have_text("Åben for nye deltagere")

        console.on("dialog", lambda dialog: dialog.accept())
        # An ended meeting's console draws itself anew (a reload): read the page it becomes.
        with console.expect_navigation():
            console.click("[data-action=end]")
        expect(console.locator("#current-prompt")).to_have_text("Mødet er afsluttet")
        expect(console.locator("span.connection[data-connection]")).to_have_attribute(
            "data-state", "connected"
        )
        text = console.locator("body").inner_text()
        assert text.count("afsluttet") == 1, text
        expect(console.locator("#lock-state")).to_be_hidden()
        assert "Åben for nye deltagere" not in console.locator("body").inner_text()
    finally:
        for phone in phones:
            phone.close()
    assert problems.errors == []
