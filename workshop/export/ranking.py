"""Ideas as the report lists them: identical answers as one line with their count, and places
in a ranking by votes where equal votes share a place and a cut keeps ties."""

from __future__ import annotations

from typing import Any

from ..domain.similar import same_answer


def same_text(text: Any) -> str:
    """What makes two answers the same answer: the domain's one rule (case, spacing,
    punctuation and emoji around the words folded), so the record groups as the room does."""
    return same_answer(text)


def grouped(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identical answers as one card with their count ("Tak for i dag ×37"), in the order
    the first of each was given. A card the facilitator merged others into joins its group
    with all its answers, and a highlighted card makes its group highlighted: one idea is one
    line, never two lines of the same words.

    Votes add up in the group: an idea written three times is one idea with all its votes.
    """
    groups: dict[str, dict[str, Any]] = {}
    result: list[dict[str, Any]] = []
    for card in cards:
        key = same_text(card.get("text"))
        if not key:
            result.append(card)
            continue
        group = groups.get(key)
        if group is None:
            group = groups[key] = {**card, "merged": [], "weight": 0, "highlighted": False}
            if "votes" in card:
                group["votes"] = group["voters"] = 0
            result.append(group)
        group["weight"] += int(card.get("weight") or 1)
        group["merged"] = [*group["merged"], *(card.get("merged") or ())]
        group["highlighted"] = bool(group["highlighted"] or card.get("highlighted"))
        if "votes" in card:
            group["votes"] += int(card.get("votes") or 0)
            group["voters"] += int(card.get("voters") or 0)
        if group.get("name") != card.get("name"):
            group.pop("name", None)  # several people said it: no one name
    return result


def ranked(ranking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A vote's ranking as the report shows it: identical ideas as one, most votes first
    (ties keep the order of the wall)."""
    return sorted(grouped(ranking), key=lambda card: -int(card.get("votes") or 0))


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
