"""Debian's Firefox ESR, driven through puppeteer-core (firefox_driver.cjs), behind the same small
page interface as the Chromium pages of the phone tests (see ``phone_pages.py``)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import service_missing

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "firefox_driver.cjs"
PUPPETEER = HERE / ".firefox" / "node_modules" / "puppeteer-core"


class FirefoxPage:
    """One Firefox window: the commands a phone test needs, each answered before the next."""

    def __init__(self, executable: str) -> None:
        self.process = subprocess.Popen(
            ["node", str(DRIVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={"FIREFOX": executable, "PATH": "/usr/bin:/bin", "HOME": str(HERE / ".firefox")},
        )
        self.errors: list[str] = []

    def _send(self, op: str, **fields):
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"Firefox's driver stopped during {op}")
        reply = json.loads(line)
        if not reply["ok"]:
            raise AssertionError(f"Firefox {op} failed: {reply['error']}")
        return reply["value"]

    def goto(self, url: str) -> None:
        self._send("goto", url=url)

    def set_viewport(self, width: int, height: int) -> None:
        self._send("viewport", width=width, height=height)

    def evaluate(self, js: str, arg=None):
        return self._send("evaluate", js=js, arg=arg)

    def wait_for(self, js: str, arg=None, timeout: float = 30.0) -> None:
        """Until ``(js)(arg)`` is truthy in the page: arrival, never a fixed time."""
        self._send("wait", js=js, arg=arg, timeout=int(timeout * 1000))

    def click(self, selector: str) -> None:
        self._send("click", selector=selector)

    def fill(self, selector: str, text: str) -> None:
        self._send("fill", selector=selector, text=text)

    def screenshot(self, path: str) -> None:
        self._send("screenshot", path=path)

    def page_errors(self) -> list[str]:
        return self._send("errors")

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                assert self.process.stdin
                self.process.stdin.write(json.dumps({"op": "close"}) + "\n")
                self.process.stdin.close()
                self.process.wait(30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


@pytest.fixture
def firefox():
    """A Firefox ESR window; skipped without it on a developer's machine, required in CI."""
    executable = shutil.which("firefox-esr")
    if executable is None:
        service_missing("Firefox ESR", "install Debian's firefox-esr package")
    if shutil.which("node") is None or not PUPPETEER.is_dir():
        service_missing("puppeteer-core", "run scripts/system-deps.sh (npm, into tests/e2e)")
    page = FirefoxPage(executable)
    yield page
    page.close()
