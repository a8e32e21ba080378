"""The spotlight on the projector: a long answer the facilitator highlights is shown whole,
inside the screen, on every page of the wall, whether it was highlighted before the wall
began paging or while it pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import browser  # noqa: F401  (fixture)
from .wall_page import (
    LONG,
    ON_SCREEN,
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


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_highlighted_long_answer_is_shown_whole(server, browser, size):  # noqa: F811
    story = " ".join([LONG] * 4)[:990] + " slut."
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        ids = give(room, "ideer", [story] + [f"Idé {n}: {LONG[:90]}" for n in range(15)])
        assert facilitator.call("command", {"action": "highlight", "answer_id": ids[0]})["ok"]
        reveal(facilitator)
        spotlight = screen.locator(f'#results .wall-spotlight [data-answer-id="{ids[0]}"]')
        expect(spotlight).to_be_visible()
        for _ in range(3):
            page = screen.evaluate(ON_SCREEN)
            assert page["outside"] == [] and page["cut"] == 0
            assert page["cards"][0] == [ids[0]], "the spotlight stays up on every page"
            assert page["texts"][0].endswith("slut.")
            turn_page(screen)


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_long_answer_highlighted_while_the_wall_pages_is_shown_whole(server, browser, size):  # noqa: F811
    """The facilitator puts a long answer in the spotlight after the wall began paging (as a
    busy server also brings the highlight after the first pages): it takes smaller type or
    stands alone, never over the edge."""
    story = " ".join([LONG] * 4)[:990] + " slut."
    with projector(server, browser, size) as (facilitator, screen, room, _created):
        to_step(facilitator, "ideer")
        give(room, "ideer", [f"Idé {n}: {LONG[:90]}" for n in range(15)])
        reveal(facilitator)
        arrived(screen, 15)
        assert screen.evaluate(ON_SCREEN)["pager"], "the wall pages before the highlight"
        ack = room[7].call(
            "answer", {"step_id": "ideer", "answer_id": "ideer-story", "value": story}
        )
        assert ack["ok"], ack
        arrived(screen, 16)
        assert facilitator.call("command", {"action": "highlight", "answer_id": "ideer-story"})[
            "ok"
        ]
        spotlight = screen.locator('#results .wall-spotlight [data-answer-id="ideer-story"]')
        expect(spotlight).to_be_visible()
        for _ in range(3):
            page = screen.evaluate(ON_SCREEN)
            assert page["outside"] == [] and page["cut"] == 0
            assert page["cards"][0] == ["ideer-story"], "the spotlight stays up on every page"
            turn_page(screen)
