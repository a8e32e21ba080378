"""Right-to-left text for the PDF: ReportLab draws strings in the order they are stored.

Hebrew or Arabic stored in reading (logical) order would come out backwards, so a line is put
into drawing (visual) order before it reaches ReportLab. This is a simplified form of the
Unicode bidirectional algorithm: strong letters set the direction of their run, digits and
Latin inside right-to-left text keep their own order, and neutral characters between two runs
of the same direction join them. A paragraph whose first strong letter is right-to-left is
wrapped here, line by line, and right-aligned. Arabic letters are joined by swapping in their
presentation forms (initial, medial, final), which DejaVu Sans has; a font without them keeps
the plain letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# The blocks that hold right-to-left letters: a cheap test before the real work.
_RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_MIRRORS = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_STRONG_RTL = ("R", "AL")


def _forms() -> dict[str, dict[str, str]]:
    """The presentation forms of each Arabic letter, found by their Unicode names."""
    table: dict[str, dict[str, str]] = {}
    for code in range(0x0621, 0x06D4):
        char = chr(code)
        name = unicodedata.name(char, "")
        forms = {}
        for form in ("isolated", "final", "initial", "medial"):
            try:
                forms[form] = unicodedata.lookup(f"{name} {form.upper()} FORM")
            except KeyError:
                pass
        if "final" in forms:
            table[char] = forms
    return table


_FORMS = _forms()
_LAM, _TATWEEL = "\u0644", "\u0640"
_LAM_ALEF = {  # lam followed by an alef becomes one ligature: (isolated, final)
    "\u0622": ("\ufef5", "\ufef6"),
    "\u0623": ("\ufef7", "\ufef8"),
    "\u0625": ("\ufef9", "\ufefa"),
    "\u0627": ("\ufefb", "\ufefc"),
}


def _joins_forward(char: str) -> bool:
    """Whether a letter connects to the letter after it (dual-joining letters do)."""
    return char == _TATWEEL or "initial" in _FORMS.get(char, {})


def shape(text: str, covered: frozenset[int] | set[int]) -> str:
    """Arabic letters in logical order swapped for their joined forms, where the font has them."""
    if not any(c in _FORMS for c in text):
        return text
    letters = [i for i, c in enumerate(text) if unicodedata.category(c) != "Mn"]
    out = list(text)
    for place, index in enumerate(letters):
        char = text[index]
        forms = _FORMS.get(char)
        if not forms:
            continue
        before = text[letters[place - 1]] if place else ""
        after = text[letters[place + 1]] if place + 1 < len(letters) else ""
        joined_before = _joins_forward(before) if before else False
        if char == _LAM and after in _LAM_ALEF:
            ligature = _LAM_ALEF[after][1 if joined_before else 0]
            if ord(ligature) in covered:
                out[index], out[letters[place + 1]] = ligature, ""
                continue
        if out[index] == "":
            continue
        joined_after = "initial" in forms and after in _FORMS
        form = {(True, True): "medial", (True, False): "final", (False, True): "initial"}.get(
            (joined_before, joined_after), "isolated"
        )
        chosen = forms.get(form) or forms.get("isolated")
        if chosen and ord(chosen) in covered:
            out[index] = chosen
    return "".join(out)


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL_BLOCKS.search(text) is not None


def starts_rtl(text: str) -> bool:
    """Whether the first letter with a direction reads right to left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _STRONG_RTL:
            return True
        if direction == "L":
            return False
    return False


def _levels(line: str, base: int) -> list[int]:
    """An embedding level per character: even reads left to right, odd right to left."""
    # Each character's type: "L", "R", "N" (number) or None (neutral, decided below).
    types: list[str | None] = []
    last_strong = "R" if base else "L"
    for char in line:
        direction = unicodedata.bidirectional(char)
        if direction in _STRONG_RTL:
            types.append("R")
            last_strong = "R"
        elif direction == "L":
            types.append("L")
            last_strong = "L"
        elif direction == "EN":
            types.append("L" if last_strong == "L" else "N")  # digits after Latin are Latin
        elif direction == "AN":
            types.append("N")
        else:
            types.append(None)
    # Numbers count as right-to-left when deciding the neutrals between runs.
    embedding = "R" if base else "L"
    sides = [None if t is None else ("L" if t == "L" else "R") for t in types]
    following, after = [embedding] * len(types), embedding
    for position in range(len(types) - 1, -1, -1):
        following[position] = after
        after = sides[position] or after
    levels: list[int] = []
    before = embedding
    for position, kind in enumerate(types):
        if kind is None:
            kind = before if before == following[position] else embedding
        else:
            before = sides[position] or before
        if base:
            levels.append(1 if kind == "R" else 2)
        else:
            levels.append({"L": 0, "R": 1, "N": 2}[kind])
    return levels


def visual(line: str, rtl: bool | None = None) -> str:
    """One line in drawing order; ``rtl`` is the paragraph direction (guessed when None)."""
    if not has_rtl(line):
        return line
    base = int(starts_rtl(line) if rtl is None else rtl)
    levels = _levels(line, base)
    chars = [_MIRRORS.get(c, c) if level % 2 else c for c, level in zip(line, levels, strict=True)]
    order = list(range(len(chars)))
    for threshold in range(max(levels), 0, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and levels[order[position]] >= threshold
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    return "".join(chars[i] for i in order)


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
