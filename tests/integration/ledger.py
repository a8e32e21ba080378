"""Meetings run through the real app beside a ledger of what was said, and readers for every
export, so that a test checks the record against what the room said. A meeting reaches the app
in this process (`InProcess`) or as a real server process with real Socket.IO clients
(tests/e2e/test_record_ledger_live.py); the checks are the same.

The ledger is the test's own record: the answers the phones sent and had acknowledged, and what
the facilitator decided (merge, hide, highlight, edit, confirm, agree). What the record should
show is worked out from it here, never read from the app's own summaries.

Every idea a test sends starts (or, right to left, ends) with a tag such as ``N0007``: answers
that are the same idea carry the same tag, so an export can be searched for each idea whatever
its letters, emoji or direction.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook

from tests.tools import MEETING, MEETING_FILE

from .helpers import last_state

DIALOGUES = Path(__file__).resolve().parents[2] / "workshop" / "dialogues"
TAG = re.compile(r"\bN(\d{4})\b", re.IGNORECASE)
# A table needs this many people before its anonymous answers are shown as its own (a table
# of one would name the person); the rule is documented, so the ledger keeps it too.
LEAST_AT_A_TABLE = 2


def tag(number: int) -> str:
    return f"N{number:04d}"


def tool_definition(dialogue: str) -> dict[str, Any]:
    """A dialogue tool's own file: its steps, as the organiser wrote them."""
    path = MEETING_FILE if dialogue == MEETING else DIALOGUES / f"{dialogue}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Given:
    """One acknowledged answer and what the facilitator decided about it."""

    answer_id: str
    step_id: str
    person: int
    value: Any
    anonymous: bool
    hidden: bool = False
    highlighted: bool = False
    merged_into: str | None = None
    confirmed: bool = False
    edited: bool = False


@dataclass
class Person:
    name: str
    table: str | None  # a table id ("t1", …) or None: no table
    socket: Any = None


