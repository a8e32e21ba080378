"""A wall's update given to the suggester at once suggests what the same changes one by one
suggest: a burst of answers costs one regrouping, not one per answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain.similar import Suggester

TEXTS = [
    "Byttemarked for cykler og værktøj",
    "byttemarked med cykler & værktøj i gården",
    "Cykel-byttedag",
    "Bedre belysning på stierne",
    "mere lys på stierne om aftenen",
    "Flere cykelstativer",
    "Mere cykelparkering",
    "Ny legeplads",
    "Fællesspisning hver fredag",
    "fællesspisning om fredagen",
]

cards = st.dictionaries(
    st.sampled_from([f"card-{n:02d}" for n in range(12)]), st.sampled_from(TEXTS), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(st.lists(cards, min_size=1, max_size=5))
def test_changes_at_once_suggest_what_changes_one_by_one_suggest(walls):
    at_once, one_by_one = Suggester(), Suggester()
    held: dict[str, str] = {}
    for wall in walls:
        gone = [card_id for card_id in held if card_id not in wall]
        came = [(card_id, text) for card_id, text in wall.items() if held.get(card_id) != text]
        batch = at_once.change(came, gone)
        for card_id in gone:
            one_by_one.remove(card_id)
        for card in came:
            one_by_one.add(card)
        assert batch == one_by_one.suggestions()
        held = dict(wall)
