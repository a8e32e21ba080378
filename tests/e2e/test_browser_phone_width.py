"""No phone page is ever wider than its 320 px screen, whatever anyone types: the title, names,
tables, every kind's answers, the facilitator's edits, the ended meeting's plan."""

from __future__ import annotations

import json

import pytest
import requests
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of
from .phone_pages import (
    CLOUD_WORDS,
    PIECES,
    STEPS,
    ChromiumPage,
    PhoneWidth,
    Texts,
    fit,
    run_meeting,
    upload_hostile_tool,
    worst_texts,
)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "locale": "da-DK"}


@pytest.fixture(scope="module")
def server(module_server_factory):
    server = module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()
    upload_hostile_tool(server.url)
    return server


def typed(limit: int) -> st.SearchStrategy[str]:
    """Text as people type and paste it: hostile pieces, with or without spaces between."""
    return st.builds(
        lambda pieces, joiner: fit(joiner.join(pieces), limit),
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
        st.sampled_from([" ", "", "-", "/"]),
    )


def long_answer() -> st.SearchStrategy[str]:
    return st.one_of(typed(1000), typed(1000).map(lambda text: fit((text + " ") * 40, 1000)))


TEXTS = st.builds(
    Texts,
    title=typed(300),
    name=typed(40),
    others=st.lists(typed(40), min_size=2, max_size=2),
    tables=st.lists(typed(60), min_size=1, max_size=4),
    answers=st.lists(long_answer(), min_size=3, max_size=3),
    words=st.lists(st.sampled_from(CLOUD_WORDS), min_size=1, max_size=3),
    what=typed(300),
    who=typed(100),
    edited=typed(300),
)

