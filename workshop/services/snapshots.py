"""What each audience sees of a session: the full ``state`` snapshot and result summaries."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from ..domain.answers import Answer, Context, final_card, shown_by_table, visible
from ..domain.folding import fold
from ..domain.kinds import (
    Running,
    Summary,
    kind_of,
    summarise,
    summarise_by_table,
    summarise_running,
    summarise_without_table,
)
from ..domain.session import LOBBY, PHONES_AUDIENCE, SCREEN_AUDIENCE, SessionState
from ..domain.tools import step_definition
from ..storage import ParticipantRecord, SessionRecord, Store
from .context import context_for
from .kept_summaries import kept_results
from .sessions import FACILITATOR, PARTICIPANT, tool_of
from .sessions import SCREEN as SCREEN_ROLE
from .suggestions import suggestions_for

# The role "screen" (the projector client) sees what the "screen" audience may see; the
# facilitator sees results always, and is told what the projector shows.
AUDIENCE_OF_ROLE = {
    SCREEN_ROLE: SCREEN_AUDIENCE,
    PARTICIPANT: PHONES_AUDIENCE,
    FACILITATOR: SCREEN_AUDIENCE,
}


class Results(TypedDict):
    """A ``results`` event: the step and its summary."""

    step_id: str
    summary: Summary


def results_of(
    store: Store, session: SessionRecord, step_id: str, moderation: bool = False
) -> Results:
    """``{"step_id", "summary"}``; the summary has ``by_table`` when the room has tables.

    With ``moderation`` (the facilitator's view) it also lists the hidden answers, so they
    can be shown again, and the texts of merged answers, so a merge can be undone knowingly.

    A summary is made once per change, and new answers are added to the one made before
    (``kept_summaries``). The result is shared: callers must not change it.
    """
    tool = tool_of(session)
    step = session.state.step(tool, tool.step_index(step_id))
    return kept_results(  # type: ignore[return-value]
        store,
        session,
        step,
        moderation,
        lambda: context_for(store, session, step),
        lambda answers, context, tally: _summary_of(
            store, session, step, moderation, answers, context, tally
        ),
    )


def _summary_of(
    store: Store,
    session: SessionRecord,
    step,
    moderation: bool,
    answers: list[Answer],
    context: Context,
    tally: bool = True,
) -> tuple[Results, Running]:
    """The results made of every answer, and the room's summary with its kind's tally (none
    without ``tally``: results that will not be carried on)."""
    step_id = step.id
    tool = tool_of(session)
    if tally:
        running = summarise_running(step, answers, context)
    else:
        running = Running(summarise(step, answers, context), None)
    summary = dict(running.summary)
    tables = session.state.table_ids()
    if tables:
        # Counted at their table, but not listed there: anonymous answers at a table of one.
        shown = shown_by_table(answers, store.participants_of(session.id), tables)
        left_out = frozenset({a.answer_id for a in answers} - {a.answer_id for a in shown})
        summary["by_table"] = summarise_by_table(step, answers, tables, context, left_out)
        # People at no table are counted too, in a box of their own.
        without = summarise_without_table(step, answers, tables, context, left_out)
        if without is not None:
            summary["without_table"] = without
    kind = kind_of(step.kind)
    if moderation:
        # Answers that came after answering closed, waiting for the facilitator.
        summary["late"] = store.count_late_answers(session.id, step_id)
        # Answers waiting for approval (pre-moderation), oldest first.
        summary["pending_cards"] = [
            {"answer_id": a.answer_id, "text": kind.moderation_text(a.value)}
            for a in answers
            if a.pending
        ]
        summary.update(kind.moderation_summary(step, visible(answers), context))
    on = kind.moderated_step(step)
    if moderation and on is not None:
        # The cards are the step's own answers, or those of the earlier step it works on (a
        # vote's), with the texts that step's kind gives them.
        cards = answers if on == step.id else list(context.cards.values())
        text = kind_of(tool.step(on).kind)  # type: ignore[union-attr]
        removed = {p.id for p in store.participants_of(session.id) if p.removed}
        summary["hidden_cards"] = hidden_cards(cards, removed, text)
        # The answers on a card of another, merged or folded in, as the summary's cards list
        # them (a wall's answers, a vote's ranking, a plan's items).
        on_cards = summary.get("answers") or summary.get("ranking") or summary.get("items") or []
        folded_in = {answer_id for card in on_cards for answer_id in card.get("merged", ())}
        summary["merged_texts"] = {
            a.answer_id: text.moderation_text(a.value) for a in cards if a.answer_id in folded_in
        }
    if moderation and kind.text_cards:
        # Groups of cards that say the same idea in other words, to merge or dismiss.
        summary["suggestions"] = suggestions_for(store, session, step, summary["answers"])
    return {"step_id": step_id, "summary": summary}, running  # type: ignore[typeddict-item]


def hidden_cards(cards: list[Answer], removed: set[int], kind) -> list[dict[str, Any]]:
    """The cards the room does not see, one entry per card (``weight``: the answers it stands
    for, those folded into it too), so the facilitator can show them again. Answers hidden
    because their author was removed are not listed when they were given anonymously (the
    list would show exactly what the removed person wrote), and fold with no other."""
    by_id = {a.answer_id: a for a in cards}
    hidden = {
        a.answer_id
        for a in cards
        if a.hidden and not a.pending and not (a.anonymous and a.participant_id in removed)
    }
    # With the answers merged into a hidden card, which went with it.
    if not hidden:
        return []
    out = [
        replace(a, apart=a.apart or a.participant_id in removed)
        for a in cards
        if a.answer_id in hidden
        or (a.merged_into and not a.hidden and final_card(a.answer_id, by_id) in hidden)
    ]
    return [
        {"answer_id": card.answer_id, "text": kind.moderation_text(card.value), "weight": weight}
        for card, weight in cards_of(out, kind.text_cards)
    ]


def cards_of(answers: list[Answer], identical: bool) -> list[tuple[Answer, int]]:
    """Each card's leading answer with its weight (the answers on it), in the order given."""
    folding = fold(answers, identical)
    weight = Counter(folding.card.values())
    return [
        (answer, weight[answer.answer_id])
        for answer in answers
        if folding.card[answer.answer_id] == answer.answer_id
    ]


MODERATION_ONLY = (
    "hidden_cards",
    "merged_texts",
    "late",
    "pending_cards",
    "suggestions",  # an open step's groups of similar cards to merge
    *("hidden_words", "merged_words", "word_suggestions"),  # a word cloud's tidying
)


def for_the_room(results: Results, state: SessionState) -> Results:
    """The facilitator's results as the screen and phones may see them: no hidden or merged
    texts, and results per table only while the facilitator shows them."""
    per_table = ("by_table", "without_table")
    hidden = MODERATION_ONLY if state.by_table else (*MODERATION_ONLY, *per_table)
    summary = {k: v for k, v in results["summary"].items() if k not in hidden}
    return {**results, "summary": summary}


def for_the_phones(results: Results) -> Results:
    """The room's results as each phone gets them: the kind may trim what a phone cannot
    show (an open step sends the cards a phone shows, and how many it leaves out)."""
    summary = results["summary"]
    return {**results, "summary": kind_of(summary["kind"]).for_phones(summary)}


@dataclass(frozen=True)
class Reading:
    """What every audience's snapshot shares, read from the store once per broadcast."""

    participants: int
    cards: list[dict[str, Any]] | None  # a vote's cards
    results: Results | None  # the facilitator's view of the current step's results
    # Everyone who joined, for the console's list and the lobby's names; a broadcast to all
    # audiences reads it once, a single phone's connect never needs it.
    people: list[ParticipantRecord] | None = None


def read_once(store: Store, session: SessionRecord, everyone: bool = False) -> Reading:
    state, tool = session.state, tool_of(session)
    cards = results = None
    if state.status != LOBBY:
        step = state.step(tool)
        if step.source:
            cards = vote_cards(store, session, step.source)
        if step.answerable:
            results = results_of(store, session, step.id, moderation=True)
    if everyone:
        people = store.participants_of(session.id)
        return Reading(sum(not p.removed for p in people), cards, results, people)
    return Reading(store.count_participants(session.id), cards, results)


def progress_of(session: SessionRecord, reading: Reading) -> dict[str, Any] | None:
    """``{"step_id", "answered", "participants"}`` for the current step, when it takes answers."""
    if reading.results is None:
        return None
    return {
        "step_id": reading.results["step_id"],
        "answered": reading.results["summary"]["count"],
        "participants": reading.participants,
    }


def current_results(session: SessionRecord, role: str, reading: Reading) -> Results | None:
    """The current step's results if ``role`` may see them now, else None."""
    if reading.results is None or role == FACILITATOR:
        return reading.results
    if not session.state.results_visible(tool_of(session), AUDIENCE_OF_ROLE[role]):
        return None
    shown = for_the_room(reading.results, session.state)
    return for_the_phones(shown) if role == PARTICIPANT else shown


def timer_of(state: SessionState, now: float) -> dict[str, Any]:
    timer = state.timer
    remaining = timer.remaining(now)
    return {
        "duration": timer.duration,
        "running": timer.running,
        "remaining": None if remaining is None else round(remaining, 1),
        "ends_at": timer.ends_at(),
        "server_time": now,
    }


def vote_cards(store: Store, session: SessionRecord, source: str) -> list[dict[str, Any]]:
    """The cards a vote offers: the source step's visible answers, merged and identical ones
    folded in (as the wall shows them). A card's ``weight`` counts the answers it holds (×N),
    so a phone lists the most supported first."""
    tool = tool_of(session)
    identical = kind_of(tool.step(source).kind).text_cards  # type: ignore[union-attr]
    seen = visible(store.answers_for_step(session.id, source))  # a hidden answer adds nothing
    return [
        {"answer_id": card.answer_id, "text": card.value, "weight": weight}
        for card, weight in cards_of(seen, identical)
    ]


LOBBY_NAMES = 60


def lobby_names(session: SessionRecord, people: list[ParticipantRecord]) -> list[str]:
    """The names people gave, newest last, for the projector's lobby (none once it started)."""
    if session.state.status != LOBBY:
        return []
    return [p.name for p in people if p.name and not p.removed][-LOBBY_NAMES:]


def participants_list(people: list[ParticipantRecord]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "table": p.table,
            "is_table": p.is_table,
            "removed": p.removed,
        }
        for p in people
    ]


