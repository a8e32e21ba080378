"""Text a person typed, made safe to show: the one place that knows which characters go."""

from __future__ import annotations

import re
import unicodedata

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) can turn what a screen
# or the report shows around; nobody needs them to write an answer, a name or a title.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


# Control characters and lone surrogates never belong in a text; format characters do (the
# zero-width joiner holds emoji together), except the bidi controls above.
_DROPPED = ("Cc", "Cs")


def one_line(text: str) -> str:
    """A name, title, label or word: no control or bidi characters, single spaces, NFC."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED)
    return " ".join(unicodedata.normalize("NFC", without_bidi_controls(kept)).split())


def several_lines(text: str) -> str:
    """An answer: like ``one_line``, but line breaks and tabs stay; outer space goes."""
    kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _DROPPED)
    return unicodedata.normalize("NFC", without_bidi_controls(kept)).strip()
