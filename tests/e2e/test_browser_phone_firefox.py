"""The phone in Firefox ESR at 320 px: the same hostile meeting as in Chromium, never wider
than the screen, no script error, and option labels such as "Økonomi" kept whole, on the form
and beside their numbers in the results."""

from __future__ import annotations

import pytest

from .firefox import firefox  # noqa: F401  (fixture)
from .phone_pages import STEPS, run_meeting, upload_hostile_tool, worst_texts

pytestmark = [pytest.mark.browser, pytest.mark.firefox]

# For each points label: its text and the most lines any one of its words takes (1 = whole).
WORD_LINES = """
(selector) => [...document.querySelectorAll(selector)].map((node) => {
  const text = node.firstChild;
  let most = 0;
  for (const word of text.textContent.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, word.index);
    range.setEnd(text, word.index + word[0].length);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    most = Math.max(most, tops.size);
  }
  return [node.textContent, most];
})
"""


@pytest.fixture(scope="module")
def server(module_server_factory):
    server = module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()
    upload_hostile_tool(server.url)
    return server


def test_no_phone_page_is_wider_than_320_px_in_firefox_and_short_labels_stay_whole(
    server,
    firefox,  # noqa: F811
):
    firefox.set_viewport(320, 568)
    labels: dict[str, int] = {}
    results: dict[str, int] = {}

    def look(label: str) -> None:
        if label == "points":
            labels.update(dict(firefox.evaluate(WORD_LINES, ".points-label")))
        if label == "points, results":
            results.update(dict(firefox.evaluate(WORD_LINES, ".results-phone .choice-label")))

    width = run_meeting(server.url, firefox, worst_texts(), on_check=look)
    assert firefox.page_errors() == []
    assert len(width.checked) >= len(STEPS) + 8
    assert width.too_wide == {}
    assert width.out_of_view == []
    assert labels["Økonomi"] == 1 and labels["Fællesskab og trivsel"] == 1
    assert results["Økonomi"] == 1 and results["Fællesskab og trivsel"] == 1
