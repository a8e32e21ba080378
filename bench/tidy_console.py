"""Clicks and seconds to tidy 60 answers in the console: `make bench-tidy`.

    .venv/bin/python bench/tidy_console.py [--before cde7fd4]

The room of tests/e2e/tidy_room.py (60 answers from 12 phones: 29 ideas, twelve of them said
more than once, nine of those with the same words typed differently) is tidied to one card
per idea in a real Chromium, three ways, each on a fresh server:

- before: the console as it was at ``--before`` (the commit before identical answers were
  folded): every answer is a card, and the only tool is "Flet" on a card, then "Flet her" on
  the card it belongs with, one card at a time;
- after, suggestions: identical answers come folded; the facilitator opens the list of
  suggestions, merges the three right ones and dismisses the wrong one;
- after, selection only: identical answers come folded; the facilitator ignores the
  suggestions and selects each group's cards (a click on each box) and merges them with
  "Slå sammen".

The clicks are counted and the seconds measured from the first click until the console shows
one card per idea; each click waits for the console to show the result of the one before (a
script clicks far faster than a person: the seconds compare the ways, they are not a
facilitator's). Printed side by side, and written as JSON to ``bench/results/tidy_console.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

import tests.e2e.server as server_module  # noqa: E402
from tests.e2e.browser import CHROMIUM_ARGS  # noqa: E402
from tests.e2e.tidy_room import ANSWERS, LOOK_ALIKES, NEAR, Room, ideas  # noqa: E402
from workshop.domain.identical import same_answer  # noqa: E402

BEFORE = "cde7fd4"  # the last commit before identical answers were folded (issue 23)
CARDS = "#results li.answer-card"
RESULTS = ROOT / "bench" / "results" / "tidy_console.json"


def cards_of_ideas(folded: bool) -> dict[str, list[str]]:
    """The answer ids of the cards each idea has on the console, earliest first: every answer
    (before), or one per wording (after, identical ones folded into the earliest)."""
    cards: dict[str, list[str]] = {}
    seen: set[str] = set()
    for answer_id, idea, text in ANSWERS:
        key = same_answer(text)
        if folded and key in seen:
            continue
        seen.add(key)
        cards.setdefault(idea, []).append(answer_id)
    return cards


class Timed:
    """Clicks counted, seconds from the first."""

    def __init__(self) -> None:
        self.clicks = 0
        self.started: float | None = None

    def click(self, locator, **options) -> None:
        if self.started is None:
            self.started = time.perf_counter()
        self.clicks += 1
        locator.click(**options)

    def seconds(self) -> float:
        return time.perf_counter() - (self.started or time.perf_counter())


def card(page, answer_id: str):
    return page.locator(f'{CARDS}[data-answer-id="{answer_id}"]')


def before(page) -> Timed:
    """One card at a time: merge on it, "merge here" on the idea's first card."""
    timed = Timed()
    for ids in cards_of_ideas(folded=False).values():
        into, *rest = ids
        for answer_id in rest:
            timed.click(card(page, answer_id).locator("[data-tool=merge]"))
            timed.click(card(page, into).locator("[data-tool=merge-into]"))
            expect(card(page, answer_id)).to_have_count(0)
    return timed


def after_suggestions(page) -> Timed:
    """The suggestions: all shown, the right ones merged, the wrong one dismissed."""
    timed = Timed()
    panel = page.locator("#suggestions")
    more = panel.locator("[data-tool=suggestions-more]")
    if more.count():
        timed.click(more)
    for texts, tool in [
        *((texts, "suggestion-merge") for texts in NEAR.values()),
        (LOOK_ALIKES, "suggestion-dismiss"),
    ]:
        found = panel.locator(".suggestion").filter(has=page.get_by_text(texts[0], exact=True))
        before_count = panel.locator(".suggestion").count()
        timed.click(found.locator(f"[data-tool={tool}]"))
        if before_count > 1:
            expect(panel.locator(".suggestion")).to_have_count(before_count - 1)
        else:
            expect(panel).to_be_hidden()
    return timed


def after_selection(page) -> Timed:
    """Batch selection: each group's cards clicked, then "Slå sammen"."""
    timed = Timed()
    groups = [ids for ids in cards_of_ideas(folded=True).values() if len(ids) > 1]
    for ids in groups:
        for answer_id in ids:
            timed.click(card(page, answer_id).locator(".card-select"))
        timed.click(page.locator("#selection-bar [data-batch=merge]"))
        expect(card(page, ids[-1])).to_have_count(0)
    return timed


def start_server(tree: Path, workdir: Path) -> server_module.ServerProcess:
    server_module.ROOT = tree  # the process runs the run.py of that tree
    return server_module.ServerProcess(
        workdir, WORKSHOP_ASYNC_MODE="gevent", WORKSHOP_EVENT_RATE="500"
    ).start()


def run(browser, tree: Path, workdir: Path, way, folded: bool) -> dict:
    workdir.mkdir(parents=True)
    server = start_server(tree, workdir)
    room = None
    try:
        room = Room(server.url)
        page = browser.new_context(
            viewport={"width": 1280, "height": 800}, locale="da-DK"
        ).new_page()
        page.goto(room.created["facilitator_url"])
        expect(page.locator("body")).to_have_attribute("data-connection", "connected")
        room.give()
        shown = sum(len(ids) for ids in cards_of_ideas(folded).values())
        expect(page.locator(CARDS)).to_have_count(shown, timeout=30_000)
        if folded:
            expect(page.locator("#suggestions .suggestion").first).to_be_visible()
        timed = way(page)
        expect(page.locator(CARDS)).to_have_count(len(ideas()), timeout=30_000)
        seconds = timed.seconds()
        page.context.close()
        return {"cards_at_start": shown, "clicks": timed.clicks, "seconds": round(seconds, 2)}
    finally:
        if room:
            room.close()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the commit the 'before' console is of")
    parser.add_argument("--repo", default=str(ROOT), help="the git repository that commit is in")
    args = parser.parse_args()
    executable = shutil.which("chromium")
    if executable is None:
        sys.exit("Chromium is needed: install Debian's chromium package")
    with tempfile.TemporaryDirectory(prefix="tidy-bench-") as temp:
        temp = Path(temp)
        old = temp / "before-tree"
        old.mkdir()
        archive = subprocess.run(
            ["git", "-C", args.repo, "archive", args.before], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            results = {
                "before": run(browser, old, temp / "before", before, folded=False),
                "after_suggestions": run(
                    browser, ROOT, temp / "suggestions", after_suggestions, True
                ),
                "after_selection": run(browser, ROOT, temp / "selection", after_selection, True),
            }
            browser.close()
    results["answers"], results["ideas"] = len(ANSWERS), len(ideas())
    results["before_commit"] = args.before
    print(
        f"Tidying {len(ANSWERS)} answers to one card per idea ({len(ideas())} ideas) in the console"
    )
    print(f"{'':28}{'before':>10}{'suggestions':>14}{'selection':>12}")
    ways = [results[name] for name in ("before", "after_suggestions", "after_selection")]
    for label, key in [
        ("cards at the start", "cards_at_start"),
        ("clicks", "clicks"),
        ("seconds", "seconds"),
    ]:
        print(
            f"{label:28}"
            + "".join(f"{way[key]:>{w}}" for way, w in zip(ways, (10, 14, 12), strict=True))
        )
    print(
        "(before: the console at", args.before + "; seconds of scripted clicking, not a person's)"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
