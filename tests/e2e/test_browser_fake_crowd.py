"""A fake crowd in the console, in a real browser: the participants panel removes everyone
who never answered, or everyone who joined in the last minutes, in one click each."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 768)])
def test_the_console_removes_a_fake_crowd_in_one_click(server, browser, width, height):  # noqa: F811
    created = server.create_session()
    code = created["code"]
    facilitator = facilitator_of(server.url, created)
    facilitator.call("command", {"action": "goto", "step": "hvem-med"})
    facilitator.call("command", {"action": "open"})
    resident = LiveClient(server.url, role="participant", code=code, name="Beboer").connect()
    resident.wait(lambda c: c.states)
    ack = resident.call(
        "answer", {"step_id": "hvem-med", "answer_id": "resident-01", "value": "Os"}
    )
    assert ack["ok"], ack
    fakes = [LiveClient(server.url, role="participant", code=code).connect() for _ in range(12)]
    for fake in fakes:
        fake.wait(lambda c: c.states)
    try:
        console = browser.new_page(viewport={"width": width, "height": height})
        problems = PageProblems(console)
        console.goto(created["facilitator_url"])
        console.locator("#panel-participants > summary").click()
        panel = console.locator("#panel-participants")
        expect(panel.locator("li.participant")).to_have_count(13, timeout=15_000)
        console.locator("#remove-many-form").scroll_into_view_if_needed()
        asked = []
        console.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        console.locator("#remove-silent").click()
        expect(panel.locator("li.participant.is-removed")).to_have_count(12, timeout=15_000)
        assert "svaret" in asked[0]
        for fake in fakes:
            fake.wait(lambda c: not c.sio.connected or c.states[-1].get("removed"), timeout=15)
        assert resident.sio.connected
        console.locator("#remove-many-form").scroll_into_view_if_needed()
        # "Joined in the last 5 minutes" takes the resident too: everyone came just now.
        console.locator("#remove-many-form button[type=submit]").click()
        expect(panel.locator("li.participant.is-removed")).to_have_count(13, timeout=15_000)
        assert "5 minutter" in asked[1]
        assert console.evaluate("document.documentElement.scrollWidth") <= width
        assert problems.errors == []
    finally:
        for client in (facilitator, resident, *fakes):
            client.close()


def test_a_phone_held_back_by_the_newcomers_pace_gets_in_by_itself(server_factory, browser):  # noqa: F811
    """A room arriving faster than the pace: the phone is told to wait, tries again by
    itself, and is in without anyone touching it."""
    server = server_factory(
        WORKSHOP_ASYNC_MODE="gevent", WORKSHOP_JOIN_BURST="1", WORKSHOP_JOIN_PER_MINUTE="20"
    ).start()
    created = server.create_session()
    first = LiveClient(server.url, role="participant", code=created["code"], name="Først")
    first.connect()
    first.wait(lambda c: c.states)  # the burst of one is spent
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    problems = PageProblems(phone)
    frames: list[str] = []
    phone.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda frame: frames.append(str(frame))),
    )
    try:
        phone.goto(created["join_url"])
        expect(phone.locator("#join")).to_be_visible(timeout=15_000)
        phone.fill("#join-name", "Anden")
        phone.click("#join-form button[type=submit]")
        # Refused at first (the next seat comes in three seconds), never shown as refused.
        expect(phone.locator("body")).to_have_attribute(
            "data-connection", "connected", timeout=30_000
        )
        assert any("joining_busy" in frame for frame in frames)  # it was held back
        assert problems.errors == []
    finally:
        first.close()
