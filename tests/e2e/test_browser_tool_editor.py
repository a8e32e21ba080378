"""The tool editor in Chromium, as a first-time facilitator uses it: a five-step tool built from
scratch (information, choice, scale, open question and a vote on its ideas), a check message
that appears at its field and goes when fixed, two steps reordered, saved, reloaded and started
as a meeting that a phone answers; a copy of Almene Mål edited while the built-in stays as it
is; the download uploaded back as the same tool; and no serious axe violation on a laptop or a
tablet. The clicks and keystrokes of building the tool are counted and printed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import requests
import yaml
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient
from .test_accessibility import axe_source, serious, with_axe  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}
READY = "body[data-ready='1']"


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


class Hands:
    """A first-time user's hands on the page: every click and keystroke counted."""

    def __init__(self, page) -> None:
        self.page = page
        self.clicks = 0
        self.keys = 0

    def click(self, target) -> None:
        locator = self.page.locator(target) if isinstance(target, str) else target
        locator.click()
        self.clicks += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keys += len(text)

    def add_step(self, kind: str, prompt: str) -> None:
        """ "Tilføj et trin", the kind in the picker; the question field has the focus."""
        self.click("#add-step")
        self.click(f"#kind-picker button[data-kind='{kind}']")
        expect(self.page.locator("#step-form [data-path$='.prompt']")).to_be_focused()
        self.type(prompt)


