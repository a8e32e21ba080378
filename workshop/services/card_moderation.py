"""The facilitator moderates cards: hide, show, highlight, merge and pull apart, one card or
many in one command (``answer_ids``). Every answer named is checked before anything changes;
the room gets one update.

Cards of text fold answers of the same words into one (``domain.folding``): hiding such a
card hides the answers folded into it, showing a hidden answer again brings back its hidden
identical twins, merging it takes them along, and ``unmerge`` on a folded answer pulls it
apart (``apart``), so it stands as a card of its own.
"""

from __future__ import annotations

from typing import Any

from ..domain.answers import Answer, final_card, visible
from ..domain.folding import answer_key, fold, folded_twins
from ..domain.kinds import kind_of
from ..storage import SessionRecord, Store
from .errors import Refused
from .events import AnswersDecided, Event, ResultsChanged, StateChanged

CARD_ACTIONS = ("hide_answer", "unhide_answer", "highlight", "unhighlight", "merge", "unmerge")
MAX_BATCH = 500  # answers one command names: a whole wall of a large meeting


class Answers:
    """The answers a command names, read once per step (from memory when the store keeps
    them there)."""

    def __init__(self, store: Store, session: SessionRecord) -> None:
        self.store, self.session = store, session
        self.steps: dict[str, list[Answer]] = {}
        self.by_id: dict[str, Answer] = {}

    def get(self, answer_id: Any) -> Answer:
        if not isinstance(answer_id, str):
            raise Refused("bad_payload")
        found = self.by_id.get(answer_id)
        if found is None:
            found = self.store.answer(self.session.id, answer_id)
            if found is None:
                raise Refused("unknown_answer")
            self.of_step(found.step_id)
        return self.by_id.get(answer_id, found)

    def of_step(self, step_id: str) -> list[Answer]:
        if step_id not in self.steps:
            self.steps[step_id] = self.store.answers_for_step(self.session.id, step_id)
            self.by_id.update((a.answer_id, a) for a in self.steps[step_id])
        return self.steps[step_id]


def named(payload: dict, answers: Answers) -> list[Answer]:
    """The answers of ``answer_ids`` (1 to MAX_BATCH different ids), or of ``answer_id``."""
    if "answer_ids" not in payload:
        return [answers.get(payload.get("answer_id"))]
    ids = payload["answer_ids"]
    if (
        not isinstance(ids, list)
        or not 1 <= len(ids) <= MAX_BATCH
        or not all(isinstance(answer_id, str) for answer_id in ids)
        or len(set(ids)) != len(ids)
    ):
        raise Refused("bad_payload", limit=MAX_BATCH)
    return [answers.get(answer_id) for answer_id in ids]


def moderate_cards(
    store: Store, session: SessionRecord, tool, action: str, payload: dict
) -> list[Event]:
    """Carry out one of ``CARD_ACTIONS`` on the answers the payload names."""
    answers = Answers(store, session)
    chosen = named(payload, answers)
    kinds = {a.answer_id: kind_of(tool.step(a.step_id).kind) for a in chosen}
    if action == "merge":
        return _merge(store, session, tool, answers, chosen, payload)
    changes: dict[str, dict[str, Any]] = {}
    for answer in chosen:
        kind = kinds[answer.answer_id]
        if action == "highlight" and not kind.cards:
            raise Refused("cannot_highlight")  # only cards are shown highlighted
    removed = None
    for answer in chosen:
        kind = kinds[answer.answer_id]
        step_answers = answers.of_step(answer.step_id)
        if action == "hide_answer":  # hiding decides a waiting answer too
            hide = {"hidden": True, "pending": False}
            changes[answer.answer_id] = hide
            if kind.text_cards:
                for twin in folded_twins(answer.answer_id, visible(step_answers)):
                    changes.setdefault(twin, hide)
        elif action == "unhide_answer":
            # An answer waiting for approval stays hidden until it is approved or hidden.
            changes[answer.answer_id] = {"hidden": answer.pending}
            if kind.text_cards and not answer.pending:
                if removed is None:
                    removed = {p.id for p in store.participants_of(session.id) if p.removed}
                for twin in hidden_twins(answer, step_answers, removed):
                    changes.setdefault(twin, {"hidden": False})
        elif action in ("highlight", "unhighlight"):
            changes[answer.answer_id] = {"highlighted": action == "highlight"}
        else:  # unmerge
            for answer_id, change in pulled_apart(answer, step_answers, kind.text_cards).items():
                changes.setdefault(answer_id, change)
    store.moderate_answers(session.id, changes)
    touched = [answers.by_id[answer_id] for answer_id in changes]
    return _decided(session, tool, touched)


