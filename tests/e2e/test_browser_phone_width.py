"""No phone page is ever wider than its 320 px screen, whatever anyone types: the title, names,
tables, every kind's answers, the facilitator's edits, the ended meeting's plan."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .phone_pages import (
    CLOUD_WORDS,
    PIECES,
    STEPS,
    ChromiumPage,
    Texts,
    fit,
    run_meeting,
    upload_hostile_tool,
    worst_texts,
)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "locale": "da-DK"}


@pytest.fixture
def server(server_factory):
    server = server_factory(WORKSHOP_ASYNC_MODE="gevent").start()
    upload_hostile_tool(server.url)
    return server


def typed(limit: int) -> st.SearchStrategy[str]:
    """Text as people type and paste it: hostile pieces, with or without spaces between."""
    return st.builds(
        lambda pieces, joiner: fit(joiner.join(pieces), limit),
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
        st.sampled_from([" ", "", "-", "/"]),
    )


def long_answer() -> st.SearchStrategy[str]:
    return st.one_of(typed(1000), typed(1000).map(lambda text: fit((text + " ") * 40, 1000)))


TEXTS = st.builds(
    Texts,
    title=typed(300),
    name=typed(40),
    others=st.lists(typed(40), min_size=2, max_size=2),
    tables=st.lists(typed(60), min_size=1, max_size=4),
    answers=st.lists(long_answer(), min_size=3, max_size=3),
    words=st.lists(st.sampled_from(CLOUD_WORDS), min_size=1, max_size=3),
    what=typed(300),
    who=typed(100),
    edited=typed(300),
)

# A browser meeting is costly: a few examples on a developer's machine, more in CI.
EXAMPLES = max(2, settings.default.max_examples // 15)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(texts=worst_texts())
@given(texts=TEXTS)
def test_no_phone_page_is_ever_wider_than_a_320_px_screen(server, browser, texts):  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    try:
        width = run_meeting(server.url, ChromiumPage(page), texts)
    finally:
        context.close()
    assert problems.errors == []
    # Every page and state of the meeting was looked at, and none was too wide.
    assert len(width.checked) >= len(STEPS) + 8
    assert width.too_wide == {}
