"""The checks of the ledger test: every export of a meeting read back (the PDF's text, the CSV,
the workbook, the JSON) and held against what the ledger says the record should show."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .ledger import TAG, Ledger, Record, idea, tag


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
            found = (
                kept["value"],
                kept["hidden"],
                kept["highlighted"],
                kept["merged_into"],
                kept["apart"],
            )
            wanted = (given.value, given.hidden, given.highlighted, given.merged_into, given.apart)
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
