"""Fonts and type for the PDF exports, and cleaning user text down to what the fonts can draw.

DejaVu Sans (Debian's fonts-dejavu-core) is preferred; without it the Vera fonts that ship
inside ReportLab are used. Both are embedded, so Danish letters render anywhere. A character
the fonts lack (an emoji, say) would otherwise come out as an empty or black box, so it is
replaced by a visible stand-in that the fonts do have.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics import shapes
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import tables

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REPORTLAB_FONT_DIR = Path(reportlab.__file__).parent / "fonts"

# (regular name, regular file, bold name, bold file), best first.
CANDIDATES = (
    (
        "DejaVuSans",
        SYSTEM_FONT_DIR / "DejaVuSans.ttf",
        "DejaVuSans-Bold",
        SYSTEM_FONT_DIR / "DejaVuSans-Bold.ttf",
    ),
    ("Vera", REPORTLAB_FONT_DIR / "Vera.ttf", "VeraBd", REPORTLAB_FONT_DIR / "VeraBd.ttf"),
)

# A font for the symbols and emoji the text font lacks (Debian's fonts-symbola: monochrome,
# so ReportLab can embed it; colour emoji fonts are bitmaps it cannot use).
SYMBOL_FONTS = (
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
    Path("/usr/share/fonts/truetype/symbola/Symbola.ttf"),
)
SYMBOLS = "Symbola"

# Stand-ins for a character the fonts lack, best first; the first one both fonts have wins.
REPLACEMENTS = ("\u25a1", "?")

# Marks that only modify a neighbour (variation selectors, skin tones, keycaps): when the font
# lacks them they are dropped rather than replaced, so one emoji becomes one stand-in.
_MODIFIERS = {0x20E3} | set(range(0x1F3FB, 0x1F400))
# Variation selectors are invisible and ReportLab does no shaping: always dropped.
_SELECTORS = set(range(0xFE00, 0xFE10)) | set(range(0xE0100, 0xE01F0))


INK = colors.HexColor("#1d2329")
MUTED = colors.HexColor("#5c6670")
RULE = colors.HexColor("#d5dbe1")
PANEL = colors.HexColor("#f1f4f7")
ACCENT = colors.HexColor("#1f5a8c")
BAR = colors.HexColor("#2f7bbf")
TRACK = colors.HexColor("#e3eaf1")
HIGHLIGHT = colors.HexColor("#fff4cc")
MARK = colors.HexColor("#b07800")
LATE = colors.HexColor("#a15c00")


@dataclass(frozen=True)
class Fonts:
    """The registered regular and bold font names, and the text cleaner that suits them."""

    regular: str
    bold: str
    cleaner: TextCleaner
    # The symbol font's name and what it draws that the text font does not (empty: none).
    symbols: str = ""
    symbol_chars: frozenset[int] = frozenset()


class TextCleaner(dict):
    """A ``str.translate`` table filled on first sight of each character, so cleaning is fast.

    Control characters other than newline and tab go; line and paragraph separators become
    newlines; invisible format characters go; anything the fonts cannot draw becomes the
    replacement.
    """

    def __init__(self, covered: frozenset[int], replacement: str) -> None:
        super().__init__()
        self.covered = covered
        self.replacement = replacement

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        if char in "\n\t":
            result: str | None = char
        elif char == "\r" or category in ("Zl", "Zp"):
            result = "\n"
        elif category in ("Cc", "Cf") or code in _SELECTORS:
            result = None
        elif category == "Zs":
            result = char if code in self.covered else " "
        elif code in _MODIFIERS:
            # Skin tones and keycaps only combine with shaping, which ReportLab lacks: drawn
            # alone they are swatches. The emoji they modify stays, in its plain form.
            result = None
        elif code in self.covered:
            result = char
        elif category in ("Mn", "Me") or category == "So":
            # A mark, or a symbol or emoji no font here has (newer emoji): left out, so the
            # report never shows a box where one was.
            result = None
        else:
            result = self.replacement
        self[code] = result
        return result

    def clean(self, text: str) -> str:
        """``text`` with only characters the fonts draw (plus newline and tab)."""
        if not text:
            return ""
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        return text.replace("\r\n", "\n").translate(self)

    def markup(self, text: str) -> str:
        """``text`` cleaned and escaped for a Paragraph, keeping its line breaks."""
        return escape(self.clean(text)).replace("\n", "<br/>")


_lock = threading.Lock()
_fonts: Fonts | None = None


def _available() -> tuple[str, Path, str, Path]:
    for candidate in CANDIDATES:
        if os.path.isfile(candidate[1]) and os.path.isfile(candidate[3]):
            return candidate
    raise FileNotFoundError("no usable TrueType font for the PDF export")


def _symbol_font(covered: frozenset[int]) -> tuple[str, frozenset[int]]:
    """Register the symbol font if the machine has it; what it adds to ``covered``."""
    path = next((candidate for candidate in SYMBOL_FONTS if candidate.is_file()), None)
    if path is None:
        return "", frozenset()
    if SYMBOLS not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(SYMBOLS, str(path)))
    # Letters stay in the text font; the symbol font draws only what that one lacks.
    extra = {code for code in _coverage(SYMBOLS) if code > 0x2000} - covered
    return SYMBOLS, frozenset(extra)


def copies_as(code: int) -> str:
    """The text a glyph stands for when the PDF is copied or searched.

    Arabic is drawn in its joined presentation forms (initial, medial, final, the lam-alef
    ligature), which no one types or searches for: each copies out as the letters it joins
    (U+FEB3 as س, U+FEFB as لا). A no-break space copies out as a space, so a search
    for a name finds it (bidi.glued keeps right-to-left names whole with them). Everything
    else copies out as itself.
    """
    char = chr(code)
    if code == 0xA0:
        return " "
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC:
        letters = unicodedata.normalize("NFKC", char).strip()
        if letters and letters != char:
            return letters
    return char


def unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode map of a font subset: Arabic presentation forms map to their letters
    (``copies_as``), and characters beyond the basic plane are written as UTF-16 surrogate
    pairs (ReportLab's own map writes them as five hex digits, which readers cannot decode:
    an emoji copied out of the PDF came back as another character)."""

    def utf16(code: int) -> str:
        return copies_as(code).encode("utf-16-be", "surrogatepass").hex().upper()

    entries = [f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = unicode_cmap


def _coverage(name: str) -> set[int]:
    face = pdfmetrics.getFont(name).face
    return {code for code, glyph in face.charToGlyph.items() if glyph}


def get_fonts() -> Fonts:
    """Register the fonts with ReportLab once per process and return their names."""
    global _fonts
    with _lock:
        if _fonts is None:
            regular, regular_path, bold, bold_path = _available()
            registered = pdfmetrics.getRegisteredFontNames()
            for name, path in ((regular, regular_path), (bold, bold_path)):
                if name not in registered:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            # Paragraph markup (<b>, <i>) resolves through the family mapping.
            addMapping(regular, 0, 0, regular)
            addMapping(regular, 1, 0, bold)
            addMapping(regular, 0, 1, regular)
            addMapping(regular, 1, 1, bold)
            # Table cells without a font of their own (an empty cell, too) and the charts'
            # drawings start in ours, so the report never refers to a font it does not embed.
            tables.CellStyle.fontname = regular
            shapes.STATE_DEFAULTS["fontName"] = regular
            covered = frozenset(_coverage(regular) & _coverage(bold))
            replacement = next((r for r in REPLACEMENTS if all(ord(c) in covered for c in r)), "?")
            symbols, extra = _symbol_font(covered)
            cleaner = TextCleaner(covered | extra, replacement)
            _fonts = Fonts(regular, bold, cleaner, symbols, extra)
        return _fonts


def paragraph_styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    """The paragraph styles of the report, in the registered fonts."""
    regular, bold = fonts.regular, fonts.bold
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=13.5, textColor=INK)

    def style(name: str, size: float, leading: float, font: str = regular, **more: Any):
        return ParagraphStyle(
            name, parent=base, fontName=font, fontSize=size, leading=leading, **more
        )

    keep, muted = {"keepWithNext": 1}, {"textColor": MUTED}
    number = {"bulletIndent": 19, "bulletAnchor": "end", "bulletFontSize": 9}
    number |= {"bulletFontName": regular, "bulletColor": MUTED}  # right-aligned "12."
    return {
        "kicker": style("kicker", 10.5, 13.5, bold, textColor=ACCENT, spaceAfter=4),
        "title": style("title", 24, 29, bold, spaceAfter=6),
        "subtitle": style("subtitle", 12, 16, spaceAfter=10, **muted),
        "fact_label": style("fact_label", 7.5, 10, **muted),
        "fact": style("fact", 10.5, 13.5, bold),
        "note": style("note", 8.5, 11, **muted),
        "section": style("section", 16, 20, bold, spaceBefore=6, spaceAfter=8, **keep),
        "heading": style("heading", 13.5, 17.5, bold, spaceBefore=4, spaceAfter=4, **keep),
        "subheading": style("subheading", 10.5, 14, bold, spaceBefore=8, spaceAfter=4),
        "meta": style("meta", 8.5, 11, spaceAfter=6, **muted, **keep),
        "body": style("body", 10, 13.5, spaceAfter=8, **keep),
        "cell": style("cell", 9.5, 12),
        "cell_bold": style("cell_bold", 9.5, 12, bold),
        "cell_right": style("cell_right", 9.5, 12, alignment=TA_RIGHT),
        "small": style("small", 8.5, 11),
        # Column headers never break inside a word ("Stemmegiv-ere"): columns are made wide
        # enough for their header instead.
        "head": style("head", 8, 10, bold, splitLongWords=0, **muted),
        "head_right": style(
            "head_right", 8, 10, bold, alignment=TA_RIGHT, splitLongWords=0, **muted
        ),
        "statement": style("statement", 10.5, 14, bold, spaceBefore=6, spaceAfter=1, **keep),
        "empty": style("empty", 10, 13.5, **muted),
        "answer": style("answer", 10, 13.5, leftIndent=26, spaceAfter=5, **number),
        "answer_marked": style(
            "answer_marked",
            10,
            13.5,
            leftIndent=26,
            spaceAfter=5,
            backColor=HIGHLIGHT,
            borderPadding=(2, 0, 3, 4),
            **number,
        ),
        "words": style("words", 9.5, 14, spaceBefore=4),
    }