def shots_dir(tmp_path: Path) -> Path:
    """Where the screenshots go: WORKSHOP_SHOTS_DIR to keep and look at them, else the test's
    own folder."""
    folder = Path(os.environ.get("WORKSHOP_SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def step_prompts(page) -> list[str]:
    return page.locator("#steps .step-prompt").all_inner_texts()


def listing(server_url: str, tool_id: str) -> dict | None:
    tools = requests.get(server_url + "/api/dialogues", timeout=10).json()
    return next((tool for tool in tools if tool["id"] == tool_id), None)


def test_a_five_step_tool_is_built_checked_reordered_saved_and_answered_from_a_phone(
    server,
    browser,  # noqa: F811
):
    context = browser.new_context(viewport=LAPTOP, locale="da-DK")
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(server.url + "/")
    hands = Hands(page)
    hands.click("a[data-new-tool]")
    page.wait_for_selector(READY)

    hands.click("#f-title")
    hands.type("Grøn afdeling")
    hands.add_step("info", "Velkommen til beboermødet")
    hands.add_step("choice", "Hvad skal vi tale mest om?")
    # The option has no text yet: the check says so at its field, in Danish, and in the summary.
    option = page.locator("#f-steps-1-options-0-label")
    message = page.locator("#f-steps-1-options-0-label-problem")
    expect(message).to_be_visible()
    expect(message).to_have_text(re.compile("skal udfyldes"))
    expect(option).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#problem-summary")).to_contain_text("Trin 2")
    expect(page.locator("#start")).to_be_disabled()
    hands.click(option)
    hands.type("Affald")
    expect(message).to_be_hidden()
    expect(option).not_to_have_attribute("aria-invalid", "true")
    hands.click("button[data-path='steps.1.options.add']")
    expect(page.locator("#f-steps-1-options-1-label")).to_be_focused()
    hands.type("Grønne områder")
    hands.add_step("scale", "Hvor enig er du?")
    hands.click("#f-steps-2-statements-0-text")
    hands.type("Vi sorterer vores affald godt")
    hands.add_step("open", "Hvad kan vi gøre for et grønnere område?")
    hands.add_step("vote", "Hvad skal vi gøre først?")
    # The vote reads the ideas of the last open step before it unless told otherwise.
    expect(page.locator("#f-steps-4-source option:checked")).to_have_text(
        "4. Hvad kan vi gøre for et grønnere område?"
    )
    expect(page.locator("#problem-summary")).to_be_hidden()
    # The vote's preview: the projector ranks the open step's sample ideas.
    expect(page.frame_locator("#preview-screen").locator(".results")).not_to_be_empty()
    expect(page.locator("#preview-phone .step")).to_contain_text("Hvad skal vi gøre først?")
    hands.click("#save")
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")
    print(f"\nfive-step tool built: {hands.clicks} clicks, {hands.keys} keystrokes")
    # Every keystroke is a word of the tool itself: no ids, no keys of the format.
    assert hands.clicks <= 16

    # Two steps reordered: by the button, then back and forth again by drag and drop.
    built = step_prompts(page)
    page.locator("#steps li").nth(1).locator("[data-action='down']").click()
    assert step_prompts(page) == [built[0], built[2], built[1], *built[3:]]
    expect(page.locator("#steps li").nth(2).locator("[data-action='down']")).to_be_focused()
    page.locator("#steps li").nth(2).drag_to(page.locator("#steps li").nth(1))
    assert step_prompts(page) == built
    page.locator("#steps li").nth(1).locator("[data-action='down']").click()
    reordered = step_prompts(page)
    expect(page.locator("#save-state")).to_have_attribute("data-state", "unsaved")
    page.click("#save")
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")
    assert re.search(r"/tools/[a-z0-9-]+/edit$", page.url)

    page.reload()
    page.wait_for_selector(READY)
    assert step_prompts(page) == reordered
    expect(page.locator("#f-title")).to_have_value("Grøn afdeling")
    expect(page.locator("#start")).to_be_enabled()

    editing = page.url
    page.click("#start")
    page.wait_for_url(re.compile(r"/c/\d{6}$"))
    code = page.url.rsplit("/", 1)[1]
    key = next(c["value"] for c in context.cookies() if c["name"] == f"fk_{code}")
    console = LiveClient(server.url, role="facilitator", code=code, key=key).connect()
    assert console.call("command", {"action": "goto", "step": "hvad-skal-vi-tale-mest-om"})["ok"]

    phone = browser.new_context(viewport={"width": 320, "height": 640}, locale="da-DK")
    phone_page = phone.new_page()
    phone_page.goto(f"{server.url}/j/{code}")
    phone_page.fill("#join-name", "Beboer")
    phone_page.click("#join-form button[type=submit]")
    phone_page.get_by_text("Grønne områder").click()
    phone_page.click("form.answer-form button[type=submit]")
    expect(phone_page.locator(".receipt.is-received")).to_be_visible()
    console.wait(
        lambda c: any(
            r["summary"]["count"] == 1 and r["step_id"] == "hvad-skal-vi-tale-mest-om"
            for r in c.results
        )
    )

    # Edited while the meeting runs: saved, and the editor says the meeting keeps its steps.
    page.goto(editing)
    page.wait_for_selector(READY)
    page.fill("#f-title", "Grøn afdeling, version 2")
    page.click("#save")
    expect(page.locator("#in-use")).to_contain_text("1 igangværende møde")
    assert console.state["session"]["dialogue"]["title"] == "Grøn afdeling"
    assert problems.errors == []


def test_a_copy_of_almene_maal_is_edited_and_the_built_in_stays_as_it_was(
    server,
    browser,  # noqa: F811
):
    built_in = listing(server.url, "almene-maal")
    page = browser.new_context(viewport=LAPTOP, locale="da-DK").new_page()
    problems = PageProblems(page)
    page.goto(server.url + "/")
    page.click("a[data-edit-copy][href$='from=almene-maal']")
    page.wait_for_selector(READY)
    page.wait_for_url(re.compile(r"/tools/almene-maal-kopi[a-z0-9-]*/edit$"))
    expect(page.locator("#f-title")).to_have_value(built_in["title"] + " (kopi)")
    assert len(step_prompts(page)) == len(built_in["steps"])

    page.fill("#f-title", "Almene Mål i Sønderparken")
    page.locator("#steps .step-pick").first.click()
    page.fill("#f-steps-0-prompt", "Velkommen i Sønderparken")
    page.locator("#steps li").first.locator("[data-action='remove']").click()
    expect(page.locator("#undo")).to_be_visible()
    page.click("#undo-button")
    expect(page.locator("#steps .step-prompt").first).to_have_text("Velkommen i Sønderparken")
    page.click("#save")
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")

    draft_id = page.url.split("/")[-2]
    copy = listing(server.url, draft_id)
    page.goto(server.url + "/")
    expect(page.locator(f"a[data-edit-tool][href='/tools/new?edit={draft_id}']")).to_be_visible()
    page.goto(f"{server.url}/tools/{draft_id}/edit")
    page.wait_for_selector(READY)
    assert copy["title"] == "Almene Mål i Sønderparken"
    assert copy["steps"][0]["prompt"] == "Velkommen i Sønderparken"
    assert listing(server.url, "almene-maal") == built_in

    # "Hent som fil" gives a file that uploads back to the same tool.
    with page.expect_download() as waiting:
        page.click("#download")
    download = waiting.value
    assert download.suggested_filename == f"{draft_id}.yaml"
    data = Path(download.path()).read_bytes()
    kept = requests.get(f"{server.url}/api/tool-drafts/{draft_id}", timeout=10).json()
    assert yaml.safe_load(data) == kept["document"]
    gone = requests.delete(f"{server.url}/api/tool-drafts/{draft_id}?tool=1", timeout=10)
    assert gone.status_code == 204 and listing(server.url, draft_id) is None
    uploaded = requests.post(
        server.url + "/api/dialogues", files={"file": (f"{draft_id}.yaml", data)}, timeout=10
    )
    assert uploaded.status_code == 201, uploaded.text
    assert listing(server.url, draft_id) == copy
    assert problems.errors == []


def test_an_uploaded_tool_is_edited_from_the_home_page_and_keeps_its_id(
    server,
    browser,  # noqa: F811
):
    tool = {
        "id": "vedligehold",
        "title": "Vedligehold af opgangene",
        "language": "da",
        "steps": [
            {"id": "velkommen", "kind": "info", "prompt": "Velkommen"},
            {"id": "hvad", "kind": "open", "prompt": "Hvad skal laves først?"},
        ],
    }
    uploaded = requests.post(server.url + "/api/dialogues", json=tool, timeout=10)
    assert uploaded.status_code == 201, uploaded.text
    page = browser.new_context(viewport=LAPTOP, locale="da-DK").new_page()
    problems = PageProblems(page)
    page.goto(server.url + "/")
    page.click("a[data-edit-tool][href='/tools/new?edit=vedligehold']")
    page.wait_for_selector(READY)
    page.wait_for_url(re.compile(r"/tools/vedligehold/edit$"))
    expect(page.locator("#f-title")).to_have_value("Vedligehold af opgangene")
    expect(page.locator("#copied-note")).to_be_hidden()
    page.locator("#steps .step-pick").nth(1).click()
    page.fill("#f-steps-1-prompt", "Hvad skal males først?")
    page.click("#save")
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")
    expect(page.locator("#start")).to_be_enabled()

    kept = listing(server.url, "vedligehold")
    assert [step["prompt"] for step in kept["steps"]] == ["Velkommen", "Hvad skal males først?"]
    assert kept["title"] == "Vedligehold af opgangene"
    page.goto(server.url + "/")
    expect(page.locator(".tool-title", has_text="Vedligehold af opgangene")).to_have_count(1)
    assert listing(server.url, "vedligehold-kopi") is None

    # While a meeting runs it, "Rediger" opens a copy and says so; the tool stays as it is.
    started = requests.post(
        server.url + "/api/sessions", json={"dialogue": "vedligehold"}, timeout=10
    )
    assert started.status_code == 201
    page.click("a[data-edit-tool][href='/tools/new?edit=vedligehold']")
    page.wait_for_selector(READY)
    page.wait_for_url(re.compile(r"/tools/vedligehold-kopi/edit$"))
    expect(page.locator("#copied-note")).to_contain_text("så du redigerer en kopi af det")
    expect(page.locator("#f-title")).to_have_value("Vedligehold af opgangene (kopi)")
    assert listing(server.url, "vedligehold") == kept
    assert problems.errors == []


def test_the_editor_has_no_serious_axe_violation_on_a_laptop_and_a_tablet(
    server,
    browser,  # noqa: F811
    axe_source,  # noqa: F811
    tmp_path,
):
    folder = shots_dir(tmp_path)
    found = []
    for name, viewport in (("laptop", LAPTOP), ("tablet", TABLET)):
        context = with_axe(
            browser.new_context(viewport=viewport, locale="da-DK", bypass_csp=True), axe_source
        )
        page = context.new_page()
        page.goto(server.url + "/tools/new?from=almene-maal")
        page.wait_for_selector(READY)
        # A step with a problem, so that the messages and the summary are checked too.
        page.locator("#steps .step-pick").nth(1).click()
        page.fill("#f-steps-1-prompt", "")
        expect(page.locator("#problem-summary")).to_be_visible()
        expect(page.locator("#preview-phone .preview-note")).to_be_visible()
        page.locator("#steps .step-pick").nth(2).click()
        expect(page.locator("#preview-phone .step")).to_be_visible()
        page.click("#add-step")
        found += serious(page, axe_source, f"editor ({name})")
        page.screenshot(path=str(folder / f"tool-editor-{name}.png"), full_page=True)
        context.close()
    assert found == []


def test_the_keyboard_alone_adds_a_step_moves_it_and_is_asked_before_leaving_unsaved(
    server,
    browser,  # noqa: F811
):
    page = browser.new_context(viewport=TABLET, locale="da-DK").new_page()
    problems = PageProblems(page)
    page.goto(server.url + "/tools/new?from=almene-maal")
    page.wait_for_selector(READY)
    count = len(step_prompts(page))
    page.focus("#add-step")
    page.keyboard.press("Enter")
    expect(page.locator("#kind-list button").first).to_be_focused()
    # Through the picker by Tab to the third kind, and added with the space bar.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    kind = page.evaluate("document.activeElement.dataset.kind")
    page.keyboard.press("Space")
    expect(page.locator("#step-form [data-path$='.prompt']")).to_be_focused()
    page.keyboard.type("Hvad tager vi med hjem?")
    assert len(step_prompts(page)) == count + 1
    assert page.locator("#steps .step-kind").last.inner_text().lower() == (
        page.locator(f"#kind-list button[data-kind='{kind}']")
        .evaluate("b => b.closest('li').querySelector('h3').textContent")
        .lower()
    )
    # Moved up twice: the focus stays on "Flyt op" of the moved step, so Enter moves it again.
    page.locator("#steps li").last.locator("[data-action='up']").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert step_prompts(page)[count - 2] == "Hvad tager vi med hjem?"
    expect(page.locator("#announce")).to_have_text(re.compile(str(count - 1)))

    # Leaving with changes not saved asks first.
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.accept()
    assert problems.errors == []


def test_with_an_organiser_passcode_the_editor_asks_for_it_before_anything_is_written(
    module_server_factory,
    browser,  # noqa: F811
):
    guarded = module_server_factory(
        WORKSHOP_ASYNC_MODE="gevent", WORKSHOP_ORGANISER_PASSCODE="blåbær"
    ).start()
    page = browser.new_context(viewport=LAPTOP, locale="da-DK").new_page()
    page.goto(guarded.url + "/tools/new?from=almene-maal")
    expect(page.locator("#passcode")).to_be_focused()
    expect(page.locator("#editor")).to_be_hidden()
    page.keyboard.type("forkert")
    page.keyboard.press("Enter")
    expect(page.locator("#passcode-message")).not_to_be_empty()
    expect(page.locator("#editor")).to_be_hidden()
    page.fill("#passcode", "blåbær")
    page.keyboard.press("Enter")
    page.wait_for_selector(READY)
    expect(page.locator("#passcode-box")).to_be_hidden()
    page.fill("#f-title", "Vores egen udgave")
    page.click("#save")
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")
    assert listing(guarded.url, page.url.split("/")[-2])["title"] == "Vores egen udgave"
    # "Øv dig" rehearses the tool on this computer.
    page.click("#practice")
    page.wait_for_url(re.compile(r"/c/\d{6}$"))
    expect(page.locator("[data-practice-badge]")).to_be_visible()
    # A script without the passcode is refused, as an upload is.
    refused = requests.post(guarded.url + "/api/tool-drafts", json={"from": "blank"}, timeout=10)
    assert refused.status_code == 401


def test_a_draft_that_is_not_there_is_said_so_in_danish(
    server,
    browser,  # noqa: F811
):
    page = browser.new_context(viewport=LAPTOP, locale="da-DK").new_page()
    page.goto(server.url + "/tools/findes-ikke/edit")
    expect(page.locator("#editor-error")).to_contain_text("Der er intet udkast")
    expect(page.locator("#loading")).to_be_hidden()
    expect(page.locator("#editor")).to_be_hidden()


def test_a_blank_tool_names_its_missing_steps_in_danish_and_leads_to_adding_one(
    server,
    browser,  # noqa: F811
):
    page = browser.new_context(viewport=LAPTOP, locale="da-DK").new_page()
    page.goto(server.url + "/tools/new")
    page.wait_for_selector(READY)
    summary = page.locator("#problem-summary")
    missing = summary.locator("a", has_text="mindst ét trin")
    # Named as the page names the list, not by the file's key ("felt steps").
    expect(missing).to_have_text("Trin: skal have mindst ét trin")
    expect(summary).not_to_contain_text("felt ")
    # The sentence under the buttons points down to the list it speaks of, which stands
    # apart from the tool's card beneath it.
    expect(page.locator("#start-reason")).to_contain_text("nedenfor")
    sentence = page.locator("#start-reason").bounding_box()
    box = summary.bounding_box()
    card = page.locator(".tool-card").bounding_box()
    assert sentence["y"] + sentence["height"] <= box["y"]
    assert card["y"] - (box["y"] + box["height"]) >= 8
    missing.click()
    expect(page.locator("#add-step")).to_be_focused()
