"""The four meetings of issue 22 as PDF reports and PNG pages, to look at every page of them.

    python scripts/report_pages.py [OUT]      # default: report-pages/ (not kept in git)

a. board-25: a Danish board meeting, 25 people at four tables: merges (also across tables),
   hidden answers (also a hidden card with answers merged into it), a vote, seven confirmed
   action points (one rewritten by the facilitator, one highlighted), decisions in the notes,
   an emoji-only word in the word cloud.
b. follow-up: its follow-up, which reviews those seven points (one done, two carried over,
   two dropped, two not agreed) and makes three new ones.
c. ended-early-en: an English meeting ended at step 4 of 8; its action step was never reached.
d. meeting-300: 300 people at twelve tables, twelve of them without a table, long answers,
   emoji, Arabic and Hebrew.

Every answer goes through the step kind's own validation, and the report is summarised as
the app summarises it (``step_reports``). Prints each report's page count, size and build
time (best of three); the pages are rendered with poppler's ``pdftoppm`` at 60 dpi.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop import create_app  # noqa: E402
from workshop.dialogues import builtin_dialogue  # noqa: E402
from workshop.domain import follow_up as follow_ups  # noqa: E402
from workshop.domain.answers import Answer, Context  # noqa: E402
from workshop.domain.errors import InvalidAnswer  # noqa: E402
from workshop.domain.kinds import kind_of, validate_answer  # noqa: E402
from workshop.domain.session import ENDED, SessionState, StepVisit, Table  # noqa: E402
from workshop.export.pdf import build_pdf  # noqa: E402
from workshop.services.reports import Report, step_reports  # noqa: E402

START = datetime(2025, 3, 4, 17, 0, tzinfo=UTC)
LONG = (
    "Vi skal have de unge med fra starten, ikke bare invitere dem til et møde om aftenen, "
    "men spørge dem i klubben, hvad de selv vil bruge gården til, og lade dem bestemme noget "
    "selv, også når det koster lidt mere tid og et par ekstra møder i bestyrelsen."
)
IDEAS_DA = [
    "Fælles gårdmøder hver måned 🌱",
    "Et byttehjørne i vaskeriet",
    "Grønne tage på cykelskurene",
    "Spørg de unge i klubben",
    "Delebil til hele afdelingen 😊",
    "Sommerfest, hvor hver opgang har en bod",
    "Solceller på taget af fælleshuset",
    "Lektiecafé i fælleshuset",
    "Bedre belysning på stierne",
    "En velkomstpakke til nye beboere",
]
IDEAS_EN = [
    "A monthly open meeting",
    "Ask the youth club first",
    "A shared tool library",
    "Green roofs on the bike sheds",
]
WORLD = [
    "مساحة خضراء للأطفال في الفناء",  # Arabic: a green space for the children in the yard
    "נקודת מפגש לשכנים בערב",  # Hebrew: a meeting point for neighbours in the evening
    "Fællesspisning hver fredag 🍲",
    "Mere lys i opgangene 💡",
]
WORDS_DA = ["tryghed", "fællesskab", "grønt", "mod", "ro", "håb", "natur", "ansvar", "bolig"]
EMOJI_WORD = "🌱"
NAMES = ["Mette", "Ole", "Aisha", "Jens", "Birgit", "Karim", "سارة", "Søren", "Lone", "דניאל"]


class Meeting:
    """The answers of one meeting, given as phones give them and moderated as a facilitator
    moderates: merges, hides, highlights, edits and confirmations."""

    def __init__(
        self, tool_id: str, people: int, tables: int, seed: int, start: datetime = START
    ) -> None:
        self.start = start
        self.tool = builtin_dialogue(tool_id)
        self.rng = random.Random(seed)
        self.people = people
        self.tables = tuple(Table(f"t{n}", f"Bord {n}") for n in range(1, tables + 1))
        self.answers: dict[str, list[Answer]] = {step.id: [] for step in self.tool.steps}
        self.follow_up: dict | None = None
        self.reached = len(self.tool.steps)

    def table_of(self, person: int, without: int = 0) -> str | None:
        if not self.tables or person > self.people - without:
            return None
        return self.tables[person % len(self.tables)].id

    def give(self, step_id: str, person: int, value, n: int = 0, without: int = 0, **flags):
        step = self.tool.step(step_id)
        context = Context(
            cards={a.answer_id: a for a in self.answers.get(step.source, [])},
            follow_up=self.follow_up,
        )
        try:
            value = validate_answer(step, value, context)
        except InvalidAnswer:
            return None  # refused, as the phone would have been told
        index = self.tool.step_index(step_id)
        answer = Answer(
            f"{step_id}-{person}-{n}",
            person,
            step_id,
            value,
            name=NAMES[person % len(NAMES)],
            table=self.table_of(person, without),
            created_at=self.start + timedelta(minutes=6 * index, seconds=person + n),
            anonymous=step.settings.anonymous,
            **flags,
        )
        self.answers[step_id].append(answer)
        return answer

    def moderate(self, step_id: str, answer_id: str, **changes) -> None:
        from dataclasses import replace

        listed = self.answers[step_id]
        for i, answer in enumerate(listed):
            if answer.answer_id == answer_id:
                listed[i] = replace(answer, **changes)
                return
        raise KeyError(answer_id)

    def ids(self, step_id: str) -> list[str]:
        return [a.answer_id for a in self.answers[step_id]]

    def report(self, title: str, language: str, details: dict, code: str) -> Report:
        visits = tuple(
            StepVisit(
                step.id,
                self.start.timestamp() + 360 * index,
                self.start.timestamp() + 360 * index + 330,
            )
            for index, step in enumerate(self.tool.steps[: self.reached])
        )
        state = SessionState(status=ENDED, tables=self.tables, visits=visits)
        given = [a for step in self.tool.steps for a in self.answers[step.id]]
        return Report(
            code=code,
            title=title,
            dialogue_id=self.tool.id,
            dialogue_title=self.tool.title,
            language=language,
            status=ENDED,
            created_at=self.start - timedelta(days=2),
            exported_at=self.start + timedelta(hours=2),
            participants=self.people,
            steps=step_reports(self.tool, state, given, self.follow_up),
            details=details,
            tables=tuple((t.id, t.name) for t in self.tables),
            answers=tuple(given),
            follow_up=self.follow_up,
        )


def everyone_answers(meeting: Meeting, ideas: list[str], words: list[str], without: int = 0):
    """Each answerable step answered by most people, as its kind asks."""
    rng = meeting.rng
    for step in meeting.tool.steps[: meeting.reached]:
        kind = kind_of(step.kind)
        # Votes, action points and reviews are given their own way, below.
        own_way = kind.ranked_source(step) is not None or kind.follows_up(step)
        if not step.answerable or own_way or kind.plan_of(None) is not None:
            continue
        for person in range(1, meeting.people + 1):
            if person % 11 == 0:
                continue  # not everyone answers everything
            value = sample_value(step, person, rng, ideas, words)
            for n, one in enumerate(value if isinstance(value, tuple) else (value,)):
                meeting.give(step.id, person, one, n, without)


def sample_value(step, person: int, rng: random.Random, ideas: list[str], words: list[str]):
    if step.kind == "scale":
        return {s.id: rng.randint(1, 5) for s in step.fields["statements"]}
    if step.kind == "points":
        cuts = sorted(rng.randint(0, step.fields["budget"]) for _ in step.fields["options"][1:])
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, step.fields["budget"]], strict=True)]
        return {
            option.id: share for option, share in zip(step.fields["options"], shares, strict=True)
        }
    if step.kind == "choice":
        return [rng.choice(step.fields["options"]).id]
    if step.kind == "wordcloud":
        chosen = rng.sample(words, 2)
        if person % 4 == 1:  # about a quarter give the emoji as one of their words
            chosen = [EMOJI_WORD, chosen[0]]
        return chosen
    picks = rng.randint(1, min(step.fields["max_answers"], 3))
    texts = []
    for _ in range(picks):
        text = rng.choice(ideas)
        texts.append(f"{text}. {LONG}" if person % 7 == 0 else text)
    return tuple(texts)


def vote(meeting: Meeting, vote_id: str, cards: list[str], people: range) -> None:
    step = meeting.tool.step(vote_id)
    for person in people:
        meeting.give(
            vote_id, person, meeting.rng.sample(cards, min(step.fields["votes"], len(cards)))
        )


def board_meeting() -> tuple[Meeting, Report]:
    """(a) 25 people at four tables."""
    meeting = Meeting("almene-maal", 25, 4, seed=25)
    everyone_answers(meeting, IDEAS_DA, WORDS_DA)
    ideas = meeting.ids("ideer")
    # Merges: alike ideas folded into the first of them, also across tables.
    by_text: dict[str, str] = {}
    for answer in list(meeting.answers["ideer"]):
        first = by_text.setdefault(answer.value, answer.answer_id)
        if first != answer.answer_id and meeting.rng.random() < 0.5:
            meeting.moderate("ideer", answer.answer_id, merged_into=first)
    # Two ugly answers hidden, and one card with answers merged into it hidden too.
    meeting.moderate("hvem-med", meeting.ids("hvem-med")[3], hidden=True)
    meeting.moderate("ideer", ideas[-1], hidden=True)
    merged_into = {a.merged_into for a in meeting.answers["ideer"] if a.merged_into}
    meeting.moderate("ideer", sorted(merged_into)[-1], hidden=True)
    meeting.moderate("ideer", ideas[0], highlighted=True)
    cards = [a.answer_id for a in meeting.answers["ideer"] if not a.merged_into and not a.hidden]
    vote(meeting, "prioriter", cards, range(1, 24))
    plan = [
        ("Invitere de unge til et gårdmøde", "Aisha", "2025-04-01"),
        ("Indhente tilbud på solceller", "Driften", "2025-05-15"),
        ("Byttehjørne i vaskeriet", "Lone og Ole", "2025-03-20"),
        ("Søge puljen til grønne tage", "Jens", "2025-06-01"),
        ("Planlægge sommerfesten", "Festudvalget", "2025-06-15"),
        ("Lave en velkomstpakke", "Birgit", "2025-04-15"),
        ("Spørge kommunen om belysning på stierne", "Karim", "2025-05-01"),
        ("Et forslag, der ikke blev valgt", "Ingen", "2025-03-10"),
    ]
    for person, (what, who, when) in enumerate(plan, start=1):
        answer = meeting.give("handlepunkter", person, {"what": what, "who": who, "when": when})
        if what.startswith("Et forslag"):
            continue
        meeting.moderate("handlepunkter", answer.answer_id, confirmed=True)
    first = meeting.ids("handlepunkter")
    meeting.moderate(
        "handlepunkter",
        first[1],
        value={"what": "Indhente tre tilbud på solceller", "who": "Driften", "when": "2025-05-15"},
        edited=True,
    )
    meeting.moderate("handlepunkter", first[0], highlighted=True)
    details = {
        "organisation": "Boligforeningen Åbo",
        "place": "Fælleshuset",
        "facilitator": "Mette Sørensen",
        "notes": "Vi vælger gårdmøder hver måned og starter i april.\n"
        "Bestyrelsen søger puljen til grønne tage.\nNæste møde: 12. maj.",
    }
    return meeting, meeting.report("Bestyrelsesmøde", "da", details, "482913")


def follow_up_meeting(board: Meeting, board_report: Report) -> Report:
    """(b) The board's follow-up: the seven points reviewed, three new ones."""
    plan = [item for s in board_report.steps for item in (s.summary or {}).get("plan", [])]
    earlier = {"code": "482913", "title": "Bestyrelsesmøde", "held": "2025-03-04"}
    follow_up = follow_ups.start(earlier, None, plan)
    held = START + timedelta(days=70)  # ten weeks later
    today = held.date()
    decisions = [
        ("p1", {"status": "done", "comment": "Hylden er sat op og bliver brugt"}),
        ("p2", {"status": "under_way", "carry_to": "2025-06-01"}),
        ("p3", {"status": "not_started", "carry_to": "2025-08-01"}),
        ("p4", {"status": "dropped", "comment": "Kommunen har selv sat lys op"}),
        ("p5", {"status": "not_started"}),
    ]
    for point, args in decisions:
        follow_up = follow_ups.agree(follow_up, {"point": point, **args}, today)
    meeting = Meeting("almene-maal-opfoelgning", 18, 3, seed=18, start=held)
    meeting.follow_up = follow_up
    statuses = list(follow_ups.STATUSES)
    for person in range(1, 17):
        value = {
            p["id"]: {"status": meeting.rng.choice(statuses), "comment": ""}
            for p in follow_up["plan"]
        }
        if person == 2:
            value["p1"]["comment"] = "Det gik over al forventning"
        meeting.give("status", person, value)
    everyone_answers(meeting, IDEAS_DA, WORDS_DA)
    vote(meeting, "prioriter", meeting.ids("nye-skridt")[:12], range(1, 17))
    for person, (what, who, when) in enumerate(
        [
            ("Holde et gårdmøde for de unge", "Aisha", "2025-05-20"),
            ("Finde en lokal partner til lektiecafé", "Birgit", "2025-06-10"),
            ("Skrive til alle nye beboere", "Karim", "2025-05-30"),
        ],
        start=1,
    ):
        answer = meeting.give("handlepunkter", person, {"what": what, "who": who, "when": when})
        meeting.moderate("handlepunkter", answer.answer_id, confirmed=True)
    details = {"organisation": "Boligforeningen Åbo", "place": "Fælleshuset"}
    return meeting.report("Bestyrelsesmøde, opfølgning", "da", details, "517204")


