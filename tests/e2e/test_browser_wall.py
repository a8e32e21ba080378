"""The projector's wall in a real browser, its timers driven by the test (Playwright's clock):
every answer the room gave is on screen within one cycle of pages, at 1920×1080 and
1024×768, short, long and identical; every shown card is wholly inside the screen; a new
answer leads the next page; the facilitator pages and holds the wall."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime

import pytest
from playwright.sync_api import Error as PlaywrightError
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


@contextmanager
def projector(server, browser, size, phones=8, tables=None, title=None):  # noqa: F811
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


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_highlighted_long_answer_is_shown_whole(server, browser, size):  # noqa: F811
    story = " ".join([LONG] * 4)[:990] + " slut."
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        ids = give(room, "ideer", [story] + [f"Idé {n}: {LONG[:90]}" for n in range(15)])
        assert facilitator.call("command", {"action": "highlight", "answer_id": ids[0]})["ok"]
        reveal(facilitator)
        spotlight = screen.locator(f'#results .wall-spotlight [data-answer-id="{ids[0]}"]')
        expect(spotlight).to_be_visible()
        for _ in range(3):
            page = screen.evaluate(ON_SCREEN)
            assert page["outside"] == [] and page["cut"] == 0
            assert page["cards"][0] == [ids[0]], "the spotlight stays up on every page"
            assert page["texts"][0].endswith("slut.")
            turn_page(screen)


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_long_answer_highlighted_while_the_wall_pages_is_shown_whole(server, browser, size):  # noqa: F811
    """The facilitator puts a long answer in the spotlight after the wall began paging (as a
    busy server also brings the highlight after the first pages): it takes smaller type or
    stands alone, never over the edge."""
    story = " ".join([LONG] * 4)[:990] + " slut."
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        give(room, "ideer", [f"Idé {n}: {LONG[:90]}" for n in range(15)])
        reveal(facilitator)
        arrived(screen, 15)
        assert screen.evaluate(ON_SCREEN)["pager"], "the wall pages before the highlight"
        ack = room[7].call(
            "answer", {"step_id": "ideer", "answer_id": "ideer-story", "value": story}
        )
        assert ack["ok"], ack
        arrived(screen, 16)
        assert facilitator.call("command", {"action": "highlight", "answer_id": "ideer-story"})[
            "ok"
        ]
        spotlight = screen.locator('#results .wall-spotlight [data-answer-id="ideer-story"]')
        expect(spotlight).to_be_visible()
        for _ in range(3):
            page = screen.evaluate(ON_SCREEN)
            assert page["outside"] == [] and page["cut"] == 0
            assert page["cards"][0] == ["ideer-story"], "the spotlight stays up on every page"
            turn_page(screen)


CLOUD_INSIDE = (
    """
