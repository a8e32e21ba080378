"""Said = seen = kept: meetings run through the real app as a facilitator and phones would,
and every export (PDF, CSV, workbook, JSON) checked against the test's own ledger of what the
phones sent and the facilitator decided, never against the app's own summaries."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tools import MEETING

from .ledger import Check, Meeting, sections, tag, tagged

LONG = (
    "Vi skal have de unge med fra starten, ikke bare invitere dem til et møde om aftenen, men "
    "spørge dem i klubben, hvad de selv vil bruge gården til, og lade dem bestemme noget af "
    "det; og vi skal huske dem, der arbejder om aftenen, så de også kan være med på en anden "
    "måde, for eksempel med et spørgeskema i opgangen eller en snak ved containerne. "
)
IDEAS = [  # what the room says; answers that share an index are the same idea
    "Fælles gårdmøder hver måned",
    "Fælles gårdmøde hver måned",  # near-identical: another idea
    "Et byttehjørne i vaskeriet",
    "Grønne tage på cykelskurene 🌱",
    "Spørg de unge i klubben",
    "Delebil til hele afdelingen 😊",
    "Sommerfest med en bod fra hver opgang",
    "حديقة مشتركة للجميع",
    "שלום לכולם, בואו נדבר",
    "🌱🌱🌱",
    LONG * 2,
    "Afdelingsbestyrelsen skal invitere beboerne til en snak om gården og om "
    "cykelskurene, inden budgettet lægges",
    "Afdelingsbestyrelsen skal invitere beboerne til en snak om gården og om "
    "vaskeriet, inden budgettet lægges",  # begins like the one before: must not look the same
]
RIGHT_TO_LEFT = {7, 8}
WORDS = ["fællesskab", "tryghed", "grønt", "mod", "håb", "natur", "🌱", "ro"]


def idea_text(number: int, variant: int = 0) -> str:
    """Idea ``number`` as someone types it: the same idea, now and then in other letters."""
    text = IDEAS[number % len(IDEAS)]
    tagged = f"{tag(number)} {text}"
    if number % len(IDEAS) in RIGHT_TO_LEFT and variant % 2:
        tagged = f"{text} {tag(number)}"  # begins right to left
    return tagged.upper() if variant == 3 else tagged


def later(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def assert_agrees(meeting: Meeting, language: str = "da") -> Check:
    check = Check(meeting.ledger, meeting.record(), language)
    problems = check.everything()
    assert not problems, "\n".join(problems)
    return check


def board_meeting(client, connect, new_session) -> Meeting:
    """(a) 25 people at four tables and none, merges across tables, hidden answers (one of
    them a card with answers merged into it), a vote, seven confirmed points, decisions."""
    rng = random.Random(25)
    meeting = Meeting(client, connect, new_session, MEETING, title="Bestyrelsesmøde")
    meeting.tables(["Bord 1", "Bord 2", "Bord 3", "Bord 4"])
    people = [meeting.join(f"Person {n}", f"t{n % 4 + 1}" if n % 8 else None) for n in range(25)]
    meeting.goto("indcheckning")
    for person in people:
        meeting.answer(person, "indcheckning", rng.sample(WORDS, 2))
    meeting.goto("vigtigste-maal")
    for person in people[:20]:
        meeting.answer(person, "vigtigste-maal", [rng.choice(["byer-i-balance", "lige-vigtige"])])
    meeting.goto("hvem-med")
    given = [
        meeting.answer(person, "hvem-med", idea_text(rng.randrange(9), rng.randrange(4)))
        for person in people
        for _ in range(2)
    ]
    meeting.merge(given[3], given[10])  # across tables
    meeting.merge(given[5], given[10])
    meeting.hide(given[10])  # a card with answers merged into it
    meeting.hide(given[20])
    meeting.highlight(given[30])
    meeting.goto("ideer")
    ideas = [
        meeting.answer(person, "ideer", idea_text(number))
        for person in people
        for number in rng.sample([0, 1, 2, 3, 4, 5, 6, 11, 12], 2)
    ]
    meeting.merge(ideas[7], ideas[0])
    meeting.hide(ideas[9])
    meeting.highlight(ideas[2])
    meeting.goto("prioriter")
    cards = [i for i in ideas if i not in (ideas[7], ideas[9])]
    for person in people:
        meeting.answer(person, "prioriter", rng.sample(cards, 3))
    meeting.goto("handlepunkter")
    points = [
        meeting.answer(
            person,
            "handlepunkter",
            {"what": f"{tag(100 + n)} Punkt {n}", "who": f"Person {n}", "when": later(7 + n)},
        )
        for n, person in enumerate(people[:9])
    ]
    for point in points[:7]:
        meeting.confirm(point)
    meeting.edit(points[2], what=f"{tag(102)} Punkt 2, rettet")
    meeting.details(notes="Vi besluttede at gå videre med gårdmøderne.\nNæste møde i marts.")
    meeting.goto("udcheckning")
    for person in people[:15]:
        meeting.answer(person, "udcheckning", idea_text(rng.choice([0, 4, 9])))
    meeting.end()
    return meeting


def test_a_board_meeting_is_kept_as_it_was_said(client, connect, new_session):
    assert_agrees(board_meeting(client, connect, new_session))


def test_its_follow_up_is_kept_with_the_points_carried_over(client, connect, new_session):
    """(b) The follow-up: the earlier points reviewed, some carried into the new plan."""
    earlier = board_meeting(client, connect, new_session)
    meeting = Meeting(
        client, connect, new_session, "almene-maal-opfoelgning", earlier=earlier, title="Opfølgning"
    )
    meeting.tables(["Bord 1", "Bord 2"])
    people = [meeting.join(f"Person {n}", f"t{n % 2 + 1}" if n % 5 else None) for n in range(12)]
    points = [point["id"] for point in meeting.ledger.earlier_plan]
    meeting.goto("status")
    for n, person in enumerate(people):
        statuses = ["done", "under_way", "not_started", "dropped"]
        meeting.answer(
            person, "status", {p: {"status": statuses[(n + k) % 4]} for k, p in enumerate(points)}
        )
    meeting.agree(points[0], "done")
    meeting.agree(points[1], "under_way", later(30))
    meeting.agree(points[2], "not_started", later(40))
    meeting.agree(points[3], "dropped")
    meeting.goto("nye-skridt")
    ideas = [meeting.answer(p, "nye-skridt", idea_text(n % 5)) for n, p in enumerate(people)]
    meeting.merge(ideas[6], ideas[1])
    meeting.hide(ideas[1])
    meeting.goto("prioriter")
    for n, person in enumerate(people):
        meeting.answer(person, "prioriter", [ideas[n % 5 if n % 5 != 1 else 0]])
    meeting.goto("handlepunkter")
    new = meeting.answer(
        people[0],
        "handlepunkter",
        {"what": f"{tag(200)} Nyt punkt", "who": "Ole", "when": later(20)},
    )
    meeting.confirm(new)
    meeting.end()
    check = assert_agrees(meeting)
    assert len(meeting.ledger.plan()) == 3  # one new, two carried over
    assert check.problems == []


def test_an_english_meeting_ended_at_step_4_of_8(client, connect, new_session):
    """(c) Ended early: the steps never reached say so, and nothing is counted for them."""
    meeting = Meeting(client, connect, new_session, "plan-to-action", language="en")
    people = [meeting.join(f"Person {n}") for n in range(6)]
    meeting.goto("check-in")
    for n, person in enumerate(people):
        meeting.answer(person, "check-in", [WORDS[n % 4], WORDS[(n + 1) % 4]])
    meeting.goto("clarity")
    for n, person in enumerate(people):
        meeting.answer(person, "clarity", {"goals": n % 5 + 1, "role": 3, "support": 2})
    meeting.goto("focus")
    meeting.end()
    check = assert_agrees(meeting, "en")
    assert check.text.count("Not reached") >= 4  # ideas, vote, actions, check-out


def test_three_hundred_people_at_twelve_tables(client, connect, new_session):
    """(d) 300 people at 12 tables, 12 of them at none; long answers, emoji, Arabic, Hebrew."""
    rng = random.Random(300)
    meeting = Meeting(client, connect, new_session, MEETING, title="Repræsentantskabsmøde")
    meeting.tables([f"Bord {n}" for n in range(1, 13)])
    people = [meeting.join(f"P{n}", f"t{n % 12 + 1}" if n >= 12 else None) for n in range(300)]
    meeting.goto("indcheckning")
    for person in people[::3]:
        meeting.answer(person, "indcheckning", rng.sample(WORDS, 2))
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
def test_any_small_meeting_is_kept_as_it_was_said(client, connect, new_session, plan):
    tables, seats, answers, moderation, votes, points, end_at = plan
    meeting = Meeting(client, connect, new_session, MEETING)
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


def room_with_a_table_and_people_at_none(client, connect, new_session) -> Meeting:
    """Two people at Bord 1 and four at no table, five of them saying the same thing."""
    meeting = Meeting(client, connect, new_session, MEETING)
    meeting.tables(["Bord 1", "Bord 2"])
    at_table = [meeting.join(f"Ved bordet {n}", "t1") for n in range(2)]
    alone = [meeting.join(f"Uden bord {n}") for n in range(4)]
    meeting.goto("hvem-med")
    for person in [*at_table, *alone[:3]]:
        meeting.answer(person, "hvem-med", f"{tag(1)} Beboerne")
    meeting.answer(alone[3], "hvem-med", f"{tag(2)} Kommunen")
    meeting.end()
    return meeting


def test_answers_of_people_at_no_table_are_listed_under_their_own_heading(
    client, connect, new_session
):
    section = section_of(room_with_a_table_and_people_at_none(client, connect, new_session), 5)
    # Before: the room-wide group "Beboerne ×5" was placed at Bord 1, and the three people
    # at no table who said it were missing from "Uden bord".
    without = section[section.index("Uden bord") :]
    assert tagged(without) == {tag(1): 3, tag(2): 1}
    assert tagged(section[: section.index("Uden bord")]) == {tag(1): 2}


def test_a_tables_heading_counts_its_answers_not_its_lines(client, connect, new_session):
    section = section_of(room_with_a_table_and_people_at_none(client, connect, new_session), 5)
    # Bord 1 has one line, "Beboerne ×2": two answers.
    assert "Bord 1 · 2 svar" in section and "Uden bord · 4 svar" in section
    assert "Bord 2 · 0 svar" in section


def test_hiding_a_card_hides_the_answers_merged_into_it(client, connect, new_session):
    meeting = Meeting(client, connect, new_session, MEETING)
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


def test_an_idea_written_three_times_is_one_line_with_all_its_votes(client, connect, new_session):
    meeting = Meeting(client, connect, new_session, MEETING)
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


def test_a_tables_answers_running_on_to_the_next_page_are_headed_there_by_its_name(
    client, connect, new_session
):
    meeting = Meeting(client, connect, new_session, MEETING)
    meeting.tables(["Bord 1", "Bord 2"])
    people = [meeting.join(f"Person {n}", "t1") for n in range(40)]
    meeting.goto("hvem-med")
    for n, person in enumerate(people):
        meeting.answer(person, "hvem-med", f"{tag(n)} {IDEAS[n % 7]}")
    meeting.end()
    text = meeting.record().pdf_text()
    assert len(re.findall(r"^Bord 1 · 40 svar \(fortsat\)$", text, re.M)) >= 1
    assert_agrees(meeting)
