"""The step kinds' words for the browser, in a page's language (``i18n-kinds`` on every page).

Each kind declares its name and the strings only its scripts ask for (``StepKind.title`` and
``words``, in English and Danish); every page hands them to ``static/js/i18n.js`` beside the
pages' shared strings, so a new kind's words need no template and no translation file.
"""

from __future__ import annotations

from functools import cache

from ..domain.kinds import KINDS


@cache
def kind_words(language: str) -> dict[str, str]:
    """Every kind's words in ``language``, its name as ``kind_<name>`` (the console's badge)."""
    words: dict[str, str] = {}
    for name, kind in KINDS.items():
        words[f"kind_{name}"] = kind.title.get(language)
        words.update({key: text.get(language) for key, text in kind.words.items()})
    return words
