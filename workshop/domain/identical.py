"""The key under which answers are one card: the same words, whatever the case, spacing,
punctuation or emoji around them ("Byttemarked for cykler og værktøj!" and "byttemarked  for
cykler og værktøj 🚲").

Pure: no Flask, no storage.
"""

from __future__ import annotations

import unicodedata
from typing import Any


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
    if not _is_decoration(word[-1] if end else word[0]):
        return word  # most words: nothing written onto them
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
