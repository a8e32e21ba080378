"""Dot-voting on the answers of an earlier open step; the result is a ranking of the cards."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..answers import Answer, Context, final_card, visible
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..fields import Earlier, Number, Words
from ..folding import Folding, fold
from .base import KindDoc, StepKind, Summary, respondents, sample_room
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
    title = Words("Voting", "Afstemning")
    description = Words(
        "Everyone puts a few votes on the ideas of an earlier open question; the ideas with the "
        "most votes come first.",
        "Alle sætter et par stemmer på idéerne fra et tidligere åbent spørgsmål, og idéerne med "
        "flest stemmer kommer øverst.",
    )
    example = Words(
        "Which ideas should we take up first?",
        "Hvilke idéer skal vi tage fat på først?",
    )
    # What its scripts ask for by key (static/js/kinds/vote*.js).
    words = MappingProxyType(
        {
            "voted_one": Words("1 person has voted", "1 person har stemt"),
            "voted_other": Words("{n} people have voted", "{n} personer har stemt"),
            "votes_one": Words("1 vote", "1 stemme"),
            "votes_other": Words("{n} votes", "{n} stemmer"),
            "no_cards": Words("No ideas to vote on yet.", "Der er endnu ingen idéer at stemme om."),
            "your_vote": Words("your vote", "din stemme"),
            "vote_hint": Words(
                "Tap + to vote. At most {n} votes on the same idea.",
                "Tryk + for at stemme. Højst {n} stemmer på samme idé.",
            ),
            "vote_hint_one": Words(
                "Tap Vote on the ideas you support. One vote per idea.",
                "Tryk Stem ved de idéer, du støtter. Én stemme pr. idé.",
            ),
            "cast_vote": Words("Vote", "Stem"),
            "voted": Words("Voted", "Stemt"),
            "votes_left": Words("{n} of {max} votes left", "{n} af {max} stemmer tilbage"),
            "vote_less": Words("Remove a vote from: {text}", "Fjern en stemme fra: {text}"),
            "vote_more": Words("Vote for: {text}", "Stem på: {text}"),
            "your_votes_here": Words("Your votes here: {n}", "Dine stemmer her: {n}"),
            "votes_used": Words("{n} of {max} votes used", "{n} af {max} stemmer brugt"),
            "vote_search": Words("Search the ideas", "Søg i idéerne"),
            "vote_bar": Words("Your votes", "Dine stemmer"),
            "vote_matches_one": Words("1 idea matches", "1 idé matcher"),
            "vote_matches_other": Words("{n} ideas match", "{n} idéer matcher"),
            "vote_no_match": Words("No ideas match “{query}”", "Ingen idéer matcher „{query}“"),
            "vote_shown": Words("{n} of {max} ideas shown", "Viser {n} af {max} idéer"),
            "vote_shown_supported": Words(
                "{n} of {max} ideas shown. Those most people suggested come first.",
                "Viser {n} af {max} idéer. Dem, flest har foreslået, står øverst.",
            ),
            "vote_show_more_one": Words("Show 1 more idea", "Vis 1 idé mere"),
            "vote_show_more_other": Words("Show {n} more ideas", "Vis {n} idéer mere"),
            "vote_mine_only": Words("Only mine ({n})", "Kun mine ({n})"),
            "vote_mine_none": Words(
                "You have not voted for any idea yet",
                "Du har ikke stemt på nogen idé endnu",
            ),
            "vote_mine_shown_one": Words(
                "Showing the idea you voted for",
                "Viser den idé, du har stemt på",
            ),
            "vote_mine_shown_other": Words(
                "Showing the {n} ideas you voted for",
                "Viser de {n} idéer, du har stemt på",
            ),
            "vote_whole": Words("Show all", "Vis hele"),
            "vote_less_text": Words("Show less", "Vis mindre"),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "no_votes": Words("Give at least one vote.", "Giv mindst én stemme."),
            "too_many_votes": Words(
                "You have %(limit)s votes at most.",
                "Du har højst %(limit)s stemmer.",
            ),
            "unknown_card": Words(
                "That idea is not on the list any more. Look again.",
                "Den idé er ikke på listen længere. Se efter igen.",
            ),
            "too_many_on_one": Words(
                "Give at most %(limit)s votes to the same idea.",
                "Giv højst %(limit)s stemmer til den samme idé.",
            ),
        }
    )
    order = 70
    doc = KindDoc(
        adds="`source` (an earlier `open` step), `votes` (per participant), `max_per_answer`?",
        value=(
            '`["answer_id", …]`: 1 to `votes` card ids from `step.cards`, an id repeated at most '
            "`max_per_answer` times"
        ),
        summary=(
            '`{"votes_each", "ranking": [card + {"votes", "voters"}]}`, most votes first; votes on '
            "a merged answer count for the card it was merged into, votes on any of identical "
            "answers for their card; `max_per_answer` counts the votes on a card, whichever of its "
            "answers they name (`too_many_on_one`)"
        ),
    )

    fields = (
        Earlier(
            name="source",
            label=Words("Ideas from", "Idéer fra"),
            help=Words(
                "The id of the earlier step whose answers are voted on.",
                "Id'et på det tidligere trin, hvis svar der stemmes om.",
            ),
            offers="votable",
            danish=("kilde", "fra", "fra_trin", "trin"),
        ),
        Number(
            name="votes",
            label=Words("Votes each", "Stemmer pr. deltager"),
            help=Words(
                "How many votes each participant has.", "Hvor mange stemmer hver deltager har."
            ),
            low=1,
            high=20,
            default=3,
            danish=("stemmer", "antal_stemmer", "prikker"),
        ),
        Number(
            name="max_per_answer",
            label=Words("Most votes on one idea", "Højst stemmer på én idé"),
            help=Words(
                "How many of one participant's votes may go to one idea (none: all).",
                "Hvor mange af en deltagers stemmer der må gå til én idé (intet: alle).",
            ),
            low=1,
            high=20,
            at_most="votes",
            danish=("maks_pr_svar", "max_pr_svar", "maks_pr_idé", "stemmer_pr_idé"),
        ),
    )

    def ranked_source(self, step: Step) -> str | None:
        return step.source

    def definition(self, step: Step) -> dict[str, Any]:
        return {
            "source": step.source,
            "votes": step.fields["votes"],
            "max_per_answer": step.fields["max_per_answer"],
        }

    def validate(self, step: Step, value: Any, context: Context) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InvalidAnswer("no_votes")
        if len(value) > step.fields["votes"]:
            raise InvalidAnswer("too_many_votes", limit=step.fields["votes"])
        for card_id in value:
            if not isinstance(card_id, str) or card_id not in context.cards:
                raise InvalidAnswer("unknown_card")
            target = final_card(card_id, context.cards)
            if target not in context.cards or context.cards[target].hidden:
                raise InvalidAnswer("unknown_card")
        if step.fields["max_per_answer"] is not None and len(value) > step.fields["max_per_answer"]:
            # Only then can one card have too many: the folding of the whole wall is needed
            # to know which votes are on one card (a vote on any answer of it counts for it).
            card = folding_of(context.cards).card
            targets = Counter(card.get(card_id, card_id) for card_id in value)
            if max(targets.values()) > step.fields["max_per_answer"]:
                raise InvalidAnswer("too_many_on_one", limit=step.fields["max_per_answer"])
        return list(value)

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> VoteSummary:
        shown = visible(context.cards.values())
        folding = folding_of(context.cards)
        card = folding.card
        wall = cards(step, shown, identical=True, folding=folding)  # the same words are one
        votes: Counter[str] = Counter()
        voters: dict[str, set[int]] = {}
        for answer in answers:
            for card_id in answer.value:
                target = card.get(card_id)
                if target is None:
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
            "votes_each": step.fields["votes"],
            "ranking": ranking,
        }

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Eight people's votes on the cards of ``context`` (the source step's sample answers,
        ``domain.samples``), the first cards favoured; each vote on a card of its own, so no
        ``max_per_answer`` is passed. No cards: nothing to vote on, as in a meeting."""
        wall = list(dict.fromkeys(folding_of((context or Context()).cards).card.values()))
        if not wall:
            return []
        ballots = []
        for first in SAMPLE_FAVOURITES:
            ballot = dict.fromkeys(wall[(first + k) % len(wall)] for k in (0, 1, 3))
            ballots.append(list(ballot)[: step.fields["votes"]])
        return sample_room(step, ballots)

    def typical_minutes(self, step: Step) -> float:
        """Reading the ideas and voting; then a word on the top of the list."""
        return 5.0

    def readable(self, step: Step, value: Any, context: Context) -> str:
        """The voted ideas' texts (a vote for a merged or folded idea names its card)."""
        card_of = folding_of(context.cards).card
        voted = []
        for card_id in value:
            target = card_of.get(card_id) or final_card(card_id, context.cards)
            card = context.cards.get(target)
            voted.append(card.value if card is not None else card_id)
        return "; ".join(voted)


# The card each person of the sample room likes best, by its place on the wall.
SAMPLE_FAVOURITES = (0, 1, 0, 2, 1, 0, 4, 2)


# The foldings of the walls asked about last: a vote's summary, its readable values in an
# export and the check of each ballot sent ask it of the same answers, again and again. The
# answers are immutable: the same answer objects in the same order are the same wall.
_kept: list[tuple[list[Answer], Folding]] = []
WALLS_KEPT = 8


def folding_of(cards: Mapping[str, Answer]) -> Folding:
    """The cards of the room's visible answers among ``cards`` (a vote's source step)."""
    answers = list(cards.values())
    for held, made in list(_kept):
        if len(held) == len(answers) and all(map(operator.is_, held, answers)):
            return made
    made = fold(visible(answers))
    _kept.insert(0, (answers, made))
    del _kept[WALLS_KEPT:]
    return made
