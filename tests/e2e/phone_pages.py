"""A whole meeting on one phone, with hostile text everywhere a person can type, checked at
every page and state for the one thing a phone must never do: be wider than its screen.

The meeting runs the same in Chromium (Playwright) and Firefox ESR (puppeteer-core): each
browser is wrapped in the small page interface below (goto, evaluate, wait_for, click, fill,
screenshot).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import requests

from .clients import LiveClient, facilitator_of

# What people really paste and type: long Danish compounds, a 50-letter word, links without
# spaces, emoji runs (with joiners), Arabic and Hebrew without spaces, a row of underscores.
PIECES = [
    "Beboerdemokratiudvalgsmøde",
    "Afdelingsbestyrelsesmødereferatsgodkendelsesproceduren",
    "https://beboer.example.dk/almene-maal/afdelingsmoede/referat?dato=2026-03-01&bilag=alle",
    "🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️🏘️",
    "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦",
    "الديمقراطيةالسكنيةفيالمجمعاتالسكنيةالكبيرة",
    "ועדתהדייריםהדמוקרטיתשלהשכונההגדולה",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    "________________________________________",
    "møde",
    "og",
    "beboerne",
]
# Words for the word cloud: at most 30 characters, and not only stop words.
CLOUD_WORDS = [
    "Beboerdemokratiudvalgsmøde",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    "Fællesskabsarrangementsudvalg",
    "الديمقراطيةالسكنيةفيالمجمعات",
    "https://beboer.example.dk/aaa",
]


@dataclass
class Texts:
    """What the people of one meeting typed."""

    title: str
    name: str  # the phone's own
    others: list[str]  # the names of the two other participants
    tables: list[str]
    answers: list[str]  # open answers, the phone's own first
    words: list[str]
    what: str
    who: str
    edited: str  # the facilitator's new text for the phone's action point
    notes: list[str] = field(default_factory=list)


def fit(text: str, limit: int) -> str:
    text = text.strip()[:limit].strip()
    return text or "x"


def worst_texts() -> Texts:
    """The longest of everything, in every field."""
    long = " ".join(PIECES)
    thousand = (long + " ") * 3
    return Texts(
        title=fit("Beboerdemokratiudvalgsmøde " + long, 300),
        name=fit("Afdelingsbestyrelsesmødereferatsgodkendelsesproceduren", 40),
        others=[fit(PIECES[5], 40), fit(PIECES[3], 40)],
        tables=[fit(PIECES[1], 60), fit(PIECES[2], 60), fit(PIECES[6], 60)],
        answers=[fit(thousand, 1000), fit(PIECES[1], 1000), fit(PIECES[2], 1000), PIECES[4]],
        words=CLOUD_WORDS[:3],
        what=fit(long, 300),
        who=fit(PIECES[1] + PIECES[7], 100),
        edited=fit(PIECES[2] + " " + PIECES[1], 300),
    )


# The tests' hostile tool: what an organiser typed is long too (prompts, options, statements).
TOOL_ID = "lange-ord"
STEPS = ["velkommen", "ord", "valg", "skala", "point", "ideer", "stem", "plan"]


def hostile_tool() -> bytes:
    long_label = "Beboerdemokratiudvalgsmødernes " + PIECES[1]
    tool = {
        "id": TOOL_ID,
        "title": "Lange ord overalt",
        "language": "da",
        "steps": [
            {
                "id": "velkommen",
                "kind": "info",
                "prompt": "Velkommen til Beboerdemokratiudvalgsmødet " + PIECES[1],
                "body": PIECES[2] + "\n\n" + " ".join(PIECES),
            },
            {"id": "ord", "kind": "wordcloud", "prompt": PIECES[1] + "?", "max_words": 3},
            {
                "id": "valg",
                "kind": "choice",
                "prompt": "Hvad vælger afdelingsbestyrelsesmødet?",
                "options": [
                    {"id": "a", "label": long_label},
                    {"id": "b", "label": PIECES[2][:120]},
                    {"id": "c", "label": "Økonomi"},
                ],
            },
            {
                "id": "skala",
                "kind": "scale",
                "prompt": "Hvor enige er I?",
                "statements": [
                    {"id": "s1", "text": long_label},
                    {"id": "s2", "text": "Vi mødes ofte nok " + PIECES[7]},
                ],
                "scale": {
                    "min": 1,
                    "max": 5,
                    "min_label": "Overhovedetikkeenigeoverhovedet",
                    "max_label": "Fuldstændigtogaldeleseenige",
                },
            },
            {
                "id": "point",
                "kind": "points",
                "prompt": "Fordel fem prikker",
                "budget": 5,
                "options": [
                    {"id": "a", "label": "Økonomi"},
                    {"id": "b", "label": long_label},
                    {"id": "c", "label": "Fællesskab og trivsel"},
                ],
            },
            {"id": "ideer", "kind": "open", "prompt": "Idéer? " + PIECES[0], "max_answers": 3},
            {"id": "stem", "kind": "vote", "prompt": "Stem", "source": "ideer", "votes": 2},
            {"id": "plan", "kind": "actions", "prompt": "Hvem gør hvad?", "max_answers": 3},
        ],
    }
    return json.dumps(tool).encode()


def upload_hostile_tool(server_url: str) -> None:
    response = requests.post(
        server_url + "/api/dialogues",
        files={"file": ("lange-ord.json", hostile_tool())},
        timeout=10,
    )
    assert response.status_code == 201, response.text


# Every visible element and every run of text, measured against the window: what sticks out.
WIDER_THAN_SCREEN = """
() => {
  // The width the page may use: the window's, less a scrollbar where one takes room (Firefox).
  const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
  const out = [];
  const name = (node) => {
    const classes = typeof node.className === "string" ? node.className.trim().split(/\\s+/) : [];
    return node.tagName.toLowerCase() + (node.id ? "#" + node.id : "")
      + classes.filter(Boolean).map((c) => "." + c).join("");
  };
  // What an element with overflow hidden (an ellipsis, say) cuts off is not seen: the right
  // edge that counts is the nearest such box's.
  const edge = (node) => {
    let right = Infinity;
    let left = -Infinity;
    for (let at = node; at && at !== document.body; at = at.parentElement) {
      const overflow = getComputedStyle(at).overflowX;
      if (overflow === "hidden" || overflow === "clip") {
        const r = at.getBoundingClientRect();
        right = Math.min(right, r.right);
        left = Math.max(left, r.left);
      }
    }
    return { left, right };
  };
  const sticksOut = (rect, clip) => {
    const right = Math.min(rect.right, clip.right);
    const left = Math.max(rect.left, clip.left);
    return right > left && (right > width + 0.5 || left < -0.5);
  };
  for (const node of document.querySelectorAll("body *")) {
    if (node.closest(".visually-hidden, .copy-source, script, style, template")) continue;
    const style = getComputedStyle(node);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = node.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    const clip = edge(node.parentElement || node);
    if (sticksOut(box, clip)) {
      out.push(`${name(node)} ${Math.round(box.left)}..${Math.round(box.right)}`);
      continue;
    }
    for (const child of node.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE || !child.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(child);
      const textClip = edge(node);
      for (const rect of range.getClientRects()) {
        if (rect.width && sticksOut(rect, textClip)) {
          out.push(`text of ${name(node)} ${Math.round(rect.left)}..${Math.round(rect.right)}`);
          break;
        }
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    width,
    offenders: out.slice(0, 12),
  };
}
"""


class ChromiumPage:
    """A Playwright page behind the same interface as ``firefox.FirefoxPage``."""

    def __init__(self, page) -> None:
        self.page = page

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def evaluate(self, js: str, arg=None):
        return self.page.evaluate(js, arg)

    def wait_for(self, js: str, arg=None, timeout: float = 30.0) -> None:
        self.page.wait_for_function(js, arg=arg, timeout=timeout * 1000)

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def fill(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)

    def screenshot(self, path: str) -> None:
        self.page.screenshot(path=path, full_page=True)


# Whether the element is wholly inside the window (seen without scrolling).
IN_VIEW = """
(selector) => {
  const node = document.querySelector(selector);
  if (!node) return false;
  const r = node.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0
    && r.right <= document.documentElement.clientWidth;
}
"""


class PhoneWidth:
    """Checks a page at each state and keeps what was wider than the screen, by state, and
    the receipts that were not in view right after sending."""

    def __init__(self, page, on_check: Callable[[str], None] | None = None) -> None:
        self.page = page
        self.on_check = on_check
        self.checked: list[str] = []
        self.too_wide: dict[str, dict] = {}
        self.out_of_view: list[str] = []

    def in_view(self, label: str, selector: str) -> None:
        if not self.page.evaluate(IN_VIEW, selector):
            self.out_of_view.append(label)

    def check(self, label: str) -> None:
        found = self.page.evaluate(WIDER_THAN_SCREEN)
        self.checked.append(label)
        if found["scrollWidth"] > found["width"] or found["offenders"]:
            self.too_wide[label] = found
        if self.on_check:
            self.on_check(label)


def _ok(ack: dict) -> dict:
    assert ack.get("ok"), ack
    return ack


def run_meeting(server_url: str, page, texts: Texts, on_check=None) -> PhoneWidth:
    """One whole meeting of the hostile tool, the ``page`` (320 px wide) as one phone; returns
    what was checked and what was too wide."""
    created = requests.post(
        server_url + "/api/sessions",
        json={"dialogue": TOOL_ID, "title": texts.title},
        timeout=10,
    ).json()
    code = created["code"]
    console = facilitator_of(server_url, created)
    others = [
        LiveClient(server_url, role="participant", code=code, name=name).connect()
        for name in texts.others
    ]
    width = PhoneWidth(page, on_check)

    def command(action: str, **args) -> dict:
        return console.call("command", {"action": action, **args})

    def arrive(step: str) -> None:
        _ok(command("goto", step=step))
        command("open")  # a step may wait for the facilitator to open it
        page.wait_for("(step) => document.querySelector(`.step[data-step-id='${step}']`)", step)

    def shown_results(label: str) -> None:
        _ok(command("reveal", audience="all"))
        page.wait_for("() => document.querySelector('.phone-results')")
        width.check(label)

    try:
        _ok(command("tables", names=texts.tables))
        page.goto(created["join_url"])
        page.wait_for("() => !document.querySelector('#join').hidden")
        width.check("join")
        page.fill("#join-name", texts.name)
        page.click("#join-form button[type=submit]")
        page.wait_for("() => document.querySelector('.table-picker')")
        width.check("lobby, choosing a table")
        page.click(".table-button")
        page.wait_for("() => document.querySelector('.table-bar')")
        width.check("lobby")

        arrive("velkommen")
        width.check("info")

        arrive("ord")
        page.wait_for("() => document.querySelector('.word-input')")
        for number, word in enumerate(texts.words[:3]):
            page.fill(f".word-input:nth-child({number + 1})", word)
        width.check("word cloud, typed")
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.receipt.is-received')")
        for n, phone in enumerate(others):
            words = [CLOUD_WORDS[(n + k) % len(CLOUD_WORDS)] for k in range(3)]
            phone.call("answer", {"step_id": "ord", "answer_id": f"ord-{n:04d}", "value": words})
        shown_results("word cloud, results")

        arrive("valg")
        page.wait_for("() => document.querySelector('.choice')")
        page.click(".choice")
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.receipt.is-received')")
        for n, phone in enumerate(others):
            phone.call("answer", {"step_id": "valg", "answer_id": f"valg-{n:04d}", "value": ["a"]})
        shown_results("choice, results")

        arrive("skala")
        page.wait_for("() => document.querySelector('.rating-button')")
        page.click(".rating-button")
        page.wait_for("() => document.querySelector('.send-note:not([hidden])')")
        width.check("scale, one statement unrated")
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.receipt.is-received')")
        width.in_view("scale, receipt", ".receipt.is-received")
        for n, phone in enumerate(others):
            phone.call(
                "answer", {"step_id": "skala", "answer_id": f"skala-{n:04d}", "value": {"s1": 4}}
            )
        shown_results("scale, results")

        arrive("point")
        page.wait_for("() => document.querySelector('.stepper-input')")
        width.check("points")
        page.fill(".stepper-input", "5")
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.receipt.is-received')")
        for n, phone in enumerate(others):
            phone.call(
                "answer", {"step_id": "point", "answer_id": f"point-{n:04d}", "value": {"b": 5}}
            )
        shown_results("points, results")

        arrive("ideer")
        page.wait_for("() => document.querySelector('.open-text')")
        page.fill(".open-text", texts.answers[0])
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.my-answer .receipt.is-received')")
        width.in_view("open, receipt of a long answer", ".my-answer .receipt")
        width.check("open, receipt of a long answer")
        for n, phone in enumerate(others):
            for k, text in enumerate(texts.answers[1:3]):
                _ok(
                    phone.call(
                        "answer",
                        {"step_id": "ideer", "answer_id": f"idea-{n}-{k:04d}", "value": text},
                    )
                )
        shown_results("open, results")

        arrive("stem")
        page.wait_for("() => document.querySelector('.vote-card')")
        width.check("vote")
        page.click(".vote-card .stepper-button:last-child")
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.receipt.is-received')")
        voting = console.wait(lambda c: c.state["step"]["id"] == "stem" and c.state["step"])
        cards = [card["answer_id"] for card in voting.get("cards", [])]
        for n, phone in enumerate(others):
            vote = {"step_id": "stem", "answer_id": f"stem-{n:04d}", "value": cards[:2]}
            phone.call("answer", vote)
        shown_results("vote, results")

        arrive("plan")
        page.wait_for("() => document.querySelector('.action-what-input')")
        page.fill(".action-what-input", texts.what)
        page.fill(".action-who-input", texts.who)
        page.fill(".action-when-input", (date.today() - timedelta(days=3)).isoformat())
        page.wait_for("() => document.querySelector('.send-note.is-warning')")
        width.check("action point, a date that has passed")
        page.fill(".action-when-input", (date.today() + timedelta(days=30)).isoformat())
        page.click(".answer-form button[type=submit]")
        page.wait_for("() => document.querySelector('.my-answer .receipt.is-received')")
        width.in_view("action point, receipt", ".my-answer .receipt")
        for n, phone in enumerate(others):
            value = {"what": texts.answers[1][:300], "who": texts.others[n][:100]}
            value["when"] = (date.today() + timedelta(days=10 + n)).isoformat()
            point = {"step_id": "plan", "answer_id": f"plan-{n:04d}", "value": value}
            _ok(phone.call("answer", point))
        mine = page.evaluate("() => document.querySelector('.my-answer').dataset.answerId")
        _ok(command("edit_action", answer_id=mine, value={"what": texts.edited}))
        _ok(command("confirm_action", answer_id=mine))
        _ok(command("confirm_action", answer_id="plan-0000"))
        page.wait_for("() => document.querySelector(\"[data-fate='edited_confirmed']\")")
        width.check("action point, edited and confirmed")
        shown_results("action plan, results")

        _ok(command("end"))
        page.wait_for("() => document.querySelector('.phone-plan-item')")
        width.check("ended, with the plan")
    finally:
        for client in (console, *others):
            client.close()
    return width