@dataclass
class Ledger:
    """What the room said and the facilitator decided, as the test saw it happen."""

    steps: list[dict[str, Any]]
    tables: dict[str, str] = field(default_factory=dict)  # id -> name
    people: list[Person] = field(default_factory=list)
    given: dict[str, Given] = field(default_factory=dict)
    visited: set[int] = field(default_factory=set)  # the steps the room came to, by index
    ended: bool = False
    notes: str = ""
    earlier_plan: list[dict[str, str]] = field(default_factory=list)  # a follow-up's points
    agreed: dict[str, dict[str, Any]] = field(default_factory=dict)

    def step(self, step_id: str) -> dict[str, Any]:
        return next(step for step in self.steps if step["id"] == step_id)

    def index(self, step_id: str) -> int:
        return next(n for n, step in enumerate(self.steps) if step["id"] == step_id)

    def anonymous(self, step_id: str) -> bool:
        return bool((self.step(step_id).get("settings") or {}).get("anonymous", True))

    def of_step(self, step_id: str) -> list[Given]:
        return [given for given in self.given.values() if given.step_id == step_id]

    def final(self, answer_id: str) -> str:
        seen = set()
        while self.given[answer_id].merged_into and answer_id not in seen:
            seen.add(answer_id)
            answer_id = self.given[answer_id].merged_into  # type: ignore[assignment]
        return answer_id

    def shown(self, step_id: str) -> list[Given]:
        """The answers the room sees: not hidden, nor folded into a card that is hidden."""
        return [
            given
            for given in self.of_step(step_id)
            if not given.hidden and not self.given[self.final(given.answer_id)].hidden
        ]

    def hidden(self, step_id: str) -> int:
        return len(self.of_step(step_id)) - len(self.shown(step_id))

    def respondents(self, step_id: str) -> int:
        return len({given.person for given in self.shown(step_id)})

    def table_of(self, given: Given) -> str | None:
        """Where an answer is listed: its author's table, unless it was given anonymously at
        a table of one (then at no table, which would otherwise name the person)."""
        table = self.people[given.person].table
        if table is None:
            return None
        size = sum(person.table == table for person in self.people)
        return table if size >= LEAST_AT_A_TABLE or not given.anonymous else None

    def cards(self, step_id: str) -> list[tuple[Given, int]]:
        """The cards of a step with the number of answers each holds, in the order given."""
        shown = self.shown(step_id)
        weight = Counter(self.final(given.answer_id) for given in shown)
        return [(g, weight[g.answer_id]) for g in shown if self.final(g.answer_id) == g.answer_id]

    def ideas_at(self, step_id: str) -> dict[str | None, Counter[str]]:
        """Per table (None: no table), how many answers each idea holds there: a card is listed
        at the table of its own author, with every answer merged into it."""
        listed: dict[str | None, Counter[str]] = {}
        for card, weight in self.cards(step_id):
            home = self.table_of(card) if self.tables else None
            listed.setdefault(home, Counter())[idea(card.value)] += weight
        return listed

    def votes(self, vote_step: str) -> Counter[str]:
        """Votes per idea of the source step: a ballot for a merged card counts for the card
        it went into, identical ideas add up, votes for hidden cards count for nothing."""
        source = self.step(vote_step)["source"]
        shown = {given.answer_id for given in self.shown(source)}
        counted: Counter[str] = Counter()
        for ballot in self.shown(vote_step):
            for card_id in ballot.value:
                target = self.final(card_id)
                if target in shown:
                    counted[idea(self.given[target].value)] += 1
        return counted

    def plan(self) -> list[dict[str, str]]:
        """The action plan: the confirmed, shown points as last edited, and in a follow-up the
        earlier points the meeting carried over."""
        points = [
            given.value
            for step in self.steps
            if step["kind"] == "actions"
            for given in self.shown(step["id"])
            if given.confirmed
        ]
        for point in self.earlier_plan:
            carry_to = (self.agreed.get(point["id"]) or {}).get("carry_to")
            if carry_to:
                points.append({**point, "when": carry_to})
        return points

    def words(self, step_id: str) -> Counter[str]:
        return Counter(
            word.strip().casefold() for given in self.shown(step_id) for word in given.value
        )


def idea(text: Any) -> str:
    """The tag of an idea's text ("N0007")."""
    found = TAG.search(str(text))
    assert found, f"an idea without a tag: {text!r}"
    return tag(int(found.group(1)))


# --- Running a meeting -------------------------------------------------------------------


class InProcess:
    """The app in this test's process: the API through Flask's test client, the facilitator
    and the phones through Flask-SocketIO's test clients (the fixtures `client`, `connect`,
    `new_session`). A meeting over a real server process uses the same four calls."""

    def __init__(self, client, connect, new_session) -> None:
        self.client, self.connect, self.new_session = client, connect, new_session

    def start(self, dialogue: str, **fields) -> dict[str, Any]:
        return self.new_session(dialogue=dialogue, **fields)

    def join(self, **auth) -> Any:
        """A connected socket with the role's ``auth``, its first state received."""
        socket = self.connect(**auth)
        assert socket.is_connected(), auth
        last_state(socket)
        return socket

    def call(self, socket, event: str, payload: dict[str, Any]) -> Any:
        """Sends an event and returns the server's acknowledgement."""
        return socket.emit(event, payload, callback=True)

    def drain(self, socket) -> None:
        socket.get_received()  # a test socket keeps what it was sent until it is read

    def export(self, created: dict[str, Any], fmt: str) -> bytes:
        response = self.client.get(
            f"/api/sessions/{created['code']}/export.{fmt}",
            headers={"Authorization": f"Bearer {created['facilitator_key']}"},
        )
        assert response.status_code == 200, (fmt, response.status_code)
        return response.data


