"""Places in a ranking of ideas by votes: equal votes share a place, and a cut keeps ties."""

from __future__ import annotations

from typing import Any


def places(values: list[int]) -> list[int]:
    """Competition ranking of values already in falling order: 10, 7, 7, 3 give 1, 2, 2, 4."""
    ranks, previous, place = [], None, 0
    for position, value in enumerate(values, start=1):
        if value != previous:
            place, previous = position, value
        ranks.append(place)
    return ranks


def leaders(ranking: list[dict[str, Any]], top: int) -> list[tuple[int, dict[str, Any]]]:
    """The ideas with votes that place within ``top``, with their places: an idea tied with
    the last one shown is shown too, never dropped at the cut."""
    voted = [card for card in ranking if card.get("votes")]
    ranked = zip(places([int(card["votes"]) for card in voted]), voted, strict=True)
    return [(place, card) for place, card in ranked if place <= top]
