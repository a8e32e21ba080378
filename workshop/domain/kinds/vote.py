"""Dot-voting on the answers of an earlier open step; the result is a ranking of the cards."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..answers import Answer, Context, final_card, visible
from ..dialogue import Step
from ..errors import InvalidAnswer
from .base import StepKind, Summary, respondents
from .cards import Card, cards


class RankedCard(Card):
    votes: int
    voters: int


class VoteSummary(Summary):
    votes_each: int
    ranking: list[RankedCard]  # most votes first; ties keep the wall's order


class VoteKind(StepKind):
    """N votes each on the cards of ``source``; optionally at most ``max_per_answer`` per card."""

    name = "vote"
    ranks_cards = True

    def read_fields(self, raw, label, reader, earlier):
        source = raw.get("source")
        votable = {step.id for step in earlier if reader.kinds[step.kind].votable}
        if source not in votable:
            reader.problem(label, "source", "bad_source")
            source = ""
        votes = reader.number(raw, "votes", label, 3, 1, 20) or 3
        max_per_answer = reader.number(raw, "max_per_answer", label, None, 1, votes)
        return {"source": source, "votes": votes, "max_per_answer": max_per_answer}

    def definition(self, step: Step) -> dict[str, Any]:
        return {"source": step.source, "votes": step.votes, "max_per_answer": step.max_per_answer}

    def validate(self, step: Step, value: Any, context: Context) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InvalidAnswer("no_votes")
        if len(value) > step.votes:
            raise InvalidAnswer("too_many_votes", limit=step.votes)
        targets = []
        for card_id in value:
            if not isinstance(card_id, str) or card_id not in context.cards:
                raise InvalidAnswer("unknown_card")
            target = final_card(card_id, context.cards)
            if target not in context.cards or context.cards[target].hidden:
                raise InvalidAnswer("unknown_card")
            targets.append(target)
        if step.max_per_answer is not None and max(Counter(targets).values()) > step.max_per_answer:
            raise InvalidAnswer("too_many_on_one", limit=step.max_per_answer)
        return list(value)

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> VoteSummary:
        shown = visible(context.cards.values())
        wall = cards(step, shown)
        on_wall = {card.answer_id for card in shown}
        votes: Counter[str] = Counter()
        voters: dict[str, set[int]] = {}
        for answer in answers:
            for card_id in answer.value:
                target = final_card(card_id, context.cards)
                if target not in on_wall:
                    continue
                votes[target] += 1
                voters.setdefault(target, set()).add(answer.participant_id)
        ranking = [
            {
                **card,
                "votes": votes[card["answer_id"]],
                "voters": len(voters.get(card["answer_id"], ())),
            }
            for card in wall
        ]
        ranking.sort(key=lambda card: -card["votes"])  # stable: ties keep the wall's order
        return {
            "kind": self.name,
            "count": respondents(answers),
            "votes_each": step.votes,
            "ranking": ranking,
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        """The voted ideas' texts (a vote for a merged idea names the card it went into)."""
        voted = []
        for card_id in value:
            card = context.cards.get(final_card(card_id, context.cards))
            voted.append(card.value if card is not None else card_id)
        return "; ".join(voted)
