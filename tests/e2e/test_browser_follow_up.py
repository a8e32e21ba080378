"""The whole arc of a follow-up meeting in a real browser: a meeting makes its plan and ends, its
console starts the follow-up, the room reviews the points, the meeting agrees and carries two on,
the report says what happened since last time, and deleting the first meeting leaves nothing of
it, while the follow-up keeps the points it copied."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect
from pypdf import PdfReader

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .clients import LiveClient
from .test_accessibility import axe_source, serious  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

POINTS = [
    ("Invitér til grøn café i fælleshuset", "Mette", 21),
    ("Skriv til kommunen om cykelstier", "Bo", 35),
    ("Lav en tryghedsvandring med beboerne", "Aisha", 49),
]
NEW_DATES = {
    "Invitér til grøn café i fælleshuset": date.today() + timedelta(days=70),
    "Skriv til kommunen om cykelstier": date.today() + timedelta(days=90),
}


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


def participant(server, code: str, name: str) -> LiveClient:
    """A participant of the first meeting, over Socket.IO (the follow-up's are browsers)."""
    return LiveClient(server.url, role="participant", code=code, name=name).connect()


def on_step(client: LiveClient, step_id: str) -> None:
    """Wait until the client's room is on ``step_id`` with answering open."""

    def there(live):
        state = live.states[-1] if live.states else None
        return (
            bool(state and state.get("step") and state["step"]["id"] == step_id)
            and state["answering"]
        )

    client.wait(there)


def send(client: LiveClient, step_id: str, value) -> None:
    answer_id = uuid.uuid4().hex
    ack = client.call("answer", {"step_id": step_id, "answer_id": answer_id, "value": value})
    assert ack["ok"], ack


def go_to(console, prompt: str) -> None:
    # A step is chosen once the meeting runs (the console leaves "not started yet").
    expect(console.locator("#current-prompt")).not_to_have_text("Ikke startet endnu")
    console.click(f"#steps li:has-text('{prompt}') button")
    expect(console.locator("#current-prompt")).to_contain_text(prompt)


def end_in_console(console) -> None:
    """End the meeting from the console; the page is drawn anew with what comes after it."""
    console.click("[data-action=end]")
    expect(console.locator("[data-follow-up-form] button[type=submit]")).to_be_enabled()


def stored_bytes(workdir: Path) -> bytes:
    """Every byte of the SQLite database as it is on disk: the file and its write-ahead log."""
    return b"".join(
        path.read_bytes() for path in sorted(workdir.glob("workshop.sqlite3*")) if path.is_file()
    )


def export_texts(folder: Path) -> list[str]:
    """The export folder's files as text: raw bytes, and the words of each PDF."""
    texts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        texts.append(data.decode("utf-8", "replace"))
        if data.startswith(b"%PDF"):
            texts.append(" ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages))
    return texts


def test_a_follow_up_reviews_the_plan_and_outlives_the_meeting_it_follows(server, browser):  # noqa: F811
    workdir = server.workdir
    farewell = f"Farvelhilsen-{uuid.uuid4().hex[:12]}"  # only ever said in the first meeting
    console = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    problems = [PageProblems(console)]
    console.on("dialog", lambda dialog: dialog.accept())

    # The first meeting, started from the home page.
    console.goto(server.url + "/")
    console.check("input[name=dialogue][value=almene-maal]")
    console.fill("input[name=title]", "Kredsmøde i Vestbyen")
    console.click(".start-form button.btn-primary[type=submit]")
    expect(console.locator("#session-title")).to_have_text("Kredsmøde i Vestbyen")
    first = console.locator("body").get_attribute("data-code")
    room = [participant(server, first, name) for name in ("Mette", "Bo", "Aisha")]
    expect(console.locator("#participants")).to_contain_text("3")
    console.click("[data-action=start]")

    go_to(console, "Handlepunkter")
    for phone, (what, who, days) in zip(room, POINTS, strict=True):
        on_step(phone, "handlepunkter")
        when = (date.today() + timedelta(days=days)).isoformat()
        send(phone, "handlepunkter", {"what": what, "who": who, "when": when})
    for what, _who, _days in POINTS:
        console.locator(".action-card", has_text=what).locator("[data-tool=confirm]").click()
        expect(console.locator(".plan-table")).to_contain_text(what)
    expect(console.locator(".plan-table tbody tr")).to_have_count(3)

    go_to(console, "Udcheckning")
    on_step(room[0], "udcheckning")
    send(room[0], "udcheckning", farewell)
    expect(console.locator("#results")).to_contain_text(farewell)
    first_key = {"Authorization": f"Bearer {facilitator_key(console, first)}"}
    kept = requests.get(
        f"{server.url}/api/sessions/{first}/export.pdf", headers=first_key, timeout=30
    )
    assert kept.ok  # the first meeting's own report is kept in the export folder too

    # Ended, its console offers the follow-up, with the three points.
    end_in_console(console)
    form = console.locator("[data-follow-up-form]")
    expect(form).to_contain_text("3 handlepunkter fra handleplanen følger med")
    expect(form.locator("select[name=dialogue]")).to_have_value("almene-maal-opfoelgning")
    expect(form.locator("input[name=title]")).to_have_value("Opfølgning: Kredsmøde i Vestbyen")
    form.locator("button[type=submit]").click()
    expect(console.locator("[data-follows-up]")).to_contain_text("Kredsmøde i Vestbyen")
    expect(console.locator("#session-title")).to_have_text("Opfølgning: Kredsmøde i Vestbyen")
    follow_up = console.locator("body").get_attribute("data-code")
    assert follow_up != first
    for phone in room:
        phone.close()

    # Three phones review the points; one is a small phone, 320 px wide.
    phones = []
    for name, width in (("Mette", 390), ("Bo", 390), ("Aisha", 320)):
        context = browser.new_context(
            viewport={"width": width, "height": 740}, is_mobile=True, locale="da-DK"
        )
        phone = context.new_page()
        problems.append(PageProblems(phone))
        phone.goto(f"{server.url}/j/{follow_up}")
        phone.fill("#join-name", name)
        phone.click("#join-form button[type=submit]")
        phones.append(phone)
    expect(console.locator("#participants")).to_contain_text("3")
    console.click("[data-action=start]")
    go_to(console, "Hvordan er det gået med handlepunkterne")
    views = [
        ["under_way", "not_started", "done"],
        ["under_way", "under_way", "done"],
        ["not_started", "not_started", "done"],
    ]
    for phone, statuses in zip(phones, views, strict=True):
        for (what, _who, _days), status in zip(POINTS, statuses, strict=True):
            item = phone.locator(".review-item", has_text=what)
            item.locator(f"button[data-status={status}]").click()
            expect(item.locator(f"button[data-status={status}]")).to_have_attribute(
                "aria-pressed", "true"
            )
        phone.click("form.answer-form button.btn-primary")
        expect(phone.locator(".receipt.is-received")).to_be_visible()
    expect(console.locator("#progress")).to_contain_text("3 af 3")
    small = phones[2]
    assert small.evaluate("document.documentElement.scrollWidth") <= 320  # nothing sticks out

    # The meeting agrees in the console: two points go on with new dates, the third is done.
    console.click("[data-action=close]")
    agreements = [
        (POINTS[0][0], "under_way", NEW_DATES[POINTS[0][0]]),
        (POINTS[1][0], "not_started", NEW_DATES[POINTS[1][0]]),
        (POINTS[2][0], "done", None),
    ]
    for what, status, carry_to in agreements:
        point = console.locator("#results .review-point", has_text=what)
        point.locator(f"[data-tool=agree-{status}]").click()
        if carry_to:
            point.locator(".review-carry-date").fill(carry_to.isoformat())
        point.locator("[data-tool=agree-save]").click()
        expect(point.locator(".review-agreed")).to_be_visible()
    expect(console.locator("#results .review-point[data-outcome=carried]")).to_have_count(2)
    expect(console.locator("#results .review-point[data-outcome=done]")).to_have_count(1)
    follow_up_auth = {"Authorization": f"Bearer {facilitator_key(console, follow_up)}"}

    end_in_console(console)
    with console.expect_download() as download:
        console.click("#header-pdf")
    report = PdfReader(download.value.path())
    text = " ".join(page.extract_text() for page in report.pages)
    assert "Siden sidst" in text
    assert "Kredsmøde i Vestbyen" in text
    for what in NEW_DATES:
        assert re.sub(r"\s+", " ", what) in re.sub(r"\s+", " ", text)

    # The first meeting is deleted from the overview, confirmed twice.
    before = stored_bytes(workdir)
    assert farewell.encode() in before  # the check below could find it
    overview = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    problems.append(PageProblems(overview))
    overview.goto(server.url + "/sessions")
    earlier_line = overview.locator(f"[data-follows-up='{first}']")
    expect(earlier_line).to_contain_text("Opfølgning på Kredsmøde i Vestbyen")
    entry = overview.locator(f"#meeting-{first}")
    entry.locator("a.btn-danger").click()
    overview.fill("input[name=typed_code]", first)
    overview.click("button.btn-danger[type=submit]")
    expect(overview.locator("[data-deleted]")).to_contain_text(first)

    # Nothing of it is left: not its routes, not its words on disk, not its exports.
    for path in (
        f"/api/sessions/{first}",
        f"/api/sessions/{first}/export.pdf",
        f"/api/sessions/{first}/exports",
    ):
        gone = requests.get(server.url + path, headers=first_key, timeout=10)
        assert gone.status_code == 404 and gone.json()["error"]["code"] == "unknown_session"
    assert requests.get(f"{server.url}/j/{first}", timeout=10).status_code == 404
    assert requests.get(f"{server.url}/c/{first}", timeout=10).status_code == 404
    assert farewell.encode() not in stored_bytes(workdir)
    exports = workdir / "exports"
    assert not [path for path in exports.rglob("*") if f"_{first}_" in path.name]
    assert not [text for text in export_texts(exports) if farewell in text]

    # The follow-up kept its own copy: the points, what was agreed, the two carried on.
    detail = requests.get(
        f"{server.url}/api/sessions/{follow_up}",
        headers=follow_up_auth,
        timeout=10,
    ).json()
    summaries = {entry["step_id"]: entry["summary"] for entry in detail["results"]}
    carried = summaries["handlepunkter"]["carried"]
    assert {(item["what"], item["when"]) for item in carried} == {
        (what, day.isoformat()) for what, day in NEW_DATES.items()
    }
    assert summaries["status"]["outcomes"] == {
        "done": 1,
        "carried": 2,
        "dropped": 0,
        "undecided": 0,
    }
    assert [point["what"] for point in summaries["status"]["points"]] == [
        what for what, _who, _days in POINTS
    ]
    for collected in problems:
        assert collected.errors == []


def facilitator_key(page, code: str) -> str:
    """The console's key, from the browser's HttpOnly cookie (a script gets it from the API)."""
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    return cookies[f"fk_{code}"]


def test_the_follow_up_form_and_the_series_have_no_serious_accessibility_violation(
    server,
    browser,  # noqa: F811
    axe_source,  # noqa: F811
):
    earlier = requests.post(
        server.url + "/api/sessions",
        json={"dialogue": "almene-maal", "title": "Kredsmøde i Vestbyen"},
        timeout=10,
    ).json()
    facilitator = LiveClient(
        server.url, role="facilitator", code=earlier["code"], key=earlier["facilitator_key"]
    ).connect()
    assert facilitator.call("command", {"action": "end"})["ok"]
    facilitator.close()
    later = requests.post(
        server.url + "/api/sessions",
        json={
            "dialogue": "almene-maal-opfoelgning",
            "follow_up_of": earlier["code"],
            "follow_up_key": earlier["facilitator_key"],
        },
        timeout=10,
    ).json()
    context = browser.new_context(bypass_csp=True, locale="da-DK")
    page = context.new_page()
    page.goto(earlier["facilitator_url"])
    expect(page.locator("[data-follow-up-form] button[type=submit]")).to_be_enabled()
    problems = serious(page, axe_source, "ended console")
    page.goto(later["facilitator_url"])
    expect(page.locator("[data-follows-up]")).to_be_visible()
    problems += serious(page, axe_source, "follow-up console")
    page.goto(server.url + "/sessions")
    page.locator(f"#meeting-{earlier['code']} details.follow-up-start summary").click()
    problems += serious(page, axe_source, "overview")
    assert problems == []
