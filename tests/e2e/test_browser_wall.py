"""The projector's wall in a real browser, its timers driven by the test (Playwright's clock):
every answer the room gave is on screen within one cycle of pages, at 1920×1080 and
1024×768, short, long and identical; every shown card is wholly inside the screen; a new
answer leads the next page; the facilitator pages and holds the wall."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of

pytestmark = pytest.mark.browser

LONG = (
    "Vi skal have flere beboere med i arbejdet med Almene Mål, og det kræver, at vi møder dem "
    "dér, hvor de er: i opgangene, til sommerfesten, i fælleshuset og på de digitale kanaler, "
    "som de allerede bruger i hverdagen, ikke kun til de faste møder i afdelingsbestyrelsen nr. "
)
PAGE_MS = 26_000  # longer than any page stays up (wall.js: at most 25 s)
SIZES = [(1920, 1080), (1024, 768)]

# What the wall shows now: the answers on its cards (a card may stand for several identical
# ones), the cards not wholly inside the results area and the screen, and "Page n of m".
ON_SCREEN = """
() => {
  const box = document.querySelector('#results').getBoundingClientRect();
  const inside = (r) => r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
    && r.left >= box.left - 1 && r.right <= box.right + 1
    && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1;
  const cards = [...document.querySelectorAll('#results [data-answer-id]')];
  const parts = cards.flatMap((card) => [card, ...card.querySelectorAll('*')]);
  const pager = document.querySelector('#wall-pager');
  return {
    cards: cards.map((card) => (card.dataset.answerIds || card.dataset.answerId).split(' ')),
    texts: cards.map((card) => card.querySelector('.answer-text').textContent),
    weights: cards.map((card) => (card.querySelector('.weight') || {}).textContent || ''),
    outside: parts.filter((node) => !inside(node.getBoundingClientRect()))
      .map((node) => node.className || node.tagName),
    cut: cards.filter((card) => {
      const text = card.querySelector('.answer-text');
      return text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1;
    }).length,
    pager: pager.hidden ? '' : pager.textContent,
    fontSize: cards.length ? parseFloat(getComputedStyle(cards[cards.length - 1]).fontSize) : 0,
    wide: document.documentElement.scrollWidth - window.innerWidth,
  };
}
"""


@pytest.fixture
def server(server_factory):
    return server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


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
        screen.goto(created["screen_url"])
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


def arrived(screen, cards: int) -> None:
    """The projector has the answers of ``cards`` cards in its cycle."""
    expect(screen.locator(f'#results[data-wall-cards="{cards}"]')).to_be_attached(timeout=15_000)


def page_through(screen, most: int = 40) -> list[dict]:
    """Every page of the wall until a cycle has gone round once (or ``most`` pages)."""
    pages = [screen.evaluate(ON_SCREEN)]
    while pages[-1]["pager"] and len(pages) < most:
        screen.clock.run_for(PAGE_MS)
        pages.append(screen.evaluate(ON_SCREEN))
        if pages[-1]["pager"].startswith(pages[0]["pager"][:7]) and len(pages) > 2:
            break
    return pages


def page_number(pager: str) -> tuple[int, int]:
    found = re.match(r"\D*(\d+)\D+(\d+)", pager)
    return (int(found[1]), int(found[2])) if found else (1, 1)


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
