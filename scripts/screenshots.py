"""Take the README's screenshots from a real session on a running server.

    python run.py &                      # or make run
    python scripts/screenshots.py [URL]  # writes docs/screenshots/*.png

A console, a projector and a phone are opened in Chromium; eight more people answer through
Socket.IO, as phones would.
"""

from __future__ import annotations

import os
import sys
import time
from urllib.parse import urlsplit

import requests
import socketio
from playwright.sync_api import sync_playwright

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000"
OUT = os.environ.get("SCREENSHOTS_DIR") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "screenshots"
)
STEP = "ideer"
IDEAS = [
    ("Mette", "Grøn temaaften i fælleshuset med de nye beboere"),
    ("Ole", "Byttemarked for cykler og værktøj i gården"),
    ("Aisha", "Et fælles køkkenhold, der laver mad af overskudsvarer fra Netto"),
    ("", "Spørg de unge, hvad de selv vil lave i klubben"),
    ("Birgit", "Lad afdelingsbestyrelsen holde åbent møde i gården i juni"),
]


def here(link: str) -> str:
    """A link the server made (perhaps for its public address), opened on ``URL``."""
    parts = urlsplit(link)
    return URL + parts.path + (f"?{parts.query}" if parts.query else "")


def chromium_path() -> str | None:
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            return path
    return None


def answer_from(code: str, name: str, text: str) -> socketio.Client:
    sio = socketio.Client()
    sio.connect(URL, auth={"role": "participant", "code": code, "name": name})
    ack = sio.call("answer", {"step_id": STEP, "answer_id": os.urandom(12).hex(), "value": text})
    assert ack["ok"], ack
    return sio


def main() -> None:
    created = requests.post(
        URL + "/api/sessions",
        json={"dialogue": "almene-maal", "title": "Afdelingsmøde i Solgården"},
        timeout=10,
    ).json()
    code = created["code"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path())
        console = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="da-DK")
        screen = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="da-DK")
        phone = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            locale="da-DK",
        ).new_page()
        console.goto(here(created["facilitator_url"]))
        screen.goto(here(created["screen_url"]))
        phone.goto(here(created["join_url"]))
        phone.fill("#join-name", "Søren")
        phone.click("#join-form button[type=submit]")
        console.click("[data-action=start]")
        console.click("#steps li >> nth=6")  # "Fra plan til handling: ..."
        mine = "Invitér boligsociale medarbejdere til et fællesmøde"
        phone.locator("textarea.open-text").fill(mine)
        phone.click("form.answer-form button.btn-primary")
        phone.locator(".receipt.is-received").wait_for()
        people = [answer_from(code, name, text) for name, text in IDEAS]
        time.sleep(1)
        console.locator("#results .answer-card").first.wait_for()
        third = console.locator("#results .answer-card >> nth=2")
        third.locator("button", has_text="Fremhæv").click()
        time.sleep(1)
        console.evaluate("window.scrollTo(0, 0)")
        screen.screenshot(path=os.path.join(OUT, "screen.png"))
        console.screenshot(path=os.path.join(OUT, "console.png"))
        phone.screenshot(path=os.path.join(OUT, "phone.png"))
        for sio in people:
            sio.disconnect()
        browser.close()
    print(f"screenshots of session {code} written to {OUT}")


if __name__ == "__main__":
    main()
