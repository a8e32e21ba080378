"""Ideas as the report lists them: places in a ranking by votes where equal votes share a place
and a cut keeps ties. Identical answers are one card from the domain on (``folding``), so the
record shows the cards the room saw."""

from __future__ import annotations

from typing import Any


def ranked(ranking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A vote's ranking as the report shows it: most votes first (ties keep the order of the
    wall). Identical ideas are one card already, as the room voted on them."""
    return sorted(ranking, key=lambda card: -int(card.get("votes") or 0))


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
    the last one shown is shown too, never dropped at the cut. Identical ideas are one."""
    voted = [card for card in ranked(ranking) if card.get("votes")]
    ranked_places = zip(places([int(card["votes"]) for card in voted]), voted, strict=True)
    return [(place, card) for place, card in ranked_places if place <= top]
