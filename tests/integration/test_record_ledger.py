"""Said = seen = kept: meetings run through the real app as a facilitator and phones would,
and every export (PDF, CSV, workbook, JSON) checked against the test's own ledger of what the
phones sent and the facilitator decided, never against the app's own summaries."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tools import MEETING

from .ledger import InProcess, Meeting, tag
from .ledger_checks import sections, tagged
from .ledger_meetings import (
    CHECK_IN_WORDS,
    IDEAS,
    RIGHT_TO_LEFT,
    assert_agrees,
    board_meeting,
    idea_text,
    its_follow_up,
    later,
)


@pytest.fixture
def room(client, connect, new_session):
    """The app in this process; tests/e2e/test_record_ledger_live.py runs (a) through a real
    server process."""
    return InProcess(client, connect, new_session)


def test_a_board_meeting_is_kept_as_it_was_said(room):
    assert_agrees(board_meeting(room))


def test_its_follow_up_is_kept_with_the_points_carried_over(room):
    """(b) The follow-up: the earlier points reviewed, some carried into the new plan."""
    meeting = its_follow_up(board_meeting(room))
    check = assert_agrees(meeting)
    assert len(meeting.ledger.plan()) == 3  # one new, two carried over
    assert check.problems == []


def test_an_english_meeting_ended_at_step_4_of_8(room):
    """(c) Ended early: the steps never reached say so, and nothing is counted for them."""
    meeting = Meeting(room, "plan-to-action", language="en")
    people = [meeting.join(f"Person {n}") for n in range(6)]
    meeting.goto("check-in")
    for n, person in enumerate(people):
        meeting.answer(person, "check-in", [CHECK_IN_WORDS[n % 4], CHECK_IN_WORDS[(n + 1) % 4]])
    meeting.goto("clarity")
    for n, person in enumerate(people):
        meeting.answer(person, "clarity", {"goals": n % 5 + 1, "role": 3, "support": 2})
    meeting.goto("focus")
    meeting.end()
    check = assert_agrees(meeting, "en")
    assert check.text.count("Not reached") >= 4  # ideas, vote, actions, check-out


def test_three_hundred_people_at_twelve_tables(room):
    """(d) 300 people at 12 tables, 12 of them at none; long answers, emoji, Arabic, Hebrew."""
    rng = random.Random(300)
    meeting = Meeting(room, MEETING, title="Repræsentantskabsmøde")
    meeting.tables([f"Bord {n}" for n in range(1, 13)])
    people = [meeting.join(f"P{n}", f"t{n % 12 + 1}" if n >= 12 else None) for n in range(300)]
    meeting.goto("indcheckning")
    for person in people[::3]:
        meeting.answer(person, "indcheckning", rng.sample(CHECK_IN_WORDS, 2))
    meeting.goto("vigtigste-maal")
    for person in people:
        meeting.answer(person, "vigtigste-maal", [rng.choice(["byer-i-balance", "lige-vigtige"])])
    meeting.goto("staar-i-dag")
    for person in people:
        meeting.answer(
            person,
            "staar-i-dag",
            {"byer-i-balance": rng.randint(1, 5), "groennere-sektor": rng.randint(1, 5)},
        )
    meeting.goto("hvad-skal-til")
    for person in people:
        for _ in range(2):
            meeting.answer(person, "hvad-skal-til", idea_text(rng.randrange(13), rng.randrange(4)))
    meeting.goto("hvem-med")
    given = [
        meeting.answer(person, "hvem-med", idea_text(rng.randrange(13), rng.randrange(4)))
        for person in people
        for _ in range(2)
    ]
    for n in range(0, 60, 6):
        meeting.merge(given[n + 1], given[n])
    meeting.hide(given[0])
    meeting.goto("ideer")
    ideas = [
        meeting.answer(person, "ideer", idea_text(rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12])))
        for person in people[::2]
    ]
    meeting.goto("prioriter")
    for person in people[::2]:
        meeting.answer(person, "prioriter", rng.sample(ideas, 3))
    meeting.goto("udcheckning")
    for person in people[::4]:
        meeting.answer(person, "udcheckning", idea_text(rng.choice([7, 8, 9]), rng.randrange(4)))
    meeting.end()
    assert_agrees(meeting)
    assert len(meeting.ledger.given) > 2000


@st.composite
def small_meetings(draw):
    """A small meeting: who sits where, what they say, and what the facilitator does."""
    tables = draw(st.integers(0, 3))
    seats = draw(st.lists(st.integers(0, tables), min_size=2, max_size=7))
    answers = draw(
        st.lists(
            st.tuples(st.integers(0, 99), st.integers(0, 12), st.integers(0, 3)),
            min_size=1,
            max_size=12,
        )
    )
    moderation = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["merge", "hide", "highlight"]),
                st.integers(0, 99),
                st.integers(0, 99),
            ),
            max_size=5,
        )
    )
    votes = draw(st.lists(st.lists(st.integers(0, 99), max_size=3, unique=True), max_size=7))
    points = draw(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=3))
    end_at = draw(st.sampled_from(["prioriter", "handlepunkter", "udcheckning"]))
    return tables, seats, answers, moderation, votes, points, end_at


# Each example is a meeting of its own with four exports: at most 40 of them.
@settings(
    settings.default,
    max_examples=min(settings.default.max_examples, 40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(plan=small_meetings())
def test_any_small_meeting_is_kept_as_it_was_said(room, plan):
    tables, seats, answers, moderation, votes, points, end_at = plan
    meeting = Meeting(room, MEETING)
    if tables:
        meeting.tables([f"Bord {n}" for n in range(1, tables + 1)])
    people = [
        meeting.join(f"Person {n}", f"t{seat}" if seat else None) for n, seat in enumerate(seats)
    ]
    meeting.goto("ideer")
    given_ids = []
    for who, number, variant in answers:
        text = idea_text(number, variant)
        if number % len(IDEAS) in RIGHT_TO_LEFT:
            text = idea_text(number, 0)  # a voted idea is read from the line it starts on
        answer_id = meeting.answer(people[who % len(people)], "ideer", text)
        if answer_id:
            given_ids.append(answer_id)
    ledger = meeting.ledger
    for action, a, b in moderation:
        first, second = given_ids[a % len(given_ids)], given_ids[b % len(given_ids)]
        if action == "merge":
            if first != second and not ledger.given[second].merged_into:
                meeting.merge(first, second)
        elif action == "hide":
            meeting.hide(first)
        else:
            meeting.highlight(first)
    meeting.goto("prioriter")
    cards = [card.answer_id for card, _weight in ledger.cards("ideer")]
    for who, choice in zip(people, votes, strict=False):
        ballot = sorted({cards[n % len(cards)] for n in choice}) if cards else []
        if ballot:
            meeting.answer(who, "prioriter", ballot)
    if end_at != "prioriter":
        meeting.goto("handlepunkter")
        for n, (confirmed, edited) in enumerate(points):
            point = meeting.answer(
                people[n % len(people)],
                "handlepunkter",
                {"what": f"{tag(100 + n)} Punkt", "who": "Ole", "when": later(5 + n)},
            )
            if point and confirmed:
                meeting.confirm(point)
            if point and edited:
                meeting.edit(point, when=later(50 + n))
    if end_at == "udcheckning":
        meeting.goto("udcheckning")
    meeting.end()
    assert_agrees(meeting)


# Each fix of the record, on the smallest meeting that showed it.


def section_of(meeting: Meeting, number: int) -> str:
    return sections(meeting.record().pdf_text(), "da")[number]


def room_with_a_table_and_people_at_none(room) -> Meeting:
    """Two people at Bord 1 and four at no table, five of them saying the same thing."""
    meeting = Meeting(room, MEETING)
    meeting.tables(["Bord 1", "Bord 2"])
    at_table = [meeting.join(f"Ved bordet {n}", "t1") for n in range(2)]
    alone = [meeting.join(f"Uden bord {n}") for n in range(4)]
    meeting.goto("hvem-med")
    for person in [*at_table, *alone[:3]]:
        meeting.answer(person, "hvem-med", f"{tag(1)} Beboerne")
    meeting.answer(alone[3], "hvem-med", f"{tag(2)} Kommunen")
    meeting.end()
    return meeting


def test_answers_of_people_at_no_table_are_listed_under_their_own_heading(room):
    section = section_of(room_with_a_table_and_people_at_none(room), 5)
    # Before: the room-wide group "Beboerne ×5" was placed at Bord 1, and the three people
    # at no table who said it were missing from "Uden bord".
    without = section[section.index("Uden bord") :]
    assert tagged(without) == {tag(1): 3, tag(2): 1}
    assert tagged(section[: section.index("Uden bord")]) == {tag(1): 2}


def test_a_tables_heading_counts_its_answers_not_its_lines(room):
    section = section_of(room_with_a_table_and_people_at_none(room), 5)
    # Bord 1 has one line, "Beboerne ×2": two answers.
    assert "Bord 1 · 2 svar" in section and "Uden bord · 4 svar" in section
    assert "Bord 2 · 0 svar" in section


def test_hiding_a_card_hides_the_answers_merged_into_it(room):
    meeting = Meeting(room, MEETING)
    people = [meeting.join(f"Person {n}") for n in range(4)]
    meeting.goto("ideer")
    card, *folded = [meeting.answer(p, "ideer", f"{tag(n)} Idé {n}") for n, p in enumerate(people)]
    meeting.merge(folded[0], card)
    meeting.merge(folded[1], card)
    meeting.hide(card)
    record = meeting.record()
    section = sections(record.pdf_text(), "da")[7]
    # Before: the two answers merged into the hidden card came back as cards of their own.
    assert tagged(section) == {tag(3): 1}
    assert "3 svar blev skjult" in section
    summary = next(s for s in record.json["steps"] if s["id"] == "ideer")["summary"]
    assert [c["answer_id"] for c in summary["answers"]] == [folded[2]]
    assert summary["hidden"] == 3


def test_an_idea_written_three_times_is_one_line_with_all_its_votes(room):
    meeting = Meeting(room, MEETING)
    people = [meeting.join(f"Person {n}") for n in range(5)]
    meeting.goto("ideer")
    same = [meeting.answer(p, "ideer", f"{tag(1)} Fælles gårdmøder") for p in people[:3]]
    alike = [meeting.answer(people[3], "ideer", idea_text(n)) for n in (11, 12)]
    meeting.highlight(same[1])
    meeting.goto("prioriter")
    for person, card in zip(people, [same[0], same[1], same[2], alike[0], alike[1]], strict=True):
        meeting.answer(person, "prioriter", [card])
    meeting.end()
    text = meeting.record().pdf_text()
    vote = sections(text, "da")[8].split("Resultater pr. bord")[0]
    # Before: three lines of one vote each in the vote and on the summary page.
    assert [line for line in vote.splitlines() if tag(1) in line] == [
        next(line for line in vote.splitlines() if tag(1) in line)
    ]
    assert re.search(rf"1\.\s+\u2605? ?{tag(1)} Fælles gårdmøder \u00d73\s+3$", vote, re.M)
    top = text[text.index("Idéer med flest stemmer") : text.index("Trin 7 \u2013")]
    assert len(re.findall(tag(1), top)) == 1 and re.search(rf"{tag(1)}.*3 stemmer", top)
    # Two ideas that begin alike are told apart in the top list: their endings are there.
    assert "om cykelskurene" in top and "om vaskeriet" in top
    # Each could give an idea one vote: a column of voters would only repeat the votes.
    assert "Stemmegivere" not in vote and "højst én pr. idé" in vote


def test_a_tables_answers_running_on_to_the_next_page_are_headed_there_by_its_name(room):
    meeting = Meeting(room, MEETING)
    meeting.tables(["Bord 1", "Bord 2"])
    people = [meeting.join(f"Person {n}", "t1") for n in range(40)]
    meeting.goto("hvem-med")
    for n, person in enumerate(people):
        meeting.answer(person, "hvem-med", f"{tag(n)} {IDEAS[n % 7]}")
    meeting.end()
    text = meeting.record().pdf_text()
    assert len(re.findall(r"^Bord 1 · 40 svar \(fortsat\)$", text, re.M)) >= 1
    assert_agrees(meeting)
