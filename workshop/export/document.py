"""The JSON export: the complete session as data, without any participant's token."""

from __future__ import annotations

import json
from typing import Any

from ..domain.kinds import kind_of
from ..services.reports import Report


def build_json(report: Report, dialogue: dict[str, Any]) -> bytes:
    steps = {item.step.id: item.step for item in report.steps}
    document = {
        "format": "workshop-session/1",
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
        ],
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
            {
                "answer_id": answer.answer_id,
                "step_id": answer.step_id,
                # Anonymous steps, and answers given anonymously, stay anonymous here too.
                "participant": None
                if answer.anonymous
                or steps.get(answer.step_id) is None
                or steps[answer.step_id].settings.anonymous
                else answer.participant_id,
                "anonymous": answer.anonymous,
                "value": answer.value,
                "hidden": answer.hidden,
                "highlighted": answer.highlighted,
                "merged_into": answer.merged_into,
                "confirmed": answer.confirmed,
                "created_at": answer.created_at.isoformat() if answer.created_at else None,
            }
            for answer in report.answers
        ],
        "action_plan": [
            {key: entry[key] for key in ("what", "who", "when", "answer_id")}
            for item in report.steps
            if kind_of(item.step.kind).makes_plan and item.summary
            for entry in item.summary["plan"]
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