class Meeting:
    """A session run as its facilitator and phones would, with the ledger kept beside it;
    ``room`` carries it to the app (`InProcess`, or a real server process)."""

    def __init__(self, room, dialogue: str, earlier: Meeting | None = None, **fields) -> None:
        self.room = room
        if earlier is not None:
            fields["follow_up_of"] = earlier.code
            fields["follow_up_key"] = earlier.created["facilitator_key"]
        self.created = room.start(dialogue, **fields)
        self.code = self.created["code"]
        key = self.created["facilitator_key"]
        self.console = room.join(role="facilitator", code=self.code, key=key)
        self.ledger = Ledger(steps=tool_definition(dialogue)["steps"])
        if earlier is not None:
            # The earlier plan's points, numbered p1, p2, … by deadline, then by what.
            points = sorted(earlier.ledger.plan(), key=lambda p: (p["when"], p["what"]))
            self.ledger.earlier_plan = [
                {"id": f"p{n}", **point} for n, point in enumerate(points, start=1)
            ]
        self.sent = 0  # answers sent, acknowledged or not

    # The facilitator
    def command(self, action: str, **args: Any) -> None:
        ack = self.room.call(self.console, "command", {"action": action, **args})
        assert ack and ack.get("ok"), (action, ack)

    def tables(self, names: list[str]) -> None:
        self.command("tables", names=names)
        self.ledger.tables = {f"t{n}": name for n, name in enumerate(names, start=1)}

    def join(self, name: str, table: str | None = None) -> int:
        auth = {"role": "participant", "code": self.code, "name": name}
        if table is not None:
            auth["table"] = table
        socket = self.room.join(**auth)
        self.ledger.people.append(Person(name, table, socket))
        return len(self.ledger.people) - 1

    def goto(self, step_id: str) -> None:
        self.command("goto", step=step_id)
        self.ledger.visited.add(self.ledger.index(step_id))
        self._drain()

    def _drain(self) -> None:
        # What the phones and the console are sent is not read here: it would only pile up.
        for person in self.ledger.people:
            self.room.drain(person.socket)
        self.room.drain(self.console)

    def answer(self, person: int, step_id: str, value: Any) -> str | None:
        """Sends an answer; it enters the ledger only when the server acknowledged it."""
        self.sent += 1
        answer_id = f"{self.code}-{self.sent:05d}"
        ack = self.room.call(
            self.ledger.people[person].socket,
            "answer",
            {"step_id": step_id, "answer_id": answer_id, "value": value},
        )
        if not ack or not ack.get("ok"):
            return None
        kept = value
        if isinstance(value, str):
            kept = value.strip()
        self.ledger.given[answer_id] = Given(
            answer_id, step_id, person, kept, anonymous=self.ledger.anonymous(step_id)
        )
        return answer_id

    def hide(self, answer_id: str) -> None:
        self.command("hide_answer", answer_id=answer_id)
        self.ledger.given[answer_id].hidden = True

    def highlight(self, answer_id: str) -> None:
        self.command("highlight", answer_id=answer_id)
        self.ledger.given[answer_id].highlighted = True

    def merge(self, answer_id: str, into: str) -> None:
        self.command("merge", answer_id=answer_id, into=into)
        for given in self.ledger.given.values():
            if given.merged_into == answer_id:
                given.merged_into = into  # what was folded into it goes along
        self.ledger.given[answer_id].merged_into = into

    def edit(self, answer_id: str, **value: str) -> None:
        self.command("edit_action", answer_id=answer_id, value=value)
        given = self.ledger.given[answer_id]
        given.value, given.edited = {**given.value, **value}, True

    def confirm(self, answer_id: str) -> None:
        self.command("confirm_action", answer_id=answer_id)
        self.ledger.given[answer_id].confirmed = True

    def agree(self, point: str, status: str, carry_to: str | None = None) -> None:
        args: dict[str, Any] = {"point": point, "status": status}
        if carry_to:
            args["carry_to"] = carry_to
        self.command("agree", **args)
        self.ledger.agreed[point] = args

    def details(self, **details: str) -> None:
        self.command("details", **details)
        self.ledger.notes = details.get("notes", self.ledger.notes)

    def end(self) -> None:
        self.command("end")
        self.ledger.ended = True
        self._drain()

    # The record
    def export(self, fmt: str) -> bytes:
        return self.room.export(self.created, fmt)

    def record(self) -> Record:
        return Record(
            pdf=self.export("pdf"),
            csv=self.export("csv"),
            xlsx=self.export("xlsx"),
            json=json.loads(self.export("json")),
        )


