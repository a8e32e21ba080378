"""The facilitator's use cases: move the session, set up the room, moderate the answers."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.answers import Context
from ..domain.kinds import kind_of
from ..domain.numbers import whole_number
from ..domain.session import ACTIONS as STATE_ACTIONS
from ..domain.session import apply_command, expire
from ..domain.text import one_line, several_lines
from ..storage import SessionRecord, StaleSession, Store
from .card_moderation import CARD_ACTIONS, moderate_cards, results_changed
from .context import today
from .errors import Refused
from .events import AnswersDecided, Event, ParticipantRemoved, ResultsChanged, StateChanged
from .follow_ups import agree, forget_points
from .sessions import find_session, tool_of
from .suggestions import SUGGESTION_ACTIONS, tidy_suggestions
from .word_tidy import WORD_ACTIONS, tidy_words

MODERATION = (
    "hide_answer",
    "unhide_answer",
    "highlight",
    "unhighlight",
    "merge",
    "unmerge",
    "edit_action",
    "confirm_action",
    "unconfirm_action",
    "remove_participant",
    "remove_participants",
    "details",
    "admit_late",
    "approve",
    "approve_all",
    "agree",
)
# What an ended meeting can no longer change: its action plan and what it agreed on earlier
# points are final, since a follow-up may already carry them (hiding an answer before the
# report is filed, or filling in the report's details, stays possible).
FINAL_WHEN_ENDED = ("edit_action", "confirm_action", "unconfirm_action", "agree")
DETAILS = ("organisation", "place", "facilitator")
MAX_DETAIL = 120
# The meeting's decisions and notes, for the report's summary page: several lines.
MAX_NOTES = 4000


def command(store: Store, code: str, payload: Any) -> tuple[SessionRecord, list[Event]]:
    """Carry out one facilitator command (see docs/protocol.md for the list)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("action"), str):
        raise Refused("bad_payload")
    action = payload["action"]
    if action in WORD_ACTIONS:  # a word cloud's hidden and merged words
        events = tidy_words(store, find_session(store, code), action, payload)
        return find_session(store, code), events
    if action in SUGGESTION_ACTIONS:  # an open step's suggestions dismissed, or back
        events = tidy_suggestions(store, find_session(store, code), action, payload)
        return find_session(store, code), events
    if action in MODERATION:
        events = moderate(store, find_session(store, code), action, payload)
        # Details and agreements change the session itself: the ack says its new revision.
        return find_session(store, code), events
    if action not in STATE_ACTIONS:
        raise Refused("unknown_action")
    return change_state(store, code, payload)


def change_state(store: Store, code: str, payload: dict) -> tuple[SessionRecord, list[Event]]:
    """Apply a state command to the newest state of the session.

    With ``revision`` in the payload the command applies only to that revision, so a
    click in a stale tab cannot skip a step that another tab already moved to.
    """
    expected = payload.get("revision")
    if expected is not None and not whole_number(expected):
        raise Refused("bad_payload")
    for _attempt in range(5):
        session = find_session(store, code)
        if expected is not None and session.revision != expected:
            raise Refused("stale")
        state = apply_command(
            session.state, tool_of(session), payload["action"], payload, time.time()
        )
        if state == session.state:
            return session, []
        try:
            saved = store.save_state(session, state)
        except StaleSession:
            if expected is not None:
                raise Refused("stale") from None
            continue
        return saved, [StateChanged(saved.code)]
    raise Refused("stale")


def close_expired(store: Store, code: str) -> list[Event]:
    """Close answering if the current time box has run out on a step that closes itself."""
    session = store.session_by_code(code)
    if session is None:
        return []
    state = expire(session.state, tool_of(session), time.time())
    if state is None:
        return []
    try:
        store.save_state(session, state)
    except StaleSession:
        return []  # someone else changed (or closed) it first
    return [StateChanged(code)]


def _answer_arg(store: Store, session: SessionRecord, payload: dict, key: str = "answer_id"):
    answer_id = payload.get(key)
    if not isinstance(answer_id, str):
        raise Refused("bad_payload")
    answer = store.answer(session.id, answer_id)
    if answer is None:
        raise Refused("unknown_answer")
    return answer


def moderate(store: Store, session: SessionRecord, action: str, payload: dict) -> list[Event]:
    if session.state.ended and action in FINAL_WHEN_ENDED:
        raise Refused("session_ended")
    tool = tool_of(session)
    if action == "details":
        return _details(store, session, payload)
    if action == "agree":
        return agree(store, session, payload)
    if action == "admit_late":
        return _admit_late(store, session, tool, payload)
    if action == "approve_all":
        step_id = payload.get("step", tool.steps[session.state.step_index].id)
        if not isinstance(step_id, str) or tool.step(step_id) is None:
            raise Refused("unknown_step")
        # Each author of a waiting answer hears that it went to the room.
        authors = {
            a.participant_id for a in store.answers_for_step(session.id, step_id) if a.pending
        }
        store.approve_answers(session.id, step_id)
        return [
            *results_changed(session, tool, step_id),
            AnswersDecided(session.code, frozenset(authors)),
        ]
    if action == "remove_participants":
        return _remove_many(store, session, payload)
    if action == "remove_participant":
        participant_id = payload.get("participant_id")
        if (
            not whole_number(participant_id, 1, 2**31 - 1)  # the database's integer range
        ):
            raise Refused("bad_payload")
        if not store.remove_participant(session.id, participant_id):
            raise Refused("unknown_participant")
        changed = {a.step_id for a in store.answers_of_participant(session.id, participant_id)}
        return [
            ParticipantRemoved(session.code, participant_id),
            *(ResultsChanged(session.code, step_id) for step_id in changed),
        ]

    if action in CARD_ACTIONS:
        return moderate_cards(store, session, tool, action, payload)
    answer = _answer_arg(store, session, payload)
    kind = kind_of(tool.step(answer.step_id).kind)  # type: ignore[union-attr]
    changes: dict[str, Any]
    if action == "approve":
        if not answer.pending:
            raise Refused("not_pending")
        changes = {"hidden": False, "pending": False}
    else:
        if not kind.confirmable:
            raise Refused("not_an_action_step")
        if action == "edit_action":
            edit = payload.get("value")
            if not isinstance(edit, dict):
                raise Refused("bad_payload")
            step = tool.step(answer.step_id)
            value = kind.validate(step, {**answer.value, **edit}, Context(today=today()))
            changes = {"value": value, "edited": True}
        else:
            changes = {"confirmed": action == "confirm_action"}
    store.moderate_answer(session.id, answer.answer_id, **changes)
    decided = AnswersDecided(session.code, frozenset({answer.participant_id}))
    return [*results_changed(session, tool, answer.step_id), decided]


