"""The projector's lobby before the meeting starts: a long title breaks between syllables,
clear of the full-screen button, and the count of people who have come stays on screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import browser  # noqa: F401  (fixture)
from .wall_page import SIZES, projector

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent").start()


@pytest.mark.parametrize("size", SIZES, ids=["1920", "1024"])
def test_a_long_title_in_the_lobby_breaks_between_syllables_clear_of_the_button(
    server,
    browser,  # noqa: F811
    size,
):
    title = "Beboerdemokratiudvalgsmøde om Almene Mål i Afdeling 7 og fremtidens fællesskaber"
    with projector(server, browser, size, phones=3, title=title) as (_f, screen, _room, _c):
        expect(screen.locator("#lobby-count")).to_contain_text("3")
        layout = screen.evaluate(
            """() => {
              const rect = (id) => document.getElementById(id).getBoundingClientRect();
              const title = document.getElementById('lobby-title');
              const count = rect('lobby-count'), button = rect('fullscreen');
              const overlap = !(count.right <= button.left || button.right <= count.left
                || count.bottom <= button.top || button.bottom <= count.top);
              return { titleFits: title.scrollWidth <= title.clientWidth,
                       overlap, countInside: count.bottom <= innerHeight,
                       wide: document.documentElement.scrollWidth - innerWidth };
            }"""
        )
        assert layout == {"titleFits": True, "overlap": False, "countInside": True, "wide": 0}
