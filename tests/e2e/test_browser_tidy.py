"""From 60 answers to a fair vote, in a real browser: twelve ideas said more than once arrive
from the phones; the console shows the identical ones as one card ×N and suggests the groups
said in other words; the facilitator merges three suggestions and dismisses one in a few
clicks; the vote that follows has one card per idea on every phone, and the winner has every
vote given to it, whatever wording the voter wrote. And batch moderation: a range selected
with Shift+click and the keyboard is merged, hidden or highlighted with one command."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from workshop.domain.identical import same_answer

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .test_accessibility import axe_source, serious  # noqa: F401  (fixture)
from .tidy_room import ANSWERS, LOOK_ALIKES, NEAR, ONCE, SAME, Room, idea_of, ideas

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "da-DK"}
CARDS = "#results li.answer-card"


@pytest.fixture(scope="module")
def server(module_server_factory):
    # Twelve phones give five answers each at once, faster than people type.
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent", WORKSHOP_EVENT_RATE="500").start()


@pytest.fixture
def room(server):
    room = Room(server.url)
    try:
        yield room
    finally:
        room.close()


class Clicks:
    """The facilitator's clicks, counted."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator, **options) -> None:
        self.count += 1
        locator.click(**options)


def console_of(browser, room):  # noqa: F811
    page = browser.new_context(**LAPTOP).new_page()
    problems = PageProblems(page)
    page.goto(room.created["facilitator_url"])
    expect(page.locator("body")).to_have_attribute("data-connection", "connected")
    return page, problems


def card(page, text: str):
    return page.locator(CARDS).filter(has=page.get_by_text(text, exact=True))


def cards_on(page) -> list[str]:
    return page.locator(f"{CARDS} .answer-text").all_text_contents()


def first_of_each_wording(texts: list[str]) -> list[str]:
    """The cards a set of wordings makes: one per wording that is not the same as one before."""
    seen, cards = set(), []
    for text in texts:
        if same_answer(text) not in seen:
            seen.add(same_answer(text))
            cards.append(text)
    return cards