# --- Reading the exports -----------------------------------------------------------------


@dataclass
class Record:
    pdf: bytes
    csv: bytes
    xlsx: bytes
    json: dict[str, Any]

    def pdf_text(self) -> str:
        """The report's text as a reader copies it, line by line in the page's layout."""
        done = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
            input=self.pdf,
            capture_output=True,
            check=True,
        )
        return done.stdout.decode("utf-8")

    def csv_rows(self) -> list[dict[str, str]]:
        text = self.csv.decode("utf-8-sig")
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    def workbook(self) -> dict[str, list[list[Any]]]:
        book = load_workbook(io.BytesIO(self.xlsx), read_only=True)
        return {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }


def sections(text: str, language: str) -> dict[int, str]:
    """The report's step sections by step number: from a step's heading to the next one."""
    word = "Trin" if language == "da" else "Step"
    heading = re.compile(rf"^\s*{word} (\d+) \u2013 ", re.MULTILINE)
    found = list(heading.finditer(text))
    return {
        int(match.group(1)): text[
            match.start() : (found[n + 1].start() if n + 1 < len(found) else len(text))
        ]
        for n, match in enumerate(found)
    }


def tagged(chunk: str) -> Counter[str]:
    """The ideas in a piece of the report, each with the answers its line holds (×N)."""
    found = list(TAG.finditer(chunk))
    counted: Counter[str] = Counter()
    for n, match in enumerate(found):
        rest = chunk[match.end() : found[n + 1].start() if n + 1 < len(found) else len(chunk)]
        # The count follows the ×, also where a right-to-left run was copied out between them.
        times = re.search(r"\u00d7(?:[^\x21-\x7e]|,)*?(\d+)", rest)
        counted[tag(int(match.group(1)))] += int(times.group(1)) if times else 1
    return counted


# --- Checking the record against the ledger ----------------------------------------------

WORDS = {
    "da": {
        "step": "Trin",
        "answers": "svar",
        "without": "Uden bord",
        "respondents": "har svaret",
        "hidden": r"(\d+) svar blev skjult",
        "per_table": "Resultater pr. bord",
        "top": "Idéer med flest stemmer",
        "votes": r"(\d+) stemmer?",
        "plan": "Handleplan",
        "in_plan": r"(\d+) i handleplanen",
        "took_part": r"(\d+) deltagere? var med",
        "participation": "Deltagelse pr. trin",
        "meeting_sheet": "Møde",
        "participants": "Deltagere",
        "key_results": "Vigtigste resultater",
        "ideas_from": r"(\d+) idé(?:er)? ud fra (\d+) svar",
        "ideas": r"(\d+) idé(?:er)?\b",
        "outcomes": r"(\d+) gjort, (\d+) taget med, (\d+) droppet(?:, (\d+) ikke aftalt)?",
        "after_participation": r"\n(?:Vigtigste resultater|Idéer med flest stemmer|Handleplan)\n",
        "not_reached": "Ikke nået",
        "all_words": "Alle ord",
        "yes": "ja",
        "no": "nej",
    },
    "en": {
        "step": "Step",
        "answers": "answers?",
        "without": "Without a table",
        "respondents": "respondents?",
        "hidden": r"(\d+) answers? (?:was|were) hidden",
        "per_table": "Results per table",
        "top": "Top-voted ideas",
        "votes": r"(\d+) votes?",
        "plan": "Action plan",
        "in_plan": r"(\d+) in the action plan",
        "took_part": r"(\d+) participants? took part",
        "participation": "Participation per step",
        "meeting_sheet": "Meeting",
        "participants": "Participants",
        "key_results": "Key results",
        "ideas_from": r"(\d+) ideas? from (\d+) answers?",
        "ideas": r"(\d+) ideas?\b",
        "outcomes": r"(\d+) done, (\d+) carried over, (\d+) dropped(?:, (\d+) not agreed)?",
        "after_participation": r"\n(?:Key results|Top-voted ideas|Action plan)\n",
        "not_reached": "Not reached",
        "all_words": "All words",
        "yes": "yes",
        "no": "no",
    },
}
COLUMNS = {  # a spreadsheet column, by the names it has in either language
    "step": ("Trin", "Step"),
    "table": ("Bord", "Table"),
    "answer": ("Svar", "Answer"),
    "hidden": ("Skjult", "Hidden"),
    "kind": ("Type", "Kind"),
}
KIND_IDS = {"info", "open", "choice", "scale", "wordcloud", "points", "vote", "actions", "review"}


