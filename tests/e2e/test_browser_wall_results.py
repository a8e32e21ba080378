"""The results of each kind of step on the projector: every word of the cloud inside the
screen; the confirmed plan and the vote's ranking paging through every point and idea in
readable type; a ranking that changes on the wall starts again from its top."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .browser import browser  # noqa: F401  (fixture)
from .wall_page import (
    LONG,
    SETTLE,
    SIZES,
    arrived,
    give,
    projector,
    reveal,
    to_step,
    turn_page,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


CLOUD_INSIDE = (
    """
() => {"""
    + SETTLE
    + """
  const box = document.querySelector('#results').getBoundingClientRect();
  const words = [...document.querySelectorAll('#results .word')];
  return {
    words: words.map((w) => w.firstChild.textContent),
    outside: words.filter((w) => {
      const r = w.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
        || r.bottom > box.bottom + 1 || r.bottom > innerHeight;
    }).map((w) => w.textContent),
  };
}
"""
)


@pytest.mark.parametrize("size", [*SIZES, (1280, 720)], ids=["1920", "1024", "720p"])
def test_every_word_of_the_cloud_is_inside_the_screen(server, browser, size):  # noqa: F811
    long_word = "beboerdemokratiudvalgsmødernes"  # 30 letters, the longest a word may be
    words = [[long_word, "tryghed", "fællesskab"]] + [
        [f"ord{n}", f"grøn{n % 5}", "fællesskab"] for n in range(13)
    ]
    distinct = {word for answer in words for word in answer}
    with projector(server, browser, size, phones=len(words)) as (facilitator, screen, room, _c):
        to_step(facilitator, "indcheckning")
        give(room, "indcheckning", words)
        reveal(facilitator)
        screen.wait_for_function(
            "n => document.querySelectorAll('#results .word').length >= n",
            arg=len(distinct),
            timeout=15_000,
        )
        cloud = screen.evaluate(CLOUD_INSIDE)
        assert long_word in cloud["words"]
        assert cloud["outside"] == []


PLAN_ROWS = """
() => {
  const box = document.querySelector('#results').getBoundingClientRect();
  return [...document.querySelectorAll('#results .plan-table tbody tr')].map((row) => {
    const when = row.querySelector('.col-when');
    const r = row.getBoundingClientRect();
    return {
      id: row.dataset.answerId,
      inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1,
      dateWhole: when.scrollWidth <= when.clientWidth + 1
        && when.getBoundingClientRect().right <= box.right + 1,
      font: parseFloat(getComputedStyle(row.querySelector('.col-what')).fontSize),
    };
  });
}
"""


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_the_confirmed_plan_pages_through_every_point_with_its_date_whole(
    server,
    browser,  # noqa: F811
    size,
):
    points = [
        {
            "what": f"Punkt {n + 1}: {LONG[: 60 + 25 * n]}",
            "who": "Afdelingsbestyrelsen og beboerdemokratiudvalget",
            "when": f"2031-{n + 1:02d}-2{n}",
        }
        for n in range(6)
    ]
    with projector(server, browser, size, phones=6) as (facilitator, screen, room, _created):
        to_step(facilitator, "handlepunkter")
        ids = give(room, "handlepunkter", points)
        for answer_id in ids:
            ack = facilitator.call("command", {"action": "confirm_action", "answer_id": answer_id})
            assert ack["ok"], ack
        reveal(facilitator)
        arrived(screen, 6)
        seen = set()
        for _ in range(8):
            rows = screen.evaluate(PLAN_ROWS)
            assert rows, "a page without points"
            for row in rows:
                assert row["inside"] and row["dateWhole"], row
                assert row["font"] >= (32 if size[0] == 1920 else 24) - 0.5
            seen |= {row["id"] for row in rows}
            turn_page(screen)
        assert seen == set(ids), "every point of the plan is on the projector"


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_the_ranking_pages_through_every_idea(server, browser, size):  # noqa: F811
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        ideas = give(room, "ideer", [f"Idé {n}: {LONG[: 20 + 4 * n]}" for n in range(28)])
        to_step(facilitator, "prioriter")
        for n, phone in enumerate(room):
            votes = [ideas[n], ideas[n + 10], ideas[27]]
            ack = phone.call(
                "answer", {"step_id": "prioriter", "answer_id": f"vote-{n:04d}", "value": votes}
            )
            assert ack["ok"], ack
        reveal(facilitator)
        arrived(screen, 28)
        seen = set()
        for _ in range(12):
            rows = screen.evaluate(
                """() => { const box = document.querySelector('#results').getBoundingClientRect();
                  return [...document.querySelectorAll('#results .vote-row[data-answer-id]')]
                    .map((row) => { const r = row.getBoundingClientRect();
                      return [row.dataset.answerId, r.bottom <= box.bottom + 1
                        && r.right <= box.right + 1]; }); }"""
            )
            assert rows and all(inside for _id, inside in rows)
            seen |= {answer_id for answer_id, _inside in rows}
            assert screen.locator("#results [data-more]").count() == 0, "no '+N more'"
            turn_page(screen)
        assert seen == set(ideas)


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_ranking_that_changes_while_on_the_wall_starts_again_from_its_top(server, browser, size):  # noqa: F811
    """The vote's results are up before the votes come in: when they come, the page the room
    sees is the top of the ranking as it is now, not a page of the list as it first stood."""
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        ideas = give(room, "ideer", [f"Idé {n}: {LONG[: 20 + 4 * n]}" for n in range(28)])
        to_step(facilitator, "prioriter")
        reveal(facilitator)
        arrived(screen, 28)
        expect(screen.locator("#wall-pager")).to_have_text(re.compile(r"^Side 1 af"))
        first = screen.evaluate(
            "() => [...document.querySelectorAll('#results .vote-row')]"
            ".map((r) => r.dataset.answerId)"
        )
        winner = next(idea for idea in reversed(ideas) if idea not in first)
        for n, phone in enumerate(room):
            votes = [ideas[n], ideas[n + 10], winner]
            ack = phone.call(
                "answer", {"step_id": "prioriter", "answer_id": f"vote-{n:04d}", "value": votes}
            )
            assert ack["ok"], ack
        top = screen.locator(f'#results .vote-row.rank-1[data-answer-id="{winner}"]')
        expect(top).to_be_visible(timeout=15_000)
        expect(screen.locator("#wall-pager")).to_have_text(re.compile(r"^Side 1 af"))
