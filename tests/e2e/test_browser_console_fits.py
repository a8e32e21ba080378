"""The console on a facilitator's laptop (1280×800 and 1024×768), in a real browser: what the
room is doing stays in sight, nothing is wider than the screen, the approval queue comes first,
steps are set up ahead, the last step ends the meeting, a jump can be undone, and no command
is lost to the budget."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of

pytestmark = pytest.mark.browser

LAPTOPS = [(1280, 800), (1024, 768)]
LONG_TITLE = "Beboerdemokratiudvalgsmøde i Afdelingsbestyrelsesmødelokalet"
LONG_NAME = "Boligorganisationernesrepræsentanten"
LONG_ANSWER = "Affaldssorteringsordningskampagneplanlægningsgruppen"
IDEAS_STEP = 6  # "ideer": open, five ideas a person

# Where an element is, in the viewport: [top, bottom, left, right].
BOX = """(node) => {
  const r = node.getBoundingClientRect();
  return [r.top, r.bottom, r.left, r.right];
}"""
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# The text of each card that reaches past the card's right edge.
STICKING_OUT = """(cards) => cards.flatMap((card) => {
  const right = card.getBoundingClientRect().right + 0.5;
  return [...card.querySelectorAll("*")]
    .filter((node) => node.getBoundingClientRect().right > right)
    .map((node) => node.textContent.slice(0, 40));
})"""


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@pytest.fixture
def own_server(server_factory):
    """A server of the test's own, for a test that stops it (the module shares the other)."""
    return server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


def phones(server, created, count: int) -> list[LiveClient]:
    people = [
        LiveClient(
            server.url,
            role="participant",
            code=created["code"],
            name=LONG_NAME if n == 0 else f"Deltager {n}",
        ).connect()
        for n in range(count)
    ]
    for person in people:
        person.wait(lambda c: c.states)
    return people


def fits(page) -> None:
    width, viewport = page.evaluate(WIDTHS)
    assert width <= viewport, f"the page is {width} px wide in a {viewport} px window"


def in_view(page, locator) -> list[float]:
    top, bottom, left, right = locator.evaluate(BOX)
    height, width = page.evaluate("[innerHeight, innerWidth]")
    assert top >= 0 and bottom <= height and left >= 0 and right <= width, (top, bottom, height)
    return [top, bottom, left, right]


