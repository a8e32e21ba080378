"""A phone says what became of its answer, where the eye is: received with the text that was
sent, waiting for approval, let in, edited or confirmed (then no Edit button); why Send is grey
before sending; and, once the meeting ends, what was agreed instead of the last wall."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of

pytestmark = pytest.mark.browser

# The smallest phone people bring, in Danish.
PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "locale": "da-DK"}
LONG_ANSWER = (
    "Vi skal have flere beboere med i arbejdet med Almene Mål, og det kræver, at vi møder dem "
    "dér, hvor de er: i opgangene, til sommerfesten, i fælleshuset og på de digitale kanaler. "
) * 5
LATER = (date.today() + timedelta(days=30)).isoformat()

# Where an element is, against the window: wholly in view?
IN_VIEW = """
(node) => {
  const r = node.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0
    && r.right <= window.innerWidth;
}
"""


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@pytest.fixture
def room(server, browser):  # noqa: F811
    """A session, its facilitator (a socket client) and one joined phone at 320 px."""
    created = server.create_session(title="Beboerdemokratiudvalgsmøde i afdelingen")
    console = facilitator_of(server.url, created)
    page = browser.new_context(**PHONE).new_page()
    problems = PageProblems(page)
    page.goto(created["join_url"])
    page.fill("#join-name", "Søren")
    page.click("#join-form button[type=submit]")
    expect(page.locator(".is-lobby")).to_be_visible()

    def command(action: str, **args) -> dict:
        ack = console.call("command", {"action": action, **args})
        assert ack["ok"], ack
        return ack

    yield {"created": created, "page": page, "command": command, "url": server.url}
    console.close()
    assert problems.errors == []


def test_a_long_answer_is_shown_with_its_receipt_in_view_after_send(room):
    page = room["page"]
    room["command"]("goto", step="ideer")
    page.fill(".open-text", LONG_ANSWER)
    page.click(".answer-form button[type=submit]")
    mine = page.locator(".my-answer")
    expect(mine.locator(".receipt")).to_have_text("Modtaget ✓", timeout=15_000)
    # The text that was sent is there, whole, and its receipt is on screen: it did not vanish.
    expect(mine.locator(".my-answer-text")).to_have_text(LONG_ANSWER.strip())
    assert mine.locator(".receipt").evaluate(IN_VIEW)


def test_a_pre_moderated_answer_says_it_waits_for_approval_then_that_it_was_approved(room):
    page, command = room["page"], room["command"]
    command("settings", step="ideer", premoderate=True)
    command("goto", step="ideer")
    page.fill(".open-text", "Fælles grill i gården")
    page.click(".answer-form button[type=submit]")
    receipt = page.locator(".my-answer .receipt")
    expect(receipt).to_have_text(re.compile("venter på, at mødelederen godkender"), timeout=15_000)
    assert receipt.evaluate(IN_VIEW)
    answer_id = page.locator(".my-answer").get_attribute("data-answer-id")
    command("approve", answer_id=answer_id)
    expect(receipt).to_have_text(re.compile("Godkendt ✓"))


def test_an_edited_and_confirmed_action_point_shows_the_new_text_and_no_edit_button(room):
    page, command = room["page"], room["command"]
    command("goto", step="handlepunkter")
    page.fill(".action-what-input", "Temaaften om affald")
    page.fill(".action-who-input", "Søren")
    page.fill(".action-when-input", LATER)
    page.click(".answer-form button[type=submit]")
    mine = page.locator(".my-answer")
    expect(mine.locator(".receipt")).to_have_text("Modtaget ✓", timeout=15_000)
    expect(mine.get_by_role("button", name="Ret")).to_be_visible()
    answer_id = mine.get_attribute("data-answer-id")
    command("edit_action", answer_id=answer_id, value={"what": "Grøn temaaften om affald"})
    command("confirm_action", answer_id=answer_id)
    expect(mine.locator(".receipt")).to_have_text(re.compile("Rettet og bekræftet af mødelederen"))
    expect(mine.locator(".my-answer-text").first).to_have_text("Grøn temaaften om affald")
    expect(mine.get_by_role("button", name="Ret")).to_have_count(0)


def test_a_refused_edit_says_why_in_whole_lines_not_one_word_a_line(room):
    page, command = room["page"], room["command"]
    created = room["created"]
    command("goto", step="ideer")
    page.fill(".open-text", "Flere bænke")
    page.click(".answer-form button[type=submit]")
    mine = page.locator(".my-answer")
    expect(mine.locator(".receipt")).to_have_text("Modtaget ✓", timeout=15_000)
    # Someone else's answer is merged into this one: it is the facilitator's now, and the
    # phone (which cannot know) still offers Edit; the server refuses the change.
    other = LiveClient(room["url"], role="participant", code=created["code"]).connect()
    try:
        ack = other.call(
            "answer", {"step_id": "ideer", "answer_id": "other-0001", "value": "Bænke"}
        )
        assert ack["ok"], ack
        command("merge", answer_id="other-0001", into=mine.get_attribute("data-answer-id"))
    finally:
        other.close()
    mine.get_by_role("button", name="Ret").click()
    page.fill(".open-text", "Flere bænke i gården")
    page.click(".answer-form button[type=submit]")
    failed = mine.locator(".receipt.is-failed")
    expect(failed).to_contain_text("Ikke sendt", timeout=15_000)
    # The message takes (nearly) the width of the answer, so it reads in lines, not a column.
    widths = failed.evaluate(
        "(node) => [node.getBoundingClientRect().width,"
        " node.closest('.my-answer').getBoundingClientRect().width]"
    )
    assert widths[0] >= 0.6 * widths[1], widths
    expect(mine.get_by_role("button", name="Kopiér teksten")).to_be_visible()
    # Now the phone knows: no Edit button offers a change that cannot be made.
    expect(mine.get_by_role("button", name="Ret")).to_have_count(0)


def test_the_phone_says_which_statements_are_unrated_before_sending(room):
    page = room["page"]
    room["command"]("goto", step="staar-i-dag")
    note = page.locator(".send-note")
    send = page.locator(".answer-form button[type=submit]")
    expect(note).to_have_text(re.compile("mindst ét udsagn"))
    expect(send).to_be_disabled()
    page.locator(".rating").first.get_by_role("button", name="4").click()
    expect(note).to_contain_text("Ikke vurderet endnu")
    expect(note).to_contain_text("en grønnere almen sektor")
    expect(note).not_to_contain_text("byer i balance")
    expect(send).to_be_enabled()
    page.locator(".rating").nth(1).get_by_role("button", name="2").click()
    expect(note).to_be_hidden()


def test_a_date_that_has_passed_is_said_before_proposing(room):
    page = room["page"]
    room["command"]("goto", step="handlepunkter")
    page.fill(".action-what-input", "Temaaften")
    note = page.locator(".send-note")
    expect(note).to_have_text(re.compile("Mangler stadig: Hvem, Hvornår"))
    page.fill(".action-who-input", "Søren")
    page.fill(".action-when-input", (date.today() - timedelta(days=2)).isoformat())
    expect(note).to_have_text(re.compile("Den dato er overstået"))
    expect(page.locator(".answer-form button[type=submit]")).to_be_disabled()
    page.fill(".action-when-input", LATER)
    expect(note).to_be_hidden()
    expect(page.locator(".answer-form button[type=submit]")).to_be_enabled()


def test_the_ended_phone_shows_the_agreed_plan_not_the_last_wall(room):
    page, command = room["page"], room["command"]
    command("goto", step="handlepunkter")
    page.fill(".action-what-input", "Temaaften om affald")
    page.fill(".action-who-input", "Søren")
    page.fill(".action-when-input", LATER)
    page.click(".answer-form button[type=submit]")
    mine = page.locator(".my-answer")
    expect(mine.locator(".receipt")).to_have_text("Modtaget ✓", timeout=15_000)
    command("confirm_action", answer_id=mine.get_attribute("data-answer-id"))
    command("reveal", audience="all")
    expect(page.locator(".phone-results")).to_be_visible()
    command("end")
    plan = page.locator(".phone-plan")
    expect(plan).to_contain_text("Det blev vi enige om")
    expect(plan.locator(".phone-plan-item")).to_have_count(1)
    expect(plan.locator(".action-what")).to_have_text("Temaaften om affald")
    expect(page.locator(".phone-results")).to_have_count(0)
