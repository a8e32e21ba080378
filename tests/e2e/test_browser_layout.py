"""What a phone shows: long Danish words whole at 320 px, ideas in an order of its own."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from tests.tools import small_tool_file

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of

pytestmark = pytest.mark.browser

LONG_WORDS = [
    "afdelingsbestyrelsesmøde",
    "cykelværkstedet",
    "sommerfesten",
    "beboerdemokratiet",
    "boligorganisationernes",
    "affaldssorteringsordningen",
]

# For each element: how many line boxes its text takes (1 = the word stayed whole).
LINE_BOXES = """
(nodes) => nodes.map((node) => {
  const range = document.createRange();
  range.selectNodeContents(node);
  const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
  return [node.textContent, tops.size];
})
"""


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


def test_long_danish_words_each_stay_on_one_line_on_a_320_px_phone(server, browser):  # noqa: F811
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    # Ideas from two people: one may give at most five.
    writers = [
        LiveClient(server.url, role="participant", code=created["code"]).connect() for _ in "ab"
    ]
    for writer in writers:
        writer.wait(lambda c: c.states)
    page = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True).new_page()
    problems = PageProblems(page)
    try:
        page.goto(created["join_url"])
        page.fill("#join-name", "Søren")
        page.click("#join-form button[type=submit]")
        facilitator.call("command", {"action": "goto", "step": "ideer"})
        for n, word in enumerate(LONG_WORDS):
            ack = writers[n % 2].call(
                "answer", {"step_id": "ideer", "answer_id": f"word-{n:04d}", "value": word}
            )
            assert ack["ok"], ack
        facilitator.call("command", {"action": "goto", "step": "prioriter"})
        cards = page.locator(".vote-card-text")
        expect(cards).to_have_count(len(LONG_WORDS))
        boxes = dict(cards.evaluate_all(LINE_BOXES))
        assert boxes == {word: 1 for word in LONG_WORDS}
        prompt = page.locator(".prompt").evaluate_all(LINE_BOXES)
        assert prompt and all(lines < 8 for _text, lines in prompt)
    finally:
        for client in (facilitator, *writers):
            client.close()
    assert problems.errors == []


# Orders 8 ideas whose ids differ only in their last character, for 500 phones' seeds.
DISTINCT_ORDERS = """
async () => {
  const { phoneOrder } = await import("/static/js/kinds/vote.js");
  const cards = [...Array(8).keys()].map((n) => ({ answer_id: `idea-000${n}`, text: `${n}` }));
  const orders = new Set();
  for (let n = 0; n < 500; n += 1) {
    const order = phoneOrder(cards, `seed-${n}-${Math.random()}`, "prioriter");
    orders.add(order.map((card) => card.text).join(""));
  }
  return orders.size;
}
"""


def test_phones_order_ideas_with_ids_alike_in_many_different_ways(server, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(server.url + "/")
    # 8! = 40,320 orders: 500 seeds should give nearly 500 different ones, not a few dozen.
    assert page.evaluate(DISTINCT_ORDERS) > 480


def test_each_phone_sees_the_ideas_in_an_order_of_its_own_and_its_vote_marked(server, browser):  # noqa: F811
    created = server.create_session()
    code = created["code"]
    facilitator = facilitator_of(server.url, created)
    writers = [LiveClient(server.url, role="participant", code=code).connect() for _ in "ab"]
    for writer in writers:
        writer.wait(lambda c: c.states)
    phones = []
    try:
        for name in ("Anna", "Bo"):
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.goto(created["join_url"])
            page.fill("#join-name", name)
            page.click("#join-form button[type=submit]")
            phones.append(page)
        facilitator.call("command", {"action": "goto", "step": "ideer"})
        ideas = [f"Idé nummer {n}" for n in range(1, 9)]
        for n, idea in enumerate(ideas):
            writers[n % 2].call(
                "answer", {"step_id": "ideer", "answer_id": f"idea-{n:04d}", "value": idea}
            )
        facilitator.call("command", {"action": "goto", "step": "prioriter"})

        def order(page) -> list[str]:
            cards = page.locator(".vote-card-text")
            expect(cards).to_have_count(len(ideas))
            return cards.all_text_contents()

        first, second = order(phones[0]), order(phones[1])
        assert sorted(first) == sorted(second) == sorted(ideas)
        assert first != second  # 8 ideas: two phones agree by chance once in 40,320
        phones[0].reload()
        assert order(phones[0]) == first  # the same phone keeps its order

        phones[0].locator(".vote-card").filter(has_text="Idé nummer 3").locator("button").click()
        phones[0].click("form.answer-form button.btn-primary")
        expect(phones[0].locator(".receipt.is-received")).to_be_visible()
        facilitator.call("command", {"action": "reveal", "audience": "phones"})
        mine = phones[0].locator(".phone-results .vote-row.is-mine")
        expect(mine).to_have_count(1)
        expect(mine).to_contain_text("Idé nummer 3")
        expect(phones[1].locator(".phone-results .vote-row.is-mine")).to_have_count(0)
    finally:
        for client in (facilitator, *writers):
            client.close()


# Every control a thumb must hit, with its size: buttons, links, fields, and the labels that
# hold radio buttons and checkboxes (the label is what one taps).
TARGETS = """
() => [...document.querySelectorAll(
  'button, a[href], select, textarea,'
  + ' input:not([type=radio]):not([type=checkbox]):not([type=hidden]),'
  + ' label:has(input[type=radio]), label:has(input[type=checkbox])'
)].filter((node) => node.offsetParent !== null).map((node) => {
  const box = node.getBoundingClientRect();
  return [node.outerHTML.slice(0, 80), Math.round(box.width), Math.round(box.height)];
})
"""


def test_every_phone_control_is_at_least_44_px_on_every_step(server, browser):  # noqa: F811
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    page = browser.new_context(viewport={"width": 320, "height": 640}, locale="da-DK").new_page()
    try:
        page.goto(created["join_url"])
        small = [t for t in page.evaluate(TARGETS) if t[1] < 44 or t[2] < 44]
        assert small == [], small
        page.fill("#join-name", "Søren")
        page.click("#join-form button[type=submit]")
        facilitator.call("command", {"action": "tables", "names": ["Bord 1", "Bord 2"]})
        steps = ["indcheckning", "vigtigste-maal", "staar-i-dag", "hvem-med", "handlepunkter"]
        for step in steps:
            facilitator.call("command", {"action": "goto", "step": step})
            expect(page.locator("form.answer-form")).to_be_visible()
            small = [t for t in page.evaluate(TARGETS) if t[1] < 44 or t[2] < 44]
            assert small == [], (step, small)
    finally:
        facilitator.close()


def test_dots_are_called_dots_and_a_number_over_what_is_left_is_lowered_out_loud(server, browser):  # noqa: F811
    tool = requests.post(
        server.url + "/api/dialogues", files={"file": ("lille.json", small_tool_file())}, timeout=10
    )
    assert tool.status_code == 201, tool.text
    created = requests.post(
        server.url + "/api/sessions", json={"dialogue": "lille-redskab"}, timeout=10
    ).json()
    facilitator = facilitator_of(server.url, created)
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK").new_page()
    try:
        page.goto(created["join_url"])
        page.click("#join-form button[type=submit]")
        facilitator.call("command", {"action": "goto", "step": "point"})  # five dots
        expect(page.locator(".points-left")).to_have_text("5 af 5 prikker tilbage")
        fields = page.locator("input.stepper-input")
        fields.nth(0).fill("3")
        expect(page.locator(".points-left")).to_have_text("2 af 5 prikker tilbage")
        fields.nth(1).fill("9")
        expect(page.locator(".points-capped")).to_have_text(
            "Der er kun 2 prikker tilbage, så tallet blev sat ned til 2."
        )
        expect(fields.nth(1)).to_have_value("2")
        expect(page.locator(".points-left")).to_have_text("0 af 5 prikker tilbage")
    finally:
        facilitator.close()


def test_an_answer_that_could_not_be_sent_keeps_its_text_with_a_copy_button(server, browser):  # noqa: F811
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK").new_page()
    try:
        page.goto(created["join_url"])
        page.click("#join-form button[type=submit]")
        facilitator.call("command", {"action": "goto", "step": "udcheckning"})
        page.fill("textarea", "Første udgave")
        page.click("form.answer-form button.btn-primary")
        expect(page.locator(".receipt.is-received")).to_be_visible()
        answer_id = facilitator.wait(
            lambda c: [
                card["answer_id"]
                for update in c.results
                for card in update["summary"].get("answers", [])
            ]
        )[0]
        # Another answer merged into it makes it the facilitator's; the phone cannot know
        # (an answer hidden or edited it is told of, and then offers no change at all).
        other = LiveClient(server.url, role="participant", code=created["code"]).connect()
        value = {"step_id": "udcheckning", "answer_id": "other-0001", "value": "Også mig"}
        assert other.call("answer", value)["ok"]
        other.close()
        merge = {"action": "merge", "answer_id": "other-0001", "into": answer_id}
        assert facilitator.call("command", merge)["ok"]
        page.fill("textarea", "Min anden udgave, som facilitatoren ikke ser")
        page.click("form.answer-form button.btn-primary")
        failed = page.locator(".my-answer").filter(has=page.locator(".receipt.is-failed"))
        expect(failed).to_contain_text("Min anden udgave, som facilitatoren ikke ser")
        copy = failed.locator(".copy-answer")
        expect(copy).to_have_text("Kopiér teksten")
        copy.click()
        expect(copy).to_have_text(re.compile("Kopieret|Markér teksten"))
    finally:
        facilitator.close()


def test_a_phone_shows_the_newest_ideas_and_counts_the_rest(server, browser):  # noqa: F811
    created = server.create_session()
    code = created["code"]
    facilitator = facilitator_of(server.url, created)
    others = [LiveClient(server.url, role="participant", code=code).connect() for _ in range(8)]
    page = browser.new_context(viewport={"width": 320, "height": 640}, locale="da-DK").new_page()
    problems = PageProblems(page)
    try:
        page.goto(created["join_url"])
        page.click("#join-form button[type=submit]")
        facilitator.call("command", {"action": "goto", "step": "ideer"})
        for n in range(40):
            value = {"step_id": "ideer", "answer_id": f"idea-{n:04d}", "value": f"Idé {n + 1}"}
            assert others[n % 8].call("answer", value)["ok"]
        facilitator.call("command", {"action": "reveal", "audience": "phones"})
        results = page.locator(".results-phone")
        expect(results.locator(".is-more")).to_have_text("+10 flere")
        cards = results.locator(".answer-card:not(.is-more) .answer-text")
        expect(cards).to_have_count(30)
        expect(cards.last).to_have_text("Idé 40")
    finally:
        for client in (facilitator, *others):
            client.close()
    assert problems.errors == []
