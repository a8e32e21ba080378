"""Similar ideas offered to the facilitator for merging, kept up to date as the wall changes;
and the suggestions the facilitator dismissed (and took back), kept with the session.

Each open step's suggestions come from an incremental ``Suggester`` held per session and step
in this process (a bounded number of them): at every summary it is given the difference
between the wall's cards and the cards it holds, so answers that arrive, merges, hides and
edits cost only the answers near them. One missing (a restart, another process) is made again
from the cards. Dismissals are ``tidy[step]["dismissed"]``: lists of card ids.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..domain.answers import visible
from ..domain.dialogue import Step
from ..domain.similar import Suggester
from ..domain.tidy import ANSWER_ID, MAX_DISMISSED, MAX_GROUP, dismissed_groups, entry_of
from ..storage import SessionRecord, Store
from .errors import Refused
from .events import Event
from .step_tidy import save_step_tidy, step_to_tidy

SUGGESTION_ACTIONS = ("dismiss_suggestion", "undismiss_suggestion")
STEPS_KEPT = 64  # the open steps of the meetings running on one server, and more
# Past this many cards on a wall no suggestions are made: the room's ideas are no longer
# read one by one, and grouping them would cost every update of a burst.
MOST_CARDS = 3000


@dataclass
class _Held:
    """One step's suggester, with the cards and dismissals it was given."""

    suggester: Suggester
    cards: dict[str, str] = field(default_factory=dict)  # card id -> text
    dismissed: list[frozenset[str]] = field(default_factory=list)


_lock = threading.Lock()
_held: weakref.WeakKeyDictionary[Store, OrderedDict[tuple[int, str], _Held]] = (
    weakref.WeakKeyDictionary()
)


def suggestions_for(
    store: Store, session: SessionRecord, step: Step, wall: Iterable[dict[str, Any]]
) -> list[dict[str, list[str]]]:
    """The groups of cards on ``wall`` (the step's cards, as the room sees them) that say the
    same idea in other words, most cards first: ``{"answer_ids": [card id, …] (earliest
    first), "words": [the words they share]}``; none the facilitator dismissed."""
    cards = {
        str(card["answer_id"]): card["text"] if isinstance(card.get("text"), str) else ""
        for card in wall
    }
    key = (session.id, step.id)
    if len(cards) > MOST_CARDS:
        with _lock:
            _held.setdefault(store, OrderedDict()).pop(key, None)
        return []
    dismissed = dismissed_groups(entry_of(session.tidy, step.id))
    with _lock:
        kept = _held.setdefault(store, OrderedDict())
        held = kept.get(key)
        if held is None or any(group not in dismissed for group in held.dismissed):
            # New here, or a dismissal was taken back: made again from the cards.
            held = _Held(Suggester(cards.items()), dict(cards))
        else:
            _follow(held, cards)
        for group in dismissed:
            if group not in held.dismissed:
                held.suggester.dismiss(group)
                held.dismissed.append(group)
        kept[key] = held
        kept.move_to_end(key)
        while len(kept) > STEPS_KEPT:
            kept.popitem(last=False)
        found = held.suggester.suggestions()
    return [{"answer_ids": list(s.cards), "words": list(s.words)} for s in found]


def _follow(held: _Held, cards: dict[str, str]) -> None:
    """Give the suggester what changed on the wall since it was last asked, at once."""
    gone = [card_id for card_id in held.cards if card_id not in cards]  # merged, hidden, …
    came = [(card_id, text) for card_id, text in cards.items() if held.cards.get(card_id) != text]
    if not gone and not came:
        return
    held.suggester.change(came, gone)
    for card_id in gone:
        del held.cards[card_id]
    held.cards.update(came)
    back = {card_id for card_id, _text in came}
    for group in held.dismissed:  # a card shown again is still turned down with the others
        if not back.isdisjoint(group):
            held.suggester.dismiss(group)


def tidy_suggestions(
    store: Store, session: SessionRecord, action: str, payload: dict
) -> list[Event]:
    """``dismiss_suggestion`` / ``undismiss_suggestion`` ``{step?, answer_ids}``: the group is
    not suggested again (unless another answer joins it), or is again."""
    step = step_to_tidy(session, payload, lambda kind: kind.text_cards)
    ids = payload.get("answer_ids")
    if (
        not isinstance(ids, list)
        or not 2 <= len(ids) <= MAX_GROUP
        or not all(isinstance(i, str) and ANSWER_ID.fullmatch(i) for i in ids)
        or len(set(ids)) != len(ids)
    ):
        raise Refused("bad_payload", limit=MAX_GROUP)
    known = {a.answer_id for a in visible(store.answers_for_step(session.id, step.id))}
    if action == "dismiss_suggestion" and not set(ids) <= known:
        raise Refused("unknown_answer")
    group = frozenset(ids)

    def change(entry: dict[str, Any]) -> dict[str, Any]:
        groups = [list(g) for g in entry.get("dismissed") or ()]
        kept = [g for g in groups if frozenset(g) != group]
        if action == "dismiss_suggestion":
            if len(kept) >= MAX_DISMISSED:
                raise Refused("bad_payload", limit=MAX_DISMISSED)
            kept.append(list(ids))
        entry.pop("dismissed", None)
        if kept:
            entry["dismissed"] = kept
        return entry

    return save_step_tidy(store, session, step.id, change)