() => {"""
    + SETTLE
    + """
  const box = document.querySelector('#results').getBoundingClientRect();
  const words = [...document.querySelectorAll('#results .word')];
  return {
    words: words.map((w) => w.firstChild.textContent),
    outside: words.filter((w) => {
      const r = w.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
        || r.bottom > box.bottom + 1 || r.bottom > innerHeight;
    }).map((w) => w.textContent),
  };
}
"""
)


@pytest.mark.parametrize("size", [*SIZES, (1280, 720)], ids=["1920", "1024", "720p"])
def test_every_word_of_the_cloud_is_inside_the_screen(server, browser, size):  # noqa: F811
    long_word = "beboerdemokratiudvalgsmødernes"  # 30 letters, the longest a word may be
    words = [[long_word, "tryghed", "fællesskab"]] + [
        [f"ord{n}", f"grøn{n % 5}", "fællesskab"] for n in range(13)
    ]
    distinct = {word for answer in words for word in answer}
    with projector(server, browser, size, phones=len(words)) as (facilitator, screen, room, _c):
        to_step(facilitator, "indcheckning")
        give(room, "indcheckning", words)
        reveal(facilitator)
        screen.wait_for_function(
            "n => document.querySelectorAll('#results .word').length >= n",
            arg=len(distinct),
            timeout=15_000,
        )
        cloud = screen.evaluate(CLOUD_INSIDE)
        assert long_word in cloud["words"]
        assert cloud["outside"] == []


PLAN_ROWS = """
() => {
  const box = document.querySelector('#results').getBoundingClientRect();
  return [...document.querySelectorAll('#results .plan-table tbody tr')].map((row) => {
    const when = row.querySelector('.col-when');
    const r = row.getBoundingClientRect();
    return {
      id: row.dataset.answerId,
      inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1,
      dateWhole: when.scrollWidth <= when.clientWidth + 1
        && when.getBoundingClientRect().right <= box.right + 1,
      font: parseFloat(getComputedStyle(row.querySelector('.col-what')).fontSize),
    };
  });
}
"""


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_the_confirmed_plan_pages_through_every_point_with_its_date_whole(
    server,
    browser,  # noqa: F811
    size,
):
    points = [
        {
            "what": f"Punkt {n + 1}: {LONG[: 60 + 25 * n]}",
            "who": "Afdelingsbestyrelsen og beboerdemokratiudvalget",
            "when": f"2031-{n + 1:02d}-2{n}",
        }
        for n in range(6)
    ]
    with projector(server, browser, size, phones=6) as (facilitator, screen, room, _created):
        to_step(facilitator, "handlepunkter")
        ids = give(room, "handlepunkter", points)
        for answer_id in ids:
            ack = facilitator.call("command", {"action": "confirm_action", "answer_id": answer_id})
            assert ack["ok"], ack
        reveal(facilitator)
        arrived(screen, 6)
        seen = set()
        for _ in range(8):
            rows = screen.evaluate(PLAN_ROWS)
            assert rows, "a page without points"
            for row in rows:
                assert row["inside"] and row["dateWhole"], row
                assert row["font"] >= (32 if size[0] == 1920 else 24) - 0.5
            seen |= {row["id"] for row in rows}
            turn_page(screen)
        assert seen == set(ids), "every point of the plan is on the projector"


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_the_ranking_pages_through_every_idea(server, browser, size):  # noqa: F811
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        ideas = give(room, "ideer", [f"Idé {n}: {LONG[: 20 + 4 * n]}" for n in range(28)])
        to_step(facilitator, "prioriter")
        for n, phone in enumerate(room):
            votes = [ideas[n], ideas[n + 10], ideas[27]]
            ack = phone.call(
                "answer", {"step_id": "prioriter", "answer_id": f"vote-{n:04d}", "value": votes}
            )
            assert ack["ok"], ack
        reveal(facilitator)
        arrived(screen, 28)
        seen = set()
        for _ in range(12):
            rows = screen.evaluate(
                """() => { const box = document.querySelector('#results').getBoundingClientRect();
                  return [...document.querySelectorAll('#results .vote-row[data-answer-id]')]
                    .map((row) => { const r = row.getBoundingClientRect();
                      return [row.dataset.answerId, r.bottom <= box.bottom + 1
                        && r.right <= box.right + 1]; }); }"""
            )
            assert rows and all(inside for _id, inside in rows)
            seen |= {answer_id for answer_id, _inside in rows}
            assert screen.locator("#results [data-more]").count() == 0, "no '+N more'"
            turn_page(screen)
        assert seen == set(ideas)


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_ranking_that_changes_while_on_the_wall_starts_again_from_its_top(server, browser, size):  # noqa: F811
    """The vote's results are up before the votes come in: when they come, the page the room
    sees is the top of the ranking as it is now, not a page of the list as it first stood."""
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        ideas = give(room, "ideer", [f"Idé {n}: {LONG[: 20 + 4 * n]}" for n in range(28)])
        to_step(facilitator, "prioriter")
        reveal(facilitator)
        arrived(screen, 28)
        expect(screen.locator("#wall-pager")).to_have_text(re.compile(r"^Side 1 af"))
        first = screen.evaluate(
            "() => [...document.querySelectorAll('#results .vote-row')]"
            ".map((r) => r.dataset.answerId)"
        )
        winner = next(idea for idea in reversed(ideas) if idea not in first)
        for n, phone in enumerate(room):
            votes = [ideas[n], ideas[n + 10], winner]
            ack = phone.call(
                "answer", {"step_id": "prioriter", "answer_id": f"vote-{n:04d}", "value": votes}
            )
            assert ack["ok"], ack
        top = screen.locator(f'#results .vote-row.rank-1[data-answer-id="{winner}"]')
        expect(top).to_be_visible(timeout=15_000)
        expect(screen.locator("#wall-pager")).to_have_text(re.compile(r"^Side 1 af"))


TABLE_BOXES = """
() => {
  const box = document.querySelector('#results').getBoundingClientRect();
  const texts = [...document.querySelectorAll('#step *')].filter((node) => node.offsetParent
    && [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()));
  return {
    tables: [...document.querySelectorAll('#results [data-table]')].map((t) => ({
      id: t.dataset.table,
      name: t.querySelector('.table-name').textContent,
      count: (t.querySelector('.results-count') || {}).textContent || '',
      cards: [...t.querySelectorAll('[data-answer-id]')].map((c) => c.dataset.answerId),
      inside: t.getBoundingClientRect().bottom <= box.bottom + 1,
    })),
    answerFont: Math.min(...[...document.querySelectorAll('#results .answer-text')]
      .map((n) => parseFloat(getComputedStyle(n).fontSize))),
    smallest: Math.min(...texts.map((n) => parseFloat(getComputedStyle(n).fontSize))),
  };
}
"""


def test_results_per_table_at_1024_show_the_people_at_no_table_in_readable_type(
    server,
    browser,  # noqa: F811
):
    with projector(server, browser, (1024, 768), phones=9, tables=["Bord 1", "Bord 2"]) as (
        facilitator,
        screen,
        room,
        _created,
    ):
        assert facilitator.call("command", {"action": "by_table", "on": True})["ok"]
        to_step(facilitator, "ideer")
        ids = give(room, "ideer", [f"Forslag {n}" for n in range(9)])
        reveal(facilitator)
        expect(screen.locator('#results [data-table="-"]')).to_be_attached(timeout=15_000)
        seen, names = set(), {}
        for _ in range(8):
            page = screen.evaluate(TABLE_BOXES)
            for table in page["tables"]:
                assert table["inside"], table
                names[table["id"]] = (table["name"], table["count"])
                seen |= set(table["cards"])
            assert page["answerFont"] >= 24 - 0.5
            assert page["smallest"] >= 20 - 0.5, "a label too small to read at 1024"
            turn_page(screen)
        assert names["-"] == ("Uden bord", "3 personer har svaret")
        assert seen == set(ids), "every answer, at a table or at none"


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_long_title_in_the_lobby_breaks_between_syllables_clear_of_the_button(
    server,
    browser,  # noqa: F811
    size,
):
    title = "Beboerdemokratiudvalgsmøde om Almene Mål i Afdeling 7 og fremtidens fællesskaber"
    with projector(server, browser, size, phones=3, title=title) as (_f, screen, _room, _c):
        expect(screen.locator("#lobby-count")).to_contain_text("3")
        layout = screen.evaluate(
            """() => {
              const rect = (id) => document.getElementById(id).getBoundingClientRect();
              const title = document.getElementById('lobby-title');
              const count = rect('lobby-count'), button = rect('fullscreen');
              const overlap = !(count.right <= button.left || button.right <= count.left
                || count.bottom <= button.top || button.bottom <= count.top);
              return { titleFits: title.scrollWidth <= title.clientWidth,
                       overlap, countInside: count.bottom <= innerHeight,
                       wide: document.documentElement.scrollWidth - innerWidth };
            }"""
        )
        assert layout == {"titleFits": True, "overlap": False, "countInside": True, "wide": 0}
