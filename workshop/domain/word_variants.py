"""Which words of a word cloud are one word spelt two ways, for the facilitator to merge.

"grøn", "grønne" and "grønt" are one word inflected; "affald" and "afald", "fællesskab" and
"fælleskab", "grøntsager" and "grønsager" one word misspelt. Precision first: a suggestion the
facilitator has to turn down costs more than one not made, so two words are one only when

- they have the same Danish stem (snowball), or one is an adjective and the other the same
  with its neuter "t" ("grøn", "grønt"), or the other's stem without the "e" Danish drops
  ("cykel", "cykler"), and they are not two words the stemmer makes one (``NOT_SAME``);
- from five letters on, they are the same once doubled letters count once and æ, ø, å are
  written as on a keyboard without them ("afald", "faellesskab", "groent");
- from eight letters on, one has a letter more than the other or two letters swapped.

Short words need the same stem: "bil" and "bio", "hus" and "hun" are two words, and a
letter changed is never a slip ("havedag", "havelag"). Emoji, numbers and words of other
signs match only themselves.

Pure: no Flask, no storage, nothing read or sent at run time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from rapidfuzz.distance import OSA, Indel

from .answer_words import _STEMMER

FOLDED = 5  # letters from which doubled letters and æ, ø, å may differ
EDITED = 8  # letters from which one letter more, or two swapped, is a slip
# Words the stemmer makes one that a meeting means as two: "have" is a garden, "hav" the sea;
# "leje" is the rent, "lejer" the tenant; "plads" a square, "plade" a sheet.
NOT_SAME = frozenset(
    frozenset(pair.split("/"))
    for pair in """
    hav/have hav/haven hav/haver fæl/fælles stil/stille stile/stille mad/made dyr/dyrt
    hal/hale hal/halle hale/halle tal/tale tal/talen mål/måle mor/more rum/rumme ret/rette
    plads/plade pladser/plader pladsen/pladen
    leje/lejer leje/lejere lejer/lejen udleje/udlejer udleje/udlejere husleje/huslejer
    lære/lærer lære/lærere male/maler bage/bager læse/læser spille/spiller hjælpe/hjælper
    køre/kører sælge/sælger arbejde/arbejder arbejde/arbejdere
    bestyrelse/bestyrer bestyrelsen/bestyrer bestyrelse/bestyre
    """.split()
)
_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "fælles-spisning" too
# Adjectives a cloud gives with and without the neuter "t" ("grøn", "grønt"); other words
# ending in "t" are words of their own ("kant", "salt", "fart", "sport").
NEUTER = frozenset(
    """
    grøn god stor sjov tryg ren varm ny fri smuk fin rig dyr lang kold sund grim tyk bred høj
    lav mørk tør våd svær hård blød blå grå hvid rød gul klar sikker åben
    """.split()
)
_KEYBOARD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _letters(word: str) -> bool:
    return bool(_LETTERS.fullmatch(word))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@functools.lru_cache(maxsize=65536)
def stems_of(word: str) -> frozenset[str]:
    """The stems a word may be read as: its own, without a neuter "t" ("grønt": "grøn"), and
    without the "e" Danish drops before an ending ("cykel": "cykl", as in "cykler")."""
    own = stem(word)
    found = {own}
    if word.endswith("t") and (word[:-1] in NEUTER or word.endswith("igt")):
        found.add(stem(word[:-1]))  # "hyggeligt": "hyggelig"; "kant" is not "kan"
    if len(own) >= 5 and own[-2] == "e" and own[-1] in "lnr" and own[-3] not in "aeiouyæøå":
        found.add(own[:-2] + own[-1])
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def keyboard_form(word: str) -> str:
    """The word with each doubled letter once, then æ, ø and å written as a keyboard
    without them does: "fællesskab", "faellesskab" and "fælleskab" are all "faeleskab".
    Never one letter for another: "måling" is not "maling", "sømmer" not "sommer"."""
    word = re.sub(r"(.)\1+", r"\1", word.replace("-", ""))
    return word.translate(_KEYBOARD)


def _slip(a: str, b: str) -> bool:
    """One letter more or less, or two neighbours swapped, in words of eight letters or
    more that begin alike; never a letter changed for another."""
    if min(len(a), len(b)) < EDITED or a[:2] != b[:2]:
        return False
    if Indel.distance(a, b) == 1:
        return True
    return len(a) == len(b) and OSA.distance(a, b) == 1 and sorted(a) == sorted(b)


def same_word(a: str, b: str) -> bool:
    """Whether two cloud words (normalised, different) are one word spelt two ways."""
    if a == b:
        return True
    if frozenset((a, b)) in NOT_SAME:
        return False
    parts_a, parts_b = a.split(), b.split()
    if len(parts_a) > 1 or len(parts_b) > 1:  # "grønne områder", "grøn område"
        return len(parts_a) == len(parts_b) and all(map(same_word, parts_a, parts_b))
    if not (_letters(a) and _letters(b)):
        return False
    if stems_of(a) & stems_of(b):
        return True
    if min(len(a), len(b)) >= FOLDED and keyboard_form(a) == keyboard_form(b):
        return True
    if min(len(a), len(b)) < EDITED:  # as written: "træning" is not a slip of "trækning"
        return False
    pairs = ((a, b), (keyboard_form(a), keyboard_form(b)), (stem(a), stem(b)))
    return any(_slip(x, y) for x, y in pairs)  # "legepladser": "legeplads", "legeplad"


def _keys(word: str) -> set[str]:
    """Where a word meets the words it may be one with: every pair that ``same_word`` finds
    shares a key (so the cloud is never compared word by word)."""
    parts = word.split()
    if len(parts) > 1:
        return {" ".join(stem(part)[:2] for part in parts) + f"#{len(parts)}"}
    if not _letters(word):
        return {"=" + word}
    keys = {"s" + s for s in stems_of(word)}
    plain = keyboard_form(word)
    if len(word) >= FOLDED:
        keys.add("k" + plain)
    for form in {word, plain, stem(word)}:
        if len(form) >= EDITED:
            keys.add("d" + form)
            keys.update("d" + form[:i] + form[i + 1 :] for i in range(len(form)))
    return keys


def variant_groups(words: Iterable[str]) -> list[list[str]]:
    """Groups of two or more words that are one, in the order ``words`` come (most said
    first): each word joins the first group with a word it is one with ("bæredytig" joins
    "bæredygtighed" through "bæredygtig"), or starts a group of its own."""
    groups: dict[str, list[str]] = {}  # by the group's first word, in the order they came
    place: dict[str, int] = {}
    by_key: dict[str, set[str]] = {}  # the groups with a word that has the key
    for word in words:
        if word in place:
            continue
        keys = _keys(word)
        met = sorted({first for key in keys for first in by_key.get(key, ())}, key=place.get)
        first = next(
            (first for first in met if any(same_word(other, word) for other in groups[first])),
            word,
        )
        place[word] = place.get(first, len(place))
        groups.setdefault(first, []).append(word)
        for key in keys:
            by_key.setdefault(key, set()).add(first)
    return [group for group in groups.values() if len(group) > 1]


def most_said_first(group: list[str], counts: dict[str, int]) -> list[str]:
    """A group's words, the most said first; between words said as often, an inflected
    word's base ("grøn" before "grønne") and a slip's full spelling ("affald" before
    "afald", which leaves a letter out)."""
    inflected = all(stems_of(group[0]) & stems_of(word) for word in group)
    ranked = sorted(group, key=lambda word: (-counts[word], word))
    first = min(ranked, key=lambda word: (-counts[word], len(word) if inflected else -len(word)))
    return [first, *(word for word in ranked if word != first)]