def ended_early() -> Report:
    """(c) An English meeting ended at step 4 of 8."""
    meeting = Meeting("plan-to-action", 12, 0, seed=12)
    meeting.reached = 4
    words = ["trust", "time", "clarity", "energy", "focus", "team"]
    everyone_answers(meeting, IDEAS_EN, words)
    details = {"organisation": "Riverside Tenants", "place": "Community room"}
    return meeting.report("Planning day", "en", details, "730115")


def large_meeting() -> Report:
    """(d) 300 people at twelve tables, twelve of them without a table."""
    meeting = Meeting("almene-maal", 300, 12, seed=300)
    everyone_answers(meeting, IDEAS_DA + WORLD, WORDS_DA, without=12)
    cards = [a.answer_id for a in meeting.answers["ideer"]][:60]
    vote(meeting, "prioriter", cards, range(1, 280))
    for person in range(1, 61):
        what = f"{meeting.rng.choice(IDEAS_DA + WORLD)} ({person})"
        answer = meeting.give(
            "handlepunkter",
            person,
            {"what": what, "who": NAMES[person % len(NAMES)], "when": "2025-05-01"},
        )
        if person % 2 == 0:
            meeting.moderate("handlepunkter", answer.answer_id, confirmed=True)
    details = {"organisation": "Boligforeningen Åbo", "place": "Musikhuset"}
    return meeting.report("Repræsentantskab", "da", details, "904417")


def meetings():
    board, board_report = board_meeting()
    yield "a-board-25", board_report
    yield "b-follow-up", follow_up_meeting(board, board_report)
    yield "c-ended-early-en", ended_early()
    yield "d-meeting-300", large_meeting()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "report-pages")
    out.mkdir(parents=True, exist_ok=True)
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "pages"})
    with app.test_request_context():
        made = list(meetings())
    for name, report in made:
        with app.test_request_context():
            times, data = [], b""
            for _ in range(3):
                began = time.perf_counter()
                data = build_pdf(report)
                times.append(time.perf_counter() - began)
        path = out / f"{name}.pdf"
        path.write_bytes(data)
        for old in out.glob(f"{name}-*.png"):
            old.unlink()
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages"))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(out / name)], check=True)
        print(f"{name:<18} {pages:>3} pages  {min(times):6.2f} s  {len(data) / 1024:7.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
