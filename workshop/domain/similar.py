"""Which answers are the same answer, and which are near enough to suggest merging them.

Two rules live here. ``same_answer`` is the key under which answers are one card: equal after
case, spacing, punctuation and emoji around the words are folded. ``suggest`` (and its
incremental form ``Suggester``) offers the facilitator groups of answers that say the same idea
in other words, each with the words they share, to merge with one click or dismiss.

Precision comes first: a wrong suggestion costs the facilitator's trust, a missed one costs a
click. Two answers are suggested together when their content words (Danish stems, stop words
left out) match, allowing spelling slips (rapidfuzz), inflections the stemmer leaves apart
("cykel"/"cykler") and compounds ("cykelskur" holds "cykel" and "skur"), and when at most one of
them says something the other does not: "grønne tage på cykelskurene" and "grønne tage på
fælleshuset" each add a different thing, so they are two ideas. A group is the connected
answers, kept only while every two of them agree that way, so a chain of neighbours never joins
two unrelated answers.

Pure: no Flask, no storage, nothing read or sent at run time.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import snowballstemmer
from rapidfuzz.distance import Indel

from .stopwords import STOP_WORDS

# --- identical answers ----------------------------------------------------------------------

_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"
_VARIATION = dict.fromkeys(map(ord, "\ufe0e\ufe0f"))


def _is_mark(char: str) -> bool:
    """Punctuation and spacing, which never make two answers different."""
    return unicodedata.category(char)[0] in "PZ" or unicodedata.category(char) in ("Cc", "Cs")


def _is_decoration(char: str) -> bool:
    """What an emoji is made of (pictographs, skin tones, joiners, keycaps, flags)."""
    return unicodedata.category(char) in ("So", "Sk", "Cf", "Me", "Mn")


def _without_emoji(word: str, *, end: bool) -> str:
    """A word without the emoji written onto its end (or start): "værktøj🚲" is "værktøj".
    A run of marks with no pictograph in it is part of the word (accents, vowel signs)."""
    chars = list(word if end else reversed(word))
    cut = len(chars)
    while cut and _is_decoration(chars[cut - 1]):
        cut -= 1
    run = chars[cut:]
    if not any(unicodedata.category(char) in ("So", "Sk") for char in run):
        return word
    kept = "".join(chars[:cut])
    return kept if end else kept[::-1]


def same_answer(text: Any) -> str:
    """The key under which answers are one card.

    Case, Unicode forms (NFKC), spacing and punctuation are folded, and emoji before or after
    the words go: "Byttemarked for cykler og værktøj!" and "byttemarked  for cykler og værktøj
    🚲" are one answer. Emoji between words stay, and an answer of emoji only keeps them
    ("👍" and "👍🏽" are two answers, "👍" and "👍 " one). Empty text gives "".
    """
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    folded = unicodedata.normalize("NFKC", folded).translate(_VARIATION)
    for apostrophe in _APOSTROPHES:
        folded = folded.replace(apostrophe, "")
    spaced = "".join(" " if _is_mark(char) else char for char in folded)
    words = spaced.split()
    while words and not _without_emoji(words[-1], end=True):
        words.pop()
    while words and not _without_emoji(words[0], end=False):
        words.pop(0)
    if words:
        words[-1] = _without_emoji(words[-1], end=True)
        words[0] = _without_emoji(words[0], end=False)
        return " ".join(words)
    # Nothing but emoji or punctuation: the signs themselves are the answer.
    return "".join(folded.split())


# --- content words --------------------------------------------------------------------------

# Words a housing meeting uses in every idea: they say nothing about which idea it is.
MEETING_WORDS = frozenset(
    """
    afd afdeling afdelingen afdelinger afdelingerne almen almene alm beboer beboere beboerne
    bolig boliger boligafdeling boligafdelingen sektor sektoren bestyrelse bestyrelsen bestyr
    mere flere bedre god gode godt ny nye nyt gerne evt fx f.eks feks eks bl.a osv mv ift pga
    lave laver lavet få får gøre gør starte startes oprette oprettes etablere etableres holde
    afholde afholdes ønske ønsker ønskes forslag idé ide ideer idéer tænker synes syntes
    vil vi kunne kan skal skulle måske nok rigtig virkelig meget mange hele alle nogle ingen
    også osse samt både ved mod uden mellem omkring igennem gennem især altid ofte tit
    gang gange hver hvert løbende stor store større lille små mindre mest bare helt
    lidt please pls tak
    årlig årligt månedlig månedligt ugentlig ugentligt måned måneden mdr år året uge ugen
    dag dagen gården gård kælder kælderen
    """.split()
)

# Abbreviations and loan words a board writes, read as the Danish word they stand for.
SAME_WORDS = dict(
    pair.split("=")
    for pair in """
    vicev=vicevært vice=vicevært fællesh=fælleshus info=information infomøde=informationsmøde
    community=fællesskab event=arrangement events=arrangement bike=cykel bikes=cykel
    garden=have facebook=facebookgruppe fb=facebookgruppe solceller=solcelle el=strøm
    """.split()
)

_STEMMER = snowballstemmer.stemmer("danish")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@dataclass(frozen=True)
class _Words:
    """An answer's content words: stems, and the word each came from (for the facilitator)."""

    stems: tuple[str, ...]
    spoken: tuple[str, ...]


