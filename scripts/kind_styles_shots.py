"""Screenshots of every step kind with answers, to show that a change of the stylesheets
changed nothing on the pages (or exactly what it changed).

    python scripts/kind_styles_shots.py shoot OUT      # a real meeting, PNGs into OUT/
    python scripts/kind_styles_shots.py compare AFTER BEFORE...  # pixel by pixel

`shoot` starts this checkout's server (`run.py`) on a fixed port, runs a meeting with a step
of every kind (two votes: a few ideas, and enough for the phone's compact list) and a
follow-up meeting for the `review` kind; five people answer through Socket.IO, the
facilitator highlights, confirms and agrees, and every step's results are shown to all.
Chromium photographs each step on the phone at 320 and 390 px (the form and, under it, the
results), the console at 1024 and 1440 px and the projector at 1024 and 1920 px. Motion is
off (reduced motion, animations and transitions finished), the projector's wall is held on
its first page, the vote order of the phones is fixed, and the join code and QR codes (new
for every meeting) are masked, so two runs of the same stylesheets give the same pixels.
Beside each PNG a JSON file keeps what the cascade decided: every element's computed style.

`compare` (scripts/kind_styles_compare.py) prints each shot of AFTER that equals none of the
BEFORE runs' (its size, or the box of the changed pixels) and every element whose computed
style changed, writes a `<name>-diff.png` beside it, and exits with 1 if any did. A console
drawn a pixel apart from run to run (its step list scrolled a little further) is why it takes
two runs before a change: a shot equal to either is unchanged.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from kind_styles_compare import PROPERTIES, compare  # noqa: E402

from tests.e2e.clients import LiveClient, facilitator_of  # noqa: E402
from tests.e2e.meetings import FOLLOW_UP_TOOL, ended_meeting, follow_up  # noqa: E402
from tests.e2e.server import ServerProcess  # noqa: E402

PORT = 23917  # the same in every run: the join address on the pages is part of the picture
PHONES = (320, 390)
CONSOLES = (1024, 1440)
SCREENS = (1024, 1920)
PEOPLE = ["Mette", "Ole", "Aisha", "Jens", "Birgit"]
LONG = (
    "Vi skal have de unge med fra starten og spørge dem i klubben, hvad de selv vil bruge "
    "gården til, også når det koster et par ekstra møder i bestyrelsen."
)
IDEAS = ["Fælles gårdmøder hver måned", "Et byttehjørne i vaskeriet", LONG, "Lektiecafé"]
WORDS = (
    "grønne tage, delebil, sommerfest, solceller, bedre lys, velkomstpakke, værksted, "
    "byttemarked, lektiecafé, fællesspisning, cykelværksted, haveklub, filmaften, "
    "affaldssorteringsordningen"
)
MANY = [f"Idé nummer {n}: {word}" for n, word in enumerate(WORDS.split(", "), start=1)]
SOON = (date.today() + timedelta(days=30)).isoformat()
LATER = (date.today() + timedelta(days=90)).isoformat()

TOOL = {
    "id": "kind-shots",
    "title": "Alle slags trin",
    "language": "da",
    "steps": [
        {
            "id": "hej",
            "kind": "info",
            "prompt": "Velkommen til mødet",
            "body": "I dag taler vi om gården.\n\nSvar fra din telefon; svarene vises uden navn.",
        },
        {"id": "ord", "kind": "wordcloud", "prompt": "Tre ord om gården", "max_words": 3},
        {
            "id": "valg",
            "kind": "choice",
            "prompt": "Hvad vælger I først?",
            "options": [
                {"id": "a", "label": "Haven"},
                {"id": "b", "label": "Værkstedet"},
                {"id": "c", "label": "Et langt navn: affaldssorteringsordningen"},
            ],
        },
        {
            "id": "skala",
            "kind": "scale",
            "prompt": "Hvor enige er I?",
            "statements": [
                {"id": "s1", "text": "Vi mødes ofte nok"},
                {"id": "s2", "text": "Alle kan være med i gården"},
            ],
            "scale": {"min": 1, "max": 5, "min_label": "Slet ikke", "max_label": "Helt enig"},
        },
        {
            "id": "point",
            "kind": "points",
            "prompt": "Fordel fem prikker",
            "budget": 5,
            "options": [
                {"id": "a", "label": "Haven"},
                {"id": "b", "label": "Økonomi"},
                {"id": "c", "label": "Værkstedet"},
            ],
        },
        {"id": "ideer", "kind": "open", "prompt": "Hvilke idéer har I?", "max_answers": 3},
        {"id": "stem", "kind": "vote", "prompt": "Stem på idéerne", "source": "ideer", "votes": 3},
        {"id": "mange", "kind": "open", "prompt": "Flere idéer", "max_answers": 3},
        {
            "id": "stem-mange",
            "kind": "vote",
            "prompt": "Stem blandt mange",
            "source": "mange",
            "votes": 3,
        },
        {"id": "plan", "kind": "actions", "prompt": "Hvem gør hvad?", "max_answers": 3},
    ],
}
STYLES = """(properties) => [...document.querySelectorAll("body *")].map((node) => {
  const style = getComputedStyle(node);
  const name = node.tagName.toLowerCase() + [...node.classList].map((c) => "." + c).join("");
  return [name, properties.map((p) => style.getPropertyValue(p))];
})"""
MASKED = ".qr, .corner-code, .join-code, .join-url, .lobby-code, .follows-up"


def answers(step_id: str) -> list[list]:
    """Each person's answers to a step: [(answer_id, value), ...] per person."""
    if step_id == "ord":
        words = [["gård", "fællesskab"], ["ro", "gård"], ["grønt"], ["gård", "børn", "ro"], []]
        return [[(f"ord-{i}", w)] if w else [] for i, w in enumerate(words)]
    if step_id == "valg":
        return [[(f"valg-{i}", [c])] for i, c in enumerate("aabca")]
    if step_id == "skala":
        return [[(f"skala-{i}", {"s1": 1 + i % 5, "s2": 5 - i % 3})] for i in range(5)]
    if step_id == "point":
        split = [{"a": 5}, {"a": 2, "b": 3}, {"b": 1, "c": 4}, {"a": 1, "b": 1, "c": 3}, {"c": 5}]
        return [[(f"point-{i}", v)] for i, v in enumerate(split)]
    if step_id == "ideer":
        return [[(f"ide-{i}", text)] for i, text in enumerate(IDEAS)] + [[]]
    if step_id == "mange":
        return [[(f"mange-{i}", t) for i, t in enumerate(MANY) if i % 5 == p] for p in range(5)]
    if step_id == "stem":
        picks = [["ide-0", "ide-1"], ["ide-0"], ["ide-2", "ide-0"], ["ide-3"], ["ide-1"]]
        return [[(f"stem-{i}", v)] for i, v in enumerate(picks)]
    if step_id == "stem-mange":
        picks = [["mange-0", "mange-3"], ["mange-3"], ["mange-13", "mange-3"], ["mange-5"], []]
        return [[(f"stem-mange-{i}", v)] if v else [] for i, v in enumerate(picks)]
    if step_id == "plan":
        plan = [
            ("Indkalde til gårdmøde", "Mette", SOON),
            ("Søge penge til grønne tage", "Ole og bestyrelsen", LATER),
            ("Spørge de unge i klubben", "Aisha", SOON),
            ("Lave en velkomstpakke", "Jens", LATER),
        ]
        return [
            [(f"plan-{i}", {"what": w, "who": who, "when": when})]
            for i, (w, who, when) in enumerate(plan)
        ] + [[]]
    if step_id == "status":
        picks = [
            {"p1": {"status": "done"}, "p2": {"status": "under_way", "comment": "Vi mangler svar"}},
            {"p1": {"status": "done"}, "p2": {"status": "not_started"}},
            {"p1": {"status": "under_way", "comment": "Halvt færdig"}, "p3": {"status": "dropped"}},
            {"p2": {"status": "under_way"}, "p3": {"status": "dropped"}},
            {"p1": {"status": "done"}},
        ]
        return [[(f"status-{i}", v)] for i, v in enumerate(picks)]
    return [[] for _ in PEOPLE]


