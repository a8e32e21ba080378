"""The key a person meant: "did you mean" for a misspelt or Danish key in a tool file."""

from __future__ import annotations

import difflib

# Letters a keyboard without æ, ø and å writes instead, so "tidsramme" and "skaerm" match too.
_PLAIN = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "_", "-": "_"})


LONGEST = 40


def plain(key: str) -> str:
    return key.strip().casefold().translate(_PLAIN)


def suggestion(key: str, words: dict[str, str]) -> str:
    """The field ``key`` was meant as, or "": ``words`` maps each spelling (the field's name
    and the Danish words for it) to the field's name."""
    spellings = {plain(word): name for word, name in words.items()}
    wanted = plain(key)
    if len(wanted) > LONGEST:
        return ""  # no field is called anything that long: not worth comparing
    if wanted in spellings:
        return spellings[wanted]
    close = difflib.get_close_matches(wanted, list(spellings), n=1, cutoff=0.75)
    return spellings[close[0]] if close else ""
