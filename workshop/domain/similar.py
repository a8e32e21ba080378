"""Which answers are the same answer, and which are near enough to suggest merging them.

Two rules are offered here. ``same_answer`` (kept in ``identical``) is the key under which
answers are one card: equal after case, spacing, punctuation and emoji around the words are
folded. ``suggest`` (and its incremental form ``Suggester``) offers the facilitator groups of
answers that say the same idea in other words, each with the words they share, to merge with
one click or dismiss.

Precision comes first: a wrong suggestion costs the facilitator's trust, a missed one costs a
click. Two answers are suggested together when their content words (Danish stems, stop words
and the words of every housing meeting left out) match, allowing spelling slips (rapidfuzz),
inflections the stemmer leaves apart ("cykel"/"cykler") and compounds ("cykelskur" holds
"cykel" and "skur"; "sommer fest" and "sortering af affald" are "sommerfest" and
"affaldssortering") and words a meeting uses for one thing ("belysning" and "lys", see
``word_families``), and when at most one of them says something the other does not: "grønne
tage på cykelskurene" and "grønne tage på fælleshuset" each add a different thing, so they are
two ideas. Who, when, where ("fartbump ved legepladsen") and what is to be done with the thing
("renovér legepladsen", "legepladsen er slidt") are details that add no idea. A group is the
connected answers, kept only while every two of them are in tune (see ``nearness``), so a chain
of neighbours never joins two unrelated answers. Everything depends on the answers' words
alone, never on the order they came in.

An answer's content words and how two words match are in ``answer_words``.

Pure: no Flask, no storage, nothing read or sent at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from .answer_words import (
    COMPOUND_PART,
    DETAILS,
    EXACT,
    HEAD_WORD,
    HOW_STEMS,
    MATCHED,
    SAME_HEAD,
    Words,
    content_words,
    meeting_points,
    word_match,
)
from .identical import same_answer

# --- how near two answers are ---------------------------------------------------------------

Matches = Mapping[str, Mapping[str, float]]  # stem -> the stems it matches, and how well


def _coverage(mine: Words, theirs: Words, matches: Matches) -> tuple[float, bool, bool, int]:
    """How much of ``mine`` the other answer says (sum of best matches), whether some word
    of mine has no match there (a detail aside; and with what is to be done with it), and
    how many of my words count (a detail they leave out, such as who or when, does not)."""
    said, joined, by_head = theirs.stem_set, theirs.join_set, theirs.by_head
    # My two words written apart, as the compound they make ("sommer fest", "bytte marked").
    # It counts when it is the other's word, or a word of the same head ("bytte marked",
    # "byttedag"), never for being near in spelling. Only words that begin alike are asked.
    apart: dict[int, float] = {}
    for stem, head_place, tail_place in mine.joins:
        best = EXACT if stem in said else 0.0
        if not best:
            for other in by_head.get(stem[:4], ()):
                match = word_match(stem, other)
                if match > best and match in (EXACT, SAME_HEAD):
                    best = match
        if best:
            if best > apart.get(head_place, 0.0):
                apart[head_place] = best
            if best > apart.get(tail_place, 0.0):
                apart[tail_place] = best
    joins_by_head = theirs.joins_by_head
    total, alone, doing, counted = 0.0, False, False, 0
    for place, stem in enumerate(mine.stems):
        counted += 1
        if stem in said:
            total += EXACT
            continue
        if stem in joined:
            total += 2 * EXACT  # my compound is two of their words: "affalds sortering"
            continue
        best, parts = apart.get(place, 0.0), 0
        near = matches[stem]
        # The fewer of my matches and their words is asked about the other.
        if len(near) < len(said):
            found = [match for other, match in near.items() if other in said]
        else:
            found = [near[other] for other in said if other in near]
        for match in found:
            if match > best:
                best = match
            if match in (COMPOUND_PART, HEAD_WORD):
                parts += 1
        if joined:
            for other in joins_by_head.get(stem[:4], ()):
                match = word_match(other, stem)  # their compound, my word
                if match > best and match in (EXACT, SAME_HEAD):
                    best = match
        if parts >= 2:
            best = EXACT  # "cykelskur" said as "skur til cykler"
        total += best
        if best < MATCHED:
            if stem in DETAILS or stem in mine.places:
                counted -= 1
                doing = doing or stem in HOW_STEMS
            else:
                alone = True
    return total, alone, alone or doing, max(counted, 1)


def _said_as_place(mine: Words, theirs: Words, matches: Matches) -> bool:
    """Whether a word of mine is said by the other as where ("legeplads", "fartbump ved
    legepladsen")."""
    return any(
        matches[stem].get(place, 0.0) >= MATCHED for stem in mine.stems for place in theirs.places
    )


def _one_word(words: Words) -> bool:
    """An answer of one word long enough to be an idea, a place or what is to be done with
    it aside ("nabohjælp", "fartbump ved legepladsen", "opsamling af regnvand"; not "unge")."""
    what = [stem for stem in words.stems if stem not in words.places and stem not in HOW_STEMS]
    return len(what) == 1 and len(what[0]) >= 4


class Nearness(NamedTuple):
    """Two answers side by side (the same either way round)."""

    same_idea: bool  # suggested together
    in_tune: bool  # may sit in one group


def nearness(a: Words, b: Words, matches: Matches) -> Nearness | None:
    """How near two answers' stems are, or None when they share too little to be grouped.

    Same idea: one says (nearly) all the other says and the other no more than a detail beyond
    it; or both say the same three words in four. In tune (may sit in one group, linked
    through others): they share a word and do not each add a different thing, or they share
    two words.
    """
    if not a.stems or not b.stems:
        return None
    weight_a, alone_a, apart_a, counted_a = _coverage(a, b, matches)
    if weight_a < COMPOUND_PART:
        return None
    weight_b, alone_b, apart_b, counted_b = _coverage(b, a, matches)
    if weight_b < COMPOUND_PART:
        return None
    cover_a = min(1.0, weight_a / counted_a)
    cover_b = min(1.0, weight_b / counted_b)
    shared, least, most = min(weight_a, weight_b), min(cover_a, cover_b), max(cover_a, cover_b)
    if alone_a and alone_b:
        same = least >= 0.75 and shared >= 2.5
    else:
        # Or each says all the other does, a detail or what is to be done with it aside
        # ("Lavere husleje", "Huslejen må ikke stige"). A one-word answer joins on a word long
        # enough to be an idea ("nabohjælp", not "unge"), said by the other as what it is
        # about, not where (asked only when it decides).
        same = (
            most >= 0.75
            and least >= 0.4
            and (
                shared >= 1.5
                or (
                    shared >= HEAD_WORD
                    and any(
                        cover >= 0.75 and _one_word(w) and not _said_as_place(w, o, matches)
                        for w, o, cover in ((a, b, cover_a), (b, a, cover_b))
                    )
                )
            )
        ) or (least >= 0.75 and shared >= EXACT and not a.stem_set & b.stem_set <= DETAILS)
    # A different thing to do with it ("renovér", "rygeforbud") keeps two answers apart.
    in_tune = not (apart_a and apart_b) or least >= 0.75 or shared >= 2
    return Nearness(same, in_tune)


# --- suggestions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """Answers the facilitator may merge into one card, and the words they share."""

    cards: tuple[str, ...]  # card ids, in the order the answers came
    words: tuple[str, ...]  # e.g. ("byttemarked", "cykler", "værktøj")

    @property
    def label(self) -> str:
        """The shared words as the console shows them: "byttemarked · cykler · værktøj"."""
        return " · ".join(self.words)


CardLike = Mapping[str, Any] | tuple[str, str]


def _id_and_text(card: CardLike) -> tuple[str, str]:
    """A card as the wall lists it ({"answer_id", "text", ...}) or an (id, text) pair."""
    if isinstance(card, Mapping):
        text = card.get("text")
        return str(card["answer_id"]), text if isinstance(text, str) else ""
    card_id, text = card
    return str(card_id), text if isinstance(text, str) else ""


Content = frozenset[str]  # an answer's content stems: answers with the same are one node
_NONE: frozenset[Content] = frozenset()


@dataclass
class _Idea:
    """Wordings that say the same content words ("Solceller på tagene", "Forslag: solceller
    på tagene!"), each with its cards, and the other contents it shares a word with."""

    words: Words
    wordings: dict[str, list[str]]  # same_answer key -> card ids
    near: dict[Content, Nearness]
    linked: set[Content]  # the near ones that are the same idea

    @property
    def order(self) -> str:
        """A place in line that depends on the words alone, never on when they came."""
        return "\x00".join(sorted(self.words.content))


class Suggester:
    """The room's suggestions kept up to date one answer at a time.

    ``add`` a card as it arrives, ``remove`` one that was hidden or withdrawn, ``merge`` cards
    the facilitator merged, ``dismiss`` a suggestion the facilitator turned down: each returns
    the suggestions as they are now, the same as ``suggest`` on the cards that remain (with the
    same dismissals). Only the answers near the changed one are looked at again.
    """

    def __init__(self, cards: Iterable[CardLike] = ()) -> None:
        self._key_of: dict[str, str] = {}  # card id -> wording
        self._arrival: dict[str, int] = {}  # card id -> when it came
        self._ideas: dict[Content, _Idea] = {}
        self._matches: dict[str, dict[str, float]] = {}  # stem -> stems it matches
        self._met: dict[str, set[str]] = {}  # meeting point -> stems that meet there
        self._holders: dict[str, set[Content]] = {}  # stem -> contents that say it
        self._joined: dict[str, set[Content]] = {}  # compound -> contents that write it apart
        self._group_of: dict[Content, tuple[Content, ...]] = {}
        self._dismissed: list[frozenset[str]] = []  # wordings turned down together
        self._repeated: set[Content] = set()  # contents said in more than one wording
        self._made: dict[tuple[Content, ...], tuple[frozenset[str], tuple, Suggestion]] = {}
        self._changed: set[Content] = set()  # contents whose suggestion is to be made again
        self._count = 0
        self._regroup([content for card in cards for content in self._place(card)])

    # What happens in the room

    def add(self, card: CardLike) -> list[Suggestion]:
        self._regroup(self._place(card))
        return self.suggestions()

    def remove(self, card_id: str) -> list[Suggestion]:
        self._regroup(self._take(card_id))
        return self.suggestions()

    def change(
        self, added: Iterable[CardLike] = (), removed: Iterable[str] = ()
    ) -> list[Suggestion]:
        """Several cards at once (new or edited ones ``added``, the ids of those gone
        ``removed``), grouped again once: what a wall's update brings."""
        touched: list[Content] = []
        for card_id in removed:
            touched.extend(self._take(card_id))
        for card in added:
            touched.extend(self._place(card))
        self._regroup(touched)
        return self.suggestions()

    def merge(self, into: str, card_ids: Iterable[str]) -> list[Suggestion]:
        """Cards merged into ``into`` stop being cards of their own; ``into`` stays as it was."""
        touched: list[Content] = []
        for card_id in card_ids:
            if card_id != into:
                touched.extend(self._take(card_id))
        self._regroup(touched)
        return self.suggestions()

    def dismiss(self, card_ids: Iterable[str]) -> list[Suggestion]:
        """These answers are not to be suggested together again, unless another answer joins
        them (an identical wording of one of them is not another answer)."""
        keys = frozenset(self._key_of[c] for c in card_ids if c in self._key_of)
        if len(keys) > 1:
            self._dismissed.append(keys)
        return self.suggestions()

    # What the facilitator is offered

    def suggestions(self) -> list[Suggestion]:
        """Groups of at least two wordings, the most cards first, then the earliest."""
        groups = set(self._group_of.values())
        groups.update((c,) for c in self._repeated if c not in self._group_of)
        made = {}
        for group in groups:
            entry = self._made.get(group)
            if entry is None or not self._changed.isdisjoint(group):
                entry = self._make(group)
            made[group] = entry
        self._made, self._changed = made, set()
        result = [
            (order, suggestion)
            for keys, order, suggestion in made.values()
            if not self._dismissed or not any(keys <= turned for turned in self._dismissed)
        ]
        result.sort(key=lambda item: item[0])
        return [suggestion for _, suggestion in result]

    def _make(self, group: tuple[Content, ...]) -> tuple[frozenset[str], tuple, Suggestion]:
        wordings = {key: cards for c in group for key, cards in self._ideas[c].wordings.items()}
        cards = sorted(
            (card for cards in wordings.values() for card in cards),
            key=self._arrival.__getitem__,
        )
        suggestion = Suggestion(tuple(cards), self._shared_words(group))
        return frozenset(wordings), (-len(cards), self._arrival[cards[0]]), suggestion

    # Inside

    def _place(self, card: CardLike) -> list[Content]:
        """Put a card in the index; the contents whose neighbourhood changed."""
        card_id, text = _id_and_text(card)
        key = same_answer(text)
        if self._key_of.get(card_id) == key:
            return []
        changed = self._take(card_id)  # an answer edited: out under its old wording
        self._key_of[card_id] = key
        self._arrival[card_id] = self._count
        self._count += 1
        words = content_words(key)
        content = words.content
        idea = self._ideas.get(content)
        self._changed.add(content)
        if idea is not None:
            idea.wordings.setdefault(key, []).append(card_id)
            if len(idea.wordings) > 1 and content:  # not emoji-only answers: no words
                self._repeated.add(content)
            return [content, *changed]
        idea = self._ideas[content] = _Idea(words, {key: [card_id]}, {}, set())
        candidates: set[Content] = set()
        for stem in words.stems:
            self._holders.setdefault(stem, set()).add(content)
            for other_stem, match in self._know(stem).items():
                if match >= COMPOUND_PART:  # a head alone never makes two answers near
                    candidates |= self._holders.get(other_stem, _NONE)
            candidates |= self._joined.get(stem, _NONE)  # they wrote it apart
        for joined in words.join_set:
            self._joined.setdefault(joined, set()).add(content)
            candidates |= self._holders.get(joined, _NONE)  # they wrote it as one word
        candidates.discard(content)
        for other_content in candidates:
            other = self._ideas[other_content]
            near = nearness(words, other.words, self._matches)
            if near is not None:
                idea.near[other_content] = other.near[content] = near
                if near.same_idea:
                    idea.linked.add(other_content)
                    other.linked.add(content)
        return [content, *changed]

    def _take(self, card_id: str) -> list[Content]:
        """Take a card out of the index; the contents whose neighbourhood changed."""
        key = self._key_of.pop(card_id, None)
        if key is None:
            return []
        del self._arrival[card_id]
        content = content_words(key).content
        idea = self._ideas[content]
        self._changed.add(content)
        idea.wordings[key].remove(card_id)
        if not idea.wordings[key]:
            del idea.wordings[key]
        if len(idea.wordings) < 2:
            self._repeated.discard(content)
        if idea.wordings:
            return [content]
        del self._ideas[content]
        self._group_of.pop(content, None)
        for stem in idea.words.stems:
            self._holders[stem].discard(content)
        for joined in idea.words.join_set:
            self._joined[joined].discard(content)
        for other in idea.near:
            del self._ideas[other].near[content]
            self._ideas[other].linked.discard(content)
        return list(idea.near)

    def _know(self, stem: str) -> dict[str, float]:
        """The stems of the room this stem matches (itself included), found once."""
        near = self._matches.get(stem)
        if near is not None:
            return near
        near = self._matches[stem] = {stem: EXACT}
        for point in meeting_points(stem):
            met = self._met.setdefault(point, set())
            for other in met:
                if other not in near and (match := word_match(stem, other)):
                    near[other] = match
                    self._matches[other][stem] = match
            met.add(stem)
        return near

    def _regroup(self, contents: Iterable[Content]) -> None:
        """Group again the connected ideas around the given ones."""
        done: set[Content] = set()
        for start in contents:
            if start in done or start not in self._ideas:
                continue
            component, queue = {start}, [start]
            while queue:
                for other in self._ideas[queue.pop()].linked:
                    if other not in component:
                        component.add(other)
                        queue.append(other)
            done |= component
            self._changed |= component
            for content in component:
                self._group_of.pop(content, None)
            for group in self._split(component):
                for content in group:
                    self._group_of[content] = group

    def _split(self, component: set[Content]) -> list[tuple[Content, ...]]:
        """Groups within connected ideas where every two are in tune: the best connected
        idea first, then each that is linked to the group and in tune with all of it. Taken
        in an order of the words alone, so the groups never depend on arrival."""
        if len(component) < 2:
            return []
        ideas = self._ideas
        order = sorted(
            component,
            key=lambda c: (-len(ideas[c].linked & component), ideas[c].order),
        )
        left = set(component)
        groups = []
        for seed in order:
            if seed not in left:
                continue
            group = [seed]
            left.discard(seed)
            grown = True
            while grown:
                grown = False
                for content in order:
                    if content in left and self._joins(content, group):
                        group.append(content)
                        left.discard(content)
                        grown = True
            if len(group) > 1:
                groups.append(tuple(sorted(group, key=lambda c: ideas[c].order)))
        return groups

    def _joins(self, content: Content, group: list[Content]) -> bool:
        idea = self._ideas[content]
        if idea.linked.isdisjoint(group):
            return False
        near = idea.near
        return all(member in near and near[member].in_tune for member in group)

    def _shared_words(self, group: tuple[Content, ...]) -> tuple[str, ...]:
        """The words of the group's most given wording that every other idea says too (or
        most of them, when no word is in all)."""
        ideas = [self._ideas[c] for c in group]
        head_idea, head_key = min(
            ((idea, key) for idea in ideas for key in idea.wordings),
            key=lambda pair: (-len(pair[0].wordings[pair[1]]), pair[1]),
        )
        mine = content_words(head_key)
        others = [idea.words.stems for idea in ideas if idea is not head_idea]
        said_by = [
            sum(
                1
                for theirs in others
                if max(self._matches[s].get(t, 0.0) for t in theirs) >= MATCHED
            )
            for s in mine.stems
        ]
        enough = len(others) if max(said_by, default=0) == len(others) else len(others) / 2
        return tuple(
            word for word, count in zip(mine.spoken, said_by, strict=True) if count >= enough
        )


def suggest(cards: Iterable[CardLike]) -> list[Suggestion]:
    """Groups of answers that say the same idea in other words, for the facilitator to merge
    or dismiss; each card is in at most one group, identical answers always in the same."""
    return Suggester(cards).suggestions()
