"""A real browser through a follow-up meeting: the room gives each earlier action point a
status, the projector shows the room's view, the console records what the meeting agreed, and a
point carried over shows in the new action plan."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import facilitator_of
from .meetings import ended_meeting, follow_up
from .review_meeting import LATER, NEW_DEADLINE, POINTS, SOON, answer, participant

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 700}, "is_mobile": True, "locale": "da-DK"}
# Every word of every status button on one line: no word is broken in the middle.
WORDS_WHOLE = """(buttons) => buttons.flatMap((button) => {
  const text = button.firstChild;
  const broken = [];
  for (const match of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    if (range.getClientRects().length > 1) broken.push(match[0]);
  }
  return broken;
})"""


@pytest.fixture(scope="module")
def server(module_server_factory):
    # Meetings of fifty points are made over the API faster than a person could: no limit on
    # events per connection.
    fast = {"WORKSHOP_EVENT_BURST": "100000", "WORKSHOP_EVENT_RATE": "100000"}
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent", **fast).start()


def test_a_phone_at_320_px_gives_statuses_and_a_comment_and_sees_its_receipt(meeting, browser):  # noqa: F811
    page = browser.new_context(**PHONE).new_page()
    problems = PageProblems(page)
    page.goto(meeting["created"]["join_url"])
    page.fill("#join-name", "Søren")
    page.click("#join-form button[type=submit]")

    items = page.locator(".review-item")
    expect(items).to_have_count(2)
    first, second = items.nth(0), items.nth(1)
    expect(first).to_contain_text(POINTS[0][0])
    expect(first).to_contain_text("Mette")
    expect(first).to_contain_text(f"Frist {SOON.day}.")
    expect(second).to_contain_text("Skriv til kommunen om cykelstier")
    expect(page.locator(".review-of")).to_contain_text("Fra mødet “Kredsmøde i marts”")
    send = page.locator("form.answer-form button.btn-primary")
    expect(send).to_be_disabled()  # nothing to send before a status is chosen

    first.get_by_role("button", name="Gjort").click()
    expect(first.get_by_role("button", name="Gjort")).to_have_attribute("aria-pressed", "true")
    second.get_by_role("button", name="Ikke startet").click()
    second.get_by_role("button", name="I gang").click()  # a new choice replaces the first
    expect(second.get_by_role("button", name="I gang")).to_have_attribute("aria-pressed", "true")
    expect(second.get_by_role("button", name="Ikke startet")).to_have_attribute(
        "aria-pressed", "false"
    )
    second.get_by_role("button", name="Tilføj kommentar").click()
    second.get_by_label("Kommentar").fill("Brevet er skrevet, mangler underskrift")

    # The draft stays while the step is open, also when answering closes and opens again.
    meeting["facilitator"].call("command", {"action": "close"})
    expect(page.locator(".closed-note")).to_be_visible()
    meeting["facilitator"].call("command", {"action": "open"})
    expect(items.nth(1).get_by_label("Kommentar")).to_have_value(
        "Brevet er skrevet, mangler underskrift"
    )
    expect(items.nth(0).get_by_role("button", name="Gjort")).to_have_attribute(
        "aria-pressed", "true"
    )

    # Readable at 320 px: nothing wider than the screen, targets of 44 px, whole words.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    buttons = page.locator(".status-button")
    for size in buttons.evaluate_all(
        "(nodes) => nodes.map((n) => [n.offsetWidth, n.offsetHeight])"
    ):
        assert min(size) >= 44, size
    assert buttons.evaluate_all(WORDS_WHOLE) == []

    send.click()
    expect(page.locator(".receipt.is-received")).to_have_text("Modtaget ✓")
    expect(send).to_be_disabled()
    facilitator = meeting["facilitator"]
    facilitator.wait(
        lambda c: c.results and c.results[-1]["summary"]["count"] == 1 and c.results[-1]
    )
    points = {p["id"]: p for p in facilitator.results[-1]["summary"]["points"]}
    assert points["p1"]["statuses"]["done"] == 1
    assert points["p2"]["statuses"]["under_way"] == 1
    assert [c["text"] for c in points["p2"]["comments"]] == [
        "Brevet er skrevet, mangler underskrift"
    ]

    # Closed, the phone says what it answered.
    facilitator.call("command", {"action": "close"})
    closed = page.locator(".closed")
    expect(closed).to_contain_text(f"{POINTS[0][0]}: Gjort")
    expect(closed).to_contain_text("Skriv til kommunen om cykelstier: I gang")
    assert problems.errors == []


# A compound word longer than a 320 px line, and a point of 300 characters without a space.
LONG_WORD = "Energirenoveringsprojektgruppebestyrelsesmedlemmerne"
LONG_POINTS = [
    (f"{LONG_WORD} indkaldes til et fællesmøde om klimatilpasning", "Mette", SOON.isoformat()),
    (("Klimatilpasningsfællesmøde" * 12)[:300], "Bo", LATER.isoformat()),
]
# Words of the points' texts (not longer than `longest` letters) broken over two lines.
SHORT_WORDS_BROKEN = """(nodes, longest) => nodes.flatMap((node) => {
  const text = node.firstChild;
  const broken = [];
  for (const match of text.data.matchAll(/\\S+/g)) {
    if (match[0].length > longest) continue;
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    if (range.getClientRects().length > 1) broken.push(match[0]);
  }
  return broken;
})"""


@pytest.mark.parametrize("points", [LONG_POINTS])
def test_a_phone_at_320_px_keeps_its_status_buttons_on_screen_beside_a_long_word(
    meeting,
    browser,  # noqa: F811
):
    page = browser.new_context(**PHONE).new_page()
    problems = PageProblems(page)
    page.goto(meeting["created"]["join_url"])
    page.fill("#join-name", "Søren")
    page.click("#join-form button[type=submit]")
    items = page.locator(".review-item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(LONG_WORD)

    # Nothing wider than the phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for item in (items.nth(0), items.nth(1)):
        for name in ("Gjort", "I gang", "Ikke startet", "Droppet"):
            button = item.get_by_role("button", name=re.compile(f"^(✓ )?{name}$"))
            button.scroll_into_view_if_needed()
            expect(button).to_be_in_viewport(ratio=1)
            box = button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (name, box)
            button.click()  # nothing covers it
            expect(button).to_have_attribute("aria-pressed", "true")
    # The long word breaks where it must; the ordinary words of the point stay whole.
    texts = page.locator(".review-item .review-what")
    assert texts.evaluate_all(SHORT_WORDS_BROKEN, 20) == []
    assert problems.errors == []


def test_the_console_records_what_was_agreed_and_a_carried_point_joins_the_new_plan(
    meeting,
    browser,  # noqa: F811
):
    anna = participant(meeting, "Anna")
    answer(
        anna,
        "review-anna",
        {"p1": {"status": "done", "comment": "Noget grimt"}, "p2": {"status": "under_way"}},
    )
    console = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(meeting["created"]["facilitator_url"])
    expect(console.locator("#current-badges")).to_contain_text("Opfølgning")
    first = console.locator('#results .review-point[data-point="p1"]')
    second = console.locator('#results .review-point[data-point="p2"]')
    expect(first.locator(".review-count.is-done")).to_have_text("Gjort 1")

    # Moderation: hiding the comment hides that answer, statuses and all.
    first.locator('.review-comment [data-tool="hide"]').click()
    expect(first).not_to_contain_text("Noget grimt")
    expect(first.locator(".review-count.is-done")).to_have_count(0)
    expect(console.locator("#hidden-answers")).to_contain_text("Skjulte svar (1)")

    # The first point was done: the meeting agrees, with a comment for the report.
    first.locator('[data-tool="agree-done"]').click()
    first.get_by_label("Kommentar til referatet").fill("Holdt i maj")
    first.locator('[data-tool="agree-save"]').click()
    expect(first.locator(".review-agreed")).to_contain_text("Aftalt: Gjort")
    expect(first.locator(".review-agreed")).to_contain_text("Holdt i maj")

    # The second is under way: it goes on in the new plan, first with a date in the past.
    second.locator('[data-tool="agree-under_way"]').click()
    second.locator('[data-tool="agree-save"]').click()
    expect(second.locator(".review-agree-error")).to_have_text(
        "Vælg den nye frist, eller drop punktet."
    )
    date_field = second.get_by_label("Ny frist")
    date_field.fill((date.today() - timedelta(days=1)).isoformat())
    second.locator('[data-tool="agree-save"]').click()
    expect(second.locator(".review-agree-error")).to_contain_text("fortiden")
    date_field.fill(NEW_DEADLINE.isoformat())
    second.locator('[data-tool="agree-save"]').click()
    badge = second.locator(".review-agreed")
    expect(badge).to_contain_text("Aftalt: I gang")
    expect(badge).to_contain_text(f"ny frist {NEW_DEADLINE.day}.")
    expect(console.locator(".review-outcomes")).to_contain_text("1 gjort, 1 taget med")
    summary = (
        meeting["facilitator"]
        .wait(lambda c: c.results and c.results[-1]["summary"]["outcomes"]["carried"] == 1 and c)
        .results[-1]["summary"]
    )
    agreed = {p["id"]: p["agreed"] for p in summary["points"]}
    assert agreed["p1"] == {"status": "done", "comment": "Holdt i maj", "carry_to": None}
    assert agreed["p2"]["carry_to"] == NEW_DEADLINE.isoformat()

    # The new action plan holds the point carried over, marked, without tools to moderate it.
    console.locator("#steps li", has_text="Den nye plan").click()
    row = console.locator(".plan-table tr", has_text="Skriv til kommunen om cykelstier")
    expect(row).to_contain_text("Fra sidst")
    expect(row).to_contain_text("Bo")
    expect(row).to_contain_text(str(NEW_DEADLINE.year))
    expect(row.locator(".tool-button")).to_have_count(0)
    expect(console.locator(".plan-table")).not_to_contain_text(POINTS[0][0])  # done: stays behind

    # Back on the review step, the agreement can be taken back.
    console.locator("#steps li", has_text="Hvordan er det gået").click()
    second.locator('[data-tool="agree-undo"]').click()
    expect(second.locator(".review-agreed")).to_have_count(0)
    expect(second.locator('[data-tool="agree-done"]')).to_be_visible()
    assert problems.errors == []


def test_a_review_step_in_a_meeting_that_follows_up_none_says_so(server, browser):  # noqa: F811
    created = follow_up(server.url, None, title="Møde uden forløber")
    facilitator = facilitator_of(server.url, created)
    try:
        assert facilitator.call("command", {"action": "goto", "step": "status"})["ok"]
        phone = browser.new_context(**PHONE).new_page()
        console = browser.new_page(viewport={"width": 1280, "height": 900})
        screen = browser.new_page(viewport={"width": 1024, "height": 768})
        problems = [PageProblems(page) for page in (phone, console, screen)]
        phone.goto(created["join_url"])
        phone.fill("#join-name", "Søren")
        phone.click("#join-form button[type=submit]")
        console.goto(created["facilitator_url"])
        screen.goto(created["screen_url"])
        message = "Dette møde er ikke startet som opfølgning på et tidligere møde"
        expect(phone.locator(".unavailable")).to_contain_text(message)
        expect(phone.locator("form.answer-form")).to_have_count(0)
        expect(console.locator("#results .review-nothing")).to_contain_text(message)
        expect(console.locator(".review-agree")).to_have_count(0)
        expect(screen.locator("#results")).to_contain_text(message)
        expect(screen.locator("#results")).not_to_contain_text("Svar på din telefon")
        # Results revealed to the phones: the message is still said once, not twice.
        assert facilitator.call("command", {"action": "reveal", "audience": "all"})["ok"]
        expect(phone.locator(".phone-results")).to_be_visible()
        expect(phone.get_by_text(message)).to_have_count(1)
        expect(screen.get_by_text(message)).to_have_count(1)
        for collected in problems:
            assert collected.errors == []
    finally:
        facilitator.close()


def test_a_follow_up_of_a_meeting_that_confirmed_no_points_says_so(server, browser):  # noqa: F811
    earlier = ended_meeting(server.url, [], title="Kredsmøde uden plan")
    created = follow_up(server.url, earlier, title="Kredsmøde i juni")
    facilitator = facilitator_of(server.url, created)
    try:
        assert facilitator.call("command", {"action": "goto", "step": "status"})["ok"]
        phone = browser.new_context(**PHONE).new_page()
        console = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
        screen = browser.new_page(viewport={"width": 1024, "height": 768})
        problems = [PageProblems(page) for page in (phone, console, screen)]
        phone.goto(created["join_url"])
        phone.fill("#join-name", "Søren")
        phone.click("#join-form button[type=submit]")
        console.goto(created["facilitator_url"])
        screen.goto(created["screen_url"])
        message = (
            "Mødet “Kredsmøde uden plan” bekræftede ingen handlepunkter, "
            "så der er ikke noget at følge op på."
        )
        wrong = "ikke startet som opfølgning"
        expect(phone.locator(".unavailable")).to_have_text(message)
        expect(phone.locator("form.answer-form")).to_have_count(0)
        expect(console.locator("#results .review-nothing")).to_have_text(message)
        expect(screen.locator("#results")).to_contain_text(message)
        assert facilitator.call("command", {"action": "reveal", "audience": "all"})["ok"]
        expect(phone.locator(".phone-results")).to_be_visible()
        expect(phone.get_by_text(message)).to_have_count(1)
        expect(screen.get_by_text(message)).to_have_count(1)
        for page in (phone, console, screen):
            expect(page.locator("body")).not_to_contain_text(wrong)
        for collected in problems:
            assert collected.errors == []
    finally:
        facilitator.close()


# Each element of a point that reaches past the point's right edge.
STICKING_OUT = """(points) => points.flatMap((point) => {
  const right = point.getBoundingClientRect().right + 0.5;
  return [...point.querySelectorAll("*")]
    .filter((node) => node.getBoundingClientRect().right > right)
    .map((node) => node.className);
})"""


@pytest.mark.parametrize("points", [LONG_POINTS])
def test_the_console_breaks_only_overlong_words_and_says_hiding_a_comment_hides_the_answer(
    meeting,
    browser,  # noqa: F811
):
    comment = f"Vi har talt med {LONG_WORD} om sagen og aftalt et møde"
    anna = participant(meeting, "Anna")
    answer(
        anna,
        "review-anna",
        {"p1": {"status": "done", "comment": comment}, "p2": {"status": "under_way"}},
    )
    bo = participant(meeting, "Bo")
    answer(bo, "review-bo", {"p1": {"status": "under_way", "comment": "Mangler et lokale"}})
    console = browser.new_page(viewport={"width": 1024, "height": 900}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(meeting["created"]["facilitator_url"])
    first = console.locator('#results .review-point[data-point="p1"]')
    expect(first.locator(".review-comment")).to_have_count(2)

    # Nothing wider than the window or its point; words that fit on a line stay whole, and a
    # word longer than the line may break, hyphenated in the page's language where it can.
    assert console.evaluate("document.documentElement.scrollWidth") <= 1024
    assert console.locator("#results .review-point").evaluate_all(STICKING_OUT) == []
    texts = console.locator("#results .review-what, #results .review-comment .answer-text")
    assert texts.evaluate_all(SHORT_WORDS_BROKEN, 20) == []
    assert console.evaluate("document.documentElement.lang") == "da"
    styles = texts.evaluate_all(
        "(nodes) => nodes.map((n) => getComputedStyle(n))"
        ".map((style) => [style.hyphens, style.overflowWrap])"
    )
    assert set(map(tuple, styles)) == {("auto", "break-word")}

    # Hiding a comment hides the person's whole answer, and the console says so beforehand.
    note = console.locator("#results .review-hide-note")
    expect(note).to_have_count(1)
    expect(note).to_have_text(
        "“Skjul hele svaret” fjerner personens status og kommentarer på alle punkter, "
        "ikke kun kommentaren."
    )
    assert note.evaluate(
        "(note) => note.compareDocumentPosition("
        "document.querySelector('#results .review-comments')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    hide = first.get_by_role("button", name="Skjul hele svaret med kommentaren “Vi har talt med")
    expect(hide).to_have_count(1)
    expect(hide).to_have_text("Skjul hele svaret")
    expect(
        first.get_by_role("button", name="Skjul hele svaret med kommentaren “Mangler et lokale”")
    ).to_have_count(1)
    hide.click()
    expect(first).not_to_contain_text(comment)
    # Anna's status on the other point went with it.
    second = console.locator('#results .review-point[data-point="p2"]')
    expect(second.locator(".review-count.is-none")).to_have_count(1)
    assert problems.errors == []
