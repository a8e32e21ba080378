"""The wall's cycle of pages on the projector, its timers driven by the test: every answer
the room gave is on screen within one cycle, at 1920×1080 and 1024×768, short, long and
identical, every shown card wholly inside the screen; a new answer leads the next page;
the facilitator pages and holds the wall from the console."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from .browser import (
    PageProblems,
    browser,  # noqa: F401  (fixture)
)
from .clients import LiveClient, facilitator_of
from .wall_page import (
    LONG,
    ON_SCREEN,
    PAGE_MS,
    SIZES,
    arrived,
    give,
    open_paused,
    page_number,
    page_through,
    projector,
    reveal,
    to_step,
    turn_page,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@contextmanager
def wall_on_screen(server, browser, size, texts, phones=8):  # noqa: F811
    """A projector of ``size`` with its clock in the test's hands, on the ideas step with
    ``texts`` given by ``phones`` phones (ids ``idea-0000``…) and the results revealed."""
    created = server.create_session()
    code = created["code"]
    facilitator = facilitator_of(server.url, created)
    room = [LiveClient(server.url, role="participant", code=code).connect() for _ in range(phones)]
    for phone in room:
        phone.wait(lambda c: c.states)
    screen = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems = PageProblems(screen)
    screen.clock.install()
    try:
        open_paused(screen, created["screen_url"])
        facilitator.call("command", {"action": "goto", "step": "ideer"})
        facilitator.call("command", {"action": "open"})
        ids = [f"idea-{n:04d}" for n in range(len(texts))]
        for n, (answer_id, text) in enumerate(zip(ids, texts, strict=True)):
            ack = room[n % phones].call(
                "answer", {"step_id": "ideer", "answer_id": answer_id, "value": text}
            )
            assert ack["ok"], ack
        facilitator.call("command", {"action": "reveal", "audience": "screen"})
        arrived(screen, len({" ".join(text.split()).lower() for text in texts}))
        yield facilitator, screen, ids, room
    finally:
        for client in (facilitator, *room):
            client.close()
    assert problems.errors == []


MIXES = {
    "short": [f"Mere grønt {n}" for n in range(36)],
    "long": [f"{n + 1}. {LONG}"[:260] for n in range(24)],
    "identical": ["Flere bænke", "flere  BÆNKE ", "Mere lys"] * 6
    + [f"Idé {n}: {LONG[: 30 + 7 * n]}" for n in range(12)],
}


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
@pytest.mark.parametrize("mix", list(MIXES))
def test_every_answer_is_on_the_projector_within_one_cycle(server, browser, size, mix):  # noqa: F811
    texts = MIXES[mix]
    floor = 32 if size[0] == 1920 else 24
    with wall_on_screen(server, browser, size, texts) as (_facilitator, screen, ids, _room):
        pages = page_through(screen)
        seen = {answer for page in pages for card in page["cards"] for answer in card}
        assert seen == set(ids), f"never on the projector: {sorted(set(ids) - seen)}"
        first, last = page_number(pages[0]["pager"]), page_number(pages[-2]["pager"])
        if pages[0]["pager"]:
            assert first[0] == 1 and last[0] == last[1], "the pages count up to the last"
        for page in pages:
            assert page["outside"] == [], "part of a card outside the screen"
            assert page["cut"] == 0, "a card's text cut short"
            assert page["fontSize"] >= floor - 0.5
            assert page["wide"] <= 0
            # A card stands for identical answers only, and says how many.
            for card, text, weight in zip(
                page["cards"], page["texts"], page["weights"], strict=True
            ):
                same = {" ".join(texts[ids.index(a)].split()).lower() for a in card}
                assert same == {" ".join(text.split()).lower()}
                assert (weight == f"×{len(card)}") if len(card) > 1 else weight == ""
        if mix == "identical":
            assert sum(len(card) for page in pages[:-1] for card in page["cards"]) == len(ids)


def test_a_new_answer_leads_the_next_page(server, browser):  # noqa: F811
    with projector(server, browser, (1024, 768)) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        give(room, "ideer", [f"Mere grønt {n}" for n in range(30)])
        reveal(facilitator)
        arrived(screen, 30)
        first = screen.evaluate(ON_SCREEN)
        assert first["pager"].startswith("Side 1 af")
        ack = room[0].call(
            "answer", {"step_id": "ideer", "answer_id": "brand-new", "value": "Helt ny idé"}
        )
        assert ack["ok"]
        arrived(screen, 31)
        assert screen.evaluate(ON_SCREEN)["cards"] == first["cards"], "the page stays put"
        turn_page(screen)
        assert screen.evaluate(ON_SCREEN)["cards"][0] == ["brand-new"]


def test_the_console_pages_and_holds_the_wall(server, browser):  # noqa: F811
    with projector(server, browser, (1024, 768)) as (facilitator, screen, room, created):
        to_step(facilitator, "ideer")
        give(room, "ideer", [f"Mere grønt {n}" for n in range(36)])
        reveal(facilitator)
        arrived(screen, 36)
        console = browser.new_page(viewport={"width": 1280, "height": 800})
        console.goto(created["facilitator_url"])
        pager = screen.locator("#wall-pager")
        expect(pager).to_contain_text("Side 1 af")
        console.get_by_role("button", name="Næste side").click()
        expect(pager).to_contain_text("Side 2 af")
        console.get_by_role("button", name="Hold siden").click()
        expect(pager).to_contain_text("på pause")
        held = screen.evaluate(ON_SCREEN)["cards"]
        for _ in range(3):
            screen.clock.run_for(PAGE_MS)
        assert screen.evaluate(ON_SCREEN)["cards"] == held, "a held wall stays on its page"
        console.keyboard.press("Shift+ArrowLeft")
        expect(pager).to_contain_text("Side 1 af")
        console.keyboard.press("p")
        expect(pager).not_to_contain_text("på pause")
        expect(console.get_by_role("button", name="Hold siden")).to_be_visible()
        turn_page(screen)
        expect(pager).to_contain_text("Side 2 af")
        # The console's arrows with Shift paged the wall, not the room.
        assert facilitator.state["step"]["id"] == "ideer"
