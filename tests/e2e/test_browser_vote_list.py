"""A vote on 120 ideas from a 320 px phone: the list is searchable, the most supported ideas
come first, the page is short enough to vote without scrolling through thousands of pixels,
and a vote chosen and then filtered out of sight still counts and is sent."""

from __future__ import annotations

import json
import unicodedata

import pytest
import requests
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient, facilitator_of
from .phone_pages import WIDER_THAN_SCREEN
from .test_accessibility import axe_source, serious  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "locale": "da-DK"}

# 120 ideas as a housing meeting writes them: short and long, with Danish letters. Each text
# is different; a few mention bikes ("cykel") and a few "grøn", for the searches below.
WHAT = [
    "Fællesspisning i selskabslokalet",
    "Byttemarked for cykler og værktøj",
    "Grøn gårdmand til beplantningen",
    "Nyt legeområde til de mindste børn",
    "Lektiecafé for skolebørn om tirsdagen",
    "Bedre belysning ved cykelkælderen og stierne",
    "Velkomstfolder til nye beboere på flere sprog",
    "Fælles vaskeri med booking på nettet",
    "Højbede og krydderurter i gården",
    "Loppemarked hver sommer",
    "Ungeklub i kælderen med voksne frivillige to aftener om ugen",
    "Tryghedsvandring med politiet og boligselskabet",
]
WHEN = ["i foråret", "hver måned", "efter sommerferien", "til jul", "næste år", "i weekenden"]
IDEAS = (
    [
        f"{what} {when} ({n + 1})"
        for n, (what, when) in enumerate((what, when) for when in WHEN for what in WHAT)
    ]
    + [
        "Et fast månedligt beboermøde i selskabslokalet, hvor bestyrelsen fortæller om økonomien, "
        f"vedligeholdelsen og de næste projekter, og alle kan stille spørgsmål ({n})"
        for n in range(45)
    ]
    + [
        # What a phone must not widen for: a long Danish compound, a link and a run of emoji.
        "Beboerdemokratiudviklingsarbejdsgruppeforretningsordensforslag (a)",
        "https://www.eksempel.dk/afdeling/beboermoede/referat-og-handleplan-for-naeste-aar (b)",
        "🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱 (c)",
    ]
)
assert len(IDEAS) == 120 and len(set(IDEAS)) == 120

TOOL = {
    "id": "mange-ideer",
    "title": "Mange idéer",
    "language": "da",
    "steps": [
        {"id": "ideer", "kind": "open", "prompt": "Hvad skal vi gøre?", "max_answers": 20},
        {
            "id": "stem",
            "kind": "vote",
            "prompt": "Hvad skal vi gøre først?",
            "source": "ideer",
            "votes": 3,
            "max_per_answer": 1,
        },
        {"id": "stem-flere", "kind": "vote", "prompt": "Giv dine stemmer", "source": "ideer"},
    ],
}

# The cards a phone shows at first, and again each time "Vis … mere" is tapped.
PAGE = 15

# Answers merged into others, so some ideas hold more support: (merged answer, into).
MERGES = [(90, 60), (91, 60), (92, 60), (93, 61), (94, 61), (95, 62)]


def answer_id(n: int) -> str:
    return f"idea-{n:04d}"


