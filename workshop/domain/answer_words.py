"""An answer's content words for the merge suggestions, and how surely two words are one.

The words that say what an answer is about: Danish stems (snowball), without stop words and the
words of every housing meeting, abbreviations and loan words read as the Danish word, words of
one family read as one (``word_families``), and the compounds written apart ("sommer fest") or
round a link ("sortering af affald"). Two stems match when they are the same word, inflected,
misspelt (rapidfuzz), or one is part of a compound the other is.

Pure: no Flask, no storage, nothing read or sent at run time.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import snowballstemmer
from rapidfuzz.distance import Indel

from .stopwords import STOP_WORDS
from .word_families import HOW, family_of

# Words a housing meeting uses in every idea: they say nothing about which idea it is.
MEETING_WORDS = frozenset(
    """
    afd afdeling afdelingen afdelinger afdelingerne almen almene alm beboer beboere beboerne
    bolig boliger boligafdeling boligafdelingen sektor sektoren bestyrelse bestyrelsen bestyr
    bestyrelsesarbejde bestyrelsesarbejdet
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
def stem_of(word: str) -> str:
    stem = _STEMMER.stemWord(word)
    return _FAMILY.get(stem, stem)


# Who and when: left out by one answer, they do not make it another idea ("Lektiecafé for
# børnene", "lektiecafé om eftermiddagen").
DETAILS = frozenset(
    map(
        stem_of,
        """
        aften aftenen formiddag formiddagen eftermiddag eftermiddagen weekend weekenden
        hverdag hverdage børn børnene unge ældre senior seniorer familier familierne
        opgang opgangen opgangene indgang indgangene fælles
        """.split(),
    )
)
# What is to happen to the thing ("renovér", "lavere"): left out by one answer, it does not
# make it another idea either ("Renovér legepladsen", "legepladsen er slidt").
HOW_STEMS = frozenset(map(stem_of, HOW))
DETAILS |= HOW_STEMS
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class Words:
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
        self.join_set = frozenset([joined for joined, _, _ in joins])
        # What makes two answers the same node: their stems and their written-apart words.
        self.content = self.stem_set
        if joins or places:
            self.content = self.content.union(
                ["+" + joined for joined in self.join_set], ["@" + place for place in places]
            )
        # By their first four letters, where a compound may meet them.
        self.by_head = _by_head(stems)
        self.joins_by_head = _by_head(self.join_set)

    def __repr__(self) -> str:
        return f"Words({self.stems!r}, joins={sorted(self.join_set)!r})"


def _by_head(stems: Iterable[str]) -> dict[str, list[str]]:
    by_head: dict[str, list[str]] = {}
    for stem in stems:
        head = stem[:4]
        if head in by_head:
            by_head[head].append(stem)
        else:
            by_head[head] = [stem]
    return by_head


LINKS = frozenset(("af", "til", "for"))
WHERE = frozenset(
    ("ved", "langs")
)  # "fartbump ved legepladsen": where, not what  # "sortering af affald" is "affaldssortering"
_ACCENTS = dict.fromkeys(map(ord, "\u0300\u0301"))  # "café", "renovér"; never æ, ø or å


@functools.lru_cache(maxsize=65536)
def content_words(key: str) -> Words:
    """The stems that say what an answer is about, in the order written, each once, and the
    compounds its words make: written apart ("sommer fest": "sommerfest") or the other way
    round across "af", "til" or "for" ("sortering af affald": "affaldssortering")."""
    stems: list[str] = []
    spoken: list[str] = []
    joins: list[tuple[str, int, int]] = []
    if key.isascii():
        plain = key  # no accent to take off
    else:
        plain = unicodedata.normalize("NFC", unicodedata.normalize("NFD", key).translate(_ACCENTS))
    before: tuple[str, int, str] | None = None  # the content word just before, as written
    across: tuple[str, int, str] | None = None  # the content word before "af", "til", "for"
    places: set[str] = set()
    where = False  # just after "ved" or "langs"
    for written in _WORD.findall(plain):
        word = SAME_WORDS.get(written, written)
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
        stem = stem_of(word)
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
        # "naboer hjælper" is "nabohjælp": the head word may go in as its stem.
        heads = dict.fromkeys((before[0], before[2], stems[before[1]])) if before else ()
        compounds = [(head, before[1], place) for head in heads]
        if across:
            compounds.append((stem, place, across[1]))
        for head, head_place, tail_place in compounds:
            if head_place == tail_place:
                continue
            tail = spoken[tail_place]
            for glue in ("", "s") if not head.endswith("s") else ("",):
                joined = (stem_of(head + glue + tail), head_place, tail_place)
                if joined not in joins:
                    joins.append(joined)
        before, across = (word, place, written), None
    return Words(tuple(stems), tuple(spoken), tuple(joins), frozenset(places))


_NO_VOWELS = dict.fromkeys(map(ord, "aeiouyæøå"))


def _skeleton(part: str) -> str:
    """A word's first consonants: "cykel", "cykl" and "cykelskur" share "ckl", as do
    "byttedag" and "byttemarked" ("btt")."""
    return (part[0] + part[1:].translate(_NO_VOWELS))[:3]


@functools.lru_cache(maxsize=65536)
def meeting_points(stem: str) -> frozenset[str]:
    """Where a stem meets the stems it may match: its skeleton, and for a long word the
    skeletons of the words it may end in ("cykelskur" meets "skur" at "skr")."""
    tails = range(3, len(stem) - 3) if len(stem) >= 7 else ()
    return frozenset({_skeleton(stem), *(_skeleton(stem[i:]) for i in tails)})


# --- how surely two words are one -----------------------------------------------------------

EXACT, INFLECTED, MISSPELT, HEAD_WORD, COMPOUND_PART, SAME_HEAD = 1.0, 1.0, 0.9, 0.85, 0.8, 0.6
SPELLING = 0.85  # rapidfuzz's normalised similarity for a slip of the keys
MATCHED = 0.5  # a word with a match at least this good is said by both


@functools.lru_cache(maxsize=262144)
def word_match(a: str, b: str) -> float:
    """How surely two stems are the same word (1), a part of a compound, or unrelated (0).
    Only stems with a meeting point in common are compared at all."""
    if a == b:
        return EXACT
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or not meeting_points(short) & meeting_points(long):
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
    if len(short) < 7 or short[:5] != long[:5]:
        return 0.0
    head = 5  # how far they begin alike (never all of the shorter: that is asked above)
    while short[head] == long[head]:
        head += 1
    if short[:head] not in COMMON_HEADS:
        return SAME_HEAD  # "byttedag" and "byttemarked": two kinds of swapping
    return 0.0


# Heads of so many compounds that sharing one says nothing ("fællesspisning", "fælleshus").
COMMON_HEADS = frozenset("fælles beboer bolig afdeling børne ungdom ældre bestyrelse".split())
