"""Headless Chromium through Playwright, using Debian's browser (never a downloaded one)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

from tests.conftest import service_missing

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def launched_chromium():
    """Debian's Chromium, started through Playwright; closed when the block ends."""
    executable = shutil.which("chromium")
    if executable is None:
        service_missing("Chromium", "install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium):
    """The module's Chromium (tests/e2e/conftest.py); the contexts and pages a test opens in
    it are closed at the test's end, so each test starts from a browser with nothing open."""
    before = set(chromium.contexts)
    yield chromium
    for context in chromium.contexts:
        if context not in before:
            context.close()


class PageProblems:
    """Collects JavaScript errors and CSP violations of a page, to assert there are none."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                self.errors.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