def test_sixty_answers_are_tidied_in_a_few_clicks_and_the_vote_has_one_card_per_idea(
    browser,  # noqa: F811
    room,
    axe_source,  # noqa: F811
):
    page, problems = console_of(browser, room)
    room.give()
    # Identical answers are one card: 60 answers, 40 cards (the look-alikes are two).
    expected = first_of_each_wording([text for _, _, text in ANSWERS])
    expect(page.locator(CARDS)).to_have_count(len(expected))
    assert sorted(cards_on(page)) == sorted(expected)
    for texts in SAME.values():
        folded = card(page, texts[0])
        expect(folded.locator(".weight")).to_have_text(f"×{len(texts)}")
        expect(folded.locator(".folded-list summary")).to_have_text(f"{len(texts) - 1} ens svar")
        expect(folded.locator("[data-tool=pull-apart]")).to_have_count(len(texts) - 1)
    twin = card(page, NEAR["byttemarked"][0])
    expect(twin.locator(".weight")).to_have_text("×2")

    # The groups said in other words are suggested, most cards first, with shared words.
    panel = page.locator("#suggestions")
    expect(panel.locator(".suggestions h3")).to_have_text("Forslag til sammenlægning (4)")
    expect(panel.locator(".suggestion")).to_have_count(3)
    clicks = Clicks()
    clicks(panel.get_by_role("button", name="Vis alle 4 forslag"))
    expect(panel.locator(".suggestion")).to_have_count(4)
    groups = {
        idea: first_of_each_wording(texts)
        for idea, texts in {**NEAR, "look-alikes": LOOK_ALIKES}.items()
    }
    for idea, texts in groups.items():
        suggestion = suggestion_of(panel, texts)
        expect(suggestion.locator(".suggestion-texts > li")).to_have_count(len(texts))
        assert suggestion.locator(".word-chip").count() >= 1, idea
    assert serious(page, axe_source, "console with suggestions") == []

    # Three merged in one click each, the look-alikes dismissed (different ideas).
    for n, idea in enumerate(NEAR):
        before = panel.locator(".suggestion").count()
        clicks(suggestion_of(panel, groups[idea]).get_by_role("button", name="Slå sammen"))
        expect(panel.locator(".suggestion")).to_have_count(before - 1)
        expect(page.locator("#tidy-undo")).to_contain_text("slået sammen")
        if n == 0:
            # Undone, the cards are apart and suggested again; merged again in one click.
            clicks(page.locator("#tidy-undo").get_by_role("button", name="Fortryd"))
            expect(panel.locator(".suggestion")).to_have_count(before)
            expect(page.locator(CARDS)).to_have_count(len(expected))
            clicks(suggestion_of(panel, groups[idea]).get_by_role("button", name="Slå sammen"))
            expect(panel.locator(".suggestion")).to_have_count(before - 1)
    clicks(suggestion_of(panel, groups["look-alikes"]).get_by_role("button", name="Afvis"))
    expect(panel).to_be_hidden()
    expect(page.locator("#tidy-undo")).to_contain_text("afvist")
    # Undone, the suggestion is back; dismissed again, it stays away.
    clicks(page.locator("#tidy-undo").get_by_role("button", name="Fortryd"))
    expect(panel.locator(".suggestion")).to_have_count(1)
    clicks(suggestion_of(panel, groups["look-alikes"]).get_by_role("button", name="Afvis"))
    expect(panel).to_be_hidden()
    # The button gone with the panel, the keyboard's focus is on the way back, not lost.
    expect(page.locator("#tidy-undo [data-tool=undo]")).to_be_focused()
    assert clicks.count < 15, f"{clicks.count} clicks to tidy the answers"

    # One card per idea, each with all its answers.
    expect(page.locator(CARDS)).to_have_count(len(ideas()))
    for texts in NEAR.values():
        expect(card(page, texts[0]).locator(".weight")).to_have_text(f"×{len(texts)}")
    # Nothing left to suggest: the facilitator's summary says so too.
    room.summary("ideer", lambda s: len(s["answers"]) == len(ideas()) and s["suggestions"] == [])

    # The vote: every phone has one card per idea, and votes for any wording count for it.
    room.command("goto", step="stem")
    for phone in room.phones:
        state = phone.wait(lambda c: (c.state.get("step") or {}).get("id") == "stem" and c.state)
        offered = [idea_of(c["text"]) for c in state["step"]["cards"]]
        assert sorted(offered) == sorted(ideas()), "an idea twice, or missing, on a phone"
    cards = {idea_of(c["text"]): c for c in room.phones[0].state["step"]["cards"]}
    winner = cards["byttemarked"]
    assert winner["weight"] == len(NEAR["byttemarked"])
    others = [c for idea, c in cards.items() if idea != "byttemarked"]
    voted: dict[str, int] = {}
    # The swap market's wordings by the phone that wrote them (the answers go round the phones).
    wrote = {
        n % len(room.phones): answer_id
        for n, (answer_id, idea, _) in enumerate(ANSWERS)
        if idea == "byttemarked" and answer_id != winner["answer_id"]
    }
    assert len(wrote) >= 3
    for n, phone in enumerate(room.phones):
        # Nine phones vote for the swap market, those that wrote a wording of it by the id of
        # their own answer (merged into the card); all spread their other votes.
        mine = ([winner] if n < 9 else []) + [others[(2 * n + k) % len(others)] for k in range(2)]
        for chosen in mine:
            voted[chosen["answer_id"]] = voted.get(chosen["answer_id"], 0) + 1
        value = [chosen["answer_id"] for chosen in mine]
        if n < 9 and n in wrote:
            value[0] = wrote[n]
        ack = phone.call(
            "answer", {"step_id": "stem", "answer_id": f"vote-of-phone-{n:02d}", "value": value}
        )
        assert ack["ok"], ack
    ranking = room.summary(
        "stem", lambda s: sum(c["votes"] for c in s.get("ranking", [])) == sum(voted.values())
    )["ranking"]
    assert ranking[0]["answer_id"] == winner["answer_id"]
    assert ranking[0]["votes"] == 9, "the winner's votes were split"
    assert {c["answer_id"]: c["votes"] for c in ranking if c["votes"]} == voted
    assert problems.errors == []


def suggestion_of(panel, texts: list[str]):
    """The suggestion that lists exactly these texts."""
    found = panel.locator(".suggestion")
    for text in texts:
        found = found.filter(has=panel.page.get_by_text(text, exact=True))
    expect(found).to_have_count(1)
    return found


