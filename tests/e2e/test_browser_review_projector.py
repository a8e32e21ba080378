"""The review step on the projector, in a real browser at 1024×768 and 1920×1080: the room's
view of each earlier action point, paged when they do not all fit, and nothing cut off."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .browser import PageProblems, browser  # noqa: F401  (fixture)
from .review_meeting import LATER, NEW_DEADLINE, SOON, answer, participant

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server_factory):
    # Meetings of fifty points are made over the API faster than a person could: no limit on
    # events per connection.
    fast = {"WORKSHOP_EVENT_BURST": "100000", "WORKSHOP_EVENT_RATE": "100000"}
    return module_server_factory(WORKSHOP_ASYNC_MODE="gevent", **fast).start()


MANY_POINTS = [
    (f"Handlepunkt nummer {number} om grønne fællesarealer", "Udvalget", day.isoformat())
    for number, day in enumerate(
        (date.today() + timedelta(days=10 + number) for number in range(16)), start=1
    )
]


def turned_to(screen, shown) -> None:
    """Move the projector's clock on a second at a time until ``shown`` is on the screen: a
    review's page stays up for 10 to 30 seconds (kinds/review.js), so none goes by unseen and
    no test waits for them in real time."""
    for _ in range(31):
        if shown.is_visible():
            return
        screen.clock.run_for(1000)
    expect(shown).to_be_visible()


@pytest.mark.parametrize("points", [MANY_POINTS])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_projector_shows_the_room_s_view_of_each_point_and_pages_through_them(
    meeting,
    browser,  # noqa: F811
    size,
):
    others = {
        f"p{n}": {"status": "not_started", "comment": f"Kommentar {n}"}
        for n in range(2, len(MANY_POINTS) + 1)
    }
    views = [
        {"p1": {"status": "done", "comment": "Holdt i maj med 40 beboere"}, **others},
        {"p1": {"status": "done"}, "p2": {"status": "dropped", "comment": "Ingen tid"}},
        {"p1": {"status": "under_way", "comment": "Mangler lokale"}},
    ]
    for number, view in enumerate(views):
        answer(participant(meeting, f"Deltager {number}"), f"review-{number:04d}", view)
    screen = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems = PageProblems(screen)
    screen.clock.install()  # the test may move the page timer's clock on
    screen.goto(meeting["created"]["screen_url"])
    results = screen.locator("#results")
    # The step shows the room's view once answering closes.
    expect(screen.locator("#prompt")).to_contain_text("handlepunkterne fra sidst")
    expect(results.locator(".review-point")).to_have_count(0)
    meeting["facilitator"].call("command", {"action": "close"})

    first = results.locator('.review-point[data-point="p1"]')
    expect(first).to_contain_text("Handlepunkt nummer 1 om grønne fællesarealer")
    expect(first.locator(".review-count.is-done")).to_have_text("Gjort 2")
    expect(first.locator(".review-count.is-under_way")).to_have_text("I gang 1")
    expect(first.locator(".review-count.is-dropped")).to_have_text("Droppet 0")
    expect(first.locator(".review-comment").first).to_contain_text(
        re.compile("Holdt i maj med 40 beboere|Mangler lokale|2 kommentarer")
    )
    expect(results).to_contain_text("3 personer har svaret")
    # Sixteen points do not fit in big type: those left out are counted, the box holds the
    # rest, and the projector shows the next ones in turn.
    more = results.locator(".review-point.is-more")
    expect(more).to_have_count(1)
    on_first_page = results.locator(".review-point:not(.is-more)").count()
    left = len(MANY_POINTS) - on_first_page
    assert 1 < left < len(MANY_POINTS)
    assert int(more.get_attribute("data-more")) == left
    expect(more).to_have_text(f"+{left} punkter mere")
    assert results.evaluate("(box) => box.scrollHeight <= box.clientHeight + 2")
    following = results.locator(f'.review-point[data-point="p{on_first_page + 1}"]')
    turned_to(screen, following)
    expect(following.locator(".review-count.is-not_started")).to_have_text(
        re.compile(r"Ikke startet [12]")
    )
    assert results.evaluate("(box) => box.scrollHeight <= box.clientHeight + 2")
    assert problems.errors == []


SHORT_POINTS = [
    ("Invitér afdelingsbestyrelserne til en grøn temaaften", "Mette", SOON.isoformat()),
    ("Skriv til kommunen om cykelstier", "Bo", LATER.isoformat()),
    ("Find et lokale til sommerfesten", "Udvalget", NEW_DEADLINE.isoformat()),
]
# Fifty points of about 190 characters each.
LONG_PLAN = [
    (
        f"Punkt {number}: undersøg sammen med afdelingsbestyrelserne og kommunens "
        "klimatilpasningsfællesmøde, hvordan regnvandet fra tagene kan ledes ud i bede, "
        "og skriv et forslag til næste møde",
        f"Udvalg {number % 7}",
        (date.today() + timedelta(days=10 + number)).isoformat(),
    )
    for number in range(1, 51)
]
# Each element of a shown point that reaches outside the results box, or outside its point.
OUTSIDE_THE_BOX = """(box) => {
  const edge = box.getBoundingClientRect();
  const out = [];
  for (const point of box.querySelectorAll(".review-point")) {
    const own = point.getBoundingClientRect();
    for (const node of [point, ...point.querySelectorAll("*")]) {
      const rect = node.getBoundingClientRect();
      if (!rect.width && !rect.height) continue;
      const outside = rect.top < edge.top - 1 || rect.bottom > edge.bottom + 1
        || rect.left < edge.left - 1 || rect.right > edge.right + 1;
      if (outside || rect.bottom > own.bottom + 1 || rect.right > own.right + 1) {
        out.push(`${point.dataset.point || "more"} ${node.className}`);
      }
    }
  }
  return out;
}"""


def screen_of(meeting, browser, size):  # noqa: F811
    screen = browser.new_page(viewport={"width": size[0], "height": size[1]}, locale="da-DK")
    screen.clock.install()  # the test may move the page timer's clock on
    screen.goto(meeting["created"]["screen_url"])
    expect(screen.locator("#prompt")).to_contain_text("handlepunkterne fra sidst")
    return screen


@pytest.mark.parametrize("points", [SHORT_POINTS])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_projector_shows_a_few_points_whole_with_their_comments(
    meeting,
    browser,  # noqa: F811
    size,
):
    views = [
        {"p1": {"status": "done", "comment": "Holdt i maj med 40 beboere"}},
        {"p2": {"status": "under_way", "comment": "Brevet mangler en underskrift"}},
        {"p3": {"status": "not_started", "comment": "Ingen har haft tid endnu"}},
    ]
    for number, view in enumerate(views):
        answer(participant(meeting, f"Deltager {number}"), f"review-{number:04d}", view)
    meeting["facilitator"].call("command", {"action": "close"})
    screen = screen_of(meeting, browser, size)
    problems = PageProblems(screen)
    results = screen.locator("#results")
    expect(results.locator(".review-point:not(.is-more)")).to_have_count(3)
    expect(results.locator(".review-point.is-more")).to_have_count(0)
    for point, view in zip(("p1", "p2", "p3"), views, strict=True):
        shown = results.locator(f'.review-point[data-point="{point}"]')
        expect(shown.locator(".review-comment .answer-text")).to_have_text(view[point]["comment"])
        expect(shown.locator(".review-comment .answer-text")).to_be_visible()
    assert results.evaluate(OUTSIDE_THE_BOX) == []
    assert problems.errors == []


@pytest.mark.parametrize("points", [LONG_PLAN])
@pytest.mark.parametrize(("size", "least"), [((1024, 768), 4), ((1920, 1080), 8)])
def test_the_projector_shows_many_long_points_a_page_at_a_time_without_cutting_any_off(
    meeting,
    browser,  # noqa: F811
    size,
    least,
):
    statuses = ["done", "under_way", "not_started", "dropped"]
    for number in range(3):
        view = {
            f"p{n}": {"status": statuses[(n + number) % 4], "comment": f"Kommentar {number} om {n}"}
            for n in range(1, 51)
        }
        answer(participant(meeting, f"Deltager {number}"), f"review-{number:04d}", view)
    meeting["facilitator"].call("command", {"action": "close"})
    screen = screen_of(meeting, browser, size)
    problems = PageProblems(screen)
    results = screen.locator("#results")
    points = results.locator(".review-point:not(.is-more)")
    expect(points.first).to_be_visible()
    shown = points.count()
    assert shown >= least, shown
    more = results.locator(".review-point.is-more")
    expect(more).to_have_text(f"+{50 - shown} punkter mere")
    assert int(more.get_attribute("data-more")) == 50 - shown
    assert results.evaluate(OUTSIDE_THE_BOX) == []
    # Each point shows its text (cut short with an ellipsis), its bar and the room's counts.
    first = points.first
    expect(first.locator(".review-what")).to_contain_text("Punkt 1:")
    expect(first.locator(".review-bar")).to_be_visible()
    expect(first.locator(".review-count.is-done")).to_be_visible()
    # The next page goes on where this one ended.
    following = results.locator(f'.review-point[data-point="p{shown + 1}"]')
    turned_to(screen, following)
    assert results.evaluate(OUTSIDE_THE_BOX) == []
    assert problems.errors == []