@functools.lru_cache(maxsize=65536)
def content_words(key: str) -> _Words:
    """The stems that say what an answer is about, in the order written, each once."""
    stems: list[str] = []
    spoken: list[str] = []
    for match in _WORD.finditer(key):
        word = SAME_WORDS.get(match.group(), match.group())
        if len(word) < 2 or word in STOP_WORDS or word in MEETING_WORDS:
            continue
        stem = _stem(word)
        if len(stem) < 2 or stem in stems:
            continue
        stems.append(stem)
        spoken.append(word)
    return _Words(tuple(stems), tuple(spoken))


_VOWELS = frozenset("aeiouyæøå")


def _skeleton(stem: str) -> str:
    """A stem's first consonants: "cykel", "cykl" and "cykelskur" share "ckl", as do
    "byttedag" and "byttemarked" ("btt"). Answers meet as candidates through these."""
    return (stem[0] + "".join(c for c in stem[1:] if c not in _VOWELS))[:3]


# --- how near two answers are ---------------------------------------------------------------

EXACT, INFLECTED, MISSPELT, COMPOUND_PART, SAME_HEAD = 1.0, 1.0, 0.9, 0.8, 0.6
SPELLING = 0.85  # rapidfuzz's normalised similarity for a slip of the keys
MATCHED = 0.5  # a word with a match at least this good is said by both


@functools.lru_cache(maxsize=262144)
def _word_match(a: str, b: str) -> float:
    """How surely two stems are the same word (1), a part of a compound, or unrelated (0)."""
    if a == b:
        return EXACT
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4:
        return 0.0
    if long.startswith(short):
        return INFLECTED if len(long) - len(short) < 3 else COMPOUND_PART
    if long.endswith(short) and len(long) - len(short) >= 3:
        return COMPOUND_PART
    if Indel.normalized_similarity(short, long) >= SPELLING:
        return MISSPELT
    if (
        len(long) - len(short) >= 3
        and Indel.normalized_similarity(short, long[: len(short) + 1]) >= SPELLING
    ):
        return COMPOUND_PART  # "cykelskur" starts with "cykl" as written in "cykler"
    head = 0
    for x, y in zip(short, long, strict=False):
        if x != y:
            break
        head += 1
    if head >= 5 and len(short) >= 7:
        return SAME_HEAD  # "byttedag" and "byttemarked": two kinds of swapping
    return 0.0