def hidden_twins(answer: Answer, step_answers: list[Answer], removed: set[int]) -> list[str]:
    """The hidden answers of the same words as ``answer`` on its step that come back with it:
    never one of a removed participant, one waiting for approval, or one pulled apart."""
    key = answer_key(answer.value)
    if not key or answer.apart:
        return []
    return [
        a.answer_id
        for a in step_answers
        if a.hidden
        and not a.pending
        and not a.apart
        and a.participant_id not in removed
        and a.answer_id != answer.answer_id
        and answer_key(a.value) == key
    ]


def pulled_apart(
    answer: Answer, step_answers: list[Answer], text_cards: bool
) -> dict[str, dict[str, Any]]:
    """``unmerge``, as changes per answer id: an answer merged by the facilitator leaves the
    card it went into, with the answers of its words that went in with it (a merge takes a
    card's identical answers along), so a merge is undone as it was made. An answer folded
    in because it is the same words is pulled apart (``apart``), and so is a merged one of
    the same words as the card it was merged into (it would otherwise fold straight back)."""
    if not text_cards:
        return {answer.answer_id: {"merged_into": None}}
    shown = visible(step_answers)
    folding = fold(shown)
    card = folding.card.get(answer.answer_id, answer.answer_id)
    if answer.merged_into is None:
        return {answer.answer_id: {"apart": True} if card != answer.answer_id else {}}
    key = answer_key(answer.value)
    moving = {answer.answer_id}
    if key and not answer.apart:
        moving |= {
            a.answer_id
            for a in step_answers
            if a.merged_into == answer.merged_into and not a.apart and answer_key(a.value) == key
        }
    stays = (
        a for a in shown if folding.card.get(a.answer_id) == card and a.answer_id not in moving
    )
    if key and any(not a.apart and answer_key(a.value) == key for a in stays):
        return {answer.answer_id: {"merged_into": None, "apart": True}}
    return {answer_id: {"merged_into": None} for answer_id in moving}


def _merge(
    store: Store,
    session: SessionRecord,
    tool,
    answers: Answers,
    chosen: list[Answer],
    payload: dict,
) -> list[Event]:
    """Merge the answers into the card ``into`` (all on its step), each with the answers
    folded into it because identical: the card the facilitator sees goes as a whole."""
    into = answers.get(payload.get("into"))
    kind = kind_of(tool.step(into.step_id).kind)
    if not kind.cards:
        raise Refused("bad_merge")
    if into.merged_into:  # on another card already: the answers go to that card
        into = answers.by_id[final_card(into.answer_id, answers.by_id)]
    for answer in chosen:
        if answer.step_id != into.step_id or answer.answer_id == into.answer_id:
            raise Refused("bad_merge")
    ids = [answer.answer_id for answer in chosen]
    if kind.text_cards:
        shown = visible(answers.of_step(into.step_id))
        for answer in chosen:
            ids += folded_twins(answer.answer_id, shown)
    ids = [answer_id for answer_id in dict.fromkeys(ids) if answer_id != into.answer_id]
    # The answers folded in with them go along: their authors hear it too.
    gone = set(ids)
    touched = [
        a
        for a in answers.of_step(into.step_id)
        if a.answer_id in gone or (a.merged_into is not None and a.merged_into in gone)
    ]
    store.merge_answers(session.id, ids, into.answer_id)
    return _decided(session, tool, touched)


def _decided(session: SessionRecord, tool, touched: list[Answer]) -> list[Event]:
    """One results update per step changed (and the votes on it), and each author's phone."""
    events: list[Event] = []
    for step_id in dict.fromkeys(answer.step_id for answer in touched):
        events += results_changed(session, tool, step_id)
    authors = frozenset(answer.participant_id for answer in touched)
    return [*dict.fromkeys(events), AnswersDecided(session.code, authors)]


def results_changed(session: SessionRecord, tool, step_id: str) -> list[Event]:
    """The updates owed when the answers of ``step_id`` changed: its results, and those of
    every vote on it."""
    events: list[Event] = [ResultsChanged(session.code, step_id)]
    # A vote counts the cards of its source step: it changes with them, and a vote on
    # screen now shows the phones other cards to vote on.
    for step in tool.steps:
        if step.source == step_id:
            events.append(ResultsChanged(session.code, step.id))
            if tool.steps[session.state.step_index].id == step.id:
                events.append(StateChanged(session.code))
    return events
