"""A real browser tidies the word cloud from the console: one word hidden, a suggested
spelling variant merged in one click, and the projector's cloud follows; both undone again."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient
from .test_accessibility import AXE

pytestmark = pytest.mark.browser

STEP = "indcheckning"  # the test meeting's word cloud
GIVEN = [
    ["grøn", "affald", "idiot"],
    ["grøn", "fællesskab"],
    ["grønne", "afald"],
    ["grønt", "🌱"],
    ["affald", "tryghed"],
]


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


def serious_in_word_tools(page) -> list[str]:
    """axe's serious findings in the console's word tools (the cloud above them fades in,
    and is the projector's to check), also names that do not hold a button's words."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """axe.run('.word-tools', {resultTypes: ['violations'],
           rules: {'label-content-name-mismatch': {enabled: true}}})"""
    )["violations"]
    return [
        f"{v['id']} at {v['nodes'][0]['target']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def screen_words(screen) -> dict[str, str]:
    """The projector's cloud: each word with its size, as drawn."""
    return screen.locator("#results .word-cloud .word").evaluate_all(
        "nodes => Object.fromEntries(nodes.map(n => [n.textContent, n.style.fontSize]))"
    )


def test_the_facilitator_hides_a_word_and_merges_a_suggested_variant_from_the_console(
    server,
    browser,  # noqa: F811
):
    created = server.create_session(title="Beboermøde i afdelingen")
    # axe injects a script of its own: the test browser lets it past the console's policy.
    console = browser.new_context(
        bypass_csp=True, viewport={"width": 1024, "height": 768}, locale="da-DK"
    ).new_page()
    screen = browser.new_page(viewport={"width": 1600, "height": 900}, locale="da-DK")
    problems = [PageProblems(page) for page in (console, screen)]
    console.goto(created["facilitator_url"])
    screen.goto(created["screen_url"])
    facilitator = LiveClient(
        server.url, role="facilitator", code=created["code"], key=created["facilitator_key"]
    ).connect()
    assert facilitator.call("command", {"action": "goto", "step": STEP})["ok"]
    assert facilitator.call("command", {"action": "reveal"})["ok"]
    phones = []
    for n, words in enumerate(GIVEN):
        phone = LiveClient(server.url, role="participant", code=created["code"], name=f"P{n}")
        phones.append(phone.connect())
        phone.wait(lambda c: c.state and c.state["step"] and c.state["step"]["id"] == STEP)
        ack = phone.call(
            "answer", {"step_id": STEP, "answer_id": f"ord-{n:04d}-aa", "value": words}
        )
        assert ack["ok"], ack
    cloud = screen.locator("#results .word-cloud")
    expect(cloud).to_contain_text("idiot")
    expect(cloud).to_contain_text("🌱")  # an emoji-only word is counted
    tools = console.locator("#results .word-tools")
    suggestion = tools.locator("[data-tool=merge-words]", has_text="grøn + grønne + grønt")
    expect(suggestion).to_be_visible()
    expect(tools.locator("[data-tool=merge-words]", has_text="affald + afald")).to_be_visible()
    if os.environ.get("WORD_TIDY_SHOTS"):
        console.screenshot(
            path=f"{os.environ['WORD_TIDY_SHOTS']}/console-before.png", full_page=True
        )

    # Hide one word, with the keyboard: open the list, then Enter on its "Skjul".
    tools.locator(".word-hide-list summary").click()
    hide = tools.locator(".word-hide-list li[data-word=idiot] [data-tool=hide-word]")
    expect(hide).to_have_accessible_name("Skjul “idiot” i ordskyen")
    hide.focus()
    console.keyboard.press("Enter")
    expect(cloud).not_to_contain_text("idiot")
    hidden = tools.locator(".word-hidden li[data-word=idiot]")
    expect(hidden).to_contain_text("1")
    expect(tools.locator(".word-undo")).to_contain_text("Skjult: idiot")

    # Merge a suggested variant in one click: the projector counts them as one word.
    suggestion.click()
    expect(cloud.locator(".word", has_text="grønne")).to_have_count(0)
    expect(cloud.locator(".word", has_text="grønt")).to_have_count(0)
    words = screen_words(screen)
    assert set(words) == {"grøn", "affald", "afald", "fællesskab", "tryghed", "🌱"}
    assert words["grøn"] == max(words.values(), key=lambda size: float(size[:-2]))
    expect(tools.locator(".word-merged")).to_contain_text("grønne → grøn")
    expect(tools.locator(".word-undo")).to_contain_text("Slået sammen: grøn + grønne + grønt")
    expect(tools.locator("[data-tool=merge-words]", has_text="grøn +")).to_have_count(0)
    if AXE.exists():  # every tool shown: a suggestion, the list, merged and hidden words
        assert serious_in_word_tools(console) == []
    if os.environ.get("WORD_TIDY_SHOTS"):
        console.screenshot(
            path=f"{os.environ['WORD_TIDY_SHOTS']}/console-after.png", full_page=True
        )
        screen.screenshot(path=f"{os.environ['WORD_TIDY_SHOTS']}/screen-after.png")

    # Undone in one click ("Fortryd"), and the hidden word shown again ("Vis igen").
    tools.locator(".word-undo [data-tool=undo-words]").click()
    expect(cloud.locator(".word", has_text="grønne")).to_have_count(1)
    expect(cloud.locator(".word", has_text="grønt")).to_have_count(1)
    hidden.locator("[data-tool=show-word]").click()
    expect(cloud).to_contain_text("idiot")
    expect(tools.locator(".word-hidden")).to_have_count(0)
    for phone in (*phones, facilitator):
        phone.close()
    for collected in problems:
        assert collected.errors == []


def test_the_undo_line_outlives_a_summary_sent_before_the_change_reached_the_server(
    server,
    browser,  # noqa: F811
):
    """On a busy venue a summary made before the click can arrive after it. The console's
    "Fortryd" for the change stays until a summary that showed the change shows it undone,
    or the facilitator moves to another step. The console's own module draws each summary."""
    created = server.create_session(title="Beboermøde")
    console = browser.new_page(viewport={"width": 1024, "height": 768}, locale="da-DK")
    console.goto(created["facilitator_url"])
    drawn = console.evaluate(
        """async () => {
          const { wordTools } = await import("/static/js/console-words.js");
          const sent = [];
          const facilitator = { step: "ord", command: (action, args) => sent.push([action, args]),
                                rerender() {} };
          const before = { words: [{ word: "idiot", count: 1 }, { word: "grøn", count: 2 }],
                           hidden_words: [], merged_words: {}, word_suggestions: [] };
          const after = { ...before, words: [{ word: "grøn", count: 2 }],
                          hidden_words: [{ word: "idiot", count: 1 }] };
          let box = wordTools(before, facilitator);
          document.body.append(box);
          box.querySelector("[data-tool=hide-word]").click();
          const undoShown = (summary) => {
            box.remove();
            box = wordTools(summary, facilitator);
            document.body.append(box);
            return Boolean(box.querySelector(".word-undo"));
          };
          // Every summary comes off the wire as a new object.
          const stale = structuredClone(before);
          const undone = structuredClone(before);
          const seen = [undoShown(stale), undoShown(after), undoShown(after), undoShown(undone)];
          box.querySelector("[data-tool=hide-word]").click();
          seen.push(undoShown(after));
          facilitator.step = "naeste";
          seen.push(undoShown(after));
          box.remove();
          return { sent, seen };
        }"""
    )
    assert drawn["sent"] == [["hide_word", {"word": "idiot"}]] * 2
    # stale summary: kept; shown: kept; shown again: kept; undone elsewhere: gone;
    # a new change: kept; another step: gone.
    assert drawn["seen"] == [True, True, True, False, True, False]
    console.close()