def _admit_late(store: Store, session: SessionRecord, tool, payload: dict) -> list[Event]:
    """Let in the answers that arrived after answering closed on a step (default: the current)."""
    step_id = payload.get("step", tool.steps[session.state.step_index].id)
    step = tool.step(step_id) if isinstance(step_id, str) else None
    if step is None:
        raise Refused("unknown_step")
    late = store.late_answers(session.id, step.id)
    allowed = kind_of(step.kind).answers_allowed(step)
    store.save_answers(
        [
            {
                "session_id": session.id,
                "participant_id": row["participant_id"],
                "step_id": step.id,
                "answer_id": row["answer_id"],
                "value": row["value"],
                "max_answers": allowed,
                "anonymous": row["anonymous"],
            }
            for row in late
        ]
    )
    store.forget_late_answers(session.id, [row["answer_id"] for row in late])
    return results_changed(session, tool, step.id)


def _details(store: Store, session: SessionRecord, payload: dict) -> list[Event]:
    for _attempt in range(5):
        details = dict(session.details)
        for key in DETAILS:
            if key in payload:
                value = payload[key]
                if not isinstance(value, str) or len(value.strip()) > MAX_DETAIL:
                    raise Refused("bad_detail", limit=MAX_DETAIL)
                details[key] = one_line(value)
        if "notes" in payload:
            notes = payload["notes"]
            if not isinstance(notes, str) or len(notes.strip()) > MAX_NOTES:
                raise Refused("bad_notes", limit=MAX_NOTES)
            details["notes"] = several_lines(notes)
        try:
            store.save_details(session, details)
        except StaleSession:
            session = find_session(store, session.code)  # another window acted first
            continue
        return [StateChanged(session.code)]
    raise Refused("stale")


# The longest look back of ``remove_participants``'s ``joined_within``: a day, in seconds.
MAX_JOINED_WITHIN = 24 * 60 * 60


def _remove_many(store: Store, session: SessionRecord, payload: dict) -> list[Event]:
    """Remove at once everyone who joined in the last ``joined_within`` seconds, or who never
    answered (``never_answered``), or both at once (those who are both): a fake crowd goes
    in one click, not at the console's pace of one."""
    within, silent = payload.get("joined_within"), payload.get("never_answered", False)
    if within is not None and not whole_number(within, 1, MAX_JOINED_WITHIN):
        raise Refused("bad_payload")
    if not isinstance(silent, bool) or (within is None and not silent):
        raise Refused("bad_payload")
    people = [p for p in store.participants_of(session.id) if not p.removed]
    if within is not None:
        since = datetime.now(UTC) - timedelta(seconds=within)
        people = [p for p in people if _aware(p.joined_at) >= since]
    chosen = {p.id for p in people}
    if silent:
        chosen &= set(store.silent_participants(session.id))
    removed = store.remove_participants(session.id, sorted(chosen))
    gone = set(removed)
    steps = {a.step_id for a in store.answers_of_session(session.id) if a.participant_id in gone}
    return [
        *(ParticipantRemoved(session.code, participant_id) for participant_id in removed),
        *(ResultsChanged(session.code, step_id) for step_id in sorted(steps)),
    ]


def _aware(moment: datetime) -> datetime:
    """SQLite hands back times without their zone; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def erase_participant(store: Store, session: SessionRecord, participant_id: Any) -> list[Event]:
    """The right to erasure: every answer of one participant and their name, gone for good;
    their phone is disconnected and stays out. The results and the report count without
    them."""
    if not whole_number(participant_id, 1, 2**31 - 1):
        raise Refused("bad_payload")
    # Their confirmed action points may have gone into a follow-up's copy of the plan.
    planned = [
        (str(given.value["what"]), str(given.value["who"]), str(given.value["when"]))
        for given in store.answers_of_participant(session.id, participant_id)
        if given.confirmed and isinstance(given.value, dict) and "what" in given.value
    ]
    steps = store.erase_participant(session.id, participant_id)
    if steps is None:
        raise Refused("unknown_participant")
    return [
        ParticipantRemoved(session.code, participant_id),
        *(ResultsChanged(session.code, step_id) for step_id in steps),
        *forget_points(store, session, planned),
    ]
