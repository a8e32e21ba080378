"""Which answers are the same answer, and which are near enough to suggest merging them.

Two rules live here. ``same_answer`` is the key under which answers are one card: equal after
case, spacing, punctuation and emoji around the words are folded. ``suggest`` (and its
incremental form ``Suggester``) offers the facilitator groups of answers that say the same idea
in other words, each with the words they share, to merge with one click or dismiss.

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
from .word_families import HOW, family_of

# --- identical answers ----------------------------------------------------------------------


class _Marks(dict):
    """How ``str.translate`` folds each character: punctuation and spacing (which never make
    two answers different) to a space, apostrophes ("beboer's") and emoji variation
    selectors to nothing, anything else to itself. Each character is looked up once."""

    def __init__(self) -> None:
        super().__init__(dict.fromkeys(map(ord, "'\u2019\u02bc\u2018`\u00b4\ufe0e\ufe0f")))

    def __missing__(self, code: int) -> str | int:
        category = unicodedata.category(chr(code))
        folded = " " if category[0] in "PZ" or category in ("Cc", "Cs") else code
        self[code] = folded
        return folded


_MARKS = _Marks()
_VARIATION = dict.fromkeys(map(ord, "\ufe0e\ufe0f"))


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
    folded = unicodedata.normalize("NFKC", folded)
    words = folded.translate(_MARKS).split()
    while words and not _without_emoji(words[-1], end=True):
        words.pop()
    while words and not _without_emoji(words[0], end=False):
        words.pop(0)
    if words:
        words[-1] = _without_emoji(words[-1], end=True)
        words[0] = _without_emoji(words[0], end=False)
        return " ".join(words)
    # Nothing but emoji or punctuation: the signs themselves are the answer.
    return "".join(folded.translate(_VARIATION).split())


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
    hurtigst hurtigt muligt mulig snarest snart asap
    sted stedet nede trænger trænge mangler mangle brug bruge bruges sørge sørg
    udskift udskifte udskiftes udskiftning skift skifte skiftes
    """.split()
)

# Abbreviations and loan words a board writes, read as the Danish word they stand for.
SAME_WORDS = dict(
    pair.split("=")
    for pair in """
    vicev=vicevært vice=vicevært fællesh=fælleshus info=information infomøde=informationsmøde
    event=arrangement events=arrangement bike=cykel bikes=cykel
    garden=have fb=facebook p=parkering solpaneler=solceller
    solpanel=solcelle lopper=loppemarked solceller=solcelle el=strøm
    """.split()
)

_STEMMER = snowballstemmer.stemmer("danish")
_FAMILY = family_of(_STEMMER.stemWord)  # "belysning" is read as "lys"


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stem = _STEMMER.stemWord(word)
    return _FAMILY.get(stem, stem)


# Who and when: left out by one answer, they do not make it another idea ("Lektiecafé for
# børnene", "lektiecafé om eftermiddagen").
DETAILS = frozenset(
    map(
        _stem,
        """
        aften aftenen formiddag formiddagen eftermiddag eftermiddagen weekend weekenden
        hverdag hverdage børn børnene unge ældre senior seniorer familier familierne
        opgang opgangen opgangene indgang indgangene fælles
        """.split(),
    )
)
# What is to happen to the thing ("renovér", "lavere"): left out by one answer, it does not
# make it another idea either ("Renovér legepladsen", "legepladsen er slidt").
_HOW = frozenset(map(_stem, HOW))
DETAILS |= _HOW
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class _Words:
    """An answer's content words: stems, the word each came from (for the facilitator), and
    the compounds two neighbouring words make when written together ("sommer fest")."""

    __slots__ = (
        "stems",
        "spoken",
        "joins",
        "places",
        "stem_set",
        "join_set",
        "content",
        "by_head",
        "joins_by_head",
    )

    def __init__(
        self,
        stems: tuple[str, ...],
        spoken: tuple[str, ...],
        joins: tuple[tuple[str, int, int], ...] = (),  # (compound's stem, its two stems' places)
        places: frozenset[str] = frozenset(),  # stems said as where: "bænke langs stien"
    ) -> None:
        self.stems, self.spoken, self.joins, self.places = stems, spoken, joins, places
        self.stem_set = frozenset(stems)
        self.join_set = frozenset(joined for joined, _, _ in joins)
        # What makes two answers the same node: their stems and their written-apart words.
        self.content = (
            self.stem_set
            | {"+" + joined for joined in self.join_set}
            | {"@" + place for place in places}
        )
        # By their first four letters, where a compound may meet them.
        self.by_head: dict[str, list[str]] = {}
        for stem in stems:
            self.by_head.setdefault(stem[:4], []).append(stem)
        self.joins_by_head: dict[str, list[str]] = {}
        for joined in self.join_set:
            self.joins_by_head.setdefault(joined[:4], []).append(joined)

    def __repr__(self) -> str:
        return f"_Words({self.stems!r}, joins={sorted(self.join_set)!r})"