def fold(text: str) -> str:
    """Text as the search compares it: no case, no accents, ø as o, æ as ae, aa as a."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.replace("aa", "a")


@pytest.fixture(scope="module")
def server(module_server_factory):
    # Six phones give 20 answers each at once, faster than a person types.
    server = module_server_factory(WORKSHOP_ASYNC_MODE="gevent", WORKSHOP_EVENT_RATE="500").start()
    response = requests.post(
        server.url + "/api/dialogues",
        files={"file": ("mange-ideer.json", json.dumps(TOOL).encode())},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return server


@pytest.fixture
def meeting(server):
    """A meeting whose open step got the 120 ideas from six phones, with six merged away."""
    created = requests.post(
        server.url + "/api/sessions",
        json={"dialogue": TOOL["id"], "title": "Afdelingsmøde"},
        timeout=10,
    ).json()
    console = facilitator_of(server.url, created)
    phones = [
        LiveClient(server.url, role="participant", code=created["code"], name=f"Beboer {n}")
        for n in range(6)
    ]
    try:
        assert console.call("command", {"action": "goto", "step": "ideer"})["ok"]
        for n, text in enumerate(IDEAS):
            phone = phones[n // 20]
            if n % 20 == 0:
                phone.connect().wait(lambda c: c.states)
            value = {"step_id": "ideer", "answer_id": answer_id(n), "value": text}
            ack = phone.call("answer", value)
            assert ack["ok"], ack
        for merged, into in MERGES:
            merge = {"action": "merge", "answer_id": answer_id(merged), "into": answer_id(into)}
            assert console.call("command", merge)["ok"]
        yield {"created": created, "console": console}
    finally:
        for client in (console, *phones):
            client.close()


def join(browser, meeting, step: str, viewport=PHONE["viewport"]):  # noqa: F811
    """A Danish phone joined to the meeting, at the vote ``step``."""
    context = browser.new_context(**{**PHONE, "viewport": viewport})
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(meeting["created"]["join_url"])
    page.fill("#join-name", "Søren")
    page.click("#join-form button[type=submit]")
    expect(page.locator("#join")).to_be_hidden()
    assert meeting["console"].call("command", {"action": "goto", "step": step})["ok"]
    expect(page.locator(".vote-card").first).to_be_visible()
    return page, problems


# The cards in view on the page, in their order, with their ×N.
SHOWN = """() => [...document.querySelectorAll('.vote-card')]
  .filter((card) => !card.hidden)
  .map((card) => ({
    id: card.dataset.answerId,
    text: card.querySelector('.vote-card-text').textContent,
    weight: Number((card.querySelector('.weight') || {textContent: '×1'}).textContent.slice(1)),
  }))"""

IN_VIEW = """(selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
}"""

SEND = ".answer-form button[type=submit]"


def cards_to_vote_on() -> dict[str, str]:
    """The ideas the vote offers: every answer but those merged into another, by id."""
    merged = {answer_id(n) for n, _ in MERGES}
    return {answer_id(n): text for n, text in enumerate(IDEAS) if answer_id(n) not in merged}


def weights() -> dict[str, int]:
    found = dict.fromkeys(cards_to_vote_on(), 1)
    for _, into in MERGES:
        found[answer_id(into)] += 1
    return found


def fits(page) -> None:
    width = page.evaluate(WIDER_THAN_SCREEN)
    assert width["scrollWidth"] <= width["width"], width
    assert width["offenders"] == [], width


def test_a_320_px_phone_votes_on_120_ideas_without_a_page_of_thousands_of_pixels(
    browser,  # noqa: F811
    meeting,
):
    page, problems = join(browser, meeting, "stem")
    shown = page.evaluate(SHOWN)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4000
    # The send button and the count of votes are at hand from the first look, and halfway
    # down the list too.
    assert page.evaluate(IN_VIEW, SEND)
    assert page.evaluate(IN_VIEW, ".votes-left")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    assert page.evaluate(IN_VIEW, SEND)
    fits(page)

    # The most supported first: the cards with merged answers lead, most answers first.
    expected = weights()
    assert [card["weight"] for card in shown] == [expected[card["id"]] for card in shown]
    assert [card["weight"] for card in shown[:3]] == [4, 3, 2]
    assert all(card["weight"] == 1 for card in shown[3:])
    said = f"Viser {len(shown)} af 114 idéer. Dem, flest har foreslået, står øverst."
    expect(page.locator(".vote-matches")).to_have_text(said)
    # Every idea can be reached, each once: "Vis … flere" shows the next page.
    more = page.locator(".vote-more")
    while more.is_visible():
        before = len(page.evaluate(SHOWN))
        more.click()
        expect(page.locator(".vote-card:not([hidden])")).not_to_have_count(before)
    every = page.evaluate(SHOWN)
    assert sorted(card["id"] for card in every) == sorted(expected)
    assert [card["id"] for card in every[: len(shown)]] == [card["id"] for card in shown]
    fits(page)
    # Every idea opened in full still fits the screen's width.
    for whole in page.locator(".vote-card-whole:visible").all():
        whole.click()
    expect(page.locator(".vote-card.is-whole")).not_to_have_count(0)
    fits(page)
    assert problems.errors == []


def test_a_search_narrows_the_list_and_a_vote_filtered_out_still_counts_and_is_sent(
    browser,  # noqa: F811
    meeting,
    axe_source,  # noqa: F811
):
    page, problems = join(browser, meeting, "stem")
    first = page.evaluate(SHOWN)[0]
    page.locator(f".vote-card[data-answer-id='{first['id']}'] .vote-toggle").click()
    expect(page.locator(".votes-left")).to_have_text("1 af 3 stemmer brugt")
    search = page.get_by_label("Søg i idéerne")
    assert search.get_attribute("type") == "search"
    ideas = cards_to_vote_on()
    for query in ["GRON", "i weekenden", "cykl", "møde 4", "ungeklub ugen"]:
        search.fill(query)
        words = fold(query).split()
        found = [i for i, text in ideas.items() if all(w in fold(text) for w in words)]
        assert found, query
        said = "1 idé matcher" if len(found) == 1 else f"{len(found)} idéer matcher"
        expect(page.locator(".vote-matches")).to_have_text(said)
        shown = {card["id"] for card in page.evaluate(SHOWN)}
        # The matching ideas (a page of them), and the vote already chosen, nothing else.
        assert shown - set(found) == {first["id"]} - set(found), query
        assert len(shown & set(found)) == min(len(found), PAGE), query
    # A chosen idea that does not match stays in view, voted.
    chosen = page.locator(f".vote-card[data-answer-id='{first['id']}']")
    expect(chosen.locator(".vote-toggle")).to_have_attribute("aria-pressed", "true")

    # Vote for a matching idea, then search for something nobody wrote.
    search.fill("GRØN gårdmand")
    grøn = page.locator(".vote-card:not([hidden]):not(.has-votes)").first
    second = grøn.get_attribute("data-answer-id")
    assert "gron gardmand" in fold(ideas[second])
    grøn.locator(".vote-toggle").click()
    expect(page.locator(".votes-left")).to_have_text("2 af 3 stemmer brugt")
    search.fill("svømmehal")
    expect(page.locator(".vote-matches")).to_have_text("Ingen idéer matcher „svømmehal“")
    assert {card["id"] for card in page.evaluate(SHOWN)} == {first["id"], second}
    assert serious(page, axe_source, "a search that matches nothing") == []
    # Enter in the search does not send; Send in the bar does, with both votes.
    search.press("Enter")
    expect(page.locator(SEND)).to_have_text("Send")
    assert page.evaluate(IN_VIEW, SEND)
    page.locator(SEND).click()
    expect(page.locator(".receipt.is-received")).to_have_text("Modtaget ✓")
    console = meeting["console"]
    ranking = console.wait(
        lambda c: next(
            (
                r["summary"]["ranking"]
                for r in reversed(c.results)
                if r.get("step_id") == "stem" and r["summary"].get("count") == 1
            ),
            None,
        )
    )
    voted = {card["answer_id"] for card in ranking if card["votes"]}
    assert voted == {first["id"], second}
    fits(page)
    assert problems.errors == []


def test_with_several_votes_on_one_idea_only_mine_shows_the_chosen_ideas(
    browser,  # noqa: F811
    meeting,
):
    page, problems = join(browser, meeting, "stem-flere")
    shown = page.evaluate(SHOWN)
    last = page.locator(f".vote-card[data-answer-id='{shown[-1]['id']}']")
    plus = last.locator(".stepper-button").last
    plus.click()
    plus.click()
    expect(last.locator(".vote-mine")).to_have_text("2")
    expect(page.locator(".votes-left")).to_have_text("2 af 3 stemmer brugt")
    mine = page.locator(".vote-mine-only")
    expect(mine).to_have_text("Kun mine (1)")
    mine.click()
    expect(mine).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".vote-matches")).to_have_text("Viser den idé, du har stemt på")
    assert [card["id"] for card in page.evaluate(SHOWN)] == [shown[-1]["id"]]
    mine.click()
    expect(page.locator(".vote-card:not([hidden])")).to_have_count(len(shown))
    page.locator(SEND).click()
    expect(page.locator(".receipt.is-received")).to_have_text("Modtaget ✓")
    fits(page)
    assert problems.errors == []