def answer_id(key: str) -> str:
    """An answer's id as a phone makes one (8 to 64 letters, digits, - and _)."""
    return f"shots-{key}"


def moderate(console: LiveClient, step_id: str) -> None:
    """What a facilitator does on the step before the room looks at the results."""
    commands = {
        "ideer": [{"action": "highlight", "answer_id": "ide-1"}],
        "plan": [
            {"action": "confirm_action", "answer_id": "plan-0"},
            {"action": "confirm_action", "answer_id": "plan-1"},
            {"action": "highlight", "answer_id": "plan-2"},
        ],
        "status": [{"action": "agree", "point": "p1", "status": "done", "comment": "Holdt"}],
    }
    for command in commands.get(step_id, []):
        if "answer_id" in command:
            command["answer_id"] = answer_id(command["answer_id"])
        ack = console.call("command", command)
        assert ack["ok"], (command, ack)


class Room:
    """One meeting in the browser: the phones, consoles and projectors, and the people."""

    def __init__(self, browser, server_url: str, created: dict, prompt_of: dict) -> None:
        self.created = created
        self.prompt_of = prompt_of
        self.console = facilitator_of(server_url, created)
        self.people = [
            LiveClient(server_url, role="participant", code=created["code"], name=name).connect()
            for name in PEOPLE
        ]
        self.contexts = []
        self.pages: dict[str, object] = {}
        for width in PHONES:
            page = self.context(browser, width, 568 if width == 320 else 844, mobile=True)
            page.goto(created["join_url"])
            page.fill("#join-name", f"Telefon {width}")
            page.click("#join-form button[type=submit]")
            page.locator("#view").wait_for()
            self.pages[f"phone-{width}"] = page
        for width in CONSOLES:
            page = self.context(browser, width, 768 if width == 1024 else 900)
            page.goto(created["facilitator_url"])
            self.pages[f"console-{width}"] = page
        for width in SCREENS:
            page = self.context(browser, width, width * 9 // 16)
            page.goto(created["screen_url"])
            self.pages[f"screen-{width}"] = page

    def context(self, browser, width: int, height: int, mobile: bool = False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=mobile,
            has_touch=mobile,
            locale="da-DK",
            reduced_motion="reduce",
        )
        # The phone orders the ideas to vote on by a seed of its own: the same in every run.
        context.add_init_script("localStorage.setItem('workshop:seed', JSON.stringify('shots'))")
        self.contexts.append(context)
        return context.new_page()

    def step(self, step_id: str, out: Path, name: str) -> None:
        ack = self.console.call("command", {"action": "goto", "step": step_id})
        assert ack["ok"], ack
        prompt = self.prompt_of[step_id]
        for key, page in self.pages.items():
            target = {"phone": ".prompt", "console": "#current-prompt", "screen": "#prompt"}
            page.locator(target[key.split("-")[0]], has_text=prompt).first.wait_for()
        for person, given in zip(self.people, answers(step_id), strict=True):
            for key, value in given:
                if step_id.startswith("stem"):  # a vote names the cards it votes for
                    value = [answer_id(card) for card in value]
                answer = {"step_id": step_id, "answer_id": answer_id(key), "value": value}
                ack = person.call("answer", answer)
                assert ack["ok"], (answer, ack)
        moderate(self.console, step_id)
        ack = self.console.call("command", {"action": "reveal", "audience": "all"})
        assert ack["ok"] or step_id == "hej", ack
        self.console.call("command", {"action": "wall", "hold": True})
        for key, page in self.pages.items():
            settle(page)
            page.screenshot(
                path=str(out / f"{name}-{key}.png"),
                full_page=not key.startswith("screen"),
                animations="disabled",
                caret="hide",
                mask=[page.locator(MASKED)],
            )
            styles = page.evaluate(STYLES, PROPERTIES)
            (out / f"{name}-{key}.json").write_text(json.dumps(styles, ensure_ascii=False))

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        for client in [*self.people, self.console]:
            client.close()


def settle(page, quiet: float = 0.6, timeout: float = 20.0) -> None:
    """Wait until the page has drawn what it was sent: its markup and layout unchanged for
    `quiet` seconds (results come at most four times a second), and its fonts loaded."""
    page.evaluate("document.fonts.ready.then(() => true)")
    probe = "() => document.body.scrollHeight + ':' + document.body.innerHTML"
    last, since, deadline = None, time.monotonic(), time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = page.evaluate(probe)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        page.wait_for_timeout(150)
    raise RuntimeError(f"{page.url} kept changing for {timeout} s")


def shoot(out: Path) -> int:
    from tests.e2e.browser import launched_chromium

    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="kind-shots-"))
    server = ServerProcess(workdir, port=PORT).start()
    try:
        upload = requests.post(
            server.url + "/api/dialogues",
            files={"file": ("kind-shots.yaml", json.dumps(TOOL).encode())},
            timeout=10,
        )
        upload.raise_for_status()
        created = requests.post(
            server.url + "/api/sessions",
            json={"dialogue": TOOL["id"], "title": "Afdelingsmøde i Solgården"},
            timeout=10,
        ).json()
        earlier = ended_meeting(
            server.url,
            [
                ("Indkalde til gårdmøde", "Mette", SOON),
                ("Søge penge til tage", "Ole", LATER),
                ("Spørge de unge", "Aisha", SOON),
            ],
            "Sidste afdelingsmøde",
        )
        later = follow_up(server.url, earlier, "Opfølgning i Solgården")
        shots = 0
        with launched_chromium() as browser:
            prompts = {step["id"]: step["prompt"] for step in TOOL["steps"]}
            room = Room(browser, server.url, created, prompts)
            try:
                assert room.console.call("command", {"action": "start"})["ok"]
                for step in TOOL["steps"]:
                    room.step(step["id"], out, f"{step['kind']}-{step['id']}")
                    shots += len(room.pages)
            finally:
                room.close()
            room = Room(browser, server.url, later, {"status": review_prompt()})
            try:
                assert room.console.call("command", {"action": "start"})["ok"]
                room.step("status", out, "review-status")
                shots += len(room.pages)
            finally:
                room.close()
        print(f"{shots} shots in {out}")
        return 0
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def review_prompt() -> str:
    """The prompt of the follow-up tool's review step, which the pages show."""
    from workshop.dialogues import builtin_dialogue

    return builtin_dialogue(FOLLOW_UP_TOOL).step("status").prompt


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "shoot":
        return shoot(Path(argv[1]))
    if len(argv) >= 3 and argv[0] == "compare":
        return compare(*(Path(arg) for arg in argv[1:]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
