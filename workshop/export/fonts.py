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
from reportlab.pdfbase import pdfmetrics
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
        elif code in self.covered:
            result = char
        elif category in ("Mn", "Me") or code in _MODIFIERS:
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
            _fonts = Fonts(regular, bold, TextCleaner(covered, replacement))
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
        "head": style("head", 8, 10, bold, **muted),
        "head_right": style("head_right", 8, 10, bold, alignment=TA_RIGHT, **muted),
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
