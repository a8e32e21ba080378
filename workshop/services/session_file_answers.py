"""The people and their answers in a session file (see ``session_file``): participants,
the respondents of an imported meeting, answers and late answers, each checked against the
dialogue tool and the session's state, every refusal saying where and what."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable
from datetime import datetime
from typing import Any

from ..domain.answers import Answer, Context
from ..domain.dialogue import DialogueTool
from ..domain.errors import InvalidAnswer
from ..domain.kinds import kind_of, validate_answer
from ..domain.session import SessionState, Table
from ..domain.text import one_line
from . import untrusted_json as read
from .participation import ANSWER_ID
from .untrusted_json import BadSessionFile

MAX_PARTICIPANTS = 20_000
MAX_ANSWERS = 200_000
MAX_LATE_ANSWERS = 50_000
MAX_NAME = 60  # what the participants' table holds
PARTICIPANT_TABLE = re.compile(r"^[A-Za-z0-9_-]{1,10}$")
RESPONDENT_ID = re.compile(r"^r[1-9][0-9]{0,6}$")


def _participant_table(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not PARTICIPANT_TABLE.fullmatch(value):
        raise BadSessionFile(where, "must be a table id such as t1, or null")
    return value


def read_participants(value: Any) -> list[dict[str, Any]]:
    people = []
    seen = set()
    for position, raw in enumerate(read.listed(value, "participants", MAX_PARTICIPANTS)):
        where = f"participants[{position}]"
        person = read.mapping(raw, where)
        person_id = read.whole(person.get("id"), f"{where}.id", 1, 2**31 - 1)
        if person_id in seen:
            raise BadSessionFile(f"{where}.id", f"{person_id} is listed twice")
        seen.add(person_id)
        people.append(
            {
                "key": ("participant", person_id),
                "name": one_line(read.text(person.get("name"), f"{where}.name", MAX_NAME)),
                "table_id": _participant_table(person.get("table"), f"{where}.table"),
                "is_table": read.flag(person.get("is_table"), f"{where}.is_table"),
                "removed": read.flag(person.get("removed"), f"{where}.removed"),
                "respondent": False,
                "joined_at": read.moment(person.get("joined_at"), f"{where}.joined_at"),
            }
        )
    return people


def read_respondents(
    value: Any, tables: tuple[Table, ...], created_at: datetime
) -> list[dict[str, Any]]:
    """Nameless rows for answers that must not be linked to a name (see export/document.py).
    They never joined by themselves: their time is the session's own."""
    known_tables = {table.id for table in tables}
    people = []
    seen = set()
    limit = MAX_ANSWERS + MAX_LATE_ANSWERS
    for position, raw in enumerate(read.listed(value, "respondents", limit)):
        where = f"respondents[{position}]"
        entry = read.mapping(raw, where)
        label = entry.get("id")
        if not isinstance(label, str) or not RESPONDENT_ID.fullmatch(label):
            raise BadSessionFile(f"{where}.id", "must be r1, r2, ...")
        if label in seen:
            raise BadSessionFile(f"{where}.id", f"{label} is listed twice")
        seen.add(label)
        table = entry.get("table")
        if table is not None and table not in known_tables:
            raise BadSessionFile(f"{where}.table", "must be one of the session's tables, or null")
        people.append(
            {
                "key": ("respondent", label),
                "name": "",
                "table_id": table,
                "is_table": False,
                "removed": False,
                "respondent": True,
                "joined_at": created_at,
            }
        )
    return people


# answers -----------------------------------------------------------------------------


def _person(entry: dict[str, Any], where: str, known: set[Hashable]) -> Hashable:
    """Whose answer it is: a participant's id, or a respondent's label, never both."""
    participant, respondent = entry.get("participant"), entry.get("respondent")
    if (participant is None) == (respondent is None):
        raise BadSessionFile(where, "must have either a participant or a respondent")
    if participant is not None:
        key: Hashable = ("participant", participant)
        if isinstance(participant, bool) or not isinstance(participant, int) or key not in known:
            raise BadSessionFile(f"{where}.participant", "is not in the participants")
        if entry.get("anonymous") is True:
            raise BadSessionFile(
                f"{where}.participant", "an answer given anonymously must not name a participant"
            )
        return key
    key = ("respondent", respondent)
    if not isinstance(respondent, str) or key not in known:
        raise BadSessionFile(f"{where}.respondent", "is not in the respondents")
    return key


def _answer_id(value: Any, where: str, seen: set[str]) -> str:
    if not isinstance(value, str) or not ANSWER_ID.fullmatch(value):
        raise BadSessionFile(where, "must be 8 to 64 characters of A-Z a-z 0-9 _ -")
    if value in seen:
        raise BadSessionFile(where, f"{value} is used twice")
    seen.add(value)
    return value


def _answerable_step(value: Any, where: str, tool: DialogueTool) -> str:
    if not isinstance(value, str) or tool.step(value) is None:
        raise BadSessionFile(where, "is not a step of the dialogue tool")
    if not tool.step(value).answerable:  # type: ignore[union-attr]
        raise BadSessionFile(where, "is a step that takes no answers")
    return value


