"""Result summaries made once per change, and carried on as the room's answers arrive.

A summary is kept with what it was made of: the session's revision and the versions of the
step's answers (and of its source's). Asked again at the same versions, the kept one is the
answer. When the only changes since are new answers at the end of the step's list, as phones
give them, the kind's running tally adds just those (``domain.kinds.run_on``): a new answer
then costs the same with ten or ten thousand stored. Anything else (a hide, a merge, an
edit, a replaced answer, a late one, a change of names or tables) makes the summary again
from every answer.

The store's remembered answers (``storage.memory``) tell which case it is without looking at
every answer: each change of a step's list moves its version on by one and adds at most one
answer at the end, so the list only grew by new answers exactly when it grew by as many as
its version moved, the answer that was last is still in its place (a list read again from the
database is made of new objects), and the session's own version did not move. The versions
are read before and after the answers, so a write in between is never taken for another.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain.answers import Answer, Context
from ..domain.dialogue import Step
from ..domain.kinds import Running, kind_of, run_on
from ..storage import SessionRecord, Store
from .suggestions import MOST_CARDS, suggestions_for

KEPT = 256  # summaries kept per store: the steps on screen of many meetings, in both views


@dataclass
class Made:
    stamp: tuple | None  # None: made while the answers changed; never given again
    results: dict[str, Any]
    running: Running | None  # the room's summary with its tally, to carry on
    count: int = 0  # how many answers it was made of
    last: Answer | None = None  # the last of them


# The full summary of a step: (results, running) from the answers as read; with a tally to
# carry it on only when asked (the third argument).
Full = Callable[[list[Answer], Context, bool], tuple[dict[str, Any], Running]]

_kept: weakref.WeakKeyDictionary[Store, OrderedDict[tuple, Made]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def stamp_of(store: Store, session: SessionRecord, step: Step) -> tuple | None:
    """What a summary of ``step`` is made of; None when another process may write."""
    versions = [store.answers_version(session.id, step.id)]
    if step.source:
        versions.append(store.answers_version(session.id, step.source))
    if None in versions:
        return None
    return (session.revision, *versions)


def kept_results(
    store: Store,
    session: SessionRecord,
    step: Step,
    moderation: bool,
    context_of: Callable[[], Context],
    full: Full,
) -> dict[str, Any]:
    """The step's results: kept, carried on from the kept ones, or made by ``full``."""
    stamp = stamp_of(store, session, step)
    if stamp is None:  # another process may write: nothing can be kept
        answers = store.answers_for_step(session.id, step.id)
        return full(answers, context_of(), False)[0]
    made = _kept.setdefault(store, OrderedDict())
    key = (session.id, step.id, moderation)
    found = made.get(key)
    if found is not None and found.stamp == stamp:
        made.move_to_end(key)
        return found.results
    answers = store.answers_for_step(session.id, step.id)
    settled = stamp_of(store, session, step) == stamp  # the answers are those of ``stamp``
    context = context_of()
    results = running = None
    if settled and found is not None and _only_added(found, stamp, answers, session):
        with _lock:  # one caller carries a summary on; another at once makes its own
            taken, found.running = found.running, None
        if taken is not None:
            running = run_on(step, taken, answers[found.count :], context)
        if running is not None:
            results = _carried_on(store, session, step, moderation, found, running, answers)
    if results is None or running is None:
        # Results per table are made again at every change: no tally for them.
        results, running = full(answers, context, settled and not session.state.table_ids())
    made[key] = Made(
        stamp if settled else None,
        results,
        running if settled else None,
        len(answers),
        answers[-1] if answers else None,
    )
    made.move_to_end(key)
    while len(made) > KEPT:
        made.popitem(last=False)
    return results


def _only_added(found: Made, stamp: tuple, answers: list[Answer], session: SessionRecord) -> bool:
    """Whether ``answers`` are the ones ``found`` was made of with new ones after them."""
    if found.running is None or found.stamp is None or session.state.table_ids():
        return False  # results per table are made again (they are not carried on)
    revision, (version, step_version), *source = stamp
    was_revision, (was_version, was_step_version), *was_source = found.stamp
    if (revision, version, source) != (was_revision, was_version, was_source):
        return False
    if step_version - was_step_version != len(answers) - found.count:
        return False
    return found.count == 0 or answers[found.count - 1] is found.last


def _carried_on(
    store: Store,
    session: SessionRecord,
    step: Step,
    moderation: bool,
    found: Made,
    running: Running,
    answers: list[Answer],
) -> dict[str, Any] | None:
    """The results of ``running`` with the facilitator's lists of the ``found`` ones: new
    answers as phones give them are not hidden, late or merged by hand, so those lists stay
    as they were, but for the answers waiting for approval and those folded into a card
    already on the wall (a kind that keeps a tally makes its own moderation lists of
    moderated answers only)."""
    if not moderation:
        return {"step_id": step.id, "summary": dict(running.summary)}
    kind = kind_of(step.kind)
    if kind.moderated_step(step) not in (None, step.id):
        return None  # a vote's lists are of its source's cards: made again
    before = found.results["summary"]
    summary: dict[str, Any] = {**before, **running.summary}
    added = answers[found.count :]
    if "pending_cards" in summary and any(answer.pending for answer in added):
        summary["pending_cards"] = [
            *summary["pending_cards"],
            *(
                {"answer_id": a.answer_id, "text": kind.moderation_text(a.value)}
                for a in added
                if a.pending
            ),
        ]
    if "merged_texts" in summary:
        wall = summary.get("answers") or []
        new_cards = {card["answer_id"] for card in wall[len(before.get("answers") or ()) :]}
        folded = {
            answer.answer_id: kind.moderation_text(answer.value)
            for answer in added
            if not answer.pending and answer.answer_id not in new_cards
        }
        if folded:
            summary["merged_texts"] = {**summary["merged_texts"], **folded}
    if kind.text_cards:
        wall = summary["answers"]
        summary["suggestions"] = (
            suggestions_for(store, session, step, wall) if len(wall) <= MOST_CARDS else []
        )
    return {"step_id": step.id, "summary": summary}
