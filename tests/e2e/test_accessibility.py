"""axe-core on every surface and every kind of step: no serious or critical violation."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import service_missing

from .browser import browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of
from .meetings import ended_meeting, follow_up

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name(".axe") / "node_modules" / "axe-core" / "axe.min.js"
STEPS = [
    "velkommen",
    "indcheckning",
    "vigtigste-maal",
    "staar-i-dag",
    "hvem-med",
    "ideer",
    "prioriter",
    "handlepunkter",
]
# Also the rule that the name a screen reader says holds the words on a control.
RUN = """axe.run(document, {
  resultTypes: ['violations'],
  rules: {'label-content-name-mismatch': {enabled: true}},
})"""


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        service_missing("axe-core", "make test installs it from npm (scripts/system-deps.sh)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


# Cards and words fade in as they arrive; axe reads colours as they are drawn, so a word caught
# halfway would be a contrast problem no reader ever sees.
SETTLE = """document.getAnimations().forEach((animation) => {
  try { animation.finish(); } catch (endless) { animation.cancel(); }
})"""


def with_axe(context, axe_source: str):
    """A browser context whose every page has axe loaded, once, as it opens."""
    context.add_init_script(axe_source)
    return context


def serious(page, axe_source: str, where: str) -> list[str]:
    page.evaluate(SETTLE)
    if not page.evaluate("typeof axe !== 'undefined'"):  # a page not opened with_axe
        page.evaluate(axe_source)
    found = page.evaluate(RUN)["violations"]
    return [
        f"{where}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def shown(facilitator: LiveClient, step: str, phone, console, screen) -> None:
    """Wait until each surface shows ``step`` (and the idea given there)."""
    state = facilitator.wait(lambda c: c.state["step"]["id"] == step and c.state)
    expect(phone.locator(f'.step[data-step-id="{step}"]')).to_be_attached()
    expect(console.locator("#current-prompt")).to_have_text(state["step"]["prompt"])
    expect(screen.locator("#prompt")).to_have_text(state["step"]["prompt"])
    if step == "ideer":
        for page in (phone, console, screen):
            expect(page.get_by_text("Grillaften").first).to_be_visible()


def test_no_surface_has_a_serious_accessibility_violation(server, browser, axe_source):  # noqa: F811
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    others = [
        LiveClient(server.url, role="participant", code=created["code"], name=name).connect()
        for name in ("Anna", "Bo")
    ]
    # axe injects a script of its own: the test browser lets it past the page's policy.
    context = with_axe(browser.new_context(bypass_csp=True, locale="da-DK"), axe_source)
    phone_context = with_axe(
        browser.new_context(
            bypass_csp=True, locale="da-DK", viewport={"width": 390, "height": 844}, is_mobile=True
        ),
        axe_source,
    )
    problems: list[str] = []
    try:
        home = context.new_page()
        home.goto(server.url + "/")
        problems += serious(home, axe_source, "home")
        console = context.new_page()
        console.goto(created["facilitator_url"])
        screen = context.new_page()
        screen.goto(created["screen_url"])
        phone = phone_context.new_page()
        phone.goto(created["join_url"])
        problems += serious(phone, axe_source, "phone join")
        phone.click("#join-form button[type=submit]")
        # The lobbies once they show the three who came (the phone's person among them).
        expect(console.locator("#participants")).to_contain_text("3")
        expect(screen.locator("#lobby-count")).to_contain_text("3")
        problems += serious(console, axe_source, "console lobby")
        problems += serious(screen, axe_source, "screen lobby")
        facilitator.call("command", {"action": "remove_participant", "participant_id": 2})
        for step in STEPS:
            facilitator.call("command", {"action": "goto", "step": step})
            facilitator.call("command", {"action": "reveal", "audience": "all"})
            if step == "ideer":  # ideas, so that the vote step has buttons on its cards
                answer = {"step_id": "ideer", "answer_id": "idea-anna-1", "value": "Grillaften"}
                assert others[0].call("answer", answer)["ok"]
            shown(facilitator, step, phone, console, screen)
            for page, where in ((phone, "phone"), (console, "console"), (screen, "screen")):
                problems += serious(page, axe_source, f"{where} {step}")
    finally:
        for client in (facilitator, *others):
            client.close()
    assert problems == []


def test_a_follow_up_s_review_step_has_no_serious_accessibility_violation(
    server,
    browser,  # noqa: F811
    axe_source,
):
    soon = (date.today() + timedelta(days=14)).isoformat()
    later = (date.today() + timedelta(days=60)).isoformat()
    earlier = ended_meeting(
        server.url,
        [("Grøn café i gården", "Mette", soon), ("Brev til kommunen", "Bo", soon)],
        "Marts",
    )
    created = follow_up(server.url, earlier, "Juni")
    facilitator = facilitator_of(server.url, created)
    anna = LiveClient(server.url, role="participant", code=created["code"], name="Anna").connect()
    context = with_axe(browser.new_context(bypass_csp=True, locale="da-DK"), axe_source)
    phone_context = with_axe(
        browser.new_context(
            bypass_csp=True, locale="da-DK", viewport={"width": 390, "height": 844}, is_mobile=True
        ),
        axe_source,
    )
    problems: list[str] = []
    try:
        facilitator.call("command", {"action": "goto", "step": "status"})
        value = {"p1": {"status": "under_way", "comment": "Mangler et lokale"}}
        assert anna.call(
            "answer", {"step_id": "status", "answer_id": "review-anna", "value": value}
        )["ok"]
        phone = phone_context.new_page()
        phone.goto(created["join_url"])
        phone.click("#join-form button[type=submit]")
        phone.locator(".review-item").first.locator("[data-status=done]").click()
        phone.locator(".review-add-comment").first.click()
        console = context.new_page()
        console.goto(created["facilitator_url"])
        screen = context.new_page()
        screen.goto(created["screen_url"])
        facilitator.call("command", {"action": "reveal", "audience": "all"})
        console.locator(".review-point").first.wait_for()
        screen.locator(".review-point").first.wait_for()
        for page, where in ((phone, "phone"), (console, "console"), (screen, "screen")):
            problems += serious(page, axe_source, f"{where} review")
        # The console's form for what the meeting agreed.
        console.locator('.review-point[data-point="p1"] [data-tool="agree-under_way"]').click()
        problems += serious(console, axe_source, "console review agreement")
        console.locator('.review-point[data-point="p1"] .review-carry-date').fill(later)
        console.locator('.review-point[data-point="p1"] [data-tool="agree-save"]').click()
        console.locator(".review-agreed").first.wait_for()
        problems += serious(console, axe_source, "console review agreed")
        # The new plan with the point carried over.
        facilitator.call("command", {"action": "goto", "step": "handlepunkter"})
        console.locator(".carried-mark").first.wait_for()
        problems += serious(console, axe_source, "console plan with a carried point")
        problems += serious(screen, axe_source, "screen plan with a carried point")
    finally:
        for client in (facilitator, anna):
            client.close()
    assert problems == []
