"""Right-to-left text for the PDF: ReportLab draws strings in the order they are stored.

Hebrew or Arabic stored in reading (logical) order would come out backwards, so a line is put
into drawing (visual) order before it reaches ReportLab, by the Unicode bidirectional
algorithm of python-bidi. Arabic letters are first joined into their presentation forms by
arabic-reshaper (DejaVu Sans has them). A paragraph whose first strong letter reads right to
left is wrapped here, line by line, and right-aligned.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import arabic_reshaper
from bidi.algorithm import get_display  # the full algorithm, mirroring (L4) included

# The blocks that hold right-to-left letters: a cheap test before the real work.
_RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_LTR_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL_BLOCKS.search(text) is not None


def starts_rtl(text: str) -> bool:
    """Whether the first letter with a direction reads right to left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def shape(text: str, covered: frozenset[int] | set[int]) -> str:
    """Arabic letters joined into the forms the font has; other text as it is."""
    if not _ARABIC.search(text):
        return text
    joined = arabic_reshaper.reshape(text)
    if all(ord(char) in covered for char in joined if char not in text):
        return joined
    return text  # a font without the joined forms: the plain letters read better


NO_BREAK = "\u00a0"


def glued(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` with the spaces inside each right-to-left run that ``fits`` on one line made
    no-break spaces.

    Text set inside other markup is put in drawing order before ReportLab wraps it, so a run
    broken over two lines would come out with its words on the wrong line ("سلمى" under
    "حسن"). A run that fits is kept whole instead and moves to the next line as one piece; a
    longer one is left to wrap. The no-break space copies out as a space (``fonts.copies_as``).
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            joined = " ".join(run)
            out.append(joined.replace(" ", NO_BREAK) if fits(joined) else joined)
            run.clear()

    for word in text.split(" "):
        if word and has_rtl(word) and not _LTR_LETTER.search(word):
            run.append(word)
            continue
        flush()
        out.append(word)
    flush()
    return " ".join(out)


def visual(line: str, rtl: bool | None = None) -> str:
    """One line in drawing order; ``rtl`` is the paragraph direction (guessed when None)."""
    if not has_rtl(line):
        return line
    base = starts_rtl(line) if rtl is None else rtl
    return get_display(line, base_dir="R" if base else "L")


def visual_lines(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """``text`` wrapped to ``width`` and each line put in drawing order.

    ``measure`` gives the width of a string. Explicit line breaks are kept; a word longer
    than a line is cut.
    """
    rtl = starts_rtl(text)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while measure(word) > width and len(word) > 1:
                cut = max(1, int(len(word) * width / measure(word)))
                while cut > 1 and measure(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return [visual(line, rtl) for line in lines]