def test_a_range_selected_with_the_mouse_and_the_keyboard_is_moderated_in_one_go(
    browser,  # noqa: F811
    room,
    axe_source,  # noqa: F811
):
    page, problems = console_of(browser, room)
    room.give([(f"once-idea-{n:02d}", "once", text) for n, text in enumerate(ONCE)])
    expect(page.locator(CARDS)).to_have_count(len(ONCE))
    bar = page.locator("#selection-bar")
    boxes = page.locator(f"{CARDS} .card-select")

    # Shift+click: a range. Highlighted in one go, then merged into the earliest.
    boxes.nth(0).click()
    boxes.nth(3).click(modifiers=["Shift"])
    expect(bar).to_contain_text("4 valgt")
    assert serious(page, axe_source, "console with a selection") == []
    bar.get_by_role("button", name="☆ Fremhæv").click()
    marked = room.summary("ideer", lambda s: sum(c["highlighted"] for c in s["answers"]) == 4)
    assert [c["text"] for c in marked["answers"] if c["highlighted"]] == ONCE[:4]
    # Still selected after the update: now all highlighted, the bar offers to take it off.
    expect(bar.get_by_role("button", name="★ Fjern fremhævning")).to_be_visible()
    expect(page.locator(f"{CARDS}.is-selected")).to_have_count(4)
    bar.get_by_role("button", name="Slå sammen").click()
    expect(page.locator(CARDS)).to_have_count(len(ONCE) - 3)
    expect(card(page, ONCE[0]).locator(".weight")).to_have_text("×4")
    expect(bar).to_be_hidden()
    expect(page.locator("#tidy-undo")).to_contain_text("4 kort er slået sammen")

    # The keyboard: Space selects the card in focus, Shift+→ extends, Escape clears.
    card(page, ONCE[6]).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    expect(bar).to_contain_text("3 valgt")
    assert page.evaluate("document.activeElement.dataset.answerId") == "once-idea-08"
    page.keyboard.press("Escape")
    expect(bar).to_be_hidden()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Space")
    page.keyboard.press("Shift+ArrowLeft")
    expect(bar).to_contain_text("2 valgt")
    # An answer arriving meanwhile keeps the selection and the focus where they were.
    room.give([("once-idea-late", "once", "Cykelpumpe ved cykelkælderen")])
    expect(page.locator(CARDS)).to_have_count(len(ONCE) - 2)
    expect(bar).to_contain_text("2 valgt")
    assert page.evaluate("document.activeElement.dataset.answerId") == "once-idea-06"
    bar.get_by_role("button", name="Skjul").click()
    expect(page.locator("#tidy-undo [data-tool=undo]")).to_be_focused()
    hidden = room.summary("ideer", lambda s: len(s.get("hidden_cards", [])) == 2)
    assert sorted(c["text"] for c in hidden["hidden_cards"]) == sorted(ONCE[6:8])
    expect(page.locator(CARDS)).to_have_count(len(ONCE) - 4)

    # Ctrl+A: every card in view; Escape: none.
    page.locator(CARDS).first.focus()
    page.keyboard.press("Control+a")
    expect(bar).to_contain_text(f"{len(ONCE) - 4} valgt")
    # The arrows stayed in the cards: the room is still at the answers.
    assert room.console.state["step"]["id"] == "ideer"
    page.keyboard.press("Escape")
    expect(bar).to_be_hidden()

    # An identical answer is folded into its card; pulled apart, it is a card of its own, and
    # merged back with the selection, it is in the card again.
    room.give([("once-idea-again", "once", ONCE[4].upper() + "!")])
    twins = card(page, ONCE[4])
    expect(twins.locator(".weight")).to_have_text("×2")
    twins.locator(".folded-list summary").click()
    twins.get_by_role("button", name="Træk ud").click()
    expect(page.locator(CARDS)).to_have_count(len(ONCE) - 3)
    expect(twins.locator(".weight")).to_have_count(0)
    apart = card(page, ONCE[4].upper() + "!")
    twins.locator(".card-select").click()
    apart.locator(".card-select").click()
    bar.get_by_role("button", name="Slå sammen").click()
    expect(twins.locator(".weight")).to_have_text("×2")
    expect(page.locator(CARDS)).to_have_count(len(ONCE) - 4)
    assert problems.errors == []
