"""Meetings run through the real app beside a ledger of what was said, and the record they
leave (every export), so that a test checks the record against what the room said (the checks
are in ``ledger_checks``, the meetings in ``ledger_meetings``). A meeting reaches the app
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
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
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
    apart: bool = False  # pulled out of the card of its identical answers


def same_words(text: Any) -> str:
    """The ledger's own rule for identical answers: the same words whatever their case and
    spacing. The meetings write an idea again only in other letters (capitals) or spacing,
    where this rule and the app's fuller one (punctuation and emoji around the words too)
    agree; an idea written right to left with its tag at the other end is other words."""
    return " ".join(str(text).casefold().split()) if isinstance(text, str) else ""


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

    def card_of(self, step_id: str, listed: list[str] | None = None) -> dict[str, str]:
        """The card each shown answer (or each of ``listed``) is on: the card the facilitator
        merged it into, and on an open step, cards on which two answers say the same words
        are one card, led by its earliest answer (an answer pulled apart, and what is merged
        into it, joins none)."""
        ids = [g.answer_id for g in self.shown(step_id)] if listed is None else listed
        roots = {answer_id: self.root(answer_id, ids) for answer_id in ids}
        if self.step(step_id)["kind"] != "open":
            return roots
        words: dict[str, set[str]] = {r: set() for r in roots.values()}
        for answer_id, r in roots.items():
            if not self.given[answer_id].apart and not self.given[r].apart:
                words[r].add(same_words(self.given[answer_id].value))
        leader: dict[str, str] = {}
        for first in sorted(words, key=ids.index):
            if first in leader:
                continue
            group, todo = {first}, [first]
            while todo:
                one = todo.pop()
                for other in words:
                    if other not in group and words[one] & words[other]:
                        group.add(other)
                        todo.append(other)
            leader.update(dict.fromkeys(group, first))
        return {answer_id: leader[r] for answer_id, r in roots.items()}

    def root(self, answer_id: str, ids: list[str]) -> str:
        """The answer whose card the facilitator's merges put ``answer_id`` on, among ``ids``."""
        seen = {answer_id}
        while (target := self.given[answer_id].merged_into) in ids and target not in seen:
            seen.add(target)
            answer_id = target  # type: ignore[assignment]
        return answer_id

    def folded_into(self, answer_id: str) -> list[str]:
        """The answers whose own cards joined the card ``answer_id`` leads, as the same
        words (not those merged by hand into it)."""
        step_id = self.given[answer_id].step_id
        card = self.card_of(step_id)
        if card.get(answer_id) != answer_id:
            return []
        return [
            other
            for other, leads in card.items()
            if leads == answer_id
            and other != answer_id
            and self.given[other].merged_into not in card
        ]

    def cards(self, step_id: str) -> list[tuple[Given, int]]:
        """The cards of a step with the number of answers each holds, in the order given."""
        card = self.card_of(step_id)
        weight = Counter(card.values())
        return [(self.given[c], weight[c]) for c in card if card[c] == c]

    def ideas_at(self, step_id: str) -> dict[str | None, Counter[str]]:
        """Per table (None: no table), how many answers each idea holds there: an answer is
        listed at the table of the card it was merged into (else its own author's), and the
        answers listed at a table that say the same words are one card there."""
        if not self.tables:
            room: Counter[str] = Counter()
            for card, weight in self.cards(step_id):
                room[idea(card.value)] += weight
            return {None: room}
        ids = [given.answer_id for given in self.shown(step_id)]
        at: dict[str | None, list[str]] = {}
        for answer_id in ids:
            at.setdefault(self.table_of(self.given[self.root(answer_id, ids)]), []).append(
                answer_id
            )
        listed: dict[str | None, Counter[str]] = {}
        for table, here in at.items():
            card = self.card_of(step_id, here)
            for leader, weight in Counter(card.values()).items():
                listed.setdefault(table, Counter())[idea(self.given[leader].value)] += weight
        return listed

    def votes(self, vote_step: str) -> Counter[str]:
        """Votes per idea of the source step: a ballot for any answer of a card (merged into
        it or the same words) counts for the card, votes for hidden cards count for nothing."""
        card = self.card_of(self.step(vote_step)["source"])
        counted: Counter[str] = Counter()
        for ballot in self.shown(vote_step):
            for card_id in ballot.value:
                if card_id in card:
                    counted[idea(self.given[card[card_id]].value)] += 1
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
        """Hides a card, and with it the answers folded into it as the same words."""
        folded = self.ledger.folded_into(answer_id)
        self.command("hide_answer", answer_id=answer_id)
        for hidden in (answer_id, *folded):
            self.ledger.given[hidden].hidden = True

    def highlight(self, answer_id: str) -> None:
        self.command("highlight", answer_id=answer_id)
        self.ledger.given[answer_id].highlighted = True

    def merge(self, answer_id: str, into: str) -> None:
        """Merges a card into another: the answers folded into it as the same words go
        along, and what was merged into any of them."""
        moved = [answer_id, *self.ledger.folded_into(answer_id)]
        self.command("merge", answer_id=answer_id, into=into)
        into = self.ledger.final(into)  # an answer on another card: that card
        for one in moved:
            if one == into:
                continue
            for given in self.ledger.given.values():
                if given.merged_into == one:
                    given.merged_into = into
            self.ledger.given[one].merged_into = into

    def pull_apart(self, answer_id: str) -> None:
        """Takes an answer folded into a card as the same words out of it: a card of its own."""
        self.command("unmerge", answer_id=answer_id)
        self.ledger.given[answer_id].apart = True

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
