"""Results per table on the projector: every answer, at a table or at none, inside the
screen, in type readable at 1024×768, with the people at no table counted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import browser  # noqa: F401  (fixture)
from .wall_page import give, projector, reveal, to_step, turn_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


TABLE_BOXES = """
() => {
  const box = document.querySelector('#results').getBoundingClientRect();
  const texts = [...document.querySelectorAll('#step *')].filter((node) => node.offsetParent
    && [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()));
  return {
    tables: [...document.querySelectorAll('#results [data-table]')].map((t) => ({
      id: t.dataset.table,
      name: t.querySelector('.table-name').textContent,
      count: (t.querySelector('.results-count') || {}).textContent || '',
      cards: [...t.querySelectorAll('[data-answer-id]')].map((c) => c.dataset.answerId),
      inside: t.getBoundingClientRect().bottom <= box.bottom + 1,
    })),
    answerFont: Math.min(...[...document.querySelectorAll('#results .answer-text')]
      .map((n) => parseFloat(getComputedStyle(n).fontSize))),
    smallest: Math.min(...texts.map((n) => parseFloat(getComputedStyle(n).fontSize))),
  };
}
"""


def test_results_per_table_at_1024_show_the_people_at_no_table_in_readable_type(
    server,
    browser,  # noqa: F811
):
    with projector(server, browser, (1024, 768), phones=9, tables=["Bord 1", "Bord 2"]) as (
        facilitator,
        screen,
        room,
        _created,
    ):
        assert facilitator.call("command", {"action": "by_table", "on": True})["ok"]
        to_step(facilitator, "ideer")
        ids = give(room, "ideer", [f"Forslag {n}" for n in range(9)])
        reveal(facilitator)
        expect(screen.locator('#results [data-table="-"]')).to_be_attached(timeout=15_000)
        seen, names = set(), {}
        for _ in range(8):
            page = screen.evaluate(TABLE_BOXES)
            for table in page["tables"]:
                assert table["inside"], table
                names[table["id"]] = (table["name"], table["count"])
                seen |= set(table["cards"])
            assert page["answerFont"] >= 24 - 0.5
            assert page["smallest"] >= 20 - 0.5, "a label too small to read at 1024"
            turn_page(screen)
        assert names["-"] == ("Uden bord", "3 personer har svaret")
        assert seen == set(ids), "every answer, at a table or at none"
