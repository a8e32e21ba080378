"""The projector's wall in a real browser, its timers driven by the test (Playwright's
clock): a room of phones and a projector to open paused, its pages to turn, and what its
cards show at each turn, for the wall's tests to share."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .browser import PageProblems
from .clients import LiveClient, facilitator_of

LONG = (
    "Vi skal have flere beboere med i arbejdet med Almene Mål, og det kræver, at vi møder dem "
    "dér, hvor de er: i opgangene, til sommerfesten, i fælleshuset og på de digitale kanaler, "
    "som de allerede bruger i hverdagen, ikke kun til de faste møder i afdelingsbestyrelsen nr. "
)
PAGE_MS = 26_000  # longer than any page stays up (wall.js: at most 25 s)
SIZES = [(1920, 1080), (1024, 768)]

# What the wall shows now: the answers on its cards (a card may stand for several identical
# ones), the cards not wholly inside the results area and the screen, and "Page n of m".
# Cards slide in (a short CSS animation): a box measured mid-slide sits lower than the card
# will. Every measurement first lets the arrivals end, as a reader's eye does.
SETTLE = """
  document.getAnimations().forEach((animation) => {
    try { animation.finish(); } catch (endless) { animation.cancel(); }
  });
"""

ON_SCREEN = (
    """
() => {"""
    + SETTLE
    + """
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
)


def open_paused(screen, url: str) -> None:
    """Open the projector with its timers stopped: only the test moves its clock, so a page
    turns when the test says, however busy the machine is."""
    screen.goto(url)
    expect(screen.locator("body")).to_have_attribute("data-connection", "connected")
    # The clock may only be paused ahead of the page's own time, which runs on while this
    # process waits for its turn on a busy machine: aim a little further ahead each try.
    for ahead in (0.05, 0.25, 1.0, 2.0):
        now = screen.evaluate("Date.now()")
        try:
            screen.clock.pause_at(datetime.fromtimestamp(now / 1000 + ahead))
            return
        except PlaywrightError as error:
            if "to the past" not in str(error):
                raise
    raise AssertionError("the projector's clock could not be paused")


def arrived(screen, cards: int) -> None:
    """The projector has the answers of ``cards`` cards in its cycle."""
    expect(screen.locator(f'#results[data-wall-cards="{cards}"]')).to_be_attached(timeout=15_000)


def turn_page(screen) -> None:
    """Let the projector's clock run until its wall shows another page (a page stays up for
    at most 25 s): a second at a time, so no page goes by unseen."""
    before = screen.evaluate(SHOWN)
    for _ in range(PAGE_MS // 1000):
        screen.clock.run_for(1000)
        if screen.evaluate(SHOWN) != before:
            return


# What is on the wall now, to see it change.
SHOWN = """() => [document.querySelector('#wall-pager').textContent,
  document.querySelector('#results').innerText]"""


def page_through(screen, most: int = 40) -> list[dict]:
    """Every page of the wall until a cycle has gone round once (or ``most`` pages)."""
    pages = [screen.evaluate(ON_SCREEN)]
    while pages[-1]["pager"] and len(pages) < most:
        turn_page(screen)
        pages.append(screen.evaluate(ON_SCREEN))
        if pages[-1]["pager"].startswith(pages[0]["pager"][:7]) and len(pages) > 2:
            break
    return pages


def page_number(pager: str) -> tuple[int, int]:
    found = re.match(r"\D*(\d+)\D+(\d+)", pager)
    return (int(found[1]), int(found[2])) if found else (1, 1)


@contextmanager
def projector(server, browser, size, phones=8, tables=None, title=None):
    """A session with ``phones`` phones (``tables``: the table of each, or None) and a
    projector of ``size`` whose clock the test drives; yields (facilitator, screen, room,
    created)."""
    created = server.create_session(**({"title": title} if title else {}))
    code = created["code"]
    facilitator = facilitator_of(server.url, created)
    if tables:
        ack = facilitator.call("command", {"action": "tables", "names": tables})
        assert ack["ok"], ack
    seats = [None] * phones if tables is None else tables_of(phones, len(tables))
    room = [
        LiveClient(server.url, role="participant", code=code, **({"table": t} if t else {}))
        for t in seats
    ]
    for phone in room:
        phone.connect()
        phone.wait(lambda c: c.states)
    screen = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems = PageProblems(screen)
    screen.clock.install()
    try:
        open_paused(screen, created["screen_url"])
        yield facilitator, screen, room, created
    finally:
        for client in (facilitator, *room):
            client.close()
    assert problems.errors == []


def tables_of(phones: int, tables: int) -> list[str | None]:
    """Two phones at each table in turn, and every third phone at none."""
    return [None if n % 3 == 2 else f"t{n % tables + 1}" for n in range(phones)]


def give(room, step: str, values: list) -> list[str]:
    ids = []
    for n, value in enumerate(values):
        answer_id = f"{step}-{n:04d}"
        ack = room[n % len(room)].call(
            "answer", {"step_id": step, "answer_id": answer_id, "value": value}
        )
        assert ack["ok"], ack
        ids.append(answer_id)
    return ids


def to_step(facilitator, step: str) -> None:
    for command in ({"action": "goto", "step": step}, {"action": "open"}):
        ack = facilitator.call("command", command)
        assert ack["ok"] or ack["error"]["code"] == "step_takes_no_answers", ack


def reveal(facilitator) -> None:
    assert facilitator.call("command", {"action": "reveal", "audience": "screen"})["ok"]