def state_of(
    store: Store,
    session: SessionRecord,
    audience: str,
    participant: ParticipantRecord | None = None,
    participant_limit: int | None = None,
    reading: Reading | None = None,
    newcomer: bool = False,
) -> dict[str, Any]:
    """The full snapshot a client receives on (re)connect and after every change of state.

    A broadcast passes one ``reading`` for all audiences, so the store is read once. A
    ``newcomer`` (a participant who has just joined) has no answers to look up.
    """
    reading = reading or read_once(store, session)
    now = time.time()
    tool = tool_of(session)
    state = session.state
    in_lobby = state.status == LOBBY
    step_data = None
    if not in_lobby:
        step = state.step(tool)
        step_data = {
            "index": state.step_index,
            **step_definition(step, notes=audience == FACILITATOR),
        }
        if reading.cards is not None:  # the cards of an earlier step to vote on
            step_data["cards"] = reading.cards
        # What its kind adds from the session (a review: the earlier meeting's points).
        step_data.update(kind_of(step.kind).step_state(step, Context(follow_up=session.follow_up)))
    role_audience = AUDIENCE_OF_ROLE[audience]
    snapshot: dict[str, Any] = {
        "role": audience,
        "revision": session.revision,
        "session": {
            "code": session.code,
            "title": session.title,
            "language": session.language,
            "status": state.status,
            "locked": state.locked,
            "practice": session.practice,
            "dialogue": {"id": tool.id, "title": tool.title},
            "participants": reading.participants,
            "tables": [{"id": t.id, "name": t.name} for t in state.tables],
        },
        "step_index": state.step_index,
        "step_count": len(tool.steps),
        "step": step_data,
        "answering": bool(step_data is not None and state.answering),
        # The step waits for the facilitator's "Open" (its `opens` setting): not closed yet.
        "awaiting_open": bool(step_data is not None and state.awaiting_open),
        "results_visible": state.results_visible(tool, role_audience),
        "by_table": state.by_table,
        # The projector's wall: held on its page; paged by the facilitator (see `wall`).
        "wall": {"hold": state.wall_hold, "moves": state.wall_moves},
        "timer": timer_of(state, now),
        "results": current_results(session, audience, reading),
        # How many have answered the current step, also while its results are held back.
        "progress": progress_of(session, reading),
    }
    if audience == FACILITATOR:
        snapshot["steps"] = [
            {
                "index": i,
                "id": s.id,
                "kind": s.kind,
                "prompt": s.prompt,
                # With the facilitator's changes, so the console can set up a step ahead.
                "settings": state.step(tool, i).settings.to_dict(),
            }
            for i, s in enumerate(tool.steps)
        ]
        snapshot["visibility"] = {
            "screen": state.results_visible(tool, SCREEN_AUDIENCE),
            "phones": state.results_visible(tool, PHONES_AUDIENCE),
        }
        snapshot["details"] = session.details
        snapshot["session"]["participant_limit"] = participant_limit
        people = reading.people if reading.people is not None else store.participants_of(session.id)
        snapshot["participants_list"] = participants_list(people)
    if audience == SCREEN_ROLE:
        snapshot["lobby_names"] = []
        if state.status == LOBBY:
            people = reading.people
            if people is None:
                people = store.participants_of(session.id)
            snapshot["lobby_names"] = lobby_names(session, people)
    if audience == PARTICIPANT and participant is not None:
        snapshot["you"] = {
            "token": participant.token,
            "name": participant.name,
            "table": participant.table,
            "is_table": participant.is_table,
            "answers": []
            if newcomer
            else [own_answer(a) for a in store.answers_of_participant(session.id, participant.id)],
        }
    if audience == PARTICIPANT and state.ended:
        snapshot["plan"] = agreed_plan(store, session)
    return snapshot


def own_answer(answer: Answer) -> dict[str, Any]:
    """One of a participant's own answers, with what the facilitator has done with it."""
    return {
        "answer_id": answer.answer_id,
        "step_id": answer.step_id,
        "value": answer.value,
        "pending": answer.pending,
        "hidden": answer.hidden and not answer.pending,
        "merged": answer.merged_into is not None,
        "edited": answer.edited,
        "confirmed": answer.confirmed,
    }


def agreed_plan(store: Store, session: SessionRecord) -> list[dict[str, str]]:
    """The ended meeting's confirmed action plan as a phone shows it: what, who and by when,
    by deadline, without the names of who proposed them."""
    from .follow_ups import action_plan  # it builds on this module's summaries

    items = [
        {"what": item["what"], "who": item["who"], "when": item["when"]}
        for item in action_plan(store, session)
    ]
    return sorted(items, key=lambda item: (item["when"], item["what"]))