LINKS = frozenset(("af", "til", "for"))
WHERE = frozenset(
    ("ved", "langs")
)  # "fartbump ved legepladsen": where, not what  # "sortering af affald" is "affaldssortering"
_ACCENTS = dict.fromkeys(map(ord, "\u0300\u0301"))  # "café", "renovér"; never æ, ø or å


@functools.lru_cache(maxsize=65536)
def content_words(key: str) -> _Words:
    """The stems that say what an answer is about, in the order written, each once, and the
    compounds its words make: written apart ("sommer fest": "sommerfest") or the other way
    round across "af", "til" or "for" ("sortering af affald": "affaldssortering")."""
    stems: list[str] = []
    spoken: list[str] = []
    joins: list[tuple[str, int, int]] = []
    plain = unicodedata.normalize("NFC", unicodedata.normalize("NFD", key).translate(_ACCENTS))
    before: tuple[str, int, str] | None = None  # the content word just before, as written
    across: tuple[str, int, str] | None = None  # the content word before "af", "til", "for"
    places: set[str] = set()
    where = False  # just after "ved" or "langs"
    for match in _WORD.finditer(plain):
        word = SAME_WORDS.get(match.group(), match.group())
        if word in WHERE:
            where = True
            before = across = None
            continue
        if word in LINKS and before is not None:
            before, across = None, before
            continue
        if len(word) < 2 or word in STOP_WORDS or word in MEETING_WORDS:
            before = across = None
            continue
        stem = _stem(word)
        if len(stem) < 2:
            before = across = None
            continue
        if stem not in stems:
            stems.append(stem)
            spoken.append(word)
        if where:
            places.add(stem)
            where = False
        place = stems.index(stem)
        # "sommer fest" as written; "affald" of "sortering af affaldet" as a compound's head.
        # "el-biler" is "elbiler" as written, though "el" alone is read as "strøm".
        compounds = [(head, before[1], place) for head in {before[0], before[2]}] if before else []
        if across:
            compounds.append((stem, place, across[1]))
        for head, head_place, tail_place in compounds:
            if head_place == tail_place:
                continue
            tail = spoken[tail_place]
            for glue in ("", "s") if not head.endswith("s") else ("",):
                joined = (_stem(head + glue + tail), head_place, tail_place)
                if joined not in joins:
                    joins.append(joined)
        before, across = (word, place, match.group()), None
    return _Words(tuple(stems), tuple(spoken), tuple(joins), frozenset(places))


_VOWELS = frozenset("aeiouyæøå")


def _skeleton(part: str) -> str:
    """A word's first consonants: "cykel", "cykl" and "cykelskur" share "ckl", as do
    "byttedag" and "byttemarked" ("btt")."""
    return (part[0] + "".join(c for c in part[1:] if c not in _VOWELS))[:3]


@functools.lru_cache(maxsize=65536)
def _meeting_points(stem: str) -> frozenset[str]:
    """Where a stem meets the stems it may match: its skeleton, and for a long word the
    skeletons of the words it may end in ("cykelskur" meets "skur" at "skr")."""
    tails = range(3, len(stem) - 3) if len(stem) >= 7 else ()
    return frozenset({_skeleton(stem), *(_skeleton(stem[i:]) for i in tails)})


# --- how near two answers are ---------------------------------------------------------------

EXACT, INFLECTED, MISSPELT, HEAD_WORD, COMPOUND_PART, SAME_HEAD = 1.0, 1.0, 0.9, 0.85, 0.8, 0.6
SPELLING = 0.85  # rapidfuzz's normalised similarity for a slip of the keys
MATCHED = 0.5  # a word with a match at least this good is said by both


@functools.lru_cache(maxsize=262144)
def _word_match(a: str, b: str) -> float:
    """How surely two stems are the same word (1), a part of a compound, or unrelated (0).
    Only stems with a meeting point in common are compared at all."""
    if a == b:
        return EXACT
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or not _meeting_points(short) & _meeting_points(long):
        return 0.0
    if long.startswith(short):
        if len(long) - len(short) < 3:
            return INFLECTED
        # "kompost" heads "kompostbeholder": a word of its own long enough to be the idea.
        return HEAD_WORD if len(short) >= 6 else COMPOUND_PART
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
    if head >= 5 and len(short) >= 7 and short[:head] not in COMMON_HEADS:
        return SAME_HEAD  # "byttedag" and "byttemarked": two kinds of swapping
    return 0.0


