"""What the room says in the ledger test's meetings, and the board meeting (a) with its
follow-up (b), shared by the in-process test and the one through a real server."""

from __future__ import annotations

import random
from datetime import date, timedelta

from tests.tools import MEETING

from .ledger import Meeting, tag
from .ledger_checks import Check

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
CHECK_IN_WORDS = ["fællesskab", "tryghed", "grønt", "mod", "håb", "natur", "🌱", "ro"]


def idea_text(number: int, variant: int = 0) -> str:
    """Idea ``number`` as someone types it: the same idea, now and then in other letters."""
    text = IDEAS[number % len(IDEAS)]
    said = f"{tag(number)} {text}"
    if number % len(IDEAS) in RIGHT_TO_LEFT and variant % 2:
        said = f"{text} {tag(number)}"  # begins right to left
    return said.upper() if variant == 3 else said


def later(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def assert_agrees(meeting: Meeting, language: str = "da") -> Check:
    check = Check(meeting.ledger, meeting.record(), language)
    problems = check.everything()
    assert not problems, "\n".join(problems)
    return check


def board_meeting(room) -> Meeting:
    """(a) 25 people at four tables and none, merges across tables, hidden answers (one of
    them a card with answers merged into it), identical ideas as one card and one pulled
    apart, a vote, seven confirmed points, decisions."""
    rng = random.Random(25)
    meeting = Meeting(room, MEETING, title="Bestyrelsesmøde")
    meeting.tables(["Bord 1", "Bord 2", "Bord 3", "Bord 4"])
    people = [meeting.join(f"Person {n}", f"t{n % 4 + 1}" if n % 8 else None) for n in range(25)]
    meeting.goto("indcheckning")
    for person in people:
        meeting.answer(person, "indcheckning", rng.sample(CHECK_IN_WORDS, 2))
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
    # Identical answers are one card; one is pulled out of its card again.
    folded = [twin for card in given if card for twin in meeting.ledger.folded_into(card)]
    assert folded, "no answer was written twice"
    meeting.pull_apart(folded[-1])
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
    # The cards the phones are offered: identical ideas are one card, merged and hidden gone.
    cards = [card.answer_id for card, _weight in meeting.ledger.cards("ideer")]
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


def its_follow_up(earlier: Meeting) -> Meeting:
    """(b) The board meeting's follow-up, on the same server: 12 people at two tables and
    none review the earlier points (one done, two carried over, one dropped, the rest not
    agreed), a merge into a card then hidden, a vote and one new confirmed point."""
    meeting = Meeting(earlier.room, "almene-maal-opfoelgning", earlier=earlier, title="Opfølgning")
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
    return meeting