def read_answers(
    value: Any,
    tool: DialogueTool,
    state: SessionState,
    known: set[Hashable],
    follow_up: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    answers = []
    seen: set[str] = set()
    for position, raw in enumerate(read.listed(value, "answers", MAX_ANSWERS)):
        where = f"answers[{position}]"
        entry = read.mapping(raw, where)
        hidden = read.flag(entry.get("hidden"), f"{where}.hidden")
        pending = read.flag(entry.get("pending"), f"{where}.pending")
        if pending and not hidden:
            raise BadSessionFile(f"{where}.pending", "an answer waiting for approval is hidden")
        merged_into = entry.get("merged_into")
        if merged_into is not None and not isinstance(merged_into, str):
            raise BadSessionFile(f"{where}.merged_into", "must be an answer id or null")
        answers.append(
            {
                "answer_id": _answer_id(entry.get("answer_id"), f"{where}.answer_id", seen),
                "step_id": _answerable_step(entry.get("step_id"), f"{where}.step_id", tool),
                "person": _person(entry, where, known),
                "anonymous": read.flag(entry.get("anonymous"), f"{where}.anonymous"),
                "value": entry.get("value"),
                "hidden": hidden,
                "highlighted": read.flag(entry.get("highlighted"), f"{where}.highlighted"),
                "merged_into": merged_into,
                "confirmed": read.flag(entry.get("confirmed"), f"{where}.confirmed"),
                "edited": read.flag(entry.get("edited"), f"{where}.edited"),
                "pending": pending,
                # Absent in files from before answers could be pulled apart: none was.
                "apart": bool(read.optional_flag(entry.get("apart"), f"{where}.apart")),
                "created_at": read.moment(entry.get("created_at"), f"{where}.created_at"),
            }
        )
    _check_merges(answers)
    _check_counts(answers, tool)
    _check_values(answers, "answers", tool, state, answers, follow_up)
    return answers


def read_late_answers(
    value: Any,
    tool: DialogueTool,
    state: SessionState,
    known: set[Hashable],
    answers: list[dict[str, Any]],
    follow_up: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    late = []
    seen: set[str] = set()
    for position, raw in enumerate(read.listed(value, "late_answers", MAX_LATE_ANSWERS)):
        where = f"late_answers[{position}]"
        entry = read.mapping(raw, where)
        late.append(
            {
                "answer_id": _answer_id(entry.get("answer_id"), f"{where}.answer_id", seen),
                "step_id": _answerable_step(entry.get("step_id"), f"{where}.step_id", tool),
                "person": _person(entry, where, known),
                "anonymous": read.flag(entry.get("anonymous"), f"{where}.anonymous"),
                "value": entry.get("value"),
                "received_at": read.moment(entry.get("received_at"), f"{where}.received_at"),
            }
        )
    _check_values(late, "late_answers", tool, state, answers, follow_up)
    return late


def _check_merges(answers: list[dict[str, Any]]) -> None:
    """An answer is merged into another answer of its own step, and merges never loop."""
    steps = {answer["answer_id"]: answer["step_id"] for answer in answers}
    into = {a["answer_id"]: a["merged_into"] for a in answers if a["merged_into"] is not None}
    for position, answer in enumerate(answers):
        target = answer["merged_into"]
        if target is None:
            continue
        if steps.get(target) != answer["step_id"] or target == answer["answer_id"]:
            raise BadSessionFile(
                f"answers[{position}].merged_into", "is not another answer of the same step"
            )
        seen = {answer["answer_id"]}
        while target in into:
            if target in seen:
                raise BadSessionFile(f"answers[{position}].merged_into", "merges go in a circle")
            seen.add(target)
            target = into[target]


def _check_counts(answers: list[dict[str, Any]], tool: DialogueTool) -> None:
    """Nobody has more answers on a step than the step takes."""
    counted = Counter((answer["person"], answer["step_id"]) for answer in answers)
    for (person, step_id), count in counted.items():
        step = tool.step(step_id)
        allowed = kind_of(step.kind).answers_allowed(step)  # type: ignore[union-attr]
        if count > allowed:
            raise BadSessionFile(
                "answers",
                f"{person[0]} {person[1]} has {count} answers on step {step_id}, "
                f"which takes {allowed}",
            )


def _check_values(
    entries: list[dict[str, Any]],
    where: str,
    tool: DialogueTool,
    state: SessionState,
    answers: list[dict[str, Any]],
    follow_up: dict[str, Any] | None,
) -> None:
    """Every value fits its step, as its kind checks an answer from a phone. Deadlines may be
    past by now, and a vote may be on an idea hidden or merged since."""
    by_step: dict[str, dict[str, Answer]] = {}
    for answer in answers:
        by_step.setdefault(answer["step_id"], {})[answer["answer_id"]] = Answer(
            answer_id=answer["answer_id"],
            participant_id=0,
            step_id=answer["step_id"],
            value=answer["value"],
            # Pulled apart, it was a card of its own to vote on (identical ones are one).
            apart=answer["apart"],
        )
    for position, entry in enumerate(entries):
        index = tool.step_index(entry["step_id"])
        step = state.step(tool, index)
        context = Context(cards=by_step.get(step.source, {}), follow_up=follow_up)
        try:
            entry["value"] = validate_answer(step, entry["value"], context)
        except InvalidAnswer as error:
            raise BadSessionFile(
                f"{where}[{position}].value", f"does not fit step {step.id} ({error.code})"
            ) from None
        except (TypeError, ValueError, AttributeError, KeyError):
            raise BadSessionFile(
                f"{where}[{position}].value", f"does not fit step {step.id}"
            ) from None
