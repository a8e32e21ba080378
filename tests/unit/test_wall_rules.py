"""The projector wall's rules (static/js/wall.js), run in Node: whatever the sizes of the
cards and the screen, and whenever answers arrive or are hidden, every card is shown within
its cycle, a new answer is on the next page, and a card the server folded shows as one ×N."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import service_missing
from tests.tools import meeting_file
from workshop.domain.errors import InvalidCommand
from workshop.domain.session import SessionState, apply_command
from workshop.domain.tools import parse_dialogue
from workshop.storage.codec import controls_of, state_of

HARNESS = Path(__file__).parents[1] / "js" / "wall_harness.mjs"


class Wall:
    """The rules module behind a Node process that answers one JSON line per request."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process

    def __call__(self, op: str, **args):
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert answer["ok"], answer["error"]
        return answer["value"]


@pytest.fixture(scope="session")
def wall():
    node = shutil.which("node")
    if node is None:
        service_missing("Node.js", "install Debian's nodejs package")
    process = subprocess.Popen(
        [node, str(HARNESS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    yield Wall(process)
    process.stdin.close()
    process.wait(timeout=10)
    process.stdout.close()


heights = st.integers(min_value=1, max_value=60)
capacities = st.integers(min_value=1, max_value=120)


@st.composite
def walls(draw):
    count = draw(st.integers(min_value=0, max_value=40))
    cards = [[f"card-{n}", draw(heights)] for n in range(count)]
    return cards, draw(capacities)


def by_cycle(pages: list[dict]) -> dict[int, list[dict]]:
    cycles: dict[int, list[dict]] = {}
    for page in pages:
        cycles.setdefault(page["cycle"], []).append(page)
    return cycles


@given(walls())
def test_every_card_is_shown_once_in_each_cycle_whatever_the_sizes(wall, drawn):
    cards, capacity = drawn
    pages = wall("simulate", cards=cards, capacity=capacity, pages=2 * len(cards) + 2)
    keys = {key for key, _height in cards}
    cycles = by_cycle(pages)
    # Every cycle but the last one shown is complete.
    for number in sorted(cycles)[:-1]:
        shown = [key for page in cycles[number] for key in page["keys"]]
        assert sorted(shown) == sorted(keys), "a card missing or repeated in a cycle"
    if cards:
        assert all(page["keys"] for page in pages), "an empty page while cards wait"


@given(walls())
def test_a_page_holds_what_fits_and_no_more(wall, drawn):
    cards, capacity = drawn
    height = dict((key, value) for key, value in cards)
    order = [key for key, _ in cards]
    pages = wall("simulate", cards=cards, capacity=capacity, pages=len(cards) + 1)
    for page, following in zip(pages, pages[1:], strict=False):
        used = sum(height[key] for key in page["keys"])
        assert used <= capacity or len(page["keys"]) == 1
        if following["cycle"] == page["cycle"] and following["keys"]:
            # Full: the next card of the cycle would not have fitted on it.
            assert used + height[following["keys"][0]] > capacity
    if pages and cards:
        assert pages[0]["keys"][0] == order[0], "the newest card leads the first page"


@given(walls())
def test_page_n_of_m_is_honest(wall, drawn):
    cards, capacity = drawn
    pages = wall("simulate", cards=cards, capacity=capacity, pages=2 * len(cards) + 2)
    for number, cycle in by_cycle(pages).items():
        for index, page in enumerate(cycle, start=1):
            if page["keys"]:
                assert page["page"] == index
                assert 1 <= page["page"] <= page["pages"]
        complete = number != max(by_cycle(pages))
        if complete and cycle[-1]["keys"]:
            assert cycle[-1]["page"] == cycle[-1]["pages"], "the last page says it is the last"
    # A single card is one page, even when it is taller than the screen.
    one_page = len(cards) == 1 or sum(h for _, h in cards) <= capacity
    if cards:
        assert all(page["paging"] is not one_page for page in pages)


@st.composite
def meetings(draw):
    """Cards at the start, cards that arrive after some page, cards hidden after some page."""
    cards, capacity = draw(walls())
    pages = draw(st.integers(min_value=1, max_value=60))
    arrivals = [
        [draw(st.integers(min_value=0, max_value=pages - 1)), f"late-{n}", draw(heights)]
        for n in range(draw(st.integers(min_value=0, max_value=15)))
    ]
    # When each card comes onto the wall: a card can only be hidden after it came.
    comes = {key: 0 for key, _ in cards} | {key: at for at, key, _ in arrivals}
    hidden = draw(st.lists(st.sampled_from(sorted(comes)), unique=True)) if comes else []
    gone = [[draw(st.integers(min_value=comes[key], max_value=pages - 1)), key] for key in hidden]
    return cards, capacity, arrivals, gone, pages


@given(meetings())
def test_an_arriving_card_is_on_the_next_page_and_no_card_waits_past_its_cycle(wall, meeting):
    cards, capacity, arrivals, gone, count = meeting
    height = {key: value for key, value in cards} | {key: h for _, key, h in arrivals}
    pages = wall(
        "simulate", cards=cards, capacity=capacity, arrivals=arrivals, gone=gone, pages=count
    )
    hidden_at = {key: at for at, key in gone}
    arrived_at = {key: at for at, key, _ in arrivals}
    # The ledger: which cards are on the wall when each page is drawn.
    for index, page in enumerate(pages):
        present = {
            key
            for key in [k for k, _ in cards] + list(arrived_at)
            if arrived_at.get(key, 0) <= index and hidden_at.get(key, count + 1) > index
        }
        assert set(page["keys"]) <= present, "a hidden or unknown card on the wall"
        newcomers = [key for key, at in arrived_at.items() if at == index and key in present]
        if newcomers:
            # Arrived just before this page: the newest leads it, and as many as fit are on it.
            assert page["keys"][0] == newcomers[-1]
            room = 0
            for key in reversed(newcomers):
                room += height[key]
                if room > capacity and key != newcomers[-1]:
                    break
                assert key in page["keys"]
    # A card on the wall through a whole cycle is shown in it (the cycle ends when the page
    # after its last one is drawn, after that page's hides).
    for number, cycle in by_cycle(pages).items():
        if number == max(by_cycle(pages)):
            continue
        first = pages.index(cycle[0])
        last = pages.index(cycle[-1])
        shown = {key for page in cycle for key in page["keys"]}
        for key in [k for k, _ in cards] + list(arrived_at):
            if arrived_at.get(key, 0) <= first and hidden_at.get(key, count + 1) > last + 1:
                assert key in shown, f"{key} was on the wall all cycle {number} and never shown"


@given(walls(), st.integers(min_value=1, max_value=10), st.integers(min_value=0, max_value=10))
def test_back_shows_the_pages_before_in_turn(wall, drawn, forward, back):
    cards, capacity = drawn
    if not cards:
        return
    result = wall("back", cards=cards, capacity=capacity, forward=forward, back=back)
    pages, after = result["pages"], result["after"]
    # Back stays within the cycle the wall is in.
    start = max(i for i, page in enumerate(pages) if page[0] == cards[0][0] or i == 0)
    for step, current in enumerate(after, start=1):
        expected = pages[max(start, len(pages) - 1 - step)]
        assert current == expected


texts = st.text(alphabet="abcAB æøå\t\n", max_size=12)


@given(
    st.lists(
        st.tuples(texts, st.integers(min_value=0, max_value=4), st.booleans()),
        max_size=20,
    )
)
def test_the_wall_shows_the_servers_cards_as_they_are_newest_first(wall, answers):
    """The server folds identical answers (as for the console and the phones): the wall neither
    folds again nor splits, so two cards with the same text (one pulled apart) stay two."""
    cards = [
        {
            "answer_id": f"a{n}",
            "text": text,
            "merged": [f"a{n}-{m}" for m in range(merged)],
            "weight": 1 + merged,
            "highlighted": marked,
        }
        for n, (text, merged, marked) in enumerate(answers)
    ]
    shown = wall("wallCards", cards=cards)
    assert [card["key"] for card in shown] == [c["answer_id"] for c in reversed(cards)]
    for card, given_card in zip(shown, reversed(cards), strict=True):
        assert card["text"] == given_card["text"]
        assert card["weight"] == given_card["weight"] == len(card["ids"])
        assert card["highlighted"] == given_card["highlighted"]
        assert card["ids"] == [given_card["answer_id"], *given_card["merged"]]


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=2000))
def test_the_time_to_read_grows_with_the_words_within_bounds(wall, few, many):
    few, many = sorted((few, many))
    short = wall("readingSeconds", words=few)
    long = wall("readingSeconds", words=many)
    assert 8 <= short <= long <= 25


@given(st.integers(min_value=10, max_value=40), st.integers(min_value=0, max_value=80))
def test_the_largest_type_that_fits_is_chosen(wall, floor, limit):
    sizes = wall("typeSizes", floor=floor, ceiling=floor * 2)
    assert sizes[0] == floor and sizes[-1] == floor * 2 and sizes == sorted(set(sizes))
    chosen = wall("largestFitting", sizes=sizes, limit=limit)
    fitting = [size for size in sizes if size <= limit]
    assert chosen == (max(fitting) if fitting else floor)


# The facilitator's command: page the wall, or hold it on its page (kept with the session, so
# a projector that reloads stays held).


def running_state():
    tool = parse_dialogue(yaml.safe_load(meeting_file()))
    return tool, apply_command(SessionState(), tool, "start")


def test_the_facilitator_pages_the_wall_and_holds_it_and_the_hold_is_kept():
    tool, state = running_state()
    for move in ("next", "next", "prev", "next"):
        state = apply_command(state, tool, "wall", {"move": move})
    state = apply_command(state, tool, "wall", {"hold": True})
    assert (state.wall_moves, state.wall_hold) == (2, True)
    kept = state_of(state.status, state.step_index, state.answering, controls_of(state))
    assert (kept.wall_moves, kept.wall_hold) == (2, True)
    assert state_of("running", 0, False, {}).wall_hold is False  # sessions saved before


@pytest.mark.parametrize(
    ("args", "code"),
    [({}, "bad_payload"), ({"move": "up"}, "bad_setting"), ({"hold": "yes"}, "bad_setting")],
)
def test_a_wall_command_that_says_nothing_sensible_is_refused(args, code):
    tool, state = running_state()
    with pytest.raises(InvalidCommand) as refused:
        apply_command(state, tool, "wall", args)
    assert refused.value.code == code