def places(values: list[int]) -> list[int]:
    ranks, previous, place = [], None, 0
    for position, value in enumerate(values, start=1):
        if value != previous:
            place, previous = position, value
        ranks.append(place)
    return ranks


def column(row: dict[str, Any], name: str) -> Any:
    for label in COLUMNS[name]:
        if label in row:
            return row[label]
    if name == "table":
        return ""  # a room without tables has no table column
    raise KeyError(f"no {name} column in {sorted(row)}")


class Check:
    """Compares one meeting's record with its ledger; every disagreement is a problem."""

    def __init__(self, ledger: Ledger, record: Record, language: str) -> None:
        self.ledger, self.record, self.language = ledger, record, language
        self.words = WORDS[language]
        self.text = record.pdf_text()
        self.sections = sections(self.text, language)
        first = min(self.sections) if self.sections else None
        self.front = self.text[: self.text.index(self.sections[first])] if first else self.text
        self.problems: list[str] = []

    def expect(self, what: str, found: Any, wanted: Any) -> None:
        if found == wanted:
            return
        if isinstance(found, list) and isinstance(wanted, list) and len(found) == len(wanted):
            rows = [n for n, (f, w) in enumerate(zip(found, wanted, strict=True)) if f != w]
            found, wanted = (
                {n + 1: found[n] for n in rows},
                {n + 1: wanted[n] for n in rows},
            )
            what += " (differing rows)"
        self.problems.append(f"{what}: the record has {found!r}, the ledger {wanted!r}")

    def everything(self) -> list[str]:
        for area in (self.pdf_steps, self.pdf_summary, self.spreadsheet, self.workbook, self.json):
            area()
        return self.problems

    # The report
    def pdf_steps(self) -> None:
        for number, step in enumerate(self.ledger.steps, start=1):
            section = self.sections.get(number)
            kind = step["kind"]
            if section is None or kind == "info" or not self.ledger.of_step(step["id"]):
                continue
            where = f"PDF step {number}"
            meta = re.search(rf"\u00b7 (\d+) {self.words['respondents']}", section)
            wanted = self.ledger.respondents(step["id"])
            self.expect(f"{where} respondents", int(meta.group(1)) if meta else 0, wanted)
            hidden = re.search(self.words["hidden"], section)
            self.expect(
                f"{where} hidden",
                int(hidden.group(1)) if hidden else 0,
                self.ledger.hidden(step["id"]),
            )
            if kind == "open":
                self.open_section(where, step["id"], section)
            elif kind == "vote":
                self.vote_section(where, step["id"], section)
            elif kind == "wordcloud":
                self.words_section(where, step["id"], section)

    def open_section(self, where: str, step_id: str, section: str) -> None:
        """Each shown answer exactly once, under its own table's heading, whose count is the
        number of answers under it."""
        wanted = self.ledger.ideas_at(step_id)
        names = {**self.ledger.tables, None: self.words["without"]}
        heading = re.compile(
            rf"^\s*({'|'.join(re.escape(n) for n in names.values())}) \u00b7 (\d+) "
            rf"{self.words['answers']}\s*$",
            re.MULTILINE,
        )
        found = list(heading.finditer(section))
        if not found:
            self.expect(f"{where} answers", tagged(section), sum(wanted.values(), Counter()))
            return
        ids = {name: table for table, name in names.items()}
        listed: dict[str | None, Counter[str]] = {}
        for n, match in enumerate(found):
            end = found[n + 1].start() if n + 1 < len(found) else len(section)
            chunk = tagged(section[match.end() : end])
            table = ids[match.group(1)]
            name = match.group(1)
            self.expect(f"{where} heading of {name}", int(match.group(2)), sum(chunk.values()))
            listed.setdefault(table, Counter()).update(chunk)
        for table in set(listed) | set(wanted):
            name = names[table]
            self.expect(
                f"{where} at {name}", +listed.get(table, Counter()), wanted.get(table, Counter())
            )

    def vote_section(self, where: str, step_id: str, section: str) -> None:
        """Each idea with votes on one line, with all its votes."""
        ranking = section.split(self.words["per_table"])[0]
        lines: dict[str, list[int]] = {}
        for line in ranking.splitlines():
            found = TAG.search(line)
            votes = re.search(r"(\d+)\s*$", line)
            if found and votes:
                lines.setdefault(tag(int(found.group(1))), []).append(int(votes.group(1)))
        wanted = +self.ledger.votes(step_id)
        self.expect(
            f"{where} lines per idea",
            {k: len(v) for k, v in lines.items()},
            dict.fromkeys(wanted, 1),
        )
        self.expect(f"{where} votes", {k: sum(v) for k, v in lines.items()}, dict(wanted))

    def words_section(self, where: str, step_id: str, section: str) -> None:
        listed = section.split(self.words["all_words"], 1)[-1].split(self.words["per_table"])[0]
        for word, count in self.ledger.words(step_id).items():
            if f"{word} ({count})" not in listed:
                self.problems.append(f"{where}: {word!r} given {count} times is not listed so")

    def pdf_summary(self) -> None:
        front = self.front
        took = re.search(self.words["took_part"], front)
        self.expect(
            "PDF participants", int(took.group(1)) if took else None, len(self.ledger.people)
        )
        self.participation(front)
        self.key_results(front)
        self.since_last_time(front)
        if self.ledger.notes:
            notes = " ".join(self.ledger.notes.split())
            self.expect("PDF notes", notes in " ".join(front.split()), True)
        # The top-voted ideas: each once, with all its votes, places within five, ties kept.
        for step in self.ledger.steps:
            if step["kind"] != "vote" or not self.ledger.of_step(step["id"]):
                continue
            votes = +self.ledger.votes(step["id"])
            ranked = sorted(votes.items(), key=lambda item: -item[1])
            wanted = {
                idea_: count
                for (idea_, count), place in zip(
                    ranked, places([c for _i, c in ranked]), strict=True
                )
                if place <= 5
            }
            top = front.split(self.words["top"], 1)[-1] if self.words["top"] in front else ""
            top = top.split(self.words["plan"] + "\n", 1)[0]
            shown: dict[str, list[int]] = {}
            for line in top.splitlines():
                found, count = TAG.search(line), re.search(self.words["votes"], line)
                if found and count:
                    shown.setdefault(tag(int(found.group(1))), []).append(int(count.group(1)))
            lines = {k: len(v) for k, v in shown.items()}
            self.expect("PDF top ideas, lines per idea", set(lines.values()) - {1}, set())
            found = {k: sum(v) for k, v in shown.items()}
            self.expect("PDF top ideas, votes", found, {k: wanted.get(k) for k in found})
            # Ties at the cut are listed, up to ten lines; beyond, five lines and a count.
            lowest = min(found.values(), default=0)
            above = {k for k, v in wanted.items() if v > lowest}
            self.expect("PDF top ideas, the ideas above the cut", above - set(found), set())
            more = re.search(r"\+(\d+) (?:mere|more)", top)
            listed = len(found) + (int(more.group(1)) if more else 0)
            self.expect(
                "PDF top ideas, listed and tied",
                (len(found) in (len(wanted) if len(wanted) <= 10 else 5,), listed),
                (True, len(wanted)),
            )
        # The plan: every point once, and the summary's count is the plan's.
        plan = self.ledger.plan()
        if any(step["kind"] == "actions" for step in self.ledger.steps):
            count = re.search(self.words["in_plan"], front)
            self.expect("PDF summary's plan count", int(count.group(1)) if count else 0, len(plan))
            heading = "\n" + self.words["plan"] + "\n"
            block = front.split(heading, 1)[-1] if heading in front else ""
            self.expect("PDF plan", +tagged(block), Counter(idea(p["what"]) for p in plan))

    def participation(self, front: str) -> None:
        """Per step that takes answers: who answered it, or that the room never came to it."""
        table = front.split(self.words["participation"], 1)[-1]
        table = re.split(self.words["after_participation"], table, maxsplit=1)[0]
        rows = list(re.finditer(r"^(\d+)\. ", table, re.MULTILINE))
        found: dict[int, Any] = {}
        for n, row in enumerate(rows):
            chunk = table[row.start() : rows[n + 1].start() if n + 1 < len(rows) else len(table)]
            if self.words["not_reached"] in chunk:
                found[int(row.group(1))] = None
            else:
                count = re.search(r"\s(\d+)\s+\d+[,.]\d\s?%", chunk)
                found[int(row.group(1))] = int(count.group(1)) if count else "?"
        wanted = {
            n + 1: self.ledger.respondents(step["id"]) if n in self.ledger.visited else None
            for n, step in enumerate(self.ledger.steps)
            if step["kind"] != "info"
        }
        self.expect("PDF participation per step", found, wanted)

    def key_results(self, front: str) -> None:
        """An open step's line counts its answers, and its ideas where merges made fewer."""
        block = front.split(self.words["key_results"], 1)[-1]
        for number, step in enumerate(self.ledger.steps, start=1):
            if step["kind"] != "open" or not self.ledger.shown(step["id"]):
                continue
            line = re.search(rf"^{number}\. .*$", block, re.MULTILINE)
            found = line.group(0) if line else ""
            answers, cards = len(self.ledger.shown(step["id"])), len(self.ledger.cards(step["id"]))
            both = re.search(self.words["ideas_from"], found)
            ideas = re.search(self.words["ideas"], found)
            alone = re.search(rf"(\d+) {self.words['answers']}\b", found)
            if both:  # voted on, merges made fewer: "48 idéer ud fra 49 svar"
                found_counts = (int(both.group(1)), int(both.group(2)))
            elif ideas:  # voted on: "12 idéer"
                found_counts = (int(ideas.group(1)), int(ideas.group(1)))
            else:  # "46 svar"
                found_counts = (cards, int(alone.group(1))) if alone else None
            self.expect(f"PDF key result of step {number}", found_counts, (cards, answers))

    def since_last_time(self, front: str) -> None:
        """A follow-up's earlier points: done, carried over, dropped and not agreed add up."""
        if not self.ledger.earlier_plan:
            return
        line = re.search(self.words["outcomes"], front)
        found = tuple(int(n or 0) for n in line.groups()) if line else None
        agreed = [self.ledger.agreed.get(p["id"]) for p in self.ledger.earlier_plan]
        wanted = (
            sum(1 for a in agreed if a and a["status"] == "done"),
            sum(1 for a in agreed if a and a.get("carry_to")),
            sum(1 for a in agreed if a and a["status"] != "done" and not a.get("carry_to")),
            sum(1 for a in agreed if not a),
        )
        self.expect("PDF since last time", found, wanted)

    # The spreadsheets
    def rows_wanted(self, step_id: str) -> list[tuple[str, str, str]]:
        tables = self.ledger.tables
        shown = {g.answer_id for g in self.ledger.shown(step_id)}
        yes, no = self.words["yes"], self.words["no"]
        return [
            (
                given.value if isinstance(given.value, str) else "",
                tables.get(self.ledger.table_of(given) or "", ""),
                no if given.answer_id in shown else yes,
            )
            for given in self.ledger.of_step(step_id)
        ]

    def spreadsheet(self) -> None:
        rows = self.record.csv_rows()
        by_step: dict[int, list[dict[str, str]]] = {}
        for row in rows:
            by_step.setdefault(int(column(row, "step").split(".")[0]), []).append(row)
        # Labels a reader knows: the step's number and words, the kind's name, never the ids.
        raw = [
            (column(r, "step"), column(r, "kind")) for r in rows if column(r, "kind") in KIND_IDS
        ]
        raw += [
            (column(r, "step"), column(r, "kind"))
            for r in rows
            if any(
                column(r, "step") == f"{n}. {s['id']}" for n, s in enumerate(self.ledger.steps, 1)
            )
        ]
        self.expect("CSV labels that are internal ids", raw[:3], [])
        for number, step in enumerate(self.ledger.steps, start=1):
            given = self.ledger.of_step(step["id"])
            got = by_step.get(number, [])
            self.expect(f"CSV rows of step {number}", len(got), len(given))
            if step["kind"] != "open" or len(got) != len(given):
                continue
            found = [(column(r, "answer"), column(r, "table"), column(r, "hidden")) for r in got]
            self.expect(f"CSV step {number}", found, self.rows_wanted(step["id"]))

    def workbook(self) -> None:
        book = self.record.workbook()
        sheets = {}
        for title, rows in book.items():
            match = re.match(r"(\d+)\.", title)
            if match:
                sheets[int(match.group(1))] = rows
        for number, step in enumerate(self.ledger.steps, start=1):
            given = self.ledger.of_step(step["id"])
            if not given:
                continue
            rows = sheets.get(number)
            if rows is None:
                self.problems.append(f"workbook: no sheet for step {number}")
                continue
            head = [str(cell) for cell in rows[0]]
            body = [dict(zip(head, row, strict=False)) for row in rows[1:] if any(row)]
            self.expect(f"workbook rows of step {number}", len(body), len(given))
            if step["kind"] != "open" or len(body) != len(given):
                continue
            found = [
                (column(r, "answer"), column(r, "table") or "", column(r, "hidden")) for r in body
            ]
            self.expect(f"workbook step {number}", found, self.rows_wanted(step["id"]))
        facts = {row[0]: row[1] for row in book.get(self.words["meeting_sheet"], []) if row}
        self.expect(
            "workbook participants", facts.get(self.words["participants"]), len(self.ledger.people)
        )
        if self.ledger.notes:
            flat = " ".join(
                str(cell) for rows in book.values() for row in rows for cell in row if cell
            )
            notes = " ".join(self.ledger.notes.split())
            self.expect("workbook notes", notes in " ".join(flat.split()), True)

    # The file
    def json(self) -> None:
        document = self.record.json
        answers = {a["answer_id"]: a for a in document["answers"]}
        self.expect("JSON answers", sorted(answers), sorted(self.ledger.given))
        for answer_id, given in self.ledger.given.items():
            kept = answers.get(answer_id)
            if kept is None:
                continue
            found = (kept["value"], kept["hidden"], kept["highlighted"], kept["merged_into"])
            wanted = (given.value, given.hidden, given.highlighted, given.merged_into)
            self.expect(f"JSON answer {answer_id}", found, wanted)
            self.expect(
                f"JSON answer {answer_id} confirmed",
                (kept["confirmed"], kept["edited"]),
                (given.confirmed, given.edited),
            )
        for step in document["steps"]:
            summary = step.get("summary") or {}
            if step["kind"] == "open" and summary:
                cards = summary.get("answers", [])
                wanted = self.ledger.cards(step["id"])
                self.expect(f"JSON cards of {step['id']}", len(cards), len(wanted))
                self.expect(
                    f"JSON answers on the cards of {step['id']}",
                    sum(c["weight"] for c in cards),
                    sum(w for _card, w in wanted),
                )
        self.expect("JSON plan", len(document["action_plan"]), len(self.ledger.plan()))


# --- What the room says, and the board meeting (a) ----------------------------------------

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
    them a card with answers merged into it), a vote, seven confirmed points, decisions."""
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