# Heads of so many compounds that sharing one says nothing ("fællesspisning", "fælleshus").
COMMON_HEADS = frozenset("fælles beboer bolig afdeling børne ungdom ældre bestyrelse".split())

Matches = Mapping[str, Mapping[str, float]]  # stem -> the stems it matches, and how well


def _as_join(joined: str, stem: str) -> float:
    """A compound made of two written-apart words counts when it is the other's word, or a
    word of the same head ("bytte marked", "byttedag"), never for being near in spelling.
    Only words that begin alike are asked."""
    match = _word_match(joined, stem)
    return match if match in (EXACT, SAME_HEAD) else 0.0


def _coverage(mine: _Words, theirs: _Words, matches: Matches) -> tuple[float, bool, bool, int]:
    """How much of ``mine`` the other answer says (sum of best matches), whether some word
    of mine has no match there (a detail aside; and with what is to be done with it), and
    how many of my words count (a detail they leave out, such as who or when, does not)."""
    said, joined, by_head = theirs.stem_set, theirs.join_set, theirs.by_head
    # My two words written apart, as the compound they make ("sommer fest", "bytte marked").
    apart: dict[int, float] = {}
    for stem, *places in mine.joins:
        best = EXACT if stem in said else 0.0
        if not best:
            for other in by_head.get(stem[:4], ()):
                best = max(best, _as_join(stem, other))
        if best:
            for place in places:
                if best > apart.get(place, 0.0):
                    apart[place] = best
    total, alone, doing, counted = 0.0, False, False, 0
    for place, stem in enumerate(mine.stems):
        counted += 1
        if stem in said:
            total += EXACT
            continue
        if stem in joined:
            total += 2 * EXACT  # my compound is two of their words: "affalds sortering"
            continue
        near = matches[stem]
        best, parts = apart.get(place, 0.0), 0
        for other in said:
            match = near.get(other)
            if match:
                if match > best:
                    best = match
                if match in (COMPOUND_PART, HEAD_WORD):
                    parts += 1
        if joined:
            for other in theirs.joins_by_head.get(stem[:4], ()):
                best = max(best, _as_join(other, stem))
        if parts >= 2:
            best = EXACT  # "cykelskur" said as "skur til cykler"
        total += best
        if best < MATCHED:
            if stem in DETAILS or stem in mine.places:
                counted -= 1
                doing = doing or stem in _HOW
            else:
                alone = True
    return total, alone, alone or doing, max(counted, 1)


def _said_as_place(mine: _Words, theirs: _Words, matches: Matches) -> bool:
    """Whether a word of mine is said by the other as where ("legeplads", "fartbump ved
    legepladsen")."""
    return any(
        matches[stem].get(place, 0.0) >= MATCHED for stem in mine.stems for place in theirs.places
    )


def _one_word(words: _Words) -> bool:
    """An answer of one word long enough to be an idea, a place or what is to be done with
    it aside ("nabohjælp", "fartbump ved legepladsen", "opsamling af regnvand"; not "unge")."""
    what = [stem for stem in words.stems if stem not in words.places and stem not in _HOW]
    return len(what) == 1 and len(what[0]) >= 4


@dataclass(frozen=True)
class Nearness:
    """Two answers side by side (the same either way round)."""

    same_idea: bool  # suggested together
    in_tune: bool  # may sit in one group


def nearness(a: _Words, b: _Words, matches: Matches) -> Nearness | None:
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
    # A one-word answer joins on a word long enough to be an idea ("nabohjælp", not "unge").
    # ... said by the other as what it is about, not where.
    one_word = any(
        _one_word(w) and cover >= 0.75 and not _said_as_place(w, o, matches)
        for w, o, cover in ((a, b, cover_a), (b, a, cover_b))
    )
    if alone_a and alone_b:
        same = least >= 0.75 and shared >= 2.5
    else:
        # Or each says all the other does, a detail or what is to be done with it aside
        # ("Lavere husleje", "Huslejen må ikke stige").
        same = (
            most >= 0.75 and least >= 0.4 and (shared >= 1.5 or (shared >= HEAD_WORD and one_word))
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


@dataclass
class _Idea:
    """Wordings that say the same content words ("Solceller på tagene", "Forslag: solceller
    på tagene!"), each with its cards, and the other contents it shares a word with."""

    words: _Words
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
            if not any(keys <= dismissed for dismissed in self._dismissed)
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
                    candidates |= self._holders.get(other_stem, set())
            candidates |= self._joined.get(stem, set())  # they wrote it apart
        for joined in words.join_set:
            self._joined.setdefault(joined, set()).add(content)
            candidates |= self._holders.get(joined, set())  # they wrote it as one word
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
        for point in _meeting_points(stem):
            met = self._met.setdefault(point, set())
            for other in met:
                if other not in near and (match := _word_match(stem, other)):
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