def _coverage(mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[float, bool]:
    """How much of ``mine`` the other answer says (sum of best matches), and whether some
    word of mine has no match there."""
    total, alone = 0.0, False
    their_set = set(theirs)
    for stem in mine:
        if stem in their_set:
            total += EXACT
            continue
        matches = [_word_match(stem, other) for other in theirs]
        best = max(matches, default=0.0)
        if matches.count(COMPOUND_PART) >= 2:
            best = EXACT  # "cykelskur" said as "skur til cykler"
        total += best
        alone = alone or best < MATCHED
    return total, alone


@dataclass(frozen=True)
class Nearness:
    """Two answers side by side: how much of each the other says."""

    weight_a: float
    weight_b: float
    cover_a: float
    cover_b: float
    alone_a: bool
    alone_b: bool
    one_word: bool

    @property
    def same_idea(self) -> bool:
        """Suggested together: one says (nearly) all the other says, the other no more than a
        detail beyond it; or both say the same three words in four."""
        if self.alone_a and self.alone_b:
            return self.cover_a >= 0.75 and self.cover_b >= 0.75 and self.shared >= 2.5
        if max(self.cover_a, self.cover_b) < 0.75 or min(self.cover_a, self.cover_b) < 0.4:
            return False
        return self.shared >= 1.5 or (self.shared >= MISSPELT and self.single_word)

    @property
    def in_tune(self) -> bool:
        """May sit in one group: they share a word and do not each add a different thing."""
        if self.shared < COMPOUND_PART:
            return False
        return not (self.alone_a and self.alone_b) or min(self.cover_a, self.cover_b) >= 0.75

    @property
    def shared(self) -> float:
        return min(self.weight_a, self.weight_b)

    @property
    def single_word(self) -> bool:
        """One of them is one word long enough to be an idea ("nabohjælp", not "unge")."""
        return self.one_word


def nearness(a: tuple[str, ...], b: tuple[str, ...]) -> Nearness:
    weight_a, alone_a = _coverage(a, b)
    weight_b, alone_b = _coverage(b, a)
    return Nearness(
        weight_a,
        weight_b,
        min(1.0, weight_a / len(a)) if a else 0.0,
        min(1.0, weight_b / len(b)) if b else 0.0,
        alone_a,
        alone_b,
        any(len(words) == 1 and len(words[0]) >= 5 for words in (a, b)),
    )


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


@dataclass
class _Answer:
    """One wording (a ``same_answer`` key) and the cards that hold it."""

    key: str
    words: _Words
    cards: list[str]
    near: dict[str, Nearness]  # other wordings sharing a word, by key

    def linked(self) -> Iterable[str]:
        return (key for key, near in self.near.items() if near.same_idea)


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
        self._answers: dict[str, _Answer] = {}  # wording -> its cards and neighbours
        self._buckets: dict[str, set[str]] = {}  # skeleton -> wordings with a word of it
        self._group_of: dict[str, tuple[str, ...]] = {}  # wording -> its group's wordings
        self._dismissed: list[frozenset[str]] = []  # groups of wordings turned down
        self._count = 0
        self._regroup([key for card in cards for key in self._place(card)])

    # What happens in the room

    def add(self, card: CardLike) -> list[Suggestion]:
        self._regroup(self._place(card))
        return self.suggestions()

    def remove(self, card_id: str) -> list[Suggestion]:
        self._regroup(self._take(card_id))
        return self.suggestions()

    def merge(self, into: str, card_ids: Iterable[str]) -> list[Suggestion]:
        """Cards merged into ``into`` stop being cards of their own; ``into`` stays as it was."""
        touched: list[str] = []
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
        seen: set[tuple[str, ...]] = set()
        result: list[tuple[int, int, Suggestion]] = []
        for group in self._group_of.values():
            if group in seen:
                continue
            seen.add(group)
            members = set(group)
            if any(members <= dismissed for dismissed in self._dismissed):
                continue
            cards = sorted(
                (c for key in group for c in self._answers[key].cards),
                key=self._arrival.__getitem__,
            )
            suggestion = Suggestion(tuple(cards), self._shared_words(group))
            result.append((-len(cards), self._arrival[cards[0]], suggestion))
        result.sort(key=lambda item: item[:2])
        return [suggestion for _, _, suggestion in result]

    # Inside

    def _place(self, card: CardLike) -> list[str]:
        """Put a card in the index; the wordings whose neighbourhood changed."""
        card_id, text = _id_and_text(card)
        key = same_answer(text)
        if self._key_of.get(card_id) == key:
            return []
        changed = self._take(card_id)  # an answer edited: out under its old wording
        self._key_of[card_id] = key
        self._arrival[card_id] = self._count
        self._count += 1
        answer = self._answers.get(key)
        if answer is not None:
            answer.cards.append(card_id)
            return [key, *changed]
        answer = self._answers[key] = _Answer(key, content_words(key), [card_id], {})
        candidates: set[str] = set()
        for skeleton in {_skeleton(stem) for stem in answer.words.stems}:
            bucket = self._buckets.setdefault(skeleton, set())
            candidates |= bucket
            bucket.add(key)
        for other_key in candidates:
            other = self._answers[other_key]
            near = _nearness(answer.words.stems, other.words.stems)
            if near.shared >= COMPOUND_PART:
                answer.near[other_key] = near
                other.near[key] = _nearness(other.words.stems, answer.words.stems)
        return [key, *changed]

    def _take(self, card_id: str) -> list[str]:
        """Take a card out of the index; the wordings whose neighbourhood changed."""
        key = self._key_of.pop(card_id, None)
        if key is None:
            return []
        del self._arrival[card_id]
        answer = self._answers[key]
        answer.cards.remove(card_id)
        if answer.cards:
            return [key]
        del self._answers[key]
        self._group_of.pop(key, None)
        for skeleton in {_skeleton(stem) for stem in answer.words.stems}:
            self._buckets[skeleton].discard(key)
        for other_key in answer.near:
            del self._answers[other_key].near[key]
        return list(answer.near)

    def _regroup(self, keys: Iterable[str]) -> None:
        """Group again the connected wordings around the given ones."""
        done: set[str] = set()
        for start in keys:
            if start in done or start not in self._answers:
                continue
            component, queue = {start}, [start]
            while queue:
                for other in self._answers[queue.pop()].linked():
                    if other not in component:
                        component.add(other)
                        queue.append(other)
            done |= component
            for key in component:
                self._group_of.pop(key, None)
            for group in self._split(component):
                for key in group:
                    self._group_of[key] = group

    def _split(self, component: set[str]) -> list[tuple[str, ...]]:
        """Groups within connected wordings where every two are in tune: the best connected
        wording first, then each that is linked to the group and in tune with all of it.
        Taken in an order of the wordings alone, so the groups never depend on arrival."""
        if len(component) < 2:
            return []

        def linked_in(key: str) -> int:
            return sum(1 for other in self._answers[key].linked() if other in component)

        order = sorted(component, key=lambda key: (-linked_in(key), key))
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
                for key in order:
                    if key in left and self._joins(key, group):
                        group.append(key)
                        left.discard(key)
                        grown = True
            if len(group) > 1:
                groups.append(tuple(sorted(group)))
        return groups

    def _joins(self, key: str, group: list[str]) -> bool:
        near = self._answers[key].near
        if not any(member in near and near[member].same_idea for member in group):
            return False
        return all(member in near and near[member].in_tune for member in group)

    def _shared_words(self, group: tuple[str, ...]) -> tuple[str, ...]:
        """The words of the group's most given wording that every other wording says too
        (or most of them, when no word is in all)."""
        head = min(group, key=lambda key: (-len(self._answers[key].cards), key))
        mine = self._answers[head].words
        others = [self._answers[key].words.stems for key in group if key != head]
        said_by = [
            sum(1 for theirs in others if max(_word_match(stem, t) for t in theirs) >= MATCHED)
            for stem in mine.stems
        ]
        enough = len(others) if max(said_by, default=0) == len(others) else len(others) / 2
        return tuple(
            word for word, count in zip(mine.spoken, said_by, strict=True) if count >= enough
        )


@functools.lru_cache(maxsize=262144)
def _nearness(a: tuple[str, ...], b: tuple[str, ...]) -> Nearness:
    return nearness(a, b)


def suggest(cards: Iterable[CardLike]) -> list[Suggestion]:
    """Groups of answers that say the same idea in other words, for the facilitator to merge
    or dismiss; each card is in at most one group, identical answers always in the same."""
    return Suggester(cards).suggestions()
