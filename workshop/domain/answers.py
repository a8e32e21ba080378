"""An answer as the domain sees it, with what moderation has done to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

MAX_TEXT = 1000


@dataclass(frozen=True)
class Answer:
    """One accepted answer; ``answer_id`` is made by the participant's phone."""

    answer_id: str
    participant_id: int
    step_id: str
    value: Any
    name: str = ""
    table: str | None = None
    hidden: bool = False
    highlighted: bool = False
    merged_into: str | None = None
    confirmed: bool = False
    created_at: datetime | None = None
    # Given while the step was anonymous: no surface may ever put a name on it.
    anonymous: bool = False
    # The facilitator rewrote it (an action point); the participant cannot change it back.
    edited: bool = False
    # Waiting for the facilitator's approval (pre-moderation): hidden until approved.
    pending: bool = False
    # Pulled out of the card of its identical answers: never folded into one (``folding``).
    apart: bool = False


@dataclass(frozen=True)
class Context:
    """What a kind may need beyond the answers themselves.

    ``today`` for dates; ``cards`` are the answers of a vote's source step, by id;
    ``follow_up`` is what a follow-up meeting reviews (see ``follow_up``), None elsewhere;
    ``tidy`` is the facilitator's tidy decisions on this step (its entry in ``domain.tidy``).
    """

    today: date | None = None
    cards: Mapping[str, Answer] = field(default_factory=dict)
    follow_up: Mapping[str, Any] | None = None
    tidy: Mapping[str, Any] = field(default_factory=dict)


def final_card(answer_id: str, by_id: Mapping[str, Answer]) -> str:
    """Follow merges to the card an answer now lives in (merges never form a loop)."""
    seen = set()
    while answer_id in by_id and by_id[answer_id].merged_into and answer_id not in seen:
        seen.add(answer_id)
        answer_id = by_id[answer_id].merged_into  # type: ignore[assignment]
    return answer_id


def visible(answers: Iterable[Answer]) -> list[Answer]:
    """The answers the room sees: not hidden, and not folded into a card that is hidden
    (hiding a card hides the answers merged into it; they do not come back on their own)."""
    answers = list(answers)
    if not any(answer.hidden for answer in answers):
        return answers  # nothing hidden: every card is seen (the common case, asked often)
    by_id = {answer.answer_id: answer for answer in answers}
    return [
        answer
        for answer in answers
        if not answer.hidden
        and (
            not answer.merged_into
            or not by_id.get(final_card(answer.answer_id, by_id), answer).hidden
        )
    ]


# A table needs at least this many people before its anonymous answers are shown as its own:
# at a table of one, "table 3 said" names the person.
LEAST_AT_A_TABLE = 2


def small_tables(people: Iterable[Any], tables: Iterable[str]) -> set[str | None]:
    """The tables (and ``None``, no table) too small to show anonymous answers as theirs.

    ``people`` are the session's participants (with ``table``, ``is_table`` and ``removed``);
    a table's own phone answers for the whole table and is not a person at it.
    """
    known = set(tables)
    sizes: dict[str | None, int] = {}
    for person in people:
        if person.removed or person.is_table:
            continue
        table = person.table if person.table in known else None
        sizes[table] = sizes.get(table, 0) + 1
    return {group for group in (*known, None) if sizes.get(group, 0) < LEAST_AT_A_TABLE}


def alone_at_a_table(people: Iterable[Any], tables: list[str]) -> set[int]:
    """The ids of the people (not table phones) at a table too small to hide their anonymous
    answers, or alone at no table."""
    people = list(people)
    small = small_tables(people, tables)
    known = set(tables)
    return {
        person.id
        for person in people
        if not person.is_table and (person.table if person.table in known else None) in small
    }


def shown_by_table(answers: list[Answer], people: Iterable[Any], tables: list[str]) -> list[Answer]:
    """The answers that results per table may show: not an anonymous answer of a person at a
    table too small to hide them (anonymity is fixed when an answer is given). Answers of
    people not in ``people`` (an imported file's respondents) keep the table the file gave."""
    alone = alone_at_a_table(people, tables)
    return [
        answer for answer in answers if not (answer.anonymous and answer.participant_id in alone)
    ]
