"""What a phone pays to arrive, counted by Chromium itself (its DevTools network events): the
first visit to the join link up to the first state shown, and a return visit, which finds the
page's files in its cache (docs/protocol.md, "Pages")."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "locale": "da-DK"}
FIRST_VISIT_REQUESTS = 6
FIRST_VISIT_BYTES = 80 * 1024
RETURN_VISIT_ROUND_TRIPS = 2


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@dataclass
class Traffic:
    """The requests a page made over the network (its cache's answers left out), the bytes
    that came and went for them, websockets included (handshake and frames)."""

    urls: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    bytes: int = 0

    @property
    def requests(self) -> int:
        return len(self.urls)


class Recorder:
    """Chromium's network events of one page, split into visits."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.visit = Traffic()
        self.urls: dict[str, str] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._from_cache)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.webSocketCreated", self._socket)
        self.cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.on("Network.webSocketFrameSent", self._frame)

    def next_visit(self) -> Traffic:
        done, self.visit = self.visit, Traffic()
        return done

    def _sent(self, event) -> None:
        if event["request"]["url"].startswith("data:"):
            return
        self.urls[event["requestId"]] = event["request"]["url"]

    def _from_cache(self, event) -> None:
        url = self.urls.pop(event["requestId"], None)
        if url:
            self.visit.cached.append(url)

    def _response(self, event) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            url = self.urls.pop(event["requestId"], None)
            if url:
                self.visit.cached.append(url)

    def _finished(self, event) -> None:
        url = self.urls.pop(event["requestId"], None)
        if url:
            self.visit.urls.append(url)
            self.visit.bytes += int(event["encodedDataLength"])

    def _socket(self, event) -> None:
        self.visit.urls.append(event["url"])

    def _handshake(self, event) -> None:
        response = event["response"]
        headers = response.get("headersText") or "".join(
            f"{name}: {value}\r\n" for name, value in response.get("headers", {}).items()
        )
        request = response.get("requestHeadersText") or "".join(
            f"{name}: {value}\r\n" for name, value in response.get("requestHeaders", {}).items()
        )
        self.visit.bytes += len(headers.encode()) + len(request.encode())

    def _frame(self, event) -> None:
        # The payload plus the frame's own header (2 to 14 bytes; 8 is a fair middle).
        self.visit.bytes += len(event["response"]["payloadData"].encode()) + 8


def arrive(page, created: dict, *, first: bool) -> None:
    page.goto(created["join_url"])
    if first:
        page.fill("#join-name", "Søren")
        page.click("#join-form button[type=submit]")
    expect(page.locator("#view")).to_be_visible()
    expect(page.locator("body")).to_have_attribute("data-connection", "connected")


def test_a_phone_arrives_in_a_few_requests_and_comes_back_in_two(server, browser):  # noqa: F811
    created = server.create_session(title="Afdelingsmøde")
    page = browser.new_context(**PHONE).new_page()
    problems = PageProblems(page)
    recorder = Recorder(page)

    arrive(page, created, first=True)
    first = recorder.next_visit()
    print(f"\nfirst visit: {first.requests} requests, {first.bytes / 1024:.1f} KB: {first.urls}")
    assert first.requests <= FIRST_VISIT_REQUESTS, first.urls
    assert first.bytes <= FIRST_VISIT_BYTES
    # The page, its one script and one stylesheet, the socket: no icon, no module fetched apart.
    assert sum("/assets/" in url for url in first.urls) == 2, first.urls
    # The icon is in the page, and it is a picture the browser can draw.
    icon_width = page.evaluate(
        """() => {
          const icon = new Image();
          icon.src = document.querySelector("link[rel=icon]").href;
          return icon.decode().then(() => icon.naturalWidth);
        }"""
    )
    assert icon_width > 0

    arrive(page, created, first=False)
    back = recorder.next_visit()
    print(f"return visit: {back.requests} round trips, {back.bytes / 1024:.1f} KB: {back.urls}")
    assert back.requests <= RETURN_VISIT_ROUND_TRIPS, back.urls
    assert sum("/assets/" in url for url in back.cached) == 2, back.cached

    page.reload()
    expect(page.locator("body")).to_have_attribute("data-connection", "connected")
    reloaded = recorder.next_visit()
    print(f"reload: {reloaded.requests} round trips: {reloaded.urls}")
    assert reloaded.requests <= RETURN_VISIT_ROUND_TRIPS, reloaded.urls
    assert problems.errors == []


def test_only_a_meeting_with_a_review_step_downloads_its_code_and_it_works(
    server,
    browser,  # noqa: F811
    meeting,
):
    plain = server.create_session()
    phone = browser.new_context(**PHONE).new_page()
    problems = PageProblems(phone)
    recorder = Recorder(phone)
    arrive(phone, plain, first=True)
    fetched = recorder.next_visit().urls
    assert fetched and not any("review" in url for url in fetched), fetched

    arrive(phone, meeting["created"], first=True)
    fetched = recorder.next_visit().urls
    assert any("/assets/" in url and "review" in url for url in fetched), fetched
    # The review step draws on the phone: its points, each with its status buttons.
    expect(phone.locator(".review-item")).to_have_count(2)
    expect(phone.locator(".review-item").nth(0).get_by_role("button", name="Gjort")).to_be_visible()
    assert problems.errors == []
