"""The JSON export: the complete session as data, without any participant's token or any key.

It holds all that another server needs to import the session (``services/transfer.py``), but
never the link between a participant's name and an answer given anonymously: such answers
name a respondent instead (``r1``, ``r2``, ...), one per participant and step, numbered in the
order the answers appear in the file, so the numbers say nothing the answers do not.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain.answers import Answer, small_tables
from ..domain.session import SessionState
from ..services.reports import Report
from .plan import plan_items

FORMAT = "workshop-session/2"


def build_json(report: Report, dialogue: dict[str, Any]) -> bytes:
    document = session_document(report, dialogue)
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def session_document(report: Report, dialogue: dict[str, Any]) -> dict[str, Any]:
    """The export as plain data (``format`` says which version of it)."""
    steps = {item.step.id: item.step for item in report.steps}

    def unlinked(step_id: str, anonymous: bool) -> bool:
        # Anonymous steps, and answers given anonymously, stay anonymous here too.
        step = steps.get(step_id)
        return anonymous or step is None or step.settings.anonymous

    respondents = Respondents(report)
    for answer in report.answers:
        if unlinked(answer.step_id, answer.anonymous):
            respondents.label(answer.participant_id, answer.step_id)
    for late in report.late_answers:
        if unlinked(late["step_id"], late["anonymous"]):
            respondents.label(late["participant_id"], late["step_id"])

    def who(participant_id: int, step_id: str, anonymous: bool) -> dict[str, Any]:
        if unlinked(step_id, anonymous):
            return {"participant": None, "respondent": respondents.label(participant_id, step_id)}
        return {"participant": participant_id, "respondent": None}

    return {
        "format": FORMAT,
        "session": {
            "code": report.code,
            "title": report.title,
            "language": report.language,
            "status": report.status,
            "created_at": report.created_at.isoformat(),
            "exported_at": report.exported_at.isoformat(),
            "details": report.details,
            "tables": [{"id": table_id, "name": name} for table_id, name in report.tables],
            "participants": report.participants,
            "practice": report.practice,
            "keep": report.keep,
            "follow_up": report.follow_up,
            "tidy": report.tidy,
            "state": state_document(report.state),
        },
        "dialogue": dialogue,
        "participants": [
            {
                "id": person.id,
                "name": person.name,
                "table": person.table,
                "is_table": person.is_table,
                "removed": person.removed,
                "joined_at": person.joined_at.isoformat(),
            }
            for person in report.people
            if not person.respondent
        ],
        "respondents": respondents.listed(),
        "steps": [
            {
                "index": item.index,
                "id": item.step.id,
                "kind": item.step.kind,
                "prompt": item.step.prompt,
                "settings": item.step.settings.to_dict(),
                "visits": [{"entered_at": a, "left_at": b} for a, b in item.visits],
                "summary": item.summary,
            }
            for item in report.steps
        ],
        "answers": [
            answer_document(answer, who(answer.participant_id, answer.step_id, answer.anonymous))
            for answer in report.answers
        ],
        "late_answers": [
            {
                "answer_id": late["answer_id"],
                "step_id": late["step_id"],
                **who(late["participant_id"], late["step_id"], late["anonymous"]),
                "anonymous": late["anonymous"],
                "value": late["value"],
                "received_at": late["received_at"].isoformat(),
            }
            for late in report.late_answers
        ],
        # The plan as the report prints it: confirmed points, and in a follow-up the earlier
        # points carried over (``carried: true``, their answer_id ``carried-p1``, …).
        "action_plan": [
            {
                **{key: entry[key] for key in ("what", "who", "when", "answer_id")},
                **({"carried": True} if entry.get("carried") else {}),
            }
            for entry in plan_items(report)
        ],
    }


def answer_document(answer: Answer, who: dict[str, Any]) -> dict[str, Any]:
    return {
        "answer_id": answer.answer_id,
        "step_id": answer.step_id,
        "participant": who["participant"],
        "respondent": who["respondent"],
        "anonymous": answer.anonymous,
        "value": answer.value,
        "hidden": answer.hidden,
        "highlighted": answer.highlighted,
        "merged_into": answer.merged_into,
        "confirmed": answer.confirmed,
        "edited": answer.edited,
        "pending": answer.pending,
        "apart": answer.apart,
        "created_at": answer.created_at.isoformat() if answer.created_at else None,
    }


def state_document(state: SessionState) -> dict[str, Any]:
    """The room's controls as they stand (the status and the tables are in ``session``)."""
    return {
        "step_index": state.step_index,
        "answering": state.answering,
        "locked": state.locked,
        "screen_reveal": state.screen_reveal,
        "phone_reveal": state.phone_reveal,
        "timer": {
            "duration": state.timer.duration,
            "started_at": state.timer.started_at,
            "elapsed": state.timer.elapsed,
        },
        "overrides": state.overrides,
        "by_table": state.by_table,
        "visits": [
            {"step_id": visit.step_id, "entered_at": visit.entered_at, "left_at": visit.left_at}
            for visit in state.visits
        ],
    }


class Respondents:
    """The labels that stand for a participant on a step where the file must not name them.

    A label is given the first time its participant and step come up, so the numbers follow
    the order of the answers in the file (which carry their times anyway): nothing in them
    tells when a participant joined or who they are. The table goes with a label only when it
    is one of the session's tables with at least two people, as the results per table show
    it already.
    """

    def __init__(self, report: Report) -> None:
        self.people = {person.id: person for person in report.people}
        # A table of one would name the person: its respondents go without a table.
        tables = [table_id for table_id, _name in report.tables]
        self.tables = set(tables) - small_tables(report.people, tables)
        self.labels: dict[tuple[int, str], str] = {}

    def label(self, participant_id: int, step_id: str) -> str:
        key = (participant_id, step_id)
        if key not in self.labels:
            self.labels[key] = f"r{len(self.labels) + 1}"
        return self.labels[key]

    def listed(self) -> list[dict[str, Any]]:
        listed = []
        for (participant_id, _step_id), label in self.labels.items():
            person = self.people.get(participant_id)
            table = person.table if person is not None else None
            listed.append({"id": label, "table": table if table in self.tables else None})
        return listed
