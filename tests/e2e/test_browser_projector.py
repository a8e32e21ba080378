"""The projector in a real browser: the ideas page, the highlighted one is always there and
whole, and the type stays readable from the back of the room."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of
from .wall_page import open_paused

pytestmark = pytest.mark.browser

LONG = (
    "Vi skal have flere beboere med i arbejdet med Almene Mål, og det kræver, at vi møder dem "
    "dér, hvor de er: i opgangene, til sommerfesten, i fælleshuset og på de digitale kanaler, "
    "som de allerede bruger i hverdagen, ikke kun til de faste møder i afdelingsbestyrelsen nr. "
)

# For the cards in the results: those wholly inside the results area, and the "+N" count.
VISIBLE = """
() => {
  const box = document.querySelector('#results').getBoundingClientRect();
  const inside = (node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
      && r.bottom <= window.innerHeight + 1;
  };
  const cards = [...document.querySelectorAll('#results [data-answer-id]')];
  const more = document.querySelector('#results [data-more]');
  return {
    visible: cards.filter(inside).map((node) => node.dataset.answerId),
    clipped: cards.filter((node) => !inside(node)).map((node) => node.dataset.answerId),
    more: more && inside(more) ? Number(more.dataset.more) : 0,
    fontSize: cards.length ? parseFloat(getComputedStyle(cards[0]).fontSize) : 0,
  };
}
"""


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@contextmanager
def ideas_on_screen(server, browser, size: tuple[int, int], texts: list[str]):  # noqa: F811
    """A projector of ``size`` on the ideas step, and ``texts`` given there by six phones
    (ids ``idea-0000``…); yields the facilitator, the screen's page and the ids."""
    created = server.create_session()
    code = created["code"]
    facilitator = facilitator_of(server.url, created)
    phones = [LiveClient(server.url, role="participant", code=code).connect() for _ in range(6)]
    for phone in phones:
        phone.wait(lambda c: c.states)
    screen = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems = PageProblems(screen)
    screen.clock.install()  # the wall pages only when the test moves its clock
    try:
        open_paused(screen, created["screen_url"])
        facilitator.call("command", {"action": "goto", "step": "ideer"})
        facilitator.call("command", {"action": "open"})  # a step may wait to be opened
        ids = [f"idea-{n:04d}" for n in range(len(texts))]
        for n, (answer_id, text) in enumerate(zip(ids, texts, strict=True)):
            ack = phones[n % 6].call(
                "answer", {"step_id": "ideer", "answer_id": answer_id, "value": text}
            )
            assert ack["ok"], ack
        yield facilitator, screen, ids
    finally:
        for client in (facilitator, *phones):
            client.close()
    assert problems.errors == []


@pytest.mark.parametrize(("width", "height", "floor"), [(1920, 1080, 32), (1024, 768, 24)])
def test_thirty_long_ideas_page_on_the_projector_with_the_highlighted_one_whole(
    server,
    browser,  # noqa: F811
    width,
    height,
    floor,
):
    texts = [f"{n + 1}. {LONG}"[:260] for n in range(30)]
    with ideas_on_screen(server, browser, (width, height), texts) as (facilitator, screen, ids):
        marked = ids[3]  # an early idea: the newest would be shown first anyway
        assert facilitator.call("command", {"action": "highlight", "answer_id": marked})["ok"]
        facilitator.call("command", {"action": "reveal", "audience": "screen"})
        expect(
            screen.locator(f'#results .wall-spotlight [data-answer-id="{marked}"]')
        ).to_be_visible()
        expect(screen.locator('#results[data-wall-cards="30"]')).to_be_attached()
        seen = screen.evaluate(VISIBLE)
        assert seen["clipped"] == [], "cards cut off at the edge"
        assert marked in seen["visible"] and len(seen["visible"]) >= 2
        assert seen["fontSize"] >= floor
        # The rest are on the pages that follow, and the projector says so.
        expect(screen.locator("#wall-pager")).to_contain_text(re.compile(r"1 af ([2-9]|\d\d)"))


def refitted(screen, width: int, height: int) -> None:
    """The screen fits again once its window stops changing (a short timer of its clock):
    the clock moves on until the wall says it chose its type for this window (the resize
    event may come a moment late)."""
    marker = screen.locator(f'#results[data-fitted-for="{width}x{height}"]')
    for _ in range(100):
        screen.clock.run_for(200)
        if marker.count():
            return
        screen.wait_for_timeout(50)
    raise AssertionError("the projector did not fit its new window")


def test_the_projector_fits_again_when_its_window_changes_size(
    server,
    browser,  # noqa: F811
):
    """The screen view is opened on the laptop and then dragged to the projector and made
    full screen: the results are fitted again for the window they are in now."""
    texts = [f"Idé {n + 1}: {LONG[:70]}" for n in range(30)]
    with ideas_on_screen(server, browser, (1920, 1080), texts) as (facilitator, screen, _ids):
        facilitator.call("command", {"action": "reveal", "audience": "screen"})
        expect(screen.locator('#results[data-wall-cards="30"]')).to_be_attached()
        large = screen.evaluate(VISIBLE)
        assert large["clipped"] == [] and large["visible"]

        screen.set_viewport_size({"width": 1024, "height": 768})
        refitted(screen, 1024, 768)
        small = screen.evaluate(VISIBLE)
        assert small["clipped"] == [] and small["visible"], "cards cut off after the window shrank"
        assert small["fontSize"] >= 24

        screen.set_viewport_size({"width": 1920, "height": 1080})
        refitted(screen, 1920, 1080)
        again = screen.evaluate(VISIBLE)
        assert again["clipped"] == [] and again["visible"]
        assert again["fontSize"] >= 32, "the type grows back to the big screen's"