# A browser meeting is costly: a few examples on a developer's machine, more in CI.
EXAMPLES = max(2, settings.default.max_examples // 15)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(texts=worst_texts())
@given(texts=TEXTS)
def test_no_phone_page_is_ever_wider_than_a_320_px_screen(server, browser, texts):  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    try:
        width = run_meeting(server.url, ChromiumPage(page), texts)
    finally:
        context.close()
    assert problems.errors == []
    # Every page and state of the meeting was looked at, and none was too wide.
    assert len(width.checked) >= len(STEPS) + 8
    assert width.too_wide == {}
    assert width.out_of_view == []


@pytest.mark.parametrize("size", [(375, 667), (390, 844)])
def test_the_longest_texts_fit_the_other_common_phone_widths_too(server, browser, size):  # noqa: F811
    """The phones a room brings besides the smallest: the same meeting, the longest texts."""
    context = browser.new_context(**{**PHONE, "viewport": {"width": size[0], "height": size[1]}})
    page = context.new_page()
    problems = PageProblems(page)
    try:
        width = run_meeting(server.url, ChromiumPage(page), worst_texts())
    finally:
        context.close()
    assert problems.errors == []
    assert width.too_wide == {}
    assert width.out_of_view == []


# (what, who, when); who is also the proposer's name, at most 40 characters.
HOSTILE_POINTS = [
    (fit(" ".join(PIECES), 300), fit(PIECES[1], 40), "2099-03-01"),
    (fit(PIECES[2] + PIECES[0], 300), fit(PIECES[5], 40), "2099-06-01"),
]


@pytest.mark.parametrize("points", [HOSTILE_POINTS])
def test_the_review_step_with_long_words_everywhere_fits_a_320_px_phone(meeting, browser):  # noqa: F811
    """A follow-up's review: the earlier points, comments typed on this phone and others, the
    facilitator's agreement and the ended meeting's plan, all with hostile text."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    width = PhoneWidth(ChromiumPage(page))
    comment = fit(" ".join(reversed(PIECES)), 300)
    other = LiveClient(meeting["url"], role="participant", code=meeting["created"]["code"])
    meeting["clients"].append(other.connect())
    facilitator = meeting["facilitator"]
    try:
        page.goto(meeting["created"]["join_url"])
        page.fill("#join-name", PIECES[1][:40])
        page.click("#join-form button[type=submit]")
        items = page.locator(".review-item")
        expect(items).to_have_count(2)
        width.check("review")
        first = items.nth(0)
        first.get_by_role("button", name="I gang").click()
        first.get_by_role("button", name="Tilføj kommentar").click()
        first.get_by_label("Kommentar").fill(comment)
        width.check("review, a long comment typed")
        page.click("form.answer-form button.btn-primary")
        expect(page.locator(".receipt.is-received")).to_be_visible()
        width.check("review, received")
        value = {"p1": {"status": "done", "comment": comment}, "p2": {"status": "dropped"}}
        ack = other.call(
            "answer", {"step_id": "status", "answer_id": "review-0001", "value": value}
        )
        assert ack["ok"], ack
        agreed = {"point": "p1", "status": "under_way", "comment": comment}
        assert facilitator.call("command", {"action": "agree", **agreed})["ok"]
        assert facilitator.call("command", {"action": "reveal", "audience": "all"})["ok"]
        expect(page.locator(".phone-results")).to_be_visible()
        expect(page.locator(".phone-results")).to_contain_text(PIECES[1][:20])
        width.check("review, results")
        assert facilitator.call("command", {"action": "end"})["ok"]
        expect(page.locator(".is-ended")).to_be_visible()
        width.check("ended")
    finally:
        context.close()
    assert problems.errors == []
    assert len(width.checked) == 5
    assert width.too_wide == {}


# For each result's name on the phone: its text and the most lines any one of its words takes.
RESULT_WORD_LINES = """
() => [...document.querySelectorAll('.results-phone .choice-label')].map((node) => {
  const text = node.firstChild;
  let most = 0;
  for (const word of text.textContent.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, word.index);
    range.setEnd(text, word.index + word[0].length);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    most = Math.max(most, tops.size);
  }
  return [node.textContent, most];
})
"""


def test_a_points_result_keeps_an_option_s_name_whole_beside_its_numbers_at_320_px(
    server,
    browser,  # noqa: F811
):
    tool = {
        "id": "prikker-i-gaarden",
        "title": "Prikker i gården",
        "language": "da",
        "steps": [
            {
                "id": "prikker",
                "kind": "points",
                "prompt": "Fordel fem prikker",
                "budget": 5,
                "options": [
                    {"id": "haven", "label": "Haven"},
                    {"id": "okonomi", "label": "Økonomi"},
                    {"id": "vaerksted", "label": "Værkstedet"},
                ],
            }
        ],
    }
    uploaded = requests.post(
        server.url + "/api/dialogues",
        files={"file": ("prikker.json", json.dumps(tool).encode())},
        timeout=10,
    )
    assert uploaded.status_code == 201, uploaded.text
    created = requests.post(
        server.url + "/api/sessions", json={"dialogue": tool["id"]}, timeout=10
    ).json()
    facilitator = facilitator_of(server.url, created)
    phones = []
    context = browser.new_context(**PHONE)
    try:
        assert facilitator.call("command", {"action": "goto", "step": "prikker"})["ok"]
        facilitator.call("command", {"action": "open"})  # a step may wait to be opened
        # Two-digit points and a share of nearly half beside the longest name.
        for n in range(5):
            phone = LiveClient(server.url, role="participant", code=created["code"]).connect()
            phones.append(phone)
            value = {"vaerksted": 3, "haven": 1, "okonomi": 1} if n < 4 else {"haven": 5}
            answer = {"step_id": "prikker", "answer_id": f"prikker-{n:04d}", "value": value}
            assert phone.call("answer", answer)["ok"]
        assert facilitator.call("command", {"action": "reveal", "audience": "all"})["ok"]
        page = context.new_page()
        page.goto(created["join_url"])
        page.fill("#join-name", "Mette")
        page.click("#join-form button[type=submit]")
        expect(page.locator(".results-phone .choice-row")).to_have_count(3)
        expect(page.locator(".results-phone")).to_contain_text("12 prikker")
        lines = dict(page.evaluate(RESULT_WORD_LINES))
        assert lines == {"Haven": 1, "Økonomi": 1, "Værkstedet": 1}
    finally:
        context.close()
        for client in (facilitator, *phones):
            client.close()