@pytest.mark.parametrize(("width", "height"), LAPTOPS)
def test_the_bar_says_where_the_room_is_and_stays_when_the_console_scrolls(
    own_server,
    browser,  # noqa: F811
    width,
    height,
):
    created = own_server.create_session(title=LONG_TITLE)
    facilitator = facilitator_of(own_server.url, created)
    people = phones(own_server, created, 6)
    console = browser.new_page(viewport={"width": width, "height": height}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    expect(console.locator("#session-title")).to_have_text(LONG_TITLE)
    fits(console)  # the lobby

    # Pre-moderation set before the room gets there, then 10 ideas: 6 approved, 4 waiting.
    assert facilitator.call(
        "command", {"action": "settings", "step": "ideer", "premoderate": True}
    )["ok"]
    assert facilitator.call("command", {"action": "goto", "step": "ideer"})["ok"]
    ids = []
    for n in range(10):
        text = LONG_ANSWER if n == 0 else f"Idé {n}: en sommerfest i gården for alle opgange"
        answer_id = f"idea-{n:04d}fit"
        ack = people[n % len(people)].call(
            "answer", {"step_id": "ideer", "answer_id": answer_id, "value": text}
        )
        assert ack["ok"], ack
        ids.append(answer_id)
    for answer_id in ids[:6]:
        assert facilitator.call("command", {"action": "approve", "answer_id": answer_id})["ok"]

    bar = console.locator("#console-bar")
    expect(bar).to_contain_text(f"Trin {IDEAS_STEP + 1} af 10")
    expect(bar).to_contain_text("Åben for svar")
    expect(console.locator("#progress")).to_have_text(re.compile(r"^\d+ af 6 har svaret$"))
    expect(console.locator("#bar-pending")).to_have_text("4 venter på din godkendelse")
    expect(bar.locator("[data-connection]")).to_have_text("Forbundet")
    expect(console.locator("#results")).to_contain_text(LONG_ANSWER)
    # The queue comes before the wall of answers, and the controls are in sight with it.
    queue = console.locator("#pending-answers .pending-list")
    expect(queue).to_contain_text("Venter på din godkendelse (4)")
    queue_top = queue.evaluate(BOX)[0]
    assert queue_top < console.locator("#results").evaluate(BOX)[0]
    in_view(console, console.locator("[data-action=next]"))
    in_view(console, console.locator("[data-action=close]"))
    if width >= 1280:
        assert queue_top < height - 100, "the approval queue starts below the fold"
    else:
        console.locator("#bar-pending").click()  # one click from the bar to the queue
        expect(queue).to_be_in_viewport()
    cards = console.locator("#results .answer-card, #pending-answers .pending-card")
    assert cards.evaluate_all(STICKING_OUT) == []
    console.click("#panel-participants summary")
    expect(console.locator("#participant-list")).to_contain_text(LONG_NAME)
    fits(console)

    # Scrolled to the very bottom, the bar is still at the top, and says so when the server goes.
    console.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(bar).to_be_in_viewport()
    assert console.evaluate("window.scrollY") > 0
    top = in_view(console, bar)[0]
    assert top == 0
    own_server.stop()
    connection = bar.locator("[data-connection]")
    expect(connection).not_to_have_text("Forbundet", timeout=20_000)
    expect(connection).to_have_attribute("data-state", re.compile("reconnecting|offline"))
    in_view(console, connection)
    for person in (facilitator, *people):
        person.close()
    assert problems.errors == []


def test_settings_set_ahead_hold_the_first_answer_and_wait_for_open(server, browser):  # noqa: F811
    created = server.create_session()
    phone = phones(server, created, 1)[0]
    console = browser.new_page(viewport={"width": 1280, "height": 800}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    console.click("#panel-settings summary")
    form = console.locator("#settings-form")
    form.locator("select[name=step]").select_option(str(IDEAS_STEP))
    form.locator("select[name=opens]").select_option("by_facilitator")
    form.locator("input[name=premoderate]").check()
    form.locator("button[type=submit]").click()
    expect(console.locator("#settings-saved")).to_be_visible()
    # The step list says ahead what the room will meet there.
    set_up = console.locator(f"#steps li >> nth={IDEAS_STEP}").locator(".step-kind")
    expect(set_up).to_have_text("Åbent spørgsmål · åbner, når du siger til · du godkender først")

    console.click("[data-action=start]")
    expect(console.locator("#bar-position")).to_have_text("Trin 1 af 10")
    # The settings picker follows the room; the step set up ahead keeps what it was given.
    expect(form.locator("select[name=step]")).to_have_value("0")
    console.click(f"#steps li >> nth={IDEAS_STEP}")
    expect(console.locator("#bar-position")).to_have_text(f"Trin {IDEAS_STEP + 1} af 10")
    # Not yet opened is not the same as closed: the bar says which.
    expect(console.locator("#bar-answering")).to_have_text("Ikke åbnet endnu")
    expect(form.locator("select[name=opens]")).to_have_value("by_facilitator")
    expect(form.locator("input[name=premoderate]")).to_be_checked()
    phone.wait(lambda c: c.states[-1]["step"] and c.states[-1]["step"]["id"] == "ideer")
    assert phone.states[-1]["answering"] is False
    assert phone.states[-1]["awaiting_open"] is True
    refused = phone.call(
        "answer", {"step_id": "ideer", "answer_id": "idea-early01", "value": "Nu?"}
    )
    assert not refused["ok"]

    console.click("[data-action=open]")
    expect(console.locator("#bar-answering")).to_have_text("Åben for svar")
    phone.wait(lambda c: c.states[-1]["answering"])
    first = phone.call(
        "answer", {"step_id": "ideer", "answer_id": "idea-first01", "value": "Det første svar"}
    )
    assert first["ok"], first
    expect(console.locator("#pending-answers")).to_contain_text("Det første svar")
    expect(console.locator("#bar-pending")).to_have_text("1 venter på din godkendelse")
    expect(console.locator("#results")).not_to_contain_text("Det første svar")
    phone.close()
    assert problems.errors == []


def test_the_last_step_ends_the_meeting_and_hands_over_the_report(server, browser):  # noqa: F811
    created = server.create_session()
    console = browser.new_page(
        viewport={"width": 1280, "height": 800}, locale="da-DK", accept_downloads=True
    )
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    console.click("[data-action=start]")
    console.click("#steps li >> nth=9")
    finish = console.locator("[data-action=finish]")
    expect(finish).to_have_text("Afslut mødet og hent rapporten")
    expect(console.locator("[data-action=next]")).to_be_hidden()
    in_view(console, finish)
    console.on("dialog", lambda dialog: dialog.accept())
    with console.expect_download(timeout=30_000) as download:
        finish.click()
    assert download.value.suggested_filename.endswith(".pdf")
    expect(console.locator("#ended-pdf")).to_have_text("Hent PDF-rapporten")
    expect(console.locator("#ended-pdf")).to_be_visible()
    expect(console.locator("#progress")).to_be_hidden()  # nobody answers an ended meeting
    assert problems.errors == []


def test_a_jump_in_the_step_list_can_be_undone_for_a_while(server, browser):  # noqa: F811
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    console = browser.new_page(viewport={"width": 1280, "height": 800}, locale="da-DK")
    problems = PageProblems(console)
    console.clock.install()
    console.goto(created["facilitator_url"])
    console.click("[data-action=start]")
    console.click("#steps li >> nth=2")
    expect(console.locator("#bar-position")).to_have_text("Trin 3 af 10")
    console.click("#steps li >> nth=7")  # the mis-click
    expect(console.locator("#bar-position")).to_have_text("Trin 8 af 10")
    undo = console.locator("#jump-undo")
    expect(undo).to_contain_text("Mødet er nu på trin 8.")
    back = console.locator("#jump-undo-button")
    expect(back).to_have_text("Tilbage til trin 3")
    in_view(console, back)
    back.click()
    expect(console.locator("#bar-position")).to_have_text("Trin 3 af 10")
    facilitator.wait(lambda c: c.states[-1]["step_index"] == 2)
    expect(undo).to_be_hidden()

    console.click("#steps li >> nth=4")
    expect(undo).to_be_visible()
    console.clock.run_for(9_000)
    expect(undo).to_be_visible()
    console.clock.run_for(2_000)
    expect(undo).to_be_hidden()
    facilitator.close()
    assert problems.errors == []


def test_forty_hides_and_merges_in_a_row_all_go_through_on_a_real_server(server):
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    people = phones(server, created, 9)
    assert facilitator.call("command", {"action": "goto", "step": "ideer"})["ok"]
    ids = []
    for p, person in enumerate(people):
        for n in range(5):
            answer_id = f"idea-{p:02d}{n:02d}forty"
            ack = person.call(
                "answer", {"step_id": "ideer", "answer_id": answer_id, "value": f"Idé {p}.{n}"}
            )
            assert ack["ok"], ack
            ids.append(answer_id)
    acks = [
        facilitator.call("command", {"action": "merge", "answer_id": a, "into": ids[0]})
        for a in ids[1:21]
    ]
    acks += [
        facilitator.call("command", {"action": "hide_answer", "answer_id": a}) for a in ids[21:41]
    ]
    assert [ack["ok"] for ack in acks] == [True] * 40, [ack for ack in acks if not ack["ok"]][:1]
    for person in (facilitator, *people):
        person.close()


def test_a_command_refused_as_too_fast_is_sent_again_not_lost(server_factory, browser):  # noqa: F811
    # A budget so small that a person clicking can spend it: 2 at once, then 1 a second.
    server = server_factory(
        WORKSHOP_ASYNC_MODE="gevent", WORKSHOP_COMMAND_BURST="2", WORKSHOP_COMMAND_RATE="1"
    ).start()
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    people = phones(server, created, 2)
    assert facilitator.call("command", {"action": "goto", "step": "ideer"})["ok"]
    for n in range(6):
        ack = people[n % 2].call(
            "answer", {"step_id": "ideer", "answer_id": f"idea-{n:04d}fast", "value": f"Idé {n}"}
        )
        assert ack["ok"], ack
    console = browser.new_page(viewport={"width": 1280, "height": 800}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    hide = console.locator("#results [data-tool=hide]")
    expect(hide).to_have_count(6)
    # Six hides as fast as the page takes them: more than the budget holds.
    hide.evaluate_all("(buttons) => buttons.forEach((button) => button.click())")
    expect(console.locator("#hidden-answers")).to_contain_text("Skjulte svar (6)", timeout=30_000)
    expect(console.locator("#results [data-tool=hide]")).to_have_count(0)
    expect(console.locator("#command-error")).to_be_hidden()
    for person in (facilitator, *people):
        person.close()
    assert problems.errors == []


def test_the_rehearsal_shows_its_three_phones_beside_the_controls_and_no_network_warning(
    server,
    browser,  # noqa: F811
):
    server.create_session()  # the tests' meeting is now on the home page's list
    console = browser.new_page(viewport={"width": 1280, "height": 800}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(server.url + "/")
    console.check("input[name=dialogue][value=testmoede]")
    console.click("button[name=practice]")
    expect(console.locator("[data-practice-badge]")).to_have_text("Øvelse")
    # The test server listens on 127.0.0.1 only: a real meeting would be warned, a rehearsal not.
    expect(console.locator("[data-unreachable]")).to_have_count(0)
    boxes = console.locator(".practice-phone-box")
    expect(boxes).to_have_count(3)
    expect(console.locator("[data-action=start]")).to_be_visible()
    for n in range(3):
        in_view(console, boxes.nth(n))
    in_view(console, console.locator("[data-action=start]"))
    console.click("[data-action=start]")
    for n in range(3):
        in_view(console, boxes.nth(n))
    frame = console.frame_locator(".practice-phone").nth(2)
    expect(frame.locator("#view")).to_contain_text("Velkommen")
    fits(console)
    assert problems.errors == []


def test_clicks_in_a_row_all_apply_in_the_order_they_were_given(server, browser):  # noqa: F811
    created = server.create_session()
    facilitator = facilitator_of(server.url, created)
    console = browser.new_page(viewport={"width": 1280, "height": 800}, locale="da-DK")
    problems = PageProblems(console)
    console.goto(created["facilitator_url"])
    console.click("[data-action=start]")
    console.click("#steps li >> nth=2")  # a choice step: its results wait for a reveal
    expect(console.locator("#bar-position")).to_have_text("Trin 3 af 10")
    # Show the phones the results, then move on, faster than any answer comes back.
    console.evaluate(
        """() => {
          document.querySelector('[data-action=reveal][data-audience=phones]').click();
          document.querySelector('[data-action=next]').click();
        }"""
    )
    expect(console.locator("#bar-position")).to_have_text("Trin 4 af 10")
    expect(console.locator("#command-error")).to_be_hidden()
    facilitator.wait(lambda c: c.states[-1]["step_index"] == 3)
    shown = [s for s in facilitator.states if s["step_index"] == 2 and s["visibility"]["phones"]]
    assert shown, "the reveal was lost"
    facilitator.close()
    assert problems.errors == []
